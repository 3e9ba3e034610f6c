/**
 * A program dashboard whose computed indicators read a big table (issue 4):
 *
 *   npm run bench -- dashboard [--source attendance|registry] [--size 1000000] [--database-url URL] [--samples 100] [--json]
 *
 * attendance (default): seeds N attendance rows straight in SQL — N/5 people (in 40 villages of
 * two regencies, sex, birth years, disability), 5,000 activities of the program over two years
 * (trainings and meetings serving two outputs), each person at about five of them — and three
 * computed indicators over attendance ("people at ≥ 1 training", "people at ≥ 3 activities under
 * output 1", "anyone who came") broken down by sex, age, disability and area.
 * registry: seeds N people registered over two years and three computed indicators counting them.
 * Either way, two more indicators have entered, approved values. Then it asks for the dashboard
 * (GET /api/programs/:id/dashboard, the way the web app does) and prints percentiles, then the
 * first dashboard after a change (counted again).
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../../src/server/app.ts';
import { type Db, connectPglite, connectPostgres } from '../../src/server/db/connect.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { testConfig } from '../../src/server/testing.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function dashboardBench(args: { source: 'attendance' | 'registry'; size: number; databaseUrl?: string; samples: number; json: boolean }) {
  const out = (s: string) => (args.json ? process.stderr : process.stdout).write(`${s}\n`);
  const kind = args.databaseUrl ? 'postgres' : 'pglite';
  out(`Program dashboard over ${args.size.toLocaleString('en')} ${args.source} rows on ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`);
  out(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  let db: Db;
  let drop = async () => {};
  if (args.databaseUrl) {
    const name = `gotong_bench_dash_${Date.now()}`;
    const admin = new pg.Client({ connectionString: args.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(args.databaseUrl);
    u.pathname = `/${name}`;
    db = await connectPostgres(u.toString(), 10);
    drop = async () => {
      const a = new pg.Client({ connectionString: args.databaseUrl });
      await a.connect();
      // sessions still closing (a background job) can keep FORCE from working for a moment
      for (let i = 0; i < 10; i++) {
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (e) {
          if (i === 9) out(`  could not drop ${name}: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      await a.end();
    };
  } else db = await connectPglite(mkdtempSync(join(tmpdir(), 'gotong-bench-dash-')));
  try {
    await migrate(db);
    const app = await buildApp({ db, config: testConfig(), logger: false });
    await app.ready();
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { organization: { name: 'Bench', slug: 'bench' }, user: { name: 'Bench', email: 'bench@example.org', password: 'bench-password-1' } } });
    const headers = { cookie: String(setup.headers['set-cookie']).split(';')[0], 'accept-language': 'en' };
    const orgId = (await app.inject({ url: '/api/org', headers })).json().id as string;
    const year = new Date().getUTCFullYear();

    let t0 = performance.now();
    const peopleCount = args.source === 'attendance' ? Math.max(1, Math.floor(args.size / 5)) : args.size;
    // 40 villages in two regencies; half the people in the program's regency
    await db.query(
      `INSERT INTO people (org_id, id, full_name, search_name, sex, birth_year, area_code, has_disability, roles, created_at)
       SELECT $1, gen_random_uuid(), 'Orang ' || g, 'orang ' || g, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
              1940 + (g::bigint * 7919) % 80, CASE WHEN g % 2 = 0 THEN '32.04.05.20' ELSE '32.05.01.20' END || lpad(((g / 2) % 20 + 1)::text, 2, '0'),
              g % 17 = 0, CASE WHEN g % 3 = 0 THEN ARRAY['volunteer'] ELSE ARRAY['beneficiary'] END,
              make_timestamptz($3 - 1, 1, 1, 0, 0, 0, 'UTC') + ((g::float8 / $2) * interval '700 days')
         FROM generate_series(1, $2) g`,
      [orgId, peopleCount, year],
    );
    await db.exec('ANALYZE people');
    out(`  seeded ${peopleCount.toLocaleString('en')} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const post = async (url: string, payload: object) => {
      const r = await app.inject({ method: 'POST', url, headers, payload });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`);
      return r.json();
    };
    const program = await post('/api/programs', { name: 'Bench program', startDate: `${year - 1}-01-01`, endDate: `${year}-12-31`, targetAreas: ['32.04'] });
    const goal = (await post(`/api/programs/${program.id}/results`, { parentId: null, statement: 'Goal' })).items[0].id;
    const outcome = (await post(`/api/programs/${program.id}/results`, { parentId: goal, statement: 'Outcome' })).items.find((r: { level: string }) => r.level === 'outcome').id;
    const quarters = [1, 4, 7, 10].flatMap((m) => [year - 1, year].map((y) => ({ start: `${y}-${String(m).padStart(2, '0')}-01`, end: new Date(Date.UTC(y, m + 2, 0)).toISOString().slice(0, 10) })));
    const targets = (v: number) => quarters.map((q) => ({ ...q, value: v }));
    if (args.source === 'attendance') {
      const output = async (statement: string) => (await post(`/api/programs/${program.id}/results`, { parentId: outcome, statement })).items.find((r: { level: string; statement: string }) => r.statement === statement).id as string;
      const out1 = await output('Output 1');
      const out2 = await output('Output 2');
      t0 = performance.now();
      const activities = 5000;
      await db.query(
        `INSERT INTO activities (org_id, id, title, type, program_id, result_id, starts_at, ends_at, status)
         SELECT $1, gen_random_uuid(), 'Kegiatan ' || i, CASE WHEN i % 3 = 0 THEN 'meeting' ELSE 'training' END, $2, CASE WHEN i % 2 = 0 THEN $3::uuid ELSE $4::uuid END,
                make_timestamptz($5 - 1, 1, 1, 2, 0, 0, 'UTC') + ((i::float8 / $6) * interval '690 days'),
                make_timestamptz($5 - 1, 1, 1, 5, 0, 0, 'UTC') + ((i::float8 / $6) * interval '690 days'), 'done'
           FROM generate_series(0, $6 - 1) i`,
        [orgId, program.id, out1, out2, year, activities],
      );
      // person g % P at activity (g % A + (g / P) * 997) % A: each pair once, about five activities per person
      await db.query(
        `WITH acts AS (SELECT id, row_number() OVER (ORDER BY starts_at, id) - 1 AS i FROM activities WHERE org_id = $1),
              ppl AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM people WHERE org_id = $1)
         INSERT INTO attendance (org_id, activity_id, person_id, method)
         SELECT $1, a.id, p.id, 'list' FROM generate_series(0, $2 - 1) g
           JOIN acts a ON a.i = ((g % $3) + (g / $4) * 997) % $3 JOIN ppl p ON p.i = g % $4`,
        [orgId, args.size, activities, peopleCount],
      );
      await db.exec('ANALYZE activities; ANALYZE attendance');
      out(`  seeded ${activities.toLocaleString('en')} activities and ${args.size.toLocaleString('en')} attendance rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await post(`/api/results/${goal}/indicators`, { code: 'C1', name: 'People trained', frequency: 'quarter', computation: { source: 'attendance', activityTypes: ['training'], minActivities: 1, inProgramAreas: false }, disaggregations: ['sex', 'age', 'disability', 'area'], targets: targets(peopleCount / 8) });
      await post(`/api/results/${goal}/indicators`, { code: 'C2', name: 'People at ≥ 3 activities of output 1', frequency: 'quarter', computation: { source: 'attendance', resultId: out1, minActivities: 3, inProgramAreas: false }, disaggregations: ['sex', 'age'], targets: targets(peopleCount / 20) });
      await post(`/api/results/${goal}/indicators`, { code: 'C3', name: 'Anyone from the target areas who came', frequency: 'month', computation: { source: 'attendance', inProgramAreas: true }, disaggregations: ['area'] });
    } else {
      await post(`/api/results/${goal}/indicators`, { code: 'C1', name: 'Beneficiaries reached', frequency: 'quarter', computation: { source: 'people', roles: ['beneficiary'], inProgramAreas: true }, disaggregations: ['sex', 'age', 'disability', 'area'], targets: targets(args.size / 4) });
      await post(`/api/results/${goal}/indicators`, { code: 'C2', name: 'Volunteers registered', frequency: 'quarter', computation: { source: 'people', roles: ['volunteer'], inProgramAreas: false }, disaggregations: ['sex', 'age'], targets: targets(args.size / 3) });
      await post(`/api/results/${goal}/indicators`, { code: 'C3', name: 'Everyone in the target areas', frequency: 'month', computation: { source: 'people', roles: [], inProgramAreas: true }, disaggregations: ['area'] });
    }
    for (const code of ['E1', 'E2']) {
      const ind = await post(`/api/results/${outcome}/indicators`, { code, name: `Entered ${code}`, type: 'count', frequency: 'quarter', disaggregations: ['sex'], targets: targets(100) });
      for (const q of quarters.filter((x) => x.end < `${year}-12-31`)) {
        const v = await post(`/api/indicators/${ind.id}/values`, { date: q.end, value: 30, parts: { sex: { female: 18, male: 12 } } });
        await post(`/api/values/${v.id}/review`, { decision: 'approve', version: 1 });
      }
    }

    const ask = async () => {
      const s = performance.now();
      const r = await app.inject({ url: `/api/programs/${program.id}/dashboard`, headers });
      if (r.statusCode !== 200) throw new Error(r.body);
      return { ms: performance.now() - s, body: r.json() };
    };
    t0 = performance.now();
    const first = await ask();
    // C1 to date in the current period (the traffic light judges the last ended one)
    const nowToDate = (body: { today: string; indicators: { series: { periods: { start: string; toDate: number | null }[] } }[] }) =>
      body.indicators[0].series.periods.filter((p) => p.start <= body.today).at(-1)?.toDate?.toLocaleString('en');
    out(`  first dashboard: ${first.ms.toFixed(0)} ms; C1 to date ${nowToDate(first.body)} (${first.body.indicators[0].series.status})`);
    const times: number[] = [];
    for (let i = 0; i < args.samples; i++) times.push((await ask()).ms);
    const figures = { database: kind, source: args.source, rows: args.size, samples: args.samples, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: Math.max(...times) };
    out(`  dashboard (5 indicators, 3 computed over ${args.size.toLocaleString('en')} rows): p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms  target p95 ≤ 300 ms  ratio ${(figures.p95 / 300).toFixed(2)} ${figures.p95 <= 300 ? 'OK' : 'OVER'}`);
    // a change shows at once: the next dashboard counts again (the slow path)
    const cold: number[] = [];
    let after = first.body;
    const firstTraining = args.source === 'attendance' ? (await db.query<{ id: string }>(`SELECT id FROM activities WHERE org_id = $1 AND type = 'training' ORDER BY starts_at DESC LIMIT 1`, [orgId])).rows[0].id : null;
    for (let i = 0; i < 5; i++) {
      const person = await post('/api/people', { fullName: `Satu Lagi ${i}`, roles: ['beneficiary'], areaCode: '32.04.05.2001', sex: 'female' });
      if (firstTraining) {
        const r = await app.inject({ method: 'PUT', url: `/api/activities/${firstTraining}/attendance/${person.id}`, headers, payload: { method: 'walk_in' } });
        if (r.statusCode !== 200) throw new Error(r.body);
      }
      const r = await ask();
      cold.push(r.ms);
      after = r.body;
    }
    Object.assign(figures, { coldP50: pct(cold, 50), coldMax: Math.max(...cold), firstMs: first.ms });
    out(`  first dashboard after a change (all 3 computed indicators counted again): median ${pct(cold, 50).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`);
    out(`  after five more ${args.source === 'attendance' ? 'people trained' : 'beneficiaries'}: C1 to date ${nowToDate(after)} (was ${nowToDate(first.body)})`);
    if (args.json) console.log(JSON.stringify(figures));
    await app.close();
  } finally {
    await db.close?.();
    await drop();
  }
}
