import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import type { Db } from '../server/db/connect.ts';
import { DATABASES, addMember, freshDb, signUpWithOrg, testConfig } from '../server/testing.ts';
import { BACKUP_TABLES, backup, restore } from './backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'gotong-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function dump(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of BACKUP_TABLES) out[t.name] = (await db.query<{ r: unknown }>(`SELECT row_to_json(x) AS r FROM ${t.name} x ORDER BY ${t.key.join(', ')}`)).rows.map((r) => r.r);
  return out;
}

async function seeded(kind: 'pglite' | 'postgres') {
  const f = await freshDb(kind);
  cleanups.push(f.drop);
  const app = await buildApp({ db: f.db, config: testConfig(), logger: false });
  const owner = await signUpWithOrg(app);
  await addMember(app, owner, 'staff');
  const h = (await app.inject({ method: 'POST', url: '/api/households', headers: owner.headers, payload: { name: 'Keluarga Cadangan', kkNumber: '3204050101100001' } })).json();
  for (let i = 0; i < 30; i++) {
    await app.inject({ method: 'POST', url: '/api/people', headers: owner.headers, payload: { fullName: `Orang ${i}`, householdId: h.id, relationship: i ? 'child' : 'head', nik: `320405120590${String(i + 1).padStart(4, '0')}`, sex: 'male', birthDate: '1990-05-12', disability: { walking: 3 }, tags: ['a', 'b'] } });
  }
  await app.close();
  return f.db;
}

describe.each(DATABASES)('backup and restore on %s', (kind) => {
  it('gives back every row in an empty database, and refuses a non-empty or truncated one', async () => {
    const source = await seeded(kind);
    const file = join(dir, `${kind}.gotong.gz`);
    const counts = await backup(source, file);
    expect(counts.people).toBe(30);
    const target = await freshDb(kind);
    cleanups.push(target.drop);
    const restored = await restore(target.db, file);
    expect(restored.people).toBe(30);
    expect(await dump(target.db)).toEqual(await dump(source));
    // a restored registry still works: its NIK decrypts and search finds people
    const app = await buildApp({ db: target.db, config: testConfig(), logger: false });
    const { rows } = await target.db.query<{ nik_enc: string }>('SELECT nik_enc FROM people LIMIT 1');
    expect(app.services.cipher.decrypt(rows[0].nik_enc)).toMatch(/^\d{16}$/);
    await app.close();
    // restoring again into the now full database is refused and changes nothing
    await expect(restore(target.db, file)).rejects.toThrow(/empty database/);
    expect((await dump(target.db)).people).toHaveLength(30);
    // a truncated file (no end marker) restores nothing
    const lines = gunzipSync(readFileSync(file)).toString().trim().split('\n');
    const cut = join(dir, `${kind}-cut.gz`);
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    const empty = await freshDb(kind);
    cleanups.push(empty.drop);
    await expect(restore(empty.db, cut)).rejects.toThrow(/incomplete/);
    expect((await empty.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(0);
  });
});

describe.runIf(DATABASES.includes('postgres'))('moving from PGlite to PostgreSQL', () => {
  it('restores an embedded backup into PostgreSQL', async () => {
    const source = await seeded('pglite');
    const file = join(dir, 'move.gotong.gz');
    await backup(source, file);
    const target = await freshDb('postgres');
    cleanups.push(target.drop);
    await restore(target.db, file);
    expect(await dump(target.db)).toEqual(await dump(source));
  });
});

describe('automatic backups of the embedded database', () => {
  it('writes a dated backup and keeps only the newest ones', async () => {
    const { scheduleBackups } = await import('../server/db/autobackup.ts');
    const { mkdirSync, readdirSync, writeFileSync } = await import('node:fs');
    const f = await freshDb('pglite');
    cleanups.push(f.drop);
    const dataDir = join(dir, 'auto');
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    for (const d of ['2020-01-01', '2020-01-02', '2020-01-03']) writeFileSync(join(dataDir, 'backups', `gotong-${d}.gotong.gz`), 'old');
    const logs: string[] = [];
    const s = scheduleBackups(f.db, dataDir, { info: (_o, m) => logs.push(m), error: (o) => logs.push(JSON.stringify(o)) }, 2);
    await s.run();
    s.stop();
    const files = readdirSync(join(dataDir, 'backups')).sort();
    expect(files).toEqual(['gotong-2020-01-03.gotong.gz', `gotong-${new Date().toISOString().slice(0, 10)}.gotong.gz`]);
    expect(logs).toEqual(['automatic backup written']);
  });
});
