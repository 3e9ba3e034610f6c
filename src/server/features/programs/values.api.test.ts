import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../platform/spreadsheet/index.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

// 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe.each(DATABASES)('results data on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let staff: Awaited<ReturnType<typeof addMember>>;
  let staff2: Awaited<ReturnType<typeof addMember>>;
  let viewer: Awaited<ReturnType<typeof addMember>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    staff = await addMember(t.app, owner, 'staff');
    staff2 = await addMember(t.app, owner, 'staff');
    viewer = await addMember(t.app, owner, 'viewer');
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });

  /** A program over 2026 in one regency with an outcome; an indicator on it. */
  const indicator = async (body: object = {}) => {
    const p = (await req('POST', '/api/programs', { name: `Program ${Math.random()}`, startDate: '2026-01-01', endDate: '2026-12-31', targetAreas: ['32.04'] })).json().id as string;
    const goal = (await req('POST', `/api/programs/${p}/results`, { parentId: null, statement: 'Tujuan' })).json().items[0].id as string;
    const outcome = (await req('POST', `/api/programs/${p}/results`, { parentId: goal, statement: 'Hasil 1' })).json().items.find((r: { level: string }) => r.level === 'outcome').id as string;
    const res = await req('POST', `/api/results/${outcome}/indicators`, {
      code: '1a',
      name: 'Petani terlatih',
      type: 'count',
      frequency: 'quarter',
      baselineValue: 0,
      disaggregations: ['sex', 'age'],
      targets: [
        { start: '2026-01-01', end: '2026-03-31', value: 30 },
        { start: '2026-04-01', end: '2026-06-30', value: 30 },
      ],
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { programId: p, id: res.json().id as string };
  };

  it('counts the values waiting for review per program across the organisation, for reviewers only', async () => {
    const ind = await indicator();
    const count = async () => ((await req('GET', '/api/values/pending')).json().items as { programId: string; programName: string; count: number }[]).find((x) => x.programId === ind.programId)?.count ?? 0;
    const a = (await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 3 }, staff.headers)).json();
    await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-05-15', value: 4 }, staff.headers);
    expect(await count()).toBe(2);
    expect((await req('GET', '/api/values/pending', undefined, staff.headers)).statusCode).toBe(403);
    expect((await req('POST', `/api/values/${a.id}/review`, { decision: 'approve', version: a.version })).statusCode).toBe(200);
    expect(await count()).toBe(1);
    // a program in the bin leaves the queue
    expect((await req('DELETE', `/api/programs/${ind.programId}`)).statusCode).toBe(200);
    expect(await count()).toBe(0);
  });

  it('takes a value from staff with its breakdown, checks that the parts add up, and counts it only once approved', async () => {
    const ind = await indicator();
    const over = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 10, parts: { sex: { female: 8, male: 4 } } }, staff.headers);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields['parts.sex']).toEqual({ code: 'parts_exceed_total', message: 'The parts add up to more than the total.' });
    const short = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 10, parts: { sex: { female: 6, male: 3 } } }, { ...staff.headers, 'accept-language': 'id' });
    expect(short.json().error.fields['parts.sex'].code).toBe('parts_below_total');
    expect(short.json().error.fields['parts.sex'].message).toMatch(/kurang dari total/);
    const badBand = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 10, parts: { age: { '7-9': 10 } } }, staff.headers);
    expect(badBand.json().error.fields['parts.age.7-9'].code).toBe('parts_category');
    const noDim = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 10, parts: { disability: { with: 1 } } }, staff.headers);
    expect(noDim.json().error.fields['parts.disability'].code).toBe('parts_dimension');
    expect((await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 1 }, viewer.headers)).statusCode).toBe(403);

    const v = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-15', value: 10, parts: { sex: { female: 6, male: 3 }, age: { '18-24': 4, '25-59': 6 } }, partsNote: 'Satu peserta tidak mengisi jenis kelamin', comment: 'Sekolah lapang angkatan 1' }, staff.headers);
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json()).toMatchObject({ status: 'submitted', value: 10, parts: { sex: { female: 6, male: 3 } }, enteredBy: { id: staff.userId }, version: 1 });

    let series = (await req('GET', `/api/indicators/${ind.id}/series`)).json().series;
    expect(series.pending).toBe(1);
    expect(series.periods[0].figure.value).toBeNull();
    expect((await req('GET', `/api/programs/${ind.programId}/values/pending`)).json().items.map((x: { id: string; indicatorCode: string }) => [x.id, x.indicatorCode])).toEqual([[v.json().id, '1a']]);

    // staff cannot approve; a manager returns it (a reason is required), staff corrects, it is approved
    expect((await req('POST', `/api/values/${v.json().id}/review`, { decision: 'approve', version: 1 }, staff.headers)).statusCode).toBe(403);
    expect((await req('POST', `/api/values/${v.json().id}/review`, { decision: 'return', version: 1 })).json().error.fields.reason.code).toBe('reason_required');
    const returned = await req('POST', `/api/values/${v.json().id}/review`, { decision: 'return', reason: 'Lampirkan daftar hadir', version: 1 });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewReason: 'Lampirkan daftar hadir', reviewedBy: { id: owner.userId }, version: 2 });
    expect((await req('PATCH', `/api/values/${v.json().id}`, { value: 11, version: 2 }, staff2.headers)).statusCode).toBe(403);
    expect((await req('PATCH', `/api/values/${v.json().id}`, { value: 11, version: 1 }, staff.headers)).statusCode).toBe(409);
    const fixed = await req('PATCH', `/api/values/${v.json().id}`, { value: 9, parts: { sex: { female: 6, male: 3 }, age: { '18-24': 3, '25-59': 6 } }, partsNote: null, version: 2 }, staff.headers);
    expect(fixed.json()).toMatchObject({ status: 'submitted', value: 9, reviewReason: null, version: 3 });
    const approved = await req('POST', `/api/values/${v.json().id}/review`, { decision: 'approve', version: 3 });
    expect(approved.json()).toMatchObject({ status: 'approved', version: 4 });
    expect((await req('POST', `/api/values/${v.json().id}/review`, { decision: 'approve', version: 4 })).json().error.code).toBe('value_not_submitted');
    // an approved value is out of its author's hands
    expect((await req('PATCH', `/api/values/${v.json().id}`, { value: 12, version: 4 }, staff.headers)).statusCode).toBe(403);

    // a second update in the same quarter adds up (sum), the next quarter carries on to date
    for (const [date, value, female, male] of [['2026-03-20', 15, 9, 6], ['2026-05-05', 20, 12, 8]] as const) {
      const x = (await req('POST', `/api/indicators/${ind.id}/values`, { date, value, parts: { sex: { female, male } } }, staff.headers)).json();
      await req('POST', `/api/values/${x.id}/review`, { decision: 'approve', version: 1 });
    }
    series = (await req('GET', `/api/indicators/${ind.id}/series`)).json().series;
    expect(series.periods.map((p: { start: string }) => p.start)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(series.periods.map((p: { figure: { value: number | null } }) => p.figure.value)).toEqual([24, 20, null, null]);
    expect(series.periods.map((p: { toDate: number | null }) => p.toDate)).toEqual([24, 44, 44, 44]);
    expect(series.periods[1].parts.sex.female).toEqual({ value: 12, toDate: 27 });
    expect(series.pending).toBe(0);

    // the audit trail tells who entered, returned and approved
    const history = (await req('GET', `/api/audit?entityType=indicator_value&entityId=${v.json().id}`)).json();
    expect(history.items.map((e: { action: string }) => e.action).sort()).toEqual(['approve', 'create', 'return', 'update']);
  });

  it('keeps percentages from their parts, and refuses values for a computed indicator', async () => {
    const ind = await indicator({ code: '2a', type: 'percentage', disaggregations: ['sex'], targets: [{ start: '2026-01-01', end: '2026-03-31', value: 70 }] });
    const bad = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-01-10', numerator: 60, denominator: 50 });
    expect(bad.json().error.fields.numerator.code).toBe('value_range');
    const ok = await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-01-10', numerator: 30, denominator: 40, parts: { sex: { female: { numerator: 20, denominator: 25 }, male: { numerator: 10, denominator: 15 } } } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ value: null, numerator: 30, denominator: 40 });
    await req('POST', `/api/values/${ok.json().id}/review`, { decision: 'approve', version: 1 });
    const s = (await req('GET', `/api/indicators/${ind.id}/series`)).json().series;
    expect(s.periods[0].figure).toMatchObject({ value: 75, numerator: 30, denominator: 40 });
    expect(s.periods[0].parts.sex.female.value).toBe(80);
  });

  it('attaches evidence, serves it back safely, and refuses what it cannot keep', async () => {
    const ind = await indicator();
    const v = (await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-01', value: 3 }, staff.headers)).json();
    const up = await t.app.inject({ method: 'POST', url: `/api/values/${v.id}/evidence?fileName=daftar%20hadir.png`, headers: { ...staff.headers, 'content-type': 'image/png' }, payload: PNG });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: 'daftar hadir.png', contentType: 'image/png', size: PNG.length });
    const got = await req('GET', `/api/evidence/${up.json().id}`, undefined, viewer.headers);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`inline; filename="daftar hadir.png"; filename*=UTF-8''daftar%20hadir.png`);
    // a name that hides its real extension is kept with the extension of its type
    const sneaky = await t.app.inject({ method: 'POST', url: `/api/values/${v.id}/evidence?fileName=${encodeURIComponent('laporan\u202Excsl.exe')}`, headers: { ...staff.headers, 'content-type': 'text/csv' }, payload: 'a,b\n1,2' });
    expect(sneaky.json().fileName).toBe('laporanxcsl.exe.csv');
    expect((await req('GET', `/api/evidence/${sneaky.json().id}`)).headers['content-disposition']).toMatch(/^attachment; filename="laporanxcsl\.exe\.csv"/);
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    expect((await req('GET', `/api/indicators/${ind.id}/values`)).json().items[0].evidence).toHaveLength(2);

    const html = await t.app.inject({ method: 'POST', url: `/api/values/${v.id}/evidence?fileName=x.html`, headers: { ...staff.headers, 'content-type': 'text/html' }, payload: '<script>alert(1)</script>' });
    expect(html.statusCode).toBe(415);
    const big = await t.app.inject({ method: 'POST', url: `/api/values/${v.id}/evidence?fileName=big.pdf`, headers: { ...staff.headers, 'content-type': 'application/pdf' }, payload: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(big.statusCode).toBe(413);
    const other = await t.app.inject({ method: 'POST', url: `/api/values/${v.id}/evidence?fileName=x.png`, headers: { ...staff2.headers, 'content-type': 'image/png' }, payload: PNG });
    expect(other.statusCode).toBe(403);

    expect((await req('DELETE', `/api/evidence/${up.json().id}`, undefined, staff.headers)).statusCode).toBe(204);
    expect((await req('GET', `/api/evidence/${up.json().id}`)).statusCode).toBe(404);

    // a deleted value is out of the figures and comes back with undo
    const del = await req('DELETE', `/api/values/${v.id}`, undefined, staff.headers);
    expect(del.statusCode).toBe(200);
    expect((await req('GET', `/api/indicators/${ind.id}/values`)).json().items).toHaveLength(0);
    expect((await req('POST', `/api/values/${v.id}/restore`, undefined, staff.headers)).json()).toMatchObject({ id: v.id, status: 'submitted' });
  });

  it('shows a dashboard with traffic lights and gives its data as XLSX in the caller’s language', async () => {
    const ind = await indicator();
    const x = (await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-01-20', value: 12, parts: { sex: { female: 7, male: 5 } } })).json();
    await req('POST', `/api/values/${x.id}/review`, { decision: 'approve', version: 1 });
    const d = (await req('GET', `/api/programs/${ind.programId}/dashboard`)).json();
    expect(d.indicators).toHaveLength(1);
    expect(d.rule).toEqual({ onTrack: 0.9, atRisk: 0.6 });
    expect(d.indicators[0]).toMatchObject({ code: '1a', computed: false });
    expect(Object.values(d.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(1);

    // across the organisation: this program's counts and headline, and the totals of every program
    const org = (await req('GET', `/api/dashboard?programIds=${ind.programId}`)).json();
    expect(org.programs).toHaveLength(1);
    expect(org.programs[0]).toMatchObject({ id: ind.programId, counts: d.counts, headline: { id: ind.id, code: '1a', actualToDate: d.indicators[0].series.actualToDate } });
    const all = (await req('GET', '/api/dashboard')).json();
    expect(all.programs.map((p: { id: string }) => p.id)).toContain(ind.programId);
    expect(Object.values(all.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(all.programs.reduce((s: number, p: { counts: Record<string, number> }) => s + Object.values(p.counts).reduce((a, b) => a + b, 0), 0));
    expect((await req('GET', '/api/dashboard?programIds=x;drop')).statusCode).toBe(400);
    const res = await req('GET', `/api/programs/${ind.programId}/dashboard.xlsx`, undefined, { ...owner.headers, 'accept-language': 'id' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const dir = mkdtempSync(join(tmpdir(), 'dash-'));
    try {
      const file = join(dir, 'd.xlsx');
      writeFileSync(file, res.rawPayload);
      const rows: unknown[][] = [];
      for await (const r of readRows(file, { format: 'xlsx' })) rows.push(r.cells);
      expect(rows[0]).toEqual(['Kode', 'Indikator', 'Satuan', 'Awal periode', 'Akhir periode', 'Pemilahan', 'Kategori', 'Nilai periode', 'Nilai s.d. periode', 'Target periode', 'Target s.d. periode', 'Status']);
      const q1 = rows.filter((r) => r[3] === '2026-01-01');
      expect(q1.map((r) => [r[5], r[6], r[7]])).toEqual([['Total', '', '12'], ['Jenis kelamin', 'Perempuan', '7'], ['Jenis kelamin', 'Laki-laki', '5']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('computes an indicator from the registry, recomputed when people are added, broken down by sex and age', async () => {
    const ind = await indicator({ code: '3a', name: 'Penerima manfaat terdaftar', computation: { source: 'people', roles: ['beneficiary'], inProgramAreas: true }, disaggregations: ['sex', 'age', 'area'], type: 'average' });
    const created = (await req('GET', `/api/indicators/${ind.id}`)).json();
    expect(created).toMatchObject({ computed: true, type: 'count', aggregation: 'latest', computation: { source: 'people', roles: ['beneficiary'], inProgramAreas: true } });
    expect((await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-01', value: 1 })).json().error.code).toBe('indicator_computed');
    const person = (fullName: string, extra: object) => req('POST', '/api/people', { fullName, roles: ['beneficiary'], areaCode: '32.04.05.2001', ...extra });
    expect((await person('Siti Aminah', { sex: 'female', birthYear: 1990 })).statusCode).toBe(201);
    await person('Budi Santoso', { sex: 'male', birthYear: 2010 });
    await person('Di Luar Wilayah', { sex: 'female', areaCode: '31.71' }); // outside the program's areas
    await req('POST', '/api/people', { fullName: 'Bukan Penerima', roles: ['volunteer'], areaCode: '32.04' });
    const current = (s: { periods: { start: string; end: string; figure: { value: number | null }; parts: Record<string, Record<string, { value: number | null }>> }[] }, today: string) => s.periods.find((p) => p.start <= today && today <= p.end);

    let r = (await req('GET', `/api/indicators/${ind.id}/series`)).json();
    let now = current(r.series, r.today);
    if (now) {
      // the program runs through 2026; the test runs within it or after it
      expect(now.figure.value).toBe(2);
      expect(now.parts.sex).toEqual({ female: { value: 1, toDate: 1 }, male: { value: 1, toDate: 1 } });
      expect(Object.keys(now.parts.age).sort()).toEqual(expect.arrayContaining(['13-17', '25-59']));
      expect(now.parts.area).toEqual({ '32.04': { value: 2, toDate: 2 } });
    } else {
      expect(r.series.periods.at(-1).figure.value).toBe(2);
    }
    await person('Wati', { sex: 'female', birthYear: 1950 });
    r = (await req('GET', `/api/indicators/${ind.id}/series`)).json();
    now = current(r.series, r.today) ?? r.series.periods.at(-1);
    expect(now!.figure.value).toBe(3);
    expect(now!.parts.sex.female.value).toBe(2);

    // households with at least one such member; only by area
    const bad = await req('POST', `/api/results/${created.resultId}/indicators`, { code: '3b', name: 'KK', type: 'count', computation: { source: 'households', roles: ['beneficiary'] }, disaggregations: ['sex'] });
    expect(bad.json().error.fields.disaggregations.code).toBe('computed_dimension');
    const hh = (await req('POST', `/api/results/${created.resultId}/indicators`, { code: '3b', name: 'KK', type: 'count', computation: { source: 'households', roles: ['beneficiary'] }, disaggregations: ['area'] })).json();
    const h = (await req('POST', '/api/households', { name: 'Keluarga Aminah', areaCode: '32.04.05.2001' })).json();
    await req('POST', '/api/households', { name: 'Keluarga Kosong', areaCode: '32.04.05.2001' });
    await person('Anak Aminah', { sex: 'female', householdId: h.id, relationship: 'child' });
    const d = (await req('GET', `/api/programs/${ind.programId}/dashboard`)).json();
    const hs = d.indicators.find((i: { id: string }) => i.id === hh.id).series;
    expect((current(hs, d.today) ?? hs.periods.at(-1)).figure.value).toBe(1);
  });

  it('computes an indicator from attendance: distinct people at ≥ 2 trainings under an output, recounted when someone attends', async () => {
    const ind = await indicator({ code: '4a', name: 'Orang terlatih' });
    const { resultId: outcome } = (await req('GET', `/api/indicators/${ind.id}`)).json();
    const output = (await req('POST', `/api/programs/${ind.programId}/results`, { parentId: outcome, statement: 'Keluaran 1.2' })).json().items.find((r: { level: string }) => r.level === 'output').id as string;
    const underOutput = (await req('POST', `/api/programs/${ind.programId}/results`, { parentId: output, statement: 'Pelatihan' })).json().items.find((r: { level: string }) => r.level === 'activity').id as string;
    const computation = { source: 'attendance', activityTypes: ['training'], resultId: output, minActivities: 2, inProgramAreas: false };

    // the building blocks must name this organisation's types and this program's results
    const wrongType = await req('POST', `/api/results/${outcome}/indicators`, { code: '4x', name: 'X', computation: { ...computation, activityTypes: ['party'] } });
    expect(wrongType.json().error.fields['computation.activityTypes'].code).toBe('invalid_option');
    const other = await indicator({ code: '9z', name: 'Lain' });
    const wrongResult = await req('POST', `/api/results/${outcome}/indicators`, { code: '4x', name: 'X', computation: { ...computation, resultId: (await req('GET', `/api/indicators/${other.id}`)).json().resultId } });
    expect(wrongResult.json().error.fields['computation.resultId'].code).toBe('result_not_in_program');

    const trained = (await req('POST', `/api/results/${outcome}/indicators`, { code: '4b', name: 'Orang terlatih (≥ 2 pelatihan)', frequency: 'quarter', computation, disaggregations: ['sex', 'age'] })).json();
    expect(trained).toMatchObject({ computed: true, computation: { source: 'attendance', activityTypes: ['training'], resultId: output, minActivities: 2, roles: [] } });

    const activity = async (startDate: string, body: object = {}) => {
      const res = await req('POST', '/api/activities', { title: `Pelatihan ${startDate}`, type: 'training', programId: ind.programId, resultId: underOutput, startDate, startTime: '09:00', endTime: '12:00', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().item.id as string;
    };
    const a1 = await activity('2026-02-10');
    const a2 = await activity('2026-03-10');
    const a3 = await activity('2026-05-10');
    const meeting = await activity('2026-02-20', { type: 'meeting' });
    const elsewhere = await activity('2026-02-25', { resultId: null });
    const cancelled = await activity('2026-03-01');
    const person = async (fullName: string, extra: object) => (await req('POST', '/api/people', { fullName, ...extra })).json().id as string;
    const siti = await person('Siti Aminah', { sex: 'female', birthYear: 1990 });
    const budi = await person('Budi Santoso', { sex: 'male', birthYear: 2000 });
    const wati = await person('Wati', { sex: 'female', birthYear: 1980 });
    const attend = async (activityId: string, personId: string) => {
      const res = await req('PUT', `/api/activities/${activityId}/attendance/${personId}`, {});
      expect(res.statusCode, res.body).toBe(200);
    };
    await attend(a1, siti);
    await attend(a2, siti); // her 2nd training under the output: counts from Q1
    await attend(a1, budi);
    await attend(meeting, budi); // a meeting, not a training
    await attend(elsewhere, budi); // a training, but not under output 1.2
    await attend(cancelled, budi);
    await req('PATCH', `/api/activities/${cancelled}`, { status: 'cancelled', cancelReason: 'Hujan', version: 1 }); // cancelled after all: it does not count
    await attend(a1, wati);
    await attend(a3, wati); // her 2nd in Q2

    const series = async () => (await req('GET', `/api/indicators/${trained.id}/series`)).json().series.periods as { start: string; figure: { value: number | null; toDate: number | null }; parts: Record<string, Record<string, { value: number | null }>> }[];
    let periods = await series();
    expect(periods[0].figure.value).toBe(1);
    expect(periods[0].parts.sex).toEqual({ female: { value: 1, toDate: 1 } });
    expect(periods[1].figure.value).toBe(2);
    expect(periods[1].parts.sex.female.value).toBe(2);

    // Budi attends a second training: recounted on the next read, from Q2
    await attend(a3, budi);
    periods = await series();
    expect(periods[1].figure.value).toBe(3);
    expect(periods[1].parts.sex.male.value).toBe(1);
    expect(periods[0].figure.value).toBe(1);
    // the activity moves out of the output's subtree: Budi and Wati drop back
    await req('PATCH', `/api/activities/${a3}`, { resultId: null, version: 1 });
    periods = await series();
    expect(periods[1].figure.value).toBe(1);
  });

  it('counts the people reached across the organisation: each once, new per period and to date, by sex and regency, as XLSX too', async () => {
    const other = await signUpWithOrg(t.app); // an organisation of its own: nothing from the other tests
    const r = (method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, headers: other.headers, payload });
    const program = (await r('POST', '/api/programs', { name: 'Program Jangkauan', startDate: '2026-01-01', endDate: '2026-12-31' })).json().id as string;
    const activity = async (startDate: string, body: object) => (await r('POST', '/api/activities', { title: `Kegiatan ${startDate}`, startDate, startTime: '09:00', endTime: '11:00', ...body })).json().item.id as string;
    const inProgram = await activity('2026-01-15', { type: 'training', programId: program });
    const outside = await activity('2026-04-10', { type: 'meeting' });
    const person = async (fullName: string, extra: object) => (await r('POST', '/api/people', { fullName, ...extra })).json().id as string;
    const ani = await person('Ani', { sex: 'female', birthYear: 1990, areaCode: '32.04.05.2001' });
    const bayu = await person('Bayu', { sex: 'male', birthYear: 2000, areaCode: '31.71' });
    for (const [a, p] of [[inProgram, ani], [outside, ani], [outside, bayu]]) expect((await r('PUT', `/api/activities/${a}/attendance/${p}`, {})).statusCode).toBe(200);

    const all = (await r('GET', '/api/dashboard/reach?frequency=quarter&from=2026-01-01&to=2026-06-30')).json();
    expect(all.series.periods.map((p: { start: string }) => p.start)).toEqual(['2026-01-01', '2026-04-01']);
    const [q1, q2] = all.series.periods;
    expect([q1.figure.value, q1.toDate, q2.figure.value, q2.toDate]).toEqual([1, 1, 1, 2]); // Ani again in Q2 is not new
    expect(q2.parts.sex).toEqual({ female: { value: 0, toDate: 1 }, male: { value: 1, toDate: 1 } });
    expect(Object.keys(q2.parts.area).sort()).toEqual(['31.71', '32.04']);

    const one = (await r('GET', `/api/dashboard/reach?frequency=quarter&from=2026-01-01&to=2026-06-30&programIds=${program}`)).json();
    expect(one.series.periods.map((p: { toDate: number }) => p.toDate)).toEqual([1, 1]);
    // another organisation's view of the same program ids: nothing of ours
    const theirs = (await req('GET', `/api/dashboard/reach?frequency=quarter&from=2026-01-01&to=2026-06-30&programIds=${program}`)).json();
    expect(theirs.series.periods.map((p: { toDate: number | null }) => p.toDate ?? 0)).toEqual([0, 0]);

    const backwards = (await r('GET', '/api/dashboard/reach?from=2026-06-01&to=2026-01-01')).json();
    expect(backwards.error.fields.to.code).toBe('end_before_start');
    const tooLong = (await r('GET', '/api/dashboard/reach?frequency=month&from=2000-01-01&to=2026-01-01')).json();
    expect(tooLong.error.fields.from.code).toBe('range_too_long');

    const xlsx = await r('GET', '/api/dashboard/reach.xlsx?frequency=quarter&from=2026-01-01&to=2026-06-30&lang=id');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const dir = mkdtempSync(join(tmpdir(), 'reach-'));
    try {
      writeFileSync(join(dir, 'r.xlsx'), xlsx.rawPayload);
      const rows: unknown[][] = [];
      for await (const row of readRows(join(dir, 'r.xlsx'), { format: 'xlsx' })) rows.push(row.cells);
      expect(rows[1]).toEqual(expect.arrayContaining(['Orang yang terjangkau kegiatan', '2026-01-01', 'Total', '1']));
      expect(rows.some((row) => row.includes('Laki-laki'))).toBe(true);
      expect(rows.some((row) => row.some((c) => typeof c === 'string' && c.endsWith('(32.04)')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the organisation’s age bands and traffic-light rule, checked', async () => {
    expect((await req('GET', '/api/monitoring/settings')).json().ageBands).toHaveLength(6);
    const overlap = await req('PUT', '/api/monitoring/settings', { ageBands: [{ min: 0, max: 17 }, { min: 15, max: null }], rule: { onTrack: 0.9, atRisk: 0.6 } });
    expect(overlap.json().error.fields['ageBands.1'].code).toBe('age_band_overlap');
    expect((await req('PUT', '/api/monitoring/settings', { ageBands: [{ min: 0, max: 17 }], rule: { onTrack: 0.5, atRisk: 0.8 } })).json().error.fields['rule.atRisk'].code).toBe('rule_order');
    expect((await req('PUT', '/api/monitoring/settings', { ageBands: [{ min: 0, max: 17 }, { min: 18, max: null }], rule: { onTrack: 0.8, atRisk: 0.5 } }, staff.headers)).statusCode).toBe(403);
    const ok = await req('PUT', '/api/monitoring/settings', { ageBands: [{ min: 18, max: null }, { min: 0, max: 17 }], rule: { onTrack: 0.8, atRisk: 0.5 } });
    expect(ok.json()).toEqual({ ageBands: [{ min: 0, max: 17 }, { min: 18, max: null }], rule: { onTrack: 0.8, atRisk: 0.5 } });
    const ind = await indicator({ code: '4a' });
    expect((await req('POST', `/api/indicators/${ind.id}/values`, { date: '2026-02-01', value: 2, parts: { age: { '0-17': 1, '18+': 1 } } })).statusCode).toBe(201);
    expect((await req('GET', `/api/programs/${ind.programId}/dashboard`)).json().rule).toEqual({ onTrack: 0.8, atRisk: 0.5 });
  });
});
