import type { Browser, Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, expect, tr, unique } from './fixtures.ts';

/**
 * Screenshots of registration and attendance (participation-*.png), for screens.spec.ts: the
 * registrations tab (with the waitlist, a public registration to review, the link settings and
 * the person picker), a code's QR dialog, the attendance tab, the check-in screen, the sheet
 * entry, a person's activities, and the public form with its confirmation. Signs up its own
 * organisation.
 */
export async function participationScreens(page: Page, browser: Browser, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const id = unique('part-screens');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: 'id' });
  const r = page.request;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const next = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const activity = (await (await r.post('/api/activities', { data: { title: 'Pelatihan kader posyandu', type: 'training', startDate: next, startTime: '09:00', endTime: '12:00', venue: 'Balai Desa Sukamaju', areaCode: '32.04.05.2001', capacity: 4 } })).json()).item as { id: string };
  const names = ['Siti Rahayu', 'Ni Made Ayu Kartika Sari', 'Budi Santoso', 'Komang Suparman', 'Yohana Mandagi', 'Agus Salim'];
  const people: { id: string }[] = [];
  for (const [i, fullName] of names.entries()) {
    people.push(await (await r.post('/api/people', { data: { fullName, sex: i % 2 ? 'male' : 'female', birthYear: 1970 + i * 5, phone: `08123456780${i}`, areaCode: '32.04.05.2001' } })).json());
  }
  for (const p of people) expect((await r.post(`/api/activities/${activity.id}/registrations`, { data: { personId: p.id } })).status()).toBe(201);
  const link = await (
    await r.put(`/api/activities/${activity.id}/registration-link`, {
      data: { enabled: true, fields: [{ field: 'phone', required: true }, { field: 'sex' }, { field: 'birthYear' }, { field: 'areaCode' }, { field: 'email' }], questions: [{ id: 'q1', label: 'Ukuran kaos?', required: true }] },
    })
  ).json();
  for (const p of people.slice(0, 2)) await r.put(`/api/activities/${activity.id}/attendance/${p.id}`, { data: { method: 'list' } });

  for (const lang of ['id', 'en'] as Lang[]) {
    await r.patch('/api/auth/me', { data: { locale: lang } });
    await page.goto('/activities');
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const s of sizes) {
      await page.setViewportSize(s);
      await page.goto(`/activities/${activity.id}?tab=registrations`);
      await expect(page.getByTestId('registration-row')).toHaveCount(6);
      await shot(page, 'participation-registrations', lang, s.width);
      await page.getByRole('button', { name: t('participation.link.settings') }).click();
      await page.getByRole('button', { name: t('participation.registerPeople') }).click();
      await page.getByLabel(t('picker.search')).fill('Yohana');
      await expect(page.getByTestId('picker-result')).toHaveCount(1);
      await shot(page, 'participation-registrations-open', lang, s.width);
      await page.getByRole('button', { name: t('picker.addNew') }).click();
      await page.getByTestId('quick-add').getByLabel(t('fields.birthYear')).fill('1975');
      await page.getByTestId('quick-add').getByLabel(new RegExp(`^${t('fields.fullName')}`)).fill('Nimade Ayu Kartika');
      await page.getByTestId('quick-add').getByLabel(t('fields.birthYear')).fill('1975');
      await shot(page, 'participation-quick-add', lang, s.width);
      await page.getByRole('button', { name: t('participation.showCode') }).first().click();
      await expect(page.getByRole('dialog').getByTestId('qr-code')).toBeVisible();
      await shot(page, 'participation-code', lang, s.width);
      await page.keyboard.press('Escape');
      await page.goto(`/activities/${activity.id}?tab=attendance`);
      await expect(page.getByTestId('attendance-row')).toHaveCount(2);
      await shot(page, 'participation-attendance', lang, s.width);
      await page.goto(`/activities/${activity.id}/check-in`);
      await expect(page.getByTestId('checkin-row')).toHaveCount(6);
      await shot(page, 'participation-check-in', lang, s.width);
      await page.getByText(t('participation.modes.scan'), { exact: true }).click();
      await shot(page, 'participation-check-in-scan', lang, s.width);
      await page.goto(`/activities/${activity.id}/sheet`);
      await expect(page.getByTestId('sheet-list')).toBeVisible();
      await shot(page, 'participation-sheet', lang, s.width);
      await page.goto(`/people/${people[0].id}`);
      await expect(page.getByTestId('person-activities')).toBeVisible();
      await shot(page, 'participation-person', lang, s.width);
      const ctx = await browser.newContext({ viewport: s });
      const visitor = await ctx.newPage();
      await visitor.addInitScript((l) => localStorage.setItem('gotong.locale', l), lang);
      await visitor.goto(link.url);
      await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(visitor, 'participation-public-form', lang, s.width);
      await visitor.getByRole('button', { name: t('public.submit') }).click();
      await expect(visitor.getByTestId('form-error')).toBeVisible();
      await shot(visitor, 'participation-public-errors', lang, s.width);
      await ctx.close();
    }
  }
}
