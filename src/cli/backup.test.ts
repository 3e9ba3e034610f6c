import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import type { Db } from '../server/db/connect.ts';
import { DATABASES, addMember, freshDb, signUpWithOrg, testConfig } from '../server/testing.ts';
import { BACKUP_TABLES, DERIVED_TABLES, backup, restore } from './backup.ts';

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
  // programs, results data with a file, an activity with a registration, attendance, a volunteer and a report
  const post = async (url: string, payload: object, headers: Record<string, string> = owner.headers) => {
    const r = await app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
    expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    return r.json();
  };
  const person = (await app.inject({ url: '/api/people?limit=1', headers: owner.headers })).json().items[0];
  const program = await post('/api/programs', { name: 'Program Cadangan', startDate: '2026-01-01', endDate: '2026-12-31' });
  const goal = (await post(`/api/programs/${program.id}/results`, { parentId: null, statement: 'Tujuan' })).items[0];
  const indicator = await post(`/api/results/${goal.id}/indicators`, { code: '1', name: 'Indikator', frequency: 'year', targets: [{ start: '2026-01-01', end: '2026-12-31', value: 10 }] });
  const value = await post(`/api/indicators/${indicator.id}/values`, { date: '2026-02-01', value: 3 });
  await post(`/api/values/${value.id}/evidence?fileName=bukti.pdf`, Buffer.from('%PDF-1.4 bukti') as unknown as object, { ...owner.headers, 'content-type': 'application/pdf' });
  const activity = (await post('/api/activities', { title: 'Kegiatan Cadangan', type: 'training', programId: program.id, startDate: '2026-02-01', startTime: '09:00', endTime: '11:00' })).item;
  await post(`/api/activities/${activity.id}/registrations`, { personId: person.id });
  await app.inject({ method: 'PUT', url: `/api/activities/${activity.id}/attendance/${person.id}`, headers: owner.headers, payload: {} });
  await post('/api/volunteers', { personId: person.id });
  await post(`/api/activities/${activity.id}/report`, { summary: 'Laporan' });
  await app.close();
  return f.db;
}

describe.each(DATABASES)('backup and restore on %s', (kind) => {
  it('covers every table: a table a migration adds is backed up unless it is derived', async () => {
    const f = await freshDb(kind);
    cleanups.push(f.drop);
    const { rows } = await f.db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
    const covered = new Set([...BACKUP_TABLES.map((t) => t.name), ...DERIVED_TABLES]);
    expect(rows.map((r) => r.table_name).filter((n) => !covered.has(n))).toEqual([]);
  });

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
    for (const t of ['programs', 'indicator_values', 'value_evidence', 'activities', 'activity_registrations', 'attendance', 'volunteers', 'activity_reports']) expect(restored[t], t).toBe(1);
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
