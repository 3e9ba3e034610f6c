import { readFileSync } from 'node:fs';
import { readRows } from '../src/server/platform/spreadsheet/index.ts';
import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * The end of issue 4's journey: export the program's logframe. From the program page, in the
 * project's language: the XLSX (read back: title, headers and rows in that language) and the PDF,
 * both named after the program; the export shows in the program's history.
 */
test('logframe: export the results framework as XLSX and PDF from the program page', async ({ page, lang, t, axe }) => {
  const id = unique(`lf-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Wayan Sudarta', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const api = async (url: string, data: object) => {
    const res = await page.request.post(url, { data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const program = await api('/api/programs', { name: 'Sekolah Lapang Iklim', startDate: '2026-01-01', endDate: '2028-12-31' });
  const goal = (await api(`/api/programs/${program.id}/results`, { parentId: null, statement: 'Pendapatan petani kecil naik' })).items[0].id;
  const outcome = (await api(`/api/programs/${program.id}/results`, { parentId: goal, statement: 'Petani memakai cara tanam tahan iklim', assumptions: 'Harga gabah stabil' })).items[1].id;
  await api(`/api/results/${outcome}/indicators`, { code: '1a', name: 'Petani yang memakai dua praktik', unit: 'orang', type: 'count', targets: [{ start: '2026-01-01', end: '2026-03-31', value: 30 }] });

  await page.goto(`/programs/${program.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sekolah Lapang Iklim' })).toBeVisible();
  await page.getByRole('button', { name: t('logframe.button') }).click();
  await expect(page.getByRole('menuitem', { name: t('logframe.pdf') })).toBeVisible();
  await axe(page, 'the logframe export menu');

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: t('logframe.xlsx') }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^logframe-sekolah-lapang-iklim-\d{4}-\d\d-\d\d\.xlsx$/);
  const rows: string[][] = [];
  for await (const r of readRows((await xlsx.path())!)) rows.push(r.cells);
  expect(rows[0][0]).toBe(`${lang === 'id' ? 'Kerangka Logis (Logframe)' : 'Logical Framework (Logframe)'}: Sekolah Lapang Iklim`);
  expect(rows[2].slice(0, 4)).toEqual(lang === 'id' ? ['Tingkat', 'Kode', 'Pernyataan hasil (ringkasan naratif)', 'Indikator'] : ['Level', 'Code', 'Results statement (narrative summary)', 'Indicators']);
  expect(rows[3].slice(0, 3)).toEqual([lang === 'id' ? 'Tujuan' : 'Goal', '', 'Pendapatan petani kecil naik']);
  expect(rows[4].slice(0, 3)).toEqual([lang === 'id' ? 'Hasil (outcome)' : 'Outcome', '1', 'Petani memakai cara tanam tahan iklim']);
  expect(rows[4][3]).toContain('1a Petani yang memakai dua praktik (orang)');
  expect(rows[4][5]).toBe('Harga gabah stabil');

  await page.getByRole('button', { name: t('logframe.button') }).click();
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: t('logframe.pdf') }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^logframe-sekolah-lapang-iklim-\d{4}-\d\d-\d\d\.pdf$/);
  const bytes = readFileSync((await pdf.path())!);
  expect(bytes.length).toBeGreaterThan(5000);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // both downloads recorded in the program's history
  await page.getByRole('tab', { name: t('programs.tabs.history') }).click();
  await expect(page.getByTestId('history').getByText(t('exports.audit.action'))).toHaveCount(2);
});
