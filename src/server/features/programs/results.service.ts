import type { z } from 'zod';
import type { Result, ResultCreate, ResultMove, ResultUpdate } from '../../../domain/contracts/results.ts';
import { type ResultLevel, childLevel, resultCodes } from '../../../domain/programs.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

type Row = { id: string; program_id: string; parent_id: string | null; level: ResultLevel; position: number; statement: string; assumptions: string | null; means_of_verification: string | null; version: number; created_at: string; updated_at: string };

const COLUMNS = 'id, program_id, parent_id, level, position, statement, assumptions, means_of_verification, version, created_at, updated_at';

/** A program's live framework, depth first, with each result's number. */
export async function getFramework(tx: Queryable, orgId: string, programId: string): Promise<{ items: Result[] }> {
  const { rows: program } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, programId]);
  if (!program.length) throw notFound();
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM results WHERE org_id = $1 AND program_id = $2 AND deleted_at IS NULL`, [orgId, programId]);
  const items = rows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level, position: r.position, row: r }));
  const codes = resultCodes(items);
  const children = new Map<string | null, typeof items>();
  for (const r of items) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: Result[] = [];
  const walk = (parentId: string | null) => {
    for (const r of (children.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
      out.push(toResult(r.row, codes.get(r.id) ?? ''));
      walk(r.id);
    }
  };
  walk(null);
  return { items: out };
}

function toResult(r: Row, code: string): Result {
  return {
    id: r.id,
    programId: r.program_id,
    parentId: r.parent_id,
    level: r.level,
    code,
    position: r.position,
    statement: r.statement,
    assumptions: r.assumptions,
    meansOfVerification: r.means_of_verification,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function loadResult(tx: Queryable, orgId: string, id: string, lock = false): Promise<Row> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM results r WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = r.org_id AND g.id = r.program_id AND g.deleted_at IS NULL) ${lock ? 'FOR UPDATE' : ''}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/**
 * Numbers a parent's live children 0..n-1 in their order, `first` ahead of a sibling with the same
 * position (the one just moved or restored there).
 */
async function renumber(tx: Queryable, orgId: string, programId: string, parentId: string | null, first?: string) {
  await tx.query(
    `UPDATE results r SET position = o.n, updated_at = CASE WHEN r.position <> o.n THEN now() ELSE r.updated_at END
       FROM (SELECT id, (row_number() OVER (ORDER BY position, id = $4 DESC, id) - 1)::int AS n
               FROM results WHERE org_id = $1 AND program_id = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid AND deleted_at IS NULL) o
      WHERE r.org_id = $1 AND r.id = o.id AND r.position <> o.n`,
    [orgId, programId, parentId, first ?? null],
  );
}

const auditView = (r: Pick<Row, 'statement' | 'assumptions' | 'means_of_verification'>) => ({ statement: r.statement, assumptions: r.assumptions, meansOfVerification: r.means_of_verification });

export async function createResult(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof ResultCreate>) {
  await getFramework(tx, actor.orgId, programId); // the program exists
  // one writer at a time per program: positions and the single goal stay consistent
  await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 FOR UPDATE', [actor.orgId, programId]);
  let parentLevel: ResultLevel | null = null;
  if (input.parentId) {
    const parent = await loadResult(tx, actor.orgId, input.parentId);
    if (parent.program_id !== programId) throw new AppError(400, 'validation_failed', {}, { parentId: { code: 'result_other_program' } });
    parentLevel = parent.level;
  }
  const level = childLevel(parentLevel);
  if (!level) throw new AppError(400, 'validation_failed', {}, { parentId: { code: 'result_too_deep' } });
  if (level === 'goal') {
    const { rows } = await tx.query(`SELECT 1 FROM results WHERE org_id = $1 AND program_id = $2 AND level = 'goal' AND deleted_at IS NULL`, [actor.orgId, programId]);
    if (rows.length) throw new AppError(409, 'goal_exists');
  }
  const { rows: c } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM results WHERE org_id = $1 AND program_id = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid AND deleted_at IS NULL', [
    actor.orgId,
    programId,
    input.parentId,
  ]);
  const id = uuidv7();
  const position = Math.min(input.position ?? c[0].n, c[0].n);
  await tx.query(
    `INSERT INTO results (org_id, id, program_id, parent_id, level, position, statement, assumptions, means_of_verification, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [actor.orgId, id, programId, input.parentId, level, position, input.statement, input.assumptions ?? null, input.meansOfVerification ?? null, actor.userId],
  );
  await renumber(tx, actor.orgId, programId, input.parentId, id);
  await audit(tx, actor, { action: 'create', entityType: 'result', entityId: id, after: { programId, level, ...auditView({ statement: input.statement, assumptions: input.assumptions ?? null, means_of_verification: input.meansOfVerification ?? null }) } });
  return getFramework(tx, actor.orgId, programId);
}

export async function updateResult(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ResultUpdate>) {
  const before = await loadResult(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  const sets: string[] = [];
  const params: unknown[] = [actor.orgId, id, input.version];
  for (const [k, col] of [['statement', 'statement'], ['assumptions', 'assumptions'], ['meansOfVerification', 'means_of_verification']] as const) {
    if (input[k] === undefined) continue;
    params.push(input[k] ?? null);
    sets.push(`${col} = $${params.length}`);
  }
  const { rows } = await tx.query<Row>(
    `UPDATE results SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    params,
  );
  if (!rows[0]) throw conflict();
  await audit(tx, actor, { action: 'update', entityType: 'result', entityId: id, ...changed(auditView(before), auditView(rows[0])) });
  return getFramework(tx, actor.orgId, before.program_id);
}

/** Moves a result among its siblings (the numbers of it, its siblings and their children follow). */
export async function moveResult(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ResultMove>) {
  // the program's row first, as every other writer of its framework takes it (no deadlock)
  const { program_id: programId } = await loadResult(tx, actor.orgId, id);
  await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 FOR UPDATE', [actor.orgId, programId]);
  const r = await loadResult(tx, actor.orgId, id);
  if (r.version !== input.version) throw conflict();
  // to land at index p among the others, take position p and go first among equals
  const others = await tx.query<{ id: string }>(
    'SELECT id FROM results WHERE org_id = $1 AND program_id = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid AND deleted_at IS NULL AND id <> $4 ORDER BY position, id',
    [actor.orgId, r.program_id, r.parent_id, id],
  );
  const target = Math.min(input.position, others.rows.length);
  const order = others.rows.map((o) => o.id);
  order.splice(target, 0, id);
  await tx.query(
    `UPDATE results r SET position = o.n - 1, updated_at = now(), version = CASE WHEN r.id = $3 THEN r.version + 1 ELSE r.version END
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n) WHERE r.org_id = $1 AND r.id = o.id AND (r.position <> o.n - 1 OR r.id = $3)`,
    [actor.orgId, order, id],
  );
  await audit(tx, actor, { action: 'move', entityType: 'result', entityId: id, before: { position: r.position }, after: { position: target } });
  return getFramework(tx, actor.orgId, r.program_id);
}

/** Deletes a result with everything under it; the same call with deleted=false undoes exactly that delete. */
export async function setResultDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  // deleted_at as text: microseconds intact, to find what the same delete took
  const { rows } = await tx.query<Row & { deleted_at: string | null }>(`SELECT ${COLUMNS}, deleted_at::text AS deleted_at FROM results WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  const r = rows[0];
  if (!r || (deleted ? r.deleted_at !== null : r.deleted_at === null)) throw notFound();
  await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 FOR UPDATE', [actor.orgId, r.program_id]);
  let n: number;
  if (deleted) {
    const res = await tx.query(
      `WITH RECURSIVE sub AS (SELECT id FROM results WHERE org_id = $1 AND id = $2
                               UNION ALL SELECT c.id FROM results c JOIN sub ON c.parent_id = sub.id WHERE c.org_id = $1 AND c.deleted_at IS NULL)
       UPDATE results SET deleted_at = now(), updated_at = now(), version = version + 1 WHERE org_id = $1 AND id IN (SELECT id FROM sub) RETURNING id`,
      [actor.orgId, id],
    );
    n = res.rows.length;
    // their indicators go with them (and free their codes), at the same moment, so the undo finds them
    await tx.query('UPDATE indicators SET deleted_at = now(), updated_at = now(), version = version + 1 WHERE org_id = $1 AND result_id = ANY($2) AND deleted_at IS NULL', [actor.orgId, res.rows.map((x) => x.id)]);
  } else {
    if (r.parent_id) {
      const { rows: parent } = await tx.query('SELECT 1 FROM results WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [actor.orgId, r.parent_id]);
      if (!parent.length) throw new AppError(409, 'result_parent_deleted');
    }
    if (r.level === 'goal') {
      const { rows: goal } = await tx.query(`SELECT 1 FROM results WHERE org_id = $1 AND program_id = $2 AND level = 'goal' AND deleted_at IS NULL`, [actor.orgId, r.program_id]);
      if (goal.length) throw new AppError(409, 'goal_exists');
    }
    const res = await tx.query(
      `WITH RECURSIVE sub AS (SELECT id FROM results WHERE org_id = $1 AND id = $2
                               UNION ALL SELECT c.id FROM results c JOIN sub ON c.parent_id = sub.id
                                  WHERE c.org_id = $1 AND c.deleted_at = (SELECT deleted_at FROM results WHERE org_id = $1 AND id = $2))
       UPDATE results SET deleted_at = NULL, updated_at = now(), version = version + 1 WHERE org_id = $1 AND id IN (SELECT id FROM sub) RETURNING id`,
      [actor.orgId, id],
    );
    n = res.rows.length;
    // the indicators that delete took: deleted at the same moment as their result was
    const taken = await tx.query(
      `SELECT 1 FROM indicators i JOIN indicators o ON o.org_id = i.org_id AND o.program_id = i.program_id AND lower(o.code) = lower(i.code) AND o.deleted_at IS NULL
        WHERE i.org_id = $1 AND i.result_id = ANY($2) AND i.deleted_at = $3::timestamptz LIMIT 1`,
      [actor.orgId, res.rows.map((x) => x.id), r.deleted_at],
    );
    if (taken.rows.length) throw new AppError(409, 'indicator_code_taken');
    await tx.query('UPDATE indicators SET deleted_at = NULL, updated_at = now(), version = version + 1 WHERE org_id = $1 AND result_id = ANY($2) AND deleted_at = $3::timestamptz', [
      actor.orgId,
      res.rows.map((x) => x.id),
      r.deleted_at,
    ]);
  }
  await renumber(tx, actor.orgId, r.program_id, r.parent_id, deleted ? undefined : id);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'result', entityId: id, after: { programId: r.program_id, results: n } });
  return { deleted: n, framework: await getFramework(tx, actor.orgId, r.program_id) };
}
