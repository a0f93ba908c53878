import { aggregate, rank, weightedTotal } from './aggregate';

describe('challenge score aggregation rule', () => {
  it('takes the plain mean of fewer than five reviewers’ totals', () => {
    expect(aggregate(['80.00', '90.00'])).toBe('85.00');
    expect(aggregate(['70', '80', '90', '100'])).toBe('85.00');
    expect(aggregate(['88.50'])).toBe('88.50');
  });

  it('drops one highest and one lowest total from five or more reviewers', () => {
    // Without trimming the mean would be 72.00; the outliers 10 and 100 go.
    expect(aggregate(['10', '80', '85', '85', '100'])).toBe('83.33');
    expect(aggregate(['60', '60', '70', '80', '90', '90'])).toBe('75.00');
  });

  it('rounds half up to two decimals, exactly (no float drift)', () => {
    expect(aggregate(['0.01', '0.02'])).toBe('0.02'); // 1.5 hundredths → 2
    expect(aggregate(['33.33', '33.33', '33.34'])).toBe('33.33');
    expect(aggregate(['0.10', '0.20'])).toBe('0.15');
  });

  it('is null when nobody scored', () => {
    expect(aggregate([])).toBeNull();
  });

  it('weights each criterion score by its weight (weights sum to 100)', () => {
    expect(weightedTotal([80, 90, 70], [50, 30, 20])).toBe('81.00');
    expect(weightedTotal([77, 83], [33, 67])).toBe('81.02');
    expect(weightedTotal([100, 100], [40, 60])).toBe('100.00');
  });

  it('ranks best first, ties share a rank, unscored last without a rank', () => {
    const ranked = rank([
      { id: 'a', aggregate: '70.00' },
      { id: 'b', aggregate: null },
      { id: 'c', aggregate: '90.00' },
      { id: 'd', aggregate: '70.00' },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', null],
    ]);
  });
});
