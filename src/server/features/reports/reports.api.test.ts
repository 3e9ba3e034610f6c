import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { pdfText } from '../../platform/pdf/text.ts';
import { readRows } from '../../platform/spreadsheet/index.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { PNG } from '../activities/report.fixtures.ts';

const docxText = (bytes: Buffer) => strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']).replace(/<[^>]+>/g, ' ');

describe.each(DATABASES)('donor reports on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let other: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    other = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });

  /** A funder and a grant for some programs (their API is another feature's: written straight into the tables). */
  async function grant(orgId: string, programIds: string[], title = 'Hibah Ketahanan Pangan') {
    const funder = uuidv7();
    const id = uuidv7();
    await t.db.query(`INSERT INTO funders (org_id, id, kind, name) VALUES ($1, $2, 'foundation', 'Yayasan Sejahtera')`, [orgId, funder]);
    await t.db.query(
      `INSERT INTO grants (org_id, id, funder_id, title, reference, amount, currency, start_date, end_date) VALUES ($1, $2, $3, $4, 'YS/2026/07', 50000000000, 'IDR', '2026-01-01', '2027-12-31')`,
      [orgId, id, funder, title],
    );
    for (const p of programIds) await t.db.query('INSERT INTO grant_programs (org_id, grant_id, program_id) VALUES ($1, $2, $3)', [orgId, id, p]);
    return id;
  }

  it('reads the grant’s programs, indicators, activities and people reached as of the period’s end; exports PDF, DOCX and XLSX in both languages', async () => {
    const program = (await req('POST', '/api/programs', { name: 'Sekolah Lapang Iklim', startDate: '2026-01-01', endDate: '2026-12-31' })).json().id as string;
    const goal = (await req('POST', `/api/programs/${program}/results`, { parentId: null, statement: 'Tujuan' })).json().items[0].id as string;
    const ind = await req('POST', `/api/results/${goal}/indicators`, {
      code: '1a',
      name: 'Petani terlatih',
      type: 'count',
      frequency: 'quarter',
      baselineValue: 0,
      disaggregations: ['sex'],
      targets: [
        { start: '2026-01-01', end: '2026-03-31', value: 20 },
        { start: '2026-04-01', end: '2026-06-30', value: 20 },
      ],
    });
    expect(ind.statusCode, ind.body).toBe(201);
    const value = (await req('POST', `/api/indicators/${ind.json().id}/values`, { date: '2026-02-10', value: 12, parts: { sex: { female: 7, male: 5 } } })).json();
    expect((await req('POST', `/api/values/${value.id}/review`, { decision: 'approve', version: value.version })).statusCode).toBe(200);
    // a later value, after the reporting period: not in the report's figures
    const later = (await req('POST', `/api/indicators/${ind.json().id}/values`, { date: '2026-05-10', value: 30 })).json();
    await req('POST', `/api/values/${later.id}/review`, { decision: 'approve', version: later.version });

    const act = (await req('POST', '/api/activities', { title: 'Pelatihan pupuk organik', type: 'training', programId: program, startDate: '2026-03-05', startTime: '09:00', endTime: '12:00' })).json().item;
    const cancelled = (await req('POST', '/api/activities', { title: 'Rapat batal', type: 'meeting', programId: program, startDate: '2026-03-06', startTime: '09:00', endTime: '10:00' })).json().item;
    await req('PATCH', `/api/activities/${cancelled.id}`, { status: 'cancelled', cancelReason: 'banjir', version: cancelled.version });
    for (const [fullName, sex] of [['Sri Wahyuni', 'female'], ['Agus Salim', 'male']]) {
      const p = (await req('POST', '/api/people', { fullName, sex })).json().id;
      await req('POST', `/api/activities/${act.id}/registrations`, { personId: p });
      expect((await req('PUT', `/api/activities/${act.id}/attendance/${p}`, {})).statusCode).toBe(200);
    }
    const grantId = await grant(owner.orgId, [program]);

    // bad input is refused field by field, in the reader's language; another organisation's grant is not found
    const bad = await req('POST', '/api/donor-reports', { grantId, title: '', periodStart: '2026-03-31', periodEnd: '2026-01-01' }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.title.code).toBeDefined();
    const backwards = await req('POST', '/api/donor-reports', { grantId, title: 'Q1', periodStart: '2026-03-31', periodEnd: '2026-01-01' }, { ...owner.headers, 'accept-language': 'id' });
    expect(backwards.json().error.fields.periodEnd).toEqual({ code: 'ends_before_starts', message: 'Waktu selesai harus setelah waktu mulai.' });
    const foreign = await grant(other.orgId, []);
    expect((await req('POST', '/api/donor-reports', { grantId: foreign, title: 'Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31' })).json().error.fields.grantId.code).toBe('not_found');
    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('POST', '/api/donor-reports', { grantId, title: 'Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31' }, staff.headers)).statusCode).toBe(403);

    const made = await req('POST', '/api/donor-reports', { grantId, title: 'Laporan Triwulan I 2026', periodStart: '2026-01-01', periodEnd: '2026-03-31', narrative: { summary: 'Tiga puluh petani ikut sekolah lapang.' } });
    expect(made.statusCode, made.body).toBe(201);
    const r = made.json();
    expect(r).toMatchObject({ grantId, grantTitle: 'Hibah Ketahanan Pangan', funderName: 'Yayasan Sejahtera', status: 'draft', narrative: { summary: 'Tiga puluh petani ikut sekolah lapang.', progress: '' } });

    const cr = await req('GET', `/api/donor-reports/${r.id}/content`);
    expect(cr.statusCode, cr.body).toBe(200);
    const c = cr.json();
    expect(c.asOf).toBe('2026-03-31');
    expect(c.grant).toMatchObject({ amount: 50000000000, currency: 'IDR', reference: 'YS/2026/07' });
    expect(c.programs).toHaveLength(1);
    const series = c.programs[0].indicators[0].series;
    expect(series).toMatchObject({ actualToDate: 12, targetToDate: 20 });
    expect(series.periods.map((p: { start: string }) => p.start)).toEqual(['2026-01-01']);
    expect(series.periods[0].parts.sex).toMatchObject({ female: { toDate: 7 }, male: { toDate: 5 } });
    expect(c.activities.map((a: { title: string; registered: number; attended: number; female: number; male: number }) => [a.title, a.registered, a.attended, a.female, a.male])).toEqual([['Pelatihan pupuk organik', 2, 2, 1, 1]]);
    expect(c.reached).toEqual({ total: 2, female: 1, male: 1, withDisability: 0 });
    expect(c.budget).toBeNull();

    // the program's budget: a line the grant funds and one it does not; approved spending on the grant's line counts, in the period and to its end
    const bud = (await req('POST', `/api/programs/${program}/budget`, { currency: 'IDR', periodKind: 'quarter' })).json();
    const lines = await req('PUT', `/api/programs/${program}/budget/lines`, {
      version: bud.version,
      lines: [
        { category: 'personnel', description: 'Fasilitator lapangan', grantId, spreadTotal: 40_000_000_00 },
        { category: 'travel', description: 'Transport', grantId: null, spreadTotal: 5_000_000_00 },
      ],
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const key = lines.json().lines.find((l: { description: string }) => l.description === 'Fasilitator lapangan').lineKey;
    const finance = await addMember(t.app, owner, 'finance');
    const spend = async (date: string, amount: string, approve = true) => {
      const e = await req('POST', '/api/finance/expenses', { programId: program, lineKey: key, date, amount, description: 'Honor fasilitator' }, staff.headers);
      expect(e.statusCode, e.body).toBe(201);
      if (approve) expect((await req('POST', `/api/finance/expenses/${e.json().id}/review`, { decision: 'approve', version: e.json().version }, finance.headers)).statusCode).toBe(200);
    };
    await spend('2026-02-01', '3000000');
    await spend('2026-03-20', '1500000');
    await spend('2026-03-25', '999', false); // submitted, not approved: not spent
    await spend('2026-04-10', '7000000'); // after the period
    const withBudget = (await req('GET', `/api/donor-reports/${r.id}/content`)).json().budget;
    expect(withBudget).toEqual({
      currency: 'IDR',
      lines: [{ program: 'Sekolah Lapang Iklim', category: { id: 'Personel', en: 'Personnel' }, description: 'Fasilitator lapangan', budget: 40_000_000_00, spentInPeriod: 4_500_000_00, spentToDate: 4_500_000_00, remaining: 35_500_000_00 }],
    });

    // the narrative is edited section by section, with the version
    const edited = await req('PATCH', `/api/donor-reports/${r.id}`, { narrative: { challenges: 'Banjir di bulan Maret menunda satu rapat.' }, version: r.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().narrative).toMatchObject({ summary: 'Tiga puluh petani ikut sekolah lapang.', challenges: 'Banjir di bulan Maret menunda satu rapat.' });
    expect((await req('PATCH', `/api/donor-reports/${r.id}`, { title: 'Stale', version: r.version })).statusCode).toBe(409);

    // a logo heads the documents: PNG or JPEG only, set by admins
    expect((await t.app.inject({ method: 'POST', url: '/api/org/logo', headers: { ...owner.headers, 'content-type': 'image/png' }, payload: Buffer.from('not a png') })).statusCode).toBe(415);
    expect((await t.app.inject({ method: 'POST', url: '/api/org/logo', headers: { ...staff.headers, 'content-type': 'image/png' }, payload: PNG })).statusCode).toBe(403);
    const logo = await t.app.inject({ method: 'POST', url: '/api/org/logo', headers: { ...owner.headers, 'content-type': 'image/png' }, payload: PNG });
    expect(logo.statusCode, logo.body).toBe(200);
    expect(logo.json().hasLogo).toBe(true);
    expect((await req('GET', '/api/org/logo')).rawPayload.equals(PNG)).toBe(true);

    const pdf = await req('GET', `/api/donor-reports/${r.id}/report.pdf?lang=id`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).join(" ").replace(/\s+/g, ' ');
    for (const s of ['Laporan Kemajuan untuk Donor', 'Laporan Triwulan I 2026', 'Yayasan Sejahtera', 'Tiga puluh petani ikut sekolah lapang.', 'Banjir di bulan Maret', 'Petani terlatih', 'Pelatihan pupuk organik', 'Sekolah Lapang Iklim', 'Rp 4.500.000,00', 'DRAF'])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Rapat batal');
    const en = (await pdfText((await req('GET', `/api/donor-reports/${r.id}/report.pdf?lang=en`)).rawPayload)).join(" ").replace(/\s+/g, ' ');
    for (const s of ['Donor Progress Report', 'Indicator progress', 'Activities held', 'Budget and spending', 'Fasilitator lapangan', 'IDR 4,500,000.00', 'IDR 35,500,000.00']) expect(en, s).toContain(s);
    expect(en).not.toContain('Transport');

    const docx = await req('GET', `/api/donor-reports/${r.id}/report.docx?lang=en`);
    expect(docx.headers['content-disposition']).toContain('donor-report-laporan-triwulan-i-2026-2026-03-31.docx');
    const d = docxText(docx.rawPayload);
    for (const s of ['Donor Progress Report', 'Challenges and how they were met', 'Banjir di bulan Maret', 'Pelatihan pupuk organik']) expect(d, s).toContain(s);
    expect(Object.keys(unzipSync(new Uint8Array(docx.rawPayload))).some((n) => n.startsWith('word/media/'))).toBe(true);

    const xlsx = await req('GET', `/api/donor-reports/${r.id}/report.xlsx?lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'donor-'));
    try {
      writeFileSync(join(dir, 'r.xlsx'), xlsx.rawPayload);
      const rows: unknown[][] = [];
      for await (const row of readRows(join(dir, 'r.xlsx'), { format: 'xlsx' })) rows.push(row.cells);
      const activityRow = rows.find((x) => x[1] === 'Pelatihan pupuk organik');
      expect(activityRow?.slice(2)).toEqual(['Sekolah Lapang Iklim', '2', '2', '1', '1', '0']);
      expect(rows.some((x) => x[0] === 'Total' && x[3] === '2')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const history = (await req('GET', `/api/history/donor_report/${r.id}`)).json().items;
    expect(history.filter((h: { action: string }) => h.action === 'export')).toHaveLength(4);

    // final: the watermark goes; the list finds it by funder; the bin and back
    const final = await req('PATCH', `/api/donor-reports/${r.id}`, { status: 'final', version: edited.json().version });
    expect((await pdfText((await req('GET', `/api/donor-reports/${r.id}/report.pdf?lang=id`)).rawPayload)).join(" ").includes('DRAF')).toBe(false);
    expect((await req('GET', '/api/donor-reports?q=sejahtera')).json().items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect((await req('GET', `/api/donor-reports?grantId=${foreign}`)).json().items).toEqual([]);
    expect((await req('DELETE', `/api/donor-reports/${r.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', '/api/donor-reports')).json().items).toEqual([]);
    expect((await req('POST', `/api/donor-reports/${r.id}/restore`)).json()).toMatchObject({ deletedAt: null, status: 'final', version: final.json().version + 2 });
  });
});
