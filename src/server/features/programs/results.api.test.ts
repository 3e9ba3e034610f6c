import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

type Item = { id: string; level: string; code: string; statement: string; version: number; parentId: string | null };

describe.each(DATABASES)('results framework on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const outline = (items: Item[]) => items.map((r) => `${r.code || 'G'} ${r.statement}`);
  const program = async () => (await req('POST', '/api/programs', { name: `Program ${Math.random()}` })).json().id as string;
  const add = async (programId: string, parentId: string | null, statement: string, extra: object = {}) => {
    const res = await req('POST', `/api/programs/${programId}/results`, { parentId, statement, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items as Item[];
    return { items, id: items.find((r) => r.statement === statement)!.id };
  };

  it('builds goal → outcomes → outputs → activities, numbered by their order, with assumptions and means of verification', async () => {
    const p = await program();
    const goal = await add(p, null, 'Pendapatan petani kecil naik');
    const o1 = await add(p, goal.id, 'Petani memakai cara tanam tahan iklim', { assumptions: 'Cuaca tidak ekstrem dua musim berturut-turut', meansOfVerification: 'Survei rumah tangga' });
    const o2 = await add(p, goal.id, 'Kelompok tani menjual bersama');
    const out11 = await add(p, o1.id, 'Petani terlatih');
    await add(p, o1.id, 'Lahan percontohan');
    await add(p, out11.id, 'Sekolah lapang 12 kali');
    // an output placed first among its siblings
    const last = await add(p, o2.id, 'Koperasi berdiri');
    const first = await add(p, o2.id, 'Pasar dipetakan', { position: 0 });
    expect(outline(first.items)).toEqual([
      'G Pendapatan petani kecil naik',
      '1 Petani memakai cara tanam tahan iklim',
      '1.1 Petani terlatih',
      '1.1.1 Sekolah lapang 12 kali',
      '1.2 Lahan percontohan',
      '2 Kelompok tani menjual bersama',
      '2.1 Pasar dipetakan',
      '2.2 Koperasi berdiri',
    ]);
    expect(first.items.map((r) => r.level)).toEqual(['goal', 'outcome', 'output', 'activity', 'output', 'outcome', 'output', 'output']);
    expect(first.items[1]).toMatchObject({ assumptions: 'Cuaca tidak ekstrem dua musim berturut-turut', meansOfVerification: 'Survei rumah tangga' });
    expect(last.id).toBeTruthy();

    // nothing under an activity; one goal only; a parent from another program refused
    const activity = first.items.find((r) => r.level === 'activity')!;
    const deep = await req('POST', `/api/programs/${p}/results`, { parentId: activity.id, statement: 'Terlalu dalam' }, { ...owner.headers, 'accept-language': 'id' });
    expect(deep.json().error.fields.parentId).toMatchObject({ code: 'result_too_deep', message: expect.stringContaining('Kegiatan') });
    expect((await req('POST', `/api/programs/${p}/results`, { parentId: null, statement: 'Tujuan kedua' })).json().error.code).toBe('goal_exists');
    const q = await program();
    expect((await req('POST', `/api/programs/${q}/results`, { parentId: o1.id, statement: 'Salah program' })).json().error.fields.parentId.code).toBe('result_other_program');
    expect((await req('POST', `/api/programs/${p}/results`, { parentId: goal.id, statement: '' })).json().error.fields.statement.code).toBe('required');

    // rename with a version; a stale version changes nothing
    const o2row = first.items.find((r) => r.id === o2.id)!;
    const renamed = await req('PATCH', `/api/results/${o2.id}`, { statement: 'Kelompok tani menjual hasil panen bersama', version: o2row.version });
    expect(outline(renamed.json().items)).toContain('2 Kelompok tani menjual hasil panen bersama');
    expect((await req('PATCH', `/api/results/${o2.id}`, { statement: 'Basi', version: o2row.version })).statusCode).toBe(409);
  });

  it('reorders siblings, and deletes a result with everything under it, restorable in one undo', async () => {
    const p = await program();
    const goal = await add(p, null, 'Tujuan');
    const a = await add(p, goal.id, 'Hasil A');
    await add(p, goal.id, 'Hasil B');
    const c = await add(p, goal.id, 'Hasil C');
    await add(p, a.id, 'Keluaran A1');
    const cOut = await add(p, c.id, 'Keluaran C1');
    await add(p, cOut.id, 'Kegiatan C1a');
    const framework = async () => (await req('GET', `/api/programs/${p}/results`)).json().items as Item[];
    const version = async (id: string) => (await framework()).find((r) => r.id === id)!.version;

    // C to the top: its children's numbers follow
    const moved = await req('POST', `/api/results/${c.id}/move`, { position: 0, version: await version(c.id) });
    expect(outline(moved.json().items)).toEqual(['G Tujuan', '1 Hasil C', '1.1 Keluaran C1', '1.1.1 Kegiatan C1a', '2 Hasil A', '2.1 Keluaran A1', '3 Hasil B']);
    expect((await req('POST', `/api/results/${c.id}/move`, { position: 2, version: 1 })).statusCode).toBe(409);
    const down = await req('POST', `/api/results/${c.id}/move`, { position: 99, version: await version(c.id) });
    expect(outline(down.json().items).filter((l) => /^\d /.test(l))).toEqual(['1 Hasil A', '2 Hasil B', '3 Hasil C']);

    // a child deleted earlier stays deleted when its parent's delete is undone
    await req('DELETE', `/api/results/${cOut.id}`);
    const again = await add(p, c.id, 'Keluaran C2');
    const gone = await req('DELETE', `/api/results/${c.id}`);
    expect(gone.json().deleted).toBe(2);
    expect(outline(gone.json().framework.items)).toEqual(['G Tujuan', '1 Hasil A', '1.1 Keluaran A1', '2 Hasil B']);
    expect((await req('PATCH', `/api/results/${again.id}`, { statement: 'x', version: 1 })).statusCode).toBe(404);
    const back = await req('POST', `/api/results/${c.id}/restore`);
    expect(back.json().deleted).toBe(2);
    expect(outline(back.json().framework.items)).toEqual(['G Tujuan', '1 Hasil A', '1.1 Keluaran A1', '2 Hasil B', '3 Hasil C', '3.1 Keluaran C2']);
    // the earlier delete is undone on its own, back in its place
    expect((await req('POST', `/api/results/${cOut.id}/restore`)).json().framework.items.map((r: Item) => `${r.code} ${r.statement}`)).toEqual([
      ' Tujuan', '1 Hasil A', '1.1 Keluaran A1', '2 Hasil B', '3 Hasil C', '3.1 Keluaran C1', '3.1.1 Kegiatan C1a', '3.2 Keluaran C2',
    ]);
    expect((await req('POST', `/api/results/${cOut.id}/restore`)).statusCode).toBe(404);
    const history = (await req('GET', `/api/audit?entityId=${c.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(history).toEqual(['restore', 'delete', 'move', 'move', 'create']);
  });

  it('lets everyone read a framework and managers and up change it; a deleted program has none', async () => {
    const p = await program();
    const goal = await add(p, null, 'Tujuan');
    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('GET', `/api/programs/${p}/results`, undefined, staff.headers)).json().items).toHaveLength(1);
    expect((await req('POST', `/api/programs/${p}/results`, { parentId: goal.id, statement: 'Dari staf' }, staff.headers)).statusCode).toBe(403);
    expect((await req('DELETE', `/api/results/${goal.id}`, undefined, staff.headers)).statusCode).toBe(403);
    await req('DELETE', `/api/programs/${p}`);
    expect((await req('GET', `/api/programs/${p}/results`)).statusCode).toBe(404);
    expect((await req('PATCH', `/api/results/${goal.id}`, { statement: 'x', version: 1 })).statusCode).toBe(404);
  });
});
