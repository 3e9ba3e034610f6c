import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Programs (issue 4, first part), in the project's language, at desktop width and on a phone:
 * start a program with a wrong period (refused, input kept), sectors, two target areas and target
 * groups; find it by a typo, a sector and an area inside its target area; change its manager and
 * status; build its results framework (goal, outcomes, an output), reorder it, delete an outcome
 * and undo; delete the program and undo.
 */
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, phone: false },
  { name: 'phone (360 px)', width: 360, height: 780, phone: true },
];

for (const vp of VIEWPORTS) {
  test(`programs, ${vp.name}: start → wrong period refused → find → change → results framework → indicator, value, dashboard → risk, task, logframe → delete and undo`, async ({ page, lang, t, label }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const id = unique(`prog-${lang}${vp.phone ? 'm' : ''}`);
    await apiSignupWithOrg(page.request, { name: 'Made Suarjana', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
    const other = (await (await page.request.post('/api/programs', { data: { name: 'Posyandu Lansia', status: 'active', sectors: ['health'], targetAreas: ['52'] } })).json()) as { id: string };
    expect(other.id).toBeTruthy();
    // the program runs this year, so the current quarter's values are judged against its targets
    const year = new Date().getUTCFullYear();
    const todayInJakarta = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    // a value is judged once its quarter has ended: the last day of the previous quarter (in the first quarter, today)
    const month = Number(todayInJakarta.slice(5, 7));
    const valueDate = month <= 3 ? todayInJakarta : new Date(Date.UTC(year, Math.floor((month - 1) / 3) * 3, 0)).toISOString().slice(0, 10);
    const tab = (name: string) => page.getByRole('tab', { name: t(`programs.tabs.${name}`) }).click();
    const fitsPhone = async (where: string) => {
      if (vp.phone) expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(vp.width);
    };

    await test.step('open Programs from the navigation', async () => {
      await page.goto('/people');
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await page.getByRole('navigation', { name: t('shell.navigation') }).getByRole('link', { name: t('nav.programs'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('programs.title') })).toBeVisible();
      await expect(page.getByTestId('program-card')).toHaveCount(1);
      await fitsPhone('the program list');
    });

    await test.step('start a program; an end before the start is refused and nothing typed is lost', async () => {
      await page.getByRole('link', { name: t('programs.add') }).click();
      await page.getByLabel(label('programs.name')).fill('Sekolah Lapang Iklim');
      await page.getByLabel(label('programs.startDate')).fill(`${year}-01-01`);
      await page.getByLabel(label('programs.endDate')).fill(`${year - 1}-12-31`);
      await page.getByLabel(label('programs.summary')).fill('Petani belajar bertani tahan iklim.');
      await page.getByRole('combobox', { name: t('programs.sectors') }).click();
      await page.getByRole('option', { name: t('programs.sector.agriculture_food') }).click();
      await page.getByRole('option', { name: t('programs.sector.disaster_risk_reduction') }).click();
      await page.keyboard.press('Escape');
      // two target areas: a regency, then a village elsewhere
      await page.getByLabel(label('area.province')).selectOption('32');
      await page.getByLabel(label('area.regency')).selectOption('32.04');
      await page.getByRole('button', { name: t('programs.addArea') }).click();
      await page.getByLabel(label('area.province')).selectOption('51');
      await page.getByLabel(label('area.regency')).selectOption('51.71');
      await page.getByRole('button', { name: t('programs.addArea') }).click();
      await expect(page.getByTestId('program-areas').getByText(/bandung/i)).toBeVisible();
      await expect(page.getByTestId('program-areas').getByText(/denpasar/i)).toBeVisible();
      const groups = page.getByRole('combobox', { name: t('programs.targetGroups') });
      await groups.fill('petani kecil');
      await groups.press('Enter');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByText(lang === 'id' ? 'Tanggal selesai tidak boleh sebelum tanggal mulai.' : 'The end date cannot be before the start date.').first()).toBeVisible();
      await expect(page.getByLabel(label('programs.summary'))).toHaveValue('Petani belajar bertani tahan iklim.');
      await expect(page.getByTestId('program-areas').getByText(/denpasar/i)).toBeVisible();
      await fitsPhone('the program form');
      await page.getByLabel(label('programs.endDate')).fill('2029-12-31');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sekolah Lapang Iklim' })).toBeVisible();
      await expect(page.getByText(t('programs.sector.disaster_risk_reduction'))).toBeVisible();
      await expect(page.getByText('petani kecil')).toBeVisible();
      await expect(page.getByText(t('programs.managedBy', { name: 'Made Suarjana' }))).toHaveCount(0);
      await fitsPhone('the program page');
    });

    await test.step('find it by a typo, by sector and by a village inside its target area', async () => {
      await page.goto('/programs');
      await page.getByRole('searchbox', { name: t('programs.search') }).fill('sekola lapang');
      await expect(page.getByTestId('program-card')).toHaveCount(1);
      await expect(page.getByTestId('program-card')).toContainText('Sekolah Lapang Iklim');
      await page.goto('/programs?sector=health');
      await expect(page.getByTestId('program-card')).toHaveCount(1);
      await expect(page.getByTestId('program-card')).toContainText('Posyandu Lansia');
      await page.goto('/programs?area=32.04.05');
      await expect(page.getByTestId('program-card')).toHaveCount(1);
      await expect(page.getByTestId('program-card')).toContainText('Sekolah Lapang Iklim');
    });

    await test.step('change it: the manager and the status', async () => {
      await page.getByRole('link', { name: 'Sekolah Lapang Iklim' }).click();
      await page.getByRole('link', { name: t('common.edit') }).click();
      await page.getByRole('combobox', { name: t('programs.manager') }).click();
      await page.getByRole('option', { name: 'Made Suarjana' }).click();
      await page.getByRole('combobox', { name: t('programs.statusLabel') }).click();
      await page.getByRole('option', { name: t('programs.status.active') }).click();
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByText(t('programs.managedBy', { name: 'Made Suarjana' }))).toBeVisible();
      await tab('history');
      await expect(page.getByTestId('history')).toContainText('Made Suarjana');
    });

    await test.step('its results framework: goal, two outcomes, an output; reorder; delete an outcome and undo', async () => {
      await tab('framework');
      const framework = page.getByTestId('framework');
      const form = page.getByTestId('result-form');
      const addResult = async (button: string, statement: string) => {
        await page.getByRole('button', { name: button }).last().click();
        await form.getByLabel(label('framework.statement')).fill(statement);
        await form.getByRole('button', { name: button }).click();
        await expect(framework.getByText(statement, { exact: true })).toBeVisible();
      };
      await page.getByRole('button', { name: t('framework.add.goal') }).click();
      await form.getByLabel(label('framework.statement')).fill('Pendapatan petani kecil naik');
      await form.getByRole('button', { name: t('framework.add.goal') }).click();
      await expect(framework.getByTestId('result')).toHaveCount(1);
      await addResult(t('framework.add.outcome'), 'Petani memakai cara tanam tahan iklim');
      await page.getByRole('button', { name: t('framework.add.outcome') }).first().click();
      await form.getByLabel(label('framework.statement')).fill('Kelompok tani menjual bersama');
      await form.getByLabel(label('framework.assumptions')).fill('Harga gabah stabil');
      await form.getByRole('button', { name: t('framework.add.outcome') }).click();
      await expect(framework.getByText(`${t('framework.assumptions')}: Harga gabah stabil`)).toBeVisible();
      await page.getByRole('button', { name: t('framework.add.output') }).first().click();
      await form.getByLabel(label('framework.statement')).fill('Petani terlatih');
      await form.getByRole('button', { name: t('framework.add.output') }).click();
      const outline = () => framework.getByTestId('result').evaluateAll((rows) => rows.map((r) => (r.querySelector('.mantine-Badge-label')?.textContent ?? '').trim()));
      await expect.poll(outline).toEqual([t('framework.level.goal'), `${t('framework.level.outcome')} 1`, `${t('framework.level.output')} 1.1`, `${t('framework.level.outcome')} 2`]);
      await page.getByRole('button', { name: t('framework.moveUpNamed', { name: '2 Kelompok tani menjual bersama' }) }).click();
      await expect(framework.getByTestId('result').nth(1)).toContainText('Kelompok tani menjual bersama');
      await expect(framework.getByTestId('result').nth(2)).toContainText(`${t('framework.level.outcome')} 2`);
      await fitsPhone('the results framework');
      await page.getByRole('button', { name: t('framework.deleteNamed', { name: '2 Petani memakai cara tanam tahan iklim' }) }).click();
      await page.getByRole('dialog', { name: t('framework.deleteTitle') }).getByRole('button', { name: t('common.delete') }).click();
      await expect(framework.getByTestId('result')).toHaveCount(2);
      await page.getByRole('button', { name: t('common.undo') }).click();
      await expect(framework.getByTestId('result')).toHaveCount(4);
      await expect(framework.getByText('Petani terlatih')).toBeVisible();
    });

    await test.step('an indicator with quarterly targets: an impossible percentage is refused, the dialog keeps its input', async () => {
      await page.getByRole('button', { name: t('indicators.addTo', { name: '1 Kelompok tani menjual bersama' }) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(label('indicators.code')).fill('1a');
      await dialog.getByLabel(label('indicators.name')).fill('Petani yang menjual lewat kelompok');
      await dialog.getByRole('combobox', { name: t('indicators.type') }).click();
      await page.getByRole('option', { name: t('indicators.types.percentage') }).click();
      // the choice must have landed before going on: a save as a count would accept 120
      await expect(dialog.getByRole('combobox', { name: t('indicators.type') })).toHaveValue(t('indicators.types.percentage'));
      await dialog.getByRole('checkbox', { name: t('indicators.by.sex') }).check();
      const firstTarget = dialog.getByTestId('targets').getByRole('textbox').first();
      await firstTarget.fill('120');
      await expect(firstTarget).toHaveValue('120');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(dialog.getByText(lang === 'id' ? 'Nilai target di luar batas (persentase 0–100, ya/tidak 0 atau 1, tidak negatif).' : 'The target is out of range (a percentage 0–100, yes/no 0 or 1, never negative).').first()).toBeVisible();
      await expect(dialog.getByLabel(label('indicators.name'))).toHaveValue('Petani yang menjual lewat kelompok');
      await fitsPhone('the indicator dialog');
      await firstTarget.fill('60');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      const indicators = page.getByTestId('indicators');
      await expect(indicators).toContainText('Petani yang menjual lewat kelompok');
      await expect(indicators).toContainText(t('indicators.types.percentage'));
      await expect(indicators).toContainText(t('indicators.byShort', { list: t('indicators.by.sex') }));
    });

    await test.step('an indicator on an output with quarterly targets and a breakdown by sex and age', async () => {
      await page.getByRole('button', { name: t('indicators.addTo', { name: '2.1 Petani terlatih' }) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(label('indicators.code')).fill('2.1a');
      await dialog.getByLabel(label('indicators.name')).fill('Petani yang selesai pelatihan');
      await dialog.getByRole('checkbox', { name: t('indicators.by.sex') }).check();
      await dialog.getByRole('checkbox', { name: t('indicators.by.age') }).check();
      const targets = dialog.getByTestId('targets').getByRole('textbox');
      for (let i = 0; i < 4; i++) await targets.nth(i).fill('10');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await tab('dashboard');
      const card = page.locator('[data-testid="dashboard-indicator"][data-code="2.1a"]');
      await expect(card.getByText(t('dashboard.status.no_data'))).toBeVisible();
      await fitsPhone('the dashboard');
    });

    await test.step('report a value with its breakdown (parts must add up), approve it, and the dashboard changes', async () => {
      await tab('framework');
      await page.getByTestId('open-indicator').filter({ hasText: 'Petani yang selesai pelatihan' }).click();
      const drawer = page.getByTestId('indicator-drawer');
      await drawer.getByRole('button', { name: t('values.add') }).click();
      const form = page.getByTestId('value-form');
      await form.getByLabel(label('values.date')).fill(valueDate);
      await form.getByLabel(label('values.value')).fill('12');
      const sex = form.getByTestId('parts-sex');
      await sex.getByLabel(t('indicators.cat.female'), { exact: true }).fill('8');
      await sex.getByLabel(t('indicators.cat.male'), { exact: true }).fill('6');
      await expect(sex.getByText(t('values.partsOver'))).toBeVisible();
      await sex.getByLabel(t('indicators.cat.male'), { exact: true }).fill('4');
      await expect(sex.getByText(t('values.partsOver'))).toHaveCount(0);
      const age = form.getByTestId('parts-age');
      await age.getByLabel('18-24').fill('5');
      await age.getByLabel('25-59').fill('7');
      await form.getByLabel(label('values.comment')).fill('Angkatan pertama sekolah lapang');
      await fitsPhone('the value form');
      await form.getByRole('button', { name: t('values.submit') }).click();
      await expect(page.getByTestId('value-form')).toHaveCount(0);
      const value = drawer.getByTestId('value');
      await expect(value).toHaveAttribute('data-status', 'submitted');
      await expect(drawer.getByText(t('values.pendingNote', { count: 1 }))).toBeVisible();
      await value.getByRole('button', { name: t('values.approve') }).click();
      await expect(value).toHaveAttribute('data-status', 'approved');
      await expect(drawer.getByTestId('series-table')).toContainText('12');
      await page.getByRole('button', { name: t('common.close'), exact: true }).click();

      await tab('dashboard');
      const card = page.locator('[data-testid="dashboard-indicator"][data-code="2.1a"]');
      // 12 of the 40 targeted by the end of this year's fourth quarter (or fewer, earlier in the year): off track
      await expect(card.locator('[data-status]').first()).not.toHaveAttribute('data-status', 'no_data');
      await card.getByRole('button', { name: t('dashboard.showTable') }).click();
      await expect(card.getByTestId('series-table')).toContainText('12');
      await card.getByRole('combobox', { name: t('dashboard.breakdown') }).click();
      await page.getByRole('option', { name: t('dashboard.by', { dim: t('indicators.by.sex') }) }).click();
      await expect(card.getByTestId('series-table')).toContainText(t('indicators.cat.female'));
      const png = page.waitForEvent('download');
      await card.getByRole('button', { name: t('dashboard.savePngNamed', { name: '2.1a' }) }).click();
      expect((await png).suggestedFilename()).toBe('2.1a-period.png');
      const xlsx = page.waitForEvent('download');
      await page.getByTestId('dashboard-xlsx').click();
      expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
      await fitsPhone('the dashboard with values');
      // the program's card shows its traffic lights, and the list the organisation's
      await page.goto('/programs');
      const programCard = page.getByTestId('program-card').filter({ hasText: 'Sekolah Lapang Iklim' });
      await expect(programCard.getByTestId('program-headline')).toBeVisible();
      await expect(page.getByTestId('org-status')).toBeVisible();
      await programCard.getByRole('link', { name: 'Sekolah Lapang Iklim' }).click();
    });

    await test.step('a risk on the heat map: likelihood 4 × impact 5 is extreme', async () => {
      await tab('risks');
      await page.getByRole('button', { name: t('risks.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('risks.newTitle') });
      await dialog.getByLabel(label('risks.description')).fill('Dana hibah terlambat cair');
      await dialog.getByRole('radiogroup', { name: t('risks.likelihood') }).getByText('4', { exact: true }).click();
      await dialog.getByRole('radiogroup', { name: t('risks.impact') }).getByText('5', { exact: true }).click();
      await expect(dialog.getByText(t('risks.scoreLabel', { score: 20 }))).toBeVisible();
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByTestId('risk')).toContainText('Dana hibah terlambat cair');
      await expect(page.getByTestId('heat-map').getByLabel(t('risks.cell', { count: 1, likelihood: 4, impact: 5 }))).toHaveText('1');
      await fitsPhone('the risk register');
    });

    await test.step('a task to mitigate the risk, and the logframe exported', async () => {
      await tab('tasks');
      await page.getByRole('button', { name: t('tasks.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('tasks.newTitle') });
      await dialog.getByLabel(label('tasks.name')).fill('Hubungi donor soal jadwal pencairan');
      await dialog.getByRole('combobox', { name: t('tasks.link') }).click();
      await page.getByRole('option', { name: 'Dana hibah terlambat cair' }).click();
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByTestId('tasks').getByTestId('task')).toContainText('Hubungi donor soal jadwal pencairan');
      await page.getByRole('button', { name: t('logframe.button') }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: t('logframe.xlsx') }).click();
      expect((await download).suggestedFilename()).toMatch(/^logframe-sekolah-lapang-iklim-\d{4}-\d\d-\d\d\.xlsx$/);
    });

    await test.step('delete it, then undo from the notification', async () => {
      await page.getByRole('button', { name: t('common.delete'), exact: true }).click();
      await page.getByRole('dialog', { name: t('programs.deleteTitle') }).getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('programs.title') })).toBeVisible();
      await expect(page.getByTestId('program-card')).toHaveCount(1);
      await page.getByRole('button', { name: t('common.undo') }).click();
      await expect(page.getByText(t('programs.restored', { name: 'Sekolah Lapang Iklim' }))).toBeVisible();
      await expect(page.getByTestId('program-card')).toHaveCount(2);
    });
  });
}
