import type { Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, expect, tr, unique } from './fixtures.ts';

/**
 * Volunteers seeded through the API for the screenshots (volunteers-*.png) and the accessibility
 * checks: a skill list, three volunteers (one with a document), a training with two roles (one
 * filled), hours waiting and approved, and a personal link.
 */
export async function seedVolunteers(page: Page, lang: Lang = 'id') {
  const id = unique('vol-seed');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: lang });
  const r = page.request;
  const call = async (method: 'post' | 'put', url: string, data?: object) => {
    const res = await r[method](url, { data });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const weekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  await call('put', '/api/volunteers/skills', {
    skills: [
      { code: 'first_aid', label: { id: 'P3K', en: 'First aid' } },
      { code: 'registration', label: { id: 'Pendaftaran peserta', en: 'Participant registration' } },
      { code: 'photography', label: { id: 'Dokumentasi foto', en: 'Photography' } },
    ],
  });
  const program = await call('post', '/api/programs', { name: 'Sekolah Lapang Iklim untuk Petani Kecil', status: 'active' });
  const training = (await call('post', '/api/activities', { title: 'Pelatihan kader posyandu', type: 'training', programId: program.id, startDate: day(6), startTime: '08:00', endTime: '15:00', venue: 'Balai Desa Sukamaju', areaCode: '32.04.05.2001' })).item;
  const done = (await call('post', '/api/activities', { title: 'Penyaluran paket sembako', type: 'distribution', programId: program.id, startDate: day(-2), startTime: '08:00', endTime: '11:00', areaCode: '32.04.05' })).item;
  const people = [
    { fullName: 'Siti Nurhaliza Rahmawati', email: `siti-${id}@example.org`, phone: '081311112222' },
    { fullName: 'Bagus Santoso', phone: '081322223333' },
    { fullName: 'Yohanes Kristianto Manurung', phone: '081333334444' },
  ];
  const ids: string[] = [];
  for (const p of people) ids.push((await call('post', '/api/people', p)).id);
  const siti = await call('post', '/api/volunteers', {
    personId: ids[0], skills: ['registration', 'first_aid'], tags: ['punya motor'], languages: ['Bahasa Indonesia', 'Sunda'], areaCodes: ['32.04'],
    availability: [{ weekday: weekday(day(6)), from: '07:00', to: '16:00' }, { weekday: 6, from: '08:00', to: '12:00' }], emergencyName: 'Ahmad (suami)', emergencyPhone: '081299990000', notes: 'Bisa membawa tenda lipat.',
  });
  const bagus = await call('post', '/api/volunteers', { personId: ids[1], skills: ['photography'], areaCodes: ['32.73'], emergencyName: 'Ibu Sri', emergencyPhone: '081288887777' });
  await call('post', '/api/volunteers', { personId: ids[2], status: 'pending', skills: ['first_aid'], languages: ['Batak'], availability: [{ weekday: 7, from: '13:00', to: '18:00' }] });
  await r.post(`/api/volunteers/${siti.id}/documents?fileName=kode-etik-siti.pdf&kind=code_of_conduct`, { headers: { 'Content-Type': 'application/pdf' }, data: Buffer.from('%PDF-1.4 kode etik') });
  const desk = await call('post', `/api/activities/${training.id}/volunteer-roles`, { name: 'Meja pendaftaran', needed: 2, skills: ['registration'], shift: { startTime: '08:00', endTime: '10:00' }, description: 'Catat kehadiran dan bagikan tanda pengenal.' });
  await call('post', `/api/activities/${training.id}/volunteer-roles`, { name: 'Dokumentasi', needed: 1, skills: ['photography'] });
  await call('post', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: siti.id });
  const pack = await call('post', `/api/activities/${done.id}/volunteer-roles`, { name: 'Pengemas', needed: 2 });
  await call('post', `/api/volunteer-roles/${pack.id}/assignments`, { volunteerId: bagus.id });
  await r.patch(`/api/activities/${done.id}`, { data: { status: 'done', version: done.version } });
  const link = (await call('post', `/api/volunteers/${siti.id}/link`)).url as string;
  const token = link.split('/v/')[1];
  await call('post', `/api/v/${token}/hours`, { date: day(-1), hours: 2.5, note: 'Menyiapkan daftar hadir dan konsumsi' });
  await call('post', '/api/volunteer-hours', { volunteerId: siti.id, date: day(-5), hours: 3, programId: program.id, note: 'Rapat koordinasi' });
  return { siti, bagus, training, desk, link: new URL(link).pathname };
}

export async function volunteerScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const s = await seedVolunteers(page);
  for (const lang of ['id', 'en'] as Lang[]) {
    await page.request.patch('/api/auth/me', { data: { locale: lang } });
    await page.goto('/volunteers');
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.goto('/volunteers');
      await expect(page.getByRole('link', { name: 'Siti Nurhaliza Rahmawati' })).toBeVisible();
      await page.getByRole('button', { name: t('volunteers.filters') }).click();
      await expect(page.getByRole('region', { name: t('volunteers.filters') })).toBeVisible();
      await shot(page, 'volunteers-list', lang, size.width);
      await page.getByTestId('edit-skills').click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot(page, 'volunteers-skills', lang, size.width);
      await page.keyboard.press('Escape');
      await page.goto(`/volunteers/${s.siti.id}`);
      await expect(page.getByTestId('history')).toBeVisible();
      await shot(page, 'volunteers-detail', lang, size.width);
      await page.goto(`/volunteers/${s.siti.id}/edit`);
      await expect(page.getByTestId('volunteer-form')).toBeVisible();
      await shot(page, 'volunteers-form', lang, size.width);
      await page.goto('/volunteers/hours');
      await expect(page.getByTestId('report-table')).toBeVisible();
      await shot(page, 'volunteers-hours', lang, size.width);
      await page.goto(`/activities/${s.training.id}?tab=volunteers`);
      await expect(page.getByTestId('volunteer-role').first()).toBeVisible();
      await shot(page, 'volunteers-activity-tab', lang, size.width);
      await page.getByTestId('open-suggestions').first().click();
      await expect(page.getByTestId('suggestion').first()).toBeVisible();
      await shot(page, 'volunteers-suggestions', lang, size.width);
      await page.keyboard.press('Escape');
      await page.getByTestId('add-role').click();
      await expect(page.getByTestId('role-form')).toBeVisible();
      await shot(page, 'volunteers-role-form', lang, size.width);
      await page.keyboard.press('Escape');
      await page.goto(s.link);
      await expect(page.getByTestId('my-shifts')).toBeVisible();
      await shot(page, 'volunteers-self', lang, size.width);
    }
  }
}
