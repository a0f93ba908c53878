import { beijingDate, daysBetween, previousQuarter, quarterBounds, quarterOf, quartersUpTo } from './beijing-time';

describe('quarters in Beijing time', () => {
  it('puts 31 Dec 17:00 UTC in the next year’s first quarter (01:00 in Beijing)', () => {
    expect(quarterOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027Q1');
    expect(quarterOf(new Date('2026-12-31T15:00:00Z'))).toBe('2026Q4');
  });
  it('bounds a quarter at Beijing midnight', () => {
    expect(quarterBounds('2026Q4')).toEqual({ from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });
  it('steps back across a year and lists quarters oldest first', () => {
    expect(previousQuarter('2027Q1')).toBe('2026Q4');
    expect(quartersUpTo('2027Q2', 4)).toEqual(['2026Q3', '2026Q4', '2027Q1', '2027Q2']);
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-12-24', '2026-12-31')).toBe(7);
    expect(beijingDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
