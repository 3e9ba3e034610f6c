import { PASSWORD, apiAs, apiSignupWithOrg, expect, member, test, unique } from './fixtures.ts';

/**
 * The home screen, where members land after signing in: their unfinished tasks (overdue first),
 * the planned activities of the next seven days, what waits for their approval, and funding
 * deadlines; each card leads to the whole list. At 1280 and 360 px, in the project's language.
 */
const PHONE = { width: 360, height: 780 };
const ymd = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + days * 86_400_000));

test('home: sign in lands on what needs my attention; each card opens its list', async ({ page, browser, lang, t, label, axe }) => {
  test.setTimeout(120_000);
  const id = unique(`home-${lang}`);
  const email = `${id}@example.org`;
  await apiSignupWithOrg(page.request, { name: 'Wulan Sari', email, org: `Yayasan ${id}`, slug: id, locale: lang });
  const api = apiAs(page.request);
  const me = await api('get', '/api/auth/me');
  const program = await api('post', '/api/programs', { name: 'Gizi Balita', startDate: ymd(-30), endDate: ymd(300) });
  await api('post', '/api/tasks', { programId: program.id, title: 'Kirim daftar hadir posyandu', assigneeId: me.user.id, dueDate: ymd(-2), priority: 'high' });
  await api('post', '/api/tasks', { programId: program.id, title: 'Pesan makanan tambahan', assigneeId: me.user.id, dueDate: ymd(5) });
  await api('post', '/api/tasks', { programId: program.id, title: 'Tugas orang lain', dueDate: ymd(1) });
  await api('post', '/api/activities', { title: 'Penimbangan balita', type: 'meeting', programId: program.id, startDate: ymd(1), startTime: '09:00', endTime: '11:00', venue: 'Posyandu Melati' });
  await api('post', '/api/activities', { title: 'Kegiatan bulan depan', type: 'training', startDate: ymd(20), startTime: '09:00', endTime: '11:00' });
  // a staff member's expense waits for the owner's approval
  const budget = await api('post', `/api/programs/${program.id}/budget`, { currency: 'IDR', periodKind: 'quarter' });
  const lines = await api('put', `/api/programs/${program.id}/budget/lines`, { lines: [{ category: 'activities', description: 'Konsumsi', grantId: null, spreadTotal: 100_000_000 }], version: budget.version });
  const staff = await member(browser, page, lang, 'staff', 'Sari Staf');
  expect((await staff.request.post('/api/finance/expenses', { data: { programId: program.id, lineKey: lines.lines[0].lineKey, date: ymd(0), amount: '75000', description: 'Snack posyandu' } })).status()).toBe(201);
  // staff report an indicator value, which waits for review
  const goal = (await api('post', `/api/programs/${program.id}/results`, { parentId: null, statement: 'Balita sehat' })).items[0].id;
  const indicator = await api('post', `/api/results/${goal}/indicators`, { code: '1', name: 'Balita ditimbang', type: 'count' });
  expect((await staff.request.post(`/api/indicators/${indicator.id}/values`, { data: { date: ymd(-1), value: 12 } })).status()).toBe(201);
  // a volunteer reports hours through their personal link
  const person = await api('post', '/api/people', { fullName: 'Rudi Relawan' });
  const volunteer = await api('post', '/api/volunteers', { personId: person.id });
  const token = (await api('post', `/api/volunteers/${volunteer.id}/link`)).url.split('/v/')[1];
  expect((await page.request.post(`/api/v/${token}/hours`, { data: { date: ymd(0), hours: 2 } })).status()).toBe(201);

  await test.step('signing in lands on the home screen', async () => {
    await page.request.post('/api/auth/signout');
    await page.goto('/signin');
    await page.getByLabel(label('auth.email')).fill(email);
    await page.getByLabel(label('auth.password')).fill(PASSWORD);
    await page.getByRole('button', { name: t('auth.signIn'), exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: t('home.title', { name: 'Wulan Sari' }) })).toBeVisible();
  });

  await test.step('my tasks: only mine, the overdue one first and marked', async () => {
    const tasks = page.getByTestId('home-task');
    await expect(tasks).toHaveCount(2);
    await expect(tasks.nth(0)).toContainText('Kirim daftar hadir posyandu');
    await expect(tasks.nth(0)).toHaveAttribute('data-overdue', 'true');
    await expect(tasks.nth(0)).toContainText(t('tasks.overdueDays', { count: 2 }));
    await expect(tasks.nth(1)).toContainText('Pesan makanan tambahan');
    await expect(page.getByTestId('home-tasks')).not.toContainText('Tugas orang lain');
  });

  await test.step("this week's activities: tomorrow's, not next month's", async () => {
    const acts = page.getByTestId('home-activity');
    await expect(acts).toHaveCount(1);
    await expect(acts.first()).toContainText('Penimbangan balita');
    await expect(acts.first()).toContainText('09:00–11:00');
    await expect(acts.first()).toContainText('Posyandu Melati');
  });

  await test.step('approvals: a value to review, one expense by someone else and one volunteer report', async () => {
    await expect(page.getByTestId(`home-approvals-values-${program.id}`)).toContainText(t('home.valuesWaiting', { program: 'Gizi Balita' }));
    await expect(page.getByTestId(`home-approvals-values-${program.id}`)).toContainText('1');
    await expect(page.getByTestId('home-approvals-expenses')).toContainText(t('home.expensesWaiting'));
    await expect(page.getByTestId('home-approvals-expenses')).toContainText('1');
    await expect(page.getByTestId('home-approvals-hours')).toContainText('1');
    await expect(page.getByTestId('funding-deadlines')).toContainText(t('home.noDeadlines'));
    await axe(page, 'the home screen');
    if (process.env.HOME_SHOTS) await page.screenshot({ path: `.tmp/screens/home-1280-${lang}.png`, fullPage: true });
  });

  await test.step('each card opens its list', async () => {
    await page.getByRole('link', { name: t('home.expensesWaiting') }).click();
    await expect(page.getByTestId('waiting-for-me')).toBeChecked();
    await expect(page.getByTestId('expense-list')).toContainText('Snack posyandu');
    await page.goBack();
    await page.getByRole('link', { name: t('home.valuesWaiting', { program: 'Gizi Balita' }) }).click();
    await expect(page).toHaveURL(/tab=dashboard/);
    await expect(page.getByRole('heading', { level: 1, name: 'Gizi Balita' })).toBeVisible();
    await page.goBack();
    await page.getByRole('link', { name: 'Kirim daftar hadir posyandu' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kirim daftar hadir posyandu' })).toBeVisible();
    await page.goBack();
    await page.getByRole('link', { name: 'Penimbangan balita' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Penimbangan balita' })).toBeVisible();
  });

  await test.step('on a phone the cards stack and nothing is wider than the screen', async () => {
    await page.setViewportSize(PHONE);
    await page.goto('/');
    await expect(page.getByTestId('home-task')).toHaveCount(2);
    await expect(page.getByTestId('home-approvals-hours')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    if (process.env.HOME_SHOTS) await page.screenshot({ path: `.tmp/screens/home-360-${lang}.png`, fullPage: true });
  });

  await test.step('a staff member sees their own expense nowhere to approve', async () => {
    await staff.goto('/');
    await expect(staff.getByRole('heading', { level: 1, name: t('home.title', { name: 'Sari Staf' }) })).toBeVisible();
    await expect(staff.getByTestId('home-approvals-expenses')).toHaveCount(0);
    await expect(staff.getByTestId(`home-approvals-values-${program.id}`)).toHaveCount(0);
    await expect(staff.getByTestId('home-tasks')).toContainText(t('home.noTasks'));
  });
  await staff.context().close();
});
