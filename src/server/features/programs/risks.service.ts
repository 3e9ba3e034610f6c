import type { z } from 'zod';
import type { Risk, RiskCreate, RiskUpdate } from '../../../domain/contracts/risks.ts';
import { riskLevel } from '../../../domain/programs.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

type Row = Record<string, any>;

const COLUMNS = `k.id, k.program_id, k.description, k.category, k.likelihood, k.impact, k.mitigation, k.owner_id, k.review_date::text, k.status, k.version, k.created_at, k.updated_at, k.deleted_at,
  (SELECT u.name FROM users u WHERE u.id = k.owner_id) AS owner_name`;
const LIVE = 'k.deleted_at IS NULL AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = k.org_id AND g.id = k.program_id AND g.deleted_at IS NULL)';

function toRisk(r: Row): Risk {
  return {
    id: r.id,
    programId: r.program_id,
    description: r.description,
    category: r.category,
    likelihood: r.likelihood,
    impact: r.impact,
    ...riskLevel(r.likelihood, r.impact),
    mitigation: r.mitigation,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name } : null,
    reviewDate: r.review_date,
    status: r.status,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** A program's live risks, the highest score first (closed ones last). */
export async function listRisks(tx: Queryable, orgId: string, programId: string) {
  const { rows: program } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, programId]);
  if (!program.length) throw notFound();
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM risks k WHERE k.org_id = $1 AND k.program_id = $2 AND ${LIVE} ORDER BY k.status = 'closed', k.likelihood * k.impact DESC, k.id`, [orgId, programId]);
  return { items: rows.map(toRisk) };
}

async function getRisk(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM risks k WHERE k.org_id = $1 AND k.id = $2 AND ${includeDeleted ? 'true' : LIVE}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toRisk(rows[0]);
}

async function checkOwner(tx: Queryable, orgId: string, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const { rows } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, ownerId]);
  if (!rows.length) throw new AppError(400, 'validation_failed', {}, { ownerId: { code: 'not_a_member' } });
}

const auditView = (k: Risk) => ({ description: k.description, category: k.category, likelihood: k.likelihood, impact: k.impact, mitigation: k.mitigation, ownerId: k.owner?.id ?? null, reviewDate: k.reviewDate, status: k.status });

export async function createRisk(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof RiskCreate>) {
  await listRisks(tx, actor.orgId, programId); // the program is there
  await checkOwner(tx, actor.orgId, input.ownerId);
  const id = uuidv7();
  await tx.query(
    `INSERT INTO risks (org_id, id, program_id, description, category, likelihood, impact, mitigation, owner_id, review_date, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [actor.orgId, id, programId, input.description, input.category, input.likelihood, input.impact, input.mitigation ?? null, input.ownerId ?? null, input.reviewDate ?? null, input.status, actor.userId],
  );
  const created = await getRisk(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'risk', entityId: id, after: { programId, ...auditView(created) } });
  return created;
}

const COLUMN_OF: Record<string, string> = { description: 'description', category: 'category', likelihood: 'likelihood', impact: 'impact', mitigation: 'mitigation', ownerId: 'owner_id', reviewDate: 'review_date', status: 'status' };

export async function updateRisk(tx: Queryable, actor: Actor, id: string, input: z.output<typeof RiskUpdate>) {
  const before = await getRisk(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  await checkOwner(tx, actor.orgId, changes.ownerId);
  const sets: string[] = [];
  const params: unknown[] = [actor.orgId, id, version];
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${COLUMN_OF[k]} = $${params.length}`);
  }
  const { rows } = await tx.query(`UPDATE risks SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`, params);
  if (!rows.length) throw conflict();
  const after = await getRisk(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'risk', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setRiskDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const current = deleted ? await getRisk(tx, actor.orgId, id) : await getRisk(tx, actor.orgId, id, true);
  if (!deleted && current.deletedAt === null) throw notFound();
  await tx.query(`UPDATE risks SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'risk', entityId: id });
  return getRisk(tx, actor.orgId, id, true);
}
