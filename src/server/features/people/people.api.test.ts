import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

// A valid NIK: Kab. Bandung (32.04), district 05, woman born 12 May 1990, serial 0001.
const NIK_SITI = '3204055205900001';

describe.each(DATABASES)('people registry on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  const post = (payload: object, headers = owner.headers) => t.app.inject({ method: 'POST', url: '/api/people', headers, payload });
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());

  it('creates a person with every field, normalised, NIK encrypted and masked', async () => {
    const res = await post({
      fullName: 'Siti Nurhaliza',
      preferredName: 'Siti',
      sex: 'female',
      birthDate: '1990-05-12',
      nik: '3204 0552 0590 0001',
      phone: '0812-3456-7890',
      email: 'Siti@Example.org',
      address: 'Jl. Melati 3',
      areaCode: '32.04.05',
      disability: { seeing: 1, walking: 3 },
      welfareDecile: 2,
      roles: ['beneficiary', 'volunteer'],
      tags: ['PKH', 'posyandu'],
      consent: { given: true, purpose: 'Pendataan' },
      notes: 'Kader posyandu',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      fullName: 'Siti Nurhaliza',
      nikMasked: '3204********0001',
      phone: '+6281234567890',
      email: 'siti@example.org',
      hasDisability: true,
      roles: ['beneficiary', 'volunteer'],
      tags: ['pkh', 'posyandu'],
      consent: { given: true, purpose: 'Pendataan' },
      version: 1,
    });
    expect(p.consent.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(p.area.map((a: { name: string }) => a.name)).toEqual(['Jawa Barat', 'Kabupaten Bandung', 'Cileunyi']);
    expect(JSON.stringify(p)).not.toContain(NIK_SITI);
    const { rows } = await t.db.query<{ nik_enc: string }>('SELECT nik_enc FROM people WHERE id = $1', [p.id]);
    expect(rows[0].nik_enc).toMatch(/^v1:/);
    expect(rows[0].nik_enc).not.toContain(NIK_SITI);
    // exact lookup by NIK and by phone in any notation
    expect((await t.app.inject({ url: `/api/people?q=${NIK_SITI}`, headers: owner.headers })).json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await t.app.inject({ url: '/api/people?q=0812 3456 7890', headers: owner.headers })).json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it.each([
    ['1234', 'nik_format', 'The NIK must be 16 digits.'],
    ['9904055205900001', 'nik_province', 'The first two digits of the NIK are not a real province code.'],
    ['3299055205900001', 'nik_regency', 'Digits 3–4 of the NIK are not a real regency/city code in that province.'],
    ['3204057106900001', 'nik_birth_date', 'The birth date inside the NIK (digits 7–12) is not a valid date.'],
    ['3204055205900000', 'nik_serial', 'The last four digits of the NIK cannot be 0000.'],
  ])('refuses NIK %s with %s, saving nothing', async (nik, code, message) => {
    const before = (await t.app.inject({ url: '/api/people', headers: owner.headers })).json().total;
    const res = await post({ fullName: 'Salah NIK', nik });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.nik).toEqual({ code, message });
    expect((await t.app.inject({ url: '/api/people', headers: owner.headers })).json().total).toBe(before);
  });

  it('asks to confirm a NIK that disagrees with sex or birth date, in the caller’s language', async () => {
    const res = await post({ fullName: 'Budi', sex: 'male', birthDate: '1990-05-12', nik: NIK_SITI }, { ...owner.headers, 'accept-language': 'id-ID,id;q=0.9' });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('confirm_nik_mismatch');
    expect(err.fields.nik.message).toBe('NIK menunjukkan jenis kelamin perempuan, berbeda dengan yang diisi.');
    expect(err.details).toMatchObject({ nikMismatch: ['sex'], nikSex: 'female' });
    const confirmed = await post({ fullName: 'Budi', sex: 'male', birthDate: '1990-05-12', nik: NIK_SITI, confirmNikMismatch: true });
    expect(confirmed.statusCode).toBe(201);
    const date = await post({ fullName: 'Budi', sex: 'female', birthDate: '1991-05-12', nik: NIK_SITI });
    expect(date.json().error.fields.nik.code).toBe('nik_mismatch_birth_date');
  });

  it('answers bad input with 4xx and the error shape, never 5xx', async () => {
    const cases: { payload?: unknown; body?: string; type?: string; status: number; code: string }[] = [
      { payload: { fullName: 42 }, status: 400, code: 'validation_failed' },
      { payload: {}, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', unknown: 1 }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', birthDate: '2024-02-30' }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', birthDate: '2999-01-01' }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', phone: '12' }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', areaCode: '99.99' }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', householdId: '01900000-0000-7000-8000-000000000000' }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'A', disability: { seeing: 7 } }, status: 400, code: 'validation_failed' },
      { payload: { fullName: 'x'.repeat(201) }, status: 400, code: 'validation_failed' },
      { body: '{"fullName": ', status: 400, code: 'malformed_json' },
      { body: JSON.stringify({ fullName: 'A', notes: 'x'.repeat(1_100_000) }), status: 413, code: 'body_too_large' },
      { body: 'fullName=A', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
    ];
    const before = (await t.app.inject({ url: '/api/people', headers: owner.headers })).json().total;
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { ...owner.headers, 'content-type': c.type ?? 'application/json' },
        payload: c.body ?? JSON.stringify(c.payload),
      });
      expect([res.statusCode, res.json().error.code], JSON.stringify(c).slice(0, 80)).toEqual([c.status, c.code]);
      expect(typeof res.json().error.message).toBe('string');
      expect(res.body).not.toMatch(/stack|at .*\.ts/);
    }
    expect((await t.app.inject({ url: '/api/people', headers: owner.headers })).json().total).toBe(before);
    const fields = (await post({ fullName: 42, sex: 'x', unknown: 1 })).json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(['fullName', 'sex', 'unknown']);
    expect((await t.app.inject({ url: '/api/people/not-a-uuid', headers: owner.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/people/01900000-0000-7000-8000-000000000000', headers: owner.headers })).json().error.code).toBe('not_found');
    expect((await t.app.inject({ url: '/api/people?limit=5000', headers: owner.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/people?cursor=%%%', headers: owner.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/nowhere', headers: owner.headers })).json().error.code).toBe('route_not_found');
    expect((await t.app.inject({ url: '/api/people' })).statusCode).toBe(401);
  });

  it('refuses a stale update and changes nothing', async () => {
    const p = (await post({ fullName: 'Ahmad Dahlan' })).json();
    const first = await t.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: owner.headers, payload: { phone: '081298765432', version: 1 } });
    expect(first.json()).toMatchObject({ version: 2, phone: '+6281298765432' });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: { ...owner.headers, 'accept-language': 'en' }, payload: { fullName: 'Overwritten', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const now = (await t.app.inject({ url: `/api/people/${p.id}`, headers: owner.headers })).json();
    expect(now).toMatchObject({ fullName: 'Ahmad Dahlan', version: 2 });
    // history shows create and the one update with before/after
    const hist = (await t.app.inject({ url: `/api/history/person/${p.id}`, headers: owner.headers })).json().items;
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(hist[0]).toMatchObject({ before: { phone: null }, after: { phone: '+6281298765432' } });
    // the organisation's log names the person even where the change itself does not
    const log = (await t.app.inject({ url: `/api/audit?entityId=${p.id}`, headers: owner.headers })).json().items;
    expect(log[0]).toMatchObject({ action: 'update', entityLabel: 'Ahmad Dahlan' });
  });

  it("dates consent by the organisation's calendar, not UTC", async () => {
    const org = await signUpWithOrg(t.app);
    // UTC+14 and UTC-11 are a day apart for most of every day: one of them differs from UTC
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const cur = (await t.app.inject({ url: '/api/org', headers: org.headers })).json();
      await t.app.inject({ method: 'PATCH', url: '/api/org', headers: org.headers, payload: { timeZone, version: cur.version } });
      const local = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
      const p = (await post({ fullName: 'Setuju', consent: { given: true } }, org.headers)).json();
      expect(p.consent.date, timeZone).toBe(local);
    }
  });

  it('finds people despite typos, spelling variants, titles and word order', async () => {
    const names = ['Muhammad Rizki Pratama', 'Hj. Nurhayati Siregar', 'Wayan Sudarma', 'Dewi Lestari', 'Yohanes Pattimura', 'Suparman Wijaya', 'Djoko Susanto'];
    const ids: Record<string, string> = {};
    for (const n of names) ids[n] = (await post({ fullName: n })).json().id;
    const find = async (q: string) => (await t.app.inject({ url: `/api/people?q=${encodeURIComponent(q)}`, headers: owner.headers })).json().items.map((x: { id: string }) => x.id);
    expect(await find('Muhamad Rizky')).toContain(ids['Muhammad Rizki Pratama']);
    expect((await find('muhamad rizki'))[0]).toBe(ids['Muhammad Rizki Pratama']);
    expect(await find('Nurhayati')).toContain(ids['Hj. Nurhayati Siregar']);
    expect(await find('Siregar Nurhayati')).toContain(ids['Hj. Nurhayati Siregar']);
    expect(await find('Dewi Lestary')).toContain(ids['Dewi Lestari']);
    expect(await find('Yohanis')).toContain(ids['Yohanes Pattimura']);
    expect(await find('Wayan Sudarma')).not.toContain(ids['Dewi Lestari']);
    // two dropped letters, one word alone, the old spelling both ways
    expect(await find('Suparmn Wijya')).toContain(ids['Suparman Wijaya']);
    expect(await find('Wijya')).toContain(ids['Suparman Wijaya']);
    expect(await find('Soeparman')).toContain(ids['Suparman Wijaya']);
    expect(await find('Joko Susanto')).toContain(ids['Djoko Susanto']);
    expect(await find('Suparmn Wijya')).not.toContain(ids['Dewi Lestari']);
  });

  it("searches word by word through the organisation's name words, kept up to date on every write", async () => {
    const org = await signUpWithOrg(t.app);
    const words = async () => (await t.db.query<{ word: string }>('SELECT word FROM name_words WHERE org_id = $1 ORDER BY word', [org.orgId])).rows.map((r) => r.word);
    const made = (await post({ fullName: 'Hj. Andi Biasa' }, org.headers)).json();
    expect(await words()).toEqual(['andi', 'biasa']); // titles are not name words
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/people/${made.id}`, headers: org.headers, payload: { fullName: 'Andi Zulkarnaen', version: made.version } });
    expect(renamed.statusCode).toBe(200);
    expect(await words()).toEqual(['andi', 'biasa', 'zulkarnaen']);
    const find = async (q: string) => (await t.app.inject({ url: `/api/people?q=${encodeURIComponent(q)}`, headers: org.headers })).json().items.map((x: { id: string }) => x.id);
    // a typo in each word, words swapped, a word cut short
    expect(await find('Zulkarnain Andy')).toEqual([made.id]);
    expect(await find('zulkar')).toEqual([made.id]);
    // every word must match: "Andi Wijaya" is not Andi Zulkarnaen
    expect(await find('Andi Wijaya')).toEqual([]);
    // fused words fall back to the whole-name comparison
    expect(await find('andizulkarnaen')).toEqual([made.id]);
    // another organisation's words are not this one's
    const other = await signUpWithOrg(t.app);
    expect((await t.db.query('SELECT 1 FROM name_words WHERE org_id = $1', [other.orgId])).rows).toEqual([]);
    expect((await t.app.inject({ url: '/api/people?q=zulkarnaen', headers: other.headers })).json().items).toEqual([]);
  });

  it('filters by area, sex, age band, role, tag, disability and consent, with counts and cursor paging', async () => {
    const org = await signUpWithOrg(t.app);
    const mk = (p: object) => post({ fullName: 'X', ...p }, org.headers).then((r) => r.json());
    const year = new Date().getUTCFullYear();
    const a = await mk({ fullName: 'Anak Bandung', sex: 'male', birthYear: year - 8, areaCode: '32.04.05', roles: ['beneficiary'], tags: ['pkh'] });
    const b = await mk({ fullName: 'Ibu Kupang', sex: 'female', birthDate: `${year - 40}-01-01`, areaCode: '53.71.01', roles: ['volunteer'], disability: { hearing: 4 }, consent: { given: true } });
    const c = await mk({ fullName: 'Kakek Bandung', sex: 'male', birthDate: `${year - 70}-06-01`, areaCode: '32.04', roles: ['beneficiary', 'member'] });
    const q = async (qs: string) => (await t.app.inject({ url: `/api/people?${qs}`, headers: org.headers })).json();
    const ids = async (qs: string) => (await q(qs)).items.map((x: { id: string }) => x.id).sort();
    expect(await ids('areaCode=32.04')).toEqual([a.id, c.id].sort());
    expect(await ids('areaCode=32')).toEqual([a.id, c.id].sort());
    expect(await ids('areaCode=53.71.01')).toEqual([b.id]);
    expect(await ids('sex=female')).toEqual([b.id]);
    expect(await ids('ageBand=6-12')).toEqual([a.id]);
    expect(await ids('ageBand=25-59')).toEqual([b.id]);
    expect(await ids('ageBand=60%2B')).toEqual([c.id]);
    expect(await ids('role=beneficiary')).toEqual([a.id, c.id].sort());
    expect(await ids('role=beneficiary&sex=male&areaCode=32.04.05')).toEqual([a.id]);
    expect(await ids('tag=PKH')).toEqual([a.id]);
    expect(await ids('disability=true')).toEqual([b.id]);
    expect(await ids('consent=true')).toEqual([b.id]);
    expect((await q('role=beneficiary')).total).toBe(2);
    // paging: name order, then descending creation, each page continues where the last stopped
    for (let i = 0; i < 7; i++) await mk({ fullName: `Paging ${String.fromCharCode(65 + i)}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { fullName: string }[]; nextCursor: string | null; total: number } = await q(`limit=3&sort=name${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(10);
      seen.push(...page.items.map((x) => x.fullName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(seen).toEqual([...seen].sort());
    const newest = await q('limit=2&sort=-created');
    expect(newest.items.map((x: { fullName: string }) => x.fullName)).toEqual(['Paging G', 'Paging F']);
    const next = await q(`limit=2&sort=-created&cursor=${newest.nextCursor}`);
    expect(next.items.map((x: { fullName: string }) => x.fullName)).toEqual(['Paging E', 'Paging D']);
    // an area filter pages the same way (the page's ids come from the area index first)
    for (let i = 0; i < 5; i++) await mk({ fullName: `Bandung ${String.fromCharCode(69 - i)}`, areaCode: '32.04.05' });
    for (const sort of ['name', '-name', 'created', '-created']) {
      const inArea: string[] = [];
      let next: string | null = null;
      do {
        const page: { items: { id: string; fullName: string }[]; nextCursor: string | null; total: number } = await q(`areaCode=32.04&limit=2&sort=${sort}${next ? `&cursor=${next}` : ''}`);
        expect(page.total, sort).toBe(7);
        inArea.push(...page.items.map((x) => x.fullName));
        next = page.nextCursor;
      } while (next);
      const byName = ['Anak Bandung', 'Bandung A', 'Bandung B', 'Bandung C', 'Bandung D', 'Bandung E', 'Kakek Bandung'];
      const byCreation = ['Anak Bandung', 'Kakek Bandung', 'Bandung E', 'Bandung D', 'Bandung C', 'Bandung B', 'Bandung A'];
      const expected = { name: byName, '-name': [...byName].reverse(), created: byCreation, '-created': [...byCreation].reverse() }[sort];
      expect(inArea, sort).toEqual(expected);
    }
    // fuzzy search pages too
    const s1 = await q('q=paging&limit=4');
    const s2 = await q(`q=paging&limit=4&cursor=${s1.nextCursor}`);
    expect(new Set([...s1.items, ...s2.items].map((x: { id: string }) => x.id)).size).toBe(7);
    expect(s2.nextCursor).toBeNull();
  });

  it('deletes to the bin and restores (undo), with permissions and audit', async () => {
    const staff = await addMember(t.app, owner, 'staff');
    const p = (await post({ fullName: 'Akan Dihapus', nik: '3204055205900002', sex: 'female', birthDate: '1990-05-12' })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/people/${p.id}`, headers: staff.headers })).statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/people/${p.id}`, headers: owner.headers });
    expect(del.statusCode).toBe(200);
    expect(del.json().deletedAt).not.toBeNull();
    expect((await t.app.inject({ url: `/api/people/${p.id}`, headers: owner.headers })).statusCode).toBe(404);
    const bin = (await t.app.inject({ url: '/api/people?deleted=true', headers: owner.headers })).json().items.map((x: { id: string }) => x.id);
    expect(bin).toContain(p.id);
    const restored = await t.app.inject({ method: 'POST', url: `/api/people/${p.id}/restore`, headers: owner.headers });
    expect(restored.json()).toMatchObject({ deletedAt: null, fullName: 'Akan Dihapus' });
    expect((await t.app.inject({ url: `/api/people/${p.id}`, headers: owner.headers })).statusCode).toBe(200);
    const log = (await t.app.inject({ url: `/api/audit?entityId=${p.id}`, headers: owner.headers })).json().items.map((e: { action: string }) => e.action);
    expect(log).toEqual(['restore', 'delete', 'create']);
  });

  it('reveals a NIK only to roles allowed to, auditing each reveal', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    const manager = await addMember(t.app, owner, 'manager');
    const p = (await post({ fullName: 'Rahasia', nik: '3204055205900003', sex: 'female', birthDate: '1990-05-12' })).json();
    const seen = await t.app.inject({ url: `/api/people/${p.id}`, headers: viewer.headers });
    expect(seen.json().nikMasked).toBe('3204********0003');
    expect((await t.app.inject({ method: 'POST', url: `/api/people/${p.id}/reveal-nik`, headers: viewer.headers })).statusCode).toBe(403);
    const r = await t.app.inject({ method: 'POST', url: `/api/people/${p.id}/reveal-nik`, headers: manager.headers });
    expect(r.json()).toEqual({ nik: '3204055205900003' });
    const log = (await t.app.inject({ url: `/api/audit?entityId=${p.id}&action=reveal`, headers: owner.headers })).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: manager.userId, action: 'reveal' });
    expect(JSON.stringify(log)).not.toContain('3204055205900003');
  });

  it('filters the audit log by person, record type and date', async () => {
    const staff = await addMember(t.app, owner, 'staff');
    await post({ fullName: 'Dicatat Staf' }, staff.headers);
    const byStaff = (await t.app.inject({ url: `/api/audit?actorId=${staff.userId}`, headers: owner.headers })).json().items;
    expect(byStaff.length).toBeGreaterThan(0);
    expect(byStaff.every((e: { actorId: string }) => e.actorId === staff.userId)).toBe(true);
    // the filter's dates are the organisation's (Asia/Jakarta, UTC+7): from 17:00 UTC it is already tomorrow there
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await t.app.inject({ url: `/api/audit?entityType=person&from=${today}&to=${today}`, headers: owner.headers })).json().items.length).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/audit?entityType=person&to=2000-01-01', headers: owner.headers })).json().items).toEqual([]);
    const page = (await t.app.inject({ url: '/api/audit?limit=2', headers: owner.headers })).json();
    const page2 = (await t.app.inject({ url: `/api/audit?limit=2&cursor=${page.nextCursor}`, headers: owner.headers })).json();
    expect(page2.items[0].id < page.items[1].id).toBe(true);
  });
});
