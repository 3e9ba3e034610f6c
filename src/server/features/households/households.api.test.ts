import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('households on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, headers: owner.headers, payload });

  it('creates a household with members and their relationships', async () => {
    const bad = await req('POST', '/api/households', { name: 'Keluarga Salah', kkNumber: '123' });
    expect(bad.json().error.fields.kkNumber.code).toBe('kk_format');
    const h = (await req('POST', '/api/households', { name: 'Keluarga Suparman', kkNumber: '3204050101100001', address: 'RT 02/RW 03', areaCode: '32.04.05.2001' })).json();
    expect(h).toMatchObject({ name: 'Keluarga Suparman', kkMasked: '3204********0001', memberCount: 0, members: [] });
    const head = (await req('POST', '/api/people', { fullName: 'Suparman', sex: 'male', householdId: h.id, relationship: 'head' })).json();
    const child = (await req('POST', '/api/people', { fullName: 'Rina', sex: 'female', householdId: h.id, relationship: 'child' })).json();
    const wife = (await req('POST', '/api/people', { fullName: 'Sumiati', sex: 'female' })).json();
    const added = await req('PUT', `/api/households/${h.id}/members/${wife.id}`, { relationship: 'spouse' });
    expect(added.statusCode).toBe(200);
    const detail = added.json();
    expect(detail.members.map((m: { fullName: string; relationship: string }) => [m.fullName, m.relationship])).toEqual([
      ['Suparman', 'head'],
      ['Sumiati', 'spouse'],
      ['Rina', 'child'],
    ]);
    expect(detail).toMatchObject({ memberCount: 3, headName: 'Suparman' });
    expect((await req('GET', `/api/people/${child.id}`)).json()).toMatchObject({ householdId: h.id, householdName: 'Keluarga Suparman' });
    // list, search by name, by a member's name, and exact KK
    const find = async (q: string) => (await req('GET', `/api/households?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: string }) => x.id);
    expect(await find('suparman')).toEqual([h.id]);
    expect(await find('Sumiati')).toEqual([h.id]);
    expect(await find('3204050101100001')).toEqual([h.id]);
    expect((await req('GET', '/api/households?areaCode=32.04')).json().total).toBe(1);
    // remove a member
    const removed = (await req('DELETE', `/api/households/${h.id}/members/${child.id}`)).json();
    expect(removed.memberCount).toBe(2);
    expect((await req('DELETE', `/api/households/${h.id}/members/${child.id}`)).statusCode).toBe(404);
    expect((await req('GET', `/api/people/${child.id}`)).json()).toMatchObject({ householdId: null, relationship: null });
    // update with version, stale refused
    const up = await req('PATCH', `/api/households/${h.id}`, { address: 'RT 05/RW 01', version: h.version });
    expect(up.json()).toMatchObject({ address: 'RT 05/RW 01', version: h.version + 1 });
    expect((await req('PATCH', `/api/households/${h.id}`, { address: 'old', version: h.version })).statusCode).toBe(409);
    // delete and undo; members keep their link
    expect((await req('DELETE', `/api/households/${h.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/households/${h.id}`)).statusCode).toBe(404);
    expect((await req('GET', '/api/households?deleted=true')).json().items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect((await req('POST', `/api/households/${h.id}/restore`)).json().members).toHaveLength(2);
    const hist = (await req('GET', `/api/history/household/${h.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(hist).toEqual(['restore', 'delete', 'update', 'create']);
    expect(head.id).toBeTruthy();
  });
});
