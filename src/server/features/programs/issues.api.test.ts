import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('issue log on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const program = async () => (await req('POST', '/api/programs', { name: `Program ${Math.random()}` })).json().id as string;
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

  it('logs issues, open first; resolving dates them today; opening again clears the date; versioned, deleted and restored', async () => {
    const p = await program();
    const flood = await req('POST', `/api/programs/${p}/issues`, { description: 'Banjir merusak lahan percontohan', impact: 'Sekolah lapang tertunda dua minggu', ownerId: owner.userId, raisedDate: '2026-01-10' });
    expect(flood.statusCode, flood.body).toBe(201);
    expect(flood.json()).toMatchObject({ status: 'open', resolvedDate: null, raisedDate: '2026-01-10', owner: { id: owner.userId }, decision: null });
    const late = (await req('POST', `/api/programs/${p}/issues`, { description: 'Penyuluh pindah tugas' })).json();
    expect(late.raisedDate).toBe(today());
    const list = async () => (await req('GET', `/api/programs/${p}/issues`)).json().items.map((i: { description: string; status: string }) => `${i.status} ${i.description}`);
    expect(await list()).toEqual(['open Penyuluh pindah tugas', 'open Banjir merusak lahan percontohan']);

    const resolved = await req('PATCH', `/api/issues/${late.id}`, { status: 'resolved', decision: 'Minta penyuluh pengganti ke dinas', version: 1 });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedDate: today(), decision: 'Minta penyuluh pengganti ke dinas', version: 2 });
    expect(await list()).toEqual(['open Banjir merusak lahan percontohan', 'resolved Penyuluh pindah tugas']);
    expect((await req('PATCH', `/api/issues/${late.id}`, { status: 'open', version: 1 })).statusCode).toBe(409);
    expect((await req('PATCH', `/api/issues/${late.id}`, { status: 'open', version: 2 })).json()).toMatchObject({ status: 'open', resolvedDate: null });
    // a resolved date alone resolves it
    expect((await req('PATCH', `/api/issues/${flood.json().id}`, { resolvedDate: '2026-02-01', version: 1 })).json()).toMatchObject({ status: 'resolved', resolvedDate: '2026-02-01' });

    expect((await req('DELETE', `/api/issues/${late.id}`)).json().deletedAt).not.toBeNull();
    expect(await list()).toHaveLength(1);
    expect((await req('POST', `/api/issues/${late.id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('POST', `/api/issues/${late.id}/restore`)).statusCode).toBe(404);
    expect((await req('GET', `/api/audit?entityId=${late.id}`)).json().items.map((x: { action: string }) => x.action)).toEqual(['restore', 'delete', 'update', 'update', 'create']);
  });

  it('refuses bad input with field codes in the caller’s language', async () => {
    const p = await program();
    const other = await signUpWithOrg(t.app);
    const bad = await req('POST', `/api/programs/${p}/issues`, { description: '', status: 'closed', raisedDate: '2026-02-30', colour: 'red' }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(['colour', 'description', 'raisedDate', 'status']);
    expect(fields.description.message).toBe('Wajib diisi.');
    expect(bad.json().error.message).toBe('Beberapa isian belum benar. Periksa kolom yang ditandai.');
    const before = await req('POST', `/api/programs/${p}/issues`, { description: 'x', raisedDate: '2026-03-10', resolvedDate: '2026-03-01', ownerId: other.userId });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.fields).toMatchObject({ resolvedDate: { code: 'resolved_before_raised', message: 'The resolved date cannot be before the date the issue was raised.' }, ownerId: { code: 'not_a_member' } });
    expect((await req('GET', `/api/programs/${p}/issues`)).json().items).toEqual([]);
  });

  it('lets a viewer read the log but not change it; a deleted program has none', async () => {
    const p = await program();
    const i = (await req('POST', `/api/programs/${p}/issues`, { description: 'Jalan desa putus' })).json();
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('GET', `/api/programs/${p}/issues`, undefined, viewer.headers)).json().items).toHaveLength(1);
    expect((await req('POST', `/api/programs/${p}/issues`, { description: 'x' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('PATCH', `/api/issues/${i.id}`, { status: 'resolved', version: 1 }, viewer.headers)).statusCode).toBe(403);
    expect((await req('DELETE', `/api/issues/${i.id}`, undefined, viewer.headers)).statusCode).toBe(403);
    await req('DELETE', `/api/programs/${p}`);
    expect((await req('GET', `/api/programs/${p}/issues`)).statusCode).toBe(404);
    expect((await req('PATCH', `/api/issues/${i.id}`, { status: 'resolved', version: 1 })).statusCode).toBe(404);
  });
});
