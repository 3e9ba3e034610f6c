/**
 * Budgets and budget vs actual (issue 6): categories, version differences, burn rate, forecast
 * and warnings. Amounts are integer minor units (src/domain/money.ts); no floating-point totals.
 */
import { type Frequency, periodOf, periodsBetween } from './indicators.ts';
import { MoneyError, allocate, convert, sum, toMinor } from './money.ts';

export const DEFAULT_BUDGET_CATEGORIES = [
  { code: 'personnel', label: { id: 'Personel', en: 'Personnel' } },
  { code: 'activities', label: { id: 'Kegiatan', en: 'Activities' } },
  { code: 'travel', label: { id: 'Perjalanan', en: 'Travel' } },
  { code: 'equipment', label: { id: 'Peralatan', en: 'Equipment' } },
  { code: 'administration', label: { id: 'Administrasi', en: 'Administration' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
];
export type BudgetCategory = (typeof DEFAULT_BUDGET_CATEGORIES)[number];

export const BUDGET_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type BudgetPeriodKind = Frequency;
export const EXPENSE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

/** The periods of a budget (their start dates), from the one holding start to the one holding end. */
export const budgetPeriods = (start: string, end: string, kind: BudgetPeriodKind) => periodsBetween(start, end, kind).map((p) => p.start);
/** The period (its start date) a date falls in. */
export const periodStart = (date: string, kind: BudgetPeriodKind) => periodOf(date, kind).start;

/** Spreads a line's total evenly over the periods, without losing a minor unit. */
export function spread(total: number, periods: string[]): { period: string; amount: number }[] {
  const parts = allocate(total, periods.map(() => 1));
  return periods.map((period, i) => ({ period, amount: parts[i] }));
}

// ---- versions ----

export type DiffLine = { lineKey: string; description: string; category: string; before: number; after: number; change: number; status: 'added' | 'removed' | 'changed' | 'same' };

/** The difference between two versions, per line (matched by line key) and in total. */
export function diffVersions(before: { lineKey: string; description: string; category: string; amount: number }[], after: { lineKey: string; description: string; category: string; amount: number }[]) {
  const old = new Map(before.map((l) => [l.lineKey, l]));
  const lines: DiffLine[] = [];
  for (const l of after) {
    const b = old.get(l.lineKey);
    old.delete(l.lineKey);
    const was = b?.amount ?? 0;
    lines.push({ lineKey: l.lineKey, description: l.description, category: l.category, before: was, after: l.amount, change: sum([l.amount, -was]), status: !b ? 'added' : was === l.amount ? 'same' : 'changed' });
  }
  for (const b of old.values()) lines.push({ lineKey: b.lineKey, description: b.description, category: b.category, before: b.amount, after: 0, change: -b.amount, status: 'removed' });
  const totalBefore = sum(before.map((l) => l.amount));
  const totalAfter = sum(after.map((l) => l.amount));
  return { lines, totalBefore, totalAfter, totalChange: sum([totalAfter, -totalBefore]) };
}

// ---- burn rate and forecast ----

/** Days from a to b, both included (a date as YYYY-MM-DD). */
export function daysInclusive(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Burn rate: spent per day from the start to today (integer minor units, rounded down), and the
 * forecast of spending at the end date if the rate holds: spent + rate × days left, computed
 * exactly (spent × total days / days elapsed, rounded half up). Before the start nothing is
 * forecast beyond what is spent; after the end the forecast is what was spent.
 */
export function burn(spent: number, start: string, end: string, today: string): { perDay: number; forecast: number; elapsedDays: number; totalDays: number } {
  const totalDays = Math.max(1, daysInclusive(start, end));
  const elapsedDays = today < start ? 0 : Math.min(totalDays, daysInclusive(start, today));
  if (elapsedDays === 0) return { perDay: 0, forecast: spent, elapsedDays, totalDays };
  const s = BigInt(spent);
  const perDay = Number(s / BigInt(elapsedDays));
  const forecast = Number((s * BigInt(totalDays) * 2n + BigInt(elapsedDays)) / (2n * BigInt(elapsedDays)));
  return { perDay, forecast: Number.isSafeInteger(forecast) ? forecast : spent, elapsedDays, totalDays };
}

// ---- warnings ----

export type Warning =
  | { kind: 'line_overspent'; lineKey: string; description: string; budget: number; spent: number; over: number }
  | { kind: 'line_over_with_committed'; lineKey: string; description: string; budget: number; spent: number; committed: number; over: number }
  | { kind: 'grant_underspent'; grantId: string; title: string; endDate: string; budget: number; forecast: number; short: number };

/** A line is overspent when approved spending passes its budget; committed spending that would pass it is warned about too. */
export function lineWarnings(lines: { lineKey: string; description: string; budget: number; spent: number; committed: number }[]): Warning[] {
  const out: Warning[] = [];
  for (const l of lines) {
    if (l.spent > l.budget) out.push({ kind: 'line_overspent', lineKey: l.lineKey, description: l.description, budget: l.budget, spent: l.spent, over: l.spent - l.budget });
    else if (l.spent + l.committed > l.budget) out.push({ kind: 'line_over_with_committed', lineKey: l.lineKey, description: l.description, budget: l.budget, spent: l.spent, committed: l.committed, over: l.spent + l.committed - l.budget });
  }
  return out;
}

/**
 * A grant will not be spent by its end date when, at the current burn rate from its start, the
 * forecast at its end stays below what is budgeted on it by more than `tolerance` (a share, 5 %).
 * A grant already ended is not forecast: what is left unspent is left.
 */
export function grantWarnings(grants: { grantId: string; title: string; startDate: string; endDate: string; budget: number; spent: number }[], today: string, tolerancePercent = 5): Warning[] {
  const out: Warning[] = [];
  for (const g of grants) {
    if (g.budget <= 0 || today < g.startDate) continue;
    const { forecast } = burn(g.spent, g.startDate, g.endDate, today);
    const short = g.budget - forecast;
    if (BigInt(short) * 100n > BigInt(g.budget) * BigInt(tolerancePercent)) out.push({ kind: 'grant_underspent', grantId: g.grantId, title: g.title, endDate: g.endDate, budget: g.budget, forecast, short });
  }
  return out;
}

// ---- an expense's amounts ----

/**
 * What an expense records: the original amount and currency as entered, the rate text used
 * (null in the budget's own currency) and the amount in the budget's currency (money.convert).
 * A foreign amount without a rate is an error (`rate_required`).
 */
export function expenseAmounts(input: { amount: string; currency: string; rate?: string | null }, budgetCurrency: string) {
  const originalAmount = toMinor(input.amount, input.currency);
  if (input.currency === budgetCurrency) return { originalAmount, originalCurrency: input.currency, rate: null, amount: originalAmount, currency: budgetCurrency };
  if (!input.rate) throw new MoneyError('invalid_rate');
  const rate = input.rate.trim();
  return { originalAmount, originalCurrency: input.currency, rate, amount: convert(originalAmount, input.currency, budgetCurrency, rate), currency: budgetCurrency };
}

// ---- bank and spreadsheet exports ----

/**
 * An amount as bank exports write it → a plain decimal ("1500000.50"), or null: "Rp 1.500.000,50",
 * "1,500,000.50", "-250000" (a debit: its size is kept), "(250.000)". When both separators occur
 * the last one is the decimal point; a lone separator followed by exactly three digits groups thousands.
 */
export function amountText(raw: string): string | null {
  let s = raw.trim().replace(/^\((.*)\)$/, '$1').replace(/[A-Za-z\s\u00a0]|Rp|\$|€/g, '').replace(/^[-+]|[-+]$|CR$|DB$/g, '');
  if (!s || !/^[\d.,]+$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let dec: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) dec = lastDot > lastComma ? '.' : ',';
  else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (sep && s.split(sep).length === 2 && s.length - s.lastIndexOf(sep) - 1 !== 3) dec = sep;
  }
  const group = dec === '.' ? ',' : dec === ',' ? '.' : null;
  if (group) s = s.split(group).join('');
  else if (!dec) s = s.replace(/[.,]/g, '');
  if (dec) s = s.replace(dec, '.');
  return /^\d+(\.\d+)?$/.test(s) ? s : null;
}

/** A date as exports write it (2026-03-05, 05/03/2026, 5-3-2026, 05.03.2026: day first) → YYYY-MM-DD, or null. */
export function dateText(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2100) return null;
  return dt.toISOString().slice(0, 10);
}
