import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Activities (issue 5, first part), in the project's language, at desktop width and on a phone:
 * plan a weekly training series of four (a missing title is refused, the rest kept), see it on
 * the calendar (month and list), change one occurrence only, cancel another with a reason, delete
 * the series' remainder and undo.
 */
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, phone: false },
  { name: 'phone (360 px)', width: 360, height: 780, phone: true },
];

/** The first Monday of March next year: a whole series inside one month, always in the future. */
function firstMonday() {
  const y = new Date().getUTCFullYear() + 1;
  const d = new Date(Date.UTC(y, 2, 1));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

for (const vp of VIEWPORTS) {
  test(`activities, ${vp.name}: weekly series → calendar → edit one → cancel one → delete the rest and undo`, async ({ page, lang, t, label }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const id = unique(`act-${lang}${vp.phone ? 'm' : ''}`);
    await apiSignupWithOrg(page.request, { name: 'Wayan Sudarma', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
    const start = firstMonday();
    const fitsPhone = async (where: string) => {
      if (vp.phone) expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(vp.width);
    };
    const openList = async () => {
      await page.goto(`/activities?d=${start}&view=list`);
      await expect(page.getByTestId('activity-list')).toBeVisible();
    };

    await test.step('open Activities from the navigation', async () => {
      await page.goto('/people');
      if (vp.phone) await page.getByRole('button', { name: t('shell.toggleNav') }).click();
      await page.getByRole('navigation', { name: t('shell.navigation') }).getByRole('link', { name: t('nav.activities'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('activities.title') })).toBeVisible();
      // phones start on the list, wider screens on the month
      await expect(page.getByTestId(vp.phone ? 'activity-list' : 'month-grid').or(page.getByText(t('activities.noneInRange')))).toBeVisible();
      await fitsPhone('the calendar');
    });

    await test.step('add the organisation’s own activity type; a bad code is refused and the rows kept', async () => {
      await page.getByRole('button', { name: t('activities.types.button') }).click();
      const dialog = page.getByTestId('code-list-form');
      await dialog.getByLabel(t('codeList.code')).fill('Posyandu!');
      await dialog.getByLabel(t('codeList.labelId')).fill('Posyandu');
      await dialog.getByLabel(t('codeList.labelEn')).fill('Health post day');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(dialog.getByLabel(t('codeList.labelEn'))).toHaveValue('Health post day');
      await expect(dialog.locator('[aria-invalid="true"]').first()).toBeVisible();
      await dialog.getByLabel(t('codeList.code')).fill('posyandu');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByText(t('activities.types.saved'))).toBeVisible();
      await fitsPhone('the calendar after the types dialog');
    });

    await test.step('plan a weekly training series of four; a missing title is refused and the rest kept', async () => {
      await page.getByRole('link', { name: t('activities.add') }).click();
      await page.getByRole('combobox', { name: t('activities.typeLabel') }).click();
      // the organisation's own type is offered beside the built-in ones
      await expect(page.getByRole('option', { name: lang === 'id' ? 'Posyandu' : 'Health post day' })).toBeVisible();
      await page.getByRole('option', { name: t('activities.type.training') }).click();
      await page.getByLabel(label('activities.startDate')).fill(start);
      await page.getByLabel(label('activities.venue')).fill('Balai Desa Sukamaju');
      await page.getByText(t('activities.repeat.weekly'), { exact: true }).click();
      await expect(page.getByRole('textbox', { name: t('activities.repeat.count') })).toHaveValue('4');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByText(lang === 'id' ? 'Wajib diisi.' : 'Required.').first()).toBeVisible();
      await expect(page.getByLabel(label('activities.venue'))).toHaveValue('Balai Desa Sukamaju');
      await fitsPhone('the activity form');
      await page.getByLabel(label('activities.name')).fill('Pelatihan Menjahit');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Pelatihan Menjahit' })).toBeVisible();
      await expect(page.getByText(t('activities.recurring'))).toBeVisible();
    });

    await test.step('see the series on the month calendar and in the list', async () => {
      await page.goto(`/activities?d=${start}&view=month`);
      const grid = page.getByTestId('month-grid');
      await expect(grid.getByTestId('calendar-activity')).toHaveCount(4);
      for (let w = 0; w < 4; w++) await expect(page.locator(`[data-date="${plus(start, 7 * w)}"]`).getByRole('link', { name: /Pelatihan Menjahit/ })).toBeVisible();
      await fitsPhone('the month grid');
      await page.getByText(t('activities.views.list'), { exact: true }).click();
      await expect(page.getByTestId('list-activity')).toHaveCount(4);
      await expect(page.getByTestId('list-activity').first()).toContainText('09:00–11:00');
    });

    await test.step('move the second occurrence to the afternoon, that one only', async () => {
      await page.getByTestId('list-activity').nth(1).getByRole('link').click();
      await page.getByRole('link', { name: t('common.edit') }).click();
      await expect(page.getByRole('radio', { name: t('activities.scope.one') })).toBeChecked();
      await page.getByLabel(label('activities.startTime')).fill('13:00');
      await page.getByLabel(label('activities.endTime')).fill('15:00');
      await page.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(page.getByText(t('activities.detached'))).toBeVisible();
      await openList();
      await expect(page.getByTestId('list-activity').nth(1)).toContainText('13:00–15:00');
      await expect(page.getByTestId('list-activity').nth(2)).toContainText('09:00–11:00');
    });

    await test.step('cancel the third with a reason (without one it is refused)', async () => {
      await page.getByTestId('list-activity').nth(2).getByRole('link').click();
      await page.getByRole('button', { name: t('activities.cancelActivity') }).click();
      const dialog = page.getByRole('dialog', { name: t('activities.cancelTitle') });
      await dialog.getByRole('button', { name: t('activities.cancelConfirm') }).click();
      await expect(dialog.getByText(lang === 'id' ? 'Tulis alasan pembatalannya.' : 'Say why it is cancelled.')).toBeVisible();
      await dialog.getByLabel(label('activities.cancelReason')).fill('Penjahit pelatih sakit');
      await dialog.getByRole('button', { name: t('activities.cancelConfirm') }).click();
      await expect(page.getByTestId('activity-status')).toHaveText(t('activities.status.cancelled'));
      await expect(page.getByTestId('cancel-reason')).toContainText('Penjahit pelatih sakit');
      await fitsPhone('a cancelled activity');
    });

    await test.step('delete this and the following occurrences, then undo', async () => {
      await page.getByRole('button', { name: t('activities.deleteFollowing') }).click();
      await page.getByRole('dialog').getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('activities.title') })).toBeVisible();
      await page.getByText(t('activities.views.list'), { exact: true }).click();
      await expect(page.getByTestId('list-activity')).toHaveCount(2);
      await page.getByRole('button', { name: t('common.undo') }).click();
      await expect(page.getByText(t('activities.restored', { name: 'Pelatihan Menjahit' }))).toBeVisible();
      await openList();
      await expect(page.getByTestId('list-activity')).toHaveCount(4);
    });
  });
}
