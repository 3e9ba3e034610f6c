import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_PERSON_COLUMNS, type PersonExportColumn } from '../src/domain/exports.ts';
import { PERSON_COLUMN_DEFS } from '../src/server/features/exports/columns.ts';
import { readRows, writeXlsx } from '../src/server/platform/spreadsheet/index.ts';
import { type Lang, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * The registry journey of issue 3, end to end through the UI, as a coordinator would do it: an Excel
 * list with bad rows, a column Gotong cannot guess and the same woman entered twice → match that
 * column by hand → check the rows → import the good ones while the progress shows → review the pair
 * the import flagged and merge it, taking her phone number from the second record → export the
 * people list (XLSX and CSV) and check the files: headers in the UI language, the merged woman once,
 * NIKs masked. Run at desktop width and on a phone (360 px).
 */

const FILE = 'data-warga-rt03.xlsx';
const WA_HEADER = 'Kontak WhatsApp'; // not one of the header spellings Gotong guesses
const KEPT = 'Siti Aminah';
const OTHER = 'Siti Aminnah'; // the same woman, entered again further down with a typo and her phone
const NIK = '5171014506780002';
const NIK_MASKED = '5171********0002';
const PHONE = '+6281311112222';
const HOUSEHOLD = 'Keluarga Wayan Sudirta';

/**
 * One family card (KK) of three, the same wife twice (same birth date and KK; the second time
 * without NIK but with her WhatsApp number), and three bad rows: no name; unknown sex and an
 * impossible date; a short NIK. Lines (as the spreadsheet numbers them): header 1, data 2-8.
 */
const ROWS: unknown[][] = [
  ['No', 'Nama Lengkap', 'Jenis Kelamin', 'Tanggal Lahir', 'NIK', 'No KK', 'Hubungan Keluarga', WA_HEADER],
  [1, 'Wayan Sudirta', 'L', '12/03/1975', '5171011203750001', '5171010101010001', 'Kepala Keluarga', '0812 3456 7890'],
  [2, KEPT, 'P', '05/06/1978', NIK, '5171010101010001', 'Istri', ''],
  [3, 'Made Arsana', 'L', '2005', '', '5171010101010001', 'Anak', ''],
  [4, '', 'P', '01/01/1990', '', '', '', ''],
  [5, 'Komang Keliru', 'X', '31/02/1990', '', '', '', ''],
  [6, 'Putu Salah', 'L', '01/01/1991', '12345', '', '', ''],
  [7, OTHER, 'P', '05/06/1978', '', '5171010101010001', 'Istri', '0813-1111-2222'],
];
const BAD_LINES = [5, 6, 7];

/** Export values the server writes in each language (src/server/features/exports/columns.ts). */
const WORDS = {
  female: { id: 'Perempuan', en: 'Female' },
  spouse: { id: 'Suami/istri', en: 'Spouse' },
} satisfies Record<string, Record<Lang, string>>;

async function xlsxFile(rows: unknown[][], name: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'gotong-e2e-')), name);
  await writeXlsx(rows, createWriteStream(path));
  return path;
}

async function readSheet(path: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readRows(path)) out.push(r.cells);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Slows the import's own GET a little so the progress of a small file stays on screen long enough to be seen. */
const IMPORT_GET = /\/api\/imports\/[0-9a-f-]{36}$/;
async function slowPolls(page: Page) {
  await page.route(IMPORT_GET, async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1200));
    await route.continue();
  });
}

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, phone: false },
  { name: 'phone (360 px)', width: 360, height: 780, phone: true },
];

for (const vp of VIEWPORTS) {
  test(`registry journey, ${vp.name}: XLSX with bad rows → match a column → import the good rows → merge the duplicate → export`, async ({ page, lang, t }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const id = unique(`reg-${lang}${vp.phone ? 'm' : ''}`);
    await apiSignupWithOrg(page.request, { name: 'Ni Luh Putu Ariani', email: `${id}@example.org`, org: `Banjar ${id}`, slug: id, locale: lang });
    const path = await xlsxFile(ROWS, FILE);

    /** A page of the main navigation (behind the menu button on a phone). */
    const nav = async (name: string | RegExp) => {
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      const link = page.getByRole('navigation', { name: t('shell.navigation') }).getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
      await link.click();
    };
    /** On a phone nothing should need sideways scrolling. */
    const fitsPhone = async (where: string) => {
      if (!vp.phone) return;
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(vp.width);
    };

    await test.step('from the people list, upload the Excel file', async () => {
      await page.goto('/people');
      await expect(page.getByText(t('people.empty'))).toBeVisible();
      await page.getByRole('link', { name: t('imports.importButton'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('imports.newTitle') })).toBeVisible();
      await page.locator('input[type="file"]').setInputFiles(path);
      await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: t('imports.detailTitle', { file: FILE }) })).toBeVisible();
      await expect(page.getByTestId('import-steps').locator('[aria-current="step"]')).toContainText(t('imports.steps.columns'));
    });

    const preview = page.getByTestId(vp.phone ? 'preview-cards' : 'preview-table');
    await test.step('the WhatsApp column was not guessed: match it to the phone field by hand', async () => {
      await expect(page.getByTestId('map-fullName')).toHaveValue('1');
      await expect(page.getByTestId('map-nik')).toHaveValue('4');
      await expect(page.getByTestId('map-kk')).toHaveValue('5');
      await expect(page.getByTestId('map-phone')).toHaveValue('');
      await expect(page.getByText(t('imports.mapping.unused', { columns: `A · No, H · ${WA_HEADER}` }), { exact: false })).toBeVisible();
      // the preview marks the bad rows in the UI language, and has no phone numbers yet
      await expect(preview).toContainText(OTHER);
      await expect(preview).toContainText(t('imports.problem.required'));
      await expect(preview).toContainText(t('imports.problem.invalid_sex'));
      await expect(preview).not.toContainText(PHONE);
      await fitsPhone('the column step');

      await page.getByTestId('map-phone').selectOption({ label: `H · ${WA_HEADER}` });
      await expect(page.getByText(t('imports.mapping.unsaved'))).toBeVisible();
      await page.getByRole('button', { name: t('imports.mapping.save') }).click();
      await expect(page.getByText(t('imports.mapping.unsaved'))).toHaveCount(0);
      await expect(page.getByTestId('map-phone')).toHaveValue('7');
      await expect(preview).toContainText(PHONE);
      await expect(preview).toContainText('+6281234567890');
      await expect(page.getByText(t('imports.mapping.unused', { columns: 'A · No' }), { exact: false })).toBeVisible();
    });

    await test.step('check all rows: progress, then the counts and the bad rows listed', async () => {
      await slowPolls(page);
      await page.getByRole('button', { name: t('imports.check.action') }).click();
      await expect(page.getByRole('progressbar', { name: t('imports.job.checking') })).toBeVisible();
      await page.unroute(IMPORT_GET);
      await expect(page.getByTestId('count-total')).toContainText('7', { timeout: 30_000 });
      await expect(page.getByTestId('count-good')).toContainText('4');
      await expect(page.getByTestId('count-bad')).toContainText('3');
      if (vp.phone) {
        const cards = page.getByTestId('problems-cards');
        await expect(cards.locator('> *')).toHaveCount(4); // 4 problems on 3 rows
        for (const line of BAD_LINES) await expect(cards).toContainText(t('imports.lineN', { line }));
        await expect(cards).toContainText('B · Nama Lengkap');
        await expect(cards).toContainText(t('imports.problem.invalid_date'));
        await expect(cards).toContainText(t('imports.problem.nik_format'));
        await expect(cards).toContainText('1234…'); // a NIK is never shown whole
      } else {
        const problems = page.getByTestId('problems-table');
        await expect(problems.getByRole('row')).toHaveCount(5); // header + 4 problems on 3 rows
        expect([...new Set(await problems.locator('tbody tr td:first-child').allTextContents())].map(Number).sort()).toEqual(BAD_LINES);
        await expect(problems).toContainText('B · Nama Lengkap');
        await expect(problems).toContainText(t('imports.problem.required'));
        await expect(problems).toContainText(t('imports.problem.invalid_sex'));
        await expect(problems).toContainText(t('imports.problem.invalid_date'));
        await expect(problems).toContainText(t('imports.problem.nik_format'));
        await expect(problems).toContainText('1234…');
      }
      await fitsPhone('the check results');
    });

    await test.step('import the good rows, skip the bad: progress, then the summary', async () => {
      await page.getByRole('radio', { name: t('imports.start.skipBad', { count: 4, good: '4', bad: '3' }) }).check();
      await slowPolls(page);
      await page.getByRole('button', { name: t('imports.start.action') }).click();
      await expect(page.getByRole('progressbar', { name: t('imports.job.importing') })).toBeVisible();
      await expect(page.getByTestId('job')).toContainText(t('imports.job.canLeave'));
      await page.unroute(IMPORT_GET);
      const summary = page.getByTestId('import-summary');
      await expect(summary).toBeVisible({ timeout: 30_000 });
      await expect(summary.getByTestId('done-people')).toContainText('4');
      await expect(summary.getByTestId('done-households')).toContainText('1');
      await expect(summary.getByTestId('done-skipped')).toContainText('3');
      await expect(summary.getByTestId('done-duplicates')).toContainText(t('imports.done.duplicates', { count: 2, formatted: '2' }));
      await expect(page.getByTestId('import-status')).toHaveText(t('imports.status.done'));
      await expect(page.getByRole('progressbar')).toHaveCount(0);
    });

    await test.step('the review queue (from the navigation, with its count) has the pair the import flagged', async () => {
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await expect(page.getByTestId('nav-count-duplicates')).toHaveText('1');
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await nav(new RegExp(`^${escape(t('duplicates.nav'))}`));
      await expect(page.getByRole('heading', { level: 1, name: t('duplicates.title') })).toBeVisible();
      await expect(page.getByTestId('pairs-total')).toHaveText(t('duplicates.total.open', { count: 1, formatted: '1' }));
      const card = page.getByTestId('pair-card');
      await expect(card).toHaveCount(1);
      await expect(card).toHaveAttribute('aria-label', new RegExp(`${escape(KEPT)}|${escape(OTHER)}`));
      await expect(card).toContainText(t('duplicates.source.import', { when: '' }).replace(/ · $/, ''));
      await expect(card.getByTestId('pair-score')).toContainText(t('duplicates.likely'));
      const pro = card.getByTestId('reasons-for');
      // a doubled letter is an old or variant spelling of the same name, not a typo
      await expect(pro).toContainText(t('duplicates.reason.name_same_written_differently'));
      const variant = (a: string, b: string) => escape(t('duplicates.reason.name_variant_spelling', { a, b }));
      await expect(pro).toContainText(new RegExp(`${variant(KEPT, OTHER)}|${variant(OTHER, KEPT)}`));
      await expect(pro).toContainText(t('duplicates.reason.birth_same'));
      await expect(pro).toContainText(t('duplicates.reason.same_household'));
      await expect(card.locator('[data-field="phone"]')).toHaveAttribute('data-differs', 'true');
      await expect(card.locator('[data-field="birth"]')).not.toHaveAttribute('data-differs', 'true');
      await fitsPhone('the review queue');
      await card.getByTestId('pair-review').click();
    });

    await test.step('merge: keep the record with the NIK, take the phone number from the other', async () => {
      await expect(page).toHaveURL(/\/duplicates\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(KEPT);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(OTHER);
      const why = page.getByTestId('pair-why');
      await expect(why).toContainText(t('duplicates.reason.birth_same'));
      await expect(why).toContainText(t('duplicates.reason.sex_same'));
      await expect(why).toContainText(t('duplicates.reason.same_household'));
      const keep = page.getByRole('radiogroup', { name: t('duplicates.merge.keepQuestion') });
      await keep.getByRole('radio', { name: new RegExp(`^${escape(KEPT)}\\b`) }).click();
      await expect(keep.getByRole('radio', { name: new RegExp(`^${escape(KEPT)}\\b`) })).toHaveAttribute('aria-checked', 'true');
      const phone = page.getByRole('radiogroup', { name: t('fields.phone') });
      await expect(phone.getByRole('radio', { name: new RegExp(escape(t('duplicates.merge.fromKept'))) })).toHaveAttribute('aria-checked', 'true');
      await phone.getByRole('radio', { name: new RegExp(escape(PHONE)) }).click();
      await expect(phone.getByRole('radio', { name: new RegExp(escape(PHONE)) })).toHaveAttribute('aria-checked', 'true');
      // the NIK (only the kept record has one) stays as it is; no "the numbers differ" hint when one is empty
      const nik = page.getByRole('radiogroup', { name: t('fields.nik') });
      await expect(page.getByTestId('choose-nik')).not.toContainText(t('duplicates.merge.nikHidden'));
      await expect(nik.getByRole('radio', { name: new RegExp(escape(NIK_MASKED)) })).toHaveAttribute('aria-checked', 'true');
      await fitsPhone('the pair page');
      await page.getByTestId('merge').click();
      const dialog = page.getByRole('dialog', { name: t('duplicates.merge.confirmTitle') });
      await expect(dialog).toContainText(t('duplicates.merge.confirmText', { kept: KEPT, other: OTHER }));
      await expect(dialog).toContainText(t('duplicates.merge.confirmTaken', { other: OTHER, fields: t('fields.phone') }));
      await dialog.getByRole('button', { name: t('duplicates.merge.action') }).click();
      await expect(page.getByTestId('pair-outcome')).toContainText(t('duplicates.pair.mergedTitle'));
      await expect(page.getByTestId('pair-outcome')).toContainText(t('duplicates.pair.mergedText', { kept: KEPT, other: OTHER }));
      await expect(page.getByTestId('queue-done')).toHaveText(t('duplicates.pair.noneLeft'));
    });

    await test.step('the merged person has her NIK (masked), the phone taken from the other record, her family', async () => {
      await page.getByTestId('open-kept').click();
      await expect(page.getByRole('heading', { level: 1, name: KEPT })).toBeVisible();
      await expect(page.getByTestId('nik-value')).toHaveText(NIK_MASKED);
      await expect(page.getByText(PHONE)).toBeVisible();
      await expect(page.getByRole('link', { name: HOUSEHOLD }).first()).toBeVisible();
      await expect(page.getByTestId('history')).toContainText(t('duplicates.history.merge'));
      await expect(page.getByTestId('person-duplicates')).toHaveCount(0);
      await expect(page.getByText(NIK)).toHaveCount(0);
      await fitsPhone('the person page');
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await expect(page.getByTestId('nav-count-duplicates')).toHaveCount(0);
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
    });

    await test.step('the people list has three people; the merged record is gone', async () => {
      await nav(t('nav.people'));
      await expect(page.getByRole('heading', { level: 1, name: t('people.title') })).toBeVisible();
      await expect(page.getByTestId('people-total')).toHaveText(t('people.total', { count: 3, formatted: '3' }));
      await expect(page.getByRole('link', { name: KEPT, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: OTHER, exact: true })).toHaveCount(0);
      await fitsPhone('the people list');
    });

    const columns: readonly PersonExportColumn[] = DEFAULT_PERSON_COLUMNS;
    const header = columns.map((c) => PERSON_COLUMN_DEFS[c].label[lang]);
    const col = (c: PersonExportColumn) => columns.indexOf(c);
    /** The exported sheet: the header in the UI language, three people, the merged woman once, NIKs masked. */
    const checkSheet = (rows: string[][]) => {
      expect(rows[0]).toEqual(header);
      const people = rows.slice(1);
      expect(people.map((r) => r[col('fullName')]).sort()).toEqual(['Made Arsana', KEPT, 'Wayan Sudirta']);
      const siti = people.find((r) => r[col('fullName')] === KEPT)!;
      expect(siti[col('sex')]).toBe(WORDS.female[lang]);
      expect(siti[col('birthDate')]).toBe('1978-06-05');
      expect(siti[col('nik')]).toBe(NIK_MASKED);
      // the server prefixes text starting with + - = @ with a quote against formula injection (spreadsheet/write.ts)
      expect(siti[col('phone')]).toMatch(new RegExp(`^'?${escape(PHONE)}$`));
      expect(siti[col('householdName')]).toBe(HOUSEHOLD);
      expect(siti[col('relationship')]).toBe(WORDS.spouse[lang]);
      expect(people.find((r) => r[col('fullName')] === 'Wayan Sudirta')![col('nik')]).toBe('5171********0001');
      for (const r of people) expect(r[col('nik')] ?? '').not.toMatch(/^\d{16}$/);
    };
    const openExport = async () => {
      await page.getByRole('button', { name: t('exports.button') }).click();
      const dialog = page.getByRole('dialog', { name: t('exports.titlePeople') });
      await expect(dialog.getByText(t('exports.introCount', { count: 3, formatted: '3' }))).toBeVisible();
      await expect(dialog.getByRole('checkbox', { name: t('exports.revealNik') })).not.toBeChecked();
      return dialog;
    };

    await test.step('export as Excel (the usual choice) and read the file', async () => {
      const dialog = await openExport();
      await expect(dialog.getByRole('radio', { name: t('exports.xlsx') })).toBeChecked();
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('link', { name: t('exports.download') }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d\d-\d\d\.xlsx$/);
      const file = (await download.path())!;
      checkSheet(await readSheet(file));
      await expect(dialog).toHaveCount(0);
    });

    await test.step('export as CSV and read the file', async () => {
      const dialog = await openExport();
      await dialog.getByRole('radio', { name: t('exports.csv') }).check();
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('link', { name: t('exports.download') }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d\d-\d\d\.csv$/);
      const file = (await download.path())!;
      const text = readFileSync(file, 'utf8');
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header.join(','));
      expect(text).not.toContain(OTHER);
      expect(text).not.toContain(NIK);
      expect(text.split(KEPT)).toHaveLength(2); // her name once
      checkSheet(await readSheet(file));
    });
  });
}
