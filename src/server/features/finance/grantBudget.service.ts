import type { Queryable } from '../../db/connect.ts';
import type { DonorReportContent } from '../../../domain/contracts/donorReports.ts';
import { minorFromDb as num } from '../../../domain/money.ts';
import { budgetCategories } from './budgets.service.ts';


/**
 * A grant's budget against its spending, for the donor report: the lines of each program's latest
 * budget version that the grant funds, with the approved expenses charged to the grant on that
 * line in the period and up to its end. Budgets in another currency than the first are left out
 * rather than added across currencies.
 */
export async function grantBudget(tx: Queryable, orgId: string, grantId: string, start: string, end: string): Promise<DonorReportContent['budget']> {
  const { rows } = await tx.query<{ program: string; currency: string; category: string; description: string; line_key: string; amount: string; in_period: string; to_date: string }>(
    `WITH latest AS (
       SELECT DISTINCT ON (v.budget_id) v.budget_id, v.id FROM budget_versions v WHERE v.org_id = $1 ORDER BY v.budget_id, v.number DESC)
     SELECT p.name AS program, b.currency, l.category, l.description, l.line_key, l.amount::text AS amount,
            coalesce((SELECT sum(e.amount) FROM expenses e WHERE e.org_id = l.org_id AND e.budget_id = b.id AND e.line_key = l.line_key AND e.grant_id = $2
                        AND e.status = 'approved' AND e.deleted_at IS NULL AND e.expense_date BETWEEN $3::date AND $4::date), 0)::text AS in_period,
            coalesce((SELECT sum(e.amount) FROM expenses e WHERE e.org_id = l.org_id AND e.budget_id = b.id AND e.line_key = l.line_key AND e.grant_id = $2
                        AND e.status = 'approved' AND e.deleted_at IS NULL AND e.expense_date <= $4::date), 0)::text AS to_date
       FROM budgets b JOIN latest ON latest.budget_id = b.id JOIN budget_lines l ON l.org_id = b.org_id AND l.version_id = latest.id
       JOIN programs p ON p.org_id = b.org_id AND p.id = b.program_id AND p.deleted_at IS NULL
      WHERE b.org_id = $1 AND b.deleted_at IS NULL AND l.grant_id = $2
      ORDER BY lower(p.name), l.position, l.line_key`,
    [orgId, grantId, start, end],
  );
  if (!rows.length) return null;
  const currency = rows[0].currency;
  const labels = new Map((await budgetCategories(tx, orgId)).categories.map((c) => [c.code, c.label]));
  const lines = rows
    .filter((r) => r.currency === currency)
    .map((r) => {
      const budget = num(r.amount);
      const spentToDate = num(r.to_date);
      return { program: r.program, category: labels.get(r.category) ?? { id: r.category, en: r.category }, description: r.description, budget, spentInPeriod: num(r.in_period), spentToDate, remaining: budget - spentToDate };
    });
  return { currency, lines };
}
