/**
 * Export benchmark (npm run bench -- --only export [--export-people 100000]): seeds N people in an
 * embedded database, starts the real server on it as its own process, downloads the whole
 * registry as CSV and as XLSX through HTTP, and reports the time and the server's memory (RSS
 * sampled every 20 ms during the download, against its RSS before).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite } from '../src/server/db/connect.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { testConfig } from '../src/server/testing.ts';
import { seedPeople } from './seed.ts';
import { rssMb, startServer } from './server.ts';


export async function exportBench(count: number) {
  console.log(`Export of the whole registry through HTTP, ${count.toLocaleString('en')} people, server process on the embedded database`);
  const dir = mkdtempSync(join(tmpdir(), 'gotong-bench-export-'));
  const config = testConfig({ dataDir: dir });
  const email = 'bench@example.org';
  const password = 'bench-password-1';
  {
    const db = await connectPglite(dir);
    await migrate(db);
    const app = await buildApp({ db, config, logger: false });
    await app.inject({ method: 'POST', url: '/api/setup', payload: { organization: { name: 'Bench', slug: 'bench' }, user: { name: 'Bench', email, password } } });
    const t0 = performance.now();
    await seedPeople(db, app.services, count);
    console.log(`  (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await app.close();
    await db.close();
  }

  const { child, url } = await startServer(dir, { SECRET_KEY: config.secretKey });
  try {
    const signin = await fetch(`${url}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = signin.headers.getSetCookie().find((c) => c.startsWith('gotong_session='))!.split(';')[0];
    await new Promise((r) => setTimeout(r, 2000)); // let start-up settle before measuring
    for (const format of ['csv', 'xlsx'] as const) {
      const before = rssMb(child.pid!);
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(child.pid!));
      }, 20);
      const t0 = performance.now();
      const res = await fetch(`${url}/api/people/export?format=${format}&hxl=true`, { headers: { cookie, 'accept-language': 'id' } });
      if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(child.pid!));
      console.log(
        `  ${`${format.toUpperCase()}, default columns + HXL row`.padEnd(36)} ${seconds.toFixed(1).padStart(6)} s  ${Math.round(count / seconds)
          .toLocaleString('en')
          .padStart(7)} rows/s  ${(bytes / 2 ** 20).toFixed(1).padStart(6)} MB  server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)})`,
      );
    }
  } finally {
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
}
