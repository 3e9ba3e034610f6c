import { z } from 'zod';
import type { Attendance, AttendanceQuery } from '../../../domain/contracts/participation.ts';
import { type AttendanceMethod, normaliseCode } from '../../../domain/participation.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { BRIEF_COLUMNS, type Deps, personSearch, toBrief } from './registrations.service.ts';

/**
 * Attendance: one row per person who came (primary key activity + person), so a check-in sent
 * twice — an offline queue replaying, two staff ticking the same person — counts once.
 */

type Row = Record<string, any>;

const COLUMNS = `a.activity_id, a.checked_in_at, a.method, u.name AS recorded_by_name, r.status AS registration_status, ${BRIEF_COLUMNS},
  to_char(a.checked_in_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS checked_key`;
const FROM = `attendance a JOIN people p ON p.org_id = a.org_id AND p.id = a.person_id
  LEFT JOIN users u ON u.id = a.recorded_by
  LEFT JOIN activity_registrations r ON r.org_id = a.org_id AND r.activity_id = a.activity_id AND r.person_id = a.person_id`;

const toAttendance = (r: Row, deps: Deps): Attendance => ({
  activityId: r.activity_id,
  person: toBrief(r, deps),
  checkedInAt: r.checked_in_at,
  method: r.method,
  recordedByName: r.recorded_by_name ?? null,
  registrationStatus: r.registration_status ?? null,
});

async function getAttendance(tx: Queryable, deps: Deps, orgId: string, activityId: string, personId: string) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.org_id = $1 AND a.activity_id = $2 AND a.person_id = $3`, [orgId, activityId, personId]);
  if (!rows[0]) throw notFound();
  return toAttendance(rows[0], deps);
}

/** The activity can take check-ins: it exists, is not in the bin and is not cancelled. */
async function checkActivity(tx: Queryable, orgId: string, activityId: string) {
  const { rows } = await tx.query<{ status: string; title: string }>('SELECT status, title FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, activityId]);
  if (!rows[0]) throw notFound();
  if (rows[0].status === 'cancelled') throw new AppError(409, 'activity_cancelled');
  return rows[0];
}

/**
 * The person a check-in names, following merges: a device that queued a check-in offline may
 * send it after the person was merged into another record.
 */
async function livePerson(tx: Queryable, orgId: string, personId: string): Promise<string> {
  let id = personId;
  for (let hop = 0; hop < 5; hop++) {
    const { rows } = await tx.query<{ deleted: boolean; merged_into: string | null }>('SELECT deleted_at IS NOT NULL AS deleted, merged_into FROM people WHERE org_id = $1 AND id = $2', [orgId, id]);
    if (!rows[0]) break;
    if (!rows[0].deleted) return id;
    if (!rows[0].merged_into) break;
    id = rows[0].merged_into;
  }
  throw new AppError(404, 'person_not_found');
}

/** A device's clock may be off: an arrival time in the future is taken as now. */
const arrival = (at: string | undefined) => (at && Date.parse(at) <= Date.now() ? at : null);

/** Checks a person in; idempotent: the same check-in again changes nothing and says created: false. */
export async function checkIn(tx: Queryable, deps: Deps, actor: Actor, activityId: string, personId: string, input: { method: AttendanceMethod; checkedInAt?: string }) {
  await checkActivity(tx, actor.orgId, activityId);
  const person = await livePerson(tx, actor.orgId, personId);
  const { rows } = await tx.query(
    `INSERT INTO attendance (org_id, activity_id, person_id, checked_in_at, method, recorded_by) VALUES ($1, $2, $3, coalesce($4::timestamptz, now()), $5, $6)
     ON CONFLICT (org_id, activity_id, person_id) DO NOTHING RETURNING person_id`,
    [actor.orgId, activityId, person, arrival(input.checkedInAt), input.method, actor.userId || null],
  );
  const created = rows.length > 0;
  const item = await getAttendance(tx, deps, actor.orgId, activityId, person);
  if (created) await audit(tx, actor, { action: 'check_in', entityType: 'activity', entityId: activityId, after: { personId: person, person: item.person.fullName, method: input.method } });
  return { created, item };
}

/** Checks in the holder of a registration code (the QR code, or typed from a hand-held scanner). */
export async function checkInByCode(tx: Queryable, deps: Deps, actor: Actor, activityId: string, input: { code: string; checkedInAt?: string }) {
  const code = normaliseCode(input.code);
  if (!code) throw new AppError(400, 'validation_failed', {}, { code: { code: 'invalid_code' } });
  const { rows } = await tx.query<{ activity_id: string; person_id: string; title: string; status: string }>(
    `SELECT r.activity_id, r.person_id, r.status, a.title FROM activity_registrations r JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id WHERE r.org_id = $1 AND r.code = $2`,
    [actor.orgId, code],
  );
  if (!rows[0]) throw new AppError(404, 'code_not_found', {}, { code: { code: 'code_not_found' } });
  if (rows[0].activity_id !== activityId) throw new AppError(409, 'code_other_activity', { title: rows[0].title }, { code: { code: 'code_other_activity', params: { title: rows[0].title } } });
  // a cancelled registration's code no longer opens the door: staff decide, and tick by name
  if (rows[0].status === 'cancelled') throw new AppError(409, 'code_cancelled', {}, { code: { code: 'code_cancelled' } });
  return checkIn(tx, deps, actor, activityId, rows[0].person_id, { method: 'qr', checkedInAt: input.checkedInAt });
}

/** A correction: the person did not come after all. Audited with what was removed, so it can be put back. */
export async function removeAttendance(tx: Queryable, deps: Deps, actor: Actor, activityId: string, personId: string) {
  const { rows: act } = await tx.query('SELECT 1 FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, activityId]);
  if (!act.length) throw notFound();
  const before = await getAttendance(tx, deps, actor.orgId, activityId, personId);
  await tx.query('DELETE FROM attendance WHERE org_id = $1 AND activity_id = $2 AND person_id = $3', [actor.orgId, activityId, personId]);
  await audit(tx, actor, { action: 'remove_attendance', entityType: 'activity', entityId: activityId, before: { personId, person: before.person.fullName, method: before.method, checkedInAt: before.checkedInAt } });
  return before;
}

/** The paper sign-in sheet typed in afterwards: many people at once, each counted once. */
export async function checkInMany(tx: Queryable, actor: Actor, activityId: string, personIds: string[]) {
  await checkActivity(tx, actor.orgId, activityId);
  const ids: string[] = [];
  for (const id of new Set(personIds)) ids.push(await livePerson(tx, actor.orgId, id));
  const unique = [...new Set(ids)];
  const { rows } = await tx.query<{ person_id: string }>(
    `INSERT INTO attendance (org_id, activity_id, person_id, method, recorded_by) SELECT $1, $2, unnest($3::uuid[]), 'sheet', $4
     ON CONFLICT (org_id, activity_id, person_id) DO NOTHING RETURNING person_id`,
    [actor.orgId, activityId, unique, actor.userId || null],
  );
  if (rows.length) {
    const { rows: names } = await tx.query<{ full_name: string }>('SELECT full_name FROM people WHERE org_id = $1 AND id = ANY($2) ORDER BY full_name', [actor.orgId, rows.map((r) => r.person_id)]);
    await audit(tx, actor, { action: 'check_in_sheet', entityType: 'activity', entityId: activityId, after: { personIds: rows.map((r) => r.person_id), people: names.map((n) => n.full_name), method: 'sheet' } });
  }
  return { added: rows.length, already: unique.length - rows.length };
}

const AttCursor = z.tuple([z.string().max(40), z.uuid()]);

/** Who came, in arrival order; search by name or phone. */
export async function listAttendance(tx: Queryable, deps: Deps, orgId: string, activityId: string, q: z.output<typeof AttendanceQuery>) {
  const { rows: act } = await tx.query('SELECT 1 FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, activityId]);
  if (!act.length) throw notFound();
  const params: unknown[] = [orgId, activityId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['a.org_id = $1', 'a.activity_id = $2'];
  if (q.q) where.push(personSearch(q.q, p));
  const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where.join(' AND ')}`, params)).rows[0].n;
  const cursor = decodeCursor(q.cursor, AttCursor);
  if (cursor) where.push(`(a.checked_in_at, a.person_id) > (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY a.checked_in_at, a.person_id LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => toAttendance(r, deps)), nextCursor: more ? encodeCursor([last.checked_key, last.person_id]) : null, total };
}

/** Every activity a person registered for or attended, newest first. */
export async function personParticipation(tx: Queryable, orgId: string, personId: string, q: { cursor?: string; limit: number }) {
  const { rows: person } = await tx.query('SELECT 1 FROM people WHERE org_id = $1 AND id = $2', [orgId, personId]);
  if (!person.length) throw notFound();
  const params: unknown[] = [orgId, personId];
  const cursor = decodeCursor(q.cursor, AttCursor);
  let after = '';
  if (cursor) {
    params.push(cursor[0], cursor[1]);
    after = `AND (a.starts_at, a.id) < ($3::timestamptz, $4::uuid)`;
  }
  params.push(q.limit + 1);
  const { rows } = await tx.query<Row>(
    `WITH mine AS (SELECT activity_id FROM activity_registrations WHERE org_id = $1 AND person_id = $2 UNION SELECT activity_id FROM attendance WHERE org_id = $1 AND person_id = $2)
     SELECT a.id, a.title, a.type, a.status, a.deleted_at IS NOT NULL AS deleted, to_char(a.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS start_date,
            to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS start_key, pr.name AS program_name, r.status AS registration_status, att.checked_in_at
       FROM mine JOIN activities a ON a.org_id = $1 AND a.id = mine.activity_id JOIN organizations o ON o.id = a.org_id
       LEFT JOIN programs pr ON pr.org_id = a.org_id AND pr.id = a.program_id AND pr.deleted_at IS NULL
       LEFT JOIN activity_registrations r ON r.org_id = a.org_id AND r.activity_id = a.id AND r.person_id = $2
       LEFT JOIN attendance att ON att.org_id = a.org_id AND att.activity_id = a.id AND att.person_id = $2
      WHERE true ${after} ORDER BY a.starts_at DESC, a.id DESC LIMIT $${params.length}`,
    params,
  );
  const { rows: c } = await tx.query<{ registered: number; attended: number }>(
    `SELECT (SELECT count(*)::int FROM activity_registrations WHERE org_id = $1 AND person_id = $2 AND status <> 'cancelled') AS registered,
            (SELECT count(*)::int FROM attendance WHERE org_id = $1 AND person_id = $2) AS attended`,
    [orgId, personId],
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      activity: { id: r.id, title: r.title, type: r.type, startDate: r.start_date, status: r.status, programName: r.program_name ?? null, deleted: r.deleted },
      registrationStatus: r.registration_status ?? null,
      attended: r.checked_in_at != null,
      checkedInAt: r.checked_in_at ?? null,
    })),
    nextCursor: more ? encodeCursor([last.start_key, last.id]) : null,
    counts: c[0],
  };
}
