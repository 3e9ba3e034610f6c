import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { importFile } from './imports.service.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

/** A village-office style list: Indonesian headers, one KK with three people, and bad rows. */
const CSV = [
  'No;Nama Lengkap;Jenis Kelamin;Tgl. Lahir;NIK;No KK;Hubungan Keluarga;Kecamatan;Desa;HP',
  '1;Budi Santoso;L;17/08/1980;3204051708800001;3204050101010001;Kepala Keluarga;32.04.05;32.04.05.2001;0812 3456 7890',
  '2;Siti Aminah;P;02-03-1984;3204054203840002;3204050101010001;Istri;32.04.05;32.04.05.2001;',
  '3;Rizki Santoso;L;5 Januari 2010;;3204050101010001;Anak;32.04.05;32.04.05.2001;',
  '4;;P;01/01/1990;;;;;;', // no name
  '5;Dewi Lestari;X;31/02/1990;3204051708800001;;;;;abc', // bad sex, bad date, NIK used on line 2, bad phone
  '6;Ahmad Dahlan;L;1990;;;;;Desa Yang Tidak Ada;',
].join('\r\n');

describe.each(DATABASES)('imports on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());

  const upload = (body: string | Buffer, headers = owner.headers, fileName = 'daftar.csv') =>
    t.app.inject({ method: 'POST', url: `/api/imports?fileName=${encodeURIComponent(fileName)}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });
  const post = (url: string, payload: object, headers = owner.headers) => t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers: Record<string, string> = owner.headers) => t.app.inject({ url, headers });
  const run = () => t.app.services.jobs.drain();

  it('guesses the mapping, previews rows as stored, reports every bad row, and imports only good rows on request', async () => {
    const res = await upload(CSV);
    expect(res.statusCode, res.body).toBe(201);
    const imp = res.json();
    expect(imp.mapping).toMatchObject({ fullName: 1, sex: 2, birthDate: 3, nik: 4, kk: 5, relationship: 6, district: 7, village: 8, phone: 9 });
    expect(imp.preview[0].values).toMatchObject({ fullName: 'Budi Santoso', sex: 'male', birthDate: '1980-08-17', nikMasked: '3204********0001', relationship: 'head', phone: '+6281234567890', areaCode: '32.04.05.2001' });
    expect(imp.preview[2].values.birthDate).toBe('2010-01-05');
    expect(imp.preview[3].problems).toEqual([{ field: 'fullName', code: 'required', severity: 'error' }]);

    // checking
    const v = await post(`/api/imports/${imp.id}/validate`, { version: imp.version });
    expect(v.statusCode, v.body).toBe(202);
    await run();
    const checked = (await get(`/api/imports/${imp.id}`)).json();
    expect(checked).toMatchObject({ status: 'validated', totalRows: 6, validRows: 3, invalidRows: 3, warningRows: 0 });
    expect(checked.job).toMatchObject({ kind: 'import.validate', status: 'done', done: 6 });
    const problems = (await get(`/api/imports/${imp.id}/problems`, { ...owner.headers, 'accept-language': 'en' })).json().items;
    expect(problems.map((p: { line: number; field: string; code: string }) => `${p.line}:${p.field}:${p.code}`)).toEqual([
      '5:fullName:required',
      '6:birthDate:invalid_date',
      '6:nik:duplicate_in_file',
      '6:phone:invalid_phone',
      '6:sex:invalid_sex',
      '7:village:invalid_area',
    ]);
    expect(problems[0].message).toBe('Required.');
    const csv = await get(`/api/imports/${imp.id}/problems.csv`, { ...owner.headers, 'accept-language': 'id' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('baris');
    expect(csv.body).toContain('Wajib diisi.');
    expect(csv.body).toContain('Nama Lengkap');

    // all or nothing: refused, nothing imported
    const refused = await post(`/api/imports/${imp.id}/start`, { version: checked.version, mode: 'all_or_nothing' }, { ...owner.headers, 'accept-language': 'en' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'import_has_errors', message: expect.stringContaining('3 bad rows') });
    expect((await get('/api/people')).json().total).toBe(0);

    // good rows only
    const started = await post(`/api/imports/${imp.id}/start`, { version: checked.version, mode: 'skip_bad' });
    expect(started.statusCode, started.body).toBe(202);
    await run();
    const done = (await get(`/api/imports/${imp.id}`)).json();
    expect(done).toMatchObject({ status: 'done', importedRows: 3, householdsCreated: 1 });
    const people = (await get('/api/people?sort=name')).json();
    expect(people.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Budi Santoso', 'Rizki Santoso', 'Siti Aminah']);
    const budi = people.items[0];
    expect(budi).toMatchObject({ householdName: 'Keluarga Budi Santoso', relationship: 'head', areaCode: '32.04.05.2001' });
    expect(new Set(people.items.map((p: { householdId: string }) => p.householdId)).size).toBe(1);

    // history lists it with who and counts; the audit log has one entry for the whole import
    const history = (await get('/api/imports')).json().items;
    expect(history[0]).toMatchObject({ id: imp.id, status: 'done', importedRows: 3, createdByName: expect.any(String) });
    const log = (await get(`/api/audit?entityType=import&entityId=${imp.id}`)).json().items;
    expect(log.map((e: { action: string }) => e.action)).toContain('import');

    // the same people again: their NIKs are now in the registry
    const again = (await upload(CSV)).json();
    await post(`/api/imports/${again.id}/validate`, { version: again.version });
    await run();
    const againProblems = (await get(`/api/imports/${again.id}/problems?limit=100`)).json().items;
    expect(againProblems.filter((p: { code: string }) => p.code === 'nik_exists').map((p: { line: number }) => p.line)).toEqual([2, 3]);

    // undo the whole import
    const u = await post(`/api/imports/${imp.id}/undo`, { version: done.version });
    expect(u.statusCode, u.body).toBe(202);
    await run();
    expect((await get(`/api/imports/${imp.id}`)).json()).toMatchObject({ status: 'undone' });
    expect((await get('/api/people')).json().total).toBe(0);
    expect((await get('/api/people?deleted=true')).json().total).toBe(3);
  });

  it.each(['on the job\u2019s thread', 'in a worker thread'])('joins the households already in the registry by KK number, and creates the others once (rows prepared %s)', async (where) => {
    // big files are prepared in a worker thread, which asks this one for the existing households
    const { config } = t.app.services;
    const before = config.importWorkerMinBytes;
    config.importWorkerMinBytes = where === 'in a worker thread' ? 0 : 2 ** 30;
    onTestFinished(() => {
      config.importWorkerMinBytes = before;
    });
    const org = await signUpWithOrg(t.app);
    const importCsv = async (csv: string) => {
      let imp = (await upload(csv, org.headers)).json();
      await post(`/api/imports/${imp.id}/validate`, { version: imp.version }, org.headers);
      await run();
      imp = (await get(`/api/imports/${imp.id}`, org.headers)).json();
      await post(`/api/imports/${imp.id}/start`, { version: imp.version, mode: 'skip_bad' }, org.headers);
      await run();
      return (await get(`/api/imports/${imp.id}`, org.headers)).json();
    };
    expect(await importCsv('Nama,JK,No KK\nBudi Hartono,L,3204050101010001\n')).toMatchObject({ status: 'done', importedRows: 1, householdsCreated: 1 });
    expect(await importCsv('Nama,JK,No KK\nAni Hartono,P,3204050101010001\nDedi Kurnia,L,3204050101010002\nEka Kurnia,P,3204050101010002\n')).toMatchObject({ status: 'done', importedRows: 3, householdsCreated: 1 });
    const people = (await get('/api/people?sort=name', org.headers)).json().items as { fullName: string; householdId: string }[];
    const household = (name: string) => people.find((p) => p.fullName === name)!.householdId;
    expect(household('Ani Hartono')).toBe(household('Budi Hartono'));
    expect(household('Dedi Kurnia')).toBe(household('Eka Kurnia'));
    expect(household('Dedi Kurnia')).not.toBe(household('Budi Hartono'));
    const { rows } = await t.app.services.db.query<{ offThread: boolean }>(`SELECT (state->>'offThread')::boolean AS "offThread" FROM jobs WHERE kind = 'import.apply' AND org_id = $1`, [org.orgId]);
    expect(rows.map((r) => r.offThread)).toEqual([where === 'in a worker thread', where === 'in a worker thread']);
  });

  it('fails an import whose file turns unreadable in the worker thread with the reason, and writes none of its rows', async () => {
    const { config } = t.app.services;
    const before = config.importWorkerMinBytes;
    config.importWorkerMinBytes = 0;
    onTestFinished(() => {
      config.importWorkerMinBytes = before;
    });
    const org = await signUpWithOrg(t.app);
    let imp = (await upload('Nama,JK\nRina Wati,P\nJoko Susilo,L\n', org.headers)).json();
    await post(`/api/imports/${imp.id}/validate`, { version: imp.version }, org.headers);
    await run();
    imp = (await get(`/api/imports/${imp.id}`, org.headers)).json();
    // the stored file damaged between the check and the import: an unclosed quote
    writeFileSync(importFile(t.app.services, org.orgId, imp.id), 'Nama,JK\nRina Wati,P\n"Joko Susilo,L\n');
    await post(`/api/imports/${imp.id}/start`, { version: imp.version, mode: 'skip_bad' }, org.headers);
    await run();
    expect((await get(`/api/imports/${imp.id}`, org.headers)).json()).toMatchObject({ status: 'failed', error: 'unreadable_file', importedRows: 0 });
    expect((await get('/api/people', org.headers)).json().items).toEqual([]);
  });

  it('imports, with a warning, rows a bulk list cannot confirm: NIK against birth date, one NIK twice', async () => {
    const org = await signUpWithOrg(t.app);
    const csv = 'Nama,JK,Tgl Lahir,NIK\nAgus Salim,L,01/01/1980,3204051708800001\nAgus Salim,L,17/08/1980,3204051708800001\n';
    const imp = (await upload(csv, org.headers)).json();
    await post(`/api/imports/${imp.id}/validate`, { version: imp.version }, org.headers);
    await run();
    const v = (await get(`/api/imports/${imp.id}`, org.headers)).json();
    expect(v).toMatchObject({ validRows: 2, invalidRows: 0, warningRows: 2 });
    const problems = (await get(`/api/imports/${imp.id}/problems`, org.headers)).json().items;
    expect(problems.map((p: { line: number; code: string; severity: string }) => `${p.line}:${p.code}:${p.severity}`)).toEqual(['2:nik_mismatch_birth_date:warning', '3:duplicate_in_file:warning']);
    expect(problems[0].message).toContain('1980-08-17'); // the message carries its details
    await post(`/api/imports/${imp.id}/start`, { version: v.version, mode: 'all_or_nothing' }, org.headers);
    await run();
    expect((await get(`/api/imports/${imp.id}`, org.headers)).json()).toMatchObject({ status: 'done', importedRows: 2, duplicateRows: 2 });
    const pair = (await get('/api/duplicates', org.headers)).json().items[0];
    expect(pair.reasons.map((r: { code: string }) => r.code)).toContain('nik_same');
  });

  it('remembers a chosen mapping for files with the same headers, and refuses a mapping without a name', async () => {
    const csv = 'Siapa,Kapan\nAni,01/02/2000\n';
    const imp = (await upload(csv)).json();
    expect(imp.mapping).toEqual({});
    const bad = await t.app.inject({ method: 'PUT', url: `/api/imports/${imp.id}/mapping`, headers: owner.headers, payload: { mapping: { birthDate: 1 }, version: imp.version } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['mapping.fullName'].code).toBe('mapping_needs_name');
    const outOfRange = await t.app.inject({ method: 'PUT', url: `/api/imports/${imp.id}/mapping`, headers: owner.headers, payload: { mapping: { fullName: 5 }, version: imp.version } });
    expect(outOfRange.json().error.fields['mapping.fullName'].code).toBe('mapping_column');
    const ok = await t.app.inject({ method: 'PUT', url: `/api/imports/${imp.id}/mapping`, headers: owner.headers, payload: { mapping: { fullName: 0, birthDate: 1 }, version: imp.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().preview[0].values).toMatchObject({ fullName: 'Ani', birthDate: '2000-02-01' });
    const next = (await upload('SIAPA , kapan\nBudi,03/04/2001\n')).json();
    expect(next.mapping).toEqual({ fullName: 0, birthDate: 1 });
    // stale version
    const stale = await t.app.inject({ method: 'PUT', url: `/api/imports/${imp.id}/mapping`, headers: owner.headers, payload: { mapping: { fullName: 0 }, version: imp.version } });
    expect(stale.statusCode).toBe(409);
  });

  it('answers bad uploads and wrong steps with clear errors in the caller\u2019s language', async () => {
    const empty = await upload('', { ...owner.headers, 'accept-language': 'en' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('empty_file');
    const junk = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { ...owner.headers, 'accept-language': 'id' }, 'rusak.xlsx');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error).toMatchObject({ code: 'unreadable_file', message: expect.stringContaining('tidak dapat dibaca') });
    const json = await post('/api/imports', { rows: [] });
    expect(json.statusCode).toBe(415);
    const imp = (await upload('Nama\nAni\n')).json();
    const early = await post(`/api/imports/${imp.id}/start`, { version: imp.version, mode: 'skip_bad' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('import_state');
    const limit = t.app.services.config.importMaxBytes;
    t.app.services.config.importMaxBytes = 1024 * 1024;
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/imports?fileName=big.csv',
      headers: { ...owner.headers, 'content-type': 'text/csv' },
      payload: Buffer.alloc(1024 * 1024 + 10, 'a'),
    });
    t.app.services.config.importMaxBytes = limit;
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('file_too_large');
  });

  it('is for managers and up: staff and viewers may not import', async () => {
    const staff = await addMember(t.app, owner, 'staff');
    expect((await upload('Nama\nAni\n', staff.headers)).statusCode).toBe(403);
    expect((await get('/api/imports', staff.headers)).statusCode).toBe(403);
  });
});
