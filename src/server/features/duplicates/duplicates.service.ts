import { DUPLICATE_THRESHOLD, REVIEW_THRESHOLD, blockingKeys, blockingKeysPrepared, comparePrepared, pairsFromBlocks, prepare, type DedupeRecord, type Reason } from '../../../domain/dedupe/index.ts';
import { type Db, type Queryable, type Tx, copyText } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { JobContext } from '../../platform/jobs.ts';
import type { FieldCipher } from '../../platform/security.ts';
import { moveParticipation, unmoveParticipation } from '../participation/participation.merge.ts';
import { moveVolunteer, unmoveVolunteer } from '../volunteers/volunteers.merge.ts';
import { moveFunder, unmoveFunder } from '../funding/funders.merge.ts';

type Deps = { cipher: FieldCipher };

/** Blocks bigger than this are too common a key to compare every pair of ("siti" born on 1 January). */
const MAX_BLOCK = 200;

export type DedupeSettings = { reviewThreshold: number; likelyThreshold: number };
export const DEFAULT_SETTINGS: DedupeSettings = { reviewThreshold: REVIEW_THRESHOLD, likelyThreshold: DUPLICATE_THRESHOLD };

export async function dedupeSettings(tx: Queryable, orgId: string): Promise<DedupeSettings> {
  const { rows } = await tx.query<{ settings: { dedupe?: Partial<DedupeSettings> } }>('SELECT settings FROM organizations WHERE id = $1', [orgId]);
  return { ...DEFAULT_SETTINGS, ...(rows[0]?.settings?.dedupe ?? {}) };
}

/** Columns a duplicate check reads; the NIK is decrypted only in memory. */
export const RECORD_COLUMNS = 'id, full_name, birth_date, birth_year, sex, nik_enc, area_code, household_id, phone';
type RecordRow = { id: string; full_name: string; birth_date: string | null; birth_year: number | null; sex: 'female' | 'male' | null; nik_enc: string | null; area_code: string | null; household_id: string | null; phone: string | null };

export function toRecord(r: RecordRow, cipher: FieldCipher, nik?: string | null): DedupeRecord {
  return {
    id: r.id,
    name: r.full_name,
    birthDate: r.birth_date,
    birthYear: r.birth_year,
    sex: r.sex,
    nik: nik !== undefined ? nik : r.nik_enc ? cipher.decrypt(r.nik_enc) : null,
    areaCode: r.area_code,
    householdId: r.household_id,
    phone: r.phone,
  };
}

/** Keys hold personal data (NIK digits, names with birthdays), so only truncated HMACs are stored. */
const hashKey = (cipher: FieldCipher, key: string) => cipher.blindIndex64('dedupe', key);

/**
 * Replaces the stored keys of these people. copy: write by COPY (bulk jobs, in an owner transaction: COPY cannot pass row-level security).
 */
export async function storeKeys(tx: Queryable, deps: Deps, orgId: string, records: DedupeRecord[], opts: { copy?: boolean } = {}) {
  if (!records.length) return;
  await tx.query('DELETE FROM person_keys WHERE org_id = $1 AND person_id = ANY($2)', [orgId, records.map((r) => r.id)]);
  const keys: string[] = [];
  const ids: string[] = [];
  for (const r of records) {
    for (const k of new Set(blockingKeys(r).map((k) => hashKey(deps.cipher, k)))) {
      keys.push(k);
      ids.push(r.id);
    }
  }
  if (opts.copy) {
    // their old keys are gone (above), so none of these can already be there
    await (tx as Tx).copyIn('COPY person_keys (org_id, key, person_id) FROM STDIN', copyText(keys.map((k, i) => [orgId, k, ids[i]])));
    return;
  }
  await tx.query('INSERT INTO person_keys (org_id, key, person_id) SELECT $1, k, p FROM unnest($2::bigint[], $3::uuid[]) AS t (k, p) ON CONFLICT DO NOTHING', [orgId, keys, ids]);
}

export type Candidate = { a: string; b: string; score: number; reasons: Reason[] };

/**
 * The registry's size, which sets how much evidence a name match needs (namesakes grow with it);
 * the scan knows it exactly, single checks use this estimate, refreshed every ten minutes.
 */
const sizeCache = new Map<string, { n: number; at: number }>();
async function registrySize(tx: Queryable, orgId: string): Promise<number> {
  const hit = sizeCache.get(orgId);
  if (hit && Date.now() - hit.at < 600_000) return hit.n;
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE org_id = $1 AND deleted_at IS NULL', [orgId]);
  sizeCache.set(orgId, { n: rows[0].n, at: Date.now() });
  return rows[0].n;
}

/**
 * People already in the registry who may be the same as these records: those sharing a blocking
 * key (one indexed lookup for the whole batch), scored. `records` may include people not saved
 * yet (a form being filled in).
 */
export async function findCandidates(
  tx: Queryable,
  deps: Deps,
  orgId: string,
  records: DedupeRecord[],
  threshold: number,
  opts: { ms?: Record<string, number>; notFromImport?: string } = {},
): Promise<Candidate[]> {
  if (!records.length) return [];
  let mark = performance.now();
  const lap = (k: string) => {
    if (!opts.ms) return;
    const now = performance.now();
    opts.ms[k] = (opts.ms[k] ?? 0) + now - mark;
    mark = now;
  };
  // each record parsed once, however many candidates it meets
  const prepared = records.map((r) => prepare(r));
  const keysOf = prepared.map((p) => [...new Set(blockingKeysPrepared(p).map((k) => hashKey(deps.cipher, k)))]);
  const all = [...new Set(keysOf.flat())];
  if (!all.length) return [];
  const { rows: blocks } = await tx.query<{ key: string; ids: string[] }>(
    `SELECT key::text AS key, array_agg(person_id) AS ids FROM person_keys WHERE org_id = $1 AND key = ANY($2::bigint[]) GROUP BY key HAVING count(*) <= ${MAX_BLOCK}`,
    [orgId, all],
  );
  lap('candidates.keys');
  const members = new Map(blocks.map((b) => [b.key, b.ids]));
  const wanted = new Set<string>();
  for (const b of blocks) for (const id of b.ids) wanted.add(id);
  if (!wanted.size) return [];
  const { rows } = await tx.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM people WHERE org_id = $1 AND id = ANY($2) AND deleted_at IS NULL ${opts.notFromImport ? 'AND import_id IS DISTINCT FROM $3' : ''}`,
    opts.notFromImport ? [orgId, [...wanted], opts.notFromImport] : [orgId, [...wanted]],
  );
  lap('candidates.load');
  const known = new Map(rows.map((r) => [r.id, prepare(toRecord(r, deps.cipher))]));
  lap('candidates.decrypt');
  const size = Math.max(await registrySize(tx, orgId), records.length);
  const out: Candidate[] = [];
  prepared.forEach((r, i) => {
    const seen = new Set<string>();
    for (const k of keysOf[i]) {
      for (const id of members.get(k) ?? []) {
        if (id === r.id || seen.has(id)) continue;
        seen.add(id);
        const other = known.get(id);
        if (!other) continue;
        const c = comparePrepared(r, other, { registrySize: size });
        if (c.score >= threshold) out.push({ a: r.id, b: id, score: c.score, reasons: c.reasons });
      }
    }
  });
  lap('candidates.compare');
  return out;
}

/** Adds pairs to the review queue; a pair already there (decided or not) is left as it is. */
export async function queuePairs(tx: Queryable, orgId: string, pairs: Candidate[], source: 'entry' | 'import' | 'scan'): Promise<number> {
  if (!pairs.length) return 0;
  const rows = pairs.map((p) => {
    const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    return { org_id: orgId, id: uuidv7(), person_a: a, person_b: b, score: p.score, reasons: p.reasons, source };
  });
  const { rows: inserted } = await tx.query(
    `INSERT INTO duplicate_pairs (org_id, id, person_a, person_b, score, reasons, source)
     SELECT org_id, id, person_a, person_b, score, reasons, source FROM json_populate_recordset(NULL::duplicate_pairs, $1::json)
     ON CONFLICT (org_id, person_a, person_b) DO NOTHING RETURNING id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

/** After a person is saved: refresh their keys and queue anyone they may duplicate. */
export async function checkSavedPerson(tx: Queryable, deps: Deps, orgId: string, personId: string, nik: string | null | undefined) {
  const { rows } = await tx.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM people WHERE org_id = $1 AND id = $2`, [orgId, personId]);
  if (!rows[0]) return [];
  const record = toRecord(rows[0], deps.cipher, nik);
  await storeKeys(tx, deps, orgId, [record]);
  const settings = await dedupeSettings(tx, orgId);
  const found = await findCandidates(tx, deps, orgId, [record], settings.reviewThreshold);
  await queuePairs(tx, orgId, found, 'entry');
  return found;
}

/**
 * Reads people in keyset batches (tenant transactions), NIKs decrypted in memory. `each` sees
 * every batch as it comes and may stop the reading by answering false.
 */
async function readRecords(deps: Deps & { db: Db }, orgId: string, where: string, params: unknown[], each?: (batch: DedupeRecord[], read: number) => Promise<void | boolean>): Promise<DedupeRecord[]> {
  const records: DedupeRecord[] = [];
  let last: string | null = null;
  for (;;) {
    const rows: RecordRow[] = await withTenant(deps.db, orgId, async (tx) =>
      (
        await tx.query<RecordRow>(
          `SELECT ${RECORD_COLUMNS} FROM people WHERE org_id = $1 AND deleted_at IS NULL AND ${where} ${last ? `AND id > $${params.length + 2}` : ''} ORDER BY id LIMIT 5000`,
          last ? [orgId, ...params, last] : [orgId, ...params],
        )
      ).rows,
    );
    if (!rows.length) return records;
    const batch = rows.map((r) => toRecord(r, deps.cipher));
    records.push(...batch);
    last = rows[rows.length - 1].id;
    if ((await each?.(batch, records.length)) === false) return records;
  }
}

/**
 * The duplicate check of an import, once its rows are in (its own job: the people are in the
 * registry and searchable meanwhile). For the imported people, in batches: their blocking keys,
 * and their candidates among the people who were there before, through the key index. Then the
 * pairs inside the file, in memory like the registry scan. Restartable from the start: keys are
 * replaced and a pair already queued stays as it is. `keepGoing` is asked between batches (an
 * import being undone stops its check).
 */
export async function checkImportedPeople(
  deps: Deps & { db: Db },
  orgId: string,
  importId: string,
  opts: { threshold: number; progress: (done: number, phase: 'keys' | 'compare') => Promise<void>; keepGoing: () => Promise<boolean> },
): Promise<{ people: number; pairs: number } | null> {
  const others = await withTenant(deps.db, orgId, async (tx) =>
    (await tx.query('SELECT 1 FROM people WHERE org_id = $1 AND import_id IS DISTINCT FROM $2 AND deleted_at IS NULL LIMIT 1', [orgId, importId])).rows.length > 0,
  );
  let pairs = 0;
  let stopped = false;
  const records = await readRecords(deps, orgId, 'import_id = $2', [importId], async (batch, read) => {
    if (!(await opts.keepGoing())) {
      stopped = true;
      return false;
    }
    // an owner transaction (the job's organisation, every query scoped by org_id): the keys go in by COPY
    await deps.db.transaction(async (tx) => {
      await storeKeys(tx, deps, orgId, batch, { copy: true });
      if (others) pairs += await queuePairs(tx, orgId, await findCandidates(tx, deps, orgId, batch, opts.threshold, { notFromImport: importId }), 'import');
    });
    await opts.progress(read, 'keys');
  });
  if (stopped) return null;
  await opts.progress(records.length, 'compare');
  pairs += (await queueScanPairs(deps, orgId, records, opts.threshold, 'import')).queued;
  return { people: records.length, pairs };
}

/** The in-memory scan of these records, its pairs queued 2,000 per tenant transaction as they come. */
async function queueScanPairs(
  deps: Deps & { db: Db },
  orgId: string,
  records: DedupeRecord[],
  threshold: number,
  source: 'import' | 'scan',
  afterBatch?: (found: number) => Promise<void>,
): Promise<{ found: number; queued: number }> {
  let batch: Candidate[] = [];
  let found = 0;
  let queued = 0;
  const flush = async () => {
    const b = batch;
    batch = [];
    queued += await withTenant(deps.db, orgId, (tx) => queuePairs(tx, orgId, b, source));
    await afterBatch?.(found);
  };
  for (const p of pairsFromBlocks(records, { maxBlock: MAX_BLOCK, threshold })) {
    batch.push(p);
    found++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return { found, queued };
}

// ---------------------------------------------------------------------------------------------
// The full scan

/**
 * Reads the whole registry, refreshes every blocking key and queues every pair above the review
 * threshold. Keys are rebuilt so that people written without them (restores, old data) take part
 * in later checks on entry and import.
 */
export function scanJob(deps: Deps & { db: Db }) {
  return async (ctx: JobContext) => {
    const orgId = ctx.job.org_id;
    const { total, settings } = await withTenant(deps.db, orgId, async (tx) => ({
      total: (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE org_id = $1 AND deleted_at IS NULL', [orgId])).rows[0].n,
      settings: await dedupeSettings(tx, orgId),
    }));
    const records = await readRecords(deps, orgId, 'true', [], async (batch, read) => {
      // an owner transaction (the job's own organisation, every query scoped by org_id): the keys go in by COPY
      await deps.db.transaction((tx) => storeKeys(tx, deps, orgId, batch, { copy: true }));
      await ctx.progress(read, total * 2, 'read');
    });
    const { found, queued } = await queueScanPairs(deps, orgId, records, settings.reviewThreshold, 'scan', (found) =>
      ctx.progress(total + Math.min(total, found), total * 2, 'compare'),
    );
    await ctx.progress(total * 2, total * 2, 'done');
    await withTenant(deps.db, orgId, (tx) =>
      tx.query(`UPDATE jobs SET state = state || $3 WHERE org_id = $1 AND id = $2`, [orgId, ctx.job.id, JSON.stringify({ people: records.length, pairsFound: found, pairsQueued: queued })]),
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Review: merge or "not a duplicate"

/** Fields a reviewer chooses between when merging; the rest (id, audit columns) belong to the kept record. */
export const MERGE_FIELDS = [
  'full_name', 'preferred_name', 'sex', 'birth_date', 'birth_year', 'nik', 'phone', 'email', 'address', 'area_code',
  'disability', 'welfare_decile', 'consent', 'notes', 'household',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
const FIELD_COLUMNS: Record<MergeField, string[]> = {
  full_name: ['full_name', 'search_name'],
  preferred_name: ['preferred_name'],
  sex: ['sex'],
  birth_date: ['birth_date'],
  birth_year: ['birth_year'],
  nik: ['nik_enc', 'nik_bidx', 'nik_masked'],
  phone: ['phone'],
  email: ['email'],
  address: ['address'],
  area_code: ['area_code'],
  disability: ['disability', 'has_disability'],
  welfare_decile: ['welfare_decile'],
  consent: ['consent_given', 'consent_date', 'consent_purpose', 'consent_recorded_by'],
  notes: ['notes'],
  household: ['household_id', 'relationship'],
};

/**
 * Tables whose rows point at a person, moved to the kept person by a merge and back by its undo.
 * Later modules (attendance, volunteers, donations) add their tables here.
 */
export const PERSON_LINKS: { table: string; column: string }[] = [
  { table: 'donations', column: 'person_id' },
  { table: 'pledges', column: 'person_id' },
];
/**
 * Links that need more than a column update: a person has one registration and one attendance
 * row per activity, and one volunteer profile, so where both people have one the merge keeps one
 * (participation.merge.ts, volunteers.merge.ts, funders.merge.ts). Each mover's record is kept in the merge under its name.
 */
type Mover = { name: string; move: (tx: Queryable, actor: Actor, mergedId: string, keptId: string) => Promise<unknown>; undo: (tx: Queryable, actor: Actor, mergedId: string, keptId: string, moved: any) => Promise<void> };
const PERSON_MOVERS: Mover[] = [
  { name: 'participation', move: moveParticipation, undo: unmoveParticipation },
  // the name 'volunteers' is also what merges recorded when profiles were a plain link: its undo reads both
  { name: 'volunteers', move: moveVolunteer, undo: unmoveVolunteer },
  { name: 'funders', move: moveFunder, undo: unmoveFunder },
];

async function loadPair(tx: Queryable, orgId: string, id: string, lock = false) {
  const { rows } = await tx.query<{ id: string; person_a: string; person_b: string; status: string; version: number; score: number; reasons: Reason[]; merge_id: string | null }>(
    `SELECT id, person_a, person_b, status, version, score, reasons, merge_id FROM duplicate_pairs WHERE org_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

export async function markNotDuplicate(tx: Queryable, actor: Actor, id: string, version: number) {
  const pair = await loadPair(tx, actor.orgId, id, true);
  if (pair.version !== version) throw conflict();
  if (pair.status !== 'open') throw new AppError(409, 'pair_decided');
  await tx.query(
    `UPDATE duplicate_pairs SET status = 'not_duplicate', decided_by = $3, decided_by_name = $4, decided_at = now(), version = version + 1 WHERE org_id = $1 AND id = $2`,
    [actor.orgId, id, actor.userId, actor.userName],
  );
  await audit(tx, actor, { action: 'not_duplicate', entityType: 'duplicate_pair', entityId: id, after: { personA: pair.person_a, personB: pair.person_b } });
}

/** Reopens a pair marked "not a duplicate" by mistake. */
export async function reopenPair(tx: Queryable, actor: Actor, id: string, version: number) {
  const pair = await loadPair(tx, actor.orgId, id, true);
  if (pair.version !== version) throw conflict();
  if (pair.status !== 'not_duplicate') throw new AppError(409, 'pair_decided');
  await tx.query(`UPDATE duplicate_pairs SET status = 'open', decided_by = NULL, decided_by_name = NULL, decided_at = NULL, version = version + 1 WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: 'reopen', entityType: 'duplicate_pair', entityId: id });
}

/**
 * Merges the pair into the person `keepId`, taking each field from the side the reviewer chose
 * (default: the kept side). The other person goes to the bin with merged_into set; every link to
 * it moves to the kept person. Both records as they were and the moved links are kept, so the
 * merge can be undone.
 */
export async function mergePair(tx: Queryable, deps: Deps, actor: Actor, id: string, input: { version: number; keepId: string; take: Partial<Record<MergeField, 'kept' | 'merged'>> }) {
  const pair = await loadPair(tx, actor.orgId, id, true);
  if (pair.version !== input.version) throw conflict();
  if (pair.status !== 'open') throw new AppError(409, 'pair_decided');
  if (input.keepId !== pair.person_a && input.keepId !== pair.person_b) throw new AppError(400, 'validation_failed', {}, { keepId: { code: 'invalid_option' } });
  const mergedId = input.keepId === pair.person_a ? pair.person_b : pair.person_a;
  const { rows } = await tx.query<Record<string, unknown>>('SELECT * FROM people WHERE org_id = $1 AND id = ANY($2) AND deleted_at IS NULL FOR UPDATE', [actor.orgId, [input.keepId, mergedId]]);
  const kept = rows.find((r) => r.id === input.keepId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!kept || !merged) throw new AppError(409, 'pair_gone');

  const set: Record<string, unknown> = {};
  for (const f of MERGE_FIELDS) if (input.take[f] === 'merged') for (const c of FIELD_COLUMNS[f]) set[c] = merged[c];
  // roles and tags are unions: nobody loses a role by being merged
  set.roles = [...new Set([...(kept.roles as string[]), ...(merged.roles as string[])])];
  set.tags = [...new Set([...(kept.tags as string[]), ...(merged.tags as string[])])];
  const cols = Object.keys(set);
  await tx.query(
    `UPDATE people SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`,
    [actor.orgId, input.keepId, ...cols.map((c) => (c === 'disability' && set[c] !== null && typeof set[c] === 'object' ? JSON.stringify(set[c]) : set[c]))],
  );
  // the merged record keeps its household row only in the bin; a household it headed keeps the kept person if chosen above
  await tx.query(`UPDATE people SET deleted_at = now(), merged_into = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, mergedId, input.keepId]);

  const moved: Record<string, unknown> = {};
  for (const link of PERSON_LINKS) {
    const { rows: m } = await tx.query<{ id: string }>(`UPDATE ${link.table} SET ${link.column} = $3 WHERE org_id = $1 AND ${link.column} = $2 RETURNING id`, [actor.orgId, mergedId, input.keepId]);
    moved[link.table] = m.map((r) => r.id);
  }
  for (const mover of PERSON_MOVERS) moved[mover.name] = await mover.move(tx, actor, mergedId, input.keepId);
  const mergeId = uuidv7();
  await tx.query(
    `INSERT INTO merges (org_id, id, pair_id, kept_id, merged_id, kept_before, merged_before, choices, moved, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [actor.orgId, mergeId, id, input.keepId, mergedId, JSON.stringify(kept), JSON.stringify(merged), JSON.stringify(input.take), JSON.stringify(moved), actor.userId, actor.userName],
  );
  await tx.query(
    `UPDATE duplicate_pairs SET status = 'merged', merge_id = $3, decided_by = $4, decided_by_name = $5, decided_at = now(), version = version + 1 WHERE org_id = $1 AND id = $2`,
    [actor.orgId, id, mergeId, actor.userId, actor.userName],
  );
  // other open pairs of the merged person now concern the kept one: they are re-checked by the next scan
  const nik = (set.nik_enc ?? kept.nik_enc) as string | null;
  await checkSavedPerson(tx, deps, actor.orgId, input.keepId, nik ? deps.cipher.decrypt(nik) : null);
  await audit(tx, actor, { action: 'merge', entityType: 'person', entityId: input.keepId, after: { mergedId, mergeId, took: Object.keys(input.take).filter((f) => input.take[f as MergeField] === 'merged') } });
  return mergeId;
}

/** Undoes a merge: both people as they were before it, links moved back, the pair open again. */
export async function undoMerge(tx: Queryable, deps: Deps, actor: Actor, mergeId: string) {
  const { rows } = await tx.query<{ kept_id: string; merged_id: string; kept_before: Record<string, unknown>; merged_before: Record<string, unknown>; moved: Record<string, any>; pair_id: string | null; undone_at: string | null }>(
    'SELECT kept_id, merged_id, kept_before, merged_before, moved, pair_id, undone_at FROM merges WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [actor.orgId, mergeId],
  );
  const m = rows[0];
  if (!m) throw notFound();
  if (m.undone_at) throw new AppError(409, 'merge_undone');
  for (const before of [m.kept_before, m.merged_before]) {
    const cols = Object.keys(before).filter((c) => !['org_id', 'id', 'version', 'created_at', 'created_by', 'import_id', 'updated_at'].includes(c));
    await tx.query(
      `UPDATE people SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`,
      [actor.orgId, before.id, ...cols.map((c) => (before[c] !== null && typeof before[c] === 'object' && !Array.isArray(before[c]) ? JSON.stringify(before[c]) : before[c]))],
    );
  }
  for (const link of PERSON_LINKS) {
    const ids: string[] = m.moved[link.table] ?? [];
    if (ids.length) await tx.query(`UPDATE ${link.table} SET ${link.column} = $2 WHERE org_id = $1 AND id = ANY($3)`, [actor.orgId, m.merged_id, ids]);
  }
  for (const mover of PERSON_MOVERS) await mover.undo(tx, actor, m.merged_id, m.kept_id, m.moved[mover.name]);
  await tx.query('UPDATE merges SET undone_at = now() WHERE org_id = $1 AND id = $2', [actor.orgId, mergeId]);
  if (m.pair_id) await tx.query(`UPDATE duplicate_pairs SET status = 'open', merge_id = NULL, decided_by = NULL, decided_by_name = NULL, decided_at = NULL, version = version + 1 WHERE org_id = $1 AND id = $2`, [actor.orgId, m.pair_id]);
  for (const id of [m.kept_id, m.merged_id]) {
    const { rows: r } = await tx.query<{ nik_enc: string | null }>('SELECT nik_enc FROM people WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
    await storeKeys(tx, deps, actor.orgId, [toRecord({ ...(id === m.kept_id ? m.kept_before : m.merged_before), nik_enc: r[0]?.nik_enc ?? null } as never, deps.cipher)]);
  }
  await audit(tx, actor, { action: 'unmerge', entityType: 'person', entityId: m.kept_id, after: { mergedId: m.merged_id, mergeId } });
}
