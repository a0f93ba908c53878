import { BookingRules, bookingProblems, beijingInstant, slotHours, weekdayIndex } from './capacity';

const DAY = { open: '08:30', close: '17:30' };
const rules: BookingRules = {
  openingHours: [DAY, DAY, DAY, DAY, DAY, { open: '09:00', close: '12:00' }, null],
  minHours: 1,
  maxHours: 4,
  slotMinutes: 30,
  leadHours: 24,
  approvalRequired: true,
};
// "now" is Thursday 2026-12-31, 10:00 Beijing; 2027-01-04 is a Monday, 2027-01-09 a Saturday.
const now = new Date('2026-12-31T02:00:00Z');
const codes = (date: string, start: string, end: string) => bookingProblems(rules, { date, start, end }, now).map((p) => p.code);

describe('booking rules (仪器预约规则), in Beijing time', () => {
  it('reads a Beijing date and time as its instant, and weekdays from Monday', () => {
    expect(beijingInstant('2027-01-04', '09:00').toISOString()).toBe('2027-01-04T01:00:00.000Z');
    expect(weekdayIndex('2027-01-04')).toBe(0);
    expect(weekdayIndex('2027-01-10')).toBe(6);
  });

  it('accepts a slot within the opening hours, on the granularity, between the minimum and maximum hours', () => {
    expect(codes('2027-01-04', '08:30', '12:30')).toEqual([]);
    expect(codes('2027-01-09', '09:00', '12:00')).toEqual([]);
    expect(slotHours({ date: '2027-01-04', start: '14:00', end: '16:30' })).toBe('2.50');
  });

  it('refuses each rule broken, naming the rule', () => {
    expect(codes('2027-01-04', '09:15', '11:00')).toEqual(['booking_granularity']);
    expect(codes('2027-01-04', '09:00', '09:30')).toEqual(['booking_min_hours']);
    expect(codes('2027-01-04', '08:30', '13:00')).toEqual(['booking_max_hours']);
    expect(codes('2027-01-04', '16:30', '18:00')).toEqual(['booking_outside_hours']);
    expect(codes('2027-01-09', '11:00', '13:00')).toEqual(['booking_outside_hours']);
    expect(codes('2027-01-10', '09:00', '11:00')).toEqual(['booking_closed_day']);
    expect(codes('2027-01-04', '11:00', '09:00')).toEqual(['booking_end_before_start']);
    expect(codes('2027-01-04', '9:00', '11:00')).toEqual(['booking_time_invalid']);
  });

  it('keeps the lead time and refuses the past', () => {
    // Thursday 10:00 Beijing: Friday 09:00 is 23 hours ahead, Friday 10:00 exactly 24.
    expect(codes('2027-01-01', '09:00', '11:00')).toEqual(['booking_lead_time']);
    expect(codes('2027-01-01', '10:00', '12:00')).toEqual([]);
    expect(codes('2026-12-30', '09:00', '11:00')).toEqual(['booking_in_past']);
  });
});
