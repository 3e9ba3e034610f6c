import type { z } from 'zod';
import { burn, grantWarnings, lineWarnings, periodStart } from '../../../domain/budgets.ts';
import type { BudgetVsActual, BvaQuery } from '../../../domain/contracts/finance.ts';
import { fromMinor, minorFromDb as num, sum } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { failOn, notFound } from '../../platform/errors.ts';
import { type Locale, t } from '../../platform/i18n/messages.ts';
import { orgToday } from '../../platform/org.service.ts';
import { budgetRow, versionLines } from './budgets.service.ts';

/**
 * Budget vs actual (issue 6 point 7), by program or by grant, on the latest version of each
 * budget: per line and period the budget, spent (approved expenses), committed (submitted, not
 * yet reviewed) and remaining; burn rate and forecast at the current rate; warnings.
 */

type LineView = BudgetVsActual['lines'][number] & { amounts: { period: string; amount: number }[] };

export async function budgetVsActual(tx: Queryable, orgId: string, q: z.output<typeof BvaQuery>, locale: Locale): Promise<BudgetVsActual> {
  if (!q.programId === !q.grantId) failOn({ programId: { code: 'program_or_grant' } });
  const today = await orgToday(tx, orgId);
  // the budgets in view: the program's, or every budget with a line funded by the grant
  let budgets: { id: string; program_id: string; program_name: string; currency: string; period_kind: 'month' | 'quarter' | 'year'; start_date: string; end_date: string }[] = [];
  let title = '';
  let grant: { id: string; title: string; currency: string; start_date: string; end_date: string } | null = null;
  if (q.programId) {
    const b = await budgetRow(tx, orgId, q.programId);
    if (!b) throw notFound();
    budgets = [b];
    title = b.program_name;
  } else {
    const { rows } = await tx.query<{ id: string; title: string; currency: string; start_date: string; end_date: string }>(
      'SELECT id, title, currency, start_date::text AS start_date, end_date::text AS end_date FROM grants WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL',
      [orgId, q.grantId],
    );
    if (!rows[0]) throw notFound();
    grant = rows[0];
    title = grant.title;
    const { rows: bs } = await tx.query<{ program_id: string }>(
      `SELECT DISTINCT b.program_id FROM budgets b JOIN programs p ON p.org_id = b.org_id AND p.id = b.program_id AND p.deleted_at IS NULL
        WHERE b.org_id = $1 AND b.deleted_at IS NULL AND b.currency = $3 AND (EXISTS (SELECT 1 FROM grant_programs gp WHERE gp.org_id = b.org_id AND gp.program_id = b.program_id AND gp.grant_id = $2)
           OR EXISTS (SELECT 1 FROM budget_lines l JOIN budget_versions v ON v.org_id = l.org_id AND v.id = l.version_id WHERE l.org_id = b.org_id AND v.budget_id = b.id AND l.grant_id = $2))
        ORDER BY b.program_id`,
      [orgId, q.grantId, grant.currency],
    );
    for (const r of bs) {
      const b = await budgetRow(tx, orgId, r.program_id);
      if (b) budgets.push(b);
    }
  }
  const currency = budgets[0]?.currency ?? grant?.currency ?? 'IDR';
  const periodKind = budgets[0]?.period_kind ?? 'quarter';

  // lines of the latest versions; by grant only the lines it funds
  const lines: LineView[] = [];
  for (const b of budgets) {
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM budget_versions WHERE org_id = $1 AND budget_id = $2 ORDER BY number DESC LIMIT 1', [orgId, b.id]);
    for (const l of await versionLines(tx, orgId, rows[0].id)) {
      if (grant && l.grant?.id !== grant.id) continue;
      lines.push({ lineKey: l.lineKey, program: { id: b.program_id, name: b.program_name }, category: l.category, description: l.description, grant: l.grant, budget: l.amount, spent: 0, committed: 0, remaining: 0, amounts: l.amounts });
    }
  }
  // expenses of those budgets (by grant: the ones paid from the grant), summed exactly in SQL per line and period
  const budgetIds = budgets.map((b) => b.id);
  const { rows: spent } = await tx.query<{ line_key: string; grant_id: string | null; status: string; expense_date: string; amount: string }>(
    `SELECT line_key, grant_id, status, expense_date::text AS expense_date, sum(amount)::text AS amount FROM expenses
      WHERE org_id = $1 AND budget_id = ANY($2::uuid[]) AND deleted_at IS NULL AND status IN ('approved', 'submitted') AND ($3::uuid IS NULL OR grant_id = $3)
      GROUP BY line_key, grant_id, status, expense_date`,
    [orgId, budgetIds, grant?.id ?? null],
  );
  const byKey = new Map(lines.map((l) => [l.lineKey, l]));
  const periodMap = new Map<string, { period: string; budget: number; spent: number; committed: number; remaining: number }>();
  const periodOf = (p: string) => {
    let e = periodMap.get(p);
    if (!e) periodMap.set(p, (e = { period: p, budget: 0, spent: 0, committed: 0, remaining: 0 }));
    return e;
  };
  for (const l of lines) for (const a of l.amounts) periodOf(a.period).budget = sum([periodOf(a.period).budget, a.amount]);
  const inPeriod = (date: string) => !q.period || periodStart(date, periodKind) === q.period;
  const spentTotal: number[] = [];
  for (const s of spent) {
    const amount = num(s.amount);
    const p = periodOf(periodStart(s.expense_date, periodKind));
    if (s.status === 'approved') p.spent = sum([p.spent, amount]);
    else p.committed = sum([p.committed, amount]);
    if (s.status === 'approved') spentTotal.push(amount);
    if (!inPeriod(s.expense_date)) continue;
    const l = byKey.get(s.line_key);
    if (!l) continue;
    if (s.status === 'approved') l.spent = sum([l.spent, amount]);
    else l.committed = sum([l.committed, amount]);
  }
  for (const l of lines) {
    if (q.period) l.budget = l.amounts.find((a) => a.period === q.period)?.amount ?? 0;
    l.remaining = l.budget - l.spent - l.committed;
  }
  const periods = [...periodMap.values()].sort((a, b) => (a.period < b.period ? -1 : 1)).map((p) => ({ ...p, remaining: p.budget - p.spent - p.committed }));

  // totals, burn and forecast over the whole span (not one period)
  const start = grant?.start_date ?? budgets.map((b) => b.start_date).sort()[0] ?? today;
  const end = grant?.end_date ?? budgets.map((b) => b.end_date).sort().reverse()[0] ?? today;
  const allSpent = sum(spentTotal);
  const wholeBudget = sum(lines.map((l) => (q.period ? sum(l.amounts.map((a) => a.amount)) : l.budget)));
  const b0 = burn(allSpent, start, end, today);
  const tBudget = sum(lines.map((l) => l.budget));
  const tSpent = sum(lines.map((l) => l.spent));
  const tCommitted = sum(lines.map((l) => l.committed));
  const totals = { budget: q.period ? tBudget : wholeBudget, spent: tSpent, committed: tCommitted, remaining: (q.period ? tBudget : wholeBudget) - tSpent - tCommitted, perDay: b0.perDay, forecast: b0.forecast };

  // grants in view: budgeted on their lines, spent from them
  const grantIds = [...new Set(lines.map((l) => l.grant?.id).filter((x): x is string => Boolean(x)))];
  const { rows: grows } = await tx.query<{ id: string; title: string; start_date: string; end_date: string; spent: string; committed: string }>(
    `SELECT g.id, g.title, g.start_date::text AS start_date, g.end_date::text AS end_date,
            coalesce((SELECT sum(e.amount) FROM expenses e WHERE e.org_id = g.org_id AND e.grant_id = g.id AND e.budget_id = ANY($3::uuid[]) AND e.status = 'approved' AND e.deleted_at IS NULL), 0)::text AS spent,
            coalesce((SELECT sum(e.amount) FROM expenses e WHERE e.org_id = g.org_id AND e.grant_id = g.id AND e.budget_id = ANY($3::uuid[]) AND e.status = 'submitted' AND e.deleted_at IS NULL), 0)::text AS committed
       FROM grants g WHERE g.org_id = $1 AND g.id = ANY($2::uuid[]) ORDER BY g.title, g.id`,
    [orgId, grantIds, budgetIds],
  );
  const grants = grows.map((g) => {
    const budget = sum(lines.filter((l) => l.grant?.id === g.id).map((l) => sum(l.amounts.map((a) => a.amount))));
    const s = num(g.spent);
    const c = num(g.committed);
    const b = burn(s, g.start_date, g.end_date, today);
    return { id: g.id, title: g.title, startDate: g.start_date, endDate: g.end_date, budget, spent: s, committed: c, remaining: budget - s - c, perDay: b.perDay, forecast: b.forecast };
  });

  const money = (m: number) => `${currency} ${Number(fromMinor(m, currency)).toLocaleString(locale === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 2 })}`;
  const warnings = [
    ...lineWarnings(lines.map((l) => ({ lineKey: l.lineKey, description: l.description, budget: l.budget, spent: l.spent, committed: l.committed }))),
    ...grantWarnings(grants.map((g) => ({ grantId: g.id, title: g.title, startDate: g.startDate, endDate: g.endDate, budget: g.budget, spent: g.spent })), today),
  ].map((w) =>
    w.kind === 'grant_underspent'
      ? { kind: w.kind, grantId: w.grantId, message: t(locale, 'warn_grant_underspent', { grant: w.title, end: w.endDate, forecast: money(w.forecast), budget: money(w.budget), short: money(w.short) }) }
      : { kind: w.kind, lineKey: w.lineKey, message: t(locale, w.kind === 'line_overspent' ? 'warn_line_overspent' : 'warn_line_over_with_committed', { line: w.description, over: money(w.over) }) },
  );
  return { title, currency, today, periodKind, periods, period: q.period ?? null, lines: lines.map(({ amounts: _a, ...l }) => l), grants, totals, warnings };
}
