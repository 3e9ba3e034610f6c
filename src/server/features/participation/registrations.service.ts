import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Registration, RegistrationsQuery } from '../../../domain/contracts/participation.ts';
import { STATUS_RANK, codeFromBytes, formatCode, movingUp, normaliseCode, statusForNew, type RegistrationStatus } from '../../../domain/participation.ts';
import { searchName } from '../../../domain/people.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { Services } from '../../platform/services.ts';

/**
 * Registrations of an activity (issue 5): places up to the activity's capacity, then a waitlist
 * in (created_at, id) order. Every change to who holds a place runs after locking the activity's
 * row (SELECT … FOR UPDATE), so concurrent registrations queue there and can never overbook:
 * each one counts the places with the others' changes committed.
 */

export type Deps = Pick<Services, 'areas'>;
type Row = Record<string, any>;

/** A person as lists of registrations and attendance show them (no NIK, no address). */
export const BRIEF_COLUMNS = `p.id AS person_id, p.full_name, p.sex, p.birth_year, p.phone, p.area_code, p.deleted_at IS NOT NULL AS person_deleted`;
export const toBrief = (r: Row, deps: Deps) => ({
  id: r.person_id,
  fullName: r.full_name,
  sex: r.sex,
  birthYear: r.birth_year,
  phone: r.phone,
  areaName: r.area_code ? (deps.areas.get(r.area_code)?.name ?? null) : null,
  deleted: r.person_deleted,
});

/** The exact instant (microseconds) for cursors: ISO strings from the driver stop at milliseconds. */
const exact = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const COLUMNS = `r.id, r.activity_id, r.status, r.source, r.code, r.needs_review, r.answers, r.cancel_reason, r.version, r.created_at, r.updated_at,
  ${exact('r.created_at')} AS created_key, ${BRIEF_COLUMNS}, att.checked_in_at,
  CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM activity_registrations w
     WHERE w.org_id = r.org_id AND w.activity_id = r.activity_id AND w.status = 'waitlisted' AND (w.created_at, w.id) <= (r.created_at, r.id)) END AS waitlist_position,
  CASE WHEN r.needs_review THEN (SELECT d.id FROM duplicate_pairs d WHERE d.org_id = r.org_id AND d.status = 'open' AND (d.person_a = r.person_id OR d.person_b = r.person_id)
     ORDER BY d.score DESC, d.id LIMIT 1) END AS pair_id`;
const FROM = `activity_registrations r JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id
  LEFT JOIN attendance att ON att.org_id = r.org_id AND att.activity_id = r.activity_id AND att.person_id = r.person_id`;

function toRegistration(r: Row, deps: Deps): Registration {
  return {
    id: r.id,
    activityId: r.activity_id,
    person: toBrief(r, deps),
    status: r.status,
    source: r.source,
    code: r.code,
    needsReview: r.needs_review,
    duplicatePairId: r.pair_id ?? null,
    answers: typeof r.answers === 'string' ? JSON.parse(r.answers) : (r.answers ?? {}),
    waitlistPosition: r.waitlist_position ?? null,
    checkedInAt: r.checked_in_at ?? null,
    cancelReason: r.cancel_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getRegistration(tx: Queryable, deps: Deps, orgId: string, id: string): Promise<Registration> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.org_id = $1 AND r.id = $2`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toRegistration(rows[0], deps);
}

/**
 * The search of registration and attendance lists (one activity's people: a scan is fine): name
 * words as the registry spells them, or phone digits, or what the caller adds (a code).
 */
export function personSearch(q: string, p: (v: unknown) => string, more: string[] = []): string {
  const conds = [...more];
  const name = searchName(q);
  if (name) conds.push(`p.search_name LIKE ${p(`%${name.replace(/[\\%_]/g, '\\$&')}%`)}`);
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 4) conds.push(`p.phone LIKE ${p(`%${digits.replace(/^0/, '')}%`)}`);
  return conds.length ? `(${conds.join(' OR ')})` : 'false';
}

type LockedActivity = { id: string; title: string; status: string; capacity: number | null; deleted: boolean };

/**
 * Locks the activity's row for the rest of the transaction: every change of who holds a place
 * in it goes through here first, so they happen one after the other.
 */
export async function lockActivity(tx: Queryable, orgId: string, activityId: string, opts: { forNew?: boolean } = {}): Promise<LockedActivity> {
  const { rows } = await tx.query<LockedActivity>(
    'SELECT id, title, status, capacity, deleted_at IS NOT NULL AS deleted FROM activities WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, activityId],
  );
  const a = rows[0];
  if (!a) throw notFound();
  if (opts.forNew) {
    if (a.deleted) throw new AppError(409, 'activity_deleted');
    if (a.status === 'cancelled') throw new AppError(409, 'activity_cancelled');
  } else if (a.deleted) throw notFound();
  return a;
}

async function registeredCount(tx: Queryable, orgId: string, activityId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_registrations WHERE org_id = $1 AND activity_id = $2 AND status = 'registered'`, [orgId, activityId]);
  return rows[0].n;
}

/** A new random code, unique in the organisation (a clash, about 1 in 10^12, just draws again). */
async function insertWithCode(tx: Queryable, values: { orgId: string; id: string; activityId: string; personId: string; status: RegistrationStatus; source: 'staff' | 'public'; needsReview: boolean; answers: Record<string, string>; createdBy: string | null }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = codeFromBytes(randomBytes(10));
    // created_at is the moment the row is written, after the activity's lock: the waitlist's order is the order places were asked for
    const { rows } = await tx.query(
      `INSERT INTO activity_registrations (org_id, id, activity_id, person_id, status, source, code, needs_review, answers, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp()) ON CONFLICT (org_id, code) DO NOTHING RETURNING id`,
      [values.orgId, values.id, values.activityId, values.personId, values.status, values.source, code, values.needsReview, JSON.stringify(values.answers), values.createdBy],
    );
    if (rows.length) return code;
  }
  throw new AppError(500, 'internal');
}

export type RegisterResult = { item: Registration; created: boolean; movedUp: { id: string; fullName: string }[] };

/**
 * Registers a person: a place while there is one, else the waitlist. A person registered or
 * waitlisted already keeps that registration (created: false); a cancelled one registers anew,
 * at the end of the line.
 */
export async function register(
  tx: Queryable,
  deps: Deps,
  actor: Actor,
  activityId: string,
  personId: string,
  opts: { source?: 'staff' | 'public'; needsReview?: boolean; answers?: Record<string, string> } = {},
): Promise<RegisterResult> {
  const activity = await lockActivity(tx, actor.orgId, activityId, { forNew: true });
  const { rows: person } = await tx.query('SELECT 1 FROM people WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, personId]);
  if (!person.length) throw new AppError(400, 'validation_failed', {}, { personId: { code: 'not_found' } });
  const { rows: existing } = await tx.query<{ id: string; status: RegistrationStatus }>('SELECT id, status FROM activity_registrations WHERE org_id = $1 AND activity_id = $2 AND person_id = $3', [actor.orgId, activityId, personId]);
  const status = statusForNew(activity.capacity, await registeredCount(tx, actor.orgId, activityId));
  const source = opts.source ?? 'staff';
  let id: string;
  if (existing[0] && existing[0].status !== 'cancelled') return { item: await getRegistration(tx, deps, actor.orgId, existing[0].id), created: false, movedUp: [] };
  if (existing[0]) {
    id = existing[0].id;
    await tx.query(
      `UPDATE activity_registrations SET status = $3, source = $4, cancel_reason = NULL, needs_review = $5, answers = CASE WHEN $6::jsonb = '{}'::jsonb THEN answers ELSE $6::jsonb END,
         created_at = clock_timestamp(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`,
      [actor.orgId, id, status, source, opts.needsReview ?? false, JSON.stringify(opts.answers ?? {})],
    );
  } else {
    id = uuidv7();
    await insertWithCode(tx, { orgId: actor.orgId, id, activityId, personId, status, source, needsReview: opts.needsReview ?? false, answers: opts.answers ?? {}, createdBy: actor.userId || null });
  }
  const item = await getRegistration(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'register', entityType: 'activity', entityId: activityId, after: { registrationId: id, personId, person: item.person.fullName, status, source, ...(opts.needsReview ? { needsReview: true } : {}) } });
  return { item, created: true, movedUp: [] };
}

/**
 * Gives free places to the first of the waitlist (after a cancellation, a capacity raise or an
 * activity taken back from cancelled). The caller holds the activity's lock.
 */
export async function promoteWaitlist(tx: Queryable, actor: Actor, activityId: string): Promise<{ id: string; fullName: string }[]> {
  const { rows: act } = await tx.query<{ capacity: number | null; status: string; deleted: boolean }>(
    'SELECT capacity, status, deleted_at IS NOT NULL AS deleted FROM activities WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [actor.orgId, activityId],
  );
  if (!act[0] || act[0].deleted || act[0].status === 'cancelled') return [];
  const { rows: waiting } = await tx.query<{ id: string; person_id: string; full_name: string }>(
    `SELECT r.id, r.person_id, p.full_name FROM activity_registrations r JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id
      WHERE r.org_id = $1 AND r.activity_id = $2 AND r.status = 'waitlisted' ORDER BY r.created_at, r.id`,
    [actor.orgId, activityId],
  );
  if (!waiting.length) return [];
  const up = new Set(movingUp(act[0].capacity, await registeredCount(tx, actor.orgId, activityId), waiting.map((w) => w.id)));
  if (!up.size) return [];
  await tx.query(`UPDATE activity_registrations SET status = 'registered', version = version + 1, updated_at = now() WHERE org_id = $1 AND id = ANY($2)`, [actor.orgId, [...up]]);
  const moved = waiting.filter((w) => up.has(w.id));
  for (const w of moved) await audit(tx, actor, { action: 'move_up', entityType: 'activity', entityId: activityId, before: { registrationId: w.id, status: 'waitlisted' }, after: { registrationId: w.id, personId: w.person_id, person: w.full_name, status: 'registered' } });
  await mailMovedUp(tx, actor.orgId, activityId, [...up]);
  return moved.map((w) => ({ id: w.id, fullName: w.full_name }));
}

/**
 * Tells the people who got a place from the waitlist, at the address the registry holds for them
 * (the one they gave on the public form, or one staff recorded). Their language is not known, so
 * the mail carries both.
 */
async function mailMovedUp(tx: Queryable, orgId: string, activityId: string, registrationIds: string[]) {
  const { rows } = await tx.query<{ email: string; full_name: string; code: string; title: string; venue: string | null; org_name: string; all_day: boolean; start_date: string; start_time: string }>(
    `SELECT p.email, p.full_name, r.code, a.title, a.venue, a.all_day, o.name AS org_name,
            to_char(a.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS start_date, to_char(a.starts_at AT TIME ZONE o.time_zone, 'HH24:MI') AS start_time
       FROM activity_registrations r JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id
       JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id JOIN organizations o ON o.id = a.org_id
      WHERE r.org_id = $1 AND r.activity_id = $2 AND r.id = ANY($3) AND p.email IS NOT NULL AND p.deleted_at IS NULL ORDER BY r.created_at, r.id`,
    [orgId, activityId, registrationIds],
  );
  for (const r of rows) {
    const params = { name: r.full_name, title: r.title, when: r.all_day ? r.start_date : `${r.start_date} ${r.start_time}`, place: r.venue ?? '', code: formatCode(r.code), org: r.org_name };
    await enqueueMail(tx, orgId, {
      to: r.email,
      subject: `${t('id', 'mail_registration_moved_up_subject', params)} / ${t('en', 'mail_registration_moved_up_subject', params)}`,
      body: `${t('id', 'mail_registration_moved_up_body', params)}\n\n----\n\n${t('en', 'mail_registration_moved_up_body', params)}`,
    });
  }
}

async function loadForChange(tx: Queryable, orgId: string, id: string, version: number) {
  const { rows } = await tx.query<{ activity_id: string }>('SELECT activity_id FROM activity_registrations WHERE org_id = $1 AND id = $2', [orgId, id]);
  if (!rows[0]) throw notFound();
  const activity = await lockActivity(tx, orgId, rows[0].activity_id);
  // read again under the lock: another change may have committed meanwhile
  const { rows: cur } = await tx.query<{ status: RegistrationStatus; version: number; person_id: string; needs_review: boolean }>(
    'SELECT status, version, person_id, needs_review FROM activity_registrations WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  if (!cur[0]) throw notFound();
  if (cur[0].version !== version) throw conflict();
  return { activity, reg: cur[0] };
}

/** Cancels a registration; a place it held goes to the first of the waitlist in the same transaction. */
export async function cancelRegistration(tx: Queryable, deps: Deps, actor: Actor, id: string, input: { version: number; reason?: string | null }) {
  const { activity, reg } = await loadForChange(tx, actor.orgId, id, input.version);
  if (reg.status === 'cancelled') throw new AppError(409, 'registration_cancelled');
  await tx.query(`UPDATE activity_registrations SET status = 'cancelled', cancel_reason = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id, input.reason ?? null]);
  const item = await getRegistration(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'cancel_registration', entityType: 'activity', entityId: activity.id, before: { registrationId: id, status: reg.status }, after: { registrationId: id, personId: reg.person_id, person: item.person.fullName, status: 'cancelled', reason: input.reason ?? null } });
  const movedUp = reg.status === 'registered' ? await promoteWaitlist(tx, actor, activity.id) : [];
  return { item: movedUp.length ? await getRegistration(tx, deps, actor.orgId, id) : item, movedUp };
}

/**
 * Undoes a cancellation: the person gets a place if one is free, else waits (in their old
 * place in line: created_at is kept). Whoever moved up meanwhile keeps their place.
 */
export async function restoreRegistration(tx: Queryable, deps: Deps, actor: Actor, id: string, version: number) {
  const { activity, reg } = await loadForChange(tx, actor.orgId, id, version);
  if (reg.status !== 'cancelled') throw new AppError(409, 'registration_active');
  if (activity.status === 'cancelled') throw new AppError(409, 'activity_cancelled');
  const status = statusForNew(activity.capacity, await registeredCount(tx, actor.orgId, activity.id));
  await tx.query('UPDATE activity_registrations SET status = $3, cancel_reason = NULL, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [actor.orgId, id, status]);
  const item = await getRegistration(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'restore_registration', entityType: 'activity', entityId: activity.id, before: { registrationId: id, status: 'cancelled' }, after: { registrationId: id, personId: reg.person_id, person: item.person.fullName, status } });
  return { item, movedUp: [] };
}

/** Staff looked at a loosely matched public registration and keep it as it is. */
export async function confirmRegistration(tx: Queryable, deps: Deps, actor: Actor, id: string, version: number) {
  const { activity, reg } = await loadForChange(tx, actor.orgId, id, version);
  if (!reg.needs_review) throw new AppError(409, 'registration_reviewed');
  await tx.query('UPDATE activity_registrations SET needs_review = false, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  const item = await getRegistration(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'confirm_registration', entityType: 'activity', entityId: activity.id, before: { registrationId: id, needsReview: true }, after: { registrationId: id, personId: reg.person_id, person: item.person.fullName, needsReview: false } });
  return { item, movedUp: [] };
}

const RegCursor = z.tuple([z.number().int().min(0).max(2), z.string().max(40), z.uuid()]);

/** The list: registered first, then the waitlist in line order, then cancelled; search by name, phone or code. */
export async function listRegistrations(tx: Queryable, deps: Deps, orgId: string, activityId: string, q: z.output<typeof RegistrationsQuery>) {
  const { rows: act } = await tx.query<{ capacity: number | null }>('SELECT capacity FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, activityId]);
  if (!act[0]) throw notFound();
  const params: unknown[] = [orgId, activityId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['r.org_id = $1', 'r.activity_id = $2'];
  if (q.q) {
    const code = normaliseCode(q.q);
    where.push(personSearch(q.q, p, code ? [`r.code = ${p(code)}`] : []));
  }
  if (q.status) where.push(`r.status = ${p(q.status)}`);
  if (q.needsReview !== undefined) where.push(`r.needs_review = ${p(q.needsReview)}`);
  const rank = `CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END`;
  const filter = where.join(' AND ');
  const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${filter}`, params)).rows[0].n;
  const cursor = decodeCursor(q.cursor, RegCursor);
  if (cursor) where.push(`(${rank}, r.created_at, r.id) > (${p(cursor[0])}, ${p(cursor[1])}::timestamptz, ${p(cursor[2])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${rank}, r.created_at, r.id LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const { rows: c } = await tx.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE r.status = 'registered')::int AS registered, count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted,
            count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled, count(*) FILTER (WHERE r.needs_review AND r.status <> 'cancelled')::int AS needs_review,
            (SELECT count(*)::int FROM attendance a WHERE a.org_id = $1 AND a.activity_id = $2) AS attended
       FROM activity_registrations r WHERE r.org_id = $1 AND r.activity_id = $2`,
    [orgId, activityId],
  );
  return {
    items: page.map((r) => toRegistration(r, deps)),
    nextCursor: more ? encodeCursor([STATUS_RANK[last.status as RegistrationStatus], last.created_key, last.id]) : null,
    total,
    counts: { registered: c[0].registered, waitlisted: c[0].waitlisted, cancelled: c[0].cancelled, needsReview: c[0].needs_review, attended: c[0].attended },
    capacity: act[0].capacity,
  };
}
