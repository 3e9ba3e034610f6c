import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { pdfText } from '../src/server/platform/pdf/text.ts';
import { apiAs, apiSignupWithOrg, drawnPhoto, expect, member, test, unique } from './fixtures.ts';

/**
 * The money side from the first contact to the report a funder reads (issue 6), in the project's
 * language, in one journey: upload the organisation's logo, add a funder, move an opportunity to
 * awarded, create the grant with a quarterly report schedule, budget the program with a line the
 * grant funds, record an expense with a receipt that the finance member approves, see budget vs
 * actual, then write the donor report from the grant's overdue narrative report, download its PDF,
 * render the first page to PNG (poppler's pdftoppm) and look at it: the logo is at its head and the
 * page is not blank.
 *
 * The program's indicator, activity and attendance come through the API: their screens have
 * journeys of their own (programs, activities, participation).
 */
const Y = new Date().getUTCFullYear() - 1; // last year: its first quarter's report is overdue, its figures are final

/** REPORT_SHOTS=1 saves each screen in .tmp/screens for a person to look at. */
const shot = async (page: Page, name: string) => {
  if (!process.env.REPORT_SHOTS) return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: `.tmp/screens/reports-${name}.png`, fullPage: true });
};

test('funding to donor report: logo → funder → opportunity awarded → grant with quarterly reports → budget → expense with receipt approved → budget vs actual → donor report PDF rendered to PNG', async ({ page, browser, lang, t, label, axe }) => {
  test.setTimeout(240_000);
  const id = unique(`rep-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const api = apiAs(page.request);
  const funderName = `Yayasan Tirta ${id.slice(-4)}`;
  const grantTitle = 'Air Bersih untuk Sukamaju';

  // the program, its indicator with a first-quarter value, and a training attended by two people
  const program = await api('post', '/api/programs', { name: 'Air Bersih Desa', startDate: `${Y}-01-01`, endDate: `${Y + 1}-12-31` });
  const goal = (await api('post', `/api/programs/${program.id}/results`, { parentId: null, statement: 'Warga punya air bersih' })).items[0].id;
  const indicator = await api('post', `/api/results/${goal}/indicators`, {
    code: '1.1',
    name: 'Rumah tangga dengan sambungan air',
    type: 'count',
    frequency: 'quarter',
    baselineValue: 0,
    targets: [{ start: `${Y}-01-01`, end: `${Y}-03-31`, value: 20 }],
  });
  const value = await api('post', `/api/indicators/${indicator.id}/values`, { date: `${Y}-02-10`, value: 12 });
  await api('post', `/api/values/${value.id}/review`, { decision: 'approve', version: value.version });
  const training = (await api('post', '/api/activities', { title: 'Pelatihan perawatan pompa', type: 'training', programId: program.id, startDate: `${Y}-03-05`, startTime: '09:00', endTime: '12:00' })).item;
  for (const [fullName, sex] of [['Sri Wahyuni', 'female'], ['Agus Salim', 'male']]) {
    const person = await api('post', '/api/people', { fullName, sex });
    await api('post', `/api/activities/${training.id}/registrations`, { personId: person.id });
    await api('put', `/api/activities/${training.id}/attendance/${person.id}`, {});
  }
  const finance = await member(browser, page, lang, 'finance', 'Fajar Keuangan');

  await test.step('upload the organisation’s logo in Settings', async () => {
    await page.goto('/settings?tab=organization');
    const logo = page.getByTestId('logo-settings');
    await expect(logo).toContainText(t('settings.logo.none'));
    const choosing = page.waitForEvent('filechooser');
    await logo.getByTestId('upload-logo').click();
    await (await choosing).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await drawnPhoto(page, 240, 120, 'image/png') });
    await expect(logo.getByRole('img', { name: t('settings.logo.alt', { name: `Yayasan ${id}` }) })).toBeVisible();
    await shot(page, `logo-${lang}`);
  });

  await test.step('add a funder, and an opportunity for the program', async () => {
    await page.goto('/funding/funders');
    await page.getByRole('button', { name: t('funding.addFunder') }).click();
    const form = page.getByTestId('funder-form');
    await form.getByRole('textbox', { name: label('funding.name') }).fill(funderName);
    await form.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByRole('heading', { level: 1, name: funderName })).toBeVisible();

    await page.getByRole('button', { name: t('funding.addOpportunity') }).click();
    const opp = page.getByTestId('opportunity-form');
    await opp.getByRole('textbox', { name: label('funding.title') }).fill(grantTitle);
    await opp.getByRole('textbox', { name: label('funding.amount') }).fill('200000000');
    await opp.getByRole('combobox', { name: t('funding.programs') }).click();
    await page.getByRole('option', { name: 'Air Bersih Desa' }).click();
    await opp.getByRole('textbox', { name: label('funding.title') }).click(); // closes the program list
    await opp.getByRole('button', { name: t('common.save') }).click();
    await expect(opp).toBeHidden();
  });

  await test.step('a one-off gift from the funder organisation, chosen in the donor field, shows on the funder’s page', async () => {
    await page.goto('/donations');
    await page.getByTestId('add-donation').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: t('donations.orFunder') }).fill(funderName.slice(0, 12));
    await page.getByRole('listbox').getByRole('option', { name: funderName }).click();
    await expect(dialog.getByTestId('donor-chosen')).toContainText(funderName);
    await expect(dialog.getByTestId('donor-chosen')).toContainText(t('donations.donorFunder'));
    await dialog.getByTestId('donation-form').getByLabel(label('donations.amount')).fill('5000000');
    await dialog.getByTestId('donation-form').getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByTestId('donation-row')).toContainText(funderName);
    await page.getByTestId('donation-row').getByRole('link', { name: funderName }).click();
    await expect(page.getByRole('heading', { level: 1, name: funderName })).toBeVisible();
    await expect(page.getByTestId('funder-gifts')).toContainText(lang === 'en' ? 'IDR 5,000,000' : 'Rp 5.000.000');
    await shot(page, `funder-${lang}-1280`);
  });

  await test.step('move it to awarded and create the grant with a quarterly report schedule', async () => {
    await page.goto('/funding');
    const card = page.getByTestId('opportunity-card').filter({ hasText: grantTitle });
    await card.getByRole('button', { name: t('funding.cardMenu', { title: grantTitle }) }).click();
    await page.getByRole('menuitem', { name: t('funding.stage.awarded') }).click();
    await page.getByRole('dialog', { name: t('funding.awardedTitle') }).getByRole('button', { name: t('funding.createGrant') }).click();
    const form = page.getByTestId('grant-form');
    await expect(form.getByRole('textbox', { name: label('funding.amount') })).toHaveValue('200000000');
    await form.getByLabel(label('funding.startDate')).fill(`${Y}-01-01`);
    await form.getByLabel(label('funding.endDate')).fill(`${Y + 1}-12-31`);
    await expect(form.getByLabel(label('funding.reportFrequency'))).toHaveValue(t('funding.frequency.quarterly'));
    await form.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByRole('heading', { level: 1, name: grantTitle })).toBeVisible();
    await expect(page.getByText('Air Bersih Desa').first()).toBeVisible();
    // eight quarters, each with a narrative and a financial report; the last quarter's pair is the final report
    await expect(page.getByTestId('report-row')).toHaveCount(16);
    await expect(page.getByTestId('report-row').filter({ hasText: t('funding.final') })).toHaveCount(2);
  });
  const grantUrl = page.url();

  await test.step('budget the program: a line the grant funds, spread over its quarters', async () => {
    await page.goto(`/programs/${program.id}?tab=budget`);
    await page.getByRole('button', { name: t('finance.budget.create') }).click();
    await page.getByTestId('budget-edit').click();
    const line = page.getByTestId('line-0');
    await line.getByLabel(label('finance.line')).fill('Honor fasilitator');
    await line.getByLabel(t('finance.category')).selectOption('personnel');
    await line.getByLabel(t('finance.source')).selectOption({ label: grantTitle });
    await line.getByLabel(t('finance.budget.spreadLabel')).fill('16000000');
    await line.getByRole('button', { name: t('finance.budget.spread') }).click();
    await page.getByRole('button', { name: t('common.save'), exact: true }).click();
    await expect(page.getByTestId('budget-lines')).toContainText(grantTitle);
    await expect(page.getByTestId('budget-total')).toContainText(lang === 'en' ? '16,000,000' : '16.000.000');
  });

  await test.step('record an expense in the first quarter with a photo of the receipt', async () => {
    await page.goto(`/finance/expenses?program=${program.id}`);
    await page.getByTestId('expense-new').click();
    const form = page.getByTestId('expense-form');
    await form.getByLabel(label('finance.program')).selectOption(program.id);
    await form.getByLabel(label('finance.line')).selectOption({ label: 'Honor fasilitator' });
    await form.getByLabel(label('finance.date')).fill(`${Y}-02-15`);
    await form.getByLabel(label('finance.amount')).fill('1500000');
    await form.getByLabel(label('finance.expenses.description')).fill('Honor pelatih pompa');
    await form.locator('input[type="file"]').setInputFiles({ name: 'kuitansi.jpg', mimeType: 'image/jpeg', buffer: await drawnPhoto(page, 80, 60, 'image/jpeg') });
    await form.getByRole('button', { name: t('finance.expenses.submit') }).click();
    await expect(page.getByTestId('expense-list')).toContainText('Honor pelatih pompa');
    await expect(page.getByRole('link', { name: new RegExp(`${t('finance.expenses.receipt')}: kuitansi\\.jpg`) })).toBeVisible();
  });

  await test.step('the finance member approves it', async () => {
    await finance.goto('/finance/expenses?waiting=true');
    await finance.getByRole('button', { name: `${t('finance.expenses.approve')} Honor pelatih pompa` }).click();
    await expect(finance.getByText(t('finance.expenses.approved'))).toBeVisible();
    await finance.context().close();
  });

  await test.step('budget vs actual shows the approved spending against the grant’s line', async () => {
    await page.goto(`/finance?program=${program.id}`);
    await expect(page.getByTestId('bva-spent')).toContainText(lang === 'en' ? '1,500,000' : '1.500.000');
    await expect(page.getByTestId('bva-lines')).toContainText('Honor fasilitator');
  });

  await test.step('write the donor report from the grant’s overdue first-quarter narrative report', async () => {
    await page.goto(grantUrl);
    const first = page.locator('[data-testid="report-row"][data-overdue]').filter({ hasText: t('funding.reportKind.narrative') }).first();
    await first.getByTestId('write-donor-report').click();
    const dialog = page.getByRole('dialog', { name: t('donorReports.newTitle') });
    // prefilled with the grant and that report's period
    await expect(dialog.getByRole('combobox', { name: label('donorReports.grant') })).toHaveValue(`${grantTitle} · ${funderName}`);
    await expect(dialog.getByLabel(label('donorReports.periodStart'))).toHaveValue(`${Y}-01-01`);
    await expect(dialog.getByLabel(label('donorReports.periodEnd'))).toHaveValue(`${Y}-03-31`);
    await dialog.getByRole('textbox', { name: label('donorReports.title') }).fill(`Laporan Kemajuan T1 ${Y}`);
    await dialog.getByRole('button', { name: t('donorReports.create') }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Laporan Kemajuan T1 ${Y}` })).toBeVisible();

    // the figures are read from the data as of the quarter's end
    const figures = page.getByTestId('report-figures');
    await expect(figures).toContainText('Rumah tangga dengan sambungan air');
    await expect(page.getByTestId('report-activities')).toContainText('Pelatihan perawatan pompa');
    await expect(figures).toContainText('Honor fasilitator');
    await expect(figures).toContainText(lang === 'en' ? '1,500,000' : '1.500.000');

    const summary = page.getByTestId('narrative-form').getByRole('textbox', { name: t('donorReports.sections.summary') });
    await summary.fill('Dua belas rumah tangga tersambung ke jaringan air pada triwulan pertama.');
    await page.getByTestId('narrative-form').getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByText(t('donorReports.saved'))).toBeVisible();
    await shot(page, `report-${lang}-1280`);
    await axe(page, 'the donor report page');
  });

  await test.step('download the PDF, render its first page to PNG and look at it', async () => {
    await page.getByTestId('download-report').click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: t('donorReports.file.pdf', { lang: t(`donorReports.lang.${lang}`) }) }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfPath = (await file.path())!;
    const text = pdfText(readFileSync(pdfPath)).join(' ').replace(/\u200b/g, '').replace(/-\s+/g, '-').replace(/\s+/g, ' '); // lines wrap, long words at their hyphens
    for (const w of [grantTitle, funderName, `Yayasan ${id}`, 'Rumah tangga dengan sambungan air', 'Pelatihan perawatan pompa', 'Honor fasilitator', 'Dua belas rumah tangga', lang === 'en' ? 'DRAFT' : 'DRAF']) expect(text, w).toContain(w);

    mkdirSync('.tmp/screens', { recursive: true });
    const prefix = `.tmp/screens/donor-report-${lang}`;
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    const png = readFileSync(`${prefix}.png`);
    await test.info().attach('donor report, page 1', { body: png, contentType: 'image/png' });

    // look at it in the browser: an A4 page, ink on it, and the logo's green-to-gold at its head
    const seen = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(0, 0, img.width, img.height);
      let ink = 0;
      let logoTop = 0;
      let logoRest = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, gr, b] = [data[i], data[i + 1], data[i + 2]];
        if (r + gr + b < 600) ink++;
        // the logo's colours: green or gold, far from grey
        const coloured = gr > b + 40 && Math.max(r, gr) - b > 50;
        if (coloured) (i / 4 / img.width < img.height * 0.2 ? logoTop++ : logoRest++);
      }
      return { width: img.width, height: img.height, ink: ink / (data.length / 4), logoTop, logoRest };
    }, png.toString('base64'));
    expect(seen.height / seen.width, 'an A4 page').toBeCloseTo(297 / 210, 1);
    expect(seen.ink, 'the page has text on it').toBeGreaterThan(0.01);
    expect(seen.ink, 'the page is not one dark block').toBeLessThan(0.5);
    expect(seen.logoTop, 'the logo heads the page').toBeGreaterThan(200);
    expect(seen.logoRest, 'the logo is only at the head').toBeLessThan(seen.logoTop / 10);
  });

  await test.step('the reports list and the report fit a phone', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/reports');
    await expect(page.getByRole('link', { name: `Laporan Kemajuan T1 ${Y}` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'sideways scrolling on the reports list').toBeLessThanOrEqual(360);
    await shot(page, `list-${lang}-360`);
    await page.getByRole('link', { name: `Laporan Kemajuan T1 ${Y}` }).click();
    await expect(page.getByTestId('report-figures')).toContainText('Pelatihan perawatan pompa');
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'sideways scrolling on the report').toBeLessThanOrEqual(360);
    await shot(page, `report-${lang}-360`);
  });
});
