import { describe, expect, it } from 'vitest';
import { addMonths, isOverdue, reportSchedule, weightedForecast } from './funding.ts';

const both = ['narrative', 'financial'] as const;

describe('report schedules', () => {
  it('makes quarterly interim reports and final reports N days after the end', () => {
    const s = reportSchedule('2026-01-01', '2026-12-31', { frequency: 'quarterly', dueDays: 30, finalDays: 60, kinds: both });
    expect(s.filter((r) => r.kind === 'narrative').map((r) => [r.periodStart, r.periodEnd, r.dueDate, r.final])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-04-30', false],
      ['2026-04-01', '2026-06-30', '2026-07-30', false],
      ['2026-07-01', '2026-09-30', '2026-10-30', false],
      // the fourth quarter ends with the grant: the final report covers it
      ['2026-01-01', '2026-12-31', '2027-03-01', true],
    ]);
    expect(s.filter((r) => r.kind === 'financial')).toHaveLength(4);
  });

  it('keeps month ends from drifting (a grant starting on 31 January)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    const s = reportSchedule('2026-01-31', '2027-01-30', { frequency: 'quarterly', dueDays: 0, finalDays: 30, kinds: ['financial'] });
    expect(s.map((r) => `${r.periodStart}..${r.periodEnd}`)).toEqual(['2026-01-31..2026-04-29', '2026-04-30..2026-07-30', '2026-07-31..2026-10-30', '2026-01-31..2027-01-30']);
  });

  it('gives a grant shorter than a quarter its final reports only; semesters and years; a partial last period', () => {
    expect(reportSchedule('2026-05-01', '2026-06-15', { frequency: 'quarterly', dueDays: 30, finalDays: 30, kinds: both }).map((r) => r.final)).toEqual([true, true]);
    const sem = reportSchedule('2026-07-01', '2028-03-31', { frequency: 'semester', dueDays: 15, finalDays: 90, kinds: ['narrative'] });
    expect(sem.map((r) => r.periodEnd)).toEqual(['2026-12-31', '2027-06-30', '2027-12-31', '2028-03-31']);
    expect(sem[3]).toMatchObject({ final: true, dueDate: '2028-06-29' });
    expect(reportSchedule('2026-01-01', '2027-12-31', { frequency: 'yearly', dueDays: 30, finalDays: 30, kinds: ['narrative'] }).map((r) => r.periodEnd)).toEqual(['2026-12-31', '2027-12-31']);
    expect(reportSchedule('2026-01-01', '2026-12-31', { frequency: 'none', dueDays: 30, finalDays: 30, kinds: ['narrative'] })).toHaveLength(1);
    expect(reportSchedule('2026-02-01', '2026-01-01', { frequency: 'quarterly', dueDays: 30, finalDays: 30, kinds: both })).toEqual([]);
  });

  it('calls a report overdue only while it is due after its date', () => {
    expect(isOverdue({ status: 'due', dueDate: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ status: 'due', dueDate: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'submitted', dueDate: '2026-01-01' }, '2026-03-01')).toBe(false);
  });
});

describe('weighted forecast', () => {
  it('sums amount × probability per stage and currency in integers, never mixing currencies', () => {
    const f = weightedForecast([
      { stage: 'concept', amount: 100_000_00, currency: 'IDR', probability: 0 },
      { stage: 'concept', amount: 333, currency: 'IDR', probability: 50 },
      { stage: 'submitted', amount: 1_000_000_000_00, currency: 'IDR', probability: 100 },
      { stage: 'submitted', amount: 2_500_00, currency: 'USD', probability: 33 },
      { stage: 'awarded', amount: 7, currency: 'IDR', probability: 100 },
      { stage: 'declined', amount: 9, currency: 'IDR', probability: 0 },
    ]);
    expect(f.rows).toEqual([
      // 333 × 50 / 100 = 166.5 → 167 (half away from zero), once per group
      { stage: 'concept', currency: 'IDR', count: 2, amount: 10_000_333, weighted: 167 },
      { stage: 'submitted', currency: 'IDR', count: 1, amount: 1_000_000_000_00, weighted: 1_000_000_000_00 },
      { stage: 'submitted', currency: 'USD', count: 1, amount: 2_500_00, weighted: 82_500 },
      { stage: 'awarded', currency: 'IDR', count: 1, amount: 7, weighted: 7 },
      { stage: 'declined', currency: 'IDR', count: 1, amount: 9, weighted: 0 },
    ]);
    // the open pipeline leaves awarded and declined out
    expect(f.open).toEqual([
      { currency: 'IDR', amount: 100_010_000_333, weighted: 100_000_000_167 },
      { currency: 'USD', amount: 2_500_00, weighted: 82_500 },
    ]);
  });

  it('is exact for amounts where floating point is not, and refuses bad input', () => {
    const f = weightedForecast([{ stage: 'identified', amount: Number.MAX_SAFE_INTEGER, currency: 'IDR', probability: 100 }]);
    expect(f.rows[0].weighted).toBe(Number.MAX_SAFE_INTEGER);
    expect(weightedForecast([])).toEqual({ rows: [], open: [] });
    expect(() => weightedForecast([{ stage: 'identified', amount: 1.5, currency: 'IDR', probability: 10 }])).toThrow();
    expect(() => weightedForecast([{ stage: 'identified', amount: 1, currency: 'IDR', probability: 101 }])).toThrow();
  });
});
