import type { Queryable } from '../../db/connect.ts';
import type { Actor } from '../../platform/context.ts';

/**
 * What a merge of two people does to their funder records (individual donors), and how its undo
 * puts them back (src/server/features/duplicates: mergePair / undoMerge). A person is at most one
 * funder. When only the merged person was one, the funder now points at the kept person. When both
 * were, the kept person's funder takes the other's contacts, notes, opportunities, grants, gifts
 * and pledges, and the other funder goes to the bin (the undo moves them back and restores it).
 */
export type FunderMoved = { relinked: string } | { mergedFunderId: string; keptFunderId: string; moved: Record<string, string[]> };

/** The tables whose rows belong to a funder. */
const FUNDER_LINKS = ['funder_contacts', 'funder_interactions', 'opportunities', 'grants', 'donations', 'pledges'] as const;

export async function moveFunder(tx: Queryable, actor: Actor, mergedId: string, keptId: string): Promise<FunderMoved | undefined> {
  const orgId = actor.orgId;
  const { rows } = await tx.query<{ id: string; person_id: string }>(
    'SELECT id, person_id FROM funders WHERE org_id = $1 AND person_id = ANY($2) AND deleted_at IS NULL ORDER BY id FOR UPDATE',
    [orgId, [mergedId, keptId]],
  );
  const mf = rows.find((r) => r.person_id === mergedId);
  const kf = rows.find((r) => r.person_id === keptId);
  if (!mf) return undefined;
  if (!kf) {
    await tx.query('UPDATE funders SET person_id = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, mf.id, keptId]);
    return { relinked: mf.id };
  }
  const moved: Record<string, string[]> = {};
  for (const table of FUNDER_LINKS) {
    const { rows: m } = await tx.query<{ id: string }>(`UPDATE ${table} SET funder_id = $3 WHERE org_id = $1 AND funder_id = $2 RETURNING id`, [orgId, mf.id, kf.id]);
    moved[table] = m.map((r) => r.id);
  }
  await tx.query('UPDATE funders SET deleted_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, mf.id]);
  return { mergedFunderId: mf.id, keptFunderId: kf.id, moved };
}

export async function unmoveFunder(tx: Queryable, actor: Actor, mergedId: string, _keptId: string, moved: FunderMoved | undefined): Promise<void> {
  if (!moved) return;
  const orgId = actor.orgId;
  if ('relinked' in moved) {
    await tx.query('UPDATE funders SET person_id = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, moved.relinked, mergedId]);
    return;
  }
  await tx.query('UPDATE funders SET deleted_at = NULL, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, moved.mergedFunderId]);
  for (const table of FUNDER_LINKS) {
    const ids = moved.moved[table] ?? [];
    if (ids.length) await tx.query(`UPDATE ${table} SET funder_id = $2 WHERE org_id = $1 AND id = ANY($3)`, [orgId, moved.mergedFunderId, ids]);
  }
}
