import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('indicators on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  /** A program with a goal and one outcome; the outcome's id. */
  const outcome = async () => {
    const p = (await req('POST', '/api/programs', { name: `Program ${Math.random()}` })).json().id as string;
    const goal = (await req('POST', `/api/programs/${p}/results`, { parentId: null, statement: 'Tujuan' })).json().items[0].id as string;
    const items = (await req('POST', `/api/programs/${p}/results`, { parentId: goal, statement: 'Hasil 1' })).json().items as { id: string; level: string }[];
    return { programId: p, resultId: items.find((r) => r.level === 'outcome')!.id };
  };
  const quarterly = [
    { start: '2026-01-01', end: '2026-03-31', value: 30 },
    { start: '2026-04-01', end: '2026-06-30', value: 30 },
  ];

  it('adds an indicator with baseline, quarterly targets and disaggregations; changes it with its version; deletes and restores it', async () => {
    const { programId, resultId } = await outcome();
    const res = await req('POST', `/api/results/${resultId}/indicators`, {
      code: '1a',
      name: 'Petani yang memakai cara tanam tahan iklim',
      definition: 'Petani yang menerapkan paling sedikit dua praktik dari sekolah lapang di lahannya.',
      unit: 'orang',
      type: 'count',
      baselineValue: 0,
      baselineDate: '2025-12-31',
      frequency: 'quarter',
      disaggregations: ['sex', 'age', 'sex'],
      dataSource: 'Survei lahan',
      responsibleId: owner.userId,
      targets: quarterly,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ind = res.json();
    expect(ind).toMatchObject({ programId, resultId, code: '1a', type: 'count', direction: 'increase', aggregation: 'sum', baselineValue: 0, baselineDate: '2025-12-31', disaggregations: ['sex', 'age'], responsible: { id: owner.userId }, targets: quarterly, version: 1 });
    expect((await req('GET', `/api/programs/${programId}/indicators`)).json().items.map((i: { code: string }) => i.code)).toEqual(['1a']);

    const up = await req('PATCH', `/api/indicators/${ind.id}`, { targets: [...quarterly, { start: '2026-07-01', end: '2026-09-30', value: 40 }], aggregation: 'latest', version: 1 });
    expect(up.json()).toMatchObject({ aggregation: 'latest', version: 2 });
    expect(up.json().targets).toHaveLength(3);
    expect((await req('PATCH', `/api/indicators/${ind.id}`, { name: 'Basi', version: 1 })).statusCode).toBe(409);

    expect((await req('DELETE', `/api/indicators/${ind.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/indicators/${ind.id}`)).statusCode).toBe(404);
    expect((await req('POST', `/api/indicators/${ind.id}/restore`)).json().deletedAt).toBeNull();
    const audit = (await req('GET', `/api/audit?entityId=${ind.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(audit).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('refuses targets that do not fit the frequency or the type, a taken code and a non-member, in the caller’s language', async () => {
    const { resultId } = await outcome();
    const bad = await req(
      'POST',
      `/api/results/${resultId}/indicators`,
      {
        code: '2a',
        name: 'Kehadiran perempuan',
        type: 'percentage',
        frequency: 'quarter',
        responsibleId: '0190a8b4-0000-7000-8000-000000000000',
        targets: [
          { start: '2026-01-01', end: '2026-03-31', value: 120 },
          { start: '2026-02-01', end: '2026-04-30', value: 50 },
          { start: '2026-01-01', end: '2026-03-31', value: 60 },
        ],
      },
      { ...owner.headers, 'accept-language': 'id' },
    );
    expect(bad.statusCode).toBe(400);
    const { fields } = bad.json().error;
    expect(fields['targets.0'].code).toBe('target_range');
    expect(fields['targets.1'].code).toBe('target_period');
    expect(fields['targets.2']).toMatchObject({ code: 'target_overlap', message: expect.stringContaining('tumpang tindih') });
    expect(fields.responsibleId.code).toBe('not_a_member');
    const ok = await req('POST', `/api/results/${resultId}/indicators`, { code: '2a', name: 'Kehadiran perempuan', type: 'percentage', frequency: 'custom', targets: [{ start: '2026-01-15', end: '2026-06-14', value: 60 }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await req('POST', `/api/results/${resultId}/indicators`, { code: '2A', name: 'Lagi', type: 'count' })).json().error.fields.code.code).toBe('indicator_code_taken');
    expect((await req('POST', `/api/results/${resultId}/indicators`, { code: '2b', name: 'Ya/tidak', type: 'yes_no', frequency: 'year', targets: [{ start: '2026-01-01', end: '2026-12-31', value: 2 }] })).json().error.fields['targets.0'].code).toBe('target_range');
    // changing the frequency re-checks the targets already there
    expect((await req('PATCH', `/api/indicators/${ok.json().id}`, { frequency: 'month', version: 1 })).json().error.fields['targets.0'].code).toBe('target_period');
  });

  it('hides the indicators of a deleted result and program; staff may read but not change them', async () => {
    const { programId, resultId } = await outcome();
    const ind = (await req('POST', `/api/results/${resultId}/indicators`, { code: '3a', name: 'Kelompok aktif', type: 'count', aggregation: 'latest' })).json();
    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('GET', `/api/indicators/${ind.id}`, undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('PATCH', `/api/indicators/${ind.id}`, { name: 'x', version: 1 }, staff.headers)).statusCode).toBe(403);
    await req('DELETE', `/api/results/${resultId}`);
    expect((await req('GET', `/api/programs/${programId}/indicators`)).json().items).toEqual([]);
    expect((await req('GET', `/api/indicators/${ind.id}`)).statusCode).toBe(404);
    // its code is free again while it is deleted; undoing the result's delete then waits for it
    const goal = (await req('GET', `/api/programs/${programId}/results`)).json().items[0].id;
    const other = (await req('POST', `/api/programs/${programId}/results`, { parentId: goal, statement: 'Hasil lain' })).json().items.find((r: { statement: string }) => r.statement === 'Hasil lain').id;
    const reused = (await req('POST', `/api/results/${other}/indicators`, { code: '3A', name: 'Kode dipakai lagi', type: 'count' })).json();
    expect(reused.code).toBe('3A');
    expect((await req('POST', `/api/indicators/${ind.id}/restore`)).json().error.code).toBe('result_parent_deleted');
    expect((await req('POST', `/api/results/${resultId}/restore`)).json().error.code).toBe('indicator_code_taken');
    expect((await req('GET', `/api/indicators/${ind.id}`)).statusCode).toBe(404);
    await req('DELETE', `/api/indicators/${reused.id}`);
    expect((await req('POST', `/api/results/${resultId}/restore`)).statusCode).toBe(200);
    expect((await req('GET', `/api/indicators/${ind.id}`)).json()).toMatchObject({ code: '3a', deletedAt: null });
    await req('DELETE', `/api/programs/${programId}`);
    expect((await req('GET', `/api/indicators/${ind.id}`)).statusCode).toBe(404);
    expect((await req('POST', `/api/results/${resultId}/indicators`, { code: '3b', name: 'x', type: 'count' })).statusCode).toBe(404);
  });
});
