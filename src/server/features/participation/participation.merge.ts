import { STATUS_RANK, type RegistrationStatus, statusForNew } from '../../../domain/participation.ts';
import type { Queryable } from '../../db/connect.ts';
import type { Actor } from '../../platform/context.ts';
import { promoteWaitlist } from './registrations.service.ts';

/** The activity's lock (registrations.service.ts), whatever its state: a merge also tidies activities in the bin. */
async function lock(tx: Queryable, orgId: string, activityId: string) {
  const { rows } = await tx.query<{ capacity: number | null }>('SELECT capacity FROM activities WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, activityId]);
  return rows[0] ?? null;
}

/**
 * What a merge of two people does to their registrations and attendance, and how its undo puts
 * them back (src/server/features/duplicates: mergePair / undoMerge). A person holds one
 * registration and one attendance row per activity, so where both records have one, one is kept
 * (the registration that holds the better place, the attendance of the kept person) and the
 * other is stored whole in the merge, to be written back by the undo.
 */

type Row = Record<string, any>;
export type ParticipationMoved = {
  /** registrations moved to the kept person, with the review flag they had */
  registrations: { id: string; needsReview: boolean }[];
  /** registrations deleted because the other person had one for the same activity */
  removedRegistrations: Row[];
  /** activities whose attendance row moved to the kept person */
  attendance: string[];
  removedAttendance: Row[];
};

const better = (a: Row, b: Row) =>
  STATUS_RANK[a.status as RegistrationStatus] - STATUS_RANK[b.status as RegistrationStatus] || String(a.created_at).localeCompare(String(b.created_at)) || (a.id < b.id ? -1 : 1);

export async function moveParticipation(tx: Queryable, actor: Actor, mergedId: string, keptId: string): Promise<ParticipationMoved> {
  const orgId = actor.orgId;
  const out: ParticipationMoved = { registrations: [], removedRegistrations: [], attendance: [], removedAttendance: [] };
  const { rows: regs } = await tx.query<Row>(
    `SELECT org_id, id, activity_id, person_id, status, source, code, needs_review, answers, cancel_reason, version, created_by,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at, updated_at
       FROM activity_registrations WHERE org_id = $1 AND person_id = ANY($2) ORDER BY activity_id, id`,
    [orgId, [mergedId, keptId]],
  );
  const byActivity = new Map<string, Row[]>();
  for (const r of regs) byActivity.set(r.activity_id, [...(byActivity.get(r.activity_id) ?? []), r]);
  for (const [activityId, list] of [...byActivity].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const merged = list.find((r) => r.person_id === mergedId);
    if (!merged) continue;
    const kept = list.find((r) => r.person_id === keptId);
    if (!kept) {
      await tx.query('UPDATE activity_registrations SET person_id = $3, needs_review = false, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, merged.id, keptId]);
      out.registrations.push({ id: merged.id, needsReview: merged.needs_review });
      continue;
    }
    // two registrations of one person for one activity: the better place stays, the other goes
    await lock(tx, orgId, activityId);
    const [winner, loser] = better(merged, kept) < 0 ? [merged, kept] : [kept, merged];
    await tx.query('DELETE FROM activity_registrations WHERE org_id = $1 AND id = $2', [orgId, loser.id]);
    out.removedRegistrations.push(loser);
    if (winner === merged) {
      await tx.query('UPDATE activity_registrations SET person_id = $3, needs_review = false, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, merged.id, keptId]);
      out.registrations.push({ id: merged.id, needsReview: merged.needs_review });
    }
    // a second place held by the same person is free now
    if (loser.status === 'registered') await promoteWaitlist(tx, actor, activityId);
  }

  const { rows: att } = await tx.query<Row>(
    `SELECT org_id, activity_id, person_id, checked_in_at, method, recorded_by, created_at FROM attendance WHERE org_id = $1 AND person_id = ANY($2) ORDER BY activity_id`,
    [orgId, [mergedId, keptId]],
  );
  const keptCame = new Set(att.filter((r) => r.person_id === keptId).map((r) => r.activity_id));
  for (const r of att.filter((x) => x.person_id === mergedId)) {
    if (keptCame.has(r.activity_id)) {
      await tx.query('DELETE FROM attendance WHERE org_id = $1 AND activity_id = $2 AND person_id = $3', [orgId, r.activity_id, mergedId]);
      out.removedAttendance.push(r);
    } else out.attendance.push(r.activity_id);
  }
  if (out.attendance.length) await tx.query('UPDATE attendance SET person_id = $3 WHERE org_id = $1 AND person_id = $2 AND activity_id = ANY($4)', [orgId, mergedId, keptId, out.attendance]);
  return out;
}

/**
 * Puts registrations and attendance back as they were before the merge. A registration that
 * held a place gets it back only if one is free now; otherwise it waits in its old place in line.
 */
export async function unmoveParticipation(tx: Queryable, actor: Actor, mergedId: string, keptId: string, moved: ParticipationMoved | undefined) {
  if (!moved) return;
  const orgId = actor.orgId;
  for (const r of moved.registrations) {
    await tx.query('UPDATE activity_registrations SET person_id = $3, needs_review = $4, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND person_id = $5', [
      orgId,
      r.id,
      mergedId,
      r.needsReview,
      keptId,
    ]);
  }
  for (const r of moved.removedRegistrations) {
    const activity = await lock(tx, orgId, r.activity_id);
    if (!activity) continue;
    let status = r.status as RegistrationStatus;
    if (status === 'registered') {
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_registrations WHERE org_id = $1 AND activity_id = $2 AND status = 'registered'`, [orgId, r.activity_id]);
      status = statusForNew(activity.capacity, rows[0].n);
    }
    await tx.query(
      `INSERT INTO activity_registrations (org_id, id, activity_id, person_id, status, source, code, needs_review, answers, cancel_reason, version, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 + 1, $12, $13, now()) ON CONFLICT DO NOTHING`,
      [orgId, r.id, r.activity_id, r.person_id, status, r.source, r.code, r.needs_review, JSON.stringify(r.answers), r.cancel_reason, r.version, r.created_by, r.created_at],
    );
  }
  if (moved.attendance.length) await tx.query('UPDATE attendance SET person_id = $3 WHERE org_id = $1 AND person_id = $2 AND activity_id = ANY($4)', [orgId, keptId, mergedId, moved.attendance]);
  for (const r of moved.removedAttendance) {
    await tx.query(
      'INSERT INTO attendance (org_id, activity_id, person_id, checked_in_at, method, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [orgId, r.activity_id, r.person_id, r.checked_in_at, r.method, r.recorded_by, r.created_at],
    );
  }
}
