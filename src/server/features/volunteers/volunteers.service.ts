import type { z } from 'zod';
import type { Volunteer, VolunteerCreate, VolunteerDocument, VolunteerListItem, VolunteerUpdate, VolunteersQuery } from '../../../domain/contracts/volunteers.ts';
import { normalisePhone } from '../../../domain/phone.ts';
import { type DocumentKind, maskPhone } from '../../../domain/volunteers.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { cleanFileName } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { setRowDeleted } from '../../platform/rows.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { newSecret, sha256 } from '../../platform/security.ts';
import type { Services } from '../../platform/services.ts';
import { listShifts } from './shifts.service.ts';
import { skillProblems } from './skills.service.ts';

type Deps = Pick<Services, 'areas'>;
type Row = Record<string, any>;

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
export const DOCUMENTS_PER_VOLUNTEER = 10;

// ---- reading ----

/** Approved hours of a volunteer, all time (minutes → hours). */
const HOURS = `coalesce((SELECT sum(h.minutes) FROM volunteer_hours h WHERE h.org_id = v.org_id AND h.volunteer_id = v.id AND h.status = 'approved' AND h.deleted_at IS NULL), 0)::float8 / 60 AS hours`;
const COLUMNS = `v.id, v.person_id, v.status, v.skills, v.tags, v.languages, v.availability, v.area_codes, v.emergency_name, v.emergency_phone, v.notes, v.link_created_at,
  v.version, v.created_at, v.updated_at, v.deleted_at, p.full_name, p.preferred_name, p.phone, p.email, ${HOURS}`;
const FROM = 'volunteers v JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id AND p.deleted_at IS NULL';

const areasOf = (deps: Deps, codes: string[]) => codes.map((code) => ({ code, path: deps.areas.path(code).map((a) => ({ code: a.code, name: a.name, level: a.level })) }));

function toListItem(r: Row, deps: Deps): VolunteerListItem {
  return {
    id: r.id,
    person: { id: r.person_id, fullName: r.full_name, preferredName: r.preferred_name },
    status: r.status,
    skills: r.skills,
    tags: r.tags,
    languages: r.languages,
    availability: json(r.availability),
    areas: (r.area_codes as string[]).map((code) => ({ code, name: deps.areas.get(code)?.name ?? code })),
    emergencyName: r.emergency_name,
    emergencyPhoneMasked: maskPhone(r.emergency_phone),
    hours: Number(r.hours),
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

async function loadRow(tx: Queryable, orgId: string, id: string, includeDeleted = false, lock = false) {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.org_id = $1 AND v.id = $2 ${includeDeleted ? '' : 'AND v.deleted_at IS NULL'} ${lock ? 'FOR UPDATE OF v' : ''}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function listDocuments(tx: Queryable, orgId: string, volunteerId: string): Promise<VolunteerDocument[]> {
  const { rows } = await tx.query<VolunteerDocument>(
    `SELECT id, kind, file_name AS "fileName", content_type AS "contentType", size, created_at AS "createdAt" FROM volunteer_documents WHERE org_id = $1 AND volunteer_id = $2 ORDER BY created_at, id`,
    [orgId, volunteerId],
  );
  return rows;
}

/** A volunteer's page. `full`: the emergency number unmasked (those who may edit the profile). */
export async function getVolunteer(tx: Queryable, deps: Deps, orgId: string, id: string, opts: { includeDeleted?: boolean; full?: boolean } = {}): Promise<Volunteer> {
  const r = await loadRow(tx, orgId, id, opts.includeDeleted);
  return {
    id: r.id,
    person: { id: r.person_id, fullName: r.full_name, preferredName: r.preferred_name, phone: r.phone, email: r.email },
    status: r.status,
    skills: r.skills,
    tags: r.tags,
    languages: r.languages,
    availability: json(r.availability),
    areas: areasOf(deps, r.area_codes),
    emergencyName: r.emergency_name,
    emergencyPhone: opts.full ? r.emergency_phone : maskPhone(r.emergency_phone),
    notes: r.notes,
    hours: Number(r.hours),
    linkCreatedAt: r.link_created_at,
    documents: await listDocuments(tx, orgId, id),
    upcomingShifts: await listShifts(tx, orgId, { volunteerId: id, upcoming: true, limit: 50 }),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

const like = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

export async function listVolunteers(tx: Queryable, deps: Deps, orgId: string, q: z.output<typeof VolunteersQuery>) {
  const params: unknown[] = [orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['v.org_id = $1', q.deleted ? 'v.deleted_at IS NOT NULL' : 'v.deleted_at IS NULL'];
  if (q.q) {
    const x = p(like(q.q));
    where.push(`(lower(p.full_name) LIKE ${x} OR lower(coalesce(p.preferred_name, '')) LIKE ${x} OR EXISTS (SELECT 1 FROM unnest(v.tags || v.languages) t WHERE lower(t) LIKE ${x}))`);
  }
  if (q.skill) where.push(`${p(q.skill)} = ANY (v.skills)`);
  if (q.status) where.push(`v.status = ${p(q.status)}`);
  if (q.personId) where.push(`v.person_id = ${p(q.personId)}`);
  if (q.areaCode) {
    // who serves this area: a preference for it, for a place inside it, or for a place it lies in
    const a = p(q.areaCode);
    where.push(`EXISTS (SELECT 1 FROM unnest(v.area_codes) c WHERE c = ${a} OR starts_with(c, ${a} || '.') OR starts_with(${a}, c || '.'))`);
  }
  if (q.weekday) {
    const w = p(q.weekday);
    const time = q.time ? p(q.time) : null;
    where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(v.availability) s WHERE (s->>'weekday')::int = ${w}${time ? ` AND s->>'from' <= ${time} AND s->>'to' > ${time}` : ''})`);
  }
  const filterWhere = where.join(' AND ');
  const { rows: count } = await tx.query<{ count: number }>(cappedCount(`FROM ${FROM} WHERE ${filterWhere}`), params);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  const pageWhere = [...where];
  if (cursor) pageWhere.push(`(lower(p.full_name), v.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS}, lower(p.full_name) AS sort_name FROM ${FROM} WHERE ${pageWhere.join(' AND ')} ORDER BY lower(p.full_name), v.id LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toListItem(r, deps)),
    nextCursor: more ? encodeCursor([page[page.length - 1].sort_name, page[page.length - 1].id]) : null,
    ...capTotal(Number(count[0].count)),
  };
}

// ---- writing ----

type Input = Partial<z.output<typeof VolunteerCreate>>;

/** Checks what zod cannot (skills on the list, areas, the phone) and returns the columns to store. */
async function checkInput(tx: Queryable, deps: Deps, orgId: string, input: Input, current: { skills: string[] } | null) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  if (input.status !== undefined) out.status = input.status;
  if (input.skills !== undefined) {
    Object.assign(fields, await skillProblems(tx, orgId, input.skills, current?.skills));
    out.skills = [...new Set(input.skills)];
  }
  if (input.tags !== undefined) out.tags = [...new Set(input.tags)];
  if (input.languages !== undefined) out.languages = [...new Set(input.languages)];
  if (input.availability !== undefined) out.availability = JSON.stringify([...input.availability].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from)));
  if (input.areaCodes !== undefined) {
    input.areaCodes.forEach((c, i) => {
      if (!deps.areas.get(c)) fields[`areaCodes.${i}`] = { code: 'invalid_area' };
    });
    out.area_codes = [...new Set(input.areaCodes)];
  }
  if (input.emergencyName !== undefined) out.emergency_name = input.emergencyName;
  if (input.emergencyPhone !== undefined) {
    if (input.emergencyPhone) {
      const phone = normalisePhone(input.emergencyPhone);
      if (!phone) fields.emergencyPhone = { code: 'invalid_phone' };
      out.emergency_phone = phone;
    } else out.emergency_phone = null;
  }
  if (input.notes !== undefined) out.notes = input.notes;
  failOn(fields);
  return out;
}

/** The audited view: the emergency number masked. */
const auditView = (v: Volunteer) => ({
  personId: v.person.id,
  status: v.status,
  skills: v.skills,
  tags: v.tags,
  languages: v.languages,
  availability: v.availability,
  areaCodes: v.areas.map((a) => a.code),
  emergencyName: v.emergencyName,
  emergencyPhone: maskPhone(v.emergencyPhone),
  notes: v.notes,
});

export async function createVolunteer(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof VolunteerCreate>) {
  const { rows: person } = await tx.query('SELECT 1 FROM people WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, input.personId]);
  if (!person.length) failOn({ personId: { code: 'not_found' } });
  const { rows: existing } = await tx.query('SELECT 1 FROM volunteers WHERE org_id = $1 AND person_id = $2', [actor.orgId, input.personId]);
  if (existing.length) throw new AppError(409, 'already_volunteer', {}, { personId: { code: 'already_volunteer' } });
  const values = await checkInput(tx, deps, actor.orgId, input, null);
  const id = uuidv7();
  const cols = Object.keys(values);
  await tx.query(
    `INSERT INTO volunteers (org_id, id, person_id, created_by${cols.map((c) => `, ${c}`).join('')}) VALUES ($1, $2, $3, $4${cols.map((_, i) => `, $${i + 5}`).join('')})`,
    [actor.orgId, id, input.personId, actor.userId, ...Object.values(values)],
  );
  const created = await getVolunteer(tx, deps, actor.orgId, id, { full: true });
  await audit(tx, actor, { action: 'create', entityType: 'volunteer', entityId: id, after: auditView(created) });
  return created;
}

export async function updateVolunteer(tx: Queryable, deps: Deps, actor: Actor, id: string, input: z.output<typeof VolunteerUpdate>) {
  const before = await getVolunteer(tx, deps, actor.orgId, id, { full: true });
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await checkInput(tx, deps, actor.orgId, changes as Input, before);
  const cols = Object.keys(values);
  const { rows } = await tx.query(
    `UPDATE volunteers SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, version, ...Object.values(values)],
  );
  if (!rows.length) throw conflict();
  const after = await getVolunteer(tx, deps, actor.orgId, id, { full: true });
  await audit(tx, actor, { action: 'update', entityType: 'volunteer', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

/** To the bin and back. A volunteer in the bin keeps their shifts and hours but their link stops working. */
export async function setVolunteerDeleted(tx: Queryable, deps: Deps, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'volunteers', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'volunteer', entityId: id });
  return getVolunteer(tx, deps, actor.orgId, id, { includeDeleted: true, full: true });
}

// ---- the personal link ----

/** A new personal link (the old one stops working). Only the secret's hash is kept. */
export async function rotateLink(tx: Queryable, actor: Actor, id: string, publicUrl: string) {
  await loadRow(tx, actor.orgId, id);
  const token = newSecret('vol_');
  const { rows } = await tx.query<{ link_created_at: string }>(
    'UPDATE volunteers SET link_hash = $3, link_created_at = now() WHERE org_id = $1 AND id = $2 RETURNING link_created_at',
    [actor.orgId, id, sha256(token)],
  );
  await audit(tx, actor, { action: 'rotate', entityType: 'volunteer_link', entityId: id });
  return { createdAt: rows[0].link_created_at, url: `${publicUrl}/v/${token}` };
}

export async function revokeLink(tx: Queryable, actor: Actor, id: string) {
  await loadRow(tx, actor.orgId, id);
  await tx.query('UPDATE volunteers SET link_hash = NULL, link_created_at = NULL WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  await audit(tx, actor, { action: 'revoke', entityType: 'volunteer_link', entityId: id });
}

// ---- documents (stored like indicator evidence) ----

export async function addDocument(tx: Queryable, actor: Actor, volunteerId: string, kind: DocumentKind, file: { fileName: string; contentType: string; content: Buffer }): Promise<VolunteerDocument> {
  await loadRow(tx, actor.orgId, volunteerId, false, true);
  const { rows: n } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM volunteer_documents WHERE org_id = $1 AND volunteer_id = $2', [actor.orgId, volunteerId]);
  if (n[0].n >= DOCUMENTS_PER_VOLUNTEER) throw new AppError(400, 'too_many_documents');
  const id = uuidv7();
  const { rows } = await tx.query<VolunteerDocument>(
    `INSERT INTO volunteer_documents (org_id, id, volunteer_id, kind, file_name, content_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      RETURNING id, kind, file_name AS "fileName", content_type AS "contentType", size, created_at AS "createdAt"`,
    [actor.orgId, id, volunteerId, kind, cleanFileName(file.fileName, file.contentType), file.contentType, file.content.length, file.content, actor.userId],
  );
  await audit(tx, actor, { action: 'create', entityType: 'volunteer_document', entityId: id, after: { volunteerId, kind, fileName: rows[0].fileName, contentType: file.contentType, size: file.content.length } });
  return rows[0];
}

/** A document, only while its volunteer is live. */
export async function getDocument(tx: Queryable, orgId: string, id: string) {
  const { rows } = await tx.query<{ volunteer_id: string; file_name: string; content_type: string; content: Uint8Array; kind: string }>(
    `SELECT d.volunteer_id, d.kind, d.file_name, d.content_type, d.content FROM volunteer_documents d
       JOIN volunteers v ON v.org_id = d.org_id AND v.id = d.volunteer_id AND v.deleted_at IS NULL
      WHERE d.org_id = $1 AND d.id = $2`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function deleteDocument(tx: Queryable, actor: Actor, id: string) {
  const doc = await getDocument(tx, actor.orgId, id);
  await tx.query('DELETE FROM volunteer_documents WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  await audit(tx, actor, { action: 'delete', entityType: 'volunteer_document', entityId: id, before: { volunteerId: doc.volunteer_id, kind: doc.kind, fileName: doc.file_name } });
}
