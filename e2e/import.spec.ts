import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeXlsx } from '../src/server/platform/spreadsheet/index.ts';
import { type Lang, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/** Server messages these journeys expect (src/server/platform/i18n/messages.ts). */
const SERVER = {
  import_has_errors: { id: 'Berkas ini memiliki 3 baris bermasalah', en: 'This file has 3 bad rows' },
  empty_file: { id: 'Berkas kosong: tidak ada baris judul atau data.', en: 'The file is empty: no header row or data.' },
} satisfies Record<string, Record<Lang, string>>;

const FILE = 'daftar-warga.xlsx';
/**
 * A village list as an Excel file: one family of three (one KK), a good single person, and three bad
 * rows (no name; unknown sex and an impossible date; a short NIK). The WhatsApp column is not guessed.
 */
const ROWS: unknown[][] = [
  ['No', 'Nama Lengkap', 'Jenis Kelamin', 'Tanggal Lahir', 'NIK', 'No KK', 'Hubungan Keluarga', 'Nomor WA Aktif'],
  [1, 'Wayan Sudirta', 'L', '12/03/1975', '5171011203750001', '5171010101010001', 'Kepala Keluarga', '0812 3456 7890'],
  [2, 'Ni Ketut Sari', 'P', '05/06/1978', '5171014506780002', '5171010101010001', 'Istri', ''],
  [3, 'Made Arsana', 'L', '2005', '', '5171010101010001', 'Anak', ''],
  [4, '', 'P', '01/01/1990', '', '', '', ''],
  [5, 'Komang Keliru', 'X', '31/02/1990', '', '', '', ''],
  [6, 'Putu Salah', 'L', '01/01/1991', '12345', '', '', ''],
  [7, 'Kadek Wirawan', 'L', '', '', '', '', '0813 1111 2222'],
];

async function xlsxFile(rows: unknown[][], name: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'gotong-e2e-')), name);
  await writeXlsx(rows, createWriteStream(path));
  return path;
}

/** Slows the import's own GET a little so the progress of a small file stays on screen long enough to be seen. */
async function slowPolls(page: Page) {
  await page.route(/\/api\/imports\/[0-9a-f-]{36}$/, async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1200));
    await route.continue();
  });
}

test('import: upload XLSX → change a column → check rows → import the good rows → find a person → undo from history', async ({ page, lang, t }) => {
  test.setTimeout(120_000);
  const id = unique(`imp-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Ketut Mahendra', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const path = await xlsxFile(ROWS, FILE);

  await test.step('the people list has an Import button; it opens the upload step', async () => {
    await page.goto('/people');
    await page.getByRole('link', { name: t('imports.importButton'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('imports.newTitle') })).toBeVisible();
    await expect(page.getByTestId('import-steps').locator('[aria-current="step"]')).toContainText(t('imports.steps.upload'));
  });

  await test.step('upload the Excel file', async () => {
    await page.locator('input[type="file"]').setInputFiles(path);
    await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: t('imports.detailTitle', { file: FILE }) })).toBeVisible();
    await expect(page.getByTestId('import-steps').locator('[aria-current="step"]')).toContainText(t('imports.steps.columns'));
  });

  await test.step('the guessed columns are preselected; match the WhatsApp column to the phone by hand', async () => {
    await expect(page.getByTestId('map-fullName')).toHaveValue('1');
    await expect(page.getByTestId('map-nik')).toHaveValue('4');
    await expect(page.getByTestId('map-phone')).toHaveValue('');
    // the preview marks the bad rows, in the UI language
    const preview = page.getByTestId('preview-table');
    await expect(preview).toContainText('Wayan Sudirta');
    await expect(preview).toContainText(t('imports.problem.required'));
    await expect(preview).toContainText(t('imports.problem.invalid_sex'));
    await expect(preview).not.toContainText('+6281234567890');
    await page.getByTestId('map-phone').selectOption({ label: 'H · Nomor WA Aktif' });
    await expect(page.getByText(t('imports.mapping.unsaved'))).toBeVisible();
    await page.getByRole('button', { name: t('imports.mapping.save') }).click();
    await expect(preview).toContainText('+6281234567890');
    await expect(page.getByText(t('imports.mapping.unsaved'))).toHaveCount(0);
  });

  await test.step('check all rows: progress, then the counts and the problem list', async () => {
    await slowPolls(page);
    await page.getByRole('button', { name: t('imports.check.action') }).click();
    await expect(page.getByRole('progressbar', { name: t('imports.job.checking') })).toBeVisible();
    await expect(page.getByTestId('job')).toContainText(t('imports.job.canLeave'));
    // the state is on the server: a reload (or leaving and coming back) shows the same import
    await page.reload();
    await expect(page.getByTestId('count-total')).toContainText('7');
    await page.unroute(/\/api\/imports\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('count-good')).toContainText('4');
    await expect(page.getByTestId('count-bad')).toContainText('3');
    const problems = page.getByTestId('problems-table');
    await expect(problems.getByRole('row')).toHaveCount(5); // header + 4 problems on 3 rows
    await expect(problems).toContainText('B · Nama Lengkap');
    await expect(problems).toContainText(t('imports.problem.required'));
    await expect(problems).toContainText(t('imports.problem.invalid_date'));
    await expect(problems).toContainText(t('imports.problem.nik_format'));
    await expect(problems).toContainText('1234…'); // a NIK is never shown whole
  });

  await test.step('the report downloads as CSV in the UI language', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('imports.check.download') }).click()]);
    expect(download.suggestedFilename()).toBe(`daftar-warga-${lang === 'en' ? 'problems' : 'masalah'}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(lang === 'en' ? 'line' : 'baris');
    expect(csv).toContain('Nama Lengkap');
  });

  await test.step('"import nothing until the file is fixed" is refused with the server\u2019s reason', async () => {
    await page.getByRole('radio', { name: t('imports.start.allOrNothing') }).check();
    await page.getByRole('button', { name: t('imports.start.action') }).click();
    await expect(page.getByTestId('start-error')).toContainText(SERVER.import_has_errors[lang]);
  });

  await test.step('import the good rows, skip the bad: progress, then the summary', async () => {
    await page.getByRole('radio', { name: t('imports.start.skipBad', { count: 4, good: '4', bad: '3' }) }).check();
    await slowPolls(page);
    await page.getByRole('button', { name: t('imports.start.action') }).click();
    await expect(page.getByRole('progressbar', { name: t('imports.job.importing') })).toBeVisible();
    await page.unroute(/\/api\/imports\/[0-9a-f-]{36}$/);
    const summary = page.getByTestId('import-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId('done-people')).toContainText('4');
    await expect(summary.getByTestId('done-households')).toContainText('1');
    await expect(summary.getByTestId('done-skipped')).toContainText('3');
    await expect(page.getByTestId('import-status')).toHaveText(t('imports.status.done'));
  });

  await test.step('the imported people are in the registry, the family as one household', async () => {
    await page.getByRole('link', { name: t('imports.done.openPeople') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('people.title') })).toBeVisible();
    await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 4, formatted: '4' }));
    await page.getByRole('link', { name: 'Wayan Sudirta', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wayan Sudirta' })).toBeVisible();
    await expect(page.getByText('+6281234567890')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Keluarga Wayan Sudirta' }).first()).toBeVisible();
  });

  await test.step('undo the import from the history: the people go to the bin', async () => {
    await page.getByRole('link', { name: t('imports.nav'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('imports.title') })).toBeVisible();
    const row = page.getByTestId('import-row').filter({ hasText: FILE });
    await expect(row.getByTestId('import-status')).toHaveText(t('imports.status.done'));
    await row.getByRole('button', { name: t('imports.list.undoNamed', { file: FILE }) }).click();
    const dialog = page.getByRole('dialog', { name: t('imports.undo.title') });
    await expect(dialog).toContainText(t('imports.count.people', { count: 4, formatted: '4' }));
    await expect(dialog).toContainText(t('imports.count.households', { count: 1, formatted: '1' }));
    await dialog.getByRole('button', { name: t('imports.undo.action'), exact: true }).click();
    await expect(row.getByTestId('import-status')).toHaveText(t('imports.status.undone'), { timeout: 20_000 });
    await page.getByRole('link', { name: t('nav.people'), exact: true }).click();
    await expect(page.getByText(t('people.empty'))).toBeVisible();
    await expect(page.getByRole('link', { name: 'Wayan Sudirta', exact: true })).toHaveCount(0);
  });
});

test('import on a phone: a refused file, preview as cards, problems, cancel', async ({ page, lang, t }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 780 });
  const id = unique(`impm-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Ayu Lestari', email: `${id}@example.org`, org: `Komunitas ${id}`, slug: id, locale: lang });

  await page.goto('/imports/new');
  await expect(page.getByRole('heading', { level: 1, name: t('imports.newTitle') })).toBeVisible();
  await test.step('an empty file is refused with the server\u2019s message', async () => {
    await page.locator('input[type="file"]').setInputFiles({ name: 'kosong.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await expect(page.getByTestId('upload-error')).toContainText(SERVER.empty_file[lang]);
  });

  await test.step('a CSV: the preview and the problems are cards', async () => {
    const csv = 'Nama;JK;Tgl Lahir\nAni Wulandari;P;02/03/1984\n;L;1990\nBayu;Z;01/01/2001\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'warga.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByRole('heading', { level: 1, name: t('imports.detailTitle', { file: 'warga.csv' }) })).toBeVisible();
    const cards = page.getByTestId('preview-cards');
    await expect(cards).toContainText('Ani Wulandari');
    await expect(cards).toContainText(t('imports.problem.invalid_sex'));
    await expect(page.getByTestId('preview-table')).toHaveCount(0);
    await page.getByRole('button', { name: t('imports.check.action') }).click();
    await expect(page.getByTestId('count-bad')).toContainText('2');
    await expect(page.getByTestId('problems-cards')).toContainText(t('imports.problem.required'));
    // no sideways scrolling on a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  await test.step('cancel the import', async () => {
    await page.getByTestId('cancel-import').click();
    const dialog = page.getByRole('dialog', { name: t('imports.cancel.title') });
    await expect(dialog).toContainText('warga.csv');
    await dialog.getByRole('button', { name: t('imports.cancel.action') }).click();
    await expect(page.getByTestId('import-cancelled')).toBeVisible();
    await expect(page.getByTestId('import-status')).toHaveText(t('imports.status.cancelled'));
  });
});
