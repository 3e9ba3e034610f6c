import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Mapping } from '../../../domain/import/mapping.ts';
import { maskNik } from '../../../domain/nik.ts';
import type { Config } from '../../config.ts';
import { copyText, copyValue } from '../../db/connect.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { FieldCipher } from '../../platform/security.ts';
import { SpreadsheetError, type SpreadsheetErrorCode, readRows } from '../../platform/spreadsheet/index.ts';
import type { Areas } from '../areas/areas.service.ts';
import { rowConverter } from './rows.ts';

/** The columns an import writes; the others keep their defaults. */
export const PEOPLE_COPY = [
  'org_id', 'id', 'full_name', 'preferred_name', 'search_name', 'sex', 'birth_date', 'birth_year', 'nik_enc', 'nik_bidx', 'nik_masked', 'phone', 'email',
  'address', 'area_code', 'roles', 'tags', 'has_disability', 'consent_given', 'consent_date', 'consent_purpose', 'consent_recorded_by', 'notes',
  'household_id', 'relationship', 'version', 'created_by', 'created_at', 'updated_at', 'import_id',
];
// PEOPLE_COPY is org_id, id, PERSON_COLUMNS, then the household and the fixed columns
const PERSON_COLUMNS = PEOPLE_COPY.slice(2, PEOPLE_COPY.indexOf('household_id'));
const PERSON_DEFAULTS: Record<string, unknown> = { roles: [], tags: [], has_disability: false, consent_given: false };
if (PEOPLE_COPY.slice(PEOPLE_COPY.indexOf('household_id')).join() !== 'household_id,relationship,version,created_by,created_at,updated_at,import_id') throw new Error('PEOPLE_COPY out of step with its line builder');
export const HOUSEHOLD_COPY = ['org_id', 'id', 'name', 'kk_enc', 'kk_bidx', 'kk_masked', 'address', 'area_code', 'version', 'created_by', 'created_at', 'updated_at', 'import_id'];

/** Rows per transaction when importing: big enough for speed, small enough that the embedded database keeps answering other requests in between. */
export const BATCH = 2000;

/** A file's rows after the header, blank rows left out. */
export async function* fileRows(path: string) {
  let first = true;
  for await (const r of readRows(path)) {
    if (first) {
      first = false;
      continue;
    }
    if (r.cells.every((c) => !c.trim())) continue;
    yield r;
  }
}

/** What an import's second pass needs to turn its file into database rows (all of it can cross to a worker thread). */
export type BatchInput = {
  path: string;
  mapping: Mapping;
  today: string;
  now: string;
  orgId: string;
  importId: string;
  userId: string;
  /** the checkpoint: rows up to this line are in the registry already */
  afterLine: number;
  /** lines refused by the first pass */
  bad: number[];
  /** this import's own households so far (after a resume): KK blind index → id */
  households: [string, string][];
  /** whether the registry had households before this import (then each batch's KKs are looked up) */
  householdsBefore: boolean;
};
/** One transaction's worth: both tables' rows in COPY's text format. */
export type Prepared = { line: number; people: number; households: number; householdsCopy: string; peopleCopy: string; ms: number; offThread?: boolean };
/** Existing households by KK blind index: [bidx, id] pairs. */
export type HouseholdLookup = (bidx: string[]) => Promise<[string, string][]>;

/**
 * The file's good rows as batches ready for the database: converted by the registry's rules,
 * households found by KK number (existing ones joined, new ones given their id here and named
 * after their head or first member) and encoded for COPY. A batch that then fails to be written
 * fails the job, and its resume starts again from what the database holds.
 */
export async function* preparedBatches(deps: { areas: Areas; cipher: FieldCipher }, input: BatchInput, lookup: HouseholdLookup): AsyncGenerator<Prepared> {
  const convert = rowConverter(deps, { mapping: input.mapping, today: input.today, userId: input.userId });
  const bad = new Set(input.bad);
  const households = new Map(input.households);
  const { orgId, importId, userId, now } = input;
  // A row is encoded for COPY as soon as it is converted and only that text and what its
  // household needs are kept until the batch is written: whole converted rows, kept for a batch,
  // outlived the young generation and the garbage collector took a third of the CPU time.
  type Item = { line: number; columns: string; kk: string | null; relationship: unknown; name: unknown; address: unknown; areaCode: unknown };
  const lead = `${copyValue(orgId)}\t`;
  const tail = `1\t${copyValue(userId)}\t${copyValue(now)}\t${copyValue(now)}\t${copyValue(importId)}\n`;

  const prepare = async (batch: Item[], started: number): Promise<Prepared> => {
    const kks = [...new Set(batch.map((b) => b.kk).filter((k): k is string => !!k))].map((kk) => ({ kk, bidx: deps.cipher.blindIndex('kk', kk) }));
    const bidxOf = new Map(kks.map((k) => [k.kk, k.bidx]));
    const unknown = input.householdsBefore ? kks.filter((k) => !households.has(k.bidx)) : [];
    if (unknown.length) {
      const waited = performance.now();
      for (const [bidx, id] of await lookup(unknown.map((k) => k.bidx))) households.set(bidx, id);
      started += performance.now() - waited;
    }
    const heads = new Map<string, Item>();
    for (const b of batch) if (b.kk && (!heads.has(b.kk) || (b.relationship === 'head' && heads.get(b.kk)!.relationship !== 'head'))) heads.set(b.kk, b);
    const created: unknown[][] = [];
    for (const k of kks) {
      if (households.has(k.bidx)) continue;
      const head = heads.get(k.kk)!;
      const hid = uuidv7();
      households.set(k.bidx, hid);
      const h: Record<string, unknown> = {
        org_id: orgId, id: hid, name: `Keluarga ${head.name}`, kk_enc: deps.cipher.encrypt(k.kk), kk_bidx: k.bidx, kk_masked: maskNik(k.kk),
        address: head.address ?? null, area_code: head.areaCode ?? null, version: 1, created_by: userId, created_at: now, updated_at: now, import_id: importId,
      };
      created.push(HOUSEHOLD_COPY.map((c) => h[c]));
    }
    let peopleCopy = '';
    for (const b of batch) {
      const household = b.kk ? households.get(bidxOf.get(b.kk)!)! : null;
      peopleCopy += `${lead}${uuidv7()}\t${b.columns}${copyValue(household)}\t${copyValue(household ? b.relationship : null)}\t${tail}`;
    }
    return { line: batch[batch.length - 1].line, people: batch.length, households: created.length, householdsCopy: copyText(created), peopleCopy, ms: performance.now() - started };
  };

  let batch: Item[] = [];
  let started = performance.now();
  for await (const r of fileRows(input.path)) {
    if (r.line <= input.afterLine || bad.has(r.line)) continue;
    const { person, kk, problems } = convert(r.cells, r.lossy);
    if (problems.length) continue; // checked in pass 1; a row can only get better since (e.g. its area list)
    const p = person as Record<string, unknown>;
    let columns = '';
    for (const c of PERSON_COLUMNS) columns += `${copyValue(p[c] === undefined ? PERSON_DEFAULTS[c] : p[c])}\t`;
    batch.push({ line: r.line, columns, kk, relationship: p.relationship, name: p.full_name, address: p.address, areaCode: p.area_code });
    if (batch.length >= BATCH) {
      const ready = await prepare(batch, started);
      yield ready;
      batch = [];
      started = performance.now();
    }
  }
  if (batch.length) yield await prepare(batch, started);
}

type FromWorker =
  | { type: 'batch'; batch: Prepared }
  | { type: 'lookup'; id: number; bidx: string[] }
  | { type: 'done' }
  | { type: 'error'; name: string; code?: string; status?: number; message: string; line?: number };

/**
 * preparedBatches, for a big file in a worker thread: reading and converting a million rows is
 * CPU work, and on the thread that also speaks to the database it held up every round trip of
 * the batch being written (the import took twice its database's time). The worker stays at
 * most two batches ahead of the one being written (one ready, one in the making); household
 * lookups come back to this thread, which has the database.
 */
export async function* preparedBatchesOffThread(
  deps: { areas: Areas; cipher: FieldCipher; config: Pick<Config, 'secretKey' | 'importWorkerMinBytes'> },
  input: BatchInput,
  lookup: HouseholdLookup,
): AsyncGenerator<Prepared> {
  // below the threshold, starting a worker (loading this code and the areas again) costs more than it saves
  const size = await stat(input.path).then(
    (st) => st.size,
    () => {
      throw new SpreadsheetError('unreadable_file', 'the uploaded file is gone');
    },
  );
  if (size < deps.config.importWorkerMinBytes) {
    yield* preparedBatches(deps, input, lookup);
    return;
  }
  const worker = new Worker(new URL('./batches.worker.mjs', import.meta.url), { workerData: { input, secretKey: deps.config.secretKey }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const inbox: (Exclude<FromWorker, { type: 'lookup' }> | { type: 'exit'; code: number } | { type: 'failed'; err: unknown })[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type !== 'lookup') return deliver(m);
    lookup(m.bidx).then(
      (rows) => worker.postMessage({ type: 'found', id: m.id, rows }),
      (err) => deliver({ type: 'failed', err }),
    );
  });
  worker.on('error', (err) => deliver({ type: 'failed', err }));
  worker.on('exit', (code) => deliver({ type: 'exit', code }));
  try {
    for (;;) {
      while (!inbox.length) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift()!;
      if (m.type === 'batch') {
        yield { ...m.batch, offThread: true };
        worker.postMessage({ type: 'more' });
      } else if (m.type === 'done') return;
      else if (m.type === 'error')
        throw m.name === 'SpreadsheetError'
          ? new SpreadsheetError(m.code as SpreadsheetErrorCode, m.message, { line: m.line })
          : m.status && m.code
            ? new AppError(m.status, m.code as never)
            : new Error(m.message);
      else if (m.type === 'failed') throw m.err;
      else throw new Error(`import worker stopped (exit code ${m.code})`);
    }
  } finally {
    await worker.terminate();
  }
}
