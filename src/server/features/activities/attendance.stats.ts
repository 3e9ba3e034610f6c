import type { Queryable } from '../../db/connect.ts';
import type { CountFrom } from '../people/people.stats.ts';

export type AttendanceCriteria = {
  /** the program whose activities count; null: any activity (of programIds, when given) */
  programId: string | null;
  programIds?: string[] | null;
  /** only activities of these types (empty: any) */
  activityTypes: string[];
  /** only activities serving this result or a result under it (null: the whole program) */
  resultId: string | null;
  /** a person counts once they have attended this many such activities */
  minActivities: number;
};

/** A result and every live result under it. */
async function resultSubtree(tx: Queryable, orgId: string, resultId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `WITH RECURSIVE sub(id) AS (
       SELECT id FROM results WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL
       UNION ALL SELECT r.id FROM results r JOIN sub ON r.parent_id = sub.id WHERE r.org_id = $1 AND r.deleted_at IS NULL
     ) SELECT id FROM sub`,
    [orgId, resultId],
  );
  return rows.map((r) => r.id);
}

/**
 * For computed indicators over attendance: each person who came to at least N of the chosen
 * activities, with the local day of the Nth one (the day they start to count). Cancelled and
 * deleted activities do not count. For N = 1 a plain minimum per person does; otherwise the Nth
 * by start time. Parameters follow countPeopleOverTime's ($1 organisation, $6 time zone, ours from $8).
 */
export async function attendanceReached(tx: Queryable, orgId: string, c: AttendanceCriteria): Promise<CountFrom> {
  const results = c.resultId ? await resultSubtree(tx, orgId, c.resultId) : null;
  const chosen = `FROM attendance at JOIN activities a ON a.org_id = at.org_id AND a.id = at.activity_id
     WHERE at.org_id = $1 AND a.deleted_at IS NULL AND a.status <> 'cancelled'
       AND (${c.programId ? 'a.program_id = $8' : '$8::uuid[] IS NULL OR a.program_id = ANY($8::uuid[])'})
       AND (cardinality($9::text[]) = 0 OR a.type = ANY($9::text[])) AND ($10::uuid[] IS NULL OR a.result_id = ANY($10::uuid[]))`;
  const params = [c.programId ?? c.programIds ?? null, c.activityTypes, results];
  if (c.minActivities <= 1) return { sql: `SELECT at.person_id, min((a.starts_at AT TIME ZONE $6)::date) AS day ${chosen} GROUP BY at.person_id`, params };
  return {
    sql: `SELECT x.person_id, x.day FROM (
            SELECT at.person_id, (a.starts_at AT TIME ZONE $6)::date AS day, row_number() OVER (PARTITION BY at.person_id ORDER BY a.starts_at, a.id) AS n ${chosen}
          ) x WHERE x.n = $11`,
    params: [...params, c.minActivities],
  };
}
