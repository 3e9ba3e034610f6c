import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { HouseholdsExportQuery, PeopleExportQuery } from '../../../domain/contracts/exports.ts';
import { DEFAULT_HOUSEHOLD_COLUMNS, DEFAULT_PERSON_COLUMNS, type ExportFormat } from '../../../domain/exports.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { writeCsv, writeXlsx } from '../../platform/spreadsheet/index.ts';
import { type ColumnDef, HOUSEHOLD_COLUMN_DEFS, PERSON_COLUMN_DEFS, type ExportContext, headerRow, hxlRow } from './columns.ts';
import { exportHouseholds, exportPeople } from './exports.service.ts';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const SHEET_NAME = { people: { id: 'Warga', en: 'People' }, households: { id: 'Rumah tangga', en: 'Households' } } as const;

type Started = { count: number; today: string; batches: () => AsyncGenerator<Record<string, any>[]>; context: (locale: Locale) => ExportContext };

/**
 * Streams the file: header row (and HXL row), then the rows batch by batch. The writers wait for
 * the client (backpressure), so memory stays flat however long the list; if reading fails midway
 * the response is cut off, so an incomplete file never looks complete.
 */
function sendSheet(req: FastifyRequest, reply: FastifyReply, kind: 'people' | 'households', format: ExportFormat, defs: ColumnDef[], hxl: boolean, locale: Locale, started: Started) {
  async function* rows(): AsyncGenerator<unknown[]> {
    yield headerRow(defs, locale);
    if (hxl) yield hxlRow(defs);
    const ctx = started.context(locale);
    for await (const batch of started.batches()) {
      for (const r of batch) yield defs.map((d) => d.value(r, ctx));
    }
  }
  reply
    .header('content-type', CONTENT_TYPE[format])
    .header('content-disposition', `attachment; filename="${kind}-${started.today}.${format}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-row-count', String(started.count));
  const out = new PassThrough();
  const done = format === 'xlsx' ? writeXlsx(rows(), out, { headerRows: hxl ? 2 : 1, sheetName: SHEET_NAME[kind][locale] }) : writeCsv(rows(), out);
  done.catch((err: Error) => {
    if (!out.destroyed) req.log.error({ err: { message: err.message, stack: err.stack } }, 'export failed');
    out.destroy(err);
  });
  return reply.send(out);
}

export async function exportsRoutes(app: App) {
  const deps = app.services;

  app.get(
    '/api/people/export',
    {
      // A HEAD request must not write an audit entry or read the registry.
      exposeHeadRoute: false,
      schema: {
        tags: ['people'],
        summary:
          'Download the filtered list of people (same filters and search as GET /api/people, all pages) as CSV or XLSX, streamed; NIK masked unless revealNik=true (permission people.reveal_nik); every export is audited',
        querystring: PeopleExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const actor = requireOrg(req, q.deleted ? 'people.delete' : 'people.read');
      if (q.revealNik) requireOrg(req, 'people.reveal_nik');
      const columns = q.columns ?? DEFAULT_PERSON_COLUMNS;
      const { format, hxl, columns: _c, revealNik, lang, ...filter } = q;
      const started = await exportPeople(deps, actor, { format, columns, hxl: !!hxl, revealNik: !!revealNik, filter });
      return sendSheet(req, reply, 'people', format, columns.map((c) => PERSON_COLUMN_DEFS[c]), !!hxl, lang ?? localeOf(req), started);
    },
  );

  app.get(
    '/api/households/export',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['households'],
        summary: 'Download the filtered list of households (same filters as GET /api/households, all pages) as CSV or XLSX, streamed; family card numbers masked; audited',
        querystring: HouseholdsExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const actor = requireOrg(req, q.deleted ? 'people.delete' : 'people.read');
      const columns = q.columns ?? DEFAULT_HOUSEHOLD_COLUMNS;
      const { format, hxl, columns: _c, lang, ...filter } = q;
      const started = await exportHouseholds(deps, actor, { format, columns, hxl: !!hxl, filter });
      return sendSheet(req, reply, 'households', format, columns.map((c) => HOUSEHOLD_COLUMN_DEFS[c]), !!hxl, lang ?? localeOf(req), started);
    },
  );
}
