import { kpiExpected, kpiQuarters, kpiReached, kpiStatus } from './kpi';

describe('the straight line from the 2025 baseline to the 2030 target', () => {
  it('moves a level a twentieth of the way each quarter, reaching the target at 2030Q4', () => {
    expect(kpiExpected('380', '500', '2026Q1', 'level')).toBe('386.00');
    expect(kpiExpected('380', '500', '2026Q4', 'level')).toBe('404.00');
    expect(kpiExpected('380', '500', '2028Q2', 'level')).toBe('440.00');
    expect(kpiExpected('380', '500', '2030Q4', 'level')).toBe('500.00');
  });

  it('gives an annual figure its year’s expected total, pro rata over the quarters passed', () => {
    // 2026 expects 150 000 000 + 50 000 000 / 5 = 160 000 000 元 over the year.
    expect(kpiExpected('150000000', '200000000', '2026Q4', 'annual')).toBe('160000000.00');
    expect(kpiExpected('150000000', '200000000', '2026Q2', 'annual')).toBe('80000000.00');
    expect(kpiExpected('150000000', '200000000', '2030Q4', 'annual')).toBe('200000000.00');
  });

  it('stays at the baseline before the plan and at the target after it', () => {
    expect(kpiExpected('380', '500', '2025Q4', 'level')).toBe('380.00');
    expect(kpiExpected('380', '500', '2031Q2', 'level')).toBe('500.00');
  });

  it('rounds down to hundredths, exactly', () => {
    expect(kpiExpected('55', '70', '2026Q1', 'level')).toBe('55.75');
    expect(kpiExpected('1', '3', '2026Q3', 'level')).toBe('1.30');
    expect(kpiExpected('0.01', '0.02', '2026Q1', 'level')).toBe('0.01');
  });
});

describe('the status against the expected value', () => {
  it('is on track within 5 % either side, both ends included', () => {
    expect(kpiStatus('100', '100')).toBe('on_track');
    expect(kpiStatus('95', '100')).toBe('on_track');
    expect(kpiStatus('105', '100')).toBe('on_track');
  });

  it('is behind below 95 % and ahead above 105 % of the expected value', () => {
    expect(kpiStatus('94.99', '100')).toBe('behind');
    expect(kpiStatus('105.01', '100')).toBe('ahead');
    expect(kpiStatus('0', '404')).toBe('behind');
  });

  it('is no_data without an actual, and an expected zero is met by anything', () => {
    expect(kpiStatus(null, '100')).toBe('no_data');
    expect(kpiStatus('0', '0')).toBe('on_track');
    expect(kpiStatus('1', '0')).toBe('ahead');
  });
});

describe('the plan’s quarters', () => {
  it('run from 2026Q1 up to the quarter, none before the plan', () => {
    expect(kpiQuarters('2026Q3')).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    expect(kpiQuarters('2027Q1')).toHaveLength(5);
    expect(kpiQuarters('2025Q4')).toEqual([]);
    expect(kpiQuarters('2031Q1')).toHaveLength(20);
  });
});

describe("kpiReached: a county's actual against its allocation", () => {
  it('is the share reached in percent, to two decimals rounded half up, past 100 when exceeded', () => {
    expect(kpiReached('21.00', '25.00')).toBe('84.00');
    expect(kpiReached('1.00', '3.00')).toBe('33.33');
    expect(kpiReached('2.00', '3.00')).toBe('66.67');
    expect(kpiReached('30.00', '25.00')).toBe('120.00');
  });

  it('is null without an actual, without an allocation, or for a zero allocation', () => {
    expect(kpiReached(null, '25.00')).toBeNull();
    expect(kpiReached('21.00', null)).toBeNull();
    expect(kpiReached('21.00', '0.00')).toBeNull();
  });
});
