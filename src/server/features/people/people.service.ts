import type { z } from 'zod';
import { ageOn, hasDisability, searchName } from '../../../domain/people.ts';
import { maskNik, nikMismatches, normaliseNik, parseNik } from '../../../domain/nik.ts';
import { normalisePhone } from '../../../domain/phone.ts';
import type { Person, PersonCreate, PersonUpdate, PeopleQuery } from '../../../domain/contracts/people.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';
import { COUNT_CAP, CursorShapes, SEARCH_CAP, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { Services } from '../../platform/services.ts';
import { orgToday } from '../../platform/org.service.ts';
import { peopleFilters, personById } from './people.filters.ts';
import { checkSavedPerson } from '../duplicates/duplicates.service.ts';

type Deps = Pick<Services, 'cipher' | 'areas'>;
type Row = Record<string, any>;

export const PERSON_COLUMNS = `p.id, p.full_name, p.preferred_name, p.sex, p.birth_date, p.birth_year, p.nik_masked, p.phone, p.email,
  p.address, p.area_code, p.disability, p.has_disability, p.welfare_decile, p.roles, p.tags, p.consent_given, p.consent_date,
  p.consent_purpose, cu.name AS consent_recorded_by_name, p.notes, p.household_id, h.name AS household_name, p.relationship,
  p.version, p.created_at, p.updated_at, p.deleted_at`;
const PERSON_JOINS = `LEFT JOIN households h ON h.org_id = p.org_id AND h.id = p.household_id AND h.deleted_at IS NULL
  LEFT JOIN users cu ON cu.id = p.consent_recorded_by`;
export const PERSON_FROM = `people p ${PERSON_JOINS}`;

export function toPerson(r: Row, deps: Deps, today = new Date()): z.infer<typeof Person> {
  return {
    id: r.id,
    fullName: r.full_name,
    preferredName: r.preferred_name,
    sex: r.sex,
    birthDate: r.birth_date,
    birthYear: r.birth_year,
    age: ageOn({ birthDate: r.birth_date, birthYear: r.birth_year }, today),
    nikMasked: r.nik_masked,
    phone: r.phone,
    email: r.email,
    address: r.address,
    areaCode: r.area_code,
    area: r.area_code ? deps.areas.path(r.area_code).map((a) => ({ code: a.code, name: a.name, level: a.level })) : [],
    disability: r.disability,
    hasDisability: r.has_disability,
    welfareDecile: r.welfare_decile,
    roles: r.roles ?? [],
    tags: r.tags ?? [],
    consent: { given: r.consent_given, date: r.consent_date, purpose: r.consent_purpose, recordedBy: r.consent_recorded_by_name ?? null },
    notes: r.notes,
    householdId: r.household_id,
    householdName: r.household_name ?? null,
    relationship: r.relationship,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** The audited view of a person: no ciphertext, NIK only masked. */
function auditView(p: z.infer<typeof Person>) {
  const { area, age, householdName, version, createdAt, updatedAt, consent, ...rest } = p;
  return { ...rest, consent: { given: consent.given, date: consent.date, purpose: consent.purpose } };
}

export type Stored = {
  full_name: string;
  preferred_name: string | null;
  search_name: string;
  sex: string | null;
  birth_date: string | null;
  birth_year: number | null;
  nik_enc: string | null;
  nik_bidx: string | null;
  nik_masked: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  area_code: string | null;
  disability: string | null;
  has_disability: boolean;
  welfare_decile: number | null;
  roles: string[];
  tags: string[];
  consent_given: boolean;
  consent_date: string | null;
  consent_purpose: string | null;
  consent_recorded_by: string | null;
  notes: string | null;
  household_id: string | null;
  relationship: string | null;
};

/**
 * Checks what zod cannot (NIK against the area list and the other fields, phone, area, dates)
 * and returns the columns to store with every problem per field. Pure, so bulk import runs the
 * same rules on each row without a database round trip.
 */
export function checkPerson(
  deps: Pick<Deps, 'cipher' | 'areas'>,
  userId: string,
  input: Record<string, any>,
  current: Partial<Stored>,
  /** encrypt: false when only checking (bulk import's first pass): the ciphertext is not kept. */
  opts: { today: string; confirm: boolean; encrypt?: boolean },
): { out: Partial<Stored>; fields: Record<string, FieldProblem>; details?: Record<string, unknown> } {
  const fields: Record<string, FieldProblem> = {};
  const out: Partial<Stored> = {};
  const { today, confirm } = opts;
  const has = (k: string) => input[k] !== undefined;
  if (has('fullName')) {
    out.full_name = input.fullName;
    out.search_name = searchName(input.fullName);
  }
  if (has('preferredName')) out.preferred_name = input.preferredName ?? null;
  if (has('sex')) out.sex = input.sex ?? null;
  if (has('birthDate')) {
    if (input.birthDate && input.birthDate > today) fields.birthDate = { code: 'future_date' };
    out.birth_date = input.birthDate ?? null;
    if (input.birthDate) out.birth_year = Number(input.birthDate.slice(0, 4));
  }
  if (has('birthYear') && !(has('birthDate') && input.birthDate)) {
    if (input.birthYear && input.birthYear > Number(today.slice(0, 4))) fields.birthYear = { code: 'future_date' };
    out.birth_year = input.birthYear ?? null;
  }
  if (has('phone')) {
    if (input.phone) {
      const p = normalisePhone(input.phone);
      if (!p) fields.phone = { code: 'invalid_phone' };
      out.phone = p;
    } else out.phone = null;
  }
  if (has('email')) out.email = input.email ?? null;
  if (has('address')) out.address = input.address ?? null;
  if (has('areaCode')) {
    if (input.areaCode && !deps.areas.get(input.areaCode)) fields.areaCode = { code: 'invalid_area' };
    out.area_code = input.areaCode ?? null;
  }
  if (has('disability')) {
    out.disability = input.disability ? JSON.stringify(input.disability) : null;
    out.has_disability = hasDisability(input.disability);
  }
  if (has('welfareDecile')) out.welfare_decile = input.welfareDecile ?? null;
  if (has('roles')) out.roles = [...new Set<string>(input.roles)];
  if (has('tags')) out.tags = [...new Set<string>(input.tags.map((t: string) => t.toLowerCase()))];
  if (has('consent')) {
    out.consent_given = input.consent.given;
    out.consent_date = input.consent.given ? (input.consent.date ?? today) : (input.consent.date ?? null);
    out.consent_purpose = input.consent.purpose ?? null;
    out.consent_recorded_by = userId || null;
  }
  if (has('notes')) out.notes = input.notes ?? null;
  if (has('relationship')) out.relationship = input.relationship ?? null;
  let details: Record<string, unknown> | undefined;
  if (has('nik')) {
    if (input.nik) {
      const nik = normaliseNik(input.nik);
      const parsed = parseNik(nik, deps.areas);
      if (!parsed.ok) fields.nik = { code: `nik_${parsed.problem}` as never };
      else {
        out.nik_enc = opts.encrypt === false ? null : deps.cipher.encrypt(nik);
        out.nik_bidx = deps.cipher.blindIndex('nik', nik);
        out.nik_masked = maskNik(nik);
        const sex = out.sex !== undefined ? out.sex : current.sex;
        const birthDate = out.birth_date !== undefined ? out.birth_date : current.birth_date;
        const mismatches = nikMismatches(parsed.info, { sex, birthDate });
        if (mismatches.length && !confirm) {
          details = { nikMismatch: mismatches, nikSex: parsed.info.sex, nikBirthDate: parsed.info.birthDate };
          const m = mismatches[0];
          fields.nik = { code: m === 'sex' ? 'nik_mismatch_sex' : 'nik_mismatch_birth_date', params: { nikSex: parsed.info.sex, nikDate: parsed.info.birthDate } };
        }
      }
    } else {
      out.nik_enc = null;
      out.nik_bidx = null;
      out.nik_masked = null;
    }
  }
  return { out, fields, details };
}

/** checkPerson, plus what needs the database (the household), throwing the problems as one error. */
async function prepare(tx: Queryable, deps: Deps, actor: Actor, input: Record<string, any>, current: Partial<Stored> & { nik?: string | null }, confirm: boolean): Promise<Partial<Stored>> {
  const { out, fields, details } = checkPerson(deps, actor.userId, input, current, { today: await orgToday(tx, actor.orgId), confirm });
  const has = (k: string) => input[k] !== undefined;
  if (has('householdId')) {
    if (input.householdId) {
      const { rows } = await tx.query('SELECT 1 FROM households WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, input.householdId]);
      if (!rows.length) fields.householdId = { code: 'not_found' as never };
    } else out.relationship = null;
    out.household_id = input.householdId ?? null;
  }

  if (Object.keys(fields).length) {
    const onlyMismatch = details && Object.keys(fields).length === 1;
    if (onlyMismatch) throw new AppError(422, 'confirm_nik_mismatch', {}, fields, details);
    throw new AppError(400, 'validation_failed', {}, fields, details);
  }
  return out;
}

export async function getPerson(tx: Queryable, deps: Deps, orgId: string, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}) {
  const { rows } = await tx.query(
    `SELECT ${PERSON_COLUMNS}, p.nik_enc FROM ${PERSON_FROM} WHERE p.org_id = $1 AND p.id = $2 ${opts.includeDeleted ? '' : 'AND p.deleted_at IS NULL'} ${opts.lock ? 'FOR UPDATE OF p' : ''}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return { person: toPerson(rows[0], deps), row: rows[0] as Row };
}

export async function createPerson(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof import('../../../domain/contracts/people.ts').PersonCreate>) {
  const values = await prepare(tx, deps, actor, input, {}, !!input.confirmNikMismatch);
  const id = uuidv7();
  await insertRow(tx, 'people', actor, id, values);
  const { person } = await getPerson(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'person', entityId: id, after: auditView(person) });
  await checkSavedPerson(tx, deps, actor.orgId, id, input.nik ? normaliseNik(input.nik) : null);
  return person;
}

export async function updatePerson(tx: Queryable, deps: Deps, actor: Actor, id: string, input: z.output<typeof import('../../../domain/contracts/people.ts').PersonUpdate>) {
  const { person: before, row } = await getPerson(tx, deps, actor.orgId, id, { lock: true });
  if (row.version !== input.version) throw conflict();
  const { version, confirmNikMismatch, ...changes } = input as Record<string, any>;
  const values = await prepare(tx, deps, actor, changes, { sex: row.sex, birth_date: row.birth_date }, !!confirmNikMismatch);
  if (!(await updateVersioned(tx, 'people', actor.orgId, id, version, values))) throw conflict();
  const { person } = await getPerson(tx, deps, actor.orgId, id);
  const diff = changed(auditView(before), auditView(person));
  await audit(tx, actor, { action: 'update', entityType: 'person', entityId: id, ...diff });
  const matchFields = ['fullName', 'sex', 'birthDate', 'birthYear', 'nikMasked', 'phone', 'areaCode', 'householdId'];
  if (matchFields.some((f) => f in diff.after)) await checkSavedPerson(tx, deps, actor.orgId, id, undefined);
  return person;
}

export async function setDeleted(tx: Queryable, deps: Deps, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'people', actor.orgId, id, deleted))) throw notFound();
  const { person } = await getPerson(tx, deps, actor.orgId, id, { includeDeleted: true });
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'person', entityId: id, before: { deletedAt: deleted ? null : 'set' }, after: { deletedAt: person.deletedAt } });
  return person;
}

export async function revealNik(tx: Queryable, deps: Deps, actor: Actor, id: string): Promise<string | null> {
  const { row } = await getPerson(tx, deps, actor.orgId, id);
  const nik = row.nik_enc ? deps.cipher.decrypt(row.nik_enc) : null;
  await audit(tx, actor, { action: 'reveal', entityType: 'person', entityId: id, after: { field: 'nik' } });
  return nik;
}

/** Filter and search (people.filters.ts), one page by the chosen order with the total. */
export async function listPeople(tx: Queryable, deps: Deps, orgId: string, q: z.output<typeof import('../../../domain/contracts/people.ts').PeopleQuery>, today = new Date()) {
  const { where, params, p, matches, from, score } = peopleFilters(deps, orgId, q, today);
  const filterWhere = where.join(' AND ');
  const filterWhereCount = where.length;
  const countParams = [...params];

  let order: string;
  let key: (r: Row) => unknown[];
  if (score) {
    order = `${score} DESC, p.id`;
    const cursor = decodeCursor(q.cursor, CursorShapes.scoreId);
    if (cursor) where.push(`(${score} < ${p(cursor[0])}::real OR (${score} = ${p(cursor[0])}::real AND p.id > ${p(cursor[1])}))`);
    key = (r) => [r.score, r.id];
  } else if (q.sort === 'name' || q.sort === '-name') {
    const dir = q.sort === 'name' ? '>' : '<';
    order = q.sort === 'name' ? 'p.full_name, p.id' : 'p.full_name DESC, p.id DESC';
    const cursor = decodeCursor(q.cursor, CursorShapes.textId);
    if (cursor) where.push(`(p.full_name, p.id) ${dir} (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
    key = (r) => [r.full_name, r.id];
  } else {
    // Creation order is id order (UUIDv7 is time-ordered), and unlike created_at it is unique:
    // rows written in one transaction share now().
    const dir = q.sort === 'created' ? '>' : '<';
    order = q.sort === 'created' ? 'p.id' : 'p.id DESC';
    const cursor = decodeCursor(q.cursor, CursorShapes.id);
    if (cursor) where.push(`p.id ${dir} ${p(cursor[0])}::uuid`);
    key = (r) => [r.id];
  }
  const limitParam = p(q.limit + 1);
  // The count rides along in the same statement, so a search's matches are computed once.
  const countSql = cappedCount(`FROM ${from} WHERE ${filterWhere}`);
  let sql: string;
  if (q.areaCode && !score) {
    // Area first: the page's ids come from the area index alone (it carries the name, id and
    // the common filters), sorted, then only those rows are read. Walking the name or id order
    // and filtering instead looks cheap to the planner but is not: names follow regions, so the
    // first match of a regency can lie 300,000 names down the list (300 ms at a million people).
    // The matches are read once (a materialised CTE, which also keeps the planner from pushing
    // the order into it) for both the page and the capped count.
    sql = `WITH f AS MATERIALIZED (SELECT p.id, p.full_name FROM people p WHERE ${filterWhere}),
      page AS MATERIALIZED (SELECT p.id FROM f p WHERE ${where.slice(filterWhereCount).join(' AND ') || 'true'} ORDER BY ${order} LIMIT ${limitParam})
      SELECT ${PERSON_COLUMNS}, (SELECT count(*)::int FROM (SELECT 1 FROM f LIMIT ${COUNT_CAP + 1}) capped) AS total_count
        FROM page ${personById('page.id')} ${PERSON_JOINS} ORDER BY ${order}`;
  } else {
    sql = `${matches} SELECT ${PERSON_COLUMNS}${score ? `, ${score} AS score` : ''}, (${countSql}) AS total_count
       FROM ${from} ${PERSON_JOINS} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limitParam}`;
  }
  const { rows } = await tx.query<Row>(sql, params);
  const total = rows.length ? rows[0].total_count : q.cursor ? (await tx.query<{ n: number }>(`${matches} ${countSql.replace('count(*)::int FROM', 'count(*)::int AS n FROM')}`, countParams)).rows[0].n : 0;
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toPerson(r, deps, today)),
    nextCursor: more ? encodeCursor(key(page[page.length - 1])) : null,
    ...capTotal(total, score ? SEARCH_CAP : undefined),
  };
}
