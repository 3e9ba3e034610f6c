import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetPeriods, burn, diffVersions, expenseAmounts, grantWarnings, lineWarnings, periodStart, spread } from './budgets.ts';
import { MoneyError, sum } from './money.ts';

describe('budget periods', () => {
  it('lists the periods over a program and spreads a total without losing a unit', () => {
    expect(budgetPeriods('2026-02-15', '2026-08-01', 'quarter')).toEqual(['2026-01-01', '2026-04-01', '2026-07-01']);
    expect(budgetPeriods('2026-01-01', '2027-12-31', 'year')).toEqual(['2026-01-01', '2027-01-01']);
    expect(periodStart('2026-05-20', 'month')).toBe('2026-05-01');
    expect(spread(100, ['a', 'b', 'c']).map((p) => p.amount)).toEqual([34, 33, 33]);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e14 }), fc.integer({ min: 1, max: 60 }), (total, n) => sum(spread(total, Array.from({ length: n }, (_, i) => String(i))).map((p) => p.amount)) === total));
  });
});

describe('budget versions', () => {
  it('shows the difference per line (matched by key) and in total', () => {
    const original = [
      { lineKey: 'a', description: 'Staff', category: 'personnel', amount: 1000 },
      { lineKey: 'b', description: 'Bus', category: 'travel', amount: 500 },
    ];
    const revised = [
      { lineKey: 'a', description: 'Staff', category: 'personnel', amount: 1200 },
      { lineKey: 'c', description: 'Laptop', category: 'equipment', amount: 300 },
    ];
    const d = diffVersions(original, revised);
    expect(d.lines).toEqual([
      { lineKey: 'a', description: 'Staff', category: 'personnel', before: 1000, after: 1200, change: 200, status: 'changed' },
      { lineKey: 'c', description: 'Laptop', category: 'equipment', before: 0, after: 300, change: 300, status: 'added' },
      { lineKey: 'b', description: 'Bus', category: 'travel', before: 500, after: 0, change: -500, status: 'removed' },
    ]);
    expect(d).toMatchObject({ totalBefore: 1500, totalAfter: 1500, totalChange: 0 });
    expect(diffVersions(original, original).lines.every((l) => l.status === 'same' && l.change === 0)).toBe(true);
  });
  it('per-line changes always add up to the total change', () => {
    const line = fc.record({ lineKey: fc.constantFrom('a', 'b', 'c', 'd', 'e'), description: fc.constant('x'), category: fc.constant('other'), amount: fc.integer({ min: 0, max: 1e12 }) });
    const uniq = (ls: { lineKey: string }[]) => ls.filter((l, i) => ls.findIndex((m) => m.lineKey === l.lineKey) === i);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), fc.array(line, { maxLength: 5 }), (a, b) => {
        const d = diffVersions(uniq(a) as never, uniq(b) as never);
        return sum(d.lines.map((l) => l.change)) === d.totalChange;
      }),
    );
  });
});

describe('burn rate and forecast', () => {
  it('forecasts at the current rate, exactly in integers', () => {
    // 100 days, 25 elapsed, 2,500 spent → 100 a day, 10,000 at the end
    expect(burn(2500, '2026-01-01', '2026-04-10', '2026-01-25')).toEqual({ perDay: 100, forecast: 10000, elapsedDays: 25, totalDays: 100 });
    // before the start: nothing forecast beyond what is spent; after the end: what was spent
    expect(burn(0, '2026-01-01', '2026-12-31', '2025-12-01').forecast).toBe(0);
    expect(burn(700, '2026-01-01', '2026-01-10', '2026-03-01')).toMatchObject({ forecast: 700, elapsedDays: 10 });
    // rounding half up: 1 spent over 2 of 3 days → 1.5 → 2
    expect(burn(1, '2026-01-01', '2026-01-03', '2026-01-02').forecast).toBe(2);
  });
  it('never forecasts less than is spent, and stays an integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 800 }), (spent, len, at) => {
        const start = '2026-01-01';
        const end = new Date(Date.UTC(2026, 0, 1 + len)).toISOString().slice(0, 10);
        const today = new Date(Date.UTC(2026, 0, 1 + at)).toISOString().slice(0, 10);
        const b = burn(spent, start, end, today);
        return Number.isSafeInteger(b.forecast) && b.forecast >= spent && Number.isInteger(b.perDay);
      }),
    );
  });
});

describe('warnings', () => {
  it('warns of an overspent line and of committed spending that would overspend it', () => {
    const w = lineWarnings([
      { lineKey: 'a', description: 'Staff', budget: 1000, spent: 1100, committed: 0 },
      { lineKey: 'b', description: 'Bus', budget: 1000, spent: 900, committed: 200 },
      { lineKey: 'c', description: 'Ok', budget: 1000, spent: 1000, committed: 0 },
    ]);
    expect(w).toEqual([
      { kind: 'line_overspent', lineKey: 'a', description: 'Staff', budget: 1000, spent: 1100, over: 100 },
      { kind: 'line_over_with_committed', lineKey: 'b', description: 'Bus', budget: 1000, spent: 900, committed: 200, over: 100 },
    ]);
  });
  it('warns when a grant will not be spent by its end date at the current rate', () => {
    const g = { grantId: 'g', title: 'UNICEF', startDate: '2026-01-01', endDate: '2026-04-10', budget: 10000 };
    // half way (50 of 100 days), 1,250 spent → forecast 2,500 of 10,000
    const [w] = grantWarnings([{ ...g, spent: 1250 }], '2026-02-19');
    expect(w).toMatchObject({ kind: 'grant_underspent', forecast: 2500, short: 7500 });
    // on track (or within 5 %) → no warning; not started → no warning
    expect(grantWarnings([{ ...g, spent: 4800 }], '2026-02-19')).toEqual([]);
    expect(grantWarnings([{ ...g, spent: 0 }], '2025-12-01')).toEqual([]);
  });
});

describe('currency conversion records', () => {
  it('keeps the original amount, the rate text and the converted amount', () => {
    expect(expenseAmounts({ amount: '12.34', currency: 'USD', rate: '15850.25' }, 'IDR')).toEqual({ originalAmount: 1234, originalCurrency: 'USD', rate: '15850.25', amount: 19559209, currency: 'IDR' });
    expect(expenseAmounts({ amount: '150000', currency: 'IDR', rate: '99' }, 'IDR')).toEqual({ originalAmount: 15000000, originalCurrency: 'IDR', rate: null, amount: 15000000, currency: 'IDR' });
    expect(() => expenseAmounts({ amount: '10', currency: 'USD' }, 'IDR')).toThrow(MoneyError);
    expect(() => expenseAmounts({ amount: '10.123', currency: 'USD', rate: '1' }, 'IDR')).toThrow(MoneyError);
  });
  it('same-currency amounts are never changed; converted amounts scale with the rate', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), (n) => expenseAmounts({ amount: String(n), currency: 'IDR' }, 'IDR').amount === n * 100));
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 20000 }), (cents, rate) => expenseAmounts({ amount: (cents / 100).toFixed(2), currency: 'USD', rate: String(rate) }, 'IDR').amount === cents * rate));
  });
});

describe('bank export amounts and dates', () => {
  it('reads Indonesian and English number formats and day-first dates', async () => {
    const { amountText, dateText } = await import('./budgets.ts');
    expect(amountText('Rp 1.500.000,50')).toBe('1500000.50');
    expect(amountText('1,500,000.50')).toBe('1500000.50');
    expect(amountText('-250000')).toBe('250000');
    expect(amountText('250.000')).toBe('250000');
    expect(amountText('12.5')).toBe('12.5');
    expect(amountText('(1.000)')).toBe('1000');
    expect(amountText('abc')).toBeNull();
    expect(amountText('')).toBeNull();
    expect(dateText('2026-03-05')).toBe('2026-03-05');
    expect(dateText('05/03/2026')).toBe('2026-03-05');
    expect(dateText('5-3-2026')).toBe('2026-03-05');
    expect(dateText('31/02/2026')).toBeNull();
    expect(dateText('kemarin')).toBeNull();
  });
});
