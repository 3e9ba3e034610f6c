import { apiAs, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Volunteers (issue 5, part 6) on a phone (360 px), in the project's language: make two volunteer
 * profiles from registry people, add a role needing 2 to a training, assign both from the ranked
 * suggestions, see a double booking refused, let a volunteer report hours through their personal
 * link (no login), approve them as staff and find them in the hours report.
 */
const PHONE = { width: 360, height: 780 };
const SKILLS = { registration: { id: 'Pendaftaran', en: 'Registration' }, first_aid: { id: 'P3K', en: 'First aid' } } as const;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A date three weeks ahead (local, YYYY-MM-DD): upcoming, so the link shows its open roles. */
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

test('volunteers on a phone: two profiles → role needing 2 → assign from suggestions → double booking refused → hours by link → approve → report', async ({ page, lang, t, label }) => {
  test.setTimeout(150_000);
  await page.setViewportSize(PHONE);
  const id = unique(`vol-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Made Wirawan', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const api = apiAs(page.request);
  await api('put', '/api/volunteers/skills', { skills: Object.entries(SKILLS).map(([code, label]) => ({ code, label })) });
  await api('post', '/api/people', { fullName: 'Ani Lestari', email: `ani-${id}@example.org`, phone: '081234500001' });
  await api('post', '/api/people', { fullName: 'Bagus Santoso', phone: '081234500002' });
  const day = ahead(21);
  const training = (await api('post', '/api/activities', { title: 'Pelatihan Kader Posyandu', type: 'training', startDate: day, startTime: '08:00', endTime: '12:00', areaCode: '32.04' })).item;
  const meeting = (await api('post', '/api/activities', { title: 'Rapat Warga RW 05', type: 'meeting', startDate: day, startTime: '10:00', endTime: '11:00' })).item;
  await api('post', `/api/activities/${meeting.id}/volunteer-roles`, { name: 'Notulis', needed: 1 });
  const fitsPhone = async (where: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(PHONE.width);

  await test.step('make two volunteer profiles from registry people', async () => {
    for (const [name, skill, slot] of [
      ['Ani Lestari', 'registration', true],
      ['Bagus Santoso', 'first_aid', false],
    ] as const) {
      await page.goto('/volunteers');
      await expect(page.getByRole('heading', { level: 1, name: t('volunteers.title') })).toBeVisible();
      await page.getByRole('link', { name: t('volunteers.add') }).click();
      await page.getByRole('textbox', { name: t('picker.search') }).fill(name.split(' ')[0]);
      await page.getByRole('button', { name: `${t('volunteers.choose')}: ${name}` }).click();
      await expect(page.getByTestId('volunteer-person')).toHaveText(name);
      await page.getByRole('combobox', { name: label('volunteers.skills') }).click();
      await page.getByRole('option', { name: SKILLS[skill][lang] }).click();
      await page.keyboard.press('Escape');
      if (slot) {
        await page.getByTestId('add-slot').click();
        await page.getByTestId('slot').getByLabel(t('volunteers.weekdayLabel')).selectOption(String(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1));
        await page.getByTestId('slot').getByLabel(t('volunteers.from')).fill('07:00');
        await page.getByTestId('slot').getByLabel(t('volunteers.to')).fill('13:00');
      }
      await page.getByLabel(t('volunteers.emergencyPhone')).fill('0812 9999 0000');
      await fitsPhone('the volunteer form');
      await page.getByRole('button', { name: t('volunteers.create') }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.getByTestId('volunteer-status')).toHaveText(t('volunteers.status.active'));
    }
    await page.goto('/volunteers');
    await expect(page.getByTestId('volunteers-total')).toHaveText(t('volunteers.total', { count: 2, formatted: '2' }));
    // lists show the emergency number masked
    await expect(page.getByTestId('volunteers-cards')).not.toContainText('+6281299990000');
    await fitsPhone('the volunteer list');
  });

  await test.step('add a role needing 2 to the training', async () => {
    await page.goto(`/activities/${training.id}?tab=volunteers`);
    await expect(page.getByText(t('volunteers.noRoles'))).toBeVisible();
    await page.getByTestId('add-role').click();
    await page.getByLabel(label('volunteers.roleName')).fill(lang === 'id' ? 'Meja pendaftaran' : 'Registration desk');
    await page.getByLabel(label('volunteers.needed')).fill('2');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByTestId('role-filled')).toHaveText(t('volunteers.filled', { count: 0, needed: 2 }));
    await fitsPhone('the Volunteers tab');
  });

  await test.step('assign two volunteers from the ranked suggestions, with the reasons shown', async () => {
    await page.getByTestId('open-suggestions').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('suggestion')).toHaveCount(2);
    // Ani is free that morning (07:00–13:00): first, and says why
    await expect(dialog.getByTestId('suggestion').first()).toContainText('Ani Lestari');
    await expect(dialog.getByTestId('suggestion').first()).toContainText(t('volunteers.why.availability_full'));
    await dialog.getByRole('button', { name: t('volunteers.assignName', { name: 'Ani Lestari' }) }).click();
    await expect(dialog.getByTestId('suggestion')).toHaveCount(1);
    await dialog.getByRole('button', { name: t('volunteers.assignName', { name: 'Bagus Santoso' }) }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('role-filled')).toHaveText(t('volunteers.filled', { count: 2, needed: 2 }));
    await expect(page.getByTestId('volunteer-role')).toContainText('Ani Lestari');
    await expect(page.getByTestId('volunteer-role')).toContainText('Bagus Santoso');
  });

  await test.step('a double booking is refused: Ani is on the desk 08:00–12:00 when the meeting is at 10:00', async () => {
    await page.goto(`/activities/${meeting.id}?tab=volunteers`);
    await page.getByTestId('open-suggestions').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('suggestion')).toHaveCount(2);
    await expect(dialog.getByTestId('suggestion').last()).toContainText(t('volunteers.busy'));
    await dialog.getByRole('button', { name: t('volunteers.assignName', { name: 'Ani Lestari' }) }).click();
    const refusal =
      lang === 'id'
        ? `Ani Lestari sudah bertugas pada waktu yang sama: Pelatihan Kader Posyandu (${day} 08:00–12:00). Seorang relawan tidak bisa berada di dua tugas sekaligus.`
        : `Ani Lestari already has a shift at that time: Pelatihan Kader Posyandu (${day} 08:00–12:00). A volunteer cannot be in two shifts at once.`;
    await expect(dialog.getByTestId('assign-error')).toHaveText(refusal);
    await fitsPhone('the suggestions');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('role-filled')).toHaveText(t('volunteers.filled', { count: 0, needed: 1 }));
  });

  let link = '';
  await test.step("make Ani's personal link", async () => {
    await page.goto('/volunteers');
    await page.getByRole('link', { name: 'Ani Lestari' }).click();
    await page.getByTestId('make-link').click();
    link = await page.getByTestId('link-url').inputValue();
    expect(link).toMatch(/\/v\/vol_/);
  });

  await test.step('the volunteer reports hours through the link (no login)', async () => {
    const volunteerPage = await page.context().browser()!.newPage({ viewport: PHONE, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
    await volunteerPage.addInitScript((l) => localStorage.setItem('gotong.locale', l), lang);
    await volunteerPage.goto(link);
    await expect(volunteerPage.getByRole('heading', { level: 1, name: t('volunteerSelf.hello', { name: 'Ani Lestari' }) })).toBeVisible();
    await expect(volunteerPage.getByTestId('my-shifts')).toContainText('Pelatihan Kader Posyandu');
    // the meeting's role clashes with her shift
    await expect(volunteerPage.getByTestId('open-role').filter({ hasText: 'Rapat Warga RW 05' })).toContainText(t('volunteerSelf.clash'));
    const form = volunteerPage.getByTestId('report-hours');
    await form.getByLabel(label('volunteerSelf.hours')).fill('2.5');
    await form.getByLabel(t('volunteerSelf.note')).fill(lang === 'id' ? 'Menyiapkan daftar hadir' : 'Prepared the sign-in sheets');
    await form.getByRole('button', { name: t('volunteerSelf.sendHours') }).click();
    await expect(volunteerPage.getByTestId('my-hours')).toContainText(t('volunteers.hoursStatus.pending'));
    expect(await volunteerPage.evaluate(() => document.documentElement.scrollWidth), 'sideways scrolling on the volunteer page').toBeLessThanOrEqual(PHONE.width);
    await volunteerPage.close();
  });

  await test.step('staff approve the hours; the report shows them', async () => {
    await page.goto('/volunteers/hours');
    const pending = page.getByTestId('pending-hours');
    await expect(pending).toContainText('Ani Lestari');
    await pending.getByRole('button', { name: new RegExp(`^${escape(t('volunteers.approveOf', { name: 'Ani Lestari', date: '' }))}`) }).click();
    await expect(pending).toContainText(t('volunteers.noHours'));
    const report = page.getByTestId('hours-report');
    await expect(report.getByTestId('report-table')).toContainText('Ani Lestari');
    await expect(report.getByTestId('report-table')).toContainText(t('volunteers.hoursValue', { value: lang === 'id' ? '2,5' : '2.5' }));
    await expect(report.getByTestId('report-total')).toHaveText(t('volunteers.reportTotal', { hours: t('volunteers.hoursValue', { value: lang === 'id' ? '2,5' : '2.5' }), count: 1 }));
    await fitsPhone('the hours page');
    const download = await page.request.get(await report.getByTestId('report-xlsx').getAttribute('href') as string);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
  });
});
