import type { Page } from '@playwright/test';
import { type Lang, apiSignupWithOrg, expect, tr, unique } from './fixtures.ts';

/**
 * Screenshots of the issue log and tasks (tasks-*.png), for screens.spec.ts: a program's issue log
 * and tasks, My tasks with overdue ones, a task with comments, the task and issue dialogs.
 * Signs up its own organisation.
 */
export async function taskScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const id = unique('task-screens');
  await apiSignupWithOrg(page.request, { name: 'Dewi Lestari', email: `${id}@example.org`, org: 'Yayasan Peduli Sesama Nusantara', slug: id, locale: 'id' });
  const r = page.request;
  const me = (await (await r.get('/api/auth/me')).json()).user.id as string;
  const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + n * 86_400_000));
  const program = await (await r.post('/api/programs', { data: { name: 'Sekolah Lapang Iklim untuk Petani Kecil di Kabupaten Bandung', status: 'active', startDate: '2026-01-01', endDate: '2028-12-31' } })).json();
  const other = await (await r.post('/api/programs', { data: { name: 'Posyandu Remaja', status: 'active' } })).json();
  const goal = (await (await r.post(`/api/programs/${program.id}/results`, { data: { parentId: null, statement: 'Pendapatan rumah tangga petani kecil naik dan lebih stabil' } })).json()).items[0];
  const risk = await (await r.post(`/api/programs/${program.id}/risks`, { data: { description: 'Dana hibah tahap kedua terlambat cair', category: 'funding', likelihood: 4, impact: 4 } })).json();
  const flood = await (
    await r.post(`/api/programs/${program.id}/issues`, {
      data: { description: 'Banjir merendam dua lahan percontohan di Desa Sukamaju', impact: 'Sekolah lapang di dua desa tertunda tiga minggu; bibit harus dibeli ulang.', decision: 'Pindahkan pertemuan ke balai desa; minta bibit cadangan dari dinas pertanian.', ownerId: me, raisedDate: day(-20) },
    })
  ).json();
  await r.post(`/api/programs/${program.id}/issues`, { data: { description: 'Penyuluh pertanian pindah tugas', decision: 'Kepala desa menunjuk penyuluh pengganti', status: 'resolved', raisedDate: day(-60), resolvedDate: day(-45) } });
  const task = async (data: Record<string, unknown>) => {
    const res = await r.post('/api/tasks', { data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };
  const pump = await task({ programId: program.id, title: 'Pesan bibit padi tahan genangan untuk dua desa', issueId: flood.id, assigneeId: me, dueDate: day(-4), priority: 'urgent', description: 'Varietas Inpari 30; 40 kg per desa. Kirim ke balai desa Sukamaju.' });
  await task({ programId: program.id, title: 'Siapkan laporan triwulan untuk donor', resultId: goal.id, assigneeId: me, dueDate: day(0), priority: 'high' });
  await task({ programId: program.id, title: 'Cari dana talangan', riskId: risk.id, assigneeId: me, dueDate: day(9) });
  await task({ programId: other.id, title: 'Jadwalkan penyuluhan gizi remaja', assigneeId: me, dueDate: day(-1), status: 'in_progress' });
  await task({ programId: other.id, title: 'Cetak kartu posyandu', assigneeId: me, status: 'done' });
  await task({ programId: program.id, title: 'Foto dokumentasi panen', priority: 'low' });
  await r.post(`/api/tasks/${pump.id}/comments`, { data: { body: 'Dinas pertanian bisa kirim 60 kg minggu depan.' } });
  await r.post(`/api/tasks/${pump.id}/comments`, { data: { body: 'Sisanya kita beli dari kios tani.\nNota dikirim ke bendahara.' } });
  await r.patch(`/api/tasks/${pump.id}`, { data: { status: 'in_progress', version: pump.version } });

  for (const lang of ['id', 'en'] as Lang[]) {
    await r.patch('/api/auth/me', { data: { locale: lang } });
    await page.goto('/tasks');
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const s of sizes) {
      await page.setViewportSize(s);
      await page.goto('/tasks');
      await expect(page.getByTestId('task').first()).toBeVisible();
      await shot(page, 'tasks-mine', lang, s.width);
      await page.goto(`/tasks/${pump.id}`);
      await expect(page.getByTestId('comment').first()).toBeVisible();
      await shot(page, 'tasks-task', lang, s.width);
      await page.getByRole('button', { name: t('common.edit') }).click();
      await expect(page.getByTestId('task-form')).toBeVisible();
      await shot(page, 'tasks-task-dialog', lang, s.width);
      await page.keyboard.press('Escape');
      await page.goto(`/programs/${program.id}?tab=tasks`);
      await expect(page.getByTestId('task').first()).toBeVisible();
      await shot(page, 'tasks-program', lang, s.width);
      await page.goto(`/programs/${program.id}?tab=issues`);
      await expect(page.getByTestId('issue').first()).toBeVisible();
      await shot(page, 'tasks-program-issues', lang, s.width);
      await page.getByRole('button', { name: t('issues.editNamed', { name: 'Banjir merendam dua lahan percontohan di Desa Sukamaju' }) }).click();
      await expect(page.getByTestId('issue-form')).toBeVisible();
      await shot(page, 'tasks-issue-dialog', lang, s.width);
      await page.keyboard.press('Escape');
    }
  }
}
