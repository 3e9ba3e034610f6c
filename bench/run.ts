/**
 * Benchmarks of the foundation (issue 2). Not tests: they print figures, ratios to the targets and
 * percentiles; docs/performance.md records a run. Usage: npm run bench [-- --people 10000]
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { connectPglite } from '../src/server/db/connect.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildApp, WEB_DIST } from '../src/server/app.ts';
import { testConfig } from '../src/server/testing.ts';
import { seedPeople } from './seed.ts';
import { exportBench } from './export.ts';
import { rssMb, startServer, stopServer } from './server.ts';

const { values, positionals } = parseArgs({
  options: { people: { type: 'string', default: '10000' }, samples: { type: 'string', default: '300' }, only: { type: 'string' }, 'export-people': { type: 'string', default: '100000' }, size: { type: 'string' }, source: { type: 'string' }, 'database-url': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
});
const PEOPLE = Number(values.people);
const SAMPLES = Number(values.samples);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number) => n.toFixed(1);
const line = (name: string, value: number, unit: string, target: number) =>
  console.log(`  ${name.padEnd(44)} ${fmt(value).padStart(8)} ${unit.padEnd(3)} target ≤ ${target} ${unit}  ratio ${(value / target).toFixed(2)} ${value <= target ? 'OK' : 'OVER'}`);

if (positionals[0] === 'registry') {
  // issue 3: npm run bench -- registry [--size N] [--database-url URL] [--json]
  const { registryBench } = await import('./registry/run.ts');
  await registryBench({ size: Number(values.size ?? 1_000_000), databaseUrl: values['database-url'], json: !!values.json, samples: Number(values.samples), only: values.only });
  process.exit(0);
}

if (positionals[0] === 'dashboard') {
  // issue 4: npm run bench -- dashboard [--source attendance|registry] [--size N] [--database-url URL] [--samples N] [--json]
  const { dashboardBench } = await import('./programs/dashboard.ts');
  const source = values.source === 'registry' ? 'registry' : 'attendance';
  await dashboardBench({ source, size: Number(values.size ?? 1_000_000), databaseUrl: values['database-url'], json: !!values.json, samples: Math.min(Number(values.samples), 1000) });
  process.exit(0);
}

console.log(`Gotong benchmarks — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}\n`);


async function startup() {
  console.log('Start on the embedded database (process start → first 200 from /api/health)');
  const dir = mkdtempSync(join(tmpdir(), 'gotong-bench-start-'));
  const first = await startServer(dir);
  await stopServer(first.child);
  const later: number[] = [];
  let rss = 0;
  for (let i = 0; i < 3; i++) {
    const s = await startServer(dir);
    later.push(s.ms);
    if (i === 2) {
      await fetch(`${s.url}/api/setup`);
      await new Promise((r) => setTimeout(r, 5000));
      rss = rssMb(s.child.pid!);
    }
    await stopServer(s.child);
  }
  line('first start (creates + migrates)', first.ms / 1000, 's', 10);
  line('later start, median of 3', pct(later, 50) / 1000, 's', 3);
  line('idle memory (RSS after 5 s)', rss, 'MB', 400);
  console.log('');
}

async function bundle() {
  console.log('Web app JavaScript per page (gzip, what the browser downloads)');
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    console.log('  dist/web missing: run npm run build first\n');
    return;
  }
  const { chromium } = await import('@playwright/test');
  const dir = mkdtempSync(join(tmpdir(), 'gotong-bench-web-'));
  const s = await startServer(dir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    for (const page of ['/signin', '/people']) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      const scripts = new Set<string>();
      p.on('response', (r) => {
        if (r.request().resourceType() === 'script' && r.url().startsWith(s.url)) scripts.add(r.url());
      });
      if (page === '/people') {
        await p.request.post(`${s.url}/api/setup`, { data: { organization: { name: 'Bench', slug: `bench-${Date.now()}` }, user: { name: 'B', email: `b${Date.now()}@example.org`, password: 'bench-password-1' } } }).catch(() => {});
      }
      await p.goto(`${s.url}${page}`, { waitUntil: 'networkidle' });
      let total = 0;
      for (const u of scripts) total += gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer()), { level: 9 }).length;
      line(`${page} (${scripts.size} scripts)`, total / 1024, 'KB', 300);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await stopServer(s.child);
  }
  console.log('');
}

async function latency() {
  console.log(`People list and search through the HTTP API, ${PEOPLE.toLocaleString('en')} people on PGlite (${SAMPLES} requests each)`);
  const db = await connectPglite(mkdtempSync(join(tmpdir(), 'gotong-bench-api-')));
  await migrate(db);
  const app = await buildApp({ db, config: testConfig(), logger: false });
  const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { organization: { name: 'Bench', slug: 'bench' }, user: { name: 'Bench', email: 'bench@example.org', password: 'bench-password-1' } } });
  const cookie = String(setup.headers['set-cookie']).split(';')[0];
  const t0 = performance.now();
  const { orgId, sample } = await seedPeople(db, app.services, PEOPLE);
  console.log(`  (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; org ${orgId.slice(0, 8)})`);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const cases: [string, () => string, number][] = [
    ['list, first page (50, by name)', () => '/api/people', 50],
    ['list, filtered (sex, age band, regency)', () => '/api/people?sex=female&ageBand=25-59&areaCode=32.04', 50],
    ['list, page 5 via cursor', () => `/api/people?cursor=${sample.cursor}`, 50],
    ['fuzzy name search with a typo', () => `/api/people?q=${encodeURIComponent(typo(sample.names[Math.floor(Math.random() * sample.names.length)]))}`, 50],
    ['exact NIK search', () => `/api/people?q=${sample.niks[Math.floor(Math.random() * sample.niks.length)]}`, 50],
  ];
  for (const [name, path, target] of cases) {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES + 10; i++) {
      const t = performance.now();
      const res = await fetch(`${url}${path()}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      if (i >= 10) times.push(performance.now() - t);
    }
    console.log(`  ${name.padEnd(44)} p50 ${fmt(pct(times, 50)).padStart(6)} ms  p95 ${fmt(pct(times, 95)).padStart(6)} ms  p99 ${fmt(pct(times, 99)).padStart(6)} ms  target p95 ≤ ${target} ms  ratio ${(pct(times, 95) / target).toFixed(2)} ${pct(times, 95) <= target ? 'OK' : 'OVER'}`);
  }
  await app.close();
  await db.close();
  console.log('');
}

/** One realistic typo: a dropped, doubled or swapped letter in the longest word. */
function typo(name: string) {
  const words = name.split(' ');
  const i = words.reduce((best, w, j) => (w.length > words[best].length ? j : best), 0);
  const w = words[i];
  const k = 1 + Math.floor(Math.random() * (w.length - 2));
  const kind = Math.floor(Math.random() * 3);
  words[i] = kind === 0 ? w.slice(0, k) + w.slice(k + 1) : kind === 1 ? w.slice(0, k) + w[k] + w.slice(k) : w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return words.join(' ');
}

const only = values.only?.split(',');
if (!only || only.includes('startup')) await startup();
if (!only || only.includes('bundle')) await bundle();
if (!only || only.includes('latency')) await latency();
if (!only || only.includes('export')) await exportBench(Number(values['export-people']));
