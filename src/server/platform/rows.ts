import type { Queryable } from '../db/connect.ts';
import type { Actor } from './context.ts';

/**
 * The write shapes every tenant table shares (org_id + id keys, version, soft delete).
 * `table` and the column names come from code, never from a request.
 */
type TenantTable = 'people' | 'households' | 'programs' | 'volunteers' | 'volunteer_roles' | 'volunteer_hours' | 'funders' | 'funder_contacts' | 'funder_interactions' | 'opportunities' | 'grants' | 'grant_reports' | 'donor_reports';

export async function insertRow(tx: Queryable, table: TenantTable, actor: Actor, id: string, values: Record<string, unknown>) {
  const cols = Object.keys(values);
  await tx.query(
    `INSERT INTO ${table} (org_id, id, created_by${cols.map((c) => `, ${c}`).join('')}) VALUES ($1, $2, $3${cols.map((_, i) => `, $${i + 4}`).join('')})`,
    [actor.orgId, id, actor.userId || null, ...Object.values(values)],
  );
}

/** Applies values only if the row still has `version`; false when it does not (a stale write). */
export async function updateVersioned(tx: Queryable, table: TenantTable, orgId: string, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(values);
  const { rows } = await tx.query(
    `UPDATE ${table} SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [orgId, id, version, ...Object.values(values)],
  );
  return rows.length > 0;
}

/** Moves a row to the bin or back; false when it is not there to move. */
export async function setRowDeleted(tx: Queryable, table: TenantTable, orgId: string, id: string, deleted: boolean): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE ${table} SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'} RETURNING id`,
    [orgId, id],
  );
  return rows.length > 0;
}
