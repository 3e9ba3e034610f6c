import type { Page } from '@playwright/test';
import { type Lang, expect, tr } from './fixtures.ts';

/**
 * Screenshots of every step of a bulk import (imports-*.png), for screens.spec.ts. The page must be
 * signed in with the people.import permission; each language and width runs one whole import.
 */
const CSV = [
  'No;Nama Lengkap;Jenis Kelamin;Tgl. Lahir;NIK;No KK;Hubungan Keluarga;Kecamatan;Desa;HP;Keterangan RT',
  '1;Budi Santoso;L;17/08/1980;3204051708800001;3204050101010001;Kepala Keluarga;32.04.05;32.04.05.2001;0812 3456 7890;RT 02',
  '2;Siti Aminah;P;02-03-1984;3204054203840002;3204050101010001;Istri;32.04.05;32.04.05.2001;;RT 02',
  '3;Rizki Santoso;L;5 Januari 2010;;3204050101010001;Anak;32.04.05;32.04.05.2001;;RT 02',
  '4;;P;01/01/1990;;;;;;;RT 03',
  '5;Dewi Lestari;X;31/02/1990;3204051708800001;;;;;abc;RT 03',
  '6;Ahmad Dahlan;L;1990;;;;;Desa Yang Tidak Ada;;RT 04',
  '7;Hj. Nur Aini Maharani binti Abdullah Syafei;P;12/12/1958;;;;32.04.05;32.04.05.2001;0813 2222 3333;RT 04',
  '8;Yohanes Bosco Lelang;L;1979;;;;;;;RT 05',
].join('\r\n');

export async function importScreens(page: Page, shot: (p: Page, name: string, lang: Lang, width: number) => Promise<void>, sizes: { width: number; height: number }[]) {
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const POLL = /\/api\/imports\/[0-9a-f-]{36}$/;
  for (const lang of ['id', 'en'] as Lang[]) {
    await page.request.patch('/api/auth/me', { data: { locale: lang } });
    await page.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
    const t = (k: string, v?: Record<string, string | number>) => tr(lang, k, v);
    for (const s of sizes) {
      await page.setViewportSize(s);
      const w = s.width;
      await page.goto('/imports/new');
      await expect(page.getByRole('heading', { level: 1, name: t('imports.newTitle') })).toBeVisible();
      await shot(page, 'imports-01-upload', lang, w);
      await page.locator('input[type="file"]').setInputFiles({ name: 'kosong.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
      await expect(page.getByTestId('upload-error')).toBeVisible();
      await shot(page, 'imports-02-upload-error', lang, w);

      await page.locator('input[type="file"]').setInputFiles({ name: 'daftar-desa-sukamaju.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await expect(page.getByTestId('preview')).toContainText('Budi Santoso');
      await shot(page, 'imports-03-columns', lang, w);

      // the progress of so small a file lasts a moment: slow the polls so it can be seen
      await page.route(POLL, async (r) => {
        if (r.request().method() === 'GET') await delay(2500);
        // unrouted meanwhile (the screenshot is taken): the request has gone on already
        await r.continue().catch(() => {});
      });
      await page.getByRole('button', { name: t('imports.check.action') }).click();
      await expect(page.getByTestId('job')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `.tmp/screens/imports-04-checking-${lang}-${w}.png`, fullPage: true });
      await page.unroute(POLL);
      await expect(page.getByTestId('check-results')).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('problems-table').or(page.getByTestId('problems-cards'))).toBeVisible();
      await shot(page, 'imports-05-checked', lang, w);

      await page.getByRole('radio', { name: t('imports.start.allOrNothing') }).check();
      await page.getByRole('button', { name: t('imports.start.action') }).click();
      await expect(page.getByTestId('start-error')).toBeVisible();
      await page.getByTestId('start-error').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `.tmp/screens/imports-06-all-or-nothing-${lang}-${w}.png` });

      await page.getByRole('radio').first().check();
      await page.route(POLL, async (r) => {
        if (r.request().method() === 'GET') await delay(2500);
        // unrouted meanwhile (the screenshot is taken): the request has gone on already
        await r.continue().catch(() => {});
      });
      await page.getByRole('button', { name: t('imports.start.action') }).click();
      await expect(page.getByTestId('job')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `.tmp/screens/imports-07-importing-${lang}-${w}.png`, fullPage: true });
      await page.unroute(POLL);
      await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 15_000 });
      await shot(page, 'imports-08-done', lang, w);

      await page.goto('/imports');
      await expect(page.getByTestId('import-row').first()).toBeVisible();
      await shot(page, 'imports-09-history', lang, w);
      await page.getByTestId('import-row').first().getByRole('button', { name: t('imports.undo.action') }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `.tmp/screens/imports-10-undo-dialog-${lang}-${w}.png` });
      await page.getByRole('dialog').getByRole('button', { name: t('imports.undo.action'), exact: true }).click();
      await expect(page.getByTestId('import-row').first().getByTestId('import-status')).toHaveText(t('imports.status.undone'), { timeout: 20_000 });
      await page.getByTestId('import-row').first().getByRole('link', { name: t('imports.list.open') }).click();
      await expect(page.getByTestId('import-undone')).toBeVisible();
      await shot(page, 'imports-11-undone', lang, w);
      await page.goto('/people');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(page, 'imports-12-people-button', lang, w);
    }
  }
}
