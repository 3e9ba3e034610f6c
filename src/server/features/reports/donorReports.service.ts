import type { z } from 'zod';
import { type DonorReport, type DonorReportContent, type DonorReportCreate, type DonorReportUpdate, type DonorReportsQuery, NARRATIVE_SECTIONS } from '../../../domain/contracts/donorReports.ts';
import { minorFromDb } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { setRowDeleted } from '../../platform/rows.ts';
import { CursorShapes, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { grantBudget } from '../finance/grantBudget.service.ts';
import { computeUpdates } from '../programs/computed.service.ts';
import { listIndicators } from '../programs/indicators.service.ts';
import { monitoringSettings, programDashboard } from '../programs/values.service.ts';

/**
 * Donor progress reports (issue 6, point 8). A report stores only what people write: its title,
 * period and narrative. Its figures — the grant's programs' indicators, the activities held and
 * who came, the grant's budget against spending — are read from the data each time it is shown
 * or exported, as of the period's end, so the document and the system never disagree.
 */

type Row = Record<string, any>;
const ENTITY = 'donor_report';
/** A report covers at most ten years: the period is a grant's reporting period, not its history. */
const MAX_PERIOD_DAYS = 3660;

const COLUMNS = `r.id, r.grant_id, r.title, r.period_start::text AS period_start, r.period_end::text AS period_end, r.narrative, r.status, r.version, r.created_at, r.updated_at, r.deleted_at,
  gr.title AS grant_title, f.name AS funder_name`;
const FROM = `donor_reports r JOIN grants gr ON gr.org_id = r.org_id AND gr.id = r.grant_id JOIN funders f ON f.org_id = gr.org_id AND f.id = gr.funder_id`;

function toReport(r: Row): DonorReport {
  const narrative = (typeof r.narrative === 'string' ? JSON.parse(r.narrative) : r.narrative) as Record<string, string>;
  return {
    id: r.id,
    grantId: r.grant_id,
    grantTitle: r.grant_title,
    funderName: r.funder_name,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    narrative: Object.fromEntries(NARRATIVE_SECTIONS.map((k) => [k, narrative[k] ?? ''])) as DonorReport['narrative'],
    status: r.status,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

const auditView = (r: DonorReport) => ({ title: r.title, periodStart: r.periodStart, periodEnd: r.periodEnd, status: r.status, ...r.narrative });

export async function getDonorReport(tx: Queryable, orgId: string, id: string, includeDeleted = false): Promise<DonorReport> {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.org_id = $1 AND r.id = $2 ${includeDeleted ? '' : 'AND r.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toReport(rows[0]);
}

export async function listDonorReports(tx: Queryable, orgId: string, q: z.output<typeof DonorReportsQuery>) {
  const params: unknown[] = [orgId];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = ['r.org_id = $1', q.deleted === 'true' ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'];
  if (q.grantId) where.push(`r.grant_id = ${p(q.grantId)}`);
  if (q.q) where.push(`(r.title ILIKE ${p(`%${q.q.replace(/[\\%_]/g, '\\$&')}%`)} OR gr.title ILIKE $${params.length} OR f.name ILIKE $${params.length})`);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) where.push(`(r.period_end, r.id) < (${p(cursor[0])}::date, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY r.period_end DESC, r.id DESC LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit).map(toReport);
  return { items: page, nextCursor: more ? encodeCursor([page[page.length - 1].periodEnd, page[page.length - 1].id]) : null };
}

/** The grant, live and of this organisation; a field error on grantId otherwise. */
async function grantOf(tx: Queryable, orgId: string, grantId: string) {
  const { rows } = await tx.query<Row>(
    `SELECT gr.id, gr.title, gr.reference, gr.amount::text AS amount, gr.currency, gr.start_date::text AS start_date, gr.end_date::text AS end_date, gr.restricted, f.name AS funder
       FROM grants gr JOIN funders f ON f.org_id = gr.org_id AND f.id = gr.funder_id WHERE gr.org_id = $1 AND gr.id = $2 AND gr.deleted_at IS NULL`,
    [orgId, grantId],
  );
  if (!rows[0]) failOn({ grantId: { code: 'not_found' } });
  return rows[0];
}

function checkPeriod(start: string, end: string) {
  if (end < start) failOn({ periodEnd: { code: 'ends_before_starts' } });
  if ((Date.parse(end) - Date.parse(start)) / 86_400_000 > MAX_PERIOD_DAYS) failOn({ periodEnd: { code: 'range_too_long', params: { max: MAX_PERIOD_DAYS } } });
}

export async function createDonorReport(tx: Queryable, actor: Actor, input: z.output<typeof DonorReportCreate>) {
  await grantOf(tx, actor.orgId, input.grantId);
  checkPeriod(input.periodStart, input.periodEnd);
  const id = uuidv7();
  await tx.query(
    'INSERT INTO donor_reports (org_id, id, grant_id, title, period_start, period_end, narrative, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [actor.orgId, id, input.grantId, input.title, input.periodStart, input.periodEnd, JSON.stringify(input.narrative ?? {}), actor.userId || null],
  );
  const item = await getDonorReport(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: ENTITY, entityId: id, after: auditView(item) });
  return item;
}

export async function updateDonorReport(tx: Queryable, actor: Actor, id: string, input: z.output<typeof DonorReportUpdate>) {
  const before = await getDonorReport(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  const start = input.periodStart ?? before.periodStart;
  const end = input.periodEnd ?? before.periodEnd;
  checkPeriod(start, end);
  const narrative = { ...before.narrative, ...(input.narrative ?? {}) };
  const { rows } = await tx.query(
    `UPDATE donor_reports SET title = $4, period_start = $5, period_end = $6, narrative = $7, status = $8, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, id, input.version, input.title ?? before.title, start, end, JSON.stringify(narrative), input.status ?? before.status],
  );
  if (!rows.length) throw conflict();
  const after = await getDonorReport(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: ENTITY, entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

export async function setDonorReportDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'donor_reports', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: ENTITY, entityId: id });
  return getDonorReport(tx, actor.orgId, id, true);
}

// ---- what the document says ----

/** The activities of the grant's programs held in the period (cancelled ones left out), with who came. */
async function activitiesHeld(tx: Queryable, orgId: string, programIds: string[], start: string, end: string) {
  const { rows } = await tx.query<Row>(
    `SELECT a.id, to_char(a.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS date, a.title, a.type, a.status, g.name AS program,
            (SELECT count(*) FROM activity_registrations r WHERE r.org_id = a.org_id AND r.activity_id = a.id AND r.status = 'registered')::int AS registered,
            count(p.id)::int AS attended,
            count(p.id) FILTER (WHERE p.sex = 'female')::int AS female,
            count(p.id) FILTER (WHERE p.sex = 'male')::int AS male,
            count(p.id) FILTER (WHERE p.has_disability)::int AS with_disability
       FROM activities a JOIN organizations o ON o.id = a.org_id JOIN programs g ON g.org_id = a.org_id AND g.id = a.program_id
       LEFT JOIN attendance at ON at.org_id = a.org_id AND at.activity_id = a.id
       LEFT JOIN people p ON p.org_id = at.org_id AND p.id = at.person_id
      WHERE a.org_id = $1 AND a.program_id = ANY($2::uuid[]) AND a.deleted_at IS NULL AND a.status <> 'cancelled'
        AND (a.starts_at AT TIME ZONE o.time_zone)::date BETWEEN $3::date AND $4::date
      GROUP BY a.org_id, a.id, o.time_zone, g.name ORDER BY a.starts_at, a.id LIMIT 2000`,
    [orgId, programIds, start, end],
  );
  const { rows: reach } = await tx.query<{ total: number; female: number; male: number; with_disability: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.sex = 'female')::int AS female, count(*) FILTER (WHERE p.sex = 'male')::int AS male,
            count(*) FILTER (WHERE p.has_disability)::int AS with_disability
       FROM people p WHERE p.org_id = $1 AND p.id IN (
         SELECT at.person_id FROM attendance at JOIN activities a ON a.org_id = at.org_id AND a.id = at.activity_id JOIN organizations o ON o.id = a.org_id
          WHERE at.org_id = $1 AND a.program_id = ANY($2::uuid[]) AND a.deleted_at IS NULL AND a.status <> 'cancelled'
            AND (a.starts_at AT TIME ZONE o.time_zone)::date BETWEEN $3::date AND $4::date)`,
    [orgId, programIds, start, end],
  );
  return {
    activities: rows.map((r) => ({ id: r.id, date: r.date, title: r.title, type: r.type, program: r.program, status: r.status, registered: r.registered, attended: r.attended, female: r.female, male: r.male, withDisability: r.with_disability })),
    reached: { total: reach[0].total, female: reach[0].female, male: reach[0].male, withDisability: reach[0].with_disability },
  };
}

export async function donorReportContent(tx: Queryable, orgId: string, id: string): Promise<DonorReportContent> {
  const report = await getDonorReport(tx, orgId, id);
  const g = await grantOf(tx, orgId, report.grantId);
  const { rows: org } = await tx.query<{ name: string; has_logo: boolean }>('SELECT name, logo IS NOT NULL AS has_logo FROM organizations WHERE id = $1', [orgId]);
  const today = await orgToday(tx, orgId);
  const asOf = report.periodEnd < today ? report.periodEnd : today;
  const settings = await monitoringSettings(tx, orgId);
  const { rows: programs } = await tx.query<{ id: string; name: string }>(
    `SELECT g.id, g.name FROM grant_programs gp JOIN programs g ON g.org_id = gp.org_id AND g.id = gp.program_id
      WHERE gp.org_id = $1 AND gp.grant_id = $2 AND g.deleted_at IS NULL ORDER BY lower(g.name), g.id`,
    [orgId, report.grantId],
  );
  const out: DonorReportContent['programs'] = [];
  for (const p of programs) {
    // the traffic lights as they stood at the period's end
    const d = await programDashboard(tx, orgId, p.id, (await listIndicators(tx, orgId, p.id)).items, computeUpdates, { today: asOf, settings });
    out.push({
      id: p.id,
      name: p.name,
      indicators: d.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, type: i.type, baselineValue: i.baselineValue, computed: i.computed, series: { ...i.series, periods: i.series.periods.filter((x) => x.end >= report.periodStart && x.start <= report.periodEnd) } })),
    });
  }
  const held = await activitiesHeld(tx, orgId, programs.map((p) => p.id), report.periodStart, report.periodEnd);
  const amount = minorFromDb(g.amount);
  return {
    report,
    organization: { name: org[0].name, hasLogo: org[0].has_logo },
    grant: { id: g.id, title: g.title, reference: g.reference, funder: g.funder, amount, currency: g.currency, startDate: g.start_date, endDate: g.end_date, restricted: g.restricted },
    asOf,
    programs: out,
    ...held,
    budget: await grantBudget(tx, orgId, report.grantId, report.periodStart, report.periodEnd),
  };
}
