import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_FIELDS, type Mapping, guessMapping, headerSignature } from '../../../domain/import/mapping.ts';
import { maskNik } from '../../../domain/nik.ts';
import type { Db, Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type JobContext, enqueueJob, setJobState } from '../../platform/jobs.ts';
import { orgToday } from '../../platform/org.service.ts';
import type { Services } from '../../platform/services.ts';
import { SpreadsheetError, readRows } from '../../platform/spreadsheet/index.ts';
import { BATCH, type BatchInput, HOUSEHOLD_COPY, PEOPLE_COPY, type Prepared, fileRows, preparedBatchesOffThread } from './batches.ts';
import { rowConverter } from './rows.ts';
import { checkImportedPeople, dedupeSettings } from '../duplicates/duplicates.service.ts';

type Deps = Pick<Services, 'db' | 'cipher' | 'areas' | 'config'>;

const PREVIEW_ROWS = 10;

export type ImportRow = {
  org_id: string;
  id: string;
  file_name: string;
  file_size: number;
  format: 'csv' | 'xlsx';
  status: 'uploaded' | 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled' | 'undone';
  headers: string[];
  mapping: Mapping;
  mode: 'skip_bad' | 'all_or_nothing' | null;
  total_rows: number | null;
  valid_rows: number | null;
  invalid_rows: number | null;
  imported_rows: number;
  households_created: number;
  duplicate_rows: number;
  warning_rows: number | null;
  error: string | null;
  version: number;
  created_by_name: string | null;
  created_at: string;
  finished_at: string | null;
  undone_at: string | null;
};

export const importFile = (deps: Pick<Deps, 'config'>, orgId: string, id: string) => join(deps.config.dataDir, 'imports', orgId, id);

function toView(r: ImportRow, job: JobView | null) {
  return {
    id: r.id,
    fileName: r.file_name,
    fileSize: Number(r.file_size),
    format: r.format,
    status: r.status,
    headers: r.headers,
    mapping: r.mapping,
    mode: r.mode,
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    invalidRows: r.invalid_rows,
    importedRows: r.imported_rows,
    householdsCreated: r.households_created,
    duplicateRows: r.duplicate_rows,
    warningRows: r.warning_rows,
    error: r.error,
    version: r.version,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    undoneAt: r.undone_at,
    job,
  };
}
export type ImportView = ReturnType<typeof toView>;

type JobView = { id: string; kind: string; status: string; phase: string | null; done: number; total: number | null; startedAt: string | null; rowsPerSecond: number | null; secondsLeft: number | null; error: string | null };

async function latestJob(tx: Queryable, orgId: string, importId: string): Promise<JobView | null> {
  const { rows } = await tx.query<{ id: string; kind: string; status: string; phase: string | null; done: number; total: number | null; started_at: string | null; elapsed: number | null; error: string | null }>(
    `SELECT id, kind, status, phase, done, total, started_at, error,
            extract(epoch FROM (coalesce(finished_at, now()) - started_at))::float8 AS elapsed
       FROM jobs WHERE org_id = $1 AND subject_id = $2 ORDER BY id DESC LIMIT 1`,
    [orgId, importId],
  );
  const j = rows[0];
  if (!j) return null;
  const rate = j.elapsed && j.elapsed > 0.5 && j.done > 0 ? j.done / j.elapsed : null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    phase: j.phase,
    done: Number(j.done),
    total: j.total === null ? null : Number(j.total),
    startedAt: j.started_at,
    rowsPerSecond: rate === null ? null : Math.round(rate),
    secondsLeft: rate && j.total && j.status === 'running' ? Math.max(0, Math.round((Number(j.total) - j.done) / rate)) : null,
    error: j.error,
  };
}

async function loadImport(tx: Queryable, orgId: string, id: string, lock = false): Promise<ImportRow> {
  const { rows } = await tx.query<ImportRow>(`SELECT * FROM imports WHERE org_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** The header row and the first rows, enough for guesses and a preview, without reading the rest. */
async function readHead(path: string, n: number) {
  const rows: { line: number; cells: string[]; lossy?: number[] }[] = [];
  try {
    for await (const r of readRows(path)) {
      rows.push(r);
      if (rows.length > n) break;
    }
  } catch (err) {
    if (err instanceof SpreadsheetError) throw new AppError(400, err.code);
    throw err;
  }
  if (!rows.length || rows[0].cells.every((c) => !c.trim())) throw new AppError(400, 'empty_file');
  return { headers: rows[0].cells.map((c) => c.trim()), rows: rows.slice(1) };
}

/** Streams the upload to DATA_DIR/imports, stopping at the size limit. */
export async function receiveUpload(deps: Deps, actor: Actor, body: NodeJS.ReadableStream, fileName: string): Promise<ImportView> {
  const id = uuidv7();
  const path = importFile(deps, actor.orgId, id);
  await mkdir(join(deps.config.dataDir, 'imports', actor.orgId), { recursive: true });
  const max = deps.config.importMaxBytes;
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) cb(new AppError(413, 'file_too_large', { max: Math.round(max / 1024 / 1024) }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
    const fh = await open(path, 'r');
    const magic = Buffer.alloc(4);
    await fh.read(magic, 0, 4, 0);
    await fh.close();
    const format = magic[0] === 0x50 && magic[1] === 0x4b ? 'xlsx' : 'csv';
    const { headers } = await readHead(path, 0);
    return await withTenant(deps.db, actor.orgId, async (tx) => {
      const saved = await tx.query<{ mapping: Mapping }>('SELECT mapping FROM import_mappings WHERE org_id = $1 AND signature = $2', [actor.orgId, headerSignature(headers)]);
      const mapping = saved.rows[0]?.mapping ?? guessMapping(headers);
      await tx.query(
        `INSERT INTO imports (org_id, id, file_name, file_size, format, headers, mapping, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [actor.orgId, id, fileName.slice(0, 200), (await stat(path)).size, format, JSON.stringify(headers), JSON.stringify(mapping), actor.userId, actor.userName],
      );
      await audit(tx, actor, { action: 'create', entityType: 'import', entityId: id, after: { fileName, format, headers } });
      return toView(await loadImport(tx, actor.orgId, id), null);
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

export async function getImport(deps: Deps, actor: Actor, id: string) {
  return withTenant(deps.db, actor.orgId, async (tx) => {
    const row = await loadImport(tx, actor.orgId, id);
    const view = toView(row, await latestJob(tx, actor.orgId, id));
    const preview = ['uploaded', 'validated', 'validating'].includes(row.status) ? await previewRows(deps, actor, row, await orgToday(tx, actor.orgId)) : [];
    return { ...view, preview };
  });
}

/** The first rows as they will be stored: the same conversion the import uses. */
async function previewRows(deps: Deps, actor: Actor, row: ImportRow, today: string) {
  const { rows } = await readHead(importFile(deps, actor.orgId, row.id), PREVIEW_ROWS);
  const convert = rowConverter(deps, { mapping: row.mapping, today, userId: actor.userId });
  return rows.map((r) => {
    const { person, kk, problems, warnings } = convert(r.cells, r.lossy);
    return {
      line: r.line,
      values: {
        fullName: person.full_name ?? null,
        sex: person.sex ?? null,
        birthDate: person.birth_date ?? null,
        birthYear: person.birth_year ?? null,
        nikMasked: person.nik_masked ?? null,
        kkMasked: kk ? maskNik(kk) : null,
        relationship: person.relationship ?? null,
        phone: person.phone ?? null,
        email: person.email ?? null,
        address: person.address ?? null,
        areaCode: person.area_code ?? null,
        areaName: person.area_code ? deps.areas.path(person.area_code).map((a) => a.name).join(', ') : null,
        roles: person.roles ?? [],
        tags: person.tags ?? [],
      },
      problems: [...problems.map((p) => ({ field: p.field, code: p.code, severity: 'error' as const })), ...warnings.map((p) => ({ field: p.field, code: p.code, severity: 'warning' as const }))],
    };
  });
}

export async function listImports(deps: Deps, actor: Actor, q: { cursor?: string; limit: number }, cursorId: string | null) {
  return withTenant(deps.db, actor.orgId, async (tx) => {
    const { rows } = await tx.query<ImportRow>(
      `SELECT * FROM imports WHERE org_id = $1 ${cursorId ? 'AND id < $3' : ''} ORDER BY id DESC LIMIT $2`,
      cursorId ? [actor.orgId, q.limit + 1, cursorId] : [actor.orgId, q.limit + 1],
    );
    const items = [];
    for (const r of rows.slice(0, q.limit)) items.push(toView(r, await latestJob(tx, actor.orgId, r.id)));
    return { items, more: rows.length > q.limit };
  });
}

export async function setMapping(deps: Deps, actor: Actor, id: string, mapping: Mapping, version: number) {
  await withTenant(deps.db, actor.orgId, async (tx) => {
    const row = await loadImport(tx, actor.orgId, id, true);
    if (row.version !== version) throw conflict();
    if (!['uploaded', 'validated'].includes(row.status)) throw new AppError(409, 'import_state');
    checkMapping(mapping, row.headers.length);
    await tx.query(`UPDATE imports SET mapping = $3, status = 'uploaded', total_rows = NULL, valid_rows = NULL, invalid_rows = NULL, warning_rows = NULL, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [
      actor.orgId,
      id,
      JSON.stringify(mapping),
    ]);
    await tx.query('DELETE FROM import_problems WHERE org_id = $1 AND import_id = $2', [actor.orgId, id]);
    await tx.query(
      `INSERT INTO import_mappings (org_id, signature, mapping) VALUES ($1, $2, $3) ON CONFLICT (org_id, signature) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
      [actor.orgId, headerSignature(row.headers), JSON.stringify(mapping)],
    );
  });
  return getImport(deps, actor, id);
}

export function checkMapping(mapping: Mapping, columns: number) {
  if (mapping.fullName === undefined) throw new AppError(400, 'validation_failed', {}, { 'mapping.fullName': { code: 'mapping_needs_name' } });
  for (const [f, i] of Object.entries(mapping)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(f)) throw new AppError(400, 'validation_failed', {}, { [`mapping.${f}`]: { code: 'unknown_field' } });
    if (!Number.isInteger(i) || i! < 0 || i! >= columns) throw new AppError(400, 'validation_failed', {}, { [`mapping.${f}`]: { code: 'mapping_column' } });
  }
}

/** Moves the import to its next step and queues the job that does it. */
async function advance(deps: Deps, actor: Actor, id: string, version: number, from: ImportRow['status'][], to: ImportRow['status'], kind: string, check?: (row: ImportRow) => void, extra?: Record<string, unknown>) {
  await withTenant(deps.db, actor.orgId, async (tx) => {
    const row = await loadImport(tx, actor.orgId, id, true);
    if (row.version !== version) throw conflict();
    if (!from.includes(row.status)) throw new AppError(409, 'import_state');
    check?.(row);
    await tx.query(`UPDATE imports SET status = $3, mode = coalesce($4, mode), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id, to, (extra?.mode as string) ?? null]);
    await enqueueJob(tx, { orgId: actor.orgId, kind, subjectId: id, createdBy: actor.userId, state: { userId: actor.userId, userName: actor.userName, via: actor.via, role: actor.role } });
  });
}

export const startValidation = (deps: Deps, actor: Actor, id: string, version: number) =>
  advance(deps, actor, id, version, ['uploaded', 'validated'], 'validating', 'import.validate', (row) => checkMapping(row.mapping, row.headers.length));

export const startImport = (deps: Deps, actor: Actor, id: string, version: number, mode: 'skip_bad' | 'all_or_nothing') =>
  advance(
    deps,
    actor,
    id,
    version,
    ['validated'],
    'importing',
    'import.apply',
    (row) => {
      if (mode === 'all_or_nothing' && (row.invalid_rows ?? 0) > 0) throw new AppError(409, 'import_has_errors', { count: row.invalid_rows ?? 0 });
    },
    { mode },
  );

/** Undo also clears what a failed import had already committed. */
export const startUndo = (deps: Deps, actor: Actor, id: string, version: number) =>
  advance(deps, actor, id, version, ['done', 'failed'], 'done', 'import.undo', (row) => {
    if (row.status === 'failed' && row.imported_rows === 0) throw new AppError(409, 'import_state');
  });

export async function cancelImport(deps: Deps, actor: Actor, id: string, version: number) {
  await withTenant(deps.db, actor.orgId, async (tx) => {
    const row = await loadImport(tx, actor.orgId, id, true);
    if (row.version !== version) throw conflict();
    if (!['uploaded', 'validated', 'failed'].includes(row.status)) throw new AppError(409, 'import_state');
    await tx.query(`UPDATE imports SET status = 'cancelled', version = version + 1, updated_at = now(), finished_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
    await audit(tx, actor, { action: 'cancel', entityType: 'import', entityId: id });
  });
  await rm(importFile(deps, actor.orgId, id), { force: true });
  return getImport(deps, actor, id);
}

export async function listProblems(deps: Deps, actor: Actor, id: string, after: { line: number; field: string } | null, limit: number) {
  return withTenant(deps.db, actor.orgId, async (tx) => {
    const row = await loadImport(tx, actor.orgId, id);
    const { rows } = await tx.query<{ line: number; field: string; code: string; value: string | null; params: Record<string, string | number> | null; severity: 'error' | 'warning' }>(
      `SELECT line, field, code, value, params, severity FROM import_problems WHERE org_id = $1 AND import_id = $2 ${after ? 'AND (line, field) > ($4, $5)' : ''} ORDER BY line, field LIMIT $3`,
      after ? [actor.orgId, id, limit + 1, after.line, after.field] : [actor.orgId, id, limit + 1],
    );
    return { row, items: rows.slice(0, limit), more: rows.length > limit };
  });
}

// ---------------------------------------------------------------------------------------------
// Jobs

const jobActor = (ctx: JobContext, orgId: string): Actor => ({
  orgId,
  userId: ctx.job.state.userId,
  userName: ctx.job.state.userName,
  role: ctx.job.state.role,
  via: ctx.job.state.via,
});

async function setStatus(db: Db, orgId: string, id: string, status: ImportRow['status'], extra: Record<string, unknown> = {}) {
  const cols = Object.keys(extra);
  await withTenant(db, orgId, (tx) =>
    tx.query(`UPDATE imports SET status = $3, version = version + 1, updated_at = now()${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE org_id = $1 AND id = $2`, [orgId, id, status, ...Object.values(extra)]),
  );
}

/** Wraps a job so that a failure also marks the import failed, with the reason. */
function importJob(deps: Deps, run: (ctx: JobContext, row: ImportRow) => Promise<void>) {
  return async (ctx: JobContext) => {
    const { org_id: orgId, subject_id: id } = ctx.job;
    const row = await withTenant(deps.db, orgId, (tx) => loadImport(tx, orgId, id!));
    try {
      await run(ctx, row);
    } catch (err) {
      const code = err instanceof AppError ? err.code : err instanceof SpreadsheetError ? err.code : 'internal';
      await setStatus(deps.db, orgId, id!, 'failed', { error: code });
      throw err;
    }
  };
}

/**
 * Pass 1: every row checked, every problem stored. It writes nothing to the registry, so after a
 * crash it simply starts again from the first row.
 */
export function validateJob(deps: Deps) {
  return importJob(deps, async (ctx, row) => {
    const { org_id: orgId, subject_id: id } = ctx.job;
    const actor = jobActor(ctx, orgId);
    const today = await withTenant(deps.db, orgId, async (tx) => {
      await tx.query('DELETE FROM import_problems WHERE org_id = $1 AND import_id = $2', [orgId, id]);
      return orgToday(tx, orgId);
    });
    const convert = rowConverter(deps, { mapping: row.mapping, today, userId: actor.userId, checkOnly: true });
    const estimate = row.format === 'csv' ? await estimateCsvRows(importFile(deps, orgId, id!)) : null;
    const seenNik = new Set<string>();
    let total = 0;
    let invalid = 0;
    let warned = 0;
    type Problem = { field: string; code: string; value: string | null; params?: Record<string, string | number> };
    let batch: { line: number; bidx: string | null; problems: Problem[]; warnings: Problem[] }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const bidx = batch.map((b) => b.bidx).filter((b): b is string => !!b);
      await withTenant(deps.db, orgId, async (tx) => {
        if (bidx.length) {
          const { rows } = await tx.query<{ nik_bidx: string }>('SELECT nik_bidx FROM people WHERE org_id = $1 AND nik_bidx = ANY($2) AND deleted_at IS NULL', [orgId, bidx]);
          const existing = new Set(rows.map((r) => r.nik_bidx));
          for (const b of batch) if (b.bidx && existing.has(b.bidx) && !b.problems.length) b.problems.push({ field: 'nik', code: 'nik_exists', value: null });
        }
        const problems = batch.flatMap((b) => [
          ...b.problems.map((p) => ({ org_id: orgId, import_id: id, line: b.line, field: p.field, code: p.code, value: p.value, params: p.params ?? null, severity: 'error' })),
          ...b.warnings.filter((w) => !b.problems.some((p) => p.field === w.field)).map((p) => ({ org_id: orgId, import_id: id, line: b.line, field: p.field, code: p.code, value: p.value, params: p.params ?? null, severity: 'warning' })),
        ]);
        invalid += batch.filter((b) => b.problems.length).length;
        warned += batch.filter((b) => !b.problems.length && b.warnings.length).length;
        if (problems.length) await tx.query(`INSERT INTO import_problems SELECT * FROM json_populate_recordset(NULL::import_problems, $1::json) ON CONFLICT DO NOTHING`, [JSON.stringify(problems)]);
      });
      batch = [];
      await ctx.progress(total, estimate && estimate > total ? estimate : null, 'validate');
    };
    for await (const r of fileRows(importFile(deps, orgId, id!))) {
      total++;
      const { person, problems, warnings } = convert(r.cells, r.lossy);
      const out: Problem[] = problems.map((p) => ({ field: p.field as string, code: p.code, value: p.value, params: p.params }));
      const warn: Problem[] = warnings.map((p) => ({ field: p.field as string, code: p.code, value: p.value, params: p.params }));
      const bidx = person.nik_bidx ?? null;
      if (bidx && !out.some((p) => p.field === 'nik')) {
        // Imported all the same (a family member typed with the head's NIK is common) and put
        // in the duplicate review queue; a NIK already in the registry is refused below instead.
        if (seenNik.has(bidx)) warn.push({ field: 'nik', code: 'duplicate_in_file', value: person.nik_masked ?? null });
        seenNik.add(bidx);
      }
      batch.push({ line: r.line, bidx: out.length ? null : bidx, problems: out, warnings: warn });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await ctx.progress(total, total, 'validate');
    await setStatus(deps.db, orgId, id!, 'validated', { total_rows: total, valid_rows: total - invalid, invalid_rows: invalid, warning_rows: warned });
  });
}

/** A CSV's rows, roughly (newlines), so the first pass can show time left. */
async function estimateCsvRows(path: string): Promise<number> {
  const fh = await open(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      for (let i = 0; i < bytesRead; i++) if (buf[i] === 10) n++;
    }
  } finally {
    await fh.close();
  }
  return Math.max(0, n - 1);
}

/**
 * Pass 2: the good rows into the registry, BATCH rows per transaction. Each transaction also
 * stores the last line it covered (the job's checkpoint), so after a crash or kill the job
 * resumes after that line: nothing is imported twice and nothing is lost. Households are found
 * by their KK number (existing ones are joined, new ones created once). While the database
 * writes one batch, the next is read and converted. The duplicate check follows as a job of its
 * own (duplicatesJob), which first settles the indexes: the people are in the registry as soon
 * as their rows are.
 */
export function applyJob(deps: Deps) {
  return importJob(deps, async (ctx, row) => {
    const { org_id: orgId, subject_id: id } = ctx.job;
    const actor = jobActor(ctx, orgId);
    // offThread: whether the rows were converted in a worker thread (big files)
    const state: { line: number; imported: number; households: number; offThread?: boolean } = { line: 0, imported: 0, households: 0, ...ctx.job.state };
    // where the time goes, kept in the job's state for whoever tunes this: reading, converting and
    // encoding rows (prepare) and the database's side (write), which overlap; and the writer's wait
    // for the next batch
    const ms: Record<string, number> = { prepare: 0, write: 0, wait: 0, ...(ctx.job.state.ms ?? {}) };
    const input = await withTenant(deps.db, orgId, async (tx): Promise<BatchInput> => {
      const problems = await tx.query<{ line: number }>(`SELECT DISTINCT line FROM import_problems WHERE org_id = $1 AND import_id = $2 AND severity = 'error'`, [orgId, id]);
      const made = await tx.query<{ kk_bidx: string; id: string }>('SELECT kk_bidx, id FROM households WHERE org_id = $1 AND import_id = $2', [orgId, id]);
      return {
        path: importFile(deps, orgId, id!), mapping: row.mapping, today: await orgToday(tx, orgId), now: new Date().toISOString(),
        orgId, importId: id!, userId: actor.userId, afterLine: state.line,
        bad: problems.rows.map((r) => r.line),
        households: made.rows.map((r) => [r.kk_bidx, r.id]),
        householdsBefore: (await tx.query('SELECT 1 FROM households WHERE org_id = $1 AND import_id IS DISTINCT FROM $2 AND deleted_at IS NULL LIMIT 1', [orgId, id])).rows.length > 0,
      };
    });
    // Into an empty registry there is no household to look up; into a filled one the lookups must
    // use the KK index, so the planner gets fresh statistics first (with none it scanned the table).
    if (input.householdsBefore) await deps.db.query('ANALYZE households');
    const lookup = async (bidx: string[]) => {
      const { rows } = await withTenant(deps.db, orgId, (tx) =>
        tx.query<{ kk_bidx: string; id: string }>('SELECT kk_bidx, id FROM households WHERE org_id = $1 AND kk_bidx = ANY($2) AND deleted_at IS NULL', [orgId, bidx]),
      );
      return rows.map((r): [string, string] => [r.kk_bidx, r.id]);
    };
    const total = row.valid_rows ?? 0;

    const write = async (batch: Prepared) => {
      const started = performance.now();
      // An owner transaction: COPY cannot pass row-level security. Every row's org_id is this
      // job's organisation, set by preparedBatches, and every query below is scoped by it.
      await deps.db.transaction(async (tx) => {
        // New GIN entries (names, words, trigrams) wait in the indexes' pending lists instead of
        // being merged every 4 MB inside the import; the VACUUM that starts the follow-up job merges
        // them in one pass.
        await tx.query("SET LOCAL gin_pending_list_limit = '256MB'");
        if (batch.households) await tx.copyIn(`COPY households (${HOUSEHOLD_COPY.join(', ')}) FROM STDIN`, batch.householdsCopy);
        await tx.copyIn(`COPY people (${PEOPLE_COPY.join(', ')}) FROM STDIN`, batch.peopleCopy);
        state.line = batch.line;
        state.imported += batch.people;
        state.households += batch.households;
        await tx.query('UPDATE imports SET imported_rows = $3, households_created = $4, updated_at = now() WHERE org_id = $1 AND id = $2', [orgId, id, state.imported, state.households]);
        await setJobState(tx, orgId, ctx.job.id, { ...state, ms }, state.imported);
      });
      ms.write += performance.now() - started;
      await ctx.progress(state.imported, total, 'import');
      await afterBatchHook?.(state.imported);
      // let waiting requests have the (embedded, single-connection) database between batches
      await new Promise((r) => setImmediate(r));
    };
    // One batch written while the next is prepared (in a worker thread for a big file).
    let writing: Promise<void> = Promise.resolve();
    let waited = performance.now();
    try {
      for await (const batch of preparedBatchesOffThread(deps, input, lookup)) {
        ms.wait += performance.now() - waited;
        ms.prepare += batch.ms;
        state.offThread = !!batch.offThread;
        await writing;
        writing = write(batch);
        writing.catch(() => {}); // awaited at the next batch or at the end
        waited = performance.now();
      }
    } catch (err) {
      // the batch in flight settles first: the import is marked failed only once nothing more can commit
      await writing.catch(() => {});
      throw err;
    }
    await writing;
    await withTenant(deps.db, orgId, async (tx) => {
      await tx.query(`UPDATE imports SET status = 'done', finished_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [orgId, id]);
      await audit(tx, actor, { action: 'import', entityType: 'import', entityId: id!, after: { fileName: row.file_name, people: state.imported, households: state.households, skipped: row.invalid_rows } });
      await enqueueJob(tx, { orgId, kind: 'import.duplicates', subjectId: id!, createdBy: actor.userId });
    });
    // The file holds personal data in clear; once imported it is not needed.
    await rm(importFile(deps, orgId, id!), { force: true });
    await withTenant(deps.db, orgId, (tx) => setJobState(tx, orgId, ctx.job.id, { ...state, ms }));
  });
}

/**
 * After an import: its people's duplicate keys, their candidates in the registry and the pairs
 * inside the file (checkImportedPeople), then the count of imported people with a pair. Stops
 * early when the import is no longer done (being undone).
 */
export function duplicatesJob(deps: Deps) {
  return importJob(deps, async (ctx, row) => {
    const { org_id: orgId, subject_id: id } = ctx.job;
    if (row.status !== 'done') return;
    // first the indexes and statistics after the import's writes (searches are slow until then)
    await ctx.progress(0, row.imported_rows, 'settle');
    await settleAfterBulkWrite(deps.db);
    const settings = await withTenant(deps.db, orgId, (tx) => dedupeSettings(tx, orgId));
    const total = row.imported_rows;
    const result = await checkImportedPeople(deps, orgId, id!, {
      threshold: settings.reviewThreshold,
      progress: (done, phase) => ctx.progress(phase === 'keys' ? done : total, total, phase === 'keys' ? 'duplicates' : 'duplicates.compare'),
      keepGoing: async () =>
        withTenant(deps.db, orgId, async (tx) => {
          const { rows } = await tx.query<{ status: string; undo: boolean }>(
            `SELECT status, EXISTS (SELECT 1 FROM jobs WHERE org_id = $1 AND subject_id = $2 AND kind = 'import.undo') AS undo FROM imports WHERE org_id = $1 AND id = $2`,
            [orgId, id],
          );
          return rows[0]?.status === 'done' && !rows[0].undo;
        }),
    });
    if (!result) return;
    await deps.db.query('ANALYZE person_keys'); // many new keys: later checks must still take the index
    await withTenant(deps.db, orgId, (tx) =>
      tx.query(
        `UPDATE imports SET duplicate_rows = (SELECT count(*) FROM people p WHERE p.org_id = $1 AND p.import_id = $2
           AND EXISTS (SELECT 1 FROM duplicate_pairs d WHERE d.org_id = p.org_id AND (d.person_a = p.id OR d.person_b = p.id))),
           version = version + 1, updated_at = now()
         WHERE org_id = $1 AND id = $2`,
        [orgId, id],
      ),
    );
    await ctx.progress(total, total, 'done');
  });
}

/**
 * After many rows at once: move the GIN indexes' pending entries into the indexes (searches
 * otherwise scan those unsorted lists: 10x slower right after a large import, and the name-word
 * index's list made the word search slower than the trigram one) and refresh the planner's
 * statistics. Run as the owner, outside any transaction (VACUUM cannot run in one).
 */
export async function settleAfterBulkWrite(db: Db) {
  // VACUUM also merges every GIN index's pending list, and marks the pages all-visible so that
  // the area index answers a regency's list and count without reading the table.
  await db.query('VACUUM (ANALYZE) people');
  await db.query('VACUUM (ANALYZE) households');
  await db.query('VACUUM (ANALYZE) name_words');
  await db.query('ANALYZE person_keys');
}

/** Test hook: lets a test stop an import between two committed batches, as a crash would. */
let afterBatchHook: ((imported: number) => Promise<void> | void) | null = null;
export function setAfterBatchHook(fn: typeof afterBatchHook) {
  afterBatchHook = fn;
}

/** Undo: everything the import created goes to the bin (restorable one by one), in batches. */
export function undoJob(deps: Deps) {
  return importJob(deps, async (ctx, row) => {
    const { org_id: orgId, subject_id: id } = ctx.job;
    const actor = jobActor(ctx, orgId);
    let done = 0;
    for (const table of ['people', 'households'] as const) {
      for (;;) {
        const n = await withTenant(deps.db, orgId, async (tx) => {
          const { rows } = await tx.query(
            `UPDATE ${table} SET deleted_at = now(), version = version + 1, updated_at = now()
              WHERE org_id = $1 AND id IN (SELECT id FROM ${table} WHERE org_id = $1 AND import_id = $2 AND deleted_at IS NULL LIMIT ${BATCH * 2}) RETURNING id`,
            [orgId, id],
          );
          return rows.length;
        });
        done += n;
        await ctx.progress(done, row.imported_rows + row.households_created, 'undo');
        if (!n) break;
      }
    }
    await withTenant(deps.db, orgId, async (tx) => {
      await tx.query(`UPDATE imports SET status = 'undone', undone_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [orgId, id]);
      await audit(tx, actor, { action: 'undo', entityType: 'import', entityId: id!, after: { people: row.imported_rows, households: row.households_created } });
    });
  });
}
