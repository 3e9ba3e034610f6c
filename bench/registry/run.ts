/**
 * The registry at national scale (issue 3): import vs raw COPY, search and list latency, the
 * full duplicate scan with precision/recall against injected duplicates, the duplicate check of
 * a small import against the big registry, and export.
 *
 *   npm run bench -- registry [--size N] [--database-url URL] [--json] [--only import]
 *
 * Without --database-url it runs on PGlite in a temporary folder; with one it creates a fresh
 * database on that server (and drops it at the end). With --json the last line of stdout is one
 * JSON object of the figures. --only import stops after the import and the raw COPY.
 */
import { createReadStream, createWriteStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DUPLICATE_THRESHOLD } from '../../src/domain/dedupe/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Db, connectPglite, connectPostgres } from '../../src/server/db/connect.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import type { Actor } from '../../src/server/platform/context.ts';
import { getImport, receiveUpload, settleAfterBulkWrite, setMapping, startImport, startValidation } from '../../src/server/features/imports/imports.service.ts';
import { testConfig } from '../../src/server/testing.ts';
import { registryBatches } from './generate.ts';
import { rssMb, startServer, stopServer } from '../server.ts';

export async function registryBench(args: { size: number; databaseUrl?: string; json: boolean; samples: number; only?: string }) {
  const figures: Record<string, number | string> = {};
  const out = (s: string) => (args.json ? process.stderr : process.stdout).write(`${s}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'gotong-bench-registry-'));
  const kind = args.databaseUrl ? 'postgres' : 'pglite';
  out(`Registry at scale: ${args.size.toLocaleString('en')} people on ${kind === 'pglite' ? 'PGlite (embedded, on disk)' : 'PostgreSQL'}`);
  out(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  figures.database = kind;
  figures.people = args.size;

  // peak memory of this process (the server runs in it), sampled
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const resetPeak = () => (peakRss = process.memoryUsage().rss);
  const secs = (t0: number) => (performance.now() - t0) / 1000;

  // 1. the file: realistic people in households, ~2% injected duplicates, a reference column
  let t0 = performance.now();
  const csv = join(dir, 'registry.csv');
  const truthPairs: [string, string][] = [];
  {
    const fd = openSync(csv, 'w');
    let buf = 'Nama Lengkap,Jenis Kelamin,Tgl Lahir,NIK,No KK,Kode Desa,Alamat,HP,Catatan\n';
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    for (const b of registryBatches({ people: args.size, seed: 2026 })) {
      for (const p of b.people) buf += `${q(p.name)},${p.sex === 'female' ? 'P' : 'L'},${p.birthDate ?? p.birthYear},${p.nik ?? ''},${p.kk},${p.villageCode},${q(p.address)},${p.phone ?? ''},ref:${p.id}\n`;
      for (const t of b.truth) truthPairs.push(t);
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
    closeSync(fd);
  }
  out(`  file: ${(statSync(csv).size / 2 ** 20).toFixed(0)} MB, ${truthPairs.length.toLocaleString('en')} injected duplicate pairs (made in ${secs(t0).toFixed(1)} s)`);

  // 2. a fresh database and an organisation
  let db: Db;
  let dropDb = async () => {};
  let pgUrl: string | undefined;
  if (args.databaseUrl) {
    const name = `gotong_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: args.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(args.databaseUrl);
    u.pathname = `/${name}`;
    pgUrl = u.toString();
    db = await connectPostgres(pgUrl, 10);
    dropDb = async () => {
      const a = new pg.Client({ connectionString: args.databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    db = await connectPglite(join(dir, 'data'));
  }
  try {
    await migrate(db);
    const config = testConfig({ dataDir: join(dir, 'data'), importMaxBytes: 10 * 2 ** 30 });
    const app = await buildApp({ db, config, logger: false });
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { organization: { name: 'Bench', slug: 'bench' }, user: { name: 'Bench', email: 'bench@example.org', password: 'bench-password-1' } } });
    const cookie = String(setup.headers['set-cookie']).split(';')[0];
    const me = (await app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    const orgId: string = me.organization.id;
    const actor: Actor = { orgId, userId: me.user.id, userName: 'Bench', role: 'owner', via: 'cli' };
    const deps = app.services;

    // 3. import through the real path: upload, check every row, import with duplicate check
    const importFile = async (path: string) => {
      const t = { upload: 0, validate: 0, apply: 0 };
      let s = performance.now();
      let imp = await receiveUpload(deps, actor, createReadStream(path), 'registry.csv');
      const notes = imp.headers.indexOf('Catatan');
      imp = await setMapping(deps, actor, imp.id, { ...imp.mapping, notes }, imp.version);
      t.upload = secs(s);
      s = performance.now();
      await startValidation(deps, actor, imp.id, imp.version);
      await deps.jobs.drain();
      imp = await getImport(deps, actor, imp.id);
      t.validate = secs(s);
      s = performance.now();
      await startImport(deps, actor, imp.id, imp.version, 'skip_bad');
      await deps.jobs.drain();
      imp = await getImport(deps, actor, imp.id);
      if (imp.status !== 'done') throw new Error(`import ended ${imp.status}: ${imp.error}`);
      // the drain ran the import and then its duplicate check (a job of its own): the job rows say how long each took
      const { rows: ran } = await db.query<{ kind: string; s: number }>(
        `SELECT kind, extract(epoch FROM finished_at - started_at)::float8 AS s FROM jobs WHERE subject_id = $1 AND kind IN ('import.apply', 'import.duplicates')`,
        [imp.id],
      );
      const took = (kind: string) => ran.find((r) => r.kind === kind)?.s ?? 0;
      t.apply = Math.max(0, secs(s) - took('import.duplicates'));
      const check = took('import.duplicates');
      return { imp, t, total: t.upload + t.validate + t.apply, check };
    };
    resetPeak();
    const big = await importFile(csv);
    figures.import_s = round(big.total);
    figures.import_rows = big.imp.importedRows;
    figures.import_rows_per_s = Math.round(big.imp.importedRows / big.total);
    figures.import_peak_rss_mb = Math.round(peakRss / 2 ** 20);
    figures.import_duplicate_check_s = round(big.check);
    out(`  import (upload ${big.t.upload.toFixed(1)} s + check ${big.t.validate.toFixed(1)} s + import ${big.t.apply.toFixed(1)} s) ${big.total.toFixed(1)} s: ${big.imp.importedRows.toLocaleString('en')} people, ${big.imp.householdsCreated.toLocaleString('en')} households, ${big.imp.invalidRows} rows refused; ${figures.import_rows_per_s} rows/s, peak RSS ${figures.import_peak_rss_mb} MB`);
    out(`  then the import's duplicate check (its own job, the people already in the registry): ${big.check.toFixed(1)} s, ${big.imp.duplicateRows.toLocaleString('en')} rows flagged as possible duplicates`);

    const { rows: jobState } = await db.query<{ state: { ms?: Record<string, number> } }>(`SELECT state FROM jobs WHERE subject_id = $1 AND kind = 'import.apply'`, [big.imp.id]);
    const ms = jobState[0]?.state.ms ?? {};
    out(`  import time by step (prepare: reading, converting, encoding, in a worker thread for a big file, overlapping write: the database's side): ${Object.entries(ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
    const { rows: problemCodes } = await db.query<{ code: string; severity: string; n: number }>(`SELECT code, severity, count(*)::int AS n FROM import_problems WHERE import_id = $1 GROUP BY code, severity ORDER BY n DESC`, [big.imp.id]);
    for (const sev of ['error', 'warning']) out(`  ${sev === 'error' ? 'refused' : 'imported with a warning'}: ${problemCodes.filter((r) => r.severity === sev).map((r) => `${r.code} ${r.n}`).join(', ') || 'none'}`);

    // 4. raw COPY of the same rows into the same (emptied) table, same indexes
    const dump = join(dir, 'people.copy');
    await copyOut(db, pgUrl, `COPY (SELECT * FROM people WHERE org_id = '${orgId}') TO STDOUT`, dump);
    await db.query('TRUNCATE people');
    t0 = performance.now();
    await copyIn(db, pgUrl, 'COPY people FROM STDIN', dump);
    const copyS = secs(t0);
    figures.copy_s = round(copyS);
    figures.import_vs_copy_ratio = round(big.total / copyS);
    figures.import_with_duplicate_check_vs_copy_ratio = round((big.total + big.check) / copyS);
    out(`  raw COPY of the same ${big.imp.importedRows.toLocaleString('en')} rows into the same table: ${copyS.toFixed(1)} s; import / COPY = ${(big.total / copyS).toFixed(2)} (target ≤ 2 on PostgreSQL); with the duplicate check ${((big.total + big.check) / copyS).toFixed(2)}`);
    rmSync(dump, { force: true });
    if (args.only === 'import') {
      // tuning the import: the rest takes long at 1M
      if (args.json) console.log(JSON.stringify(figures));
      return figures;
    }
    await settleAfterBulkWrite(db);

    // 5. search and list through the HTTP API
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const { rows: sample } = await db.query<{ full_name: string }>(`SELECT full_name FROM people WHERE org_id = $1 ORDER BY random() LIMIT ${args.samples}`, [orgId]);
    const { rows: villages } = await db.query<{ area_code: string }>(`SELECT area_code FROM people WHERE org_id = $1 AND area_code IS NOT NULL LIMIT 1`, [orgId]);
    const regency = villages[0]?.area_code.slice(0, 5) ?? '32.04';
    const cases: [string, (i: number) => string, number, string][] = [
      ['fuzzy name search with a typo', (i) => `/api/people?q=${encodeURIComponent(typo(sample[i % sample.length].full_name))}`, 50, 'search'],
      ['list page (50, by name)', () => '/api/people', 30, 'list'],
      ['list page, filtered (sex, age band, regency)', () => `/api/people?sex=female&ageBand=25-59&areaCode=${regency}`, 30, 'list_filtered'],
    ];
    for (const [name, path, target, key] of cases) {
      const times: number[] = [];
      for (let i = 0; i < args.samples + 10; i++) {
        const s = performance.now();
        const res = await fetch(`${url}${path(i)}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path(i)} → ${res.status}`);
        if (i >= 10) times.push(performance.now() - s);
      }
      figures[`${key}_p50_ms`] = round(pct(times, 50));
      figures[`${key}_p95_ms`] = round(pct(times, 95));
      out(`  ${name.padEnd(46)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms  target p95 ≤ ${target} ms  ratio ${(pct(times, 95) / target).toFixed(2)}`);
    }

    // 6. the full duplicate scan, scored against the injected truth (threshold fixed in the code)
    await db.query('DELETE FROM duplicate_pairs');
    resetPeak();
    t0 = performance.now();
    await app.inject({ method: 'POST', url: '/api/duplicates/scan', headers: { cookie } });
    await deps.jobs.drain();
    const scanS = secs(t0);
    const refs = new Map<string, string>();
    for (let last = ''; ; ) {
      const { rows } = await db.query<{ id: string; notes: string }>(`SELECT id, notes FROM people WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT 50000`, [orgId, last || '00000000-0000-0000-0000-000000000000']);
      if (!rows.length) break;
      for (const r of rows) refs.set(r.id, r.notes.slice(4));
      last = rows[rows.length - 1].id;
    }
    // Only pairs whose two rows are in the registry can be found: rows the import refused
    // (an invalid NIK, say) are reported, not scored.
    const present = new Set(refs.values());
    const kept = truthPairs.filter(([a, b]) => present.has(a) && present.has(b));
    figures.dedupe_truth_pairs = kept.length;
    figures.dedupe_truth_pairs_refused = truthPairs.length - kept.length;
    const truth = new Set(kept.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
    const { rows: found } = await db.query<{ person_a: string; person_b: string }>(`SELECT person_a, person_b FROM duplicate_pairs WHERE org_id = $1 AND score >= $2`, [orgId, DUPLICATE_THRESHOLD]);
    let tp = 0;
    for (const f of found) {
      const a = refs.get(f.person_a)!;
      const b = refs.get(f.person_b)!;
      if (truth.has(a < b ? `${a}|${b}` : `${b}|${a}`)) tp++;
    }
    const precision = found.length ? tp / found.length : 0;
    const recall = truth.size ? tp / truth.size : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    Object.assign(figures, { dedupe_scan_s: round(scanS), dedupe_peak_rss_mb: Math.round(peakRss / 2 ** 20), dedupe_pairs: found.length, dedupe_precision: round(precision, 4), dedupe_recall: round(recall, 4), dedupe_f1: round(f1, 4) });
    out(`  duplicate scan: ${scanS.toFixed(1)} s (target < 600 s), peak RSS ${figures.dedupe_peak_rss_mb} MB; ${found.length.toLocaleString('en')} pairs ≥ ${DUPLICATE_THRESHOLD}: precision ${precision.toFixed(4)}, recall of the ${truth.size.toLocaleString('en')} injected pairs in the registry (${figures.dedupe_truth_pairs_refused} more had a row refused by the import) ${recall.toFixed(4)} (target ≥ 0.97), F1 ${f1.toFixed(4)} (target ≥ 0.95)`);

    // 7. a small import checked against the whole registry
    const small = join(dir, 'new.csv');
    {
      const lines = ['Nama Lengkap,Jenis Kelamin,Tgl Lahir,NIK,No KK,Kode Desa,Alamat,HP,Catatan'];
      const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      for (const b of registryBatches({ people: 1000, seed: 77 })) for (const p of b.people) lines.push(`${q(p.name)},${p.sex === 'female' ? 'P' : 'L'},${p.birthDate ?? p.birthYear},${p.nik ?? ''},${p.kk},${p.villageCode},${q(p.address)},${p.phone ?? ''},new:${p.id}`);
      const fd = openSync(small, 'w');
      writeSync(fd, `${lines.join('\n')}\n`);
      closeSync(fd);
    }
    const little = await importFile(small);
    figures.import_1000_s = round(little.total + little.check);
    out(`  import of ${little.imp.importedRows} new rows with duplicate check against ${big.imp.importedRows.toLocaleString('en')} people: ${(little.total + little.check).toFixed(1)} s (the check ${little.check.toFixed(1)} s; target ≤ 10 s); ${little.imp.duplicateRows} flagged`);

    // 8. export of the whole registry. On PostgreSQL from a server process of its own, so its
    // memory is the export's (this process still holds what the import and the scan left).
    const server = pgUrl ? await startServer(join(dir, 'server'), { DATABASE_URL: pgUrl, SECRET_KEY: config.secretKey }) : null;
    const exportUrl = server?.url ?? url;
    for (const format of ['csv', 'xlsx'] as const) {
      resetPeak();
      const base = server ? rssMb(server.child.pid!) : process.memoryUsage().rss / 2 ** 20;
      let serverPeak = base;
      const serverSampler = server ? setInterval(() => (serverPeak = Math.max(serverPeak, rssMb(server.child.pid!))), 100) : null;
      t0 = performance.now();
      const res = await fetch(`${exportUrl}/api/people/export?format=${format}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`export ${format} → ${res.status}`);
      const file = join(dir, `export.${format}`);
      await pipeline(res.body as unknown as NodeJS.ReadableStream, createWriteStream(file));
      const s = secs(t0);
      if (serverSampler) clearInterval(serverSampler);
      const peak = server ? serverPeak : peakRss / 2 ** 20;
      figures[`export_${format}_s`] = round(s);
      figures[`export_${format}_peak_rss_mb`] = Math.round(peak);
      out(`  export ${format.toUpperCase()}: ${s.toFixed(1)} s${format === 'csv' ? ' (target ≤ 60 s)' : ''}, ${(statSync(file).size / 2 ** 20).toFixed(0)} MB, ${server ? 'server process' : 'this process (server and client)'} peak RSS ${Math.round(peak)} MB, ${Math.round(peak - base)} MB over its RSS before (target < 500 MB)`);
      rmSync(file, { force: true });
    }
    if (server) await stopServer(server.child);
    await app.close();
  } finally {
    clearInterval(sampler);
    await db.close().catch(() => {});
    await dropDb();
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.json) console.log(JSON.stringify(figures));
  return figures;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** One realistic typo: a dropped, doubled or swapped letter in the longest word. */
export function typo(name: string) {
  const words = name.split(' ');
  const i = words.reduce((best, w, j) => (w.length > words[best].length ? j : best), 0);
  const w = words[i];
  if (w.length < 4) return name;
  const k = 1 + Math.floor(Math.random() * (w.length - 2));
  const kind = Math.floor(Math.random() * 3);
  words[i] = kind === 0 ? w.slice(0, k) + w.slice(k + 1) : kind === 1 ? w.slice(0, k) + w[k] + w.slice(k) : w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return words.join(' ');
}

async function copyOut(db: Db, pgUrl: string | undefined, sql: string, file: string) {
  if (db.kind === 'pglite') {
    const res = await db.pglite!.query(sql.replace('TO STDOUT', "TO '/dev/blob'"));
    const blob = res.blob!;
    await pipeline(blob.stream() as unknown as NodeJS.ReadableStream, createWriteStream(file));
    return;
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(sql)), createWriteStream(file));
  } finally {
    await client.end();
  }
}

async function copyIn(db: Db, pgUrl: string | undefined, sql: string, file: string) {
  if (db.kind === 'pglite') {
    await db.pglite!.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([readFileSync(file)]) });
    return;
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await pipeline(createReadStream(file), client.query(copyFrom(sql)));
  } finally {
    await client.end();
  }
}
