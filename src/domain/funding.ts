/**
 * Funding (issue 6): funders, the pipeline of opportunities and grant agreements' reporting
 * schedules. Pure functions shared by the server and the web app. Money is integer minor units.
 */

export const FUNDER_KINDS = ['government', 'bilateral', 'multilateral', 'foundation', 'company', 'community', 'individual'] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];
export const INTERACTION_KINDS = ['meeting', 'call', 'email', 'visit', 'other'] as const;
export const STAGES = ['identified', 'concept', 'submitted', 'awarded', 'declined'] as const;
export type Stage = (typeof STAGES)[number];
/** Stages still in play: their deadlines are reminded and they count in the forecast. */
export const OPEN_STAGES: readonly Stage[] = ['identified', 'concept', 'submitted'];
export const GRANT_STATUSES = ['draft', 'active', 'closed'] as const;
export const REPORT_KINDS = ['narrative', 'financial'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['due', 'submitted', 'accepted'] as const;
export const REPORT_FREQUENCIES = ['none', 'quarterly', 'semester', 'yearly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
/** Days before a deadline that its reminder goes out. */
export const REMINDER_DAYS = 7;
/** The home screen lists deadlines this many days ahead. */
export const DEADLINE_HORIZON_DAYS = 30;

// ---- dates (ISO YYYY-MM-DD, calendar arithmetic in UTC) ----

const parse = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return { y, m, day };
};
const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Adds days to a date. */
export function addDays(date: string, days: number): string {
  const { y, m, day } = parse(date);
  return new Date(Date.UTC(y, m - 1, day + days)).toISOString().slice(0, 10);
}

/** Adds months keeping the day of month, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, day } = parse(date);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return fmt(ny, nm, Math.min(day, daysIn(ny, nm)));
}

const MONTHS: Record<Exclude<ReportFrequency, 'none'>, number> = { quarterly: 3, semester: 6, yearly: 12 };

export type ScheduledReport = { kind: ReportKind; final: boolean; periodStart: string; periodEnd: string; dueDate: string };
export type ScheduleOptions = {
  frequency: ReportFrequency;
  /** days after an interim period's end its reports are due */
  dueDays: number;
  /** days after the grant's end the final reports are due */
  finalDays: number;
  kinds: readonly ReportKind[];
};

/**
 * A grant's reporting schedule: interim reports for each quarter/semester/year counted from the
 * grant's start (periods never drift at month ends: each starts N months after the grant's
 * start, clamped), then final reports over the whole grant. The interim period that would end
 * on the grant's last day is left out: the final report covers it. A grant shorter than one
 * period gets only its final reports.
 */
export function reportSchedule(start: string, end: string, o: ScheduleOptions): ScheduledReport[] {
  if (end < start) return [];
  const kinds = REPORT_KINDS.filter((k) => o.kinds.includes(k));
  const out: ScheduledReport[] = [];
  if (o.frequency !== 'none') {
    const step = MONTHS[o.frequency];
    for (let i = 0; ; i++) {
      const periodStart = addMonths(start, step * i);
      const periodEnd = addDays(addMonths(start, step * (i + 1)), -1);
      if (periodEnd >= end) break;
      for (const kind of kinds) out.push({ kind, final: false, periodStart, periodEnd, dueDate: addDays(periodEnd, o.dueDays) });
    }
  }
  for (const kind of kinds) out.push({ kind, final: true, periodStart: start, periodEnd: end, dueDate: addDays(end, o.finalDays) });
  return out;
}

/** A report is overdue when it is still due after its due date. */
export const isOverdue = (r: { status: string; dueDate: string }, today: string) => r.status === 'due' && r.dueDate < today;

// ---- the weighted forecast ----

export type ForecastRow = { stage: Stage; currency: string; count: number; amount: number; weighted: number };

/**
 * Sums the pipeline per stage and currency: the amount asked and the amount weighted by each
 * opportunity's probability (Σ amount × probability / 100, rounded once per group, half away
 * from zero), in integer arithmetic. Currencies are never added together.
 */
export function weightedForecast(items: readonly { stage: Stage; amount: number; currency: string; probability: number }[]): { rows: ForecastRow[]; open: { currency: string; amount: number; weighted: number }[] } {
  const groups = new Map<string, { stage: Stage; currency: string; count: number; amount: bigint; weighted100: bigint }>();
  for (const it of items) {
    if (!Number.isSafeInteger(it.amount) || !Number.isInteger(it.probability) || it.probability < 0 || it.probability > 100) throw new Error('invalid_amount');
    const key = `${it.stage}|${it.currency}`;
    const g = groups.get(key) ?? { stage: it.stage, currency: it.currency, count: 0, amount: 0n, weighted100: 0n };
    g.count++;
    g.amount += BigInt(it.amount);
    g.weighted100 += BigInt(it.amount) * BigInt(it.probability);
    groups.set(key, g);
  }
  const round100 = (n: bigint) => Number((n * 2n + 100n) / 200n);
  const rows = [...groups.values()]
    .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.currency.localeCompare(b.currency))
    .map((g) => ({ stage: g.stage, currency: g.currency, count: g.count, amount: Number(g.amount), weighted: round100(g.weighted100) }));
  const open = new Map<string, { amount: bigint; weighted100: bigint }>();
  for (const g of groups.values()) {
    if (!OPEN_STAGES.includes(g.stage)) continue;
    const o = open.get(g.currency) ?? { amount: 0n, weighted100: 0n };
    o.amount += g.amount;
    o.weighted100 += g.weighted100;
    open.set(g.currency, o);
  }
  return { rows, open: [...open.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, o]) => ({ currency, amount: Number(o.amount), weighted: round100(o.weighted100) })) };
}

/** The probability a stage suggests when an opportunity moves there (the user may change it). */
export function probabilityFor(stage: Stage, current: number): number {
  if (stage === 'awarded') return 100;
  if (stage === 'declined') return 0;
  return current;
}
