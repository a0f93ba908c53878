import { quarterBounds, quarterOf } from '@ztt/contracts';
import { quarterlyJobId, remainingPhases } from './quarterly.service';

describe('quarters', () => {
  it('starts and ends each quarter at midnight Beijing time', () => {
    expect(quarterBounds('2026Q4')).toEqual({ from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(quarterBounds('2027Q1')).toEqual({ from: new Date('2026-12-31T16:00:00Z'), to: new Date('2027-03-31T16:00:00Z') });
    expect(quarterBounds('2026Q2').from).toEqual(new Date('2026-03-31T16:00:00Z'));
    expect(() => quarterBounds('2026Q5')).toThrow();
  });

  it('agrees with quarterOf on both sides of each boundary', () => {
    for (const q of ['2026Q1', '2026Q2', '2026Q3', '2026Q4']) {
      const { from, to } = quarterBounds(q);
      expect(quarterOf(from)).toBe(q);
      expect(quarterOf(new Date(to.getTime() - 1))).toBe(q);
      expect(quarterOf(to)).not.toBe(q);
    }
  });

  it('names the job of a quarter without a colon', () => {
    expect(quarterlyJobId('2026Q4')).toBe('quarterly-2026Q4');
  });
});

describe('resuming from the cursor', () => {
  it('does needs then achievements, continuing after the last item done', () => {
    expect(remainingPhases(null, null)).toEqual([
      { kind: 'need', after: null },
      { kind: 'achievement', after: null },
    ]);
    expect(remainingPhases('need', 'n1')).toEqual([
      { kind: 'need', after: 'n1' },
      { kind: 'achievement', after: null },
    ]);
    expect(remainingPhases('achievement', 'a1')).toEqual([{ kind: 'achievement', after: 'a1' }]);
  });
});
