import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('programs on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const names = async (query: string, headers = owner.headers) => (await req('GET', `/api/programs${query}`, undefined, headers)).json().items.map((g: { name: string }) => g.name);

  it('starts a program with its sectors, areas, target groups, manager and team; changes it with its version; deletes and restores it', async () => {
    const manager = await addMember(t.app, owner, 'manager');
    const staff = await addMember(t.app, owner, 'staff');
    const created = await req('POST', '/api/programs', {
      name: 'Sekolah Lapang Iklim',
      summary: 'Petani belajar bertani tahan iklim.',
      problemStatement: 'Gagal panen karena musim yang bergeser.',
      goal: 'Pendapatan petani kecil naik dan stabil.',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      status: 'active',
      sectors: ['agriculture_food', 'disaster_risk_reduction'],
      targetAreas: ['32.04.05', '32.04.05.2001'],
      targetGroups: ['petani kecil', 'perempuan kepala keluarga'],
      managerId: manager.userId,
      teamIds: [staff.userId],
    });
    expect(created.statusCode).toBe(201);
    const g = created.json();
    expect(g).toMatchObject({
      name: 'Sekolah Lapang Iklim',
      status: 'active',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      sectors: ['agriculture_food', 'disaster_risk_reduction'],
      targetGroups: ['petani kecil', 'perempuan kepala keluarga'],
      manager: { id: manager.userId },
      team: [{ id: staff.userId }],
      version: 1,
    });
    expect(g.targetAreas[0]).toMatchObject({ code: '32.04.05', path: [{ level: 'province' }, { level: 'regency' }, { level: 'district' }] });
    expect(g.targetAreas[1].path).toHaveLength(4);

    // the team changes; a stale version is refused and changes nothing
    const up = await req('PATCH', `/api/programs/${g.id}`, { teamIds: [staff.userId, owner.userId], status: 'closed', version: 1 });
    expect(up.json()).toMatchObject({ status: 'closed', version: 2 });
    expect(up.json().team.map((m: { id: string }) => m.id).sort()).toEqual([staff.userId, owner.userId].sort());
    const stale = await req('PATCH', `/api/programs/${g.id}`, { name: 'Lama', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await req('GET', `/api/programs/${g.id}`)).json()).toMatchObject({ name: 'Sekolah Lapang Iklim', version: 2 });

    // delete asks nothing of the server but can be undone
    expect((await req('DELETE', `/api/programs/${g.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/programs/${g.id}`)).statusCode).toBe(404);
    expect(await names('?deleted=true')).toContain('Sekolah Lapang Iklim');
    expect((await req('POST', `/api/programs/${g.id}/restore`)).json().deletedAt).toBeNull();
    const history = (await req('GET', `/api/history/program/${g.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(history).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('refuses bad input field by field, in the caller’s language, and saves nothing', async () => {
    const other = await signUpWithOrg(t.app);
    const before = (await req('GET', '/api/programs')).json().total;
    const bad = await req('POST', '/api/programs', {
      name: 'Air Bersih',
      startDate: '2027-06-01',
      endDate: '2027-01-01',
      targetAreas: ['32.04', '99.99'],
      managerId: other.userId,
      teamIds: ['0190a8b4-0000-7000-8000-000000000000'],
    }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    const { fields } = bad.json().error;
    expect(fields.endDate).toMatchObject({ code: 'end_before_start', message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.' });
    expect(fields['targetAreas.1'].code).toBe('invalid_area');
    expect(fields.managerId.code).toBe('not_a_member');
    expect(fields['teamIds.0'].code).toBe('not_a_member');
    const shape = await req('POST', '/api/programs', { name: '', status: 'paused', sectors: ['space'] });
    expect(Object.keys(shape.json().error.fields).sort()).toEqual(['name', 'sectors.0', 'status']);
    expect((await req('GET', '/api/programs')).json().total).toBe(before);
    // a change that would put the end before the start already saved
    const g = (await req('POST', '/api/programs', { name: 'Posyandu Remaja', startDate: '2026-03-01' })).json();
    expect((await req('PATCH', `/api/programs/${g.id}`, { endDate: '2026-02-01', version: g.version })).json().error.fields.endDate.code).toBe('end_before_start');
  });

  it('lists programs by name with search, status, sector, area, manager and “mine” filters, page by page', async () => {
    const org = await signUpWithOrg(t.app);
    const manager = await addMember(t.app, org, 'manager');
    const make = (body: object) => req('POST', '/api/programs', body, org.headers);
    await make({ name: 'Bank Sampah Desa', status: 'active', sectors: ['environment'], targetAreas: ['32.04.05.2001'], managerId: manager.userId });
    await make({ name: 'Beasiswa Anak Nelayan', status: 'active', sectors: ['education'], targetAreas: ['33'] });
    await make({ name: 'Koperasi Perempuan', status: 'draft', sectors: ['livelihoods', 'gender_equality'], targetAreas: ['32.04'], teamIds: [manager.userId] });
    await make({ name: 'Rumah Aman', status: 'closed', sectors: ['child_protection'] });
    const h = org.headers;
    expect(await names('', h)).toEqual(['Bank Sampah Desa', 'Beasiswa Anak Nelayan', 'Koperasi Perempuan', 'Rumah Aman']);
    expect(await names('?q=sampah', h)).toEqual(['Bank Sampah Desa']);
    expect(await names('?q=koprasi', h)).toEqual(['Koperasi Perempuan']); // a typo
    expect(await names('?status=active', h)).toEqual(['Bank Sampah Desa', 'Beasiswa Anak Nelayan']);
    expect(await names('?sector=gender_equality', h)).toEqual(['Koperasi Perempuan']);
    // an area: programs in it, inside it, or covering it
    expect(await names('?areaCode=32.04', h)).toEqual(['Bank Sampah Desa', 'Koperasi Perempuan']);
    expect(await names('?areaCode=32.04.05.2001', h)).toEqual(['Bank Sampah Desa', 'Koperasi Perempuan']);
    expect(await names('?areaCode=33.01', h)).toEqual(['Beasiswa Anak Nelayan']);
    expect(await names(`?managerId=${manager.userId}`, h)).toEqual(['Bank Sampah Desa']);
    expect(await names('?mine=true', manager.headers)).toEqual(['Bank Sampah Desa', 'Koperasi Perempuan']);
    const first = (await req('GET', '/api/programs?limit=3', undefined, h)).json();
    expect(first).toMatchObject({ total: 4, totalCapped: false });
    const second = (await req('GET', `/api/programs?limit=3&cursor=${first.nextCursor}`, undefined, h)).json();
    expect([...first.items, ...second.items].map((g: { name: string }) => g.name)).toEqual(await names('', h));
    expect(second.nextCursor).toBeNull();
    expect((await req('GET', '/api/programs?cursor=bogus', undefined, h)).statusCode).toBe(400);
  });

  it('lets everyone read programs, managers and up change them, and keeps a removed manager’s programs', async () => {
    const staff = await addMember(t.app, owner, 'staff');
    const viewer = await addMember(t.app, owner, 'viewer');
    const manager = await addMember(t.app, owner, 'manager');
    expect((await req('GET', '/api/programs', undefined, viewer.headers)).statusCode).toBe(200);
    expect((await req('POST', '/api/programs', { name: 'Dari Staf' }, staff.headers)).statusCode).toBe(403);
    const g = (await req('POST', '/api/programs', { name: 'Dapur Umum', managerId: manager.userId }, manager.headers)).json();
    expect((await req('DELETE', `/api/programs/${g.id}`, undefined, staff.headers)).statusCode).toBe(403);
    expect((await req('GET', '/api/programs?deleted=true', undefined, staff.headers)).statusCode).toBe(403);
    // the manager leaves the organisation: the program stays, without a manager
    expect((await req('DELETE', `/api/members/${manager.userId}`)).statusCode).toBe(204);
    expect((await req('GET', `/api/programs/${g.id}`)).json()).toMatchObject({ name: 'Dapur Umum', manager: null });
  });
});
