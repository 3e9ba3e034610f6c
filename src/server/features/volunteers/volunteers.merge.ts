import type { Queryable } from '../../db/connect.ts';
import type { Actor } from '../../platform/context.ts';

/**
 * What a merge of two people does to their volunteer profiles, and how its undo puts them back
 * (src/server/features/duplicates: mergePair / undoMerge). A person has at most one profile. When
 * only the merged person had one, it moves over. When both had one, the kept profile takes the
 * other's skills, languages, areas and tags, and its documents, shifts and hours; the other
 * profile goes to the bin with its personal link switched off (the undo switches it back on).
 */
export type VolunteerMoved =
  | { relinked: string }
  | {
      mergedVolunteerId: string;
      keptVolunteerId: string;
      keptBefore: { skills: string[]; languages: string[]; area_codes: string[]; tags: string[]; status: string };
      mergedLinkHash: string | null;
      documents: string[];
      hours: string[];
      assignments: string[];
      /** the merged profile's shifts on a role the kept one already had: cancelled, restored by the undo */
      cancelled: string[];
    };

type Profile = { id: string; person_id: string; skills: string[]; languages: string[]; area_codes: string[]; tags: string[]; status: string; link_hash: string | null };

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
const STATUS_ORDER = ['active', 'pending', 'inactive'];

export async function moveVolunteer(tx: Queryable, actor: Actor, mergedId: string, keptId: string): Promise<VolunteerMoved | undefined> {
  const orgId = actor.orgId;
  const { rows } = await tx.query<Profile>(
    'SELECT id, person_id, skills, languages, area_codes, tags, status, link_hash FROM volunteers WHERE org_id = $1 AND person_id = ANY($2) AND deleted_at IS NULL ORDER BY id FOR UPDATE',
    [orgId, [mergedId, keptId]],
  );
  const mv = rows.find((r) => r.person_id === mergedId);
  const kv = rows.find((r) => r.person_id === keptId);
  if (!mv) return undefined;
  if (!kv) {
    await tx.query('UPDATE volunteers SET person_id = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, mv.id, keptId]);
    return { relinked: mv.id };
  }
  const status = STATUS_ORDER.find((s) => s === mv.status || s === kv.status) ?? kv.status;
  await tx.query(
    'UPDATE volunteers SET skills = $3, languages = $4, area_codes = $5, tags = $6, status = $7, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, kv.id, union(kv.skills, mv.skills), union(kv.languages, mv.languages), union(kv.area_codes, mv.area_codes), union(kv.tags, mv.tags), status],
  );
  const ids = async (sql: string, params: unknown[]) => (await tx.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
  const cancelled = await ids(
    `UPDATE volunteer_assignments m SET status = 'cancelled', version = version + 1, updated_at = now()
      WHERE m.org_id = $1 AND m.volunteer_id = $2 AND m.status = 'assigned'
        AND EXISTS (SELECT 1 FROM volunteer_assignments k WHERE k.org_id = m.org_id AND k.role_id = m.role_id AND k.volunteer_id = $3 AND k.status = 'assigned') RETURNING m.id`,
    [orgId, mv.id, kv.id],
  );
  const moved = {
    documents: await ids('UPDATE volunteer_documents SET volunteer_id = $3 WHERE org_id = $1 AND volunteer_id = $2 RETURNING id', [orgId, mv.id, kv.id]),
    hours: await ids('UPDATE volunteer_hours SET volunteer_id = $3 WHERE org_id = $1 AND volunteer_id = $2 RETURNING id', [orgId, mv.id, kv.id]),
    assignments: await ids('UPDATE volunteer_assignments SET volunteer_id = $3 WHERE org_id = $1 AND volunteer_id = $2 RETURNING id', [orgId, mv.id, kv.id]),
  };
  await tx.query('UPDATE volunteers SET deleted_at = now(), link_hash = NULL, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, mv.id]);
  return {
    mergedVolunteerId: mv.id,
    keptVolunteerId: kv.id,
    keptBefore: { skills: kv.skills, languages: kv.languages, area_codes: kv.area_codes, tags: kv.tags, status: kv.status },
    mergedLinkHash: mv.link_hash,
    ...moved,
    cancelled,
  };
}

/** Puts the profiles back as they were. Merges made before this mover existed recorded a plain list of moved profile ids. */
export async function unmoveVolunteer(tx: Queryable, actor: Actor, mergedId: string, _keptId: string, moved: VolunteerMoved | string[] | undefined) {
  if (!moved) return;
  const orgId = actor.orgId;
  if (Array.isArray(moved) || 'relinked' in moved) {
    const ids = Array.isArray(moved) ? moved : [moved.relinked];
    if (ids.length) await tx.query('UPDATE volunteers SET person_id = $2, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = ANY($3)', [orgId, mergedId, ids]);
    return;
  }
  const { mergedVolunteerId: mv, keptVolunteerId: kv, keptBefore: b } = moved;
  await tx.query('UPDATE volunteers SET deleted_at = NULL, link_hash = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, mv, moved.mergedLinkHash]);
  for (const table of ['volunteer_documents', 'volunteer_hours', 'volunteer_assignments'] as const) {
    const ids = moved[table === 'volunteer_documents' ? 'documents' : table === 'volunteer_hours' ? 'hours' : 'assignments'];
    if (ids.length) await tx.query(`UPDATE ${table} SET volunteer_id = $2 WHERE org_id = $1 AND id = ANY($3)`, [orgId, mv, ids]);
  }
  if (moved.cancelled.length) await tx.query(`UPDATE volunteer_assignments SET status = 'assigned', version = version + 1, updated_at = now() WHERE org_id = $1 AND id = ANY($2)`, [orgId, moved.cancelled]);
  await tx.query('UPDATE volunteers SET skills = $3, languages = $4, area_codes = $5, tags = $6, status = $7, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [
    orgId,
    kv,
    b.skills,
    b.languages,
    b.area_codes,
    b.tags,
    b.status,
  ]);
}
