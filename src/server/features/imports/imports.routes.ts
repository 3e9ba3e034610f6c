import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { IMPORT_FIELDS } from '../../../domain/import/mapping.ts';
import { Version } from '../../../domain/contracts/common.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/messages.ts';
import { PageQuery, decodeCursor, encodeCursor, pageOf } from '../../platform/paging.ts';
import { writeCsv } from '../../platform/spreadsheet/index.ts';
import { applyJob, cancelImport, getImport, listImports, listProblems, receiveUpload, setMapping, startImport, startUndo, startValidation, undoJob, validateJob, duplicatesJob } from './imports.service.ts';

const IdParams = z.object({ id: z.uuid() });
const MappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(1000));

const Job = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.string(),
    phase: z.string().nullable(),
    done: z.number(),
    total: z.number().nullable(),
    startedAt: z.string().nullable(),
    rowsPerSecond: z.number().nullable(),
    secondsLeft: z.number().nullable(),
    error: z.string().nullable(),
  })
  .nullable();

const Import = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['uploaded', 'validating', 'validated', 'importing', 'done', 'failed', 'cancelled', 'undone']),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.number()),
  mode: z.enum(['skip_bad', 'all_or_nothing']).nullable(),
  totalRows: z.number().nullable(),
  validRows: z.number().nullable(),
  invalidRows: z.number().nullable(),
  importedRows: z.number(),
  householdsCreated: z.number(),
  duplicateRows: z.number(),
  warningRows: z.number().nullable(),
  error: z.string().nullable(),
  version: z.number(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  job: Job,
});
const ImportDetail = Import.extend({
  preview: z.array(
    z.object({
      line: z.number(),
      values: z.object({
        fullName: z.string().nullable(),
        sex: z.string().nullable(),
        birthDate: z.string().nullable(),
        birthYear: z.number().nullable(),
        nikMasked: z.string().nullable(),
        kkMasked: z.string().nullable(),
        relationship: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        address: z.string().nullable(),
        areaCode: z.string().nullable(),
        areaName: z.string().nullable(),
        roles: z.array(z.string()),
        tags: z.array(z.string()),
      }),
      problems: z.array(z.object({ field: z.string(), code: z.string(), severity: z.enum(['error', 'warning']) })),
    }),
  ),
});
const Problem = z.object({ line: z.number(), field: z.string(), code: z.string(), value: z.string().nullable(), severity: z.enum(['error', 'warning']), message: z.string() });

const UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

export async function importsRoutes(app: App) {
  const deps = app.services;
  deps.jobs.register('import.validate', validateJob(deps));
  deps.jobs.register('import.apply', applyJob(deps));
  deps.jobs.register('import.undo', undoJob(deps));
  deps.jobs.register('import.duplicates', duplicatesJob(deps));

  // The file arrives as the raw body and is streamed to disk: a million-row sheet never sits in memory.
  app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

  app.get('/api/imports', { schema: { tags: ['imports'], summary: 'Imports of this organisation, newest first (who, when, counts)', querystring: z.object(PageQuery), response: { 200: pageOf(Import) } } }, async (req) => {
    const actor = requireOrg(req, 'people.import');
    const cursor = decodeCursor(req.query.cursor, z.tuple([z.uuid()]));
    const { items, more } = await listImports(deps, actor, req.query, cursor ? cursor[0] : null);
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1].id]) : null };
  });

  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV or XLSX file of people (raw body, Content-Type text/csv or the XLSX type); answers with guessed column mapping and a preview',
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default('upload') }),
        response: { 201: ImportDetail },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'people.import');
      if (!(req.body instanceof Readable)) throw new AppError(415, 'unsupported_media_type');
      const created = await receiveUpload(deps, actor, req.body, req.query.fileName);
      reply.status(201);
      return getImport(deps, actor, created.id);
    },
  );

  app.get('/api/imports/:id', { schema: { tags: ['imports'], summary: 'One import with its progress and a preview of the first rows', params: IdParams, response: { 200: ImportDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.import');
    return getImport(deps, actor, req.params.id);
  });

  app.put(
    '/api/imports/:id/mapping',
    { schema: { tags: ['imports'], summary: 'Choose which column feeds which field (remembered for files with the same headers)', params: IdParams, body: z.object({ mapping: MappingSchema, version: Version }).strict(), response: { 200: ImportDetail } } },
    async (req) => {
      const actor = requireOrg(req, 'people.import');
      return setMapping(deps, actor, req.params.id, req.body.mapping, req.body.version);
    },
  );

  const step = (path: string, summary: string, body: z.ZodObject, run: (actor: ReturnType<typeof requireOrg>, id: string, b: any) => Promise<unknown>) =>
    app.post(path, { schema: { tags: ['imports'], summary, params: IdParams, body, response: { 202: ImportDetail } } }, async (req, reply) => {
      const actor = requireOrg(req, 'people.import');
      const { id } = req.params as { id: string };
      await run(actor, id, req.body);
      deps.jobs.kick();
      reply.status(202);
      return getImport(deps, actor, id);
    });

  step('/api/imports/:id/validate', 'Check every row in the background; problems are listed per line and column', z.object({ version: Version }).strict(), (a, id, b) => startValidation(deps, a, id, b.version));
  step(
    '/api/imports/:id/start',
    'Import in the background: mode skip_bad imports the good rows, all_or_nothing refuses if any row is bad',
    z.object({ version: Version, mode: z.enum(['skip_bad', 'all_or_nothing']) }).strict(),
    (a, id, b) => startImport(deps, a, id, b.version, b.mode),
  );
  step('/api/imports/:id/undo', 'Undo a whole import: the people and households it created go to the bin', z.object({ version: Version }).strict(), (a, id, b) => startUndo(deps, a, id, b.version));

  app.post('/api/imports/:id/cancel', { schema: { tags: ['imports'], summary: 'Abandon an import before it runs (the file is deleted)', params: IdParams, body: z.object({ version: Version }).strict(), response: { 200: ImportDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.import');
    return cancelImport(deps, actor, req.params.id, req.body.version);
  });

  app.get(
    '/api/imports/:id/problems',
    { schema: { tags: ['imports'], summary: 'The validation report: every bad row with line, column and reason', params: IdParams, querystring: z.object(PageQuery), response: { 200: pageOf(Problem) } } },
    async (req) => {
      const actor = requireOrg(req, 'people.import');
      const cursor = decodeCursor(req.query.cursor, z.tuple([z.number().int(), z.string().max(40)]));
      const { items, more } = await listProblems(deps, actor, req.params.id, cursor ? { line: cursor[0], field: cursor[1] } : null, req.query.limit);
      return {
        items: items.map(({ params, ...p }) => ({ ...p, message: t(localeOf(req), p.code, params ?? {}) })),
        nextCursor: more ? encodeCursor([items[items.length - 1].line, items[items.length - 1].field]) : null,
      };
    },
  );

  app.get('/api/imports/:id/problems.csv', { schema: { tags: ['imports'], summary: 'The validation report as a CSV file, in the caller\u2019s language', params: IdParams } }, async (req, reply) => {
    const actor = requireOrg(req, 'people.import');
    const first = await listProblems(deps, actor, req.params.id, null, 1);
    const headers = first.row.headers;
    const mapping = first.row.mapping as Record<string, number>;
    const locale = localeOf(req);
    const en = locale === 'en';
    async function* rows() {
      yield en ? ['line', 'column', 'field', 'value', 'severity', 'problem'] : ['baris', 'kolom', 'isian', 'nilai', 'tingkat', 'masalah'];
      let after: { line: number; field: string } | null = null;
      for (;;) {
        const page = await listProblems(deps, actor, req.params.id, after, 1000);
        for (const p of page.items) yield [p.line, mapping[p.field] !== undefined ? headers[mapping[p.field]] : '', p.field, p.value ?? '', t(localeOf(req), p.code)];
        if (!page.more) break;
        after = { line: page.items[page.items.length - 1].line, field: page.items[page.items.length - 1].field };
      }
    }
    const name = first.row.file_name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}-${en ? 'problems' : 'masalah'}.csv"`);
    const out = new PassThrough();
    writeCsv(rows(), out).then(
      () => out.end(),
      (err) => out.destroy(err),
    );
    return reply.send(out);
  });
}
