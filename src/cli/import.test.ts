import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectPglite } from '../server/db/connect.ts';

const BIN = join(import.meta.dirname, '../../bin/gotong.mjs');
const run = (args: string[], env: Record<string, string>) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** n people in households of 3 (shared KK numbers), in one real village; every 500th row has no name. */
function registryCsv(n: number) {
  const lines = ['Nama Lengkap,Jenis Kelamin,Tanggal Lahir,No KK,Hubungan,Kode Desa'];
  for (let i = 0; i < n; i++) {
    const kk = `320405${String(1000000000 + Math.floor(i / 3)).slice(0, 10)}`;
    const name = i % 500 === 499 ? '' : `Warga Nomor ${i}`;
    lines.push(`${name},${i % 2 ? 'P' : 'L'},${1 + (i % 28)}/${1 + (i % 12)}/${1950 + (i % 60)},${kk},${i % 3 === 0 ? 'Kepala Keluarga' : 'Anak'},32.04.05.2001`);
  }
  return `${lines.join('\n')}\n`;
}

describe('gotong import people', () => {
  it('imports a file, and after kill -9 part-way resumes from its checkpoint: every good row once, households once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotong-import-'));
    // rows converted in a worker thread, as for a big file: killed with the process, resumed after
    const env = { DATA_DIR: join(dir, 'data'), IMPORT_WORKER_MIN_MB: '0' };
    expect(run(['org', 'create', '--name', 'Yayasan Impor', '--slug', 'impor'], env).code).toBe(0);
    expect(run(['user', 'create', '--email', 'impor@example.org', '--password', 'impor-password-1', '--org', 'impor', '--role', 'owner'], env).code).toBe(0);
    const n = 24_000;
    const file = join(dir, 'warga.csv');
    writeFileSync(file, registryCsv(n));
    const bad = Math.floor(n / 500);

    // killed as soon as it reports importing progress
    const child = spawn(process.execPath, [BIN, 'import', 'people', file, '--org', 'impor'], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    let err = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        err += d;
        const m = /importing: import (\d+)/.exec(err);
        if (m && Number(m[1]) > 0 && !child.killed) {
          child.kill('SIGKILL');
          resolve(Number(m[1]));
        }
      });
      child.on('exit', (code) => reject(new Error(`import ended (${code}) before it could be killed:\n${err}`)));
    });
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toBeLessThan(n - bad);

    // what the kill left: a partial, resumable import
    const peek = async () => {
      const db = await connectPglite(env.DATA_DIR);
      try {
        const imp = (await db.query<{ status: string; imported_rows: number; id: string }>('SELECT id, status, imported_rows FROM imports')).rows[0];
        const people = (await db.query<{ n: number; names: number }>('SELECT count(*)::int AS n, count(DISTINCT full_name)::int AS names FROM people WHERE import_id = $1', [imp.id])).rows[0];
        const households = (await db.query<{ n: number; kks: number }>('SELECT count(*)::int AS n, count(DISTINCT kk_bidx)::int AS kks FROM households WHERE import_id = $1', [imp.id])).rows[0];
        const job = (await db.query<{ state: { offThread?: boolean } }>(`SELECT state FROM jobs WHERE kind = 'import.apply'`)).rows[0];
        return { imp, people, households, offThread: job.state.offThread };
      } finally {
        await db.close();
      }
    };
    const mid = await peek();
    expect(mid.imp.status).toBe('importing');
    expect(mid.offThread).toBe(true);
    expect(mid.people.n).toBe(mid.imp.imported_rows);
    expect(mid.people.n).toBeLessThan(n - bad);

    const resumed = run(['jobs'], env);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain('import.apply done: 1');
    const end = await peek();
    expect(end.imp.status).toBe('done');
    expect(end.offThread).toBe(true);
    expect(end.people).toEqual({ n: n - bad, names: n - bad });
    expect(end.households).toEqual({ n: Math.ceil(n / 3), kks: Math.ceil(n / 3) });
  }, 300_000);

  it('reports bad rows and imports nothing with --all-or-nothing; takes a mapping file by header names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotong-import-'));
    const env = { DATA_DIR: join(dir, 'data') };
    run(['org', 'create', '--name', 'Yayasan Dua', '--slug', 'dua'], env);
    run(['user', 'create', '--email', 'dua@example.org', '--password', 'dua-password-12', '--org', 'dua', '--role', 'owner'], env);
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'Siapa,Lahir\nAni,01/02/2000\nBudi,31/02/2000\n');
    const mapping = join(dir, 'm.json');
    writeFileSync(mapping, JSON.stringify({ fullName: 'Siapa', birthDate: 'lahir' }));
    const report = join(dir, 'report.csv');
    const refused = run(['import', 'people', file, '--org', 'dua', '--mapping', mapping, '--all-or-nothing', '--report', report], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('line 3, birthDate: Not a valid date');
    expect(refused.err).toContain('Nothing was imported');
    const ok = run(['import', 'people', file, '--org', 'dua', '--mapping', mapping], env);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Imported 1 people');
    const wrong = run(['import', 'people', file, '--org', 'dua', '--mapping', mapping.replace('m.json', 'missing.json')], env);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Cannot read the mapping file');
  }, 120_000);
});
