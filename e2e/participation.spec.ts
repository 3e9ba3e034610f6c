import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, chromium } from '@playwright/test';
import { qrMatrix } from '../src/web/features/participation/qr.ts';
import { apiSignupWithOrg, chooseLanguage, expect, test, unique } from './fixtures.ts';
import config from '../playwright.config.ts';

/**
 * Participation (issue 5, registration and attendance) on a phone, in the project's language:
 * plan a training for three, register four people (two from the registry, one added on the spot,
 * one through the public link in a browser without a session), see the fourth waitlisted, cancel
 * one and watch the waitlist move up (and undo), check in two by search and one by scanning the
 * QR code with a (fake) camera, and one while offline, counted once when the connection returns.
 * Then two volunteers are assigned from the suggestions, the activity report is written and
 * exported (PDF, DOCX), and the program's computed indicator "people trained" counts the four.
 */
const PHONE = { width: 360, height: 780 };

/** Today and tomorrow in the organisation's time zone: the training runs over both, all day, so it has started (attendance counts) and is not over (the public link is open). */
function todayAndTomorrow() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  return [today, new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)];
}

/**
 * A short Y4M video of a QR code (what Chromium's fake camera plays): 640×480, 4:2:0, the code
 * black on white in the middle, the same frame a few times.
 */
function qrVideo(text: string): string {
  const W = 640;
  const H = 480;
  const m = qrMatrix(text);
  const n = m.length + 8; // four modules of quiet zone on each side
  const cell = Math.floor(400 / n);
  const x0 = Math.floor((W - n * cell) / 2);
  const y0 = Math.floor((H - n * cell) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < m.length; r++)
    for (let c = 0; c < m.length; c++) {
      if (!m[r][c]) continue;
      for (let dy = 0; dy < cell; dy++) y.fill(16, (y0 + (r + 4) * cell + dy) * W + x0 + (c + 4) * cell, (y0 + (r + 4) * cell + dy) * W + x0 + (c + 5) * cell);
    }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'gotong-qr-')), 'qr.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
  return file;
}

test('participation, phone: a training for three → four registrations (one by public link) → waitlist moves up → check-in by search, QR and offline → volunteers → report → people trained → program participation', async ({ page, browser, lang, t, label }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  const id = unique(`part-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Sri Wahyuni', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  for (const p of [
    { fullName: 'Ani Suryani', sex: 'female', birthYear: 1988 },
    { fullName: 'Budi Hartono', sex: 'male', birthYear: 1979 },
  ])
    expect((await page.request.post('/api/people', { data: p })).status()).toBe(201);
  // the program the training serves, with an indicator counted from attendance at its trainings
  const [today, tomorrow] = todayAndTomorrow();
  const year = Number(today.slice(0, 4));
  const program = await (await page.request.post('/api/programs', { data: { name: 'Kader Sehat Desa', startDate: `${year}-01-01`, endDate: `${year + 1}-12-31`, status: 'active' } })).json();
  const goal = (await (await page.request.post(`/api/programs/${program.id}/results`, { data: { parentId: null, statement: 'Warga desa lebih sehat' } })).json()).items[0].id;
  const indicator = await page.request.post(`/api/results/${goal}/indicators`, {
    data: { code: 'K1', name: 'Orang terlatih', frequency: 'year', computation: { source: 'attendance', activityTypes: ['training'], minActivities: 1, inProgramAreas: false }, disaggregations: ['sex'], targets: [{ start: `${year}-01-01`, end: `${year}-12-31`, value: 20 }] },
  });
  expect(indicator.status(), await indicator.text()).toBe(201);
  const trained = async () => {
    const series = (await (await page.request.get(`/api/indicators/${(await indicator.json()).id}/series`)).json()).series;
    return series.periods.find((p: { start: string; end: string }) => p.start <= today && today <= p.end).toDate ?? 0;
  };
  const fitsPhone = async (p: Page, where: string) => expect(await p.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(PHONE.width);
  let activityUrl = '';

  await test.step('plan a training with three places for the program, today and tomorrow', async () => {
    expect(await trained()).toBe(0);
    await page.goto('/activities/new');
    await page.getByRole('combobox', { name: t('activities.typeLabel') }).click();
    await page.getByRole('option', { name: t('activities.type.training') }).click();
    await page.getByLabel(label('activities.name')).fill('Pelatihan Kader Posyandu');
    await page.getByLabel(t('activities.allDay')).check();
    await page.getByLabel(label('activities.startDate')).fill(today);
    await page.getByLabel(label('activities.endDate')).fill(tomorrow);
    await page.getByRole('combobox', { name: t('activities.program') }).click();
    await page.getByRole('option', { name: 'Kader Sehat Desa' }).click();
    await page.getByLabel(label('activities.capacity')).fill('3');
    await page.getByRole('button', { name: t('common.save'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pelatihan Kader Posyandu' })).toBeVisible();
    activityUrl = new URL(page.url()).pathname;
  });

  const rows = page.getByTestId('registration-row');
  const row = (name: string) => rows.filter({ hasText: name });
  await test.step('register two people from the registry by searching as you type', async () => {
    await page.getByRole('tab', { name: t('activities.tabs.registrations') }).click();
    await expect(page).toHaveURL(/tab=registrations/);
    await expect(page.getByText(t('participation.none'))).toBeVisible();
    await page.getByRole('button', { name: t('participation.registerPeople') }).click();
    for (const name of ['Ani Suryani', 'Budi Hartono']) {
      await page.getByLabel(t('picker.search')).fill(name.split(' ')[0]);
      await page.getByRole('button', { name: `${t('participation.register')}: ${name}` }).click();
      await expect(row(name)).toBeVisible();
    }
    await expect(row('Ani Suryani').getByTestId('registration-status')).toHaveText(t('participation.status.registered'));
    await fitsPhone(page, 'the registrations tab');
  });

  await test.step('add a third person on the spot, with the duplicate check, and register her', async () => {
    await page.getByLabel(t('picker.search')).fill('Citra Kirana');
    await expect(page.getByText(t('picker.noMatch'))).toBeVisible();
    await page.getByRole('button', { name: t('picker.addNew') }).click();
    const add = page.getByTestId('quick-add');
    await expect(add.getByLabel(label('fields.fullName'))).toHaveValue('Citra Kirana');
    // a typo of a registered name with her birth year: the check offers the existing person
    await add.getByLabel(label('fields.fullName')).fill('Ani Suryanti');
    await add.getByLabel(label('fields.birthYear')).fill('1988');
    await expect(add.getByTestId('duplicate-candidate')).toContainText('Ani Suryani');
    await add.getByLabel(label('fields.fullName')).fill('Citra Kirana');
    await add.getByLabel(label('fields.birthYear')).fill('1995');
    await add.getByLabel(label('fields.phone')).fill('0813 2222 3333');
    await add.getByLabel(t('picker.consent')).check();
    await add.getByRole('button', { name: t('participation.addAndRegister') }).click();
    await expect(row('Citra Kirana')).toBeVisible();
    await expect(page.getByTestId('count-registered')).toHaveText('3');
  });

  let publicCode = '';
  await test.step('a fourth person registers through the public link, without a session, on a phone', async () => {
    await page.getByRole('button', { name: t('participation.link.create') }).click();
    const url = await page.getByTestId('link-url').inputValue();
    expect(url).toMatch(/\/daftar\/[A-Za-z0-9_-]{20,}$/);
    const visitorCtx = await browser.newContext({ viewport: PHONE });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(url);
    // Indonesian first, whatever the browser says; the visitor may switch
    await expect(visitor.locator('html')).toHaveAttribute('lang', 'id');
    if (lang === 'en') await chooseLanguage(visitor, 'en');
    await expect(visitor.getByRole('heading', { level: 1, name: 'Pelatihan Kader Posyandu' })).toBeVisible();
    const opened = Date.now();
    await fitsPhone(visitor, 'the public form');
    await visitor.getByLabel(label('public.fullName')).fill('Dewi Lestari');
    await visitor.getByRole('button', { name: t('public.submit') }).click();
    // nothing is lost when something is missing: the phone is required, and so is the consent
    await expect(visitor.getByTestId('form-error')).toBeVisible();
    await expect(visitor.getByLabel(label('public.fullName'))).toHaveValue('Dewi Lestari');
    await visitor.getByLabel(new RegExp(`^${t('fields.phone')}`)).fill('0857 1234 5678');
    await visitor.getByLabel(t('public.consent', { org: `Yayasan ${id}` })).check();
    // the server refuses forms sent sooner than a person can fill them (3 s after the page was served)
    await visitor.waitForTimeout(Math.max(0, 3500 - (Date.now() - opened)));
    await visitor.getByRole('button', { name: t('public.submit') }).click();
    const confirmation = visitor.getByTestId('public-confirmation');
    await expect(confirmation).toBeVisible();
    await expect(confirmation.getByText(t('public.waitlistedTitle'))).toBeVisible();
    await expect(confirmation.getByTestId('qr-code')).toBeVisible();
    publicCode = (await visitor.getByTestId('public-code').getAttribute('data-code')) ?? '';
    expect(publicCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    await fitsPhone(visitor, 'the confirmation');
    await visitorCtx.close();
  });

  await test.step('staff see her waitlisted; cancelling Budi moves her up; undo puts Budi on the waitlist', async () => {
    await page.reload();
    await expect(row('Dewi Lestari').getByTestId('registration-status')).toHaveText(t('participation.waitlistPosition', { position: 1 }));
    await expect(page.getByTestId('count-waitlisted')).toHaveText('1');
    await page.getByRole('button', { name: `${t('participation.cancelRegistration')}: Budi Hartono` }).click();
    await page.getByRole('dialog').getByLabel(t('participation.cancelReason')).fill('Sakit');
    await page.getByRole('dialog').getByRole('button', { name: t('participation.cancelRegistration') }).click();
    await expect(page.getByTestId('cancel-notice')).toContainText('Dewi Lestari');
    await expect(row('Dewi Lestari').getByTestId('registration-status')).toHaveText(t('participation.status.registered'));
    await expect(row('Budi Hartono').getByTestId('registration-status')).toHaveText(t('participation.status.cancelled'));
    await page.getByRole('button', { name: t('common.undo'), exact: true }).click();
    await expect(row('Budi Hartono').getByTestId('registration-status')).toHaveText(t('participation.waitlistPosition', { position: 1 }));
    await expect(page.getByTestId('count-registered')).toHaveText('3');
  });

  await test.step('check two people in by search', async () => {
    await page.goto(`${activityUrl}/check-in`);
    await expect(page.getByTestId('checkin-row')).toHaveCount(4);
    await fitsPhone(page, 'the check-in screen');
    for (const name of ['Ani Suryani', 'Citra Kirana']) {
      await page.getByLabel(t('participation.findPerson')).fill(name.split(' ')[0].toLowerCase());
      await page.getByRole('button', { name: `${t('participation.checkIn')}: ${name}` }).click();
      await expect(page.getByTestId('checkin-row').filter({ hasText: name }).getByTestId('came')).toBeVisible();
    }
    await page.getByLabel(t('participation.findPerson')).fill('');
    await expect(page.getByTestId('checkin-count')).toContainText('2');
  });

  await test.step('check the public registrant in by scanning her QR code with the camera', async () => {
    const camera = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...(config.use?.launchOptions?.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(publicCode)}`],
    });
    try {
      const ctx = await camera.newContext({ storageState: await page.context().storageState(), viewport: PHONE, baseURL: config.use?.baseURL, permissions: ['camera'] });
      const scanner = await ctx.newPage();
      await scanner.goto(`${activityUrl}/check-in`);
      await scanner.getByText(t('participation.modes.scan'), { exact: true }).click();
      await scanner.getByTestId('start-camera').click();
      await expect(scanner.getByTestId('camera')).toBeVisible();
      await expect(scanner.getByTestId('scan-result')).toContainText('Dewi Lestari', { timeout: 20_000 });
      await expect(scanner.getByTestId('checkin-count')).toContainText('3');
      await fitsPhone(scanner, 'the scanner');
      await ctx.close();
    } finally {
      await camera.close();
    }
  });

  await test.step('offline: tick Budi (and type his code too); both wait on the device; back online he is counted once', async () => {
    const regs = await (await page.request.get(`/api${activityUrl}/registrations`)).json();
    const budi = regs.items.find((r: { person: { fullName: string } }) => r.person.fullName === 'Budi Hartono');
    await page.reload();
    await expect(page.getByTestId('checkin-row')).toHaveCount(4);
    await page.context().setOffline(true);
    await expect(page.getByTestId('connection')).toHaveText(t('participation.offline'));
    await page.getByRole('button', { name: `${t('participation.checkIn')}: Budi Hartono` }).click();
    await page.getByTestId('code-input').fill(budi.code.toLowerCase());
    await page.getByTestId('code-input').press('Enter');
    await expect(page.getByTestId('pending-count')).toHaveText(t('participation.pendingCount', { count: 2 }));
    await expect(page.getByTestId('checkin-row').filter({ hasText: 'Budi Hartono' }).getByTestId('pending')).toBeVisible();
    await page.context().setOffline(false);
    await expect(page.getByTestId('checkin-row').filter({ hasText: 'Budi Hartono' }).getByTestId('came')).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveCount(0);
    const att = await (await page.request.get(`/api${activityUrl}/attendance`)).json();
    expect(att.total).toBe(4);
    expect(att.items.filter((a: { person: { fullName: string } }) => a.person.fullName === 'Budi Hartono')).toHaveLength(1);
  });

  await test.step('the attendance tab and the person’s page show who came', async () => {
    await page.goto(`${activityUrl}?tab=attendance`);
    await expect(page.getByTestId('attendance-row')).toHaveCount(4);
    await expect(page.getByTestId('attendance-total')).toHaveText(t('participation.attendedCount', { count: 4 }));
    await fitsPhone(page, 'the attendance tab');
    await page.getByTestId('attendance-row').filter({ hasText: 'Ani Suryani' }).getByRole('link').click();
    await expect(page.getByTestId('person-activities')).toContainText('Pelatihan Kader Posyandu');
    await expect(page.getByTestId('person-activities')).toContainText(t('participation.came'));
  });

  await test.step('assign two volunteers to the registration desk from the suggestions', async () => {
    for (const fullName of ['Rina Kartika', 'Joko Susilo']) {
      const person = await (await page.request.post('/api/people', { data: { fullName, roles: ['volunteer'] } })).json();
      expect((await page.request.post('/api/volunteers', { data: { personId: person.id, status: 'active' } })).status()).toBe(201);
    }
    await page.goto(`${activityUrl}?tab=volunteers`);
    await page.getByTestId('add-role').click();
    await page.getByLabel(label('volunteers.roleName')).fill(lang === 'id' ? 'Meja pendaftaran' : 'Registration desk');
    await page.getByLabel(label('volunteers.needed')).fill('2');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByTestId('role-filled')).toHaveText(t('volunteers.filled', { count: 0, needed: 2 }));
    await page.getByTestId('open-suggestions').click();
    const dialog = page.getByRole('dialog');
    for (const name of ['Rina Kartika', 'Joko Susilo']) await dialog.getByRole('button', { name: t('volunteers.assignName', { name }) }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('role-filled')).toHaveText(t('volunteers.filled', { count: 2, needed: 2 }));
    await fitsPhone(page, 'the volunteers tab');
  });

  await test.step('write the activity report (attendance filled in) and export it as PDF and DOCX', async () => {
    await page.getByRole('tab', { name: t('report.tab') }).click();
    await expect(page.getByTestId('figure-attended')).toContainText(`${t('report.attended')}4`);
    await page.getByRole('button', { name: t('report.write') }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel(label('report.summary')).fill('Kader belajar menimbang dan mencatat tumbuh kembang balita.');
    await form.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByText(t('report.created'))).toBeVisible();
    for (const [item, ext, magic] of [['report.pdf', 'pdf', '%PDF-'], ['report.docx', 'docx', 'PK']] as const) {
      await page.getByTestId('report-export').click();
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: t(item) }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`pelatihan-kader-posyandu-${today}\\.${ext}$`));
      expect(readFileSync((await file.path())!).subarray(0, magic.length).toString()).toBe(magic);
    }
    await fitsPhone(page, 'the report tab');
  });

  await test.step('the program’s indicator “people trained” counts the four who came', async () => {
    expect(await trained()).toBe(4);
    await page.goto(`/programs/${program.id}?tab=dashboard`);
    const card = page.locator('[data-testid="dashboard-indicator"][data-code="K1"]');
    await card.getByRole('button', { name: t('dashboard.showTable') }).click();
    // this year's row: the four people counted from the day of the training
    await expect(card.getByTestId('series-table').getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('4');
    await fitsPhone(page, 'the program dashboard');
  });

  await test.step('the program’s participation: three registered, four came (one without a place), all for the first time', async () => {
    await page.getByRole('tab', { name: t('programs.tabs.participation') }).click();
    await expect(page.getByTestId('pp-registered')).toContainText('3');
    await expect(page.getByTestId('pp-attended')).toContainText('4');
    await expect(page.getByTestId('pp-walkins')).toContainText('1');
    await expect(page.getByTestId('pp-rate')).toContainText('100%');
    await expect(page.getByTestId('pp-repeat').getByRole('row').first()).toContainText('4');
    await expect(page.getByTestId('pp-period-table').getByRole('row').nth(1)).toContainText('4');
    await fitsPhone(page, 'the program participation tab');
  });
});
