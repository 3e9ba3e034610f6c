import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { pdfText } from '../src/server/platform/pdf/text.ts';
import { apiSignupWithOrg, drawnPhoto, expect, test, unique } from './fixtures.ts';

/**
 * The activity report (issue 5), in the project's language on a phone (360 px): open a done
 * activity, see its attendance figures, write the report (a missing "what happened" is refused and
 * the rest kept), add a captioned photo (a large one is made smaller in the browser before upload),
 * and download the report as PDF and DOCX — both read back in that language.
 */
test('activity report, phone (360 px): figures → write the report → add a photo → download PDF and DOCX', async ({ page, lang, t, label, axe }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 780 });
  const id = unique(`rep-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Wayan Sudarma', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const api = async (url: string, data: object) => {
    const res = await page.request.post(url, { data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const program = await api('/api/programs', { name: 'Sekolah Lapang Iklim' });
  const activity = (await api('/api/activities', { title: 'Pelatihan pupuk organik', type: 'training', programId: program.id, startDate: '2026-05-04', startTime: '09:00', endTime: '12:00', venue: 'Balai Desa Sukamaju', status: 'done' })).item;
  // two registered, one of them and a walk-in came (through the registration and attendance API)
  const person = async (data: object) => (await api('/api/people', data)).id as string;
  const sari = await person({ fullName: 'Sari Wulandari', sex: 'female', birthYear: 1990, areaCode: '32.04.05.2001' });
  const joko = await person({ fullName: 'Joko Susilo', sex: 'male', birthYear: 1985, areaCode: '32.04.05.2001' });
  const rina = await person({ fullName: 'Rina Marlina', sex: 'female', birthYear: 2001 });
  for (const p of [sari, joko]) await api(`/api/activities/${activity.id}/registrations`, { personId: p });
  for (const [p, method] of [[sari, 'list'], [rina, 'walk_in']]) {
    const res = await page.request.put(`/api/activities/${activity.id}/attendance/${p}`, { data: { method } });
    expect(res.status(), await res.text()).toBe(200);
  }
  const fitsPhone = async (where: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(360);

  await test.step('open the activity and its Report tab: the figures are there before any report', async () => {
    await page.goto(`/activities/${activity.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Pelatihan pupuk organik' })).toBeVisible();
    await page.getByRole('tab', { name: t('report.tab') }).click();
    await expect(page).toHaveURL(/tab=report/);
    await expect(page.getByTestId('figure-registered')).toContainText(`${t('report.registered')}2`);
    await expect(page.getByTestId('figure-attended')).toContainText(`${t('report.attended')}2`);
    await expect(page.getByTestId('figure-rate')).toContainText('50%');
    await expect(page.getByTestId('figure-walkins')).toContainText(`${t('report.walkIns')}1`);
    await expect(page.getByTestId('figure-new')).toContainText(`${t('report.newParticipants')}2`);
    await expect(page.getByTestId('by-sex').getByRole('row', { name: t('sex.female') })).toContainText('2');
    await expect(page.getByTestId('by-area')).toContainText('Cileunyi Kulon');
    await expect(page.getByText(t('report.noneYet'))).toBeVisible();
    await fitsPhone('the report tab');
  });

  await test.step('write the report; without "what happened" it is refused and the rest kept', async () => {
    await page.getByRole('button', { name: t('report.write') }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel(label('report.outcomes')).fill('Dua puluh karung kompos jadi');
    await form.getByRole('button', { name: t('common.save') }).click();
    await expect(form.getByText(lang === 'id' ? 'Wajib diisi.' : 'Required.')).toBeVisible();
    await expect(form.getByLabel(label('report.outcomes'))).toHaveValue('Dua puluh karung kompos jadi');
    await form.getByLabel(label('report.summary')).fill('Petani belajar membuat kompos.\nPraktik langsung di lahan.');
    await form.getByLabel(label('report.followUps')).fill('Kunjungan ulang bulan depan');
    await fitsPhone('the report form');
    await form.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByText(t('report.created'))).toBeVisible();
    await expect(page.getByText('Praktik langsung di lahan.')).toBeVisible();
    await expect(page.getByText('Kunjungan ulang bulan depan')).toBeVisible();
  });

  await test.step('add a large photo with a caption: it arrives smaller, as JPEG', async () => {
    // larger than the 2560 px the browser keeps
    const png = await drawnPhoto(page, 3000, 2000, 'image/png');
    await page.getByRole('button', { name: t('report.addPhoto') }).click();
    const dialog = page.getByTestId('photo-form');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'kompos.png', mimeType: 'image/png', buffer: png });
    await expect(dialog.getByTestId('photo-file')).toHaveText('kompos.png');
    await expect(dialog.getByRole('img', { name: t('report.previewAlt') })).toBeVisible();
    await dialog.getByRole('button', { name: t('report.upload') }).click();
    await expect(dialog.getByText(lang === 'id' ? 'Wajib diisi.' : 'Required.')).toBeVisible();
    await dialog.getByLabel(label('report.caption')).fill('Peserta membalik tumpukan kompos');
    await axe(page, `add photo dialog (${lang}, 360)`);
    await dialog.getByRole('button', { name: t('report.upload') }).click();
    await expect(page.getByText(t('report.photoAdded'))).toBeVisible();
    const photo = page.getByTestId('photo');
    await expect(photo).toHaveCount(1);
    await expect(photo).toContainText('Peserta membalik tumpukan kompos');
    const img = photo.getByRole('img', { name: 'Peserta membalik tumpukan kompos' });
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2560);
    const stored = (await (await page.request.get(`/api/activities/${activity.id}/report`)).json()).photos[0];
    expect(stored).toMatchObject({ contentType: 'image/jpeg', width: 2560, height: 1707, fileName: 'kompos.jpg' });
    await fitsPhone('the report with a photo');
  });

  await test.step('download the PDF and the DOCX, in this language', async () => {
    const words = lang === 'id' ? { document: 'Laporan Kegiatan', attendance: 'Kehadiran', summary: 'Apa yang terjadi', file: 'laporan' } : { document: 'Activity Report', attendance: 'Attendance', summary: 'What happened', file: 'report' };
    await page.getByTestId('report-export').click();
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: t('report.pdf') }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toBe(`${words.file}-pelatihan-pupuk-organik-2026-05-04.pdf`);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdfBytes).join('\n');
    for (const s of [words.document, 'Pelatihan pupuk organik', 'Sekolah Lapang Iklim', words.attendance, '50%', words.summary, 'Petani belajar membuat kompos.', 'Peserta membalik tumpukan kompos']) expect(text, s).toContain(s);
    expect(pdfBytes.toString('latin1')).toMatch(/\/Subtype \/Image/);

    await page.getByTestId('report-export').click();
    const docxDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: t('report.docx') }).click();
    const docx = await docxDownload;
    expect(docx.suggestedFilename()).toBe(`${words.file}-pelatihan-pupuk-organik-2026-05-04.docx`);
    const parts = unzipSync(new Uint8Array(readFileSync((await docx.path())!)));
    for (const [name, data] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) new SaxesParser().write(strFromU8(data)).close();
    const xml = strFromU8(parts['word/document.xml']);
    for (const s of [words.document, words.attendance, words.summary, 'Dua puluh karung kompos jadi', 'Peserta membalik tumpukan kompos']) expect(xml, s).toContain(s);
    expect(Object.keys(parts)).toContain('word/media/image1.jpeg');
  });

  await test.step('both downloads are in the report’s history', async () => {
    await page.reload();
    await expect(page.getByTestId('history').getByText(t('exports.audit.action'))).toHaveCount(2);
    await expect(page.getByTestId('history').getByText(t('history.action.photo_add'))).toBeVisible();
  });
});
