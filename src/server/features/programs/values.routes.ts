import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { daysBetween } from '../../../domain/recurrence.ts';
import { IsoDate } from '../../../domain/contracts/common.ts';
import { orgToday } from '../../platform/org.service.ts';
import type { App } from '../../app.ts';
import { Dashboard, Evidence, OrgDashboard, OrgReach, Series, IndicatorSeries, IndicatorValue, IndicatorValues, PendingByProgram, PendingValues, StatusRule, ValueCreate, ValueReview, ValueUpdate, ValuesQuery } from '../../../domain/contracts/values.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { FileNameQuery, acceptFiles, sendStoredFile, sendXlsx, uploadOf } from '../../platform/files.ts';
import { computeUpdates, orgReach } from './computed.service.ts';
import { listIndicators } from './indicators.service.ts';
import { getProgram } from './programs.service.ts';
import {
  addEvidence,
  createValue,
  deleteEvidence,
  getEvidence,
  indicatorSeriesOf,
  listValues,
  monitoringSettings,
  orgContext,
  pendingByProgram,
  pendingValues,
  programDashboard,
  reviewValue,
  setMonitoringSettings,
  setValueDeleted,
  updateValue,
} from './values.service.ts';

const Params = z.object({ id: z.uuid() });
const MonitoringSettings = z.object({ ageBands: z.array(z.object({ min: z.number().int().min(0).max(150), max: z.number().int().min(0).max(150).nullable() }).strict()).min(1).max(20), rule: StatusRule }).strict();

const SHEET_WORDS = {
  id: { sheet: 'Dasbor', head: ['Kode', 'Indikator', 'Satuan', 'Awal periode', 'Akhir periode', 'Pemilahan', 'Kategori', 'Nilai periode', 'Nilai s.d. periode', 'Target periode', 'Target s.d. periode', 'Status'], total: 'Total' },
  en: { sheet: 'Dashboard', head: ['Code', 'Indicator', 'Unit', 'Period start', 'Period end', 'Breakdown', 'Category', 'Period value', 'Value to date', 'Period target', 'Target to date', 'Status'], total: 'Total' },
};
const STATUS_WORDS = {
  id: { on_track: 'Sesuai jalur', at_risk: 'Berisiko', off_track: 'Tertinggal', no_data: 'Belum ada data', no_target: 'Tanpa target' },
  en: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', no_data: 'No data', no_target: 'No target' },
};
const DIMENSION_WORDS: Record<string, { id: string; en: string }> = { sex: { id: 'Jenis kelamin', en: 'Sex' }, age: { id: 'Umur', en: 'Age' }, disability: { id: 'Disabilitas', en: 'Disability' }, area: { id: 'Wilayah', en: 'Area' } };
const REACH_MAX_DAYS = 3660;
const REACH_WORDS = { id: 'Orang yang terjangkau kegiatan', en: 'People reached by activities' };
const ReachQuery = z.object({
  frequency: z.enum(['month', 'quarter', 'year']).default('quarter'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  programIds: z.string().max(4000).regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,99}$/i).optional(),
});
const CATEGORY_WORDS: Record<string, { id: string; en: string }> = { female: { id: 'Perempuan', en: 'Female' }, male: { id: 'Laki-laki', en: 'Male' }, with: { id: 'Dengan disabilitas', en: 'With disability' }, without: { id: 'Tanpa disabilitas', en: 'Without disability' } };

export async function valuesRoutes(app: App) {
  const { db } = app.services;
  const deps = app.services;

  // Evidence arrives as the raw body (a photo, a PDF), at most 10 MB.
  acceptFiles(app);

  app.get('/api/indicators/:id/values', { schema: { tags: ['results data'], summary: "An indicator's reported values, the latest first", params: Params, querystring: ValuesQuery, response: { 200: IndicatorValues } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => listValues(tx, actor.orgId, req.params.id, req.query.status));
  });

  app.post('/api/indicators/:id/values', { schema: { tags: ['results data'], summary: 'Report a value (with its breakdown); it waits for review', params: Params, body: ValueCreate, response: { 201: IndicatorValue } } }, async (req, reply) => {
    const actor = requireOrg(req, 'results.enter');
    const created = await withTenant(db, actor.orgId, (tx) => createValue(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.patch('/api/values/:id', { schema: { tags: ['results data'], summary: 'Correct a value (versioned); it goes back to review', params: Params, body: ValueUpdate, response: { 200: IndicatorValue } } }, async (req) => {
    const actor = requireOrg(req, 'results.enter');
    return withTenant(db, actor.orgId, (tx) => updateValue(tx, actor, req.params.id, req.body));
  });

  app.post('/api/values/:id/review', { schema: { tags: ['results data'], summary: 'Approve a value, or return it with a reason', params: Params, body: ValueReview, response: { 200: IndicatorValue } } }, async (req) => {
    const actor = requireOrg(req, 'results.review');
    return withTenant(db, actor.orgId, (tx) => reviewValue(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/values/:id', { schema: { tags: ['results data'], summary: 'Delete a value (restorable)', params: Params, response: { 200: IndicatorValue } } }, async (req) => {
    const actor = requireOrg(req, 'results.enter');
    return withTenant(db, actor.orgId, (tx) => setValueDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/values/:id/restore', { schema: { tags: ['results data'], summary: 'Undo a value delete', params: Params, response: { 200: IndicatorValue } } }, async (req) => {
    const actor = requireOrg(req, 'results.enter');
    return withTenant(db, actor.orgId, (tx) => setValueDeleted(tx, actor, req.params.id, false));
  });

  app.post(
    '/api/values/:id/evidence',
    {
      schema: {
        tags: ['results data'],
        summary: 'Attach evidence to a value (raw body: JPEG, PNG, WebP, PDF, CSV, XLSX or DOCX, at most 10 MB)',
        params: Params,
        querystring: FileNameQuery,
        response: { 201: Evidence },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'results.enter');
      const file = uploadOf(req);
      const created = await withTenant(db, actor.orgId, (tx) => addEvidence(tx, actor, req.params.id, { fileName: req.query.fileName, ...file }));
      reply.status(201);
      return created;
    },
  );

  app.get('/api/evidence/:id', { schema: { tags: ['results data'], summary: 'Download an evidence file', params: Params } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.read');
    const file = await withTenant(db, actor.orgId, (tx) => getEvidence(tx, actor.orgId, req.params.id));
    return sendStoredFile(reply, file);
  });

  app.delete('/api/evidence/:id', { schema: { tags: ['results data'], summary: 'Remove an evidence file', params: Params, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'results.enter');
    await withTenant(db, actor.orgId, (tx) => deleteEvidence(tx, actor, req.params.id));
    reply.status(204);
    return null;
  });

  app.get('/api/values/pending', { schema: { tags: ['results data'], summary: 'Values waiting for review across the organisation, counted per program (oldest first)', response: { 200: PendingByProgram } } }, async (req) => {
    const actor = requireOrg(req, 'results.review');
    return withTenant(db, actor.orgId, (tx) => pendingByProgram(tx, actor.orgId));
  });

  app.get('/api/programs/:id/values/pending', { schema: { tags: ['results data'], summary: "A program's values waiting for review, oldest first", params: Params, response: { 200: PendingValues } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => pendingValues(tx, actor.orgId, req.params.id));
  });

  app.get('/api/indicators/:id/series', { schema: { tags: ['results data'], summary: 'Per-period and to-date values and targets, by breakdown, with the traffic light', params: Params, response: { 200: IndicatorSeries } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => indicatorSeriesOf(tx, actor.orgId, req.params.id, computeUpdates));
  });

  app.get('/api/programs/:id/dashboard', { schema: { tags: ['results data'], summary: "A program's dashboard: every indicator's series and traffic light", params: Params, response: { 200: Dashboard } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, async (tx) => programDashboard(tx, actor.orgId, req.params.id, (await listIndicators(tx, actor.orgId, req.params.id)).items, computeUpdates));
  });

  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['results data'],
        summary: "Across the organisation: each live program's indicators by traffic light and its headline indicator (the first by code that has a target)",
        querystring: z.object({ programIds: z.string().max(4000).regex(/^[0-9a-f-]+(,[0-9a-f-]+)*$/i).optional() }),
        response: { 200: OrgDashboard },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'programs.read');
      const only = req.query.programIds?.split(',').slice(0, 100) ?? null;
      return withTenant(db, actor.orgId, async (tx) => {
        const { rows } = await tx.query<{ id: string; name: string; status: string }>(
          `SELECT id, name, status FROM programs WHERE org_id = $1 AND deleted_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY status = 'closed', lower(name) LIMIT 200`,
          [actor.orgId, only],
        );
        const org = await orgContext(tx, actor.orgId);
        const counts = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0, no_target: 0 };
        const programs: z.infer<typeof OrgDashboard>['programs'] = [];
        for (const { id, name, status } of rows) {
          const d = await programDashboard(tx, actor.orgId, id, (await listIndicators(tx, actor.orgId, id)).items, computeUpdates, org);
          for (const [k, n] of Object.entries(d.counts)) counts[k as keyof typeof counts] += n;
          const h = d.indicators.find((i) => i.series.status !== 'no_target');
          programs.push({ id, name, status, counts: d.counts, headline: h ? { id: h.id, code: h.code, name: h.name, type: h.type, status: h.series.status, progress: h.series.progress, actualToDate: h.series.actualToDate, targetToDate: h.series.targetToDate } : null });
        }
        return { today: org.today, rule: org.settings.rule, counts, programs };
      });
    },
  );

  app.get('/api/programs/:id/dashboard.xlsx', { schema: { tags: ['results data'], summary: "The dashboard's data as XLSX: a row per indicator, period and breakdown category", params: Params, querystring: z.object({ lang: z.enum(['id', 'en']).optional() }) } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.read');
    const locale = req.query.lang ?? localeOf(req);
    const { program, dashboard } = await withTenant(db, actor.orgId, async (tx) => {
      const program = await getProgram(tx, deps, actor.orgId, req.params.id);
      return { program, dashboard: await programDashboard(tx, actor.orgId, req.params.id, (await listIndicators(tx, actor.orgId, req.params.id)).items, computeUpdates) };
    });
    const safeName = program.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'program';
    return sendSeriesXlsx(reply, locale, `${safeName} - ${SHEET_WORDS[locale].sheet} ${dashboard.today}`, dashboard.indicators);
  });

  /** Series as a sheet: a row per item, period and breakdown category (areas by name), in the caller's language. */
  function sendSeriesXlsx(reply: FastifyReply, locale: 'id' | 'en', fileName: string, items: { code: string; name: string; unit: string | null; series: Series }[]) {
    const w = SHEET_WORDS[locale];
    const category = (dim: string, cat: string) => (dim === 'area' ? `${deps.areas.get(cat)?.name ?? cat} (${cat})` : (CATEGORY_WORDS[cat]?.[locale] ?? cat));
    function* rows(): Generator<unknown[]> {
      yield w.head;
      for (const ind of items)
        for (const p of ind.series.periods) {
          const base = [ind.code, ind.name, ind.unit ?? ''];
          yield [...base, p.start, p.end, w.total, '', p.figure.value, p.toDate, p.target, p.targetToDate, STATUS_WORDS[locale][ind.series.status]];
          for (const [dim, cats] of Object.entries(p.parts))
            for (const [cat, f] of Object.entries(cats)) yield [...base, p.start, p.end, DIMENSION_WORDS[dim]?.[locale] ?? dim, category(dim, cat), f.value, f.toDate, null, null, ''];
        }
    }
    return sendXlsx(reply, { ascii: 'dashboard.xlsx', unicode: `${fileName}.xlsx` }, rows(), { sheetName: w.sheet });
  }

  // ---- across the organisation: the people its activities reached ----

  const reachQuery = async (req: FastifyRequest, q: z.infer<typeof ReachQuery>) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, async (tx) => {
      const today = await orgToday(tx, actor.orgId);
      const from = q.from ?? `${Number(today.slice(0, 4)) - 1}-01-01`;
      const to = q.to ?? today;
      const fields: Record<string, FieldProblem> = {};
      // ten years at most: 120 months
      if (to < from) fields.to = { code: 'end_before_start' };
      else if (daysBetween(from, to) > REACH_MAX_DAYS) fields.from = { code: 'range_too_long', params: { max: REACH_MAX_DAYS } };
      if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
      const reach = await orgReach(tx, actor.orgId, { frequency: q.frequency, from, to, programIds: q.programIds?.split(',') ?? null });
      const codes = new Set(reach.series.periods.flatMap((p) => Object.keys(p.parts.area ?? {})));
      return { ...reach, areaNames: Object.fromEntries([...codes].map((c) => [c, deps.areas.get(c)?.name ?? c])) };
    });
  };
  app.get(
    '/api/dashboard/reach',
    { schema: { tags: ['results data'], summary: "Across the organisation: distinct people its activities reached, new per period and to date, by sex, age band, disability and regency", querystring: ReachQuery, response: { 200: OrgReach } } },
    (req) => reachQuery(req, req.query),
  );
  app.get('/api/dashboard/reach.xlsx', { schema: { tags: ['results data'], summary: 'The people reached across the organisation as XLSX', querystring: ReachQuery.extend({ lang: z.enum(['id', 'en']).optional() }) } }, async (req, reply) => {
    const locale = req.query.lang ?? localeOf(req);
    const reach = await reachQuery(req, req.query);
    return sendSeriesXlsx(reply, locale, `${REACH_WORDS[locale]} ${reach.from} - ${reach.to}`, [{ code: '', name: REACH_WORDS[locale], unit: null, series: reach.series }]);
  });

  app.get('/api/monitoring/settings', { schema: { tags: ['results data'], summary: 'Age bands for breakdowns and the traffic-light rule of this organisation', response: { 200: MonitoringSettings } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => monitoringSettings(tx, actor.orgId));
  });

  app.put('/api/monitoring/settings', { schema: { tags: ['results data'], summary: 'Change the age bands and the traffic-light rule', body: MonitoringSettings, response: { 200: MonitoringSettings } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    return withTenant(db, actor.orgId, (tx) => setMonitoringSettings(tx, actor, req.body));
  });
}
