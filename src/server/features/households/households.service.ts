import type { z } from 'zod';
import type { Household, HouseholdCreate, HouseholdsQuery, HouseholdUpdate } from '../../../domain/contracts/people.ts';
import { RELATIONSHIPS } from '../../../domain/people.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { Services } from '../../platform/services.ts';
import { PERSON_COLUMNS, PERSON_FROM, getPerson, toPerson, updatePerson } from '../people/people.service.ts';
import { householdsFilters } from './households.filters.ts';

type Deps = Pick<Services, 'cipher' | 'areas'>;
type Row = Record<string, any>;

const COLUMNS = `h.id, h.name, h.kk_masked, h.address, h.area_code, h.notes, h.version, h.created_at, h.updated_at, h.deleted_at,
  (SELECT count(*)::int FROM people m WHERE m.org_id = h.org_id AND m.household_id = h.id AND m.deleted_at IS NULL) AS member_count,
  (SELECT m.full_name FROM people m WHERE m.org_id = h.org_id AND m.household_id = h.id AND m.deleted_at IS NULL AND m.relationship = 'head' ORDER BY m.id LIMIT 1) AS head_name`;

function toHousehold(r: Row, deps: Deps): z.infer<typeof Household> {
  return {
    id: r.id,
    name: r.name,
    kkMasked: r.kk_masked,
    address: r.address,
    areaCode: r.area_code,
    area: r.area_code ? deps.areas.path(r.area_code).map((a) => ({ code: a.code, name: a.name, level: a.level })) : [],
    notes: r.notes,
    memberCount: r.member_count,
    headName: r.head_name,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

function prepare(deps: Deps, input: Record<string, any>) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.address !== undefined) out.address = input.address ?? null;
  if (input.notes !== undefined) out.notes = input.notes ?? null;
  if (input.areaCode !== undefined) {
    if (input.areaCode && !deps.areas.get(input.areaCode)) fields.areaCode = { code: 'invalid_area' };
    out.area_code = input.areaCode ?? null;
  }
  if (input.kkNumber !== undefined) {
    const kk = input.kkNumber?.replace(/[\s.-]/g, '') || null;
    if (kk && !/^\d{16}$/.test(kk)) fields.kkNumber = { code: 'kk_format' };
    out.kk_enc = kk ? deps.cipher.encrypt(kk) : null;
    out.kk_bidx = kk ? deps.cipher.blindIndex('kk', kk) : null;
    out.kk_masked = kk ? `${kk.slice(0, 4)}********${kk.slice(-4)}` : null;
  }
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  return out;
}

export async function getHousehold(tx: Queryable, deps: Deps, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM households h WHERE h.org_id = $1 AND h.id = $2 ${includeDeleted ? '' : 'AND h.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  const household = toHousehold(rows[0], deps);
  const members = await tx.query(
    `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.org_id = $1 AND p.household_id = $2 AND p.deleted_at IS NULL
      ORDER BY array_position($3::text[], p.relationship), p.birth_date NULLS LAST, p.id`,
    [orgId, id, RELATIONSHIPS],
  );
  return { ...household, members: members.rows.map((r) => toPerson(r, deps)) };
}

const auditView = (h: z.infer<typeof Household>) => ({ name: h.name, kkMasked: h.kkMasked, address: h.address, areaCode: h.areaCode, notes: h.notes });

export async function createHousehold(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof HouseholdCreate>) {
  const values = prepare(deps, input);
  const id = uuidv7();
  await insertRow(tx, 'households', actor, id, values);
  const h = await getHousehold(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'household', entityId: id, after: auditView(h) });
  return h;
}

export async function updateHousehold(tx: Queryable, deps: Deps, actor: Actor, id: string, input: z.output<typeof HouseholdUpdate>) {
  const before = await getHousehold(tx, deps, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = prepare(deps, changes);
  if (!(await updateVersioned(tx, 'households', actor.orgId, id, version, values))) throw conflict();
  const after = await getHousehold(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'household', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setHouseholdDeleted(tx: Queryable, deps: Deps, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'households', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'household', entityId: id });
  return getHousehold(tx, deps, actor.orgId, id, true);
}

/** Membership lives on the person (one household each), so adding or removing is a person update. */
export async function setMembership(tx: Queryable, deps: Deps, actor: Actor, householdId: string, personId: string, relationship: string | null) {
  await getHousehold(tx, deps, actor.orgId, householdId);
  const { person } = await getPerson(tx, deps, actor.orgId, personId);
  if (!relationship && person.householdId !== householdId) throw new AppError(404, 'not_in_household');
  await updatePerson(tx, deps, actor, personId, { version: person.version, householdId: relationship ? householdId : null, relationship: relationship as never } as never);
  return getHousehold(tx, deps, actor.orgId, householdId);
}

export async function listHouseholds(tx: Queryable, deps: Deps, orgId: string, q: z.output<typeof HouseholdsQuery>) {
  const { where, params, p } = householdsFilters(deps, orgId, q);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) where.push(`(h.name, h.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const lim = p(q.limit + 1);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM households h WHERE ${where.join(' AND ')} ORDER BY h.name, h.id LIMIT ${lim}`, params);
  const { rows: c } = await tx.query<{ n: number }>(cappedCount(`FROM households h WHERE ${countWhere}`).replace('count(*)::int FROM', 'count(*)::int AS n FROM'), countParams);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toHousehold(r, deps)), nextCursor: more ? encodeCursor([page[page.length - 1].name, page[page.length - 1].id]) : null, ...capTotal(c[0].n) };
}
