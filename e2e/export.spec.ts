import { readFileSync } from 'node:fs';
import { DEFAULT_PERSON_COLUMNS } from '../src/domain/exports.ts';
import { PERSON_COLUMN_DEFS } from '../src/server/features/exports/columns.ts';
import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/** Export dialog: the filtered list downloads as CSV, headers in the UI language, choices remembered. */
test('export: the people list downloads as CSV with the chosen columns and an HXL row', async ({ page, lang, t, axe }) => {
  const id = unique(`exp-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  await page.request.post('/api/people', { data: { fullName: 'Siti Aminah', sex: 'female', birthYear: 1985, areaCode: '32.04.05.2001', consent: { given: true } } });
  await page.request.post('/api/people', { data: { fullName: 'Budi Santoso', sex: 'male' } });

  await page.goto('/people?sex=female');
  await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 1, formatted: '1' }));
  await page.getByRole('button', { name: t('exports.button') }).click();
  const dialog = page.getByRole('dialog', { name: t('exports.titlePeople') });
  await expect(dialog.getByText(t('exports.introCount', { count: 1, formatted: '1' }))).toBeVisible();
  await axe(page, 'export dialog');
  await dialog.getByRole('radio', { name: t('exports.csv') }).check();
  await dialog.getByRole('checkbox', { name: t('exports.col.phone'), exact: true }).uncheck();
  await dialog.getByRole('checkbox', { name: t('exports.hxl') }).check();
  // the owner may reveal NIKs: offered, off by default
  await expect(dialog.getByRole('checkbox', { name: t('exports.revealNik') })).not.toBeChecked();

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('link', { name: t('exports.download') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d\d-\d\d\.csv$/);
  const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const columns = DEFAULT_PERSON_COLUMNS.filter((c) => c !== 'phone');
  expect(lines[0]).toBe(columns.map((c) => PERSON_COLUMN_DEFS[c].label[lang]).join(','));
  expect(lines[1]).toBe(columns.map((c) => PERSON_COLUMN_DEFS[c].hxl).join(','));
  expect(lines.length).toBe(3); // only the one woman the list shows
  expect(lines[2]).toMatch(new RegExp(`^Siti Aminah,${lang === 'id' ? 'Perempuan' : 'Female'},`));

  // the choices are remembered
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: t('exports.button') }).click();
  await expect(page.getByRole('dialog', { name: t('exports.titlePeople') }).getByRole('checkbox', { name: t('exports.col.phone'), exact: true })).not.toBeChecked();
  await expect(page.getByRole('dialog', { name: t('exports.titlePeople') }).getByRole('radio', { name: t('exports.csv') })).toBeChecked();
});
