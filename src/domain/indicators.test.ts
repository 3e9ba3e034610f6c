import { describe, expect, it } from 'vitest';
import { checkParts, checkValue, cumulativeFigures, indicatorSeries, cumulativeTargets, indicatorStatus, periodFigure, periodOf, periodsBetween, progress, updateValue } from './indicators.ts';

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

describe('series', () => {
  const quarterly = { type: 'count' as const, aggregation: 'sum' as const, frequency: 'quarter' as const, direction: 'increase' as const, baselineValue: 0 };
  const targets = [
    { start: '2026-01-01', end: '2026-03-31', value: 30 },
    { start: '2026-04-01', end: '2026-06-30', value: 30 },
    { start: '2026-07-01', end: '2026-09-30', value: 40 },
  ];
  const updates = [
    { date: '2026-02-10', value: 10, parts: { sex: { female: 6, male: 4 } } },
    { date: '2026-03-20', value: 15, parts: { sex: { female: 9, male: 5 } } },
    { date: '2026-05-05', value: 20, parts: { sex: { female: 12, male: 8 } } },
  ];

  it('gives each period its figure, target, value and target to date, and the same for every category', () => {
    const s = indicatorSeries({ ...quarterly, targets }, updates, '2026-07-15', { start: '2026-01-01', end: '2026-12-31' });
    expect(s.periods.map((p) => p.start)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(s.periods.map((p) => p.figure.value)).toEqual([25, 20, null, null]);
    expect(s.periods.map((p) => p.toDate)).toEqual([25, 45, 45, 45]);
    expect(s.periods.map((p) => p.targetToDate)).toEqual([30, 60, 100, 100]);
    expect(s.periods[0].parts.sex).toEqual({ female: { value: 15, toDate: 15 }, male: { value: 9, toDate: 9 } });
    expect(s.periods[1].parts.sex.female).toEqual({ value: 12, toDate: 27 });
    // judged on the last quarter ended by 15 July: 45 of 60
    expect(s.statusPeriod).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(s).toMatchObject({ actualToDate: 45, targetToDate: 60, status: 'at_risk', progress: 0.75 });
  });

  it('judges the last ended period, not one under way against its whole target', () => {
    // 100 reached in Q1; 5 more on 2 April must not turn the light red
    const q = [{ start: '2026-01-01', end: '2026-03-31', value: 100 }, { start: '2026-04-01', end: '2026-06-30', value: 100 }];
    const s = indicatorSeries({ ...quarterly, targets: q }, [{ date: '2026-03-20', value: 100 }, { date: '2026-04-02', value: 5 }], '2026-04-03');
    expect(s).toMatchObject({ statusPeriod: { start: '2026-01-01', end: '2026-03-31' }, actualToDate: 100, targetToDate: 100, status: 'on_track' });
  });

  it('in the first period, judges it once it has values against the share of its target the days gone make', () => {
    // 15 February: 46 of Q1's 90 days gone, so 30 × 46/90 ≈ 15.3 is due; 10 is two thirds of that
    const early = indicatorSeries({ ...quarterly, targets }, [updates[0]], '2026-02-15');
    expect(early.statusPeriod?.start).toBe('2026-01-01');
    expect(early.actualToDate).toBe(10);
    expect(early.targetToDate).toBeCloseTo((30 * 46) / 90);
    expect(early.status).toBe('at_risk');
    expect(indicatorSeries({ ...quarterly, targets }, [], '2026-02-15')).toMatchObject({ status: 'no_data', statusPeriod: null });
  });

  it('puts values in custom periods and counts those outside them', () => {
    const custom = { ...quarterly, frequency: 'custom' as const, targets: [{ start: '2026-01-15', end: '2026-06-14', value: 20 }] };
    const s = indicatorSeries(custom, updates, '2026-12-31');
    expect(s.periods).toHaveLength(1);
    expect(s.periods[0].figure.value).toBe(45);
    expect(s.outside).toBe(0);
    expect(indicatorSeries(custom, [...updates, { date: '2026-08-01', value: 3 }], '2026-12-31').outside).toBe(1);
  });

  it('keeps the latest value of a percentage by category from its parts', () => {
    const pct = { type: 'percentage' as const, aggregation: 'sum' as const, frequency: 'year' as const, direction: 'increase' as const, baselineValue: 40, targets: [{ start: '2026-01-01', end: '2026-12-31', value: 70 }] };
    const s = indicatorSeries(pct, [
      { date: '2026-03-01', numerator: 30, denominator: 50, parts: { sex: { female: { numerator: 20, denominator: 30 }, male: { numerator: 10, denominator: 20 } } } },
      { date: '2026-09-01', numerator: 40, denominator: 50, parts: { sex: { female: { numerator: 25, denominator: 30 }, male: { numerator: 15, denominator: 20 } } } },
    ], '2027-01-10');
    expect(s.periods[0].figure).toMatchObject({ value: 70, numerator: 70, denominator: 100 });
    expect(s.periods[0].parts.sex.female.value).toBeCloseTo(75);
    expect(s.periods[0].parts.sex.male.value).toBeCloseTo(62.5);
    expect(s).toMatchObject({ status: 'on_track', progress: 1 });
  });
});

describe('checking an entered value', () => {
  const cats = (d: string) => (d === 'sex' ? ['female', 'male'] : d === 'age' ? ['0-17', '18+'] : null);
  const count = { type: 'count' as const, disaggregations: ['sex', 'age'] };

  it('accepts parts that add up, and parts short of the total only with a note', () => {
    expect(checkValue(count, { value: 10, parts: { sex: { female: 6, male: 4 }, age: { '0-17': 3, '18+': 7 } } }, cats)).toEqual({});
    expect(checkValue(count, { value: 10, parts: { sex: { female: 6, male: 3 } } }, cats)).toEqual({ 'parts.sex': 'parts_below_total' });
    expect(checkValue(count, { value: 10, parts: { sex: { female: 6, male: 3 } }, partsNote: 'Satu orang tidak mencatat jenis kelamin' }, cats)).toEqual({});
    expect(checkValue(count, { value: 10, parts: { sex: { female: 8, male: 4 } }, partsNote: 'x' }, cats)).toEqual({ 'parts.sex': 'parts_exceed_total' });
  });

  it('refuses values out of range, unknown dimensions and categories, and wrong shapes', () => {
    expect(checkValue(count, {}, cats)).toEqual({ value: 'value_required' });
    expect(checkValue(count, { value: -1 }, cats)).toEqual({ value: 'value_range' });
    expect(checkValue(count, { value: 2.5 }, cats)).toEqual({ value: 'value_range' });
    expect(checkValue(count, { value: 5, parts: { disability: { with: 1 } } }, cats)).toEqual({ 'parts.disability': 'parts_dimension' });
    expect(checkValue(count, { value: 5, parts: { sex: { other: 5 } } }, cats)).toEqual({ 'parts.sex.other': 'parts_category' });
    expect(checkValue(count, { value: 5, parts: { sex: { female: { numerator: 1, denominator: 2 } } } }, cats)).toMatchObject({ 'parts.sex.female': 'part_shape' });
    expect(checkValue({ type: 'yes_no', disaggregations: [] }, { value: 2 }, cats)).toEqual({ value: 'value_range' });
    expect(checkValue({ type: 'percentage', disaggregations: [] }, { value: 101 }, cats)).toEqual({ value: 'value_range' });
  });

  it('checks a percentage from its parts: numerator within denominator, numerators and denominators adding up', () => {
    const pct = { type: 'percentage' as const, disaggregations: ['sex'] };
    expect(checkValue(pct, { numerator: 30, denominator: 50, parts: { sex: { female: { numerator: 20, denominator: 30 }, male: { numerator: 10, denominator: 20 } } } }, cats)).toEqual({});
    expect(checkValue(pct, { numerator: 60, denominator: 50 }, cats)).toEqual({ numerator: 'value_range' });
    expect(checkValue(pct, { numerator: 30 }, cats)).toEqual({ denominator: 'value_required' });
    expect(checkValue(pct, { numerator: 30, denominator: 50, parts: { sex: { female: { numerator: 20, denominator: 40 }, male: { numerator: 10, denominator: 20 } } } }, cats)).toEqual({ 'parts.sex': 'parts_exceed_total' });
  });
});
