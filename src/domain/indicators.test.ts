import { describe, expect, it } from 'vitest';
import { checkParts, cumulativeFigures, cumulativeTargets, indicatorStatus, periodFigure, periodOf, periodsBetween, progress, updateValue } from './indicators.ts';

describe('periods', () => {
  it('finds the calendar month, quarter and year of a date, month ends and leap years included', () => {
    expect(periodOf('2024-02-10', 'month')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2025-02-28', 'month')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(periodOf('2026-08-31', 'quarter')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-12-31', 'quarter')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-01-01', 'year')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('lists every period between two dates, partial ones at the ends included', () => {
    expect(periodsBetween('2026-01-31', '2026-04-01', 'month').map((p) => p.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
    expect(periodsBetween('2025-11-15', '2026-02-01', 'quarter').map((p) => `${p.start}..${p.end}`)).toEqual(['2025-10-01..2025-12-31', '2026-01-01..2026-03-31']);
    expect(periodsBetween('2026-01-01', '2028-12-31', 'year')).toHaveLength(3);
    expect(periodsBetween('2026-05-01', '2026-04-01', 'month')).toEqual([]);
  });
});

describe('values of a period', () => {
  it('makes a percentage from its parts, and none from a zero denominator', () => {
    expect(updateValue({ date: '2026-01-05', numerator: 3, denominator: 4 }, 'percentage')).toBe(75);
    expect(updateValue({ date: '2026-01-05', numerator: 0, denominator: 0 }, 'percentage')).toBeNull();
    expect(updateValue({ date: '2026-01-05', value: 1 }, 'yes_no')).toBe(1);
  });

  it('adds counts up, or takes the latest update (by date, then by entry order)', () => {
    const updates = [
      { date: '2026-01-20', value: 12, order: 1 },
      { date: '2026-01-05', value: 30, order: 2 },
      { date: '2026-01-20', value: 15, order: 3 },
    ];
    expect(periodFigure(updates, 'count', 'sum')).toEqual({ value: 57, updates: 3 });
    expect(periodFigure(updates, 'count', 'latest')).toEqual({ value: 15, updates: 3 });
    expect(periodFigure([], 'count', 'sum')).toEqual({ value: null, updates: 0 });
  });

  it('sums a percentage’s numerators and denominators, never its percentages', () => {
    // 1 of 2 (50%) and 9 of 10 (90%) is 10 of 12, not the mean 70%
    const f = periodFigure([{ date: '2026-02-01', numerator: 1, denominator: 2 }, { date: '2026-02-15', numerator: 9, denominator: 10 }], 'percentage', 'sum');
    expect(f).toMatchObject({ numerator: 10, denominator: 12, updates: 2 });
    expect(f.value).toBeCloseTo(83.333, 3);
    expect(periodFigure([{ date: '2026-02-01', numerator: 0, denominator: 0 }], 'percentage', 'sum').value).toBeNull();
  });

  it('averages percentages entered without their parts, instead of losing them', () => {
    expect(periodFigure([{ date: '2026-02-01', value: 75 }], 'percentage', 'sum')).toEqual({ value: 75, updates: 1 });
    expect(periodFigure([{ date: '2026-02-01', value: 50 }, { date: '2026-02-09', numerator: 7, denominator: 10 }], 'percentage', 'sum').value).toBeCloseTo(68.18, 2);
  });

  it('averages averages by how many each measured, and keeps the latest yes/no answer', () => {
    expect(periodFigure([{ date: '2026-03-01', value: 2, denominator: 10 }, { date: '2026-03-02', value: 4, denominator: 30 }], 'average', 'sum').value).toBe(3.5);
    expect(periodFigure([{ date: '2026-03-01', value: 2 }, { date: '2026-03-02', value: 4 }], 'average', 'sum').value).toBe(3);
    expect(periodFigure([{ date: '2026-03-01', value: 1 }, { date: '2026-03-09', value: 0 }], 'yes_no', 'sum').value).toBe(0);
  });
});

describe('cumulative values and targets', () => {
  const f = (value: number | null, updates = value == null ? 0 : 1, numerator?: number, denominator?: number) => ({ value, updates, numerator, denominator });

  it('adds a summed count up to date, with nothing before the first update', () => {
    expect(cumulativeFigures([f(null), f(10), f(null), f(5)], 'count', 'sum')).toEqual([null, 10, 10, 15]);
  });

  it('carries a latest-value indicator forward through periods without updates', () => {
    expect(cumulativeFigures([f(4), f(null), f(7), f(null)], 'count', 'latest')).toEqual([4, 4, 7, 7]);
  });

  it('re-divides a percentage’s summed parts to date', () => {
    const out = cumulativeFigures([f(50, 1, 1, 2), f(null, 0), f(90, 1, 9, 10)], 'percentage', 'sum');
    expect(out[0]).toBe(50);
    expect(out[1]).toBe(50);
    expect(out[2]).toBeCloseTo(83.333, 3);
    expect(cumulativeFigures([f(null, 1, 0, 0)], 'percentage', 'sum')).toEqual([null]);
    // periods without parts: a mean of the periods, weighted by their updates
    expect(cumulativeFigures([f(50, 1), f(70, 1), f(null, 0)], 'percentage', 'sum')).toEqual([50, 60, 60]);
  });

  it('adds a summed count’s targets up and keeps a level target as it is', () => {
    expect(cumulativeTargets([30, 30, null, 60], 'count', 'sum')).toEqual([30, 60, 60, 120]);
    expect(cumulativeTargets([null, 0, 0], 'count', 'sum')).toEqual([null, 0, 0]);
    expect(cumulativeTargets([60, null, 75], 'percentage', 'sum')).toEqual([60, 60, 75]);
    expect(cumulativeTargets([null, 40], 'count', 'latest')).toEqual([null, 40]);
  });
});

describe('disaggregation', () => {
  it('accepts parts that add up to the total in every dimension', () => {
    expect(checkParts(40, { sex: { female: 25, male: 15 }, age: { '0-17': 10, '18-59': 22, '60+': 8 } })).toEqual([]);
  });

  it('says which parts exceed the total, and which fall short (allowed with a reason)', () => {
    expect(checkParts(40, { sex: { female: 30, male: 15 }, age: { '18-59': 30 }, disability: {} })).toEqual([
      { dimension: 'sex', code: 'parts_exceed_total', sum: 45, total: 40 },
      { dimension: 'age', code: 'parts_below_total', sum: 30, total: 40 },
    ]);
  });

  it('ignores a dimension with no parts entered', () => {
    expect(checkParts(0, { sex: { female: null, male: undefined } })).toEqual([]);
  });
});

describe('traffic light', () => {
  it('measures the way from baseline to target, in the indicator’s direction', () => {
    expect(progress(55, 70, 40, 'increase')).toBe(0.5);
    expect(progress(30, 20, 40, 'decrease')).toBe(0.5);
    expect(progress(80, 70, 40, 'increase')).toBeCloseTo(1.333, 3);
  });

  it('starts an increase without a baseline at 0; a decrease without one only knows met or not', () => {
    expect(progress(45, 50, null, 'increase')).toBe(0.9);
    expect(progress(12, 10, null, 'decrease')).toBe(0);
    expect(progress(9, 10, null, 'decrease')).toBe(1);
  });

  it('handles a target of 0 and a target equal to the baseline', () => {
    expect(progress(0, 0, null, 'increase')).toBe(1);
    expect(progress(3, 0, 5, 'decrease')).toBe(0.4); // 2 of the 5 to go
    expect(progress(0, 0, 5, 'decrease')).toBe(1);
    expect(progress(50, 50, 50, 'increase')).toBe(1);
    expect(progress(49, 50, 50, 'increase')).toBe(0);
  });

  it('is on track from 90% of the way, at risk from 60%, off track below, with its own rule when given', () => {
    expect(indicatorStatus(67, 70, 40, 'increase').status).toBe('on_track');
    expect(indicatorStatus(60, 70, 40, 'increase').status).toBe('at_risk');
    expect(indicatorStatus(50, 70, 40, 'increase')).toEqual({ status: 'off_track', progress: 1 / 3 });
    expect(indicatorStatus(60, 70, 40, 'increase', { onTrack: 0.6, atRisk: 0.3 }).status).toBe('on_track');
    expect(indicatorStatus(null, 70, 40, 'increase')).toEqual({ status: 'no_data', progress: null });
    expect(indicatorStatus(50, null, 40, 'increase')).toEqual({ status: 'no_target', progress: null });
  });
});
