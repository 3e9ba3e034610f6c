import type { z } from 'zod';
import type { Issue, IssueCreate, IssueUpdate } from '../../../domain/contracts/issues.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';

type Row = Record<string, any>;

const COLUMNS = `i.id, i.program_id, i.description, i.impact, i.decision, i.owner_id, i.status, i.raised_date::text, i.resolved_date::text, i.version, i.created_at, i.updated_at, i.deleted_at,
  (SELECT u.name FROM users u WHERE u.id = i.owner_id) AS owner_name`;
const LIVE = 'i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = i.org_id AND g.id = i.program_id AND g.deleted_at IS NULL)';

function toIssue(r: Row): Issue {
  return {
    id: r.id,
    programId: r.program_id,
    description: r.description,
    impact: r.impact,
    decision: r.decision,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name } : null,
    status: r.status,
    raisedDate: r.raised_date,
    resolvedDate: r.resolved_date,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** A program's live issues: open ones first, the latest raised first. */
export async function listIssues(tx: Queryable, orgId: string, programId: string) {
  const { rows: program } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, programId]);
  if (!program.length) throw notFound();
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM program_issues i WHERE i.org_id = $1 AND i.program_id = $2 AND ${LIVE} ORDER BY i.status = 'resolved', i.raised_date DESC, i.id DESC`, [orgId, programId]);
  return { items: rows.map(toIssue) };
}

async function getIssue(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM program_issues i WHERE i.org_id = $1 AND i.id = $2 AND ${includeDeleted ? 'true' : LIVE}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toIssue(rows[0]);
}

/**
 * The columns to write. Resolving without a date resolves today; opening again clears the date;
 * a resolved date alone resolves the issue.
 */
async function prepare(tx: Queryable, orgId: string, input: Partial<z.output<typeof IssueUpdate>>, current?: Issue) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  for (const [k, col] of [['description', 'description'], ['impact', 'impact'], ['decision', 'decision'], ['raisedDate', 'raised_date']] as const) if (input[k] !== undefined) out[col] = input[k] ?? null;
  if (input.ownerId) {
    const { rows } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, input.ownerId]);
    if (!rows.length) fields.ownerId = { code: 'not_a_member' };
  }
  if (input.ownerId !== undefined) out.owner_id = input.ownerId ?? null;
  let status = input.status ?? current?.status ?? 'open';
  if (input.status === undefined && input.resolvedDate) status = 'resolved';
  let resolved = input.resolvedDate !== undefined ? input.resolvedDate : (current?.resolvedDate ?? null);
  if (status === 'open') resolved = null;
  else if (!resolved) resolved = await orgToday(tx, orgId);
  const raised = input.raisedDate ?? current?.raisedDate ?? (await orgToday(tx, orgId));
  if (resolved && resolved < raised) fields.resolvedDate = { code: 'resolved_before_raised' };
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  out.status = status;
  out.resolved_date = resolved;
  out.raised_date = raised;
  return out;
}

const auditView = (i: Issue) => ({ description: i.description, impact: i.impact, decision: i.decision, ownerId: i.owner?.id ?? null, status: i.status, raisedDate: i.raisedDate, resolvedDate: i.resolvedDate });

export async function createIssue(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof IssueCreate>) {
  await listIssues(tx, actor.orgId, programId); // the program is there
  const values = await prepare(tx, actor.orgId, input);
  const id = uuidv7();
  const cols = Object.keys(values);
  await tx.query(
    `INSERT INTO program_issues (org_id, id, program_id, created_by, ${cols.join(', ')}) VALUES ($1, $2, $3, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')})`,
    [actor.orgId, id, programId, actor.userId, ...Object.values(values)],
  );
  const created = await getIssue(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'issue', entityId: id, after: { programId, ...auditView(created) } });
  return created;
}

export async function updateIssue(tx: Queryable, actor: Actor, id: string, input: z.output<typeof IssueUpdate>) {
  const before = await getIssue(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, actor.orgId, changes, before);
  const cols = Object.keys(values);
  const { rows } = await tx.query(
    `UPDATE program_issues SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, version, ...Object.values(values)],
  );
  if (!rows.length) throw conflict();
  const after = await getIssue(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'issue', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setIssueDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const current = deleted ? await getIssue(tx, actor.orgId, id) : await getIssue(tx, actor.orgId, id, true);
  if (!deleted && current.deletedAt === null) throw notFound();
  await tx.query(`UPDATE program_issues SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'issue', entityId: id });
  return getIssue(tx, actor.orgId, id, true);
}
