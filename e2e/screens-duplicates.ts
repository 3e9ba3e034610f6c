import type { Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, expect, tr, unique } from './fixtures.ts';

/**
 * Screenshots of the duplicate review (duplicates-*.png), for screens.spec.ts: the queue, a pair,
 * the merge dialog and its outcome, the person form's warning, a person's notice and the settings.
 * Signs up its own organisation.
 */
export async function duplicateScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const id = unique('dup-screens');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: 'id' });
  const r = page.request;
  const person = async (data: Record<string, unknown>) => {
    const res = await r.post('/api/people', { data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };
  const hh = await (await r.post('/api/households', { data: { name: 'Keluarga Suparman', address: 'Jl. Melati No. 7, RT 02 RW 05', areaCode: '32.04.05.2001' } })).json();
  // An old spelling, one NIK digit mistyped, the same household: a likely duplicate.
  await person({ fullName: 'Suparman Wijaya', sex: 'male', birthDate: '1985-03-12', nik: '3204051203850001', phone: '081234567890', householdId: hh.id, relationship: 'head', areaCode: '32.04.05.2001', roles: ['beneficiary'], tags: ['petani'], consent: { given: true, purpose: 'Pendataan program pertanian' } });
  await person({ fullName: 'Soeparman Wijaya', sex: 'male', birthDate: '1985-03-12', nik: '3204051703850001', phone: '0852 1111 2222', householdId: hh.id, relationship: 'head', areaCode: '32.04.05.2001', roles: ['member'], email: 'soeparman@example.org', confirmNikMismatch: true });
  // Day and month swapped, different phone numbers.
  await person({ fullName: 'Siti Aminah', sex: 'female', birthDate: '1970-03-04', phone: '081200000001', areaCode: '32.04.05.2001', notes: 'Kader posyandu' });
  await person({ fullName: 'Hj. Siti Aminah', sex: 'female', birthDate: '1970-04-03', phone: '081299999999', areaCode: '32.04.05.2001' });
  // Against: a different sex.
  await person({ fullName: 'Rizki Ramadhan', sex: 'male', birthDate: '2001-12-17', areaCode: '32.04.05.2001' });
  const other = await person({ fullName: 'Rizky Ramadhan', sex: 'female', birthDate: '2001-12-17', areaCode: '32.04.05.2001' });
  const pairs = (await (await r.get('/api/duplicates')).json()).items as { id: string; a: { fullName: string }; b: { fullName: string } }[];
  expect(pairs.length).toBeGreaterThanOrEqual(3);
  const suparman = pairs.find((p) => p.a.fullName.includes('parman'))!;
  const siti = pairs.find((p) => p.a.fullName.includes('Siti'))!;
  // A scan, so the panel shows a result.
  await r.post('/api/duplicates/scan');
  await expect.poll(async () => (await (await r.get('/api/duplicates/scan')).json()).job?.status, { timeout: 20_000 }).toBe('done');

  for (const lang of ['id', 'en'] as Lang[]) {
    await r.patch('/api/auth/me', { data: { locale: lang } });
    await page.goto('/people');
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const s of sizes) {
      await page.setViewportSize(s);
      const w = s.width;
      await page.goto('/duplicates');
      await expect(page.getByTestId('pair-card').first()).toBeVisible();
      await shot(page, 'duplicates-01-queue', lang, w);
      await page.goto(`/duplicates/${suparman.id}`);
      await expect(page.getByTestId('merge-form')).toBeVisible();
      await shot(page, 'duplicates-02-pair', lang, w);
      await page.getByTestId('merge').click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `.tmp/screens/duplicates-03-merge-dialog-${lang}-${w}.png` });
      await page.getByRole('button', { name: t('common.cancel') }).click();
      await page.goto('/people/new');
      await page.getByLabel(t('fields.fullName')).fill('Siti Aminah');
      await page.getByLabel(t('fields.birthDate')).fill('1970-03-04');
      await expect(page.getByTestId('duplicate-warning')).toBeVisible();
      await page.getByTestId('duplicate-check').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `.tmp/screens/duplicates-04-form-warning-${lang}-${w}.png` });
      await page.goto(`/people/${other.id}`);
      await expect(page.getByTestId('person-duplicates')).toBeVisible();
      await shot(page, 'duplicates-05-person-notice', lang, w);
      await page.goto('/settings');
      await expect(page.getByTestId('duplicate-settings')).toBeVisible();
      await shot(page, 'duplicates-06-settings', lang, w);
      // Merge the Siti pair, look at the outcome, undo.
      await page.goto(`/duplicates/${siti.id}`);
      await page.getByTestId('choose-phone').getByRole('radio').nth(1).click();
      await page.getByTestId('merge').click();
      await page.getByRole('dialog').getByRole('button', { name: t('duplicates.merge.action') }).click();
      await expect(page.getByTestId('pair-outcome')).toBeVisible();
      await shot(page, 'duplicates-07-merged', lang, w);
      await page.getByTestId('undo-decision').click();
      await expect(page.getByTestId('merge-form')).toBeVisible();
      await page.goto('/duplicates?status=merged');
      await expect(page.getByTestId('pairs-empty')).toBeVisible();
    }
  }
}
