import type { z } from 'zod';
import type { Indicator, IndicatorCreate, IndicatorUpdate } from '../../../domain/contracts/indicators.ts';
import { checkTargets } from '../../../domain/indicators.ts';
import { COMPUTED_DIMENSIONS, Computation } from '../../../domain/computed.ts';
import { activityTypes } from '../activities/activities.service.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

type Row = Record<string, any>;

const COLUMNS = `i.id, i.program_id, i.result_id, i.code, i.name, i.definition, i.unit, i.type, i.direction, i.aggregation, i.baseline_value::float8 AS baseline_value,
  i.baseline_date::text, i.frequency, i.disaggregations, i.data_source, i.responsible_id, i.computation, i.version, i.created_at, i.updated_at, i.deleted_at,
  (SELECT u.name FROM users u WHERE u.id = i.responsible_id) AS responsible_name,
  coalesce((SELECT json_agg(json_build_object('start', t.period_start::text, 'end', t.period_end::text, 'value', t.value::float8) ORDER BY t.period_start)
     FROM indicator_targets t WHERE t.org_id = i.org_id AND t.indicator_id = i.id), '[]') AS targets`;
// an indicator lives while its program and its result do
const LIVE = `i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = i.org_id AND g.id = i.program_id AND g.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM results r WHERE r.org_id = i.org_id AND r.id = i.result_id AND r.deleted_at IS NULL)`;

function toIndicator(r: Row): Indicator {
  return {
    id: r.id,
    programId: r.program_id,
    resultId: r.result_id,
    code: r.code,
    name: r.name,
    definition: r.definition,
    unit: r.unit,
    type: r.type,
    direction: r.direction,
    aggregation: r.aggregation,
    baselineValue: r.baseline_value,
    baselineDate: r.baseline_date,
    frequency: r.frequency,
    disaggregations: r.disaggregations,
    dataSource: r.data_source,
    responsible: r.responsible_id ? { id: r.responsible_id, name: r.responsible_name } : null,
    targets: typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets,
    // definitions saved before a building block existed read with its default
    computation: r.computation != null ? Computation.parse(typeof r.computation === 'string' ? JSON.parse(r.computation) : r.computation) : null,
    computed: r.computation != null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/** A program's live indicators, in the order of its framework's results, then by code. */
export async function listIndicators(tx: Queryable, orgId: string, programId: string) {
  const { rows: program } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, programId]);
  if (!program.length) throw notFound();
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM indicators i WHERE i.org_id = $1 AND i.program_id = $2 AND ${LIVE} ORDER BY lower(i.code), i.id`, [orgId, programId]);
  return { items: rows.map(toIndicator) };
}

export async function getIndicator(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM indicators i WHERE i.org_id = $1 AND i.id = $2 AND ${includeDeleted ? 'true' : LIVE}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toIndicator(rows[0]);
}

/** Field problems of an indicator as it would be after this change (targets against its frequency and type, the responsible a member). */
async function check(
  tx: Queryable,
  orgId: string,
  next: Pick<Indicator, 'type' | 'frequency' | 'targets' | 'disaggregations' | 'programId'> & { responsibleId?: string | null; computation?: Computation | null; id?: string; computationChanged: boolean },
) {
  const fields: Record<string, FieldProblem> = {};
  if (next.computation?.source === 'attendance' && next.computationChanged) {
    // the building blocks name things of this organisation and program: check they exist
    const c = next.computation;
    const types = await activityTypes(tx, orgId);
    const known = new Set<string>([...types.builtIn, ...types.custom.map((x) => x.code)]);
    if (c.activityTypes.some((x) => !known.has(x))) fields['computation.activityTypes'] = { code: 'invalid_option' };
    if (c.resultId) {
      const { rows } = await tx.query('SELECT 1 FROM results WHERE org_id = $1 AND id = $2 AND program_id = $3 AND deleted_at IS NULL', [orgId, c.resultId, next.programId]);
      if (!rows.length) fields['computation.resultId'] = { code: 'result_not_in_program' };
    }
  }
  if (next.computation) {
    // counted from data: it can be broken down only by what that data records
    if (next.disaggregations.some((d) => !COMPUTED_DIMENSIONS[next.computation!.source].includes(d))) fields.disaggregations = { code: 'computed_dimension' };
    if (next.id) {
      const { rows } = await tx.query('SELECT 1 FROM indicator_values WHERE org_id = $1 AND indicator_id = $2 AND deleted_at IS NULL LIMIT 1', [orgId, next.id]);
      if (rows.length) fields.computation = { code: 'indicator_has_values' };
    }
  }
  for (const p of checkTargets(next.targets, next.frequency, next.type)) fields[`targets.${p.index}`] ??= { code: p.code };
  if (next.responsibleId) {
    const { rows } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, next.responsibleId]);
    if (!rows.length) fields.responsibleId = { code: 'not_a_member' };
  }
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
}

async function setTargets(tx: Queryable, orgId: string, id: string, targets: Indicator['targets']) {
  await tx.query('DELETE FROM indicator_targets WHERE org_id = $1 AND indicator_id = $2', [orgId, id]);
  if (targets.length)
    await tx.query(
      `INSERT INTO indicator_targets (org_id, indicator_id, period_start, period_end, value)
       SELECT $1, $2, t.s::date, t.e::date, t.v FROM unnest($3::text[], $4::text[], $5::numeric[]) AS t(s, e, v)`,
      [orgId, id, targets.map((t) => t.start), targets.map((t) => t.end), targets.map((t) => t.value)],
    );
}

/** A unique code per program; the database's unique index is the last word, this says which field. */
async function codeTaken(tx: Queryable, orgId: string, programId: string, code: string, except?: string) {
  const { rows } = await tx.query('SELECT 1 FROM indicators WHERE org_id = $1 AND program_id = $2 AND lower(code) = lower($3) AND deleted_at IS NULL AND id IS DISTINCT FROM $4::uuid', [orgId, programId, code, except ?? null]);
  if (rows.length) throw new AppError(400, 'validation_failed', {}, { code: { code: 'indicator_code_taken' } });
}

const auditView = (i: Indicator) => {
  const { id: _id, programId: _p, responsible, createdAt: _c, updatedAt: _u, deletedAt: _d, version: _v, ...rest } = i;
  return { ...rest, responsibleId: responsible?.id ?? null };
};

export async function createIndicator(tx: Queryable, actor: Actor, resultId: string, input: z.output<typeof IndicatorCreate>) {
  const { rows } = await tx.query<{ program_id: string }>(
    `SELECT r.program_id FROM results r JOIN programs g ON g.org_id = r.org_id AND g.id = r.program_id AND g.deleted_at IS NULL
      WHERE r.org_id = $1 AND r.id = $2 AND r.deleted_at IS NULL`,
    [actor.orgId, resultId],
  );
  if (!rows[0]) throw notFound();
  const programId = rows[0].program_id;
  await check(tx, actor.orgId, { ...input, programId, computationChanged: true });
  // a computed indicator counts what exists at each period's end
  if (input.computation) Object.assign(input, { type: 'count', aggregation: 'latest' });
  await codeTaken(tx, actor.orgId, programId, input.code);
  const id = uuidv7();
  await tx.query(
    `INSERT INTO indicators (org_id, id, program_id, result_id, code, name, definition, unit, type, direction, aggregation, baseline_value, baseline_date, frequency, disaggregations, data_source, responsible_id, created_by, computation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      actor.orgId, id, programId, resultId, input.code, input.name, input.definition ?? null, input.unit ?? null, input.type, input.direction, input.aggregation,
      input.baselineValue ?? null, input.baselineDate ?? null, input.frequency, [...new Set(input.disaggregations)], input.dataSource ?? null, input.responsibleId ?? null, actor.userId,
      input.computation ? JSON.stringify(input.computation) : null,
    ],
  );
  await setTargets(tx, actor.orgId, id, input.targets);
  const created = await getIndicator(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'indicator', entityId: id, after: auditView(created) });
  return created;
}

const COLUMN_OF: Record<string, string> = {
  code: 'code', name: 'name', definition: 'definition', unit: 'unit', type: 'type', direction: 'direction', aggregation: 'aggregation', baselineValue: 'baseline_value',
  baselineDate: 'baseline_date', frequency: 'frequency', disaggregations: 'disaggregations', dataSource: 'data_source', responsibleId: 'responsible_id', computation: 'computation',
};

export async function updateIndicator(tx: Queryable, actor: Actor, id: string, input: z.output<typeof IndicatorUpdate>) {
  const before = await getIndicator(tx, actor.orgId, id);
  const { version, targets, ...changes } = input;
  if (before.version !== version) throw conflict();
  const computation = changes.computation !== undefined ? changes.computation : before.computation;
  await check(tx, actor.orgId, {
    id,
    type: changes.type ?? before.type,
    frequency: changes.frequency ?? before.frequency,
    targets: targets ?? before.targets,
    disaggregations: changes.disaggregations ?? before.disaggregations,
    responsibleId: changes.responsibleId,
    computation,
    programId: before.programId,
    computationChanged: changes.computation !== undefined,
  });
  if (computation) Object.assign(changes, { type: 'count', aggregation: 'latest' });
  if (changes.code !== undefined) await codeTaken(tx, actor.orgId, before.programId, changes.code, id);
  const sets: string[] = [];
  const params: unknown[] = [actor.orgId, id, version];
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    params.push(k === 'disaggregations' ? [...new Set(v as string[])] : k === 'computation' ? (v ? JSON.stringify(v) : null) : v);
    sets.push(`${COLUMN_OF[k]} = $${params.length}`);
  }
  const { rows } = await tx.query(`UPDATE indicators SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`, params);
  if (!rows.length) throw conflict();
  if (targets) await setTargets(tx, actor.orgId, id, targets);
  const after = await getIndicator(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'indicator', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setIndicatorDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const current = deleted ? await getIndicator(tx, actor.orgId, id) : await getIndicator(tx, actor.orgId, id, true);
  if (!deleted) {
    if (current.deletedAt === null) throw notFound();
    // an indicator comes back only onto a live result of a live program
    const { rows } = await tx.query(
      `SELECT 1 FROM results r JOIN programs g ON g.org_id = r.org_id AND g.id = r.program_id AND g.deleted_at IS NULL WHERE r.org_id = $1 AND r.id = $2 AND r.deleted_at IS NULL`,
      [actor.orgId, current.resultId],
    );
    if (!rows.length) throw new AppError(409, 'result_parent_deleted');
  }
  if (!deleted) await codeTaken(tx, actor.orgId, current.programId, current.code, id);
  await tx.query(`UPDATE indicators SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'indicator', entityId: id });
  return getIndicator(tx, actor.orgId, id, true);
}
