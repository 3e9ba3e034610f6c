import type { z } from 'zod';
import type { Hours, HoursCreate, HoursQuery, HoursReport, HoursReportQuery, HoursReview, SelfHoursCreate } from '../../../domain/contracts/volunteers.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { CursorShapes, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { setRowDeleted } from '../../platform/rows.ts';

type Row = Record<string, any>;

/** Self-reported hours waiting for review: at most this many per volunteer. */
export const MAX_PENDING_SELF = 50;


const COLUMNS = `h.id, h.volunteer_id, p.full_name, h.activity_id, a.title AS activity_title, h.program_id, g.name AS program_name, h.work_date::text AS work_date, h.minutes, h.note,
  h.source, h.status, h.review_reason, h.reviewed_by, u.name AS reviewed_by_name, h.reviewed_at, h.version, h.created_at, h.deleted_at`;
const FROM = `volunteer_hours h JOIN volunteers v ON v.org_id = h.org_id AND v.id = h.volunteer_id JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
  LEFT JOIN activities a ON a.org_id = h.org_id AND a.id = h.activity_id AND a.deleted_at IS NULL
  LEFT JOIN programs g ON g.org_id = h.org_id AND g.id = h.program_id AND g.deleted_at IS NULL
  LEFT JOIN users u ON u.id = h.reviewed_by`;

const toHours = (r: Row): Hours => ({
  id: r.id,
  volunteer: { id: r.volunteer_id, name: r.full_name },
  activity: r.activity_title != null ? { id: r.activity_id, title: r.activity_title } : null,
  program: r.program_name != null ? { id: r.program_id, name: r.program_name } : null,
  date: r.work_date,
  hours: r.minutes / 60,
  note: r.note,
  source: r.source,
  status: r.status,
  reviewReason: r.review_reason,
  reviewedBy: r.reviewed_by ? { id: r.reviewed_by, name: r.reviewed_by_name } : null,
  reviewedAt: r.reviewed_at,
  version: r.version,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

export async function getHours(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE h.org_id = $1 AND h.id = $2 ${includeDeleted ? '' : 'AND h.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toHours(rows[0]);
}

/** Newest work date first; pending ones first when asked for everything of a volunteer is not needed: filters do it. */
export async function listHours(tx: Queryable, orgId: string, q: z.output<typeof HoursQuery>) {
  const params: unknown[] = [orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['h.org_id = $1', 'h.deleted_at IS NULL', 'v.deleted_at IS NULL'];
  if (q.volunteerId) where.push(`h.volunteer_id = ${p(q.volunteerId)}`);
  if (q.status) where.push(`h.status = ${p(q.status)}`);
  if (q.programId) where.push(`h.program_id = ${p(q.programId)}`);
  if (q.from) where.push(`h.work_date >= ${p(q.from)}::date`);
  if (q.to) where.push(`h.work_date <= ${p(q.to)}::date`);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cursor[0])) throw new AppError(400, 'validation_failed', {}, { cursor: { code: 'invalid' } });
    where.push(`(h.work_date, h.id) < (${p(cursor[0])}::date, ${p(cursor[1])}::uuid)`);
  }
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY h.work_date DESC, h.id DESC LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(toHours), nextCursor: more ? encodeCursor([page[page.length - 1].work_date, page[page.length - 1].id]) : null };
}

const auditView = (h: Hours) => ({ volunteerId: h.volunteer.id, activityId: h.activity?.id ?? null, programId: h.program?.id ?? null, date: h.date, hours: h.hours, note: h.note, source: h.source, status: h.status });

/**
 * Logs the hours of every shift of an activity (when it is marked done, or a shift is added to a
 * done activity): one approved row per assignment, so running it again adds nothing.
 */
export async function logShiftHours(tx: Queryable, actor: Actor, activityId: string): Promise<number> {
  const { rows: shifts } = await tx.query<{ assignment_id: string; volunteer_id: string; program_id: string | null; work_date: string; minutes: number }>(
    `SELECT s.id AS assignment_id, s.volunteer_id, a.program_id,
            to_char((a.starts_at + coalesce(r.shift_start_min, 0) * interval '1 minute') AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS work_date,
            least(14400, greatest(1, coalesce(r.shift_end_min, (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int) - coalesce(r.shift_start_min, 0)))::int AS minutes
       FROM volunteer_assignments s JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id
       JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id
      WHERE s.org_id = $1 AND a.id = $2 AND s.status = 'assigned' AND r.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM volunteer_hours h WHERE h.org_id = s.org_id AND h.assignment_id = s.id)
      ORDER BY s.id`,
    [actor.orgId, activityId],
  );
  let n = 0;
  for (const s of shifts) {
    const id = uuidv7();
    const { rows } = await tx.query(
      `INSERT INTO volunteer_hours (org_id, id, volunteer_id, activity_id, assignment_id, program_id, work_date, minutes, source, status, created_by, reviewed_by, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'shift', 'approved', $9, $9, now()) ON CONFLICT (org_id, assignment_id) DO NOTHING RETURNING id`,
      [actor.orgId, id, s.volunteer_id, activityId, s.assignment_id, s.program_id, s.work_date, s.minutes, actor.userId],
    );
    if (!rows.length) continue;
    n++;
    await audit(tx, actor, { action: 'create', entityType: 'volunteer_hours', entityId: id, after: { volunteerId: s.volunteer_id, activityId, date: s.work_date, hours: s.minutes / 60, source: 'shift', status: 'approved' } });
  }
  return n;
}

async function checkRefs(tx: Queryable, orgId: string, input: { date: string; activityId?: string | null; programId?: string | null }) {
  const fields: Record<string, FieldProblem> = {};
  if (input.date > (await orgToday(tx, orgId))) fields.date = { code: 'future_date' };
  let programId = input.programId ?? null;
  if (input.activityId) {
    const { rows } = await tx.query<{ program_id: string | null }>('SELECT program_id FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.activityId]);
    if (!rows[0]) fields.activityId = { code: 'not_found' };
    else programId ??= rows[0].program_id;
  }
  if (input.programId) {
    const { rows } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.programId]);
    if (!rows.length) fields.programId = { code: 'not_found' };
  }
  failOn(fields);
  return programId;
}

async function insertHours(tx: Queryable, actor: Actor, v: { volunteerId: string; activityId: string | null; programId: string | null; date: string; hours: number; note: string | null; source: 'staff' | 'self'; status: 'approved' | 'pending' }) {
  const id = uuidv7();
  await tx.query(
    `INSERT INTO volunteer_hours (org_id, id, volunteer_id, activity_id, program_id, work_date, minutes, note, source, status, created_by, reviewed_by, reviewed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ${v.status === 'approved' ? 'now()' : 'NULL'})`,
    [actor.orgId, id, v.volunteerId, v.activityId, v.programId, v.date, Math.round(v.hours * 60), v.note, v.source, v.status, actor.userId, v.status === 'approved' ? actor.userId : null],
  );
  const created = await getHours(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'volunteer_hours', entityId: id, after: auditView(created) });
  return created;
}

/** Hours added by staff count at once. */
export async function addHours(tx: Queryable, actor: Actor, input: z.output<typeof HoursCreate>) {
  const { rows } = await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, input.volunteerId]);
  if (!rows.length) failOn({ volunteerId: { code: 'not_found' } });
  const programId = await checkRefs(tx, actor.orgId, input);
  return insertHours(tx, actor, { volunteerId: input.volunteerId, activityId: input.activityId ?? null, programId, date: input.date, hours: input.hours, note: input.note ?? null, source: 'staff', status: 'approved' });
}

/** Hours a volunteer reports through the personal link wait for staff; the activity must be one they had a shift at. */
export async function reportHours(tx: Queryable, actor: Actor, volunteerId: string, input: z.output<typeof SelfHoursCreate>) {
  if (input.activityId) {
    const { rows } = await tx.query(
      `SELECT 1 FROM volunteer_assignments s JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id
        WHERE s.org_id = $1 AND s.volunteer_id = $2 AND r.activity_id = $3 AND s.status = 'assigned'`,
      [actor.orgId, volunteerId, input.activityId],
    );
    if (!rows.length) failOn({ activityId: { code: 'not_your_shift' } });
  }
  // the volunteer's row lock first, then the count in a statement of its own: concurrent reports
  // queue on the volunteer instead of all counting the same pending hours and passing the limit
  await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND id = $2 FOR UPDATE', [actor.orgId, volunteerId]);
  const { rows: pending } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM volunteer_hours WHERE org_id = $1 AND volunteer_id = $2 AND source = 'self' AND status = 'pending' AND deleted_at IS NULL`,
    [actor.orgId, volunteerId],
  );
  if (pending[0].n >= MAX_PENDING_SELF) throw new AppError(429, 'too_many_pending');
  const programId = await checkRefs(tx, actor.orgId, { date: input.date, activityId: input.activityId });
  return insertHours(tx, actor, { volunteerId, activityId: input.activityId ?? null, programId, date: input.date, hours: input.hours, note: input.note ?? null, source: 'self', status: 'pending' });
}

export async function reviewHours(tx: Queryable, actor: Actor, id: string, input: z.output<typeof HoursReview>) {
  const before = await getHours(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  if (before.status !== 'pending') throw new AppError(409, 'hours_reviewed');
  if (input.decision === 'reject' && !input.reason) failOn({ reason: { code: 'reject_reason_required' } });
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const { rows } = await tx.query(
    `UPDATE volunteer_hours SET status = $4, review_reason = $5, reviewed_by = $6, reviewed_at = now(), version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, input.version, status, status === 'rejected' ? input.reason : null, actor.userId],
  );
  if (!rows.length) throw conflict();
  await audit(tx, actor, { action: input.decision, entityType: 'volunteer_hours', entityId: id, before: { status: before.status }, after: { status, reason: status === 'rejected' ? input.reason : null } });
  return getHours(tx, actor.orgId, id);
}

export async function setHoursDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'volunteer_hours', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'volunteer_hours', entityId: id });
  return getHours(tx, actor.orgId, id, true);
}

/** Approved hours per volunteer and program in a period, most hours first. */
export async function hoursReport(tx: Queryable, orgId: string, q: z.output<typeof HoursReportQuery>): Promise<HoursReport> {
  if (q.to < q.from) failOn({ to: { code: 'end_before_start' } });
  const { rows } = await tx.query<{ volunteer_id: string; full_name: string; program_id: string | null; program_name: string | null; entries: number; minutes: number }>(
    `SELECT h.volunteer_id, p.full_name, g.id AS program_id, g.name AS program_name, count(*)::int AS entries, sum(h.minutes)::int AS minutes
       FROM volunteer_hours h JOIN volunteers v ON v.org_id = h.org_id AND v.id = h.volunteer_id JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
       LEFT JOIN programs g ON g.org_id = h.org_id AND g.id = h.program_id AND g.deleted_at IS NULL
      WHERE h.org_id = $1 AND h.status = 'approved' AND h.deleted_at IS NULL AND v.deleted_at IS NULL AND h.work_date BETWEEN $2::date AND $3::date
        AND ($4::uuid IS NULL OR h.program_id = $4) AND ($5::uuid IS NULL OR h.volunteer_id = $5)
      GROUP BY h.volunteer_id, p.full_name, g.id, g.name
      ORDER BY sum(h.minutes) DESC, p.full_name, h.volunteer_id, g.name NULLS LAST LIMIT 10000`,
    [orgId, q.from, q.to, q.programId ?? null, q.volunteerId ?? null],
  );
  const total = rows.reduce((n, r) => n + r.minutes, 0);
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({ volunteer: { id: r.volunteer_id, name: r.full_name }, program: r.program_id ? { id: r.program_id, name: r.program_name! } : null, entries: r.entries, hours: r.minutes / 60 })),
    totalHours: total / 60,
    volunteers: new Set(rows.map((r) => r.volunteer_id)).size,
  };
}
