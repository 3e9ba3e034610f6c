import type { z } from 'zod';
import type { ContactCreate, ContactUpdate, Funder, FunderContact, FunderCreate, FunderDetail, FundersQuery, FunderUpdate, Interaction, InteractionCreate, InteractionUpdate } from '../../../domain/contracts/funding.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';

type Row = Record<string, any>;

/** LIKE pattern of a search text, with its wildcards escaped. */
export const likeOf = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

const COLUMNS = `f.id, f.kind, f.name, f.person_id, f.website, f.email, f.phone, f.address, f.country, f.notes, f.tags, f.version, f.created_at, f.updated_at, f.deleted_at,
  (SELECT p.full_name FROM people p WHERE p.org_id = f.org_id AND p.id = f.person_id) AS person_name,
  (SELECT count(*)::int FROM grants g WHERE g.org_id = f.org_id AND g.funder_id = f.id AND g.deleted_at IS NULL) AS grant_count,
  (SELECT count(*)::int FROM opportunities o WHERE o.org_id = f.org_id AND o.funder_id = f.id AND o.deleted_at IS NULL AND o.stage IN ('identified', 'concept', 'submitted')) AS open_count`;

const toFunder = (r: Row): Funder => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  person: r.person_id ? { id: r.person_id, name: r.person_name ?? '' } : null,
  website: r.website,
  email: r.email,
  phone: r.phone,
  address: r.address,
  country: r.country,
  notes: r.notes,
  tags: r.tags,
  grantCount: r.grant_count,
  openOpportunityCount: r.open_count,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const toContact = (r: Row): FunderContact => ({ id: r.id, funderId: r.funder_id, name: r.name, position: r.position, email: r.email, phone: r.phone, notes: r.notes, version: r.version, deletedAt: r.deleted_at });
const toInteraction = (r: Row): Interaction => ({
  id: r.id,
  funderId: r.funder_id,
  date: r.date,
  kind: r.kind,
  summary: r.summary,
  nextStep: r.next_step,
  by: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
  version: r.version,
  deletedAt: r.deleted_at,
});

export async function getFunder(tx: Queryable, orgId: string, id: string, includeDeleted = false): Promise<Funder> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM funders f WHERE f.org_id = $1 AND f.id = $2 ${includeDeleted ? '' : 'AND f.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toFunder(rows[0]);
}

export async function getFunderDetail(tx: Queryable, orgId: string, id: string): Promise<FunderDetail> {
  const f = await getFunder(tx, orgId, id);
  const { rows: contacts } = await tx.query('SELECT * FROM funder_contacts WHERE org_id = $1 AND funder_id = $2 AND deleted_at IS NULL ORDER BY lower(name), id', [orgId, id]);
  const { rows: interactions } = await tx.query(
    `SELECT i.*, i.date::text AS date, u.name AS user_name FROM funder_interactions i LEFT JOIN users u ON u.id = i.user_id
      WHERE i.org_id = $1 AND i.funder_id = $2 AND i.deleted_at IS NULL ORDER BY i.date DESC, i.id DESC LIMIT 500`,
    [orgId, id],
  );
  return { ...f, contacts: contacts.map(toContact), interactions: interactions.map(toInteraction) };
}

/** The funder must be live in this organisation (a field error otherwise). */
export async function checkFunder(tx: Queryable, orgId: string, funderId: string, fields: Record<string, FieldProblem>, field = 'funderId') {
  const { rows } = await tx.query('SELECT 1 FROM funders WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, funderId]);
  if (!rows[0]) fields[field] = { code: 'funder_not_found' };
}

const auditView = (f: Funder) => ({ kind: f.kind, name: f.name, personId: f.person?.id ?? null, website: f.website, email: f.email, phone: f.phone, address: f.address, country: f.country, notes: f.notes, tags: f.tags });

async function prepare(tx: Queryable, orgId: string, input: Record<string, any>, current?: Funder, selfId?: string) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  for (const [k, col] of [['kind', 'kind'], ['name', 'name'], ['website', 'website'], ['email', 'email'], ['phone', 'phone'], ['address', 'address'], ['country', 'country'], ['notes', 'notes']] as const) {
    if (input[k] !== undefined) out[col] = input[k] ?? null;
  }
  if (input.tags !== undefined) out.tags = [...new Set<string>(input.tags)];
  const kind = input.kind ?? current?.kind;
  const personId = input.personId !== undefined ? input.personId : current?.person?.id;
  if (personId && kind !== 'individual') fields.personId = { code: 'person_individual_only' };
  else if (input.personId) {
    const { rows } = await tx.query('SELECT 1 FROM people WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.personId]);
    if (!rows[0]) fields.personId = { code: 'person_not_found' };
    else {
      const { rows: taken } = await tx.query('SELECT id FROM funders WHERE org_id = $1 AND person_id = $2 AND deleted_at IS NULL AND id IS DISTINCT FROM $3::uuid', [orgId, input.personId, selfId ?? null]);
      if (taken[0]) fields.personId = { code: 'person_already_funder' };
    }
  }
  if (input.personId !== undefined) out.person_id = input.personId ?? null;
  failOn(fields);
  return out;
}

/** Linking a registry person as a funder makes them a donor (people.roles), audited on the person. */
async function markDonor(tx: Queryable, actor: Actor, personId: string) {
  const { rows } = await tx.query(
    `UPDATE people SET roles = array_append(roles, 'donor'), version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND NOT ('donor' = ANY(roles)) RETURNING id`,
    [actor.orgId, personId],
  );
  if (rows[0]) await audit(tx, actor, { action: 'update', entityType: 'person', entityId: personId, after: { rolesAdded: ['donor'] } });
}

export async function createFunder(tx: Queryable, actor: Actor, input: z.output<typeof FunderCreate>) {
  const values = await prepare(tx, actor.orgId, input);
  const id = uuidv7();
  await insertRow(tx, 'funders', actor, id, values);
  if (input.personId) await markDonor(tx, actor, input.personId);
  const f = await getFunder(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'funder', entityId: id, after: auditView(f) });
  return f;
}

export async function updateFunder(tx: Queryable, actor: Actor, id: string, input: z.output<typeof FunderUpdate>) {
  const before = await getFunder(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, actor.orgId, changes, before, id);
  if (!(await updateVersioned(tx, 'funders', actor.orgId, id, version, values))) throw conflict();
  if (changes.personId) await markDonor(tx, actor, changes.personId);
  const after = await getFunder(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'funder', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setFunderDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'funders', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'funder', entityId: id });
  return getFunder(tx, actor.orgId, id, true);
}

export async function listFunders(tx: Queryable, actor: Actor, q: z.output<typeof FundersQuery>) {
  const where = ['f.org_id = $1', q.deleted ? 'f.deleted_at IS NOT NULL' : 'f.deleted_at IS NULL'];
  const params: unknown[] = [actor.orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const like = p(likeOf(q.q));
    const s = p(q.q.toLowerCase());
    // funders number in the tens to hundreds: a typo-tolerant scan is fine
    where.push(`(lower(f.name) LIKE ${like} OR word_similarity(${s}, lower(f.name)) >= 0.5 OR EXISTS (SELECT 1 FROM funder_contacts c WHERE c.org_id = f.org_id AND c.funder_id = f.id AND c.deleted_at IS NULL AND lower(c.name) LIKE ${like}))`);
  }
  if (q.kind) where.push(`f.kind = ${p(q.kind)}`);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) where.push(`(lower(f.name), f.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const lim = p(q.limit + 1);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS}, lower(f.name) AS sort_name FROM funders f WHERE ${where.join(' AND ')} ORDER BY lower(f.name), f.id LIMIT ${lim}`, params);
  const { rows: c } = await tx.query<{ n: number }>(cappedCount(`FROM funders f WHERE ${countWhere}`).replace('count(*)::int FROM', 'count(*)::int AS n FROM'), countParams);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(toFunder), nextCursor: more ? encodeCursor([page[page.length - 1].sort_name, page[page.length - 1].id]) : null, ...capTotal(c[0].n) };
}

// ---- contacts ----

async function getContact(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT * FROM funder_contacts WHERE org_id = $1 AND id = $2 ${includeDeleted ? '' : 'AND deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toContact(rows[0]);
}
const contactView = (c: FunderContact) => ({ funderId: c.funderId, name: c.name, position: c.position, email: c.email, phone: c.phone, notes: c.notes });
const contactValues = (input: Record<string, any>) => Object.fromEntries(['name', 'position', 'email', 'phone', 'notes'].filter((k) => input[k] !== undefined).map((k) => [k, input[k] ?? null]));

export async function createContact(tx: Queryable, actor: Actor, funderId: string, input: z.output<typeof ContactCreate>) {
  await getFunder(tx, actor.orgId, funderId);
  const id = uuidv7();
  await insertRow(tx, 'funder_contacts', actor, id, { funder_id: funderId, ...contactValues(input) });
  const c = await getContact(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'funder_contact', entityId: id, after: contactView(c) });
  return c;
}

export async function updateContact(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ContactUpdate>) {
  const before = await getContact(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (!(await updateVersioned(tx, 'funder_contacts', actor.orgId, id, version, contactValues(changes)))) throw conflict();
  const after = await getContact(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'funder_contact', entityId: id, ...changed(contactView(before), contactView(after)) });
  return after;
}

export async function setContactDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'funder_contacts', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'funder_contact', entityId: id });
  return getContact(tx, actor.orgId, id, true);
}

// ---- interactions ----

async function getInteraction(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(
    `SELECT i.*, i.date::text AS date, u.name AS user_name FROM funder_interactions i LEFT JOIN users u ON u.id = i.user_id WHERE i.org_id = $1 AND i.id = $2 ${includeDeleted ? '' : 'AND i.deleted_at IS NULL'}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return toInteraction(rows[0]);
}
const interactionView = (i: Interaction) => ({ funderId: i.funderId, date: i.date, kind: i.kind, summary: i.summary, nextStep: i.nextStep });
const interactionValues = (input: Record<string, any>) =>
  Object.fromEntries((
    [['date', 'date'], ['kind', 'kind'], ['summary', 'summary'], ['nextStep', 'next_step']] as const
  ).filter(([k]) => input[k] !== undefined).map(([k, col]) => [col, input[k] ?? null]));

export async function createInteraction(tx: Queryable, actor: Actor, funderId: string, input: z.output<typeof InteractionCreate>) {
  await getFunder(tx, actor.orgId, funderId);
  const id = uuidv7();
  await insertRow(tx, 'funder_interactions', actor, id, { funder_id: funderId, user_id: actor.userId || null, ...interactionValues(input) });
  const i = await getInteraction(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'funder_interaction', entityId: id, after: interactionView(i) });
  return i;
}

export async function updateInteraction(tx: Queryable, actor: Actor, id: string, input: z.output<typeof InteractionUpdate>) {
  const before = await getInteraction(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (!(await updateVersioned(tx, 'funder_interactions', actor.orgId, id, version, interactionValues(changes)))) throw conflict();
  const after = await getInteraction(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'funder_interaction', entityId: id, ...changed(interactionView(before), interactionView(after)) });
  return after;
}

export async function setInteractionDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'funder_interactions', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'funder_interaction', entityId: id });
  return getInteraction(tx, actor.orgId, id, true);
}

