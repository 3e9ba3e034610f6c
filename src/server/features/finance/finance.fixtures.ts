import type { Db } from '../../db/connect.ts';
import { uuidv7 } from '../../platform/ids.ts';

/**
 * Test data for the finance features: a funder and a grant linked to programs, inserted directly
 * (the grants API is another feature's). Amounts in minor units.
 */
export async function insertGrant(db: Db, orgId: string, g: { title: string; programIds: string[]; amount?: number; currency?: string; startDate?: string; endDate?: string; allowedCategories?: string[] }) {
  const funderId = uuidv7();
  const grantId = uuidv7();
  await db.query(`INSERT INTO funders (org_id, id, kind, name) VALUES ($1, $2, 'foundation', $3)`, [orgId, funderId, `Funder of ${g.title}`]);
  await db.query(
    `INSERT INTO grants (org_id, id, funder_id, title, amount, currency, start_date, end_date, allowed_categories) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [orgId, grantId, funderId, g.title, g.amount ?? 100_000_000_00, g.currency ?? 'IDR', g.startDate ?? '2026-01-01', g.endDate ?? '2026-12-31', g.allowedCategories ?? []],
  );
  for (const p of g.programIds) await db.query('INSERT INTO grant_programs (org_id, grant_id, program_id) VALUES ($1, $2, $3)', [orgId, grantId, p]);
  return grantId;
}
