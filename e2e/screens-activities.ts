import type { Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, expect, tr, unique } from './fixtures.ts';

/**
 * Screenshots of activities (activities-*.png), for screens.spec.ts: the calendar as a month, a
 * week and a list, an activity, a cancelled one, the form with repeat options, the form of a
 * series occurrence (scope choice), the cancel dialog and the feed links. Signs up its own
 * organisation; the activities fall in the current month.
 */
export async function activityScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const id = unique('act-screens');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: 'id' });
  const r = page.request;
  const me = (await (await r.get('/api/auth/me')).json()).user.id as string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const monday = day(-((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const program = await (await r.post('/api/programs', { data: { name: 'Sekolah Lapang Iklim untuk Petani Kecil', status: 'active' } })).json();
  const goal = (await (await r.post(`/api/programs/${program.id}/results`, { data: { parentId: null, statement: 'Pendapatan rumah tangga petani kecil naik' } })).json()).items[0];
  const post = async (data: Record<string, unknown>) => {
    const res = await r.post('/api/activities', { data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).item as { id: string; version: number };
  };
  const training = await post({
    title: 'Pelatihan menjahit untuk ibu-ibu PKK', type: 'training', programId: program.id, resultId: goal.id, startDate: monday, startTime: '09:00', endTime: '12:00', venue: 'Balai Desa Sukamaju', areaCode: '32.04.05.2001',
    capacity: 25, facilitatorIds: [me], plannedCost: 250000000, description: 'Bawa kain sendiri.\nMesin jahit disediakan.', repeat: { freq: 'weekly', weekdays: [1, 4], count: 8 },
  });
  await post({ title: 'Rapat koordinasi bulanan dengan kepala desa', type: 'meeting', startDate: day(2), startTime: '13:30', endTime: '15:00', venue: 'Kantor Desa' });
  await post({ title: 'Penyaluran paket sembako', type: 'distribution', startDate: day(5), startTime: '08:00', endTime: '11:00', programId: program.id, areaCode: '32.04.05' });
  await post({ title: 'Kunjungan lapangan ke lahan percontohan', type: 'field_visit', startDate: day(-3), startTime: '07:00', endTime: '10:00', status: 'cancelled', cancelReason: 'Jalan desa longsor setelah hujan deras' });
  await post({ title: 'Pameran hasil panen', type: 'social_event', startDate: day(9), endDate: day(10), allDay: true });

  for (const lang of ['id', 'en'] as Lang[]) {
    await r.patch('/api/auth/me', { data: { locale: lang } });
    await page.goto('/activities');
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const s of sizes) {
      await page.setViewportSize(s);
      await page.goto('/activities?view=month');
      await expect(page.getByTestId('month-grid')).toBeVisible();
      await shot(page, 'activities-month', lang, s.width);
      await page.goto('/activities?view=week');
      await expect(page.getByTestId('activity-list')).toBeVisible();
      await shot(page, 'activities-week', lang, s.width);
      await page.goto('/activities');
      await expect(page.getByTestId(s.width < 700 ? 'activity-list' : 'month-grid')).toBeVisible();
      await shot(page, 'activities-default', lang, s.width);
      await page.goto(`/activities/${training.id}`);
      await expect(page.getByTestId('activity-status')).toBeVisible();
      await shot(page, 'activities-detail', lang, s.width);
      await page.getByRole('button', { name: t('activities.cancelActivity') }).click();
      await expect(page.getByTestId('cancel-form')).toBeVisible();
      await shot(page, 'activities-cancel-dialog', lang, s.width);
      await page.keyboard.press('Escape');
      await page.goto(`/activities/${training.id}/edit`);
      await expect(page.getByTestId('scope')).toBeVisible();
      await shot(page, 'activities-edit-occurrence', lang, s.width);
      await page.goto('/activities/new');
      await page.getByText(t('activities.repeat.weekly'), { exact: true }).click();
      await shot(page, 'activities-new-weekly', lang, s.width);
      await page.getByText(t('activities.repeat.monthly'), { exact: true }).first().click();
      await shot(page, 'activities-new-monthly', lang, s.width);
      await page.goto('/activities');
      await page.getByRole('button', { name: t('activities.feed.button') }).click();
      await page.getByRole('dialog').getByRole('button').last().click();
      await expect(page.getByLabel(t('activities.feed.org'))).toBeVisible();
      await shot(page, 'activities-feed', lang, s.width);
      await page.keyboard.press('Escape');
    }
  }
}
