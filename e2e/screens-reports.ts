import type { Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, drawnPhoto, expect, tr, unique } from './fixtures.ts';

/**
 * Screenshots of an activity's Report tab (reports-*.png), for screens.spec.ts: a done activity
 * with no report yet, the report form, a written report with captioned photos, and the add-photo
 * dialog. Signs up its own organisation. (The attendance figures are zeros until people are
 * registered and checked in.)
 */
export async function reportScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const id = unique('rep-screens');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: 'id' });
  const r = page.request;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const program = await (await r.post('/api/programs', { data: { name: 'Sekolah Lapang Iklim untuk Petani Kecil', status: 'active' } })).json();
  const post = async (data: Record<string, unknown>) => (await (await r.post('/api/activities', { data })).json()).item as { id: string };
  const done = await post({ title: 'Pelatihan pembuatan pupuk organik', type: 'training', programId: program.id, startDate: today, startTime: '08:00', endTime: '11:00', venue: 'Balai Desa Sukamaju', areaCode: '32.04.05.2001', status: 'done' });
  const empty = await post({ title: 'Rapat koordinasi bulanan', type: 'meeting', startDate: today, startTime: '13:00', endTime: '15:00', status: 'done' });
  await r.post(`/api/activities/${done.id}/report`, {
    data: {
      summary: 'Dua puluh petani dari tiga dusun belajar membuat kompos dan bokashi dari limbah panen dan kotoran ternak. Fasilitator dari dinas pertanian menjelaskan takaran dan cara membalik tumpukan.\n\nSetelah istirahat, peserta praktik langsung di lahan percontohan milik kelompok tani.',
      outcomes: 'Dua puluh karung kompos jadi dan dibawa pulang oleh peserta.\nKelompok tani sepakat membuat satu bak kompos bersama.',
      followUps: 'Kunjungan ulang bulan depan untuk memeriksa kematangan kompos.',
    },
  });
  await page.goto('/activities');
  for (const caption of ['Peserta membalik tumpukan kompos di lahan percontohan', 'Karung kompos siap dibawa pulang', 'Foto bersama fasilitator dinas pertanian']) {
    const jpeg = await drawnPhoto(page, 1200, 800, 'image/jpeg');
    const res = await r.post(`/api/activities/${done.id}/report/photos?fileName=foto.jpg&caption=${encodeURIComponent(caption)}`, { data: jpeg, headers: { 'content-type': 'image/jpeg' } });
    expect(res.status(), await res.text()).toBe(201);
  }

  for (const lang of ['id', 'en'] as Lang[]) {
    await r.patch('/api/auth/me', { data: { locale: lang } });
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string) => tr(lang, k);
    for (const s of sizes) {
      await page.setViewportSize(s);
      await page.goto(`/activities/${empty.id}?tab=report`);
      await expect(page.getByText(t('report.noneYet'))).toBeVisible();
      await shot(page, 'reports-none', lang, s.width);
      await page.getByRole('button', { name: t('report.write') }).click();
      await expect(page.getByTestId('report-form')).toBeVisible();
      await shot(page, 'reports-form', lang, s.width);
      await page.goto(`/activities/${done.id}?tab=report`);
      await expect(page.getByTestId('photo')).toHaveCount(3);
      // photos load lazily: bring each into view before the full-page picture
      for (const img of await page.getByTestId('photo').getByRole('img').all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'reports-written', lang, s.width);
      await page.getByRole('button', { name: t('report.addPhoto') }).click();
      await expect(page.getByTestId('photo-form')).toBeVisible();
      await shot(page, 'reports-add-photo', lang, s.width);
      await page.keyboard.press('Escape');
    }
  }
}
