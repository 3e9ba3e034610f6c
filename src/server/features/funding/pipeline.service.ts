import type { z } from 'zod';
import type { OpportunitiesQuery, Opportunity, OpportunityCreate, OpportunityUpdate, Pipeline } from '../../../domain/contracts/funding.ts';
import { type Stage, probabilityFor, weightedForecast } from '../../../domain/funding.ts';
import { minorFromDb as money } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';
import { checkFunder, likeOf } from './funders.service.ts';

type Row = Record<string, any>;
/** The board shows at most this many cards; filters narrow it. */
const BOARD_LIMIT = 500;

const COLUMNS = `o.id, o.funder_id, f.name AS funder_name, o.title, o.stage, o.amount::text AS amount, o.currency, o.probability, o.deadline::text AS deadline, o.decision_date::text AS decision_date,
  o.owner_id, (SELECT u.name FROM users u WHERE u.id = o.owner_id) AS owner_name, o.notes, o.grant_id, o.stage_changed_at, o.version, o.created_at, o.updated_at, o.deleted_at,
  coalesce((SELECT json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name) FROM programs g WHERE g.org_id = o.org_id AND g.id = ANY(o.program_ids)), '[]') AS programs`;
const FROM = 'FROM opportunities o JOIN funders f ON f.org_id = o.org_id AND f.id = o.funder_id';


const toOpportunity = (r: Row): Opportunity => ({
  id: r.id,
  funder: { id: r.funder_id, name: r.funder_name },
  title: r.title,
  stage: r.stage,
  amount: money(r.amount),
  currency: r.currency,
  probability: r.probability,
  deadline: r.deadline,
  decisionDate: r.decision_date,
  programs: typeof r.programs === 'string' ? JSON.parse(r.programs) : r.programs,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
  notes: r.notes,
  grantId: r.grant_id,
  stageChangedAt: r.stage_changed_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export async function getOpportunity(tx: Queryable, orgId: string, id: string, includeDeleted = false): Promise<Opportunity> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} ${FROM} WHERE o.org_id = $1 AND o.id = $2 ${includeDeleted ? '' : 'AND o.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toOpportunity(rows[0]);
}

/** Programs and members named by a form must be this organisation's. */
export async function checkPrograms(tx: Queryable, orgId: string, ids: string[] | undefined, fields: Record<string, FieldProblem>, field = 'programIds') {
  if (!ids?.length) return;
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM programs WHERE org_id = $1 AND id = ANY($2) AND deleted_at IS NULL', [orgId, ids]);
  const found = new Set(rows.map((r) => r.id));
  ids.forEach((id, i) => {
    if (!found.has(id)) fields[`${field}.${i}`] = { code: 'unknown_program' };
  });
}
export async function checkMember(tx: Queryable, orgId: string, userId: string | null | undefined, fields: Record<string, FieldProblem>, field: string) {
  if (!userId) return;
  const { rows } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
  if (!rows[0]) fields[field] = { code: 'not_a_member' };
}

const auditView = (o: Opportunity) => ({
  funderId: o.funder.id, title: o.title, stage: o.stage, amount: o.amount, currency: o.currency, probability: o.probability, deadline: o.deadline, decisionDate: o.decisionDate,
  programIds: o.programs.map((p) => p.id), ownerId: o.owner?.id ?? null, notes: o.notes,
});

async function prepare(tx: Queryable, orgId: string, input: Record<string, any>, current?: Opportunity) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  const simple = [['funderId', 'funder_id'], ['title', 'title'], ['stage', 'stage'], ['amount', 'amount'], ['currency', 'currency'], ['probability', 'probability'], ['deadline', 'deadline'], ['decisionDate', 'decision_date'], ['ownerId', 'owner_id'], ['notes', 'notes']] as const;
  for (const [k, col] of simple) if (input[k] !== undefined) out[col] = input[k] ?? null;
  if (input.programIds !== undefined) out.program_ids = [...new Set<string>(input.programIds)];
  if (input.funderId && input.funderId !== current?.funder.id) await checkFunder(tx, orgId, input.funderId, fields);
  await checkPrograms(tx, orgId, input.programIds, fields);
  await checkMember(tx, orgId, input.ownerId, fields, 'ownerId');
  failOn(fields);
  if (input.stage && input.stage !== current?.stage) {
    out.stage_changed_at = new Date().toISOString();
    // awarded means 100 %, declined 0 %, unless the same request says otherwise
    if (input.probability === undefined) out.probability = probabilityFor(input.stage as Stage, current?.probability ?? 10);
  }
  // a moved deadline is reminded again
  if (input.deadline !== undefined && input.deadline !== current?.deadline) out.reminded_at = null;
  return out;
}

export async function createOpportunity(tx: Queryable, actor: Actor, input: z.output<typeof OpportunityCreate>) {
  const values = await prepare(tx, actor.orgId, { ...input, ownerId: input.ownerId === undefined ? actor.userId || null : input.ownerId });
  if (input.stage === 'awarded' && input.probability === undefined) values.probability = 100;
  const id = uuidv7();
  await insertRow(tx, 'opportunities', actor, id, values);
  const o = await getOpportunity(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'opportunity', entityId: id, after: auditView(o) });
  return o;
}

export async function updateOpportunity(tx: Queryable, actor: Actor, id: string, input: z.output<typeof OpportunityUpdate>) {
  const before = await getOpportunity(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, actor.orgId, changes, before);
  if (!(await updateVersioned(tx, 'opportunities', actor.orgId, id, version, values))) throw conflict();
  const after = await getOpportunity(tx, actor.orgId, id);
  // a stage move is its own audit entry, so the history reads as the opportunity's path through the pipeline
  await audit(tx, actor, { action: before.stage !== after.stage ? 'stage' : 'update', entityType: 'opportunity', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setOpportunityDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'opportunities', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'opportunity', entityId: id });
  return getOpportunity(tx, actor.orgId, id, true);
}

export async function listPipeline(tx: Queryable, actor: Actor, q: z.output<typeof OpportunitiesQuery>): Promise<Pipeline> {
  const where = ['o.org_id = $1', q.deleted ? 'o.deleted_at IS NOT NULL' : 'o.deleted_at IS NULL'];
  const params: unknown[] = [actor.orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const like = p(likeOf(q.q));
    where.push(`(lower(o.title) LIKE ${like} OR lower(f.name) LIKE ${like})`);
  }
  if (q.funderId) where.push(`o.funder_id = ${p(q.funderId)}`);
  if (q.ownerId) where.push(`o.owner_id = ${p(q.ownerId)}`);
  if (q.programId) where.push(`${p(q.programId)}::uuid = ANY(o.program_ids)`);
  if (q.stage) where.push(`o.stage = ${p(q.stage)}`);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY o.deadline NULLS LAST, lower(o.title), o.id LIMIT ${BOARD_LIMIT + 1}`, params);
  const items = rows.slice(0, BOARD_LIMIT).map(toOpportunity);
  // the forecast counts every match, not only the cards shown
  const { rows: all } = await tx.query<Row>(`SELECT o.stage, o.amount::text AS amount, o.currency, o.probability ${FROM} WHERE ${where.join(' AND ')}`, params);
  const forecast = weightedForecast(all.map((r) => ({ stage: r.stage, amount: money(r.amount), currency: r.currency, probability: r.probability })));
  return { items, forecast, truncated: rows.length > BOARD_LIMIT };
}
