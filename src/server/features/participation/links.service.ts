import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { PublicForm, PublicSubmit, RegistrationLink, RegistrationLinkSave } from '../../../domain/contracts/participation.ts';
import { type DedupeRecord, compare } from '../../../domain/dedupe/index.ts';
import { formatCode, matchStrength } from '../../../domain/participation.ts';
import { searchName } from '../../../domain/people.ts';
import { normalisePhone } from '../../../domain/phone.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import { type Actor, publicActor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { type Locale, t } from '../../platform/i18n/messages.ts';
import type { Services } from '../../platform/services.ts';
import { RECORD_COLUMNS, dedupeSettings, findCandidates, queuePairs, toRecord } from '../duplicates/duplicates.service.ts';
import { createPerson } from '../people/people.service.ts';
import { register } from './registrations.service.ts';

/**
 * The public registration link of an activity and what its form does: the organiser's settings
 * (staff, in a tenant transaction) and the submission (no login: the link's token names the
 * organisation). A submission matches the registry without ever showing it: the visitor sees the
 * same answer whether or not they were known.
 */

type Deps = Pick<Services, 'areas' | 'cipher' | 'config' | 'mailer'>;
type Row = Record<string, any>;

/** Registry words for the audit log and the people the form creates. */
const FORM_NAME = 'Formulir pendaftaran publik / public registration form';

/** Form tokens younger than this are a robot filling the form: nobody types a name that fast. */
export const MIN_FILL_MS = 3000;
/**
 * …and older than this are a page left open too long: reload to see whether the form still takes
 * registrations. Short, and each signed start takes one accepted submission (`SubmitGuards`), so a
 * robot cannot fetch one form and replay it for a day.
 */
export const MAX_FORM_AGE_MS = 2 * 3600 * 1000;

const linkUrl = (deps: Deps, token: string) => `${deps.config.publicUrl}/daftar/${token}`;

function toLink(r: Row, deps: Deps): RegistrationLink {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    activityId: r.activity_id,
    token: r.token,
    url: linkUrl(deps, r.token),
    enabled: r.enabled,
    fields: json(r.fields),
    questions: json(r.questions),
    closesAt: r.closes_at,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function getLink(tx: Queryable, deps: Deps, orgId: string, activityId: string): Promise<RegistrationLink | null> {
  const { rows: act } = await tx.query('SELECT 1 FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, activityId]);
  if (!act.length) throw notFound();
  const { rows } = await tx.query('SELECT * FROM registration_links WHERE org_id = $1 AND activity_id = $2', [orgId, activityId]);
  return rows[0] ? toLink(rows[0], deps) : null;
}

const newToken = () => randomBytes(18).toString('base64url');

/** Creates the link (first save) or changes its settings (versioned). */
export async function saveLink(tx: Queryable, deps: Deps, actor: Actor, activityId: string, input: z.output<typeof RegistrationLinkSave>) {
  const before = await getLink(tx, deps, actor.orgId, activityId);
  const fields: Record<string, FieldProblem> = {};
  const seen = new Set<string>();
  input.fields.forEach((f, i) => {
    if (seen.has(f.field)) fields[`fields.${i}.field`] = { code: 'duplicate_entry' };
    seen.add(f.field);
  });
  const ids = new Set<string>();
  input.questions.forEach((q, i) => {
    if (ids.has(q.id)) fields[`questions.${i}.id`] = { code: 'duplicate_entry' };
    ids.add(q.id);
  });
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  const values = [JSON.stringify(input.fields), JSON.stringify(input.questions), input.enabled, input.closesAt ?? null];
  if (!before) {
    await tx.query(
      `INSERT INTO registration_links (org_id, activity_id, token, fields, questions, enabled, closes_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.orgId, activityId, newToken(), ...values, actor.userId || null],
    );
  } else {
    if (input.version !== before.version) throw conflict();
    const { rows } = await tx.query(
      `UPDATE registration_links SET fields = $4, questions = $5, enabled = $6, closes_at = $7, version = version + 1, updated_at = now()
        WHERE org_id = $1 AND activity_id = $2 AND version = $3 RETURNING 1`,
      [actor.orgId, activityId, before.version, ...values],
    );
    if (!rows.length) throw conflict();
  }
  const after = (await getLink(tx, deps, actor.orgId, activityId))!;
  const view = (l: RegistrationLink | null) => (l ? { enabled: l.enabled, fields: l.fields, questions: l.questions, closesAt: l.closesAt } : {});
  await audit(tx, actor, { action: before ? 'update_registration_link' : 'create_registration_link', entityType: 'activity', entityId: activityId, ...changed(view(before), view(after)) });
  return after;
}

/** A new token: the old link stops working (it was shared too widely). */
export async function rotateLink(tx: Queryable, deps: Deps, actor: Actor, activityId: string, version: number) {
  const before = await getLink(tx, deps, actor.orgId, activityId);
  if (!before) throw notFound();
  const { rows } = await tx.query('UPDATE registration_links SET token = $4, version = version + 1, updated_at = now() WHERE org_id = $1 AND activity_id = $2 AND version = $3 RETURNING 1', [
    actor.orgId,
    activityId,
    version,
    newToken(),
  ]);
  if (!rows.length) throw conflict();
  await audit(tx, actor, { action: 'rotate_registration_link', entityType: 'activity', entityId: activityId });
  return (await getLink(tx, deps, actor.orgId, activityId))!;
}

// ---- the public side ----

/**
 * The link behind a token, read before any organisation is known (so outside a tenant
 * transaction, as the calendar feeds do); everything after runs in the link's organisation.
 */
export async function findLink(db: Queryable, token: string): Promise<{ orgId: string; activityId: string } | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const { rows } = await db.query<{ org_id: string; activity_id: string }>('SELECT org_id, activity_id FROM registration_links WHERE token = $1 AND enabled', [token]);
  return rows[0] ? { orgId: rows[0].org_id, activityId: rows[0].activity_id } : null;
}

/**
 * Signed start of a form: when it was handed out, so a submission can be too quick or too old,
 * and a random nonce, so that every form handed out is a key of its own (used once).
 */
export function formToken(secret: string, token: string, now = Date.now(), nonce = randomBytes(9).toString('base64url')) {
  const mac = createHmac('sha256', secret).update(`registration-form:${token}:${now}:${nonce}`).digest('base64url').slice(0, 24);
  return `${now}.${nonce}.${mac}`;
}
/** The age of a signed form start and its key (its nonce), or null when it is not one of ours for this link. */
function formAge(secret: string, token: string, value: string, now = Date.now()): { age: number; key: string } | null {
  const [ms, nonce, mac, ...rest] = value.split('.');
  // the MAC's own alphabet first: a multi-byte character would make the byte lengths differ
  if (rest.length || !/^\d{13}$/.test(ms ?? '') || !/^[A-Za-z0-9_-]{12}$/.test(nonce ?? '') || !/^[A-Za-z0-9_-]{24}$/.test(mac ?? '')) return null;
  const expected = formToken(secret, token, Number(ms), nonce).split('.')[2];
  if (expected.length !== mac.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return null;
  return { age: now - Number(ms), key: `${token}:${nonce}` };
}

/**
 * What the route keeps between submissions (in memory, per process): `claimForm` takes a signed
 * form start for this submission (throws `form_used` when another submission took it), `mayMail`
 * says whether a confirmation may still go to that address (and counts it).
 */
export type SubmitGuards = { claimForm: (key: string, expiresAt: number) => void; mayMail: (email: string) => boolean };

async function loadPublic(tx: Queryable, deps: Deps, orgId: string, activityId: string) {
  const { rows } = await tx.query<Row>(
    `SELECT a.title, a.status, a.all_day, a.venue, a.area_code, a.description, a.deleted_at IS NOT NULL AS deleted, o.name AS org_name, o.time_zone,
            to_char(a.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS start_date, to_char(a.starts_at AT TIME ZONE o.time_zone, 'HH24:MI') AS start_time,
            to_char((a.ends_at - CASE WHEN a.all_day THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS end_date,
            to_char(a.ends_at AT TIME ZONE o.time_zone, 'HH24:MI') AS end_time, a.ends_at < now() AS past,
            l.fields, l.questions, l.closes_at IS NOT NULL AND l.closes_at < now() AS closed
       FROM registration_links l JOIN activities a ON a.org_id = l.org_id AND a.id = l.activity_id JOIN organizations o ON o.id = l.org_id
      WHERE l.org_id = $1 AND l.activity_id = $2 AND l.enabled`,
    [orgId, activityId],
  );
  const r = rows[0];
  if (!r || r.deleted) throw new AppError(404, 'link_not_found');
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const state: PublicForm['state'] = r.status === 'cancelled' ? 'cancelled' : r.past || r.status === 'done' ? 'past' : r.closed ? 'closed' : 'open';
  return { r, state, fields: json(r.fields) as PublicForm['fields'], questions: json(r.questions) as PublicForm['questions'] };
}

export async function publicForm(tx: Queryable, deps: Deps, link: { orgId: string; activityId: string }, token: string): Promise<PublicForm> {
  const { r, state, fields, questions } = await loadPublic(tx, deps, link.orgId, link.activityId);
  const place = r.area_code ? deps.areas.path(r.area_code).map((a) => a.name).reverse().join(', ') : null;
  return {
    organization: r.org_name,
    activity: { title: r.title, startDate: r.start_date, endDate: r.end_date, startTime: r.start_time, endTime: r.end_time, allDay: r.all_day, timeZone: r.time_zone, venue: r.venue, place: place || null, description: r.description },
    fields,
    questions,
    state,
    formToken: formToken(deps.config.secretKey, token),
  };
}

/**
 * The registry person a submission is: always a new record. An anonymous visitor must not be able
 * to act as someone in the registry (a name and a birth year are easy to know): linking them to a
 * match would hand out that person's registration code, revive a registration staff cancelled,
 * and tell the visitor who is registered. A match, strong or loose, flags the registration for
 * review and queues the pair for the duplicate review, where staff merge (registrations and
 * attendance move with the merge).
 */
async function matchOrCreate(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof PublicSubmit>, activityTitle: string, today: string): Promise<{ personId: string; needsReview: boolean }> {
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const record: DedupeRecord = {
    id: '00000000-0000-0000-0000-000000000000',
    name: input.fullName,
    birthDate: null,
    birthYear: input.birthYear ?? null,
    sex: input.sex ?? null,
    nik: null,
    areaCode: input.areaCode ?? null,
    householdId: null,
    phone,
  };
  const settings = await dedupeSettings(tx, actor.orgId);
  // candidates: shared blocking keys, the same phone, the same name words (a birth year alone shares no key with a full birth date)
  const ids = new Set((await findCandidates(tx, deps, actor.orgId, [record], 0)).map((c) => c.b));
  if (phone) for (const r of (await tx.query<{ id: string }>('SELECT id FROM people WHERE org_id = $1 AND phone = $2 AND deleted_at IS NULL LIMIT 50', [actor.orgId, phone])).rows) ids.add(r.id);
  const s = searchName(input.fullName);
  if (s) {
    const like = `%${s.replace(/[\\%_]/g, '\\$&')}%`;
    for (const r of (await tx.query<{ id: string }>('SELECT id FROM people_name_matches($1, $2, 50)', [s, like])).rows) ids.add(r.id);
  }
  const { rows } = ids.size ? await tx.query<any>(`SELECT ${RECORD_COLUMNS} FROM people WHERE org_id = $1 AND id = ANY($2) AND deleted_at IS NULL`, [actor.orgId, [...ids]]) : { rows: [] };
  const scored = rows
    .map((row) => {
      const c = compare(record, toRecord(row, deps.cipher));
      return { id: row.id as string, ...c, strength: matchStrength(c, settings.reviewThreshold) };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const loose = scored.filter((c) => c.strength === 'strong' || c.strength === 'loose');
  const person = await createPerson(tx, deps, actor, {
    fullName: input.fullName,
    preferredName: null,
    nik: null,
    address: null,
    notes: null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    sex: input.sex ?? null,
    birthYear: input.birthYear ?? null,
    areaCode: input.areaCode ?? null,
    roles: [],
    tags: [],
    consent: { given: true, date: today, purpose: activityTitle.slice(0, 300) },
  });
  // the entry check queued the pairs it found through blocking keys; the phone and name matches too
  if (loose.length) await queuePairs(tx, actor.orgId, loose.map((c) => ({ a: person.id, b: c.id, score: c.score, reasons: c.reasons })), 'entry');
  return { personId: person.id, needsReview: loose.length > 0 };
}

/**
 * A visitor's registration. The answer never says whether the person was known: every submission
 * is a new registration of a new record with its own code (matches go to review).
 */
export async function submitPublic(tx: Queryable, deps: Deps, link: { orgId: string; activityId: string }, token: string, input: z.output<typeof PublicSubmit>, locale: Locale, guards: SubmitGuards) {
  if (input.website) throw new AppError(400, 'spam_suspected');
  const form = formAge(deps.config.secretKey, token, input.formToken);
  if (form == null || form.age > MAX_FORM_AGE_MS) throw new AppError(400, 'form_expired');
  if (form.age < MIN_FILL_MS) throw new AppError(400, 'form_too_fast');
  guards.claimForm(form.key, Date.now() - form.age + MAX_FORM_AGE_MS);
  const { r, state, fields: shown, questions } = await loadPublic(tx, deps, link.orgId, link.activityId);
  if (state !== 'open') throw new AppError(409, state === 'cancelled' ? 'activity_cancelled' : 'registration_closed');

  // only what the organiser asked for, and everything they made required
  const problems: Record<string, FieldProblem> = {};
  const asked = new Map(shown.map((f) => [f.field, f.required]));
  for (const f of ['phone', 'email', 'sex', 'birthYear', 'areaCode'] as const) {
    const v = input[f];
    const given = v !== undefined && v !== null && v !== '';
    if (given && !asked.has(f)) problems[f] = { code: 'unknown_field' };
    else if (!given && asked.get(f)) problems[f] = { code: 'required' };
  }
  if (input.phone && !normalisePhone(input.phone)) problems.phone = { code: 'invalid_phone' };
  if (input.areaCode && !deps.areas.get(input.areaCode)) problems.areaCode = { code: 'invalid_area' };
  const answers: Record<string, string> = {};
  const qids = new Set(questions.map((q) => q.id));
  for (const [k, v] of Object.entries(input.answers)) {
    if (!qids.has(k)) problems[`answers.${k}`] = { code: 'unknown_field' };
    else if (v) answers[k] = v;
  }
  for (const q of questions) if (q.required && !answers[q.id]) problems[`answers.${q.id}`] = { code: 'required' };
  if (!input.consent) problems.consent = { code: 'consent_required' };
  if (Object.keys(problems).length) throw new AppError(400, 'validation_failed', {}, problems);

  const actor = publicActor(link.orgId, FORM_NAME);
  const today = (await tx.query<{ d: string }>(`SELECT to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS d FROM organizations WHERE id = $1`, [link.orgId])).rows[0].d;
  const { personId, needsReview } = await matchOrCreate(tx, deps, actor, input, r.title, today);
  const res = await register(tx, deps, actor, link.activityId, personId, { source: 'public', needsReview, answers });
  const item = res.item;
  const status = item.status === 'waitlisted' ? 'waitlisted' : 'registered';
  let emailSent = false;
  // A confirmation for whoever typed the address (never to an address of the registry's), at most
  // a few per address an hour (`mayMail`). Anyone can type anyone's address, so the mail says only
  // what the organiser wrote (activity, time, place, organisation) and the code: nothing typed in
  // the form, not even the name — escaped and cut short it could still carry a scammer's message
  // ("call this number") in a mail sent in the organisation's name, and the code identifies the
  // registration as well.
  if (input.email && guards.mayMail(input.email)) {
    const when = r.all_day ? r.start_date : `${r.start_date} ${r.start_time}`;
    await deps.mailer.enqueue(tx, link.orgId, {
      to: input.email,
      subject: t(locale, status === 'waitlisted' ? 'mail_registration_waitlisted_subject' : 'mail_registration_subject', { title: r.title }),
      body: t(locale, status === 'waitlisted' ? 'mail_registration_waitlisted_body' : 'mail_registration_body', { title: r.title, when, place: r.venue ?? '', code: formatCode(item.code), org: r.org_name }),
    });
    emailSent = true;
  }
  return { status: status as 'registered' | 'waitlisted', code: item.code, activityTitle: r.title, emailSent };
}
