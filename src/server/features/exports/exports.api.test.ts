import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/connect.ts';
import { readRows, writeCsv } from '../../platform/spreadsheet/index.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { BATCH, exportPeople } from './exports.service.ts';

const NIK_SITI = '3204055205900001'; // Kab. Bandung, woman born 12 May 1990
const BULK = 30_000;
const dir = mkdtempSync(join(tmpdir(), 'gotong-export-test-'));
let fileNo = 0;

/** Reads a downloaded file back with the import's reader: every row's cells. */
async function sheet(body: Buffer | string, ext: 'csv' | 'xlsx'): Promise<string[][]> {
  const path = join(dir, `f${++fileNo}.${ext}`);
  writeFileSync(path, body);
  const out: string[][] = [];
  for await (const r of readRows(path)) out.push(r.cells);
  return out;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DATABASES)('registry export on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let staff: Awaited<ReturnType<typeof addMember>>;
  let admin: Awaited<ReturnType<typeof addMember>>;
  let householdId: string;
  let total: number;
  const get = (url: string, headers: Record<string, string> = owner.headers) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    staff = await addMember(t.app, owner, 'staff');
    admin = await addMember(t.app, owner, 'admin');
    const h = await t.app.inject({ method: 'POST', url: '/api/households', headers: owner.headers, payload: { name: 'Keluarga Suparman', kkNumber: '3204050101100001', areaCode: '32.04.05.2001', address: 'Jl. Mawar 1' } });
    householdId = h.json().id;
    const people = [
      { fullName: 'Siti Nurhaliza', sex: 'female', birthDate: '1990-05-12', nik: NIK_SITI, phone: '081234567890', areaCode: '32.04.05.2001', householdId, relationship: 'head', roles: ['beneficiary', 'volunteer'], tags: ['pkh'], consent: { given: true } },
      { fullName: 'Budi Suparman', sex: 'male', birthYear: 1988, householdId, relationship: 'spouse', disability: { walking: 3 } },
      { fullName: '=HYPERLINK("http://x")', sex: 'female', areaCode: '32.04.05.2001' },
    ];
    for (const p of people) expect((await t.app.inject({ method: 'POST', url: '/api/people', headers: owner.headers, payload: p })).statusCode).toBe(201);
    // 30,000 more in one statement: half women, in three villages of two regencies, ids in creation order.
    const villages = ['32.04.05.2001', '32.04.05.2002', '33.74.01.1001'];
    for (const v of villages) expect(t.app.services.areas.get(v), v).toBeDefined();
    await t.db.query(
      `INSERT INTO people (org_id, id, full_name, search_name, sex, birth_date, birth_year, area_code, nik_masked, phone, roles, tags, consent_given, has_disability)
       SELECT $1, (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-000000000000')::uuid, 'Warga Nomor ' || i, 'warga nomor ' || i,
              CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, date '1940-01-01' + (i % 29000), extract(year FROM date '1940-01-01' + (i % 29000))::int,
              ($2::text[])[1 + i % 3], '3204********' || lpad((i % 10000)::text, 4, '0'), CASE WHEN i % 4 = 0 THEN '+62812' || lpad(i::text, 7, '0') END,
              ARRAY['beneficiary'], ARRAY[]::text[], i % 5 <> 0, i % 20 = 0
         FROM generate_series(1, ${BULK}) i`,
      [owner.orgId, villages],
    );
    total = BULK + people.length;
  });
  afterAll(() => t?.close());

  it('streams the whole registry as CSV in batches, never more than one batch of rows in memory', async () => {
    // the size of every batch the export reads (one JSON array per tenant transaction)
    const db = t.db as { transaction: (fn: (tx: Tx) => Promise<unknown>) => Promise<unknown> };
    const original = db.transaction;
    let largest = 0;
    let reads = 0;
    db.transaction = (fn) =>
      original.call(t.db, (tx: Tx) =>
        fn({
          exec: (s) => tx.exec(s),
          query: async (sql, params) => {
            const res = await tx.query(sql, params);
            if (/json_agg/.test(sql)) {
              reads++;
              const batch = (res.rows[0] as { rows: string | null }).rows;
              largest = Math.max(largest, batch ? JSON.parse(batch).length : 0);
            }
            return res;
          },
        } as Tx),
      );
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/api/people/export?format=csv&columns=id,fullName,sex,nik,village,consent`, { headers: { cookie: staff.cookie, 'accept-language': 'en' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="people-\d{4}-\d\d-\d\d\.csv"$/);
      expect(res.headers.get('content-length')).toBeNull(); // streamed (chunked), not buffered
      const path = join(dir, 'streamed.csv');
      await pipeline(Readable.fromWeb(res.body as never), createWriteStream(path));
      const rows: string[][] = [];
      for await (const r of readRows(path)) rows.push(r.cells);
      expect(rows[0]).toEqual(['ID', 'Full name', 'Sex', 'NIK', 'Village', 'Consent']);
      expect(rows.length).toBe(1 + total);
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(total); // no row twice across batches
      const siti = rows.find((r) => r[1] === 'Siti Nurhaliza')!;
      expect(siti.slice(2)).toEqual(['Female', '3204********0001', 'Cileunyi Kulon', 'Yes']);
      expect(rows.find((r) => r[1] === 'Warga Nomor 7')!.slice(2, 4)).toEqual(['Male', '3204********0007']);
      // in the list's order (by name), all pages of it
      const page = (await get('/api/people?limit=200', staff.headers)).json();
      expect(rows.slice(1, 201).map((r) => r[0])).toEqual(page.items.map((p: { id: string }) => p.id));
    } finally {
      db.transaction = original;
    }
    expect(largest).toBeLessThanOrEqual(BATCH);
    expect(reads).toBeGreaterThanOrEqual(Math.ceil(total / BATCH));
  });

  it('stops reading when the client goes away mid-download', async () => {
    // Through HTTP: the server notices, and carries on. (Socket buffers on one machine can hold
    // the whole file, so whether reading stopped early is checked below, without a socket.)
    const url = t.app.server.listening ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}` : await t.app.listen({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      const req = httpGet(`${url}/api/people/export?format=xlsx`, { headers: { cookie: owner.cookie } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? resolve() : reject(err)));
    });
    expect((await get('/api/people?limit=1')).statusCode).toBe(200);

    // The writer waits for the output, and a closed output ends the reading.
    const actor = { orgId: owner.orgId, userId: owner.userId, userName: 'Owner', role: 'owner' as const, via: 'session' as const };
    const started = await exportPeople(t.app.services, actor, { format: 'csv', columns: ['fullName'], hxl: false, revealNik: false, filter: { sort: 'name' } });
    let batches = 0;
    async function* rows() {
      for await (const batch of started.batches()) {
        batches++;
        for (const r of batch) yield [r.full_name];
      }
    }
    let bytes = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > 100_000) this.destroy();
        else setTimeout(done, 5); // a slow client
      },
    });
    await expect(writeCsv(rows(), out)).rejects.toThrow();
    expect(batches).toBeLessThanOrEqual(5); // of 16: what the writer had taken before the output closed
    expect(started.count).toBe(total);
  });

  it('writes XLSX with a bold, frozen header and HXL row, formulas neutralised, numbers and dates typed', async () => {
    const res = await get('/api/people/export?format=xlsx&hxl=true&columns=fullName,sex,birthDate,age,nik,phone,province,regency,district,village,householdName,kkNumber,relationship,roles,disability', owner.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers['x-row-count']).toBe(String(total));
    const rows = await sheet(res.rawPayload, 'xlsx');
    expect(rows.length).toBe(2 + total);
    expect(rows[0]).toEqual(['Full name', 'Sex', 'Birth date', 'Age', 'NIK', 'Phone', 'Province', 'Regency/city', 'District', 'Village', 'Household', 'Family card number (KK)', 'Relationship to head', 'Roles', 'Disability']);
    expect(rows[1]).toEqual([
      '#beneficiary+name',
      '#beneficiary+sex',
      '#date+birth',
      '#beneficiary+age',
      '#beneficiary+code+nik',
      '#contact+phone',
      '#adm1+name',
      '#adm2+name',
      '#adm3+name',
      '#adm4+name',
      '#beneficiary+hh+name',
      '#beneficiary+hh+code',
      '#beneficiary+relationship',
      '#beneficiary+type',
      '#beneficiary+disability',
    ]);
    const byName = new Map(rows.slice(2).map((r) => [r[0], r]));
    // a text cell marked "quote prefix" (never a formula), the value shown as typed
    expect(byName.get('=HYPERLINK("http://x")')).toBeDefined();
    const siti = byName.get('Siti Nurhaliza')!;
    expect(siti[1]).toBe('Female');
    expect(siti[2]).toMatch(/^(1990-05-12|32640)$/); // a date cell (serial) or its text
    expect(Number(siti[3])).toBeGreaterThanOrEqual(35);
    expect(siti.slice(4)).toEqual(['3204********0001', '+6281234567890', 'Jawa Barat', 'Kabupaten Bandung', 'Cileunyi', 'Cileunyi Kulon', 'Keluarga Suparman', '3204********0001', 'Head of household', 'Beneficiary, Volunteer', 'No']);
    expect(byName.get('Budi Suparman')!.slice(12)).toEqual(['Spouse', '', 'Yes']);
    // both header rows bold and frozen
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(res.rawPayload))['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toMatch(/<row r="2"><c r="A2" t="inlineStr" s="1">/);
    expect(xml).toMatch(/<row r="3"><c r="A3" t="inlineStr"(?! s="1")/); // data rows are not bold
    expect(xml).not.toContain('<f>');
    expect(xml).toMatch(/<c r="A\d+" t="inlineStr" s="6"><is><t>=HYPERLINK\(&quot;http:\/\/x&quot;\)<\/t>/);
  });

  it('exports exactly the filtered list, in its order, also when searching', async () => {
    for (const query of ['sex=female&areaCode=32.04', 'sex=male&ageBand=25-59&consent=true', 'q=Siti Nurhalisa', `q=${NIK_SITI}`, `householdId=${householdId}`, 'disability=true&sort=-created', 'role=volunteer', 'q=warga nomr']) {
      const list = (await get(`/api/people?${query}&limit=200`)).json();
      const res = await get(`/api/people/export?${query}&columns=id`);
      expect(res.statusCode, query).toBe(200);
      const rows = await sheet(res.body, 'csv');
      // the list counts up to 10,000 ("10,000+"); the export always has every row
      if (list.totalCapped) expect(rows.length - 1, query).toBeGreaterThan(list.total);
      else expect(rows.length - 1, query).toBe(list.total);
      expect(res.headers['x-row-count']).toBe(String(rows.length - 1));
      if (query.startsWith('q=') && list.totalCapped) {
        // a list search ranks the first 1,001 matches it finds ("1,000+"); the export ranks them all
        expect(list.total, query).toBe(1000);
        expect(rows.length - 1, query).toBe(BULK);
        const exported = new Set(rows.map((r) => r[0]));
        expect(list.items.every((p: { id: string }) => exported.has(p.id)), query).toBe(true);
      } else expect(rows.slice(1, 1 + list.items.length).map((r) => r[0]), query).toEqual(list.items.map((p: { id: string }) => p.id));
    }
    expect((await get('/api/people?q=warga nomr')).json().totalCapped).toBe(true);
    expect((await get('/api/people?sex=female&areaCode=32.04')).json().total).toBeGreaterThan(BATCH); // several batches
    // 30,000 people: the list's count stops at 10,000 and says so; a narrower filter is exact
    expect((await get('/api/people')).json()).toMatchObject({ total: 10_000, totalCapped: true });
    expect((await get('/api/people?areaCode=33.74')).json()).toMatchObject({ totalCapped: false });
  });

  it('masks NIKs, and reveals them only to those allowed who ask, with one audit entry that holds no NIK', async () => {
    const cols = `columns=fullName,nik&q=${NIK_SITI}`;
    // staff: masked, and may not ask for more
    expect((await sheet((await get(`/api/people/export?${cols}`, staff.headers)).body, 'csv'))[1]).toEqual(['Siti Nurhaliza', '3204********0001']);
    const refused = await get(`/api/people/export?${cols}&revealNik=true`, staff.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    // admin: masked unless asked
    expect((await sheet((await get(`/api/people/export?${cols}`, admin.headers)).body, 'csv'))[1]).toEqual(['Siti Nurhaliza', '3204********0001']);
    const revealed = await get(`/api/people/export?${cols}&revealNik=true&format=xlsx`, admin.headers);
    expect(revealed.statusCode).toBe(200);
    expect((await sheet(revealed.rawPayload, 'xlsx'))[1]).toEqual(['Siti Nurhaliza', NIK_SITI]);

    const audit = (await get('/api/audit?action=export&limit=200', owner.headers)).json().items as { actorId: string; entityType: string; after: Record<string, any> }[];
    const mine = audit.filter((e) => e.actorId === admin.userId);
    expect(mine.length).toBe(2); // one entry per export
    expect(mine[0]).toMatchObject({ entityType: 'person_list', after: { format: 'xlsx', count: 1, nikRevealed: true, columns: ['fullName', 'nik'], filters: { q: '3204********0001', sort: 'name' } } });
    expect(mine[1].after).toMatchObject({ format: 'csv', count: 1, nikRevealed: false });
    expect(JSON.stringify(audit)).not.toContain(NIK_SITI);
    expect(audit.filter((e) => e.actorId === staff.userId).length).toBeGreaterThanOrEqual(2); // the refused one wrote nothing
  });

  it('writes headers and values in the caller’s language (Accept-Language, the user’s setting, or lang=)', async () => {
    const cols = 'columns=fullName,sex,relationship,roles,consent,province&householdId=' + householdId;
    const id = await sheet((await get(`/api/people/export?${cols}`, { cookie: owner.cookie, 'accept-language': 'id-ID,id;q=0.9' })).body, 'csv');
    expect(id[0]).toEqual(['Nama lengkap', 'Jenis kelamin', 'Hubungan dengan kepala keluarga', 'Peran', 'Persetujuan', 'Provinsi']);
    expect(id.find((r) => r[0] === 'Siti Nurhaliza')).toEqual(['Siti Nurhaliza', 'Perempuan', 'Kepala keluarga', 'Penerima manfaat, Relawan', 'Ya', 'Jawa Barat']);
    const en = await sheet((await get(`/api/people/export?${cols}`, { cookie: owner.cookie, 'accept-language': 'en-GB' })).body, 'csv');
    expect(en[0]).toEqual(['Full name', 'Sex', 'Relationship to head', 'Roles', 'Consent', 'Province']);
    expect(en.find((r) => r[0] === 'Budi Suparman')).toEqual(['Budi Suparman', 'Male', 'Spouse', '', 'No', '']);
    // a browser download sends the browser's language; the app passes its own
    const lang = await sheet((await get(`/api/people/export?${cols}&lang=id`, { cookie: owner.cookie, 'accept-language': 'en' })).body, 'csv');
    expect(lang[0][0]).toBe('Nama lengkap');
  });

  it('answers bad requests in the API’s error shape and language, and checks permissions', async () => {
    const bad = await get('/api/people/export?columns=fullName,shoeSize');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', fields: { columns: { code: 'unknown_column', message: 'Unknown column: shoeSize.' } } });
    const badId = await get('/api/households/export?columns=name,fullName', { cookie: owner.cookie, 'accept-language': 'id' });
    expect(badId.json().error.fields.columns.message).toBe('Kolom tidak dikenal: fullName.');
    expect((await get('/api/people/export?columns=')).json().error.fields.columns.code).toBe('required');
    expect((await get('/api/people/export?format=pdf')).json().error.fields.format.code).toBe('invalid_option');
    expect((await get('/api/people/export?sex=unknown')).json().error.fields.sex.code).toBe('invalid_option');
    expect((await t.app.inject({ url: '/api/people/export' })).statusCode).toBe(401);
    expect((await get('/api/people/export?deleted=true', staff.headers)).statusCode).toBe(403); // the bin is for those who may delete
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await get('/api/people/export?columns=fullName&householdId=' + householdId, viewer.headers)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/people/export', headers: owner.headers })).statusCode).toBe(404);
  });

  it('exports the household list with masked family cards, member counts and heads', async () => {
    await t.app.inject({ method: 'POST', url: '/api/households', headers: owner.headers, payload: { name: 'Keluarga Tanpa Anggota' } });
    const res = await get('/api/households/export?hxl=true&columns=name,headName,memberCount,kkNumber,address,province,villageCode', owner.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="households-\d{4}-\d\d-\d\d\.csv"$/);
    const rows = await sheet(res.body, 'csv');
    expect(rows.slice(0, 2)).toEqual([
      ['Household name', 'Head of household', 'Members', 'Family card number (KK)', 'Address', 'Province', 'Village code'],
      ['#beneficiary+hh+name', '#beneficiary+hh+head+name', '#beneficiary+hh+size', '#beneficiary+hh+code', '#loc+address', '#adm1+name', '#adm4+code'],
    ]);
    expect(rows.slice(2)).toEqual([
      ['Keluarga Suparman', 'Siti Nurhaliza', '2', '3204********0001', 'Jl. Mawar 1', 'Jawa Barat', '32.04.05.2001'],
      ['Keluarga Tanpa Anggota', '', '0', '', '', '', ''],
    ]);
    const filtered = await get('/api/households/export?q=Suparman&format=xlsx', { cookie: owner.cookie, 'accept-language': 'id' });
    const x = await sheet(filtered.rawPayload, 'xlsx');
    expect(x[0]).toEqual(['Nama rumah tangga', 'Kepala keluarga', 'Jumlah anggota', 'Nomor KK', 'Alamat', 'Provinsi', 'Kabupaten/kota', 'Kecamatan', 'Desa/kelurahan']);
    expect(x.length).toBe(1 + (await get('/api/households?q=Suparman')).json().total);
    const audit = (await get('/api/audit?action=export&entityType=household_list', owner.headers)).json().items;
    expect(audit[0].after).toMatchObject({ format: 'xlsx', count: x.length - 1, filters: { q: 'Suparman' }, nikRevealed: false });
  });

  it('never shows another organisation’s records', async () => {
    const b = await signUpWithOrg(t.app);
    for (const url of ['/api/people/export?columns=id,fullName,nik', `/api/people/export?householdId=${householdId}`, '/api/people/export?q=Siti', '/api/households/export', '/api/households/export?q=Suparman']) {
      const res = await get(url, b.headers);
      expect(res.statusCode, url).toBe(200);
      const rows = await sheet(res.body, 'csv');
      expect(rows.length, url).toBe(1); // the header row only
      expect(res.body).not.toMatch(/Siti|Suparman|Warga Nomor|3204/);
    }
    const a = await get('/api/audit?action=export&limit=200', owner.headers);
    expect(a.json().items.every((e: { actorId: string }) => e.actorId !== b.userId)).toBe(true);
  });
});
