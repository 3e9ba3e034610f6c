import type { z } from 'zod';
import type { OpenRole, RoleCreate, RoleUpdate, Shift, Suggestions, VolunteerRole } from '../../../domain/contracts/volunteers.ts';
import { type Candidate, REMINDER_HOURS, type Slot, conflictsOf, dayPieces, rankCandidates } from '../../../domain/volunteers.ts';
import type { Db, Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import { AppError, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { setRowDeleted } from '../../platform/rows.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { Services } from '../../platform/services.ts';
import { logShiftHours } from './hours.service.ts';
import { skillProblems } from './skills.service.ts';

type Deps = Pick<Services, 'areas'>;
type Row = Record<string, any>;

/**
 * A role's shift in time. Shifts are kept as minutes from the activity's start (moving the
 * activity moves them); without one, the shift is the whole activity.
 */
export const SHIFT_START = `(a.starts_at + coalesce(r.shift_start_min, 0) * interval '1 minute')`;
export const SHIFT_END = `(CASE WHEN r.shift_end_min IS NULL THEN a.ends_at ELSE a.starts_at + r.shift_end_min * interval '1 minute' END)`;
const utc = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const local = (col: string, fmt: string) => `to_char(${col} AT TIME ZONE o.time_zone, '${fmt}')`;
const SPAN = `${utc(SHIFT_START)} AS starts_at, ${utc(SHIFT_END)} AS ends_at,
  ${local(SHIFT_START, 'YYYY-MM-DD')} AS start_date, ${local(SHIFT_START, 'HH24:MI')} AS start_time,
  ${local(SHIFT_END, 'YYYY-MM-DD')} AS end_date, ${local(SHIFT_END, 'HH24:MI')} AS end_time`;
/** Roles and activities still taking place. */
const LIVE_ROLE = `r.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status <> 'cancelled'`;


// ---- shifts (assignments) ----

const SHIFT_COLUMNS = `s.id, s.role_id, s.volunteer_id, s.source, s.status, s.version, r.name AS role_name, a.id AS activity_id, a.title, a.status AS activity_status, a.venue,
  p.full_name, ${SPAN}`;
const SHIFT_FROM = `volunteer_assignments s JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id
  JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id
  JOIN volunteers v ON v.org_id = s.org_id AND v.id = s.volunteer_id JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id`;

const toShift = (r: Row): Shift => ({
  id: r.id,
  roleId: r.role_id,
  roleName: r.role_name,
  activity: { id: r.activity_id, title: r.title, status: r.activity_status, venue: r.venue },
  volunteer: { id: r.volunteer_id, name: r.full_name },
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  date: r.start_date,
  startTime: r.start_time,
  endDate: r.end_date,
  endTime: r.end_time,
  source: r.source,
  status: r.status,
  version: r.version,
});

/** A volunteer's live shifts, upcoming (not ended) or recent, in time order. */
export async function listShifts(tx: Queryable, orgId: string, q: { volunteerId: string; upcoming?: boolean; sinceDays?: number; limit: number }): Promise<Shift[]> {
  const when = q.upcoming ? `${SHIFT_END} > now()` : `${SHIFT_START} > now() - ($3 || ' days')::interval`;
  const { rows } = await tx.query<Row>(
    `SELECT ${SHIFT_COLUMNS} FROM ${SHIFT_FROM} WHERE s.org_id = $1 AND s.volunteer_id = $2 AND s.status = 'assigned' AND r.deleted_at IS NULL AND a.deleted_at IS NULL AND ${when}
      ORDER BY ${SHIFT_START}, s.id LIMIT ${Number(q.limit)}`,
    q.upcoming ? [orgId, q.volunteerId] : [orgId, q.volunteerId, String(q.sinceDays ?? 90)],
  );
  return rows.map(toShift);
}

async function getShift(tx: Queryable, orgId: string, id: string): Promise<Shift> {
  const { rows } = await tx.query<Row>(`SELECT ${SHIFT_COLUMNS} FROM ${SHIFT_FROM} WHERE s.org_id = $1 AND s.id = $2`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toShift(rows[0]);
}

// ---- roles per activity ----

const ROLE_COLUMNS = `r.id, r.activity_id, r.name, r.skills, r.needed, r.shift_start_min, r.description, r.version, r.deleted_at, a.area_code, a.status AS activity_status, ${SPAN},
  coalesce((SELECT json_agg(json_build_object('id', s.id, 'volunteerId', s.volunteer_id, 'name', p.full_name, 'source', s.source, 'personId', p.id) ORDER BY s.created_at, s.id)
     FROM volunteer_assignments s JOIN volunteers v ON v.org_id = s.org_id AND v.id = s.volunteer_id JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
    WHERE s.org_id = r.org_id AND s.role_id = r.id AND s.status = 'assigned'), '[]') AS assigned`;
const ROLE_FROM = 'volunteer_roles r JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id';

function toRole(r: Row): VolunteerRole {
  return {
    id: r.id,
    activityId: r.activity_id,
    name: r.name,
    skills: r.skills,
    needed: r.needed,
    shift: r.shift_start_min == null ? null : { startDate: r.start_date, startTime: r.start_time, endDate: r.end_date, endTime: r.end_time },
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    description: r.description,
    assigned: typeof r.assigned === 'string' ? JSON.parse(r.assigned) : r.assigned,
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

/** The live activity a role belongs to (404 when it is gone). */
async function activityOf(tx: Queryable, orgId: string, activityId: string) {
  const { rows } = await tx.query<{ id: string; status: string; starts_at: string; ends_at: string; start_date: string; area_code: string | null; program_id: string | null }>(
    `SELECT a.id, a.status, a.starts_at, a.ends_at, a.area_code, a.program_id, ${local('a.starts_at', 'YYYY-MM-DD')} AS start_date
       FROM activities a JOIN organizations o ON o.id = a.org_id WHERE a.org_id = $1 AND a.id = $2 AND a.deleted_at IS NULL`,
    [orgId, activityId],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function listRoles(tx: Queryable, orgId: string, activityId: string, deleted = false) {
  await activityOf(tx, orgId, activityId);
  const { rows } = await tx.query<Row>(
    `SELECT ${ROLE_COLUMNS} FROM ${ROLE_FROM} WHERE r.org_id = $1 AND r.activity_id = $2 AND r.deleted_at IS ${deleted ? 'NOT NULL' : 'NULL'} ORDER BY ${SHIFT_START}, r.created_at, r.id`,
    [orgId, activityId],
  );
  return { items: rows.map(toRole) };
}

/**
 * A role with its people. `lock` takes the role's row lock first, in a statement of its own: the
 * read that follows then starts after any transaction that held the lock has committed, and so
 * sees its assignments (a read in the locking statement would use the snapshot from before the wait).
 */
export async function getRole(tx: Queryable, orgId: string, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}) {
  if (opts.lock) await tx.query('SELECT 1 FROM volunteer_roles WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
  const { rows } = await tx.query<Row>(
    `SELECT ${ROLE_COLUMNS} FROM ${ROLE_FROM} WHERE r.org_id = $1 AND r.id = $2 AND a.deleted_at IS NULL ${opts.includeDeleted ? '' : 'AND r.deleted_at IS NULL'}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return toRole(rows[0]);
}

/** Local shift times → minutes from the activity's start, checked to lie within it. */
async function shiftMinutes(tx: Queryable, orgId: string, activityId: string, shift: NonNullable<z.output<typeof RoleCreate>['shift']>) {
  const act = await activityOf(tx, orgId, activityId);
  const { rows } = await tx.query<{ s: number; e: number; len: number }>(
    `SELECT (extract(epoch FROM (($2::date + $3::time) AT TIME ZONE o.time_zone) - a.starts_at) / 60)::int AS s,
            (extract(epoch FROM (($4::date + $5::time) AT TIME ZONE o.time_zone) - a.starts_at) / 60)::int AS e,
            (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int AS len
       FROM activities a JOIN organizations o ON o.id = a.org_id WHERE a.org_id = $1 AND a.id = $6`,
    [orgId, shift.startDate ?? act.start_date, shift.startTime, shift.endDate ?? shift.startDate ?? act.start_date, shift.endTime, activityId],
  );
  const { s, e, len } = rows[0];
  if (e <= s) failOn({ 'shift.endTime': { code: 'ends_before_starts' } });
  if (s < 0 || e > len) failOn({ 'shift.startTime': { code: 'shift_outside_activity' } });
  return { start: s, end: e };
}

const roleAudit = (r: VolunteerRole) => ({ activityId: r.activityId, name: r.name, skills: r.skills, needed: r.needed, startsAt: r.startsAt, endsAt: r.endsAt, description: r.description });

export async function createRole(tx: Queryable, actor: Actor, activityId: string, input: z.output<typeof RoleCreate>) {
  await activityOf(tx, actor.orgId, activityId);
  failOn(await skillProblems(tx, actor.orgId, input.skills));
  const m = input.shift ? await shiftMinutes(tx, actor.orgId, activityId, input.shift) : null;
  const id = uuidv7();
  await tx.query(
    `INSERT INTO volunteer_roles (org_id, id, activity_id, name, skills, needed, shift_start_min, shift_end_min, description, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [actor.orgId, id, activityId, input.name, [...new Set(input.skills)], input.needed, m?.start ?? null, m?.end ?? null, input.description ?? null, actor.userId],
  );
  const role = await getRole(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'volunteer_role', entityId: id, after: roleAudit(role) });
  return role;
}

export async function updateRole(tx: Queryable, actor: Actor, id: string, input: z.output<typeof RoleUpdate>) {
  const before = await getRole(tx, actor.orgId, id, { lock: true });
  if (before.version !== input.version) throw conflict();
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.skills !== undefined) {
    failOn(await skillProblems(tx, actor.orgId, input.skills, before.skills));
    set.skills = [...new Set(input.skills)];
  }
  if (input.needed !== undefined) {
    if (input.needed < before.assigned.length) failOn({ needed: { code: 'needed_below_assigned', params: { count: before.assigned.length } } });
    set.needed = input.needed;
  }
  if (input.description !== undefined) set.description = input.description;
  if (input.shift !== undefined) {
    const m = input.shift ? await shiftMinutes(tx, actor.orgId, before.activityId, input.shift) : null;
    set.shift_start_min = m?.start ?? null;
    set.shift_end_min = m?.end ?? null;
    // people already on the role must still be free at the new time
    if (m && before.assigned.length) {
      const act = await activityOf(tx, actor.orgId, before.activityId);
      const start = Date.parse(act.starts_at) + m.start * 60_000;
      const end = Date.parse(act.starts_at) + m.end * 60_000;
      await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE', [actor.orgId, before.assigned.map((s) => s.volunteerId)]);
      for (const s of before.assigned) await refuseDoubleBooking(tx, actor.orgId, s.volunteerId, s.name, { start, end }, id);
    }
  }
  const cols = Object.keys(set);
  await tx.query(
    `UPDATE volunteer_roles SET ${[...cols.map((c, i) => `${c} = $${i + 3}`), 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE org_id = $1 AND id = $2`,
    [actor.orgId, id, ...Object.values(set)],
  );
  const after = await getRole(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'volunteer_role', entityId: id, ...changed(roleAudit(before), roleAudit(after)) });
  return after;
}

/** To the bin and back; its shifts stay as they are (a restored role has its people again). */
export async function setRoleDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'volunteer_roles', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'volunteer_role', entityId: id });
  return getRole(tx, actor.orgId, id, { includeDeleted: true });
}

// ---- double booking ----

/** A volunteer's live shifts near [start, end), excluding one role (its own) or every role of one activity. */
async function shiftsNear(tx: Queryable, orgId: string, volunteerIds: string[], span: { start: number; end: number }, exceptRoleId: string | null, exceptActivityId: string | null = null) {
  const { rows } = await tx.query<{ volunteer_id: string; title: string; starts_at: string; ends_at: string; start_date: string; start_time: string; end_time: string }>(
    `SELECT s.volunteer_id, a.title, ${SPAN} FROM volunteer_assignments s
       JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id
      WHERE s.org_id = $1 AND s.volunteer_id = ANY($2) AND s.status = 'assigned' AND ${LIVE_ROLE} AND ($5::uuid IS NULL OR r.id <> $5) AND ($6::uuid IS NULL OR a.id <> $6)
        AND a.starts_at < $4::timestamptz + interval '1 day' AND a.ends_at > $3::timestamptz - interval '1 day'`,
    [orgId, volunteerIds, new Date(span.start).toISOString(), new Date(span.end).toISOString(), exceptRoleId, exceptActivityId],
  );
  return rows.map((r) => ({ ...r, start: r.starts_at, end: r.ends_at }));
}

/** 409 double_booked when the volunteer already has a shift overlapping [start, end) (touching is fine). */
async function refuseDoubleBooking(tx: Queryable, orgId: string, volunteerId: string, name: string, span: { start: number; end: number }, exceptRoleId: string | null, exceptActivityId: string | null = null) {
  const clash = conflictsOf(span, await shiftsNear(tx, orgId, [volunteerId], span, exceptRoleId, exceptActivityId))[0];
  if (clash) {
    const when = `${clash.start_date} ${clash.start_time}–${clash.end_time}`;
    throw new AppError(409, 'double_booked', { name, activity: clash.title, when }, undefined, { conflict: { activity: clash.title, startsAt: clash.starts_at, endsAt: clash.ends_at } });
  }
}

/**
 * After an activity moved (or came back from cancelled): refuses the change when one of its
 * volunteers now has two shifts at once. Called inside the update's transaction, after the new
 * times are written; the volunteers are locked in id order, like assign() locks them, so a
 * concurrent assignment waits and then sees the moved shift.
 */
export async function refuseMovedShiftClashes(tx: Queryable, orgId: string, activityId: string) {
  const { rows } = await tx.query<{ volunteer_id: string; full_name: string; starts_at: string; ends_at: string }>(
    `SELECT s.volunteer_id, p.full_name, ${SPAN} FROM volunteer_assignments s
       JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id
       JOIN organizations o ON o.id = a.org_id JOIN volunteers v ON v.org_id = s.org_id AND v.id = s.volunteer_id JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
      WHERE s.org_id = $1 AND a.id = $2 AND s.status = 'assigned' AND ${LIVE_ROLE} ORDER BY s.volunteer_id`,
    [orgId, activityId],
  );
  if (!rows.length) return;
  await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE', [orgId, [...new Set(rows.map((r) => r.volunteer_id))]]);
  for (const r of rows) await refuseDoubleBooking(tx, orgId, r.volunteer_id, r.full_name, { start: Date.parse(r.starts_at), end: Date.parse(r.ends_at) }, null, activityId);
}

/**
 * Puts a volunteer on a role (or back on it: `reopen`). Transaction-safe: the role row and then
 * the volunteer row are locked first, so two requests for the same role or the same volunteer
 * queue and the second sees the first's shift — no double booking and no more people than needed.
 */
export async function assign(tx: Queryable, actor: Actor, roleId: string, volunteerId: string, source: 'staff' | 'self', reopen?: { id: string; version: number }) {
  const role = await getRole(tx, actor.orgId, roleId, { lock: true });
  const act = await activityOf(tx, actor.orgId, role.activityId);
  if (act.status === 'cancelled' || (source === 'self' && (act.status === 'done' || Date.parse(role.startsAt) <= Date.now()))) throw new AppError(409, 'activity_not_open');
  // the volunteer's lock, then (in later statements) their shifts as committed by whoever held it
  await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND id = $2 FOR UPDATE', [actor.orgId, volunteerId]);
  const { rows: vol } = await tx.query<{ status: string; full_name: string }>(
    `SELECT v.status, p.full_name FROM volunteers v JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
      WHERE v.org_id = $1 AND v.id = $2 AND v.deleted_at IS NULL AND p.deleted_at IS NULL`,
    [actor.orgId, volunteerId],
  );
  if (!vol[0]) failOn({ volunteerId: { code: 'not_found' } });
  if (vol[0].status !== 'active') throw new AppError(409, 'volunteer_not_active');
  if (role.assigned.some((s) => s.volunteerId === volunteerId)) throw new AppError(409, 'already_assigned');
  if (role.assigned.length >= role.needed) throw new AppError(409, 'role_full', { needed: role.needed });
  await refuseDoubleBooking(tx, actor.orgId, volunteerId, vol[0].full_name, { start: Date.parse(role.startsAt), end: Date.parse(role.endsAt) }, null);
  let id: string;
  if (reopen) {
    id = reopen.id;
    const { rows } = await tx.query(
      `UPDATE volunteer_assignments SET status = 'assigned', reminded_at = NULL, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND version = $3 AND status = 'cancelled' RETURNING id`,
      [actor.orgId, id, reopen.version],
    );
    if (!rows.length) throw conflict();
  } else {
    id = uuidv7();
    await tx.query(`INSERT INTO volunteer_assignments (org_id, id, role_id, volunteer_id, source, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      actor.orgId,
      id,
      roleId,
      volunteerId,
      source,
      source === 'staff' ? actor.userId : null,
    ]);
  }
  await audit(tx, actor, { action: reopen ? 'restore' : 'create', entityType: 'volunteer_assignment', entityId: id, after: { roleId, volunteerId, activityId: role.activityId, source } });
  // an activity already done gets the hours at once
  if (act.status === 'done') await logShiftHours(tx, actor, role.activityId);
  return getShift(tx, actor.orgId, id);
}

/** Takes a volunteer off a role (the place is free again); restore puts them back if still possible. */
export async function cancelAssignment(tx: Queryable, actor: Actor, id: string, opts: { volunteerId?: string; futureOnly?: boolean } = {}) {
  const shift = await getShift(tx, actor.orgId, id);
  if (shift.status !== 'assigned' || (opts.volunteerId && shift.volunteer.id !== opts.volunteerId)) throw notFound();
  if (opts.futureOnly && Date.parse(shift.startsAt) <= Date.now()) throw new AppError(409, 'shift_started');
  await tx.query(`UPDATE volunteer_assignments SET status = 'cancelled', version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: 'delete', entityType: 'volunteer_assignment', entityId: id, before: { roleId: shift.roleId, volunteerId: shift.volunteer.id } });
  return getShift(tx, actor.orgId, id);
}

export async function restoreAssignment(tx: Queryable, actor: Actor, id: string) {
  const shift = await getShift(tx, actor.orgId, id);
  if (shift.status !== 'cancelled') throw notFound();
  return assign(tx, actor, shift.roleId, shift.volunteer.id, shift.source, { id, version: shift.version });
}

// ---- suggestions ----

/** Active volunteers for a role, ranked (src/domain/volunteers.ts), with why; people already booked then are flagged busy. */
export async function suggestions(tx: Queryable, deps: Deps, orgId: string, roleId: string, limit = 50): Promise<z.infer<typeof Suggestions>> {
  const { rows: roleRows } = await tx.query<Row>(`SELECT ${ROLE_COLUMNS} FROM ${ROLE_FROM} WHERE r.org_id = $1 AND r.id = $2 AND r.deleted_at IS NULL AND a.deleted_at IS NULL`, [orgId, roleId]);
  if (!roleRows[0]) throw notFound();
  const r = roleRows[0];
  const role = toRole(r);
  const pieces: Slot[] = dayPieces(r.start_date, r.start_time, r.end_date, r.end_time);
  const taken = new Set(role.assigned.map((s) => s.volunteerId));
  const { rows } = await tx.query<{ id: string; full_name: string; skills: string[]; availability: Slot[] | string; area_codes: string[]; hours: number }>(
    `SELECT v.id, p.full_name, v.skills, v.availability, v.area_codes,
            coalesce((SELECT sum(h.minutes) FROM volunteer_hours h WHERE h.org_id = v.org_id AND h.volunteer_id = v.id AND h.status = 'approved' AND h.deleted_at IS NULL
                        AND h.work_date > (now() AT TIME ZONE 'UTC')::date - 365), 0)::float8 / 60 AS hours
       FROM volunteers v JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id AND p.deleted_at IS NULL
      WHERE v.org_id = $1 AND v.deleted_at IS NULL AND v.status = 'active' ORDER BY v.id LIMIT 2000`,
    [orgId],
  );
  const pool = rows.filter((x) => !taken.has(x.id));
  const span = { start: Date.parse(role.startsAt), end: Date.parse(role.endsAt) };
  const near = pool.length ? await shiftsNear(tx, orgId, pool.map((x) => x.id), span, roleId) : [];
  const busy = new Set(conflictsOf(span, near).map((s) => s.volunteer_id));
  const candidates: Candidate[] = pool.map((x) => ({
    id: x.id,
    name: x.full_name,
    skills: x.skills,
    availability: typeof x.availability === 'string' ? JSON.parse(x.availability) : x.availability,
    areaCodes: x.area_codes,
    hours: Math.round(Number(x.hours) * 100) / 100,
    busy: busy.has(x.id),
  }));
  const ranked = rankCandidates({ skills: role.skills, pieces, areaCode: r.area_code }, candidates).slice(0, limit);
  return {
    items: ranked.map((s) => ({ ...s, factors: { ...s.factors, area: { ...s.factors.area, areaName: s.factors.area.area ? (deps.areas.get(s.factors.area.area)?.name ?? null) : null } } })),
    weekday: pieces[0]?.weekday ?? 1,
    startTime: r.start_time,
    endTime: r.end_time,
  };
}

// ---- the personal link: open roles of upcoming activities ----

/** Roles of upcoming activities (next 90 days) that still need people, with whether they clash with my shifts. */
export async function openRoles(tx: Queryable, deps: Deps, orgId: string, volunteerId: string): Promise<OpenRole[]> {
  const { rows } = await tx.query<Row>(
    `SELECT r.id, r.name, r.skills, r.needed, a.id AS activity_id, a.title, a.venue, a.area_code, ${SPAN},
            (SELECT count(*)::int FROM volunteer_assignments s WHERE s.org_id = r.org_id AND s.role_id = r.id AND s.status = 'assigned') AS taken,
            EXISTS (SELECT 1 FROM volunteer_assignments s WHERE s.org_id = r.org_id AND s.role_id = r.id AND s.status = 'assigned' AND s.volunteer_id = $2) AS mine
       FROM ${ROLE_FROM}
      WHERE r.org_id = $1 AND ${LIVE_ROLE} AND a.status = 'planned' AND ${SHIFT_START} > now() AND a.starts_at < now() + interval '90 days'
      ORDER BY ${SHIFT_START}, r.id LIMIT 200`,
    [orgId, volunteerId],
  );
  const open = rows.filter((r) => r.taken < r.needed && !r.mine);
  const mine = open.length ? await shiftsNear(tx, orgId, [volunteerId], { start: Date.now(), end: Date.now() + 91 * 86_400_000 }, null) : [];
  return open.map((r) => ({
    id: r.id,
    name: r.name,
    skills: r.skills,
    needed: r.needed,
    taken: r.taken,
    activity: { id: r.activity_id, title: r.title, venue: r.venue, area: r.area_code ? deps.areas.path(r.area_code).map((x) => x.name).reverse().join(', ') : null },
    date: r.start_date,
    startTime: r.start_time,
    endDate: r.end_date,
    endTime: r.end_time,
    clash: conflictsOf({ start: r.starts_at, end: r.ends_at }, mine).length > 0,
  }));
}

// ---- reminders ----

/**
 * Puts a reminder in the mail outbox for every shift starting within REMINDER_HOURS whose
 * volunteer has an email address. Sent once: the shift is marked in the same transaction as the
 * mail is written, and rows another process is reminding are skipped (SKIP LOCKED).
 */
export async function sendShiftReminders(db: Db, mailer: Mailer): Promise<number> {
  const { rows: orgs } = await db.query<{ org_id: string }>(
    `SELECT DISTINCT s.org_id FROM volunteer_assignments s JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id
      WHERE s.status = 'assigned' AND s.reminded_at IS NULL AND ${LIVE_ROLE} AND a.starts_at < now() + interval '${REMINDER_HOURS + 24} hours' AND a.ends_at > now()`,
  );
  let sent = 0;
  for (const { org_id } of orgs) {
    sent += await withTenant(db, org_id, async (tx) => {
      const { rows } = await tx.query<Row>(
        `SELECT s.id, r.name AS role_name, a.title, a.venue, o.name AS org_name, o.time_zone, p.full_name, p.preferred_name, p.email, ${SPAN}
           FROM volunteer_assignments s JOIN volunteer_roles r ON r.org_id = s.org_id AND r.id = s.role_id
           JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id
           JOIN volunteers v ON v.org_id = s.org_id AND v.id = s.volunteer_id AND v.deleted_at IS NULL AND v.status = 'active'
           JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id AND p.deleted_at IS NULL AND p.email IS NOT NULL
          WHERE s.org_id = $1 AND s.status = 'assigned' AND s.reminded_at IS NULL AND ${LIVE_ROLE}
            AND ${SHIFT_START} > now() AND ${SHIFT_START} <= now() + interval '${REMINDER_HOURS} hours'
          ORDER BY s.id FOR UPDATE OF s SKIP LOCKED`,
        [org_id],
      );
      for (const x of rows) {
        const name = x.preferred_name ?? x.full_name;
        const when = x.start_date === x.end_date ? `${x.start_date} ${x.start_time}–${x.end_time}` : `${x.start_date} ${x.start_time} – ${x.end_date} ${x.end_time}`;
        const place = x.venue ? `\n${x.venue}` : '';
        await mailer.enqueue(tx, org_id, {
          to: x.email,
          subject: `Pengingat tugas relawan / Volunteer shift reminder: ${x.title}`,
          body: [
            `Halo ${name},`,
            '',
            `Ini pengingat tugas Anda sebagai ${x.role_name} pada kegiatan "${x.title}", ${when} (${x.time_zone}).${place}`,
            'Jika berhalangan, kabari staf secepatnya.',
            '',
            `Hello ${name},`,
            '',
            `This is a reminder of your shift as ${x.role_name} at "${x.title}", ${when} (${x.time_zone}).${place}`,
            'If you cannot come, please tell the staff as soon as you can.',
            '',
            `— ${x.org_name}`,
          ].join('\n'),
        });
        await tx.query('UPDATE volunteer_assignments SET reminded_at = now() WHERE org_id = $1 AND id = $2', [org_id, x.id]);
      }
      return rows.length;
    });
  }
  return sent;
}
