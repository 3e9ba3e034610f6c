import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('risk register on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const program = async () => (await req('POST', '/api/programs', { name: `Program ${Math.random()}` })).json().id as string;

  it('records risks with their score and level, highest first; changes them with a version; deletes and restores them', async () => {
    const p = await program();
    const delay = await req('POST', `/api/programs/${p}/risks`, { description: 'Dana hibah terlambat cair', category: 'funding', likelihood: 4, impact: 4, mitigation: 'Dana talangan dari kas lembaga', ownerId: owner.userId, reviewDate: '2026-12-15' });
    expect(delay.statusCode, delay.body).toBe(201);
    expect(delay.json()).toMatchObject({ score: 16, level: 'high', status: 'open', owner: { id: owner.userId }, reviewDate: '2026-12-15' });
    await req('POST', `/api/programs/${p}/risks`, { description: 'Perubahan aturan desa', category: 'policy_change', likelihood: 2, impact: 3 });
    await req('POST', `/api/programs/${p}/risks`, { description: 'Konflik antarkelompok tani', category: 'community_conflict', likelihood: 5, impact: 4 });
    const list = async () => (await req('GET', `/api/programs/${p}/risks`)).json().items.map((k: { description: string; score: number }) => `${k.score} ${k.description}`);
    expect(await list()).toEqual(['20 Konflik antarkelompok tani', '16 Dana hibah terlambat cair', '6 Perubahan aturan desa']);
    const up = await req('PATCH', `/api/risks/${delay.json().id}`, { status: 'closed', likelihood: 1, version: 1 });
    expect(up.json()).toMatchObject({ status: 'closed', score: 4, level: 'low', version: 2 });
    expect((await req('PATCH', `/api/risks/${delay.json().id}`, { impact: 5, version: 1 })).statusCode).toBe(409);
    expect((await list()).at(-1)).toBe('4 Dana hibah terlambat cair'); // closed ones last
    expect((await req('DELETE', `/api/risks/${delay.json().id}`)).json().deletedAt).not.toBeNull();
    expect(await list()).toHaveLength(2);
    expect((await req('POST', `/api/risks/${delay.json().id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('GET', `/api/audit?entityId=${delay.json().id}`)).json().items.map((x: { action: string }) => x.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('refuses a scale outside 1–5, an unknown category and a non-member owner, in the caller’s language', async () => {
    const p = await program();
    const other = await signUpWithOrg(t.app);
    const bad = await req('POST', `/api/programs/${p}/risks`, { description: '', category: 'weather', likelihood: 6, impact: 0 }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['category', 'description', 'impact', 'likelihood']);
    expect((await req('POST', `/api/programs/${p}/risks`, { description: 'x', category: 'delay', likelihood: 2, impact: 2, ownerId: other.userId })).json().error.fields.ownerId.code).toBe('not_a_member');
    expect((await req('GET', `/api/programs/${p}/risks`)).json().items).toEqual([]);
  });

  it('lets staff read a register but not change it; a deleted program has none', async () => {
    const p = await program();
    const k = (await req('POST', `/api/programs/${p}/risks`, { description: 'Banjir', category: 'environment', likelihood: 3, impact: 5 })).json();
    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('GET', `/api/programs/${p}/risks`, undefined, staff.headers)).json().items).toHaveLength(1);
    expect((await req('PATCH', `/api/risks/${k.id}`, { impact: 1, version: 1 }, staff.headers)).statusCode).toBe(403);
    await req('DELETE', `/api/programs/${p}`);
    expect((await req('GET', `/api/programs/${p}/risks`)).statusCode).toBe(404);
    expect((await req('PATCH', `/api/risks/${k.id}`, { impact: 1, version: 1 })).statusCode).toBe(404);
  });
});
