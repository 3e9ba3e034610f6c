import type { z } from 'zod';
import type { Program, ProgramCreate, ProgramsQuery, ProgramUpdate } from '../../../domain/contracts/programs.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';
import type { Services } from '../../platform/services.ts';

type Deps = Pick<Services, 'areas'>;
type Row = Record<string, any>;

const COLUMNS = `g.id, g.name, g.summary, g.problem_statement, g.goal, g.start_date::text, g.end_date::text, g.status, g.sectors, g.target_areas, g.target_groups,
  g.version, g.created_at, g.updated_at, g.deleted_at, g.manager_id,
  (SELECT u.name FROM users u WHERE u.id = g.manager_id) AS manager_name,
  coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
     FROM program_team t JOIN users u ON u.id = t.user_id WHERE t.org_id = g.org_id AND t.program_id = g.id), '[]') AS team`;

function toProgram(r: Row, deps: Deps): Program {
  return {
    id: r.id,
    name: r.name,
    summary: r.summary,
    problemStatement: r.problem_statement,
    goal: r.goal,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    sectors: r.sectors,
    targetAreas: (r.target_areas as string[]).map((code) => ({ code, path: deps.areas.path(code).map((a) => ({ code: a.code, name: a.name, level: a.level })) })),
    targetGroups: r.target_groups,
    manager: r.manager_id ? { id: r.manager_id, name: r.manager_name } : null,
    team: typeof r.team === 'string' ? JSON.parse(r.team) : r.team,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** The columns to write, with every field problem found (members must belong to the organisation, areas must exist). */
async function prepare(tx: Queryable, deps: Deps, orgId: string, input: Record<string, any>, current?: Program) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  const simple: [string, string][] = [['name', 'name'], ['summary', 'summary'], ['problemStatement', 'problem_statement'], ['goal', 'goal'], ['startDate', 'start_date'], ['endDate', 'end_date'], ['status', 'status']];
  for (const [k, col] of simple) if (input[k] !== undefined) out[col] = input[k] ?? null;
  if (input.sectors !== undefined) out.sectors = [...new Set<string>(input.sectors)];
  if (input.targetGroups !== undefined) out.target_groups = [...new Set<string>(input.targetGroups)];
  if (input.targetAreas !== undefined) {
    const codes = [...new Set<string>(input.targetAreas)];
    const unknown = codes.findIndex((c) => !deps.areas.get(c));
    if (unknown >= 0) fields[`targetAreas.${input.targetAreas.indexOf(codes[unknown])}`] = { code: 'invalid_area' };
    out.target_areas = codes;
  }
  const start = input.startDate !== undefined ? input.startDate : current?.startDate;
  const end = input.endDate !== undefined ? input.endDate : current?.endDate;
  if (start && end && end < start) fields.endDate = { code: 'end_before_start' };
  const people = [...(input.managerId ? [input.managerId] : []), ...(input.teamIds ?? [])];
  if (people.length) {
    const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM memberships WHERE org_id = $1 AND user_id = ANY($2)', [orgId, people]);
    const members = new Set(rows.map((r) => r.user_id));
    if (input.managerId && !members.has(input.managerId)) fields.managerId = { code: 'not_a_member' };
    (input.teamIds as string[] | undefined)?.forEach((id, i) => {
      if (!members.has(id)) fields[`teamIds.${i}`] = { code: 'not_a_member' };
    });
  }
  if (input.managerId !== undefined) out.manager_id = input.managerId ?? null;
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  return out;
}

async function setTeam(tx: Queryable, orgId: string, programId: string, teamIds: string[]) {
  await tx.query('DELETE FROM program_team WHERE org_id = $1 AND program_id = $2 AND NOT (user_id = ANY($3))', [orgId, programId, teamIds]);
  if (teamIds.length) await tx.query('INSERT INTO program_team (org_id, program_id, user_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING', [orgId, programId, [...new Set(teamIds)]]);
}

export async function getProgram(tx: Queryable, deps: Deps, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM programs g WHERE g.org_id = $1 AND g.id = $2 ${includeDeleted ? '' : 'AND g.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toProgram(rows[0], deps);
}

const auditView = (g: Program) => ({
  name: g.name, summary: g.summary, problemStatement: g.problemStatement, goal: g.goal, startDate: g.startDate, endDate: g.endDate, status: g.status,
  sectors: g.sectors, targetAreas: g.targetAreas.map((a) => a.code), targetGroups: g.targetGroups, managerId: g.manager?.id ?? null, teamIds: g.team.map((m) => m.id),
});

export async function createProgram(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof ProgramCreate>) {
  const values = await prepare(tx, deps, actor.orgId, input);
  const id = uuidv7();
  await insertRow(tx, 'programs', actor, id, values);
  await setTeam(tx, actor.orgId, id, input.teamIds);
  const g = await getProgram(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'program', entityId: id, after: auditView(g) });
  return g;
}

export async function updateProgram(tx: Queryable, deps: Deps, actor: Actor, id: string, input: z.output<typeof ProgramUpdate>) {
  const before = await getProgram(tx, deps, actor.orgId, id);
  const { version, teamIds, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, deps, actor.orgId, { ...changes, teamIds }, before);
  if (!(await updateVersioned(tx, 'programs', actor.orgId, id, version, values))) throw conflict();
  if (teamIds) await setTeam(tx, actor.orgId, id, teamIds);
  const after = await getProgram(tx, deps, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'program', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setProgramDeleted(tx: Queryable, deps: Deps, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'programs', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'program', entityId: id });
  return getProgram(tx, deps, actor.orgId, id, true);
}

export async function listPrograms(tx: Queryable, deps: Deps, actor: Actor, q: z.output<typeof ProgramsQuery>) {
  const where = ['g.org_id = $1', q.deleted ? 'g.deleted_at IS NOT NULL' : 'g.deleted_at IS NULL'];
  const params: unknown[] = [actor.orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const s = p(q.q.toLowerCase());
    const like = p(`%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    // an organisation has tens of programs, not millions: a typo-tolerant scan is fine
    where.push(`(lower(g.name) LIKE ${like} OR word_similarity(${s}, lower(g.name)) >= 0.5)`);
  }
  if (q.status) where.push(`g.status = ${p(q.status)}`);
  if (q.sector) where.push(`g.sectors @> ARRAY[${p(q.sector)}]::text[]`);
  if (q.areaCode) {
    // the area itself, a place inside it, or a wider area that contains it
    const a = p(q.areaCode);
    where.push(`EXISTS (SELECT 1 FROM unnest(g.target_areas) t WHERE t = ${a} OR starts_with(t, ${a} || '.') OR starts_with(${a}, t || '.'))`);
  }
  if (q.managerId) where.push(`g.manager_id = ${p(q.managerId)}`);
  if (q.mine) {
    const me = p(actor.userId);
    where.push(`(g.manager_id = ${me} OR EXISTS (SELECT 1 FROM program_team t WHERE t.org_id = g.org_id AND t.program_id = g.id AND t.user_id = ${me}))`);
  }
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) where.push(`(lower(g.name), g.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const lim = p(q.limit + 1);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS}, lower(g.name) AS sort_name FROM programs g WHERE ${where.join(' AND ')} ORDER BY lower(g.name), g.id LIMIT ${lim}`, params);
  const { rows: c } = await tx.query<{ n: number }>(cappedCount(`FROM programs g WHERE ${countWhere}`).replace('count(*)::int FROM', 'count(*)::int AS n FROM'), countParams);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toProgram(r, deps)), nextCursor: more ? encodeCursor([page[page.length - 1].sort_name, page[page.length - 1].id]) : null, ...capTotal(c[0].n) };
}
