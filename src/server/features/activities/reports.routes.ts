import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ActivityFigures, ActivityReport, PhotoCaption, PhotoUpdate, ReportCreate, ReportPhoto, ReportUpdate } from '../../../domain/contracts/activityReports.ts';
import { audit } from '../../platform/audit.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_TYPES, UploadName, acceptRawFiles, contentTypeOf, sendDownload, sendStoredFile } from '../../platform/files.ts';
import { orgToday } from '../../platform/org.service.ts';
import { Slots } from '../../platform/ratelimit.ts';
import type { Services } from '../../platform/services.ts';
import type { Queryable } from '../../db/connect.ts';
import { activityTypes, getActivity } from './activities.service.ts';
import { activityFigures } from './participation.stats.ts';
import { reportContent, reportDocx, reportFileName, reportPdf } from './report.files.ts';
import { addPhoto, createReport, findReport, getPhotoFile, getReport, reportPhotoFiles, setPhotoDeleted, setReportDeleted, updatePhoto, updateReport } from './reports.service.ts';

const IdParams = z.object({ id: z.uuid() });
const CONTENT_TYPE = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

/**
 * Report exports made at once by this process: each holds its photos in memory (up to 20 of 10 MB,
 * and a PNG's decoded pixels), so more wait for a free slot on the client's side (429 busy).
 */
export const REPORT_EXPORTS = new Slots(2);

/** The figures with each area's name ("Sukamaju, Cibeunying Kaler, Kota Bandung": the province left out below it). */
export async function figuresWithNames(tx: Queryable, deps: Pick<Services, 'areas'>, orgId: string, activityId: string): Promise<ActivityFigures> {
  const f = await activityFigures(tx, orgId, activityId);
  return {
    ...f,
    byArea: f.byArea.map((c) => {
      const path = deps.areas.path(c.key);
      const names = (path.length > 2 ? path.slice(1) : path).map((p) => p.name).reverse();
      return { ...c, label: names.length ? names.join(', ') : null };
    }),
  };
}

/** An activity's attendance figures and its report (issue 5): the text, photos, and PDF and DOCX exports. */
export async function activityReportsRoutes(app: App) {
  const deps = app.services;
  const { db } = deps;
  acceptRawFiles(app, IMAGE_TYPES);

  app.get(
    '/api/activities/:id/figures',
    { schema: { tags: ['activities'], summary: 'Attendance figures of an activity, counted from registrations and attendance: registered, waitlisted, cancelled, attended, rate, new vs returning, by sex, age band, disability and area', params: IdParams, response: { 200: ActivityFigures } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.read');
      return withTenant(db, actor.orgId, (tx) => figuresWithNames(tx, deps, actor.orgId, req.params.id));
    },
  );

  app.get('/api/activities/:id/report', { schema: { tags: ['activities'], summary: "The activity's report, or null when none is written yet", params: IdParams, response: { 200: ActivityReport.nullable() } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => findReport(tx, actor.orgId, req.params.id));
  });

  app.post('/api/activities/:id/report', { schema: { tags: ['activities'], summary: 'Write the activity report: what happened, outcomes, follow-ups (one per activity)', params: IdParams, body: ReportCreate, response: { 201: ActivityReport } } }, async (req, reply) => {
    const actor = requireOrg(req, 'activities.write');
    const created = await withTenant(db, actor.orgId, (tx) => createReport(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.patch('/api/activities/:id/report', { schema: { tags: ['activities'], summary: 'Change the activity report (versioned)', params: IdParams, body: ReportUpdate, response: { 200: ActivityReport } } }, async (req) => {
    const actor = requireOrg(req, 'activities.write');
    return withTenant(db, actor.orgId, (tx) => updateReport(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/activities/:id/report', { schema: { tags: ['activities'], summary: 'Move the activity report to the bin, with its photos (restorable)', params: IdParams, response: { 200: ActivityReport } } }, async (req) => {
    const actor = requireOrg(req, 'activities.delete');
    return withTenant(db, actor.orgId, (tx) => setReportDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/activities/:id/report/restore', { schema: { tags: ['activities'], summary: 'Undo the report delete (unless a new report was written since)', params: IdParams, response: { 200: ActivityReport } } }, async (req) => {
    const actor = requireOrg(req, 'activities.delete');
    return withTenant(db, actor.orgId, (tx) => setReportDeleted(tx, actor, req.params.id, false));
  });

  app.post(
    '/api/activities/:id/report/photos',
    {
      schema: {
        tags: ['activities'],
        summary: 'Add a photo to the report (raw body: JPEG, PNG or WebP, at most 10 MB; checked by its first bytes) with its caption',
        params: IdParams,
        querystring: z.object({ fileName: UploadName, caption: PhotoCaption }),
        response: { 201: ReportPhoto },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'activities.write');
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_file_type', { types: 'JPG, PNG, WEBP' });
      const file = { fileName: req.query.fileName, caption: req.query.caption, contentType: contentTypeOf(req.headers['content-type']), content: req.body as Buffer };
      const created = await withTenant(db, actor.orgId, (tx) => addPhoto(tx, actor, req.params.id, file));
      reply.status(201);
      return created;
    },
  );

  app.get('/api/report-photos/:id', { schema: { tags: ['activities'], summary: 'A report photo', params: IdParams } }, async (req, reply) => {
    const actor = requireOrg(req, 'activities.read');
    const file = await withTenant(db, actor.orgId, (tx) => getPhotoFile(tx, actor.orgId, req.params.id));
    return sendStoredFile(reply, file);
  });

  app.patch('/api/report-photos/:id', { schema: { tags: ['activities'], summary: "Change a photo's caption (versioned)", params: IdParams, body: PhotoUpdate, response: { 200: ReportPhoto } } }, async (req) => {
    const actor = requireOrg(req, 'activities.write');
    return withTenant(db, actor.orgId, (tx) => updatePhoto(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/report-photos/:id', { schema: { tags: ['activities'], summary: 'Remove a photo from the report (restorable)', params: IdParams, response: { 200: ReportPhoto } } }, async (req) => {
    const actor = requireOrg(req, 'activities.write');
    return withTenant(db, actor.orgId, (tx) => setPhotoDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/report-photos/:id/restore', { schema: { tags: ['activities'], summary: 'Undo a photo removal', params: IdParams, response: { 200: ReportPhoto } } }, async (req) => {
    const actor = requireOrg(req, 'activities.write');
    return withTenant(db, actor.orgId, (tx) => setPhotoDeleted(tx, actor, req.params.id, false));
  });

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/activities/:id/report.${format}`,
      {
        // A HEAD request must not write an audit entry.
        exposeHeadRoute: false,
        schema: {
          tags: ['activities'],
          summary: `Download the activity report as ${format === 'pdf' ? 'PDF (A4)' : 'DOCX (editable in Word, LibreOffice, Google Docs)'}: the activity, its attendance figures and breakdowns, the report's sections and photos; audited`,
          params: IdParams,
          querystring: z.object({ lang: z.enum(['id', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const actor = requireOrg(req, 'activities.read');
        const locale = req.query.lang ?? localeOf(req);
        if (!REPORT_EXPORTS.take()) {
          reply.header('retry-after', '10');
          throw new AppError(429, 'busy');
        }
        try {
          return await exportReport(actor, locale, format, req.params.id, reply);
        } finally {
          REPORT_EXPORTS.release();
        }
      },
    );
  }

  /** The report as a file: read in one transaction (audited), then laid out. */
  async function exportReport(actor: Actor, locale: Locale, format: 'pdf' | 'docx', activityId: string, reply: FastifyReply) {
    const input = await withTenant(db, actor.orgId, async (tx) => {
      const report = await getReport(tx, actor.orgId, activityId);
      const activity = await getActivity(tx, deps, actor.orgId, activityId);
      const figures = await figuresWithNames(tx, deps, actor.orgId, activityId);
      const photos = await reportPhotoFiles(tx, actor.orgId, report.id);
      const { custom } = await activityTypes(tx, actor.orgId);
      const today = await orgToday(tx, actor.orgId);
      const { rows } = await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [actor.orgId]);
      await audit(tx, actor, { action: 'export', entityType: 'activity_report', entityId: activity.id, after: { document: 'activity_report', format, lang: locale, photos: photos.length } });
      return { locale, organisation: rows[0]?.name ?? '', activity, customTypes: custom, report, figures, photos, today };
    });
    const content = reportContent(input);
    const body = format === 'pdf' ? await reportPdf(content) : reportDocx(content);
    return sendDownload(reply, CONTENT_TYPE[format], reportFileName(content, input.activity, format), body);
  }
}
