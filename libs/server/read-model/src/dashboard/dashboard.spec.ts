import { rate } from './dashboard.service';

describe('conversion rate', () => {
  it('is a percentage with one decimal, and null when there is nothing to convert from', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(5, 7)).toBe(71.4);
    expect(rate(1, 1)).toBe(100);
    expect(rate(0, 0)).toBeNull();
  });
});
