import { describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/text.ts';
import { logframePdf } from './logframe.files.ts';
import { type LogframeInput, buildLogframe, indicatorsText, logframeFileName, logframeSheetRows } from './logframe.ts';

type R = LogframeInput['results'][number];
const result = (id: string, parentId: string | null, level: R['level'], position: number, statement: string, extra: Partial<R> = {}): R => ({
  id,
  parentId,
  level,
  position,
  statement,
  assumptions: null,
  meansOfVerification: null,
  ...extra,
});

// given out of order on purpose: the builder walks the tree by parent and position
const RESULTS: R[] = [
  result('a112', 'p11', 'activity', 1, 'Melatih fasilitator desa'),
  result('o2', 'g', 'outcome', 1, 'Kelompok tani menjual bersama', { assumptions: 'Harga gabah stabil' }),
  result('p11', 'o1', 'output', 0, 'Petani terlatih', { meansOfVerification: 'Daftar hadir' }),
  result('g', null, 'goal', 0, 'Pendapatan petani kecil naik', { assumptions: 'Tidak ada bencana besar', meansOfVerification: 'Survei rumah tangga' }),
  result('a111', 'p11', 'activity', 0, 'Sekolah lapang iklim'),
  result('o1', 'g', 'outcome', 0, 'Petani memakai cara tanam tahan iklim'),
  result('p21', 'o2', 'output', 0, 'Koperasi terbentuk'),
];
const quarter = (y: number, q: number, value: number) => ({ start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `${y}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`, value });
const INDICATORS: LogframeInput['indicators'] = [
  // a summed count: 30 + 30 + 60 by the last quarter (targets given out of order)
  { resultId: 'o1', code: '1b', name: 'Petani yang memakai dua praktik', unit: 'orang', type: 'count', aggregation: 'sum', baselineValue: 0, baselineDate: '2025-12-31', targets: [quarter(2026, 3, 60), quarter(2026, 1, 30), quarter(2026, 2, 30)] },
  // a percentage is a level to reach: the last period's target stands
  { resultId: 'o1', code: '1a', name: 'Perempuan di antara petani', unit: null, type: 'percentage', aggregation: 'sum', baselineValue: 12.5, baselineDate: '2025-12-31', targets: [quarter(2026, 1, 20), quarter(2026, 4, 40)] },
  { resultId: 'p21', code: '2.1a', name: 'Koperasi berbadan hukum', unit: null, type: 'yes_no', aggregation: 'latest', baselineValue: 0, baselineDate: null, targets: [quarter(2027, 4, 1)] },
  { resultId: 'g', code: 'G1', name: 'Pendapatan bulanan rumah tangga', unit: 'rupiah', type: 'average', aggregation: 'sum', baselineValue: 2150000, baselineDate: '2025-12-31', targets: [] },
];
const input = (locale: 'id' | 'en'): LogframeInput => ({
  program: { name: 'Sekolah Lapang Iklim', startDate: '2026-01-01', endDate: '2029-12-31' },
  organisation: 'Yayasan Tani',
  results: RESULTS,
  indicators: INDICATORS,
  locale,
  today: '2026-05-04',
});

describe('buildLogframe', () => {
  it('lists the results depth first with their numbers and levels, each with its own indicators', () => {
    const lf = buildLogframe(input('en'));
    expect(lf.rows.map((r) => [r.code, r.levelLabel, r.statement, r.depth])).toEqual([
      ['', 'Goal', 'Pendapatan petani kecil naik', 0],
      ['1', 'Outcome', 'Petani memakai cara tanam tahan iklim', 1],
      ['1.1', 'Output', 'Petani terlatih', 2],
      ['1.1.1', 'Activity', 'Sekolah lapang iklim', 3],
      ['1.1.2', 'Activity', 'Melatih fasilitator desa', 3],
      ['2', 'Outcome', 'Kelompok tani menjual bersama', 1],
      ['2.1', 'Output', 'Koperasi terbentuk', 2],
    ]);
    expect(lf.rows.map((r) => r.indicators.map((i) => i.code))).toEqual([['G1'], ['1a', '1b'], [], [], [], [], ['2.1a']]);
    expect(lf.rows[0]).toMatchObject({ assumptions: 'Tidak ada bencana besar', meansOfVerification: 'Survei rumah tangga' });
    expect(lf.rows[2]).toMatchObject({ assumptions: '', meansOfVerification: 'Daftar hadir' });
  });

  it('takes the overall target as the cumulative target of the last period, with its date', () => {
    const [pct, count] = buildLogframe(input('en')).rows[1].indicators;
    expect(count).toMatchObject({ baseline: 0, target: 120, targetDate: '2026-09-30', unit: 'orang' });
    expect(count.figures).toBe('Baseline: 0 (31 Dec 2025)\nTarget: 120 (30 Sept 2026)');
    expect(pct).toMatchObject({ target: 40, unit: '%' });
    expect(pct.figures).toBe('Baseline: 12.5% (31 Dec 2025)\nTarget: 40% (31 Dec 2026)');
    const lf = buildLogframe(input('en'));
    expect(lf.rows[6].indicators[0].figures).toBe('Baseline: no\nTarget: yes (31 Dec 2027)');
    expect(lf.rows[0].indicators[0].figures).toBe('Baseline: 2,150,000 (31 Dec 2025)\nTarget: —');
  });

  it('speaks Indonesian: levels, headers, numbers and dates', () => {
    const lf = buildLogframe(input('id'));
    expect(lf.rows.map((r) => r.levelLabel)).toEqual(['Tujuan', 'Hasil (outcome)', 'Keluaran', 'Kegiatan', 'Kegiatan', 'Hasil (outcome)', 'Keluaran']);
    expect(lf.headers).toEqual(['Tingkat', 'Kode', 'Pernyataan hasil (ringkasan naratif)', 'Indikator', 'Sarana verifikasi', 'Asumsi']);
    expect(lf.rows[0].indicators[0].figures).toBe('Data dasar: 2.150.000 (31 Des 2025)\nTarget: —');
    expect(lf.rows[1].indicators[0].figures).toBe('Data dasar: 12,5% (31 Des 2025)\nTarget: 40% (31 Des 2026)');
    expect(lf.rows[6].indicators[0].figures).toBe('Data dasar: tidak\nTarget: ya (31 Des 2027)');
    expect(lf.periodLine).toBe('Periode: 1 Jan 2026 – 31 Des 2029');
    expect(lf.detailsLine).toBe('Organisasi: Yayasan Tani · Dibuat: 4 Mei 2026');
    const en = buildLogframe(input('en'));
    expect(en.headers).toEqual(['Level', 'Code', 'Results statement (narrative summary)', 'Indicators', 'Means of verification', 'Assumptions']);
    expect(en.periodLine).toBe('Period: 1 Jan 2026 – 31 Dec 2029');
  });

  it('makes the spreadsheet rows: title block, header, one row per result with its indicators in one cell', () => {
    const rows = logframeSheetRows(buildLogframe(input('en')));
    expect(rows[0]).toEqual(['Logical Framework (Logframe): Sekolah Lapang Iklim']);
    expect(rows[1]).toEqual(['Period: 1 Jan 2026 – 31 Dec 2029 · Organisation: Yayasan Tani · Generated: 4 May 2026']);
    expect(rows[2]).toEqual(['Level', 'Code', 'Results statement (narrative summary)', 'Indicators', 'Means of verification', 'Assumptions']);
    expect(rows).toHaveLength(3 + RESULTS.length);
    expect(rows[4]).toEqual([
      'Outcome',
      '1',
      'Petani memakai cara tanam tahan iklim',
      '1a Perempuan di antara petani\nBaseline: 12.5% (31 Dec 2025)\nTarget: 40% (31 Dec 2026)\n\n1b Petani yang memakai dua praktik (orang)\nBaseline: 0 (31 Dec 2025)\nTarget: 120 (30 Sept 2026)',
      null,
      null,
    ]);
    expect(indicatorsText([])).toBe('');
  });

  it('handles an empty framework and a program without a period', () => {
    const lf = buildLogframe({ ...input('id'), program: { name: 'Baru', startDate: null, endDate: null }, results: [], indicators: [], organisation: null });
    expect(lf.rows).toEqual([]);
    expect(lf.periodLine).toBe('Periode: belum ditentukan');
    expect(lf.detailsLine).toBe('Dibuat: 4 Mei 2026');
  });

  it('names the file after the program', () => {
    expect(logframeFileName('Sekolah Lapang Iklim', '2026-05-04', 'pdf')).toEqual({ ascii: 'logframe-sekolah-lapang-iklim-2026-05-04.pdf', unicode: 'logframe-sekolah-lapang-iklim-2026-05-04.pdf' });
    expect(logframeFileName('Café "Ibu" / Ñoño: 2026', '2026-05-04', 'xlsx')).toEqual({ ascii: 'logframe-cafe-ibu-nono-2026-2026-05-04.xlsx', unicode: 'logframe-café-ibu-ñoño-2026-2026-05-04.xlsx' });
    expect(logframeFileName('日本語', '2026-05-04', 'xlsx')).toEqual({ ascii: 'logframe-program-2026-05-04.xlsx', unicode: 'logframe-日本語-2026-05-04.xlsx' });
    expect(logframeFileName('x'.repeat(200), '2026-05-04', 'pdf').ascii).toHaveLength('logframe-'.length + 60 + '-2026-05-04.pdf'.length);
  });
});

/**
 * The words of `whole` not found one after the other in `text`, both without spaces: a word wrapped
 * at a break opportunity inside it comes out of the PDF as two, and pieces of a long row come side
 * by side with the other columns' pieces.
 */
function missingWords(text: string, whole: string): string[] {
  const squashed = text.replace(/\s+/g, '');
  let at = 0;
  const missing: string[] = [];
  for (const w of whole.split(/\s+/).filter(Boolean)) {
    const found = squashed.indexOf(w, at);
    if (found < 0) missing.push(w);
    else at = found + w.length;
  }
  return missing;
}

describe('logframe PDF', () => {
  it('prints every statement, indicator and assumption, a long row whole over several pages', async () => {
    const long = `AWAL ${'Kelompok tani menjual hasil panen bersama dengan harga lebih baik. '.repeat(14)}AKHIR`;
    const means = `MULAI ${'Laporan, survei, foto, catatan lapangan, data desa https://data.desa.id/laporan/survei-lahan-2026-musim-tanam.xlsx. '.repeat(16)}SELESAI`;
    const results = [...RESULTS, result('o3', 'g', 'outcome', 2, long, { meansOfVerification: means, assumptions: 'Asumsi panjang tentang kondisi sosial. '.repeat(50).trim() })];
    const lf = buildLogframe({ ...input('id'), results });
    const pages = pdfText(await logframePdf(lf));
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join('\n').replace(/\u200b\s*/g, '').replace(/\s+/g, ' ');
    for (const r of RESULTS) expect(text).toContain(r.statement);
    // the long row comes in pieces side by side (statement, then means …): every word, in order
    for (const whole of [long, means, results[results.length - 1].assumptions!]) expect(missingWords(text, whole)).toEqual([]);
    expect(missingWords(text, `${long} Program lain`)).toEqual(['Program', 'lain']);
    expect(text).toContain('1b Petani yang memakai dua praktik (orang)');
    expect(text).toContain('Target: 120 (30 Sep 2026)');
    expect(text).toContain('Harga gabah stabil');
    // every page: the header row, the page number and the program's name
    pages.forEach((p, i) => {
      expect(p).toContain('Sarana verifikasi');
      expect(p).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      expect(p).toContain('Sekolah Lapang Iklim');
    });
  });

  it('prints an empty framework with a note, in English', async () => {
    const pages = pdfText(await logframePdf(buildLogframe({ ...input('en'), results: [], indicators: [] })));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('This program has no results framework yet.');
    expect(pages[0]).toContain('Means of verification');
    expect(pages[0]).toContain('Page 1 of 1');
  });
});
