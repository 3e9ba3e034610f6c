import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('duplicates on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(() => t?.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, payload });

  it('queues a likely duplicate on entry, with reasons, and warns before saving', async () => {
    const org = await signUpWithOrg(t.app);
    const h = org.headers;
    const a = (await req('POST', '/api/people', h, { fullName: 'Muhammad Rizki Pratama', sex: 'male', birthDate: '1990-05-12', nik: '3204051205900003', areaCode: '32.04.05.2001' })).json();
    // before saving: the form asks who this may be
    const check = (await req('POST', '/api/people/check-duplicates', h, { fullName: 'H. Muhamad Rizky Pratama', sex: 'male', birthDate: '1990-12-05', areaCode: '32.04.05.2001' })).json();
    expect(check.candidates[0].person.id).toBe(a.id);
    expect(check.candidates[0].reasons.map((r: { code: string }) => r.code)).toContain('birth_day_month_swapped');
    // saved anyway (one NIK digit off): the pair waits in the queue
    const b = (await req('POST', '/api/people', h, { fullName: 'H. Muhamad Rizky Pratama', sex: 'male', birthDate: '1990-05-12', nik: '3204051205900008', areaCode: '32.04.05.2001' })).json();
    const queue = (await req('GET', '/api/duplicates', h)).json();
    expect(queue.total).toBe(1);
    const pair = queue.items[0];
    expect(new Set([pair.a.id, pair.b.id])).toEqual(new Set([a.id, b.id]));
    expect(pair).toMatchObject({ status: 'open', source: 'entry' });
    expect(pair.score).toBeGreaterThan(0.5);
    expect(pair.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['nik_one_digit', 'birth_same']));
    // an unrelated person is not proposed
    await req('POST', '/api/people', h, { fullName: 'Dewi Lestari', sex: 'female', birthDate: '1985-01-01' });
    expect((await req('GET', '/api/duplicates', h)).json().total).toBe(1);
  });

  it('merges field by field, keeps links, and undoes the merge', async () => {
    const org = await signUpWithOrg(t.app);
    const h = org.headers;
    const hh = (await req('POST', '/api/households', h, { name: 'Keluarga Siti' })).json();
    const a = (await req('POST', '/api/people', h, { fullName: 'Siti Aminah', sex: 'female', birthDate: '1970-03-04', phone: '081200000001', roles: ['beneficiary'] })).json();
    const b = (await req('POST', '/api/people', h, { fullName: 'Siti Aminah', sex: 'female', birthDate: '1970-03-04', phone: '081299999999', householdId: hh.id, relationship: 'head', roles: ['volunteer'] })).json();
    const pair = (await req('GET', '/api/duplicates', h)).json().items[0];
    expect(pair).toBeDefined();
    const viewer = await addMember(t.app, org, 'staff');
    expect((await req('POST', `/api/duplicates/${pair.id}/merge`, viewer.headers, { version: pair.version, keepId: a.id })).statusCode).toBe(403);

    const merged = await req('POST', `/api/duplicates/${pair.id}/merge`, h, { version: pair.version, keepId: a.id, take: { phone: 'merged', household: 'merged' } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergeId: expect.any(String) });
    const kept = (await req('GET', `/api/people/${a.id}`, h)).json();
    expect(kept).toMatchObject({ phone: '+6281299999999', householdId: hh.id, relationship: 'head' });
    expect(kept.roles.sort()).toEqual(['beneficiary', 'volunteer']);
    expect((await req('GET', `/api/people/${b.id}`, h)).statusCode).toBe(404); // in the bin
    const members = (await req('GET', `/api/people?householdId=${hh.id}`, h)).json().items.map((p: { id: string }) => p.id);
    expect(members).toEqual([a.id]);
    const log = (await req('GET', `/api/audit?entityId=${a.id}`, h)).json().items.map((e: { action: string }) => e.action);
    expect(log).toContain('merge');
    // a stale second decision is refused
    expect((await req('POST', `/api/duplicates/${pair.id}/not-duplicate`, h, { version: pair.version })).statusCode).toBe(409);

    const undo = await req('POST', `/api/merges/${merged.json().mergeId}/undo`, h, {});
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await req('GET', `/api/people/${a.id}`, h)).json()).toMatchObject({ phone: '+6281200000001', householdId: null, roles: ['beneficiary'] });
    expect((await req('GET', `/api/people/${b.id}`, h)).json()).toMatchObject({ phone: '+6281299999999', householdId: hh.id, relationship: 'head' });
    expect((await req('GET', '/api/duplicates', h)).json().items[0]).toMatchObject({ id: pair.id, status: 'open' });
    expect((await req('POST', `/api/merges/${merged.json().mergeId}/undo`, h, {})).statusCode).toBe(409);
  });

  it('remembers "not a duplicate" through later scans; the scan finds pairs of people stored without keys', async () => {
    const org = await signUpWithOrg(t.app);
    const h = org.headers;
    const twin1 = (await req('POST', '/api/people', h, { fullName: 'Wayan Sudarma', sex: 'male', birthDate: '2001-07-07' })).json();
    await req('POST', '/api/people', h, { fullName: 'Wayan Sudharma', sex: 'male', birthDate: '2001-07-07' });
    const pair = (await req('GET', '/api/duplicates', h)).json().items[0];
    const no = await req('POST', `/api/duplicates/${pair.id}/not-duplicate`, h, { version: pair.version });
    expect(no.json()).toMatchObject({ status: 'not_duplicate' });
    // people whose keys are missing (restored from an old backup, say)
    await req('POST', '/api/people', h, { fullName: 'Kadek Novita Sari', sex: 'female', birthDate: '1995-02-03' });
    await req('POST', '/api/people', h, { fullName: 'Novita Sari Kadek', sex: 'female', birthDate: '1995-03-02' });
    await t.db.query('DELETE FROM person_keys WHERE org_id = $1', [org.orgId]);
    await t.db.query(`DELETE FROM duplicate_pairs WHERE org_id = $1 AND status = 'open'`, [org.orgId]);
    const started = await req('POST', '/api/duplicates/scan', h, {});
    expect(started.statusCode).toBe(202);
    await t.app.services.jobs.drain();
    const status = (await req('GET', '/api/duplicates/scan', h)).json();
    expect(status.job).toMatchObject({ status: 'done', result: { people: 4 } });
    const open = (await req('GET', '/api/duplicates', h)).json().items;
    expect(open).toHaveLength(1);
    expect([open[0].a.fullName, open[0].b.fullName].sort()).toEqual(['Kadek Novita Sari', 'Novita Sari Kadek']);
    expect(open[0].reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['birth_day_month_swapped']));
    expect((await req('GET', '/api/duplicates?status=not_duplicate', h)).json().items[0].a.id).toBe(twin1.id < pair.b.id ? twin1.id : pair.a.id);
    const keys = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person_keys WHERE org_id = $1', [org.orgId]);
    expect(keys.rows[0].n).toBeGreaterThan(8);
  });

  it('has thresholds an admin can change, checked', async () => {
    const org = await signUpWithOrg(t.app);
    const h = { ...org.headers, 'accept-language': 'en' };
    const s = (await req('GET', '/api/duplicates/settings', h)).json();
    expect(s.reviewThreshold).toBeLessThan(s.likelyThreshold);
    const bad = await req('PUT', '/api/duplicates/settings', h, { reviewThreshold: 0.9, likelyThreshold: 0.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.reviewThreshold.code).toBe('threshold_order');
    expect((await req('PUT', '/api/duplicates/settings', h, { reviewThreshold: 0.3, likelyThreshold: 0.8 })).json()).toEqual({ reviewThreshold: 0.3, likelyThreshold: 0.8 });
  });

  it('flags duplicates while importing, against the registry and inside the file', async () => {
    const org = await signUpWithOrg(t.app);
    const h = org.headers;
    await req('POST', '/api/people', h, { fullName: 'Bambang Susilo', sex: 'male', birthDate: '1960-09-09', nik: '3204050909600001' });
    const csv = 'Nama,JK,Tgl Lahir,NIK\nBambang Soesilo,L,09/09/1960,3204050909600007\nAni Yudhoyono,P,06/07/1952,\nAni Yudoyono,P,07/06/1952,\n';
    const imp = (await t.app.inject({ method: 'POST', url: '/api/imports?fileName=x.csv', headers: { ...h, 'content-type': 'text/csv' }, payload: csv })).json();
    await req('POST', `/api/imports/${imp.id}/validate`, h, { version: imp.version });
    await t.app.services.jobs.drain();
    const v = (await req('GET', `/api/imports/${imp.id}`, h)).json();
    await req('POST', `/api/imports/${imp.id}/start`, h, { version: v.version, mode: 'skip_bad' });
    await t.app.services.jobs.drain();
    expect((await req('GET', `/api/imports/${imp.id}`, h)).json()).toMatchObject({ status: 'done', importedRows: 3, duplicateRows: 3 }); // rows in a pair: Bambang, and both Ani
    const names = (await req('GET', '/api/duplicates', h)).json().items.map((p: { a: { fullName: string }; b: { fullName: string }; source: string }) => `${[p.a.fullName, p.b.fullName].sort().join(' / ')} (${p.source})`);
    expect(names.sort()).toEqual(['Ani Yudhoyono / Ani Yudoyono (import)', 'Bambang Soesilo / Bambang Susilo (import)']);
    // the import was done (its people in the registry) before its duplicate check started
    const { rows: jobs } = await t.db.query<{ kind: string; started_at: Date; finished_at: Date; status: string }>(
      `SELECT kind, started_at, finished_at, status FROM jobs WHERE org_id = $1 AND subject_id = $2 ORDER BY id`,
      [org.orgId, imp.id],
    );
    expect(jobs.map((j) => `${j.kind} ${j.status}`)).toEqual(['import.validate done', 'import.apply done', 'import.duplicates done']);
    const { rows: done } = await t.db.query<{ finished_at: Date }>('SELECT finished_at FROM imports WHERE org_id = $1 AND id = $2', [org.orgId, imp.id]);
    expect(new Date(done[0].finished_at).getTime()).toBeLessThanOrEqual(new Date(jobs[2].started_at).getTime());
  });
});
