import { z } from 'zod';
import type { App } from '../../app.ts';
import { DonorReport, DonorReportContent, DonorReportCreate, DonorReportUpdate, DonorReportsPage, DonorReportsQuery } from '../../../domain/contracts/donorReports.ts';
import { audit } from '../../platform/audit.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { imageInfo, sendDownload, sendXlsx } from '../../platform/files.ts';
import { orgToday } from '../../platform/org.service.ts';
import { DONOR_TEXT, donorDocument, donorDocx, donorFileName, donorPdf, donorRows } from './donorReport.files.ts';
import { createDonorReport, donorReportContent, getDonorReport, listDonorReports, setDonorReportDeleted, updateDonorReport } from './donorReports.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['donor reports'];
const CONTENT_TYPE = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * Donor progress reports (issue 6, point 8): a grant's report for a period, its narrative edited
 * in the app and its figures read from the data, exported to PDF, DOCX and XLSX in either language.
 * Reading needs funding.read; writing funding.write (the people who keep the grants).
 */
export async function reportsRoutes(app: App) {
  const { db } = app.services;

  app.get('/api/donor-reports', { schema: { tags, summary: 'Donor reports, latest period first: search by title, grant or funder; filter by grant; the bin with deleted=true', querystring: DonorReportsQuery, response: { 200: DonorReportsPage } } }, async (req) => {
    const actor = requireOrg(req, 'funding.read');
    return withTenant(db, actor.orgId, (tx) => listDonorReports(tx, actor.orgId, req.query));
  });

  app.post('/api/donor-reports', { schema: { tags, summary: 'Start a donor report for a grant and a reporting period (at most ten years)', body: DonorReportCreate, response: { 201: DonorReport } } }, async (req, reply) => {
    const actor = requireOrg(req, 'funding.write');
    const item = await withTenant(db, actor.orgId, (tx) => createDonorReport(tx, actor, req.body));
    reply.status(201);
    return item;
  });

  app.get('/api/donor-reports/:id', { schema: { tags, summary: 'A donor report', params: IdParams, response: { 200: DonorReport } } }, async (req) => {
    const actor = requireOrg(req, 'funding.read');
    return withTenant(db, actor.orgId, (tx) => getDonorReport(tx, actor.orgId, req.params.id));
  });

  app.get(
    '/api/donor-reports/:id/content',
    { schema: { tags, summary: "What the report's document shows: the grant, its programs' indicators as of the period's end, the activities held with attendance, people reached and the budget", params: IdParams, response: { 200: DonorReportContent } } },
    async (req) => {
      const actor = requireOrg(req, 'funding.read');
      return withTenant(db, actor.orgId, (tx) => donorReportContent(tx, actor.orgId, req.params.id));
    },
  );

  app.patch('/api/donor-reports/:id', { schema: { tags, summary: 'Change the title, period, narrative sections or status (draft, final); versioned', params: IdParams, body: DonorReportUpdate, response: { 200: DonorReport } } }, async (req) => {
    const actor = requireOrg(req, 'funding.write');
    return withTenant(db, actor.orgId, (tx) => updateDonorReport(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/donor-reports/:id', { schema: { tags, summary: 'Move a donor report to the bin (undo: restore)', params: IdParams, response: { 200: DonorReport } } }, async (req) => {
    const actor = requireOrg(req, 'funding.write');
    return withTenant(db, actor.orgId, (tx) => setDonorReportDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/donor-reports/:id/restore', { schema: { tags, summary: 'Take a donor report out of the bin', params: IdParams, response: { 200: DonorReport } } }, async (req) => {
    const actor = requireOrg(req, 'funding.write');
    return withTenant(db, actor.orgId, (tx) => setDonorReportDeleted(tx, actor, req.params.id, false));
  });

  for (const format of ['pdf', 'docx', 'xlsx'] as const) {
    app.get(
      `/api/donor-reports/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `The report as ${format.toUpperCase()}${format === 'docx' ? ' (to edit further)' : ''}, in Indonesian or English (default: the reader's language), with the organisation's logo and name`,
          params: IdParams,
          querystring: z.object({ lang: z.enum(['id', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const actor = requireOrg(req, 'funding.read');
        const locale = req.query.lang ?? localeOf(req);
        const { content, logo, today } = await withTenant(db, actor.orgId, async (tx) => {
          const content = await donorReportContent(tx, actor.orgId, req.params.id);
          const { rows } = await tx.query<{ logo: Buffer | null; logo_content_type: string | null }>('SELECT logo, logo_content_type FROM organizations WHERE id = $1', [actor.orgId]);
          await audit(tx, actor, { action: 'export', entityType: 'donor_report', entityId: req.params.id, after: { document: 'donor_report', format, lang: locale } });
          const l = rows[0];
          return { content, today: await orgToday(tx, actor.orgId), logo: l?.logo && l.logo_content_type ? { content: Buffer.from(l.logo), contentType: l.logo_content_type } : null };
        });
        const doc = donorDocument(content, locale, today);
        const name = donorFileName(content, locale, format);
        if (format === 'pdf') return sendDownload(reply, CONTENT_TYPE.pdf, name, await donorPdf(doc, logo));
        if (format === 'docx') {
          const size = logo ? imageInfo(logo.contentType, logo.content) : null;
          return sendDownload(reply, CONTENT_TYPE.docx, name, donorDocx(doc, logo && size ? { ...logo, ...size } : null));
        }
        return sendXlsx(reply, name, donorRows(doc), { sheetName: DONOR_TEXT[locale].sheet, headerRows: 0, columnWidths: [40, 28, 22, 14, 14, 12, 12, 12], wrap: true });
      },
    );
  }
}
