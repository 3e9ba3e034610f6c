import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/text.ts';
import { readRows } from '../../platform/spreadsheet/index.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'gotong-logframe-test-'));
let fileNo = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A downloaded workbook read back with the import's reader: every row's cells. */
async function sheet(body: Buffer): Promise<string[][]> {
  const path = join(dir, `f${++fileNo}.xlsx`);
  writeFileSync(path, body);
  const out: string[][] = [];
  for await (const r of readRows(path)) out.push(r.cells);
  return out;
}

describe.each(DATABASES)('logframe export on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let programId: string;
  const get = (url: string, headers: Record<string, string> = owner.headers) => t.app.inject({ method: 'GET', url, headers });
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: owner.headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    programId = (await post('/api/programs', { name: 'Sekolah Lapang Iklim', startDate: '2026-01-01', endDate: '2029-12-31' })).id;
    const add = async (parentId: string | null, statement: string, extra: object = {}) => {
      const { items } = await post(`/api/programs/${programId}/results`, { parentId, statement, ...extra });
      return (items as { id: string; statement: string }[]).find((r) => r.statement === statement)!.id;
    };
    const goal = await add(null, 'Pendapatan petani kecil naik', { assumptions: 'Tidak ada bencana besar', meansOfVerification: 'Survei rumah tangga' });
    const o1 = await add(goal, 'Petani memakai cara tanam tahan iklim', { meansOfVerification: 'Survei lahan' });
    const o2 = await add(goal, '=HYPERLINK("http://x","Kelompok tani menjual bersama")', { assumptions: '@Harga gabah stabil' });
    const p11 = await add(o1, 'Petani terlatih');
    await add(p11, 'Sekolah lapang iklim');
    await add(o2, 'Koperasi terbentuk');
    await post(`/api/results/${o1}/indicators`, {
      code: '1a',
      name: 'Petani yang memakai dua praktik',
      unit: 'orang',
      type: 'count',
      baselineValue: 0,
      baselineDate: '2025-12-31',
      targets: [
        { start: '2026-01-01', end: '2026-03-31', value: 30 },
        { start: '2026-04-01', end: '2026-06-30', value: 45 },
      ],
    });
  });
  afterAll(() => t?.close());

  it('downloads the matrix as XLSX in the chosen language: title, frozen bold header, one row per result, formulas neutralised; audited', async () => {
    const res = await get(`/api/programs/${programId}/logframe.xlsx?lang=id`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="logframe-sekolah-lapang-iklim-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''logframe-sekolah-lapang-iklim-/);
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await sheet(res.rawPayload);
    expect(rows[0]).toEqual(['Kerangka Logis (Logframe): Sekolah Lapang Iklim']);
    expect(rows[1][0]).toMatch(/^Periode: 1 Jan 2026 – 31 Des 2029 · Organisasi: Org .+ · Dibuat: \d+ \w+ \d{4}$/);
    expect(rows[2]).toEqual(['Tingkat', 'Kode', 'Pernyataan hasil (ringkasan naratif)', 'Indikator', 'Sarana verifikasi', 'Asumsi']);
    expect(rows.slice(3).map((r) => r.slice(0, 3))).toEqual([
      ['Tujuan', '', 'Pendapatan petani kecil naik'],
      ['Hasil (outcome)', '1', 'Petani memakai cara tanam tahan iklim'],
      ['Keluaran', '1.1', 'Petani terlatih'],
      ['Kegiatan', '1.1.1', 'Sekolah lapang iklim'],
      ['Hasil (outcome)', '2', '=HYPERLINK("http://x","Kelompok tani menjual bersama")'],
      ['Keluaran', '2.1', 'Koperasi terbentuk'],
    ]);
    expect(rows[3].slice(4)).toEqual(['Survei rumah tangga', 'Tidak ada bencana besar']);
    // the indicator under its result, with the overall target (30 + 45 by the end of June)
    expect(rows[4][3]).toBe('1a Petani yang memakai dua praktik (orang)\nData dasar: 0 (31 Des 2025)\nTarget: 75 (30 Jun 2026)');
    expect(rows[7][5]).toBe('@Harga gabah stabil');

    const xml = unzipSync(res.rawPayload);
    const ws = strFromU8(xml['xl/worksheets/sheet1.xml']);
    expect(ws).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    expect(ws).toContain('<c r="A3" t="inlineStr" s="1"><is><t>Tingkat</t></is></c>');
    expect(ws).toMatch(/<cols><col min="1" max="1" width="\d+" customWidth="1"\/>/);
    // a text cell that would start a formula: marked "quote prefix" (text), wrapped; never a formula
    expect(ws).not.toContain('<f>');
    expect(ws).toMatch(/<c r="C8" t="inlineStr" s="14"><is><t>=HYPERLINK/);
    expect(ws).toMatch(/<c r="F8" t="inlineStr" s="14"><is><t>@Harga/);
    expect(ws).toMatch(/<c r="C4" t="inlineStr" s="8">/);
    expect(ws).toMatch(/<row r="5" ht="\d+" customHeight="1">/); // the indicator's three lines
    expect(ws).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(strFromU8(xml['xl/workbook.xml'])).toContain('<sheet name="Logframe"');

    const history = (await get(`/api/audit?entityId=${programId}`)).json().items as { action: string; after: Record<string, unknown> }[];
    expect(history[0]).toMatchObject({ action: 'export', after: { document: 'logframe', format: 'xlsx', lang: 'id', count: 6, indicators: 1 } });
  });

  it('downloads the same matrix as a PDF in the caller’s language', async () => {
    const res = await get(`/api/programs/${programId}/logframe.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename="logframe-sekolah-lapang-iklim-\d{4}-\d\d-\d\d\.pdf"/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload).join('\n').replace(/\s+/g, ' ');
    for (const s of ['Logical Framework (Logframe)', 'Sekolah Lapang Iklim', 'Period: 1 Jan 2026 – 31 Dec 2029', 'Means of verification', 'Pendapatan petani kecil naik', 'Petani memakai cara tanam tahan iklim', '1.1.1', 'Sekolah lapang iklim', 'Koperasi terbentuk', '1a Petani yang memakai dua praktik (orang)', 'Baseline: 0 (31 Dec 2025)', 'Target: 75 (30 Jun 2026)', '@Harga gabah stabil', 'Page 1 of 1']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Sarana verifikasi');
    const history = (await get(`/api/audit?entityId=${programId}`)).json().items as { action: string; after: Record<string, unknown> }[];
    expect(history[0]).toMatchObject({ action: 'export', after: { format: 'pdf', lang: 'en' } });
  });

  it('lets a viewer download; refuses a stranger, a missing, deleted or other organisation’s program in the caller’s language', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await get(`/api/programs/${programId}/logframe.pdf`, viewer.headers)).statusCode).toBe(200);
    expect((await get(`/api/programs/${programId}/logframe.xlsx`, { 'accept-language': 'id' })).statusCode).toBe(401);

    const other = await signUpWithOrg(t.app);
    const before = (await get(`/api/audit?entityId=${programId}`)).json().items.length;
    for (const format of ['xlsx', 'pdf']) {
      const res = await get(`/api/programs/${programId}/logframe.${format}`, { ...other.headers, 'accept-language': 'id' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Data tidak ditemukan.' });
      expect(res.body).not.toContain('Sekolah Lapang');
      expect((await get(`/api/programs/0190a8b4-0000-7000-8000-000000000000/logframe.${format}`)).statusCode).toBe(404);
      expect((await get(`/api/programs/not-a-uuid/logframe.${format}`)).statusCode).toBe(404); // as every route with a bad id
      expect((await get(`/api/programs/${programId}/logframe.${format}?lang=fr`)).statusCode).toBe(400);
    }
    expect((await get(`/api/audit?entityId=${programId}`)).json().items.length).toBe(before);

    const gone = (await post('/api/programs', { name: 'Program dihapus' })).id;
    await t.app.inject({ method: 'DELETE', url: `/api/programs/${gone}`, headers: owner.headers });
    expect((await get(`/api/programs/${gone}/logframe.xlsx`)).statusCode).toBe(404);
  });

  it('exports a program without a framework: headers only in XLSX, a note in the PDF', async () => {
    const empty = (await post('/api/programs', { name: 'Posyandu Lansia' })).id;
    const rows = await sheet((await get(`/api/programs/${empty}/logframe.xlsx?lang=en`)).rawPayload);
    expect(rows).toHaveLength(3);
    expect(rows[1][0]).toMatch(/^Period: not set · /);
    const pdf = await get(`/api/programs/${empty}/logframe.pdf?lang=id`);
    expect(pdfText(pdf.rawPayload)[0]).toContain('Program ini belum memiliki kerangka hasil.');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const format of ['xlsx', 'pdf']) {
      const op = doc.paths[`/api/programs/{id}/logframe.${format}`]?.get;
      expect(op?.summary).toMatch(/logframe/);
      expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['id', 'lang']);
    }
  });
});
