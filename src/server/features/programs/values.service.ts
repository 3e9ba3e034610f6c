import type { z } from 'zod';
import type { Dashboard, Evidence, IndicatorValue, PendingByProgram, PendingValues, ValueCreate, ValueReview, ValueUpdate } from '../../../domain/contracts/values.ts';
import { DEFAULT_RULE, DISABILITY_CATEGORIES, type Parts, type StatusRule, type ValueUpdate as SeriesUpdate, checkValue, indicatorSeries } from '../../../domain/indicators.ts';
import { AGE_BANDS, SEXES } from '../../../domain/people.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { FILE_EXTENSIONS, checkUpload, cleanFileName } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { can } from '../../../domain/roles.ts';
import { getIndicator } from './indicators.service.ts';

type Row = Record<string, any>;
type Indicator = Awaited<ReturnType<typeof getIndicator>>;

/** Evidence files: photos, scans and documents a reviewer can open in the browser (platform/files.ts). */
export const EVIDENCE_TYPES = Object.keys(FILE_EXTENSIONS);
const EVIDENCE_PER_VALUE = 10;

const num = (v: unknown) => (v == null ? null : Number(v));
const COLUMNS = `v.id, v.indicator_id, v.program_id, v.value_date::text, v.value::float8 AS value, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator, v.parts, v.parts_note, v.comment,
  v.status, v.review_reason, v.reviewed_by, v.reviewed_at, v.entered_by, v.version, v.created_at, v.updated_at,
  (SELECT u.name FROM users u WHERE u.id = v.reviewed_by) AS reviewed_by_name, (SELECT u.name FROM users u WHERE u.id = v.entered_by) AS entered_by_name,
  coalesce((SELECT json_agg(json_build_object('id', e.id, 'fileName', e.file_name, 'contentType', e.content_type, 'size', e.size, 'createdAt', e.created_at) ORDER BY e.created_at)
     FROM value_evidence e WHERE e.org_id = v.org_id AND e.value_id = v.id), '[]') AS evidence`;
// a value lives while its indicator does (and so its result and program)
const LIVE = `v.deleted_at IS NULL AND EXISTS (SELECT 1 FROM indicators i WHERE i.org_id = v.org_id AND i.id = v.indicator_id AND i.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = i.org_id AND g.id = i.program_id AND g.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM results r WHERE r.org_id = i.org_id AND r.id = i.result_id AND r.deleted_at IS NULL))`;

function toValue(r: Row): IndicatorValue {
  const json = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    programId: r.program_id,
    date: r.value_date,
    value: num(r.value),
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    parts: json(r.parts),
    partsNote: r.parts_note,
    comment: r.comment,
    status: r.status,
    reviewReason: r.review_reason,
    reviewedBy: r.reviewed_by ? { id: r.reviewed_by, name: r.reviewed_by_name } : null,
    reviewedAt: r.reviewed_at,
    enteredBy: r.entered_by ? { id: r.entered_by, name: r.entered_by_name } : null,
    evidence: json(r.evidence),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- monitoring settings: age bands for disaggregation, the traffic-light rule ----

export type AgeBand = { min: number; max: number | null };
export type MonitoringSettings = { ageBands: AgeBand[]; rule: StatusRule };
export const DEFAULT_AGE_BANDS: AgeBand[] = AGE_BANDS.map((b) => ({ min: b.min, max: b.max >= 200 ? null : b.max }));
export const ageBandKey = (b: AgeBand) => (b.max == null ? `${b.min}+` : `${b.min}-${b.max}`);

export async function monitoringSettings(tx: Queryable, orgId: string): Promise<MonitoringSettings> {
  const { rows } = await tx.query<{ settings: { monitoring?: Partial<MonitoringSettings> } }>('SELECT settings FROM organizations WHERE id = $1', [orgId]);
  const m = rows[0]?.settings?.monitoring ?? {};
  return { ageBands: m.ageBands?.length ? m.ageBands : DEFAULT_AGE_BANDS, rule: { ...DEFAULT_RULE, ...(m.rule ?? {}) } };
}

export async function setMonitoringSettings(tx: Queryable, actor: Actor, next: MonitoringSettings) {
  const before = await monitoringSettings(tx, actor.orgId);
  const fields: Record<string, FieldProblem> = {};
  const bands = [...next.ageBands].sort((a, b) => a.min - b.min);
  bands.forEach((b, i) => {
    if (b.max != null && b.max < b.min) fields[`ageBands.${i}`] = { code: 'invalid' };
    else if (i > 0 && (bands[i - 1].max == null || bands[i - 1].max! >= b.min)) fields[`ageBands.${i}`] = { code: 'age_band_overlap' };
  });
  if (next.rule.atRisk > next.rule.onTrack) fields['rule.atRisk'] = { code: 'rule_order' };
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  const value = { ageBands: bands, rule: next.rule };
  await tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{monitoring}', $2::jsonb), updated_at = now() WHERE id = $1`, [actor.orgId, JSON.stringify(value)]);
  await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { monitoring: before }, after: { monitoring: value } });
  return value;
}

/** The categories a dimension's parts may use: sex from the registry, age from the organisation's bands, area from the program's areas (and anything under them). */
function categoriesFor(settings: MonitoringSettings, programAreas: string[]) {
  return (dimension: string): readonly string[] | null => {
    if (dimension === 'sex') return SEXES;
    if (dimension === 'age') return settings.ageBands.map(ageBandKey);
    if (dimension === 'disability') return DISABILITY_CATEGORIES;
    return null; // area: checked below against the program's areas
  };
}

async function checkInput(tx: Queryable, orgId: string, ind: Indicator, v: z.output<typeof ValueCreate>) {
  if (ind.computed) throw new AppError(409, 'indicator_computed');
  const settings = await monitoringSettings(tx, orgId);
  const { rows } = await tx.query<{ target_areas: string[] }>('SELECT target_areas FROM programs WHERE org_id = $1 AND id = $2', [orgId, ind.programId]);
  const areas = rows[0]?.target_areas ?? [];
  const problems: Record<string, FieldProblem> = Object.fromEntries(Object.entries(checkValue(ind, v, categoriesFor(settings, areas))).map(([k, code]) => [k, { code }]));
  // an area part is one of the program's areas or lies inside one (a village of a target district)
  for (const code of Object.keys(v.parts.area ?? {}))
    if (!/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code) || (areas.length && !areas.some((a) => code === a || code.startsWith(`${a}.`)))) problems[`parts.area.${code}`] ??= { code: 'parts_category' };
  if (Object.keys(problems).length) throw new AppError(400, 'validation_failed', {}, problems);
}

/** Parts as stored: empty dimensions dropped, so "nothing broken down" is {} everywhere. */
const cleanParts = (parts: Parts) => Object.fromEntries(Object.entries(parts).filter(([, cats]) => Object.keys(cats).length));

export async function getValue(tx: Queryable, orgId: string, id: string) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM indicator_values v WHERE v.org_id = $1 AND v.id = $2 AND ${LIVE}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toValue(rows[0]);
}

/** An indicator's values, the latest date first. */
export async function listValues(tx: Queryable, orgId: string, indicatorId: string, status?: string) {
  await getIndicator(tx, orgId, indicatorId);
  const { rows } = await tx.query(
    `SELECT ${COLUMNS} FROM indicator_values v WHERE v.org_id = $1 AND v.indicator_id = $2 AND v.deleted_at IS NULL AND ($3::text IS NULL OR v.status = $3)
      ORDER BY v.value_date DESC, v.created_at DESC LIMIT 2000`,
    [orgId, indicatorId, status ?? null],
  );
  return { items: rows.map(toValue) };
}

/** A program's values waiting for review, oldest first (the queue a reviewer works through). */
export async function pendingValues(tx: Queryable, orgId: string, programId: string): Promise<z.infer<typeof PendingValues>> {
  const { rows: program } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, programId]);
  if (!program.length) throw notFound();
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS}, i.code AS indicator_code, i.name AS indicator_name, i.type AS indicator_type, i.unit AS indicator_unit
       FROM indicator_values v JOIN indicators i ON i.org_id = v.org_id AND i.id = v.indicator_id
      WHERE v.org_id = $1 AND v.program_id = $2 AND v.status = 'submitted' AND ${LIVE} ORDER BY v.created_at LIMIT 500`,
    [orgId, programId],
  );
  return { items: rows.map((r) => ({ ...toValue(r), indicatorCode: r.indicator_code, indicatorName: r.indicator_name, indicatorType: r.indicator_type, unit: r.indicator_unit })) };
}

/** Values waiting for review across the organisation, counted per program (live programs and indicators only). */
export async function pendingByProgram(tx: Queryable, orgId: string): Promise<PendingByProgram> {
  const { rows } = await tx.query<{ program_id: string; program_name: string; count: number }>(
    `SELECT p.id AS program_id, p.name AS program_name, count(*)::int AS count
       FROM indicator_values v JOIN programs p ON p.org_id = v.org_id AND p.id = v.program_id AND p.deleted_at IS NULL
      WHERE v.org_id = $1 AND v.status = 'submitted' AND ${LIVE}
      GROUP BY p.id, p.name ORDER BY min(v.created_at) LIMIT 200`,
    [orgId],
  );
  return { items: rows.map((r) => ({ programId: r.program_id, programName: r.program_name, count: Number(r.count) })) };
}

const auditView = (v: IndicatorValue) => ({ date: v.date, value: v.value, numerator: v.numerator, denominator: v.denominator, parts: v.parts, partsNote: v.partsNote, comment: v.comment, status: v.status, reviewReason: v.reviewReason });

export async function createValue(tx: Queryable, actor: Actor, indicatorId: string, input: z.output<typeof ValueCreate>) {
  const ind = await getIndicator(tx, actor.orgId, indicatorId);
  await checkInput(tx, actor.orgId, ind, input);
  const id = uuidv7();
  const pct = ind.type === 'percentage' && input.numerator != null;
  await tx.query(
    `INSERT INTO indicator_values (org_id, id, indicator_id, program_id, value_date, value, numerator, denominator, parts, parts_note, comment, entered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [actor.orgId, id, indicatorId, ind.programId, input.date, pct ? null : input.value, pct ? input.numerator : null, pct ? input.denominator : null, JSON.stringify(cleanParts(input.parts)), input.partsNote ?? null, input.comment ?? null, actor.userId],
  );
  const created = await getValue(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'indicator_value', entityId: id, after: { indicatorId, ...auditView(created) } });
  return created;
}

/** Who may change a value: its author until it is approved; a reviewer always (an approved value changed goes back to review). */
function mayEdit(actor: Actor, v: IndicatorValue) {
  if (can(actor.role, 'results.review')) return true;
  return v.enteredBy?.id === actor.userId && v.status !== 'approved';
}

export async function updateValue(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ValueUpdate>) {
  const before = await getValue(tx, actor.orgId, id);
  if (!mayEdit(actor, before)) throw forbidden();
  if (before.version !== input.version) throw conflict();
  const ind = await getIndicator(tx, actor.orgId, before.indicatorId);
  const pick = <K extends keyof typeof input>(k: K, fallback: unknown) => (input[k] !== undefined ? input[k] : fallback);
  const next = {
    date: pick('date', before.date) as string,
    value: pick('value', before.value) as number | null,
    numerator: pick('numerator', before.numerator) as number | null,
    denominator: pick('denominator', before.denominator) as number | null,
    parts: (pick('parts', before.parts) ?? {}) as Parts,
    partsNote: pick('partsNote', before.partsNote) as string | null,
    comment: pick('comment', before.comment) as string | null,
  };
  // a percentage given as a plain value replaces its parts, and parts replace a plain value
  if (ind.type === 'percentage' && input.value != null && input.numerator === undefined && input.denominator === undefined) Object.assign(next, { numerator: null, denominator: null });
  await checkInput(tx, actor.orgId, ind, next);
  const pct = ind.type === 'percentage' && next.numerator != null;
  // any change sends it (back) to review
  const { rows } = await tx.query(
    `UPDATE indicator_values SET value_date = $4, value = $5, numerator = $6, denominator = $7, parts = $8, parts_note = $9, comment = $10,
        status = 'submitted', review_reason = NULL, reviewed_by = NULL, reviewed_at = NULL, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, input.version, next.date, pct ? null : next.value, pct ? next.numerator : null, pct ? next.denominator : null, JSON.stringify(cleanParts(next.parts)), next.partsNote, next.comment],
  );
  if (!rows.length) throw conflict();
  const after = await getValue(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'indicator_value', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function reviewValue(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ValueReview>) {
  const before = await getValue(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  if (before.status !== 'submitted') throw new AppError(409, 'value_not_submitted');
  if (input.decision === 'return' && !input.reason) throw new AppError(400, 'validation_failed', {}, { reason: { code: 'reason_required' } });
  const status = input.decision === 'approve' ? 'approved' : 'returned';
  const { rows } = await tx.query(
    `UPDATE indicator_values SET status = $4, review_reason = $5, reviewed_by = $6, reviewed_at = now(), version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, input.version, status, input.decision === 'return' ? input.reason : (input.reason ?? null), actor.userId],
  );
  if (!rows.length) throw conflict();
  const after = await getValue(tx, actor.orgId, id);
  await audit(tx, actor, { action: input.decision, entityType: 'indicator_value', entityId: id, before: { status: before.status }, after: { status, reviewReason: after.reviewReason } });
  return after;
}

export async function setValueDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM indicator_values v WHERE v.org_id = $1 AND v.id = $2 AND v.deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'}`, [actor.orgId, id]);
  if (!rows[0]) throw notFound();
  const current = toValue(rows[0]);
  if (!mayEdit(actor, current)) throw forbidden();
  await tx.query(`UPDATE indicator_values SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'indicator_value', entityId: id });
  if (!deleted) return getValue(tx, actor.orgId, id);
  return { ...current, version: current.version + 1 };
}

// ---- evidence ----

export async function addEvidence(tx: Queryable, actor: Actor, valueId: string, file: { fileName: string; contentType: string; content: Buffer }): Promise<Evidence> {
  const value = await getValue(tx, actor.orgId, valueId);
  if (!mayEdit(actor, value)) throw forbidden();
  if (value.evidence.length >= EVIDENCE_PER_VALUE) throw new AppError(400, 'too_many_files');
  checkUpload(file, EVIDENCE_TYPES);
  const id = uuidv7();
  const { rows } = await tx.query(
    `INSERT INTO value_evidence (org_id, id, value_id, file_name, content_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING id, file_name AS "fileName", content_type AS "contentType", size, created_at AS "createdAt"`,
    [actor.orgId, id, valueId, cleanFileName(file.fileName, file.contentType), file.contentType, file.content.length, file.content, actor.userId],
  );
  await audit(tx, actor, { action: 'create', entityType: 'value_evidence', entityId: id, after: { valueId, fileName: rows[0].fileName, contentType: file.contentType, size: file.content.length } });
  return rows[0] as Evidence;
}

/** An evidence file, only while its value is live. */
export async function getEvidence(tx: Queryable, orgId: string, id: string) {
  const { rows } = await tx.query<{ value_id: string; file_name: string; content_type: string; content: Uint8Array }>(
    `SELECT e.value_id, e.file_name, e.content_type, e.content FROM value_evidence e JOIN indicator_values v ON v.org_id = e.org_id AND v.id = e.value_id
      WHERE e.org_id = $1 AND e.id = $2 AND ${LIVE}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function deleteEvidence(tx: Queryable, actor: Actor, id: string) {
  const file = await getEvidence(tx, actor.orgId, id);
  const value = await getValue(tx, actor.orgId, file.value_id);
  if (!mayEdit(actor, value)) throw forbidden();
  await tx.query('DELETE FROM value_evidence WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  await audit(tx, actor, { action: 'delete', entityType: 'value_evidence', entityId: id, before: { valueId: file.value_id, fileName: file.file_name } });
}

// ---- series and dashboards ----

type SeriesContext = { today: string; settings: MonitoringSettings; span: { start: string | null; end: string | null } };

/** The organisation's today and monitoring settings: read once for a request however many programs it shows. */
export type OrgContext = Pick<SeriesContext, 'today' | 'settings'>;
export async function orgContext(tx: Queryable, orgId: string): Promise<OrgContext> {
  // one connection per transaction: one query at a time
  const today = await orgToday(tx, orgId);
  return { today, settings: await monitoringSettings(tx, orgId) };
}

async function seriesContext(tx: Queryable, orgId: string, programId: string, org?: OrgContext): Promise<SeriesContext> {
  const { today, settings } = org ?? (await orgContext(tx, orgId));
  const { rows } = await tx.query<{ start: string | null; end: string | null }>('SELECT start_date::text AS start, end_date::text AS "end" FROM programs WHERE org_id = $1 AND id = $2', [orgId, programId]);
  return { today, settings, span: rows[0] ?? { start: null, end: null } };
}

/** Approved values of some indicators, as updates for the maths; and how many wait for review. */
async function approvedUpdates(tx: Queryable, orgId: string, indicatorIds: string[]) {
  const { rows } = await tx.query<{ indicator_id: string; value_date: string; value: number | null; numerator: number | null; denominator: number | null; parts: unknown; status: string }>(
    `SELECT v.indicator_id, v.value_date::text, v.value::float8 AS value, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator, v.parts, v.status
       FROM indicator_values v WHERE v.org_id = $1 AND v.indicator_id = ANY($2::uuid[]) AND v.deleted_at IS NULL AND v.status IN ('approved', 'submitted')
      ORDER BY v.created_at`,
    [orgId, indicatorIds],
  );
  const updates = new Map<string, SeriesUpdate[]>();
  const pending = new Map<string, number>();
  rows.forEach((r, order) => {
    if (r.status === 'submitted') return void pending.set(r.indicator_id, (pending.get(r.indicator_id) ?? 0) + 1);
    const list = updates.get(r.indicator_id) ?? updates.set(r.indicator_id, []).get(r.indicator_id)!;
    list.push({ date: r.value_date, value: r.value, numerator: r.numerator, denominator: r.denominator, parts: (typeof r.parts === 'string' ? JSON.parse(r.parts) : r.parts) as Parts, order });
  });
  return { updates, pending };
}

export type ComputeUpdates = (tx: Queryable, orgId: string, ind: Indicator, ctx: SeriesContext) => Promise<SeriesUpdate[]>;

function seriesOf(ind: Indicator, updates: SeriesUpdate[], pending: number, ctx: SeriesContext) {
  return { ...indicatorSeries(ind, updates, ctx.today, ctx.span, ctx.settings.rule), pending };
}

export async function indicatorSeriesOf(tx: Queryable, orgId: string, indicatorId: string, compute: ComputeUpdates) {
  const ind = await getIndicator(tx, orgId, indicatorId);
  const ctx = await seriesContext(tx, orgId, ind.programId);
  const { updates, pending } = ind.computed ? { updates: new Map([[ind.id, await compute(tx, orgId, ind, ctx)]]), pending: new Map() } : await approvedUpdates(tx, orgId, [ind.id]);
  return { indicatorId: ind.id, rule: ctx.settings.rule, today: ctx.today, series: seriesOf(ind, updates.get(ind.id) ?? [], pending.get(ind.id) ?? 0, ctx) };
}

/** A program's dashboard: every indicator's series and traffic light, and how many are in each state. */
export async function programDashboard(tx: Queryable, orgId: string, programId: string, indicators: Indicator[], compute: ComputeUpdates, org?: OrgContext): Promise<Dashboard> {
  const ctx = await seriesContext(tx, orgId, programId, org);
  const { updates, pending } = await approvedUpdates(tx, orgId, indicators.filter((i) => !i.computed).map((i) => i.id));
  const items: Dashboard['indicators'] = [];
  for (const ind of indicators) {
    const ups = ind.computed ? await compute(tx, orgId, ind, ctx) : (updates.get(ind.id) ?? []);
    items.push({ id: ind.id, resultId: ind.resultId, code: ind.code, name: ind.name, unit: ind.unit, type: ind.type, direction: ind.direction, baselineValue: ind.baselineValue, computed: ind.computed, series: seriesOf(ind, ups, pending.get(ind.id) ?? 0, ctx) });
  }
  const counts = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0, no_target: 0 };
  for (const i of items) counts[i.series.status]++;
  return { programId, today: ctx.today, rule: ctx.settings.rule, counts, indicators: items };
}
