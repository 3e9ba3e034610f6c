import { z } from 'zod';
import type { Task, TaskComment, TaskCommentCreate, TaskCreate, TasksQuery, TaskUpdate } from '../../../domain/contracts/tasks.ts';
import type { TaskLinkType } from '../../../domain/tasks.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';

type Row = Record<string, any>;

/** The tables a task may link to, all in the task's program (names from code, never from a request). */
const LINKS: Record<TaskLinkType, { key: 'resultId' | 'riskId' | 'issueId'; column: string; table: string; label: string }> = {
  result: { key: 'resultId', column: 'result_id', table: 'results', label: 'statement' },
  risk: { key: 'riskId', column: 'risk_id', table: 'risks', label: 'description' },
  issue: { key: 'issueId', column: 'issue_id', table: 'program_issues', label: 'description' },
};
const LINK_TYPES = Object.keys(LINKS) as TaskLinkType[];

const OPEN = `t.status IN ('todo', 'in_progress')`;
/** `today` is a placeholder of the organisation's date: a task due yesterday in Jakarta is overdue there at 06:00, not in UTC. */
const overdueIf = (today: string) => `(t.due_date < ${today}::date AND ${OPEN})`;
const columns = (today: string) => `t.id, t.program_id, g.name AS program_name, t.title, t.description, t.assignee_id,
  (SELECT u.name FROM users u WHERE u.id = t.assignee_id) AS assignee_name,
  t.due_date::text, t.status, t.priority, t.completed_at, t.result_id, t.risk_id, t.issue_id,
  ${LINK_TYPES.map((k) => `(SELECT x.${LINKS[k].label} FROM ${LINKS[k].table} x WHERE x.org_id = t.org_id AND x.id = t.${LINKS[k].column}) AS ${k}_label, (SELECT x.deleted_at IS NOT NULL FROM ${LINKS[k].table} x WHERE x.org_id = t.org_id AND x.id = t.${LINKS[k].column}) AS ${k}_deleted`).join(',\n  ')},
  ${overdueIf(today)} AS overdue,
  CASE WHEN ${overdueIf(today)} THEN ${today}::date - t.due_date ELSE 0 END AS days_overdue,
  (SELECT count(*)::int FROM task_comments c WHERE c.org_id = t.org_id AND c.task_id = t.id) AS comment_count,
  t.version, t.created_at, t.updated_at, t.deleted_at`;
const FROM = 'FROM tasks t JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id';
const LIVE = 't.deleted_at IS NULL AND g.deleted_at IS NULL';

function toTask(r: Row): Task {
  const type = LINK_TYPES.find((k) => r[LINKS[k].column]);
  return {
    id: r.id,
    programId: r.program_id,
    programName: r.program_name,
    title: r.title,
    description: r.description,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
    dueDate: r.due_date,
    status: r.status,
    priority: r.priority,
    completedAt: r.completed_at,
    link: type ? { type, id: r[LINKS[type].column], label: r[`${type}_label`] ?? '', deleted: !!r[`${type}_deleted`] } : null,
    overdue: !!r.overdue,
    daysOverdue: Number(r.days_overdue),
    commentCount: Number(r.comment_count),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export async function getTask(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const today = await orgToday(tx, orgId);
  const { rows } = await tx.query(`SELECT ${columns('$3')} ${FROM} WHERE t.org_id = $1 AND t.id = $2 AND ${includeDeleted ? 'true' : LIVE}`, [orgId, id, today]);
  if (!rows[0]) throw notFound();
  return toTask(rows[0]);
}

type TaskInput = Partial<z.output<typeof TaskUpdate>> & { programId?: string };

/** The columns to write, with every field problem found (a member as assignee, a link inside the program). */
async function prepare(tx: Queryable, orgId: string, programId: string, input: TaskInput, current?: Task) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  for (const [k, col] of [['title', 'title'], ['description', 'description'], ['dueDate', 'due_date'], ['priority', 'priority'], ['status', 'status']] as const) if (input[k] !== undefined) out[col] = input[k] ?? null;
  if (input.status !== undefined) out.completed_at = input.status === 'done' ? (current?.status === 'done' ? current.completedAt : new Date().toISOString()) : null;
  if (input.assigneeId) {
    const { rows } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, input.assigneeId]);
    if (!rows.length) fields.assigneeId = { code: 'not_a_member' };
  }
  if (input.assigneeId !== undefined) out.assignee_id = input.assigneeId ?? null;
  if (input.programId) {
    const { rows } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.programId]);
    if (!rows.length) fields.programId = { code: 'unknown_program' };
  }
  // naming any link replaces the whole link
  if (LINK_TYPES.some((k) => input[LINKS[k].key] !== undefined)) {
    const chosen = LINK_TYPES.filter((k) => input[LINKS[k].key]);
    for (const k of chosen.slice(1)) fields[LINKS[k].key] = { code: 'one_link_only' };
    if (chosen.length === 1 && !fields.programId) {
      const { table, key } = LINKS[chosen[0]];
      const { rows } = await tx.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2 AND program_id = $3 AND deleted_at IS NULL`, [orgId, input[key], programId]);
      if (!rows.length) fields[key] = { code: 'link_not_in_program' };
    }
    for (const k of LINK_TYPES) out[LINKS[k].column] = input[LINKS[k].key] ?? null;
  }
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  return out;
}

const auditView = (t: Task) => ({
  title: t.title, description: t.description, assigneeId: t.assignee?.id ?? null, dueDate: t.dueDate, status: t.status, priority: t.priority,
  link: t.link ? `${t.link.type}:${t.link.id}` : null,
});

export async function createTask(tx: Queryable, actor: Actor, input: z.output<typeof TaskCreate>) {
  const values = await prepare(tx, actor.orgId, input.programId, input);
  const id = uuidv7();
  const cols = Object.keys(values);
  await tx.query(
    `INSERT INTO tasks (org_id, id, program_id, created_by, ${cols.join(', ')}) VALUES ($1, $2, $3, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')})`,
    [actor.orgId, id, input.programId, actor.userId, ...Object.values(values)],
  );
  const created = await getTask(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'task', entityId: id, after: { programId: input.programId, ...auditView(created) } });
  return created;
}

export async function updateTask(tx: Queryable, actor: Actor, id: string, input: z.output<typeof TaskUpdate>) {
  const before = await getTask(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, actor.orgId, before.programId, changes, before);
  const cols = Object.keys(values);
  const { rows } = await tx.query(
    `UPDATE tasks SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, version, ...Object.values(values)],
  );
  if (!rows.length) throw conflict();
  const after = await getTask(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'task', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setTaskDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const current = await getTask(tx, actor.orgId, id, !deleted);
  if (!deleted && current.deletedAt === null) throw notFound();
  await tx.query(`UPDATE tasks SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'task', entityId: id });
  return getTask(tx, actor.orgId, id, true);
}

/** Sort key of the list: open before finished, by due date (none last), the most urgent first, then id. */
const SORT = [`(CASE WHEN ${OPEN} THEN 0 ELSE 1 END)`, `coalesce(t.due_date, DATE '2100-12-31')`, `array_position(ARRAY['urgent', 'high', 'normal', 'low'], t.priority)`, 't.id'];
const TaskCursor = z.tuple([z.number().int().min(0).max(1), z.iso.date(), z.number().int().min(1).max(4), z.uuid()]);

export async function listTasks(tx: Queryable, actor: Actor, q: z.output<typeof TasksQuery>) {
  const today = await orgToday(tx, actor.orgId);
  const params: unknown[] = [actor.orgId, today];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['t.org_id = $1', LIVE];
  if (q.programId) where.push(`t.program_id = ${p(q.programId)}`);
  if (q.assignee === 'none') where.push('t.assignee_id IS NULL');
  else if (q.assignee) where.push(`t.assignee_id = ${p(q.assignee === 'me' ? actor.userId : q.assignee)}`);
  if (q.status?.length) where.push(`t.status = ANY(${p(q.status)}::text[])`);
  if (q.priority?.length) where.push(`t.priority = ANY(${p(q.priority)}::text[])`);
  if (q.overdue !== undefined) where.push(q.overdue ? overdueIf('$2') : `NOT coalesce(${overdueIf('$2')}, false)`);
  for (const word of (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) where.push(`lower(t.title) LIKE ${p(`%${word.replace(/[\\%_]/g, '\\$&')}%`)}`);
  for (const k of LINK_TYPES) if (q[LINKS[k].key]) where.push(`t.${LINKS[k].column} = ${p(q[LINKS[k].key])}`);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  const cursor = decodeCursor(q.cursor, TaskCursor);
  if (cursor) where.push(`(${SORT.join(', ')}) > (${p(cursor[0])}::int, ${p(cursor[1])}::date, ${p(cursor[2])}::int, ${p(cursor[3])}::uuid)`);
  const lim = p(q.limit + 1);
  const { rows } = await tx.query<Row>(
    `SELECT ${columns('$2')}, ${SORT[0]} AS sort_closed, ${SORT[1]}::text AS sort_due, ${SORT[2]} AS sort_priority ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${SORT.join(', ')} LIMIT ${lim}`,
    params,
  );
  // without an overdue filter $2 (today) is not referenced, and PostgreSQL refuses a parameter it cannot type
  const { rows: c } = await tx.query<{ n: number }>(cappedCount(`${FROM} WHERE ${countWhere} AND $2::date IS NOT NULL`).replace('count(*)::int FROM', 'count(*)::int AS n FROM'), countParams);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toTask),
    nextCursor: more ? encodeCursor([Number(last.sort_closed), last.sort_due, Number(last.sort_priority), last.id]) : null,
    ...capTotal(Number(c[0].n)),
  };
}

// ---- comments ----

function toComment(r: Row): TaskComment {
  return { id: r.id, taskId: r.task_id, author: { id: r.author_id, name: r.author_name }, body: r.body, createdAt: r.created_at };
}
const COMMENT_COLUMNS = 'c.id, c.task_id, c.author_id, (SELECT u.name FROM users u WHERE u.id = c.author_id) AS author_name, c.body, c.created_at';

async function liveTask(tx: Queryable, orgId: string, taskId: string) {
  const { rows } = await tx.query(`SELECT 1 ${FROM} WHERE t.org_id = $1 AND t.id = $2 AND ${LIVE}`, [orgId, taskId]);
  if (!rows.length) throw notFound();
}

/** A task's comments, oldest first (a conversation). */
export async function listComments(tx: Queryable, orgId: string, taskId: string) {
  await liveTask(tx, orgId, taskId);
  const { rows } = await tx.query(`SELECT ${COMMENT_COLUMNS} FROM task_comments c WHERE c.org_id = $1 AND c.task_id = $2 ORDER BY c.id LIMIT 1000`, [orgId, taskId]);
  return { items: rows.map(toComment) };
}

export async function addComment(tx: Queryable, actor: Actor, taskId: string, input: z.output<typeof TaskCommentCreate>) {
  await liveTask(tx, actor.orgId, taskId);
  const id = uuidv7();
  await tx.query('INSERT INTO task_comments (org_id, id, task_id, author_id, body) VALUES ($1, $2, $3, $4, $5)', [actor.orgId, id, taskId, actor.userId, input.body]);
  await audit(tx, actor, { action: 'create', entityType: 'task_comment', entityId: id, after: { taskId, body: input.body } });
  const { rows } = await tx.query(`SELECT ${COMMENT_COLUMNS} FROM task_comments c WHERE c.org_id = $1 AND c.id = $2`, [actor.orgId, id]);
  return toComment(rows[0]);
}

/** Its author may delete a comment, and so may whoever runs the organisation. */
export async function deleteComment(tx: Queryable, actor: Actor, id: string) {
  const { rows } = await tx.query(`SELECT ${COMMENT_COLUMNS} FROM task_comments c WHERE c.org_id = $1 AND c.id = $2`, [actor.orgId, id]);
  if (!rows[0]) throw notFound();
  const comment = toComment(rows[0]);
  await liveTask(tx, actor.orgId, comment.taskId);
  if (comment.author.id !== actor.userId && actor.role !== 'owner' && actor.role !== 'admin') throw new AppError(403, 'comment_not_yours');
  await tx.query('DELETE FROM task_comments WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  await audit(tx, actor, { action: 'delete', entityType: 'task_comment', entityId: id, before: { taskId: comment.taskId, body: comment.body } });
}
