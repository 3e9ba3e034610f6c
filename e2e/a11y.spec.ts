import { JPEG } from '../src/server/features/activities/report.fixtures.ts';
import { PASSWORD, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';
import { seedVolunteers } from './screens-volunteers.ts';

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 360, height: 780 },
];

test('accessibility: sign-in and sign-up pages, desktop and phone', async ({ page, axe, t, lang }) => {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.goto('/signin');
    await expect(page.getByRole('heading', { level: 1, name: t('auth.signInTitle') })).toBeVisible();
    await axe(page, `sign-in (${lang}, ${size.width})`);
    await page.goto('/signup');
    await expect(page.getByRole('heading', { level: 1, name: t('auth.signUpTitle') })).toBeVisible();
    await axe(page, `sign-up (${lang}, ${size.width})`);
  }
});

test('accessibility: app pages, desktop and phone', async ({ page, axe, t, lang }) => {
  // about 80 axe runs (each ~2.5 s of axe itself): 3 to 5 minutes on a 2-core machine, more under CI load;
  // the limit is there to stop a hang, not to time the pages
  test.setTimeout(600_000);
  const id = unique(`a11y-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Wayan Sudarsana', email: `${id}@example.org`, org: `Komunitas ${id}`, slug: id, locale: lang });
  const hh = await (await page.request.post('/api/households', { data: { name: `Keluarga Sudarsana ${id}`, areaCode: '51.71.01' } })).json();
  const person = await (
    await page.request.post('/api/people', {
      data: { fullName: 'Ni Made Ayu', sex: 'female', birthDate: '1990-02-14', nik: '5171015402900003', householdId: hh.id, relationship: 'head', roles: ['beneficiary'], tags: ['posyandu'], consent: { given: true, purpose: 'Pendataan program' }, disability: { walking: 3 } },
    })
  ).json();
  expect(person.id).toBeTruthy();
  // An update, so the history shows a change table too.
  expect((await page.request.patch(`/api/people/${person.id}`, { data: { version: person.version, phone: '081234567890', tags: ['posyandu', 'lansia'] } })).status()).toBe(200);
  // Two imports of a file with bad rows: one at the column step, one checked (problem list).
  const csv = 'Nama Lengkap;Jenis Kelamin;Tanggal Lahir;HP\nKomang Ayu;P;02/03/1984;0812 3456 7890\n;L;1990;\nGede;X;31/02/1990;abc\n';
  const upload = async () => {
    const r = await page.request.post('/api/imports?fileName=warga-desa.csv', { headers: { 'Content-Type': 'text/csv' }, data: Buffer.from(csv) });
    expect(r.status(), await r.text()).toBe(201);
    return (await r.json()) as { id: string; version: number };
  };
  const importAtColumns = await upload();
  const importChecked = await upload();
  expect((await page.request.post(`/api/imports/${importChecked.id}/validate`, { data: { version: importChecked.version } })).status()).toBe(202);
  await expect.poll(async () => (await (await page.request.get(`/api/imports/${importChecked.id}`)).json()).status, { timeout: 20_000 }).toBe('validated');
  // Two records of one man (an old spelling): a pair in the duplicate review.
  const dupA = await (await page.request.post('/api/people', { data: { fullName: 'Komang Suparman', sex: 'male', birthDate: '1980-01-02', areaCode: '51.71.01', phone: '081311112222' } })).json();
  const dupB = await (await page.request.post('/api/people', { data: { fullName: 'Komang Soeparman', sex: 'male', birthDate: '1980-01-02', areaCode: '51.71.01', address: 'Jl. Kenanga 3' } })).json();
  const pair = (await (await page.request.get('/api/duplicates')).json()).items[0] as { id: string };
  expect(pair?.id, `pair of ${dupA.id} and ${dupB.id}`).toBeTruthy();

  const program = await (
    await page.request.post('/api/programs', { data: { name: 'Bank Sampah Banjar', status: 'active', sectors: ['environment'], targetAreas: ['51.71.01'], targetGroups: ['ibu rumah tangga'], summary: 'Sampah dipilah, ditabung, dijual bersama.' } })
  ).json();
  await page.request.post(`/api/programs/${program.id}/risks`, { data: { description: 'Warga enggan memilah sampah', category: 'other', likelihood: 3, impact: 3, mitigation: 'Sosialisasi lewat posyandu' } });
  const goal = (await (await page.request.post(`/api/programs/${program.id}/results`, { data: { parentId: null, statement: 'Sampah rumah tangga berkurang' } })).json()).items[0] as { id: string };
  const indicator = (await (
    await page.request.post(`/api/results/${goal.id}/indicators`, { data: { code: 'G1', name: 'Rumah tangga yang memilah sampah', type: 'count', frequency: 'year', disaggregations: ['sex'], targets: [{ start: '2026-01-01', end: '2026-12-31', value: 50 }] } })
  ).json()) as { id: string };
  await page.request.post(`/api/indicators/${indicator.id}/values`, { data: { date: '2026-06-01', value: 20, parts: { sex: { female: 12, male: 8 } }, comment: 'Rekap bank sampah' } });
  const issue = await (await page.request.post(`/api/programs/${program.id}/issues`, { data: { description: 'Truk sampah mogok', impact: 'Sampah menumpuk seminggu', decision: 'Sewa pikap desa' } })).json();
  const me = (await (await page.request.get('/api/auth/me')).json()).user.id as string;
  const overdueDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() - 2 * 86_400_000));
  const task = await (await page.request.post('/api/tasks', { data: { programId: program.id, title: 'Hubungi bengkel truk', issueId: issue.id, assigneeId: me, dueDate: overdueDate, priority: 'urgent' } })).json();
  await page.request.post('/api/tasks', { data: { programId: program.id, title: 'Timbang tabungan sampah', assigneeId: me, status: 'done' } });
  await page.request.post(`/api/tasks/${task.id}/comments`, { data: { body: 'Bengkel buka Senin.' } });

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const activity = (
    await (
      await page.request.post('/api/activities', {
        data: { title: 'Pelatihan bank sampah', type: 'training', programId: program.id, resultId: goal.id, startDate: today, startTime: '09:00', endTime: '11:00', venue: 'Balai Banjar', areaCode: '51.71.01', facilitatorIds: [me], capacity: 20, repeat: { freq: 'weekly', weekdays: [], count: 3 } },
      })
    ).json()
  ).item as { id: string };
  await page.request.post('/api/activities', { data: { title: 'Kunjungan lapangan', type: 'field_visit', startDate: today, startTime: '13:00', endTime: '14:00', status: 'cancelled', cancelReason: 'Hujan deras' } });
  // the activity's report, with a photo
  await page.request.post(`/api/activities/${activity.id}/report`, { data: { summary: 'Dua puluh warga belajar memilah sampah.', outcomes: 'Bank sampah dibuka setiap Sabtu.', followUps: 'Timbang pertama minggu depan.' } });
  const photo = await page.request.post(`/api/activities/${activity.id}/report/photos?fileName=timbang.jpg&caption=${encodeURIComponent('Warga menimbang sampah plastik')}`, { data: JPEG, headers: { 'content-type': 'image/jpeg' } });
  expect(photo.status(), await photo.text()).toBe(201);

  // [label, url, ready, also at 360 px]
  const pages: [string, string, () => Promise<void>, boolean?][] = [
    ['people list', '/people', async () => void (await expect(page.getByRole('link', { name: 'Ni Made Ayu' })).toBeVisible()), true],
    ['person form', '/people/new', async () => void (await expect(page.getByLabel(t('fields.fullName'))).toBeVisible()), true],
    ['person detail', `/people/${person.id}`, async () => void (await expect(page.getByTestId('history')).toContainText(t('history.action.update'))), true],
    ['households', '/households', async () => void (await expect(page.getByRole('link', { name: `Keluarga Sudarsana ${id}` })).toBeVisible()), true],
    ['household detail', `/households/${hh.id}`, async () => void (await expect(page.getByRole('link', { name: 'Ni Made Ayu' })).toBeVisible())],
    ['settings', '/settings?tab=members', async () => void (await expect(page.getByTestId('members-list')).toBeVisible()), true],
    ['settings audit', '/settings?tab=audit', async () => void (await expect(page.getByTestId('audit-list')).toBeVisible())],
    ['coming soon', '/partners', async () => void (await expect(page.getByTestId('coming-soon')).toBeVisible())],
    ['funding board', '/funding', async () => void (await expect(page.getByTestId('board')).toBeVisible()), true],
    ['home', '/', async () => void (await expect(page.getByTestId('funding-deadlines')).toBeVisible()), true],
    ['activities month', '/activities?view=month', async () => void (await expect(page.getByTestId('calendar-activity').first()).toBeVisible()), true],
    ['activities list', '/activities?view=list', async () => void (await expect(page.getByTestId('list-activity').first()).toBeVisible()), true],
    ['activity form', '/activities/new', async () => void (await expect(page.getByTestId('activity-form')).toBeVisible()), true],
    ['activity occurrence form', `/activities/${activity.id}/edit`, async () => void (await expect(page.getByTestId('scope')).toBeVisible()), true],
    ['activity detail', `/activities/${activity.id}`, async () => void (await expect(page.getByTestId('activity-status')).toBeVisible()), true],
    ['activity history', `/activities/${activity.id}?tab=history`, async () => void (await expect(page.getByTestId('history')).toBeVisible()), true],
    ['activity report', `/activities/${activity.id}?tab=report`, async () => void (await expect(page.getByTestId('photo')).toBeVisible()), true],
    ['organisation dashboard', '/dashboard', async () => void (await expect(page.getByTestId('reach-series')).toBeVisible()), true],
    ['programs', '/programs', async () => void (await expect(page.getByTestId('program-card')).toBeVisible()), true],
    ['program form', '/programs/new', async () => void (await expect(page.getByTestId('program-form')).toBeVisible()), true],
    ['program detail', `/programs/${program.id}`, async () => void (await expect(page.getByRole('tab', { name: t('programs.tabs.overview') })).toHaveAttribute('aria-selected', 'true')), true],
    ['program framework', `/programs/${program.id}?tab=framework`, async () => void (await expect(page.getByTestId('indicators')).toBeVisible()), true],
    ['program dashboard', `/programs/${program.id}?tab=dashboard`, async () => void (await expect(page.getByTestId('review-queue')).toBeVisible()), true],
    ['program participation', `/programs/${program.id}?tab=participation`, async () => void (await expect(page.getByTestId('program-participation')).toBeVisible()), true],
    ['program risks', `/programs/${program.id}?tab=risks`, async () => void (await expect(page.getByTestId('heat-map')).toBeVisible()), true],
    ['program tasks', `/programs/${program.id}?tab=tasks`, async () => void (await expect(page.getByTestId('task').first()).toBeVisible()), true],
    ['program issues', `/programs/${program.id}?tab=issues`, async () => void (await expect(page.getByTestId('issue').first()).toBeVisible()), true],
    ['my tasks', '/tasks?show=all', async () => void (await expect(page.getByTestId('overdue')).toBeVisible()), true],
    ['task', `/tasks/${task.id}`, async () => void (await expect(page.getByTestId('comment')).toBeVisible()), true],
    ['imports', '/imports', async () => void (await expect(page.getByTestId('import-row').first()).toBeVisible()), true],
    ['new import', '/imports/new', async () => void (await expect(page.getByTestId('dropzone')).toBeVisible()), true],
    ['import columns', `/imports/${importAtColumns.id}`, async () => void (await expect(page.getByTestId('preview')).toContainText('Komang Ayu')), true],
    ['import checked', `/imports/${importChecked.id}`, async () => void (await expect(page.getByTestId('check-results')).toContainText('31/02/1990')), true],
    ['duplicates', '/duplicates', async () => void (await expect(page.getByTestId('pair-card')).toContainText('Komang Soeparman')), true],
    ['duplicate pair', `/duplicates/${pair.id}`, async () => void (await expect(page.getByTestId('merge-form')).toBeVisible()), true],
    ['person with a possible duplicate', `/people/${dupB.id}`, async () => void (await expect(page.getByTestId('person-duplicates')).toBeVisible())],
    ['settings organisation', '/settings', async () => void (await expect(page.getByTestId('threshold-review')).toHaveValue('10'))],
  ];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const [label, url, ready, phone] of pages) {
      if (size.width < 700 && !phone) continue;
      await page.goto(url);
      await ready();
      await axe(page, `${label} (${lang}, ${size.width})`);
    }
  }
  // Dialogs: an indicator's results and the value form, adding an existing person to a household, confirming a delete, the account menu.
  await page.setViewportSize(WIDTHS[0]);
  await page.goto(`/programs/${program.id}?tab=framework`);
  await page.getByTestId('open-indicator').click();
  await expect(page.getByTestId('value')).toBeVisible();
  await axe(page, `indicator drawer (${lang})`);
  await page.getByRole('button', { name: t('values.add') }).click();
  await expect(page.getByTestId('value-form')).toBeVisible();
  await axe(page, `value form (${lang})`);
  await page.keyboard.press('Escape');
  await page.goto(`/households/${hh.id}`);
  await page.getByRole('button', { name: t('households.addExisting') }).click();
  await expect(page.getByRole('dialog', { name: t('households.addExisting') })).toBeVisible();
  await axe(page, `add-member dialog (${lang})`);
  await page.keyboard.press('Escape');
  await page.goto(`/people/${person.id}`);
  await page.getByRole('button', { name: t('common.delete') }).click();
  await expect(page.getByRole('dialog', { name: t('person.deleteTitle') })).toBeVisible();
  await axe(page, `delete dialog (${lang})`);
  await page.getByRole('button', { name: t('common.cancel') }).click();
  await page.goto(`/duplicates/${pair.id}`);
  await page.getByTestId('merge').click();
  await expect(page.getByRole('dialog', { name: t('duplicates.merge.confirmTitle') })).toBeVisible();
  await axe(page, `merge dialog (${lang})`);
  await page.getByRole('button', { name: t('common.cancel') }).click();
  // The task and issue dialogs.
  await page.goto(`/tasks/${task.id}`);
  await page.getByRole('button', { name: t('common.edit') }).click();
  await expect(page.getByTestId('task-form')).toBeVisible();
  await axe(page, `task dialog (${lang})`);
  await page.keyboard.press('Escape');
  await page.goto(`/programs/${program.id}?tab=issues`);
  await page.getByRole('button', { name: t('issues.add') }).click();
  await expect(page.getByTestId('issue-form')).toBeVisible();
  await axe(page, `issue dialog (${lang})`);
  await page.keyboard.press('Escape');
  // The warning of the person form about someone possibly registered already.
  await page.goto('/people/new');
  await page.getByLabel(t('fields.fullName')).fill('Komang Suparman');
  await page.getByLabel(t('fields.birthDate')).fill('1980-01-02');
  await expect(page.getByTestId('duplicate-warning')).toContainText('Komang Soeparman');
  await axe(page, `person form duplicate warning (${lang})`);
  await page.getByRole('button', { name: t('shell.userMenu') }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await axe(page, `user menu (${lang})`);
  await page.keyboard.press('Escape');
  await page.setViewportSize(WIDTHS[1]);

  // On a phone the navigation sits behind the burger.
  await page.goto('/people');
  await expect(page.getByRole('heading', { level: 1, name: t('people.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: t('nav.households'), exact: true })).not.toBeInViewport();
  await page.getByRole('button', { name: t('shell.toggleNav') }).click();
  await page.getByRole('link', { name: t('nav.households'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('households.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: t('nav.people'), exact: true })).not.toBeInViewport();
  void PASSWORD;
});

test('accessibility: volunteer pages, desktop and phone', async ({ page, axe, t, lang }) => {
  test.setTimeout(240_000);
  const s = await seedVolunteers(page, lang);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const w = size.width;
    await page.goto('/volunteers');
    await expect(page.getByRole('link', { name: 'Siti Nurhaliza Rahmawati' })).toBeVisible();
    await page.getByRole('button', { name: t('volunteers.filters') }).click();
    await expect(page.getByRole('region', { name: t('volunteers.filters') })).toBeVisible();
    await axe(page, `volunteers list (${lang}, ${w})`);
    await page.goto(`/volunteers/${s.siti.id}`);
    await expect(page.getByTestId('history')).toBeVisible();
    await axe(page, `volunteer page (${lang}, ${w})`);
    await page.goto('/volunteers/new');
    await page.getByRole('textbox', { name: t('picker.search') }).fill('Bagus');
    await expect(page.getByTestId('picker-result')).toHaveCount(1);
    await axe(page, `volunteer person step (${lang}, ${w})`);
    await page.goto(`/volunteers/${s.siti.id}/edit`);
    await expect(page.getByTestId('volunteer-form')).toBeVisible();
    await page.getByTestId('add-slot').click();
    await axe(page, `volunteer form (${lang}, ${w})`);
    await page.goto('/volunteers/hours');
    await expect(page.getByTestId('report-table')).toBeVisible();
    await axe(page, `volunteer hours (${lang}, ${w})`);
    await page.goto(`/activities/${s.training.id}?tab=volunteers`);
    await expect(page.getByTestId('volunteer-role').first()).toBeVisible();
    await axe(page, `activity volunteers tab (${lang}, ${w})`);
    await page.getByTestId('open-suggestions').first().click();
    await expect(page.getByTestId('suggestion').first()).toBeVisible();
    await axe(page, `volunteer suggestions (${lang}, ${w})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('add-role').click();
    await expect(page.getByTestId('role-form')).toBeVisible();
    await axe(page, `volunteer role form (${lang}, ${w})`);
    await page.keyboard.press('Escape');
    await page.goto(s.link);
    await expect(page.getByTestId('my-shifts')).toBeVisible();
    await axe(page, `volunteer's own page (${lang}, ${w})`);
  }
});

test('accessibility: registration and attendance (tabs, check-in, sheet, public form), desktop and phone', async ({ page, browser, axe, t, lang }) => {
  test.setTimeout(240_000);
  const id = unique(`a11y-part-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Wayan Sudarsana', email: `${id}@example.org`, org: `Komunitas ${id}`, slug: id, locale: lang });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const activity = (await (await page.request.post('/api/activities', { data: { title: 'Pelatihan bank sampah', type: 'training', startDate: today, startTime: '23:00', endTime: '23:59', capacity: 1 } })).json()).item as { id: string };
  const people = [];
  for (const fullName of ['Ni Made Ayu', 'Komang Suparman']) people.push(await (await page.request.post('/api/people', { data: { fullName, sex: 'female', birthYear: 1990, phone: '081234567890' } })).json());
  for (const p of people) expect((await page.request.post(`/api/activities/${activity.id}/registrations`, { data: { personId: p.id } })).status()).toBe(201);
  await page.request.put(`/api/activities/${activity.id}/attendance/${people[0].id}`, { data: { method: 'list' } });
  const link = await (
    await page.request.put(`/api/activities/${activity.id}/registration-link`, {
      data: { enabled: true, fields: [{ field: 'phone', required: true }, { field: 'sex' }, { field: 'birthYear' }, { field: 'areaCode' }, { field: 'email' }], questions: [{ id: 'q1', label: 'Ukuran kaos?', required: true }] },
    })
  ).json();
  const pages: [string, string, () => Promise<void>][] = [
    ['registrations tab', `/activities/${activity.id}?tab=registrations`, async () => void (await expect(page.getByTestId('registration-row')).toHaveCount(2))],
    ['attendance tab', `/activities/${activity.id}?tab=attendance`, async () => void (await expect(page.getByTestId('attendance-row')).toHaveCount(1))],
    ['check-in', `/activities/${activity.id}/check-in`, async () => void (await expect(page.getByTestId('checkin-row')).toHaveCount(2))],
    ['sheet entry', `/activities/${activity.id}/sheet`, async () => void (await expect(page.getByTestId('sheet-list')).toContainText('Komang Suparman'))],
    ['person activities', `/people/${people[0].id}`, async () => void (await expect(page.getByTestId('person-activities')).toContainText('Pelatihan bank sampah'))],
  ];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const [label, url, ready] of pages) {
      await page.goto(url);
      await ready();
      await axe(page, `${label} (${lang}, ${size.width})`);
    }
    // the open parts: the person picker with its quick add, the link settings, a code's QR dialog
    await page.goto(`/activities/${activity.id}?tab=registrations`);
    await page.getByRole('button', { name: t('participation.link.settings') }).click();
    await page.getByRole('button', { name: t('participation.registerPeople') }).click();
    await page.getByLabel(t('picker.search')).fill('Ni Made');
    await expect(page.getByTestId('picker-result')).toHaveCount(1);
    await axe(page, `registrations, picker and link settings open (${lang}, ${size.width})`);
    await page.getByRole('button', { name: t('picker.addNew') }).click();
    await expect(page.getByTestId('quick-add')).toBeVisible();
    await axe(page, `quick add (${lang}, ${size.width})`);
    await page.getByRole('button', { name: `${t('participation.showCode')}: Ni Made Ayu` }).click();
    await expect(page.getByRole('dialog').getByTestId('qr-code')).toBeVisible();
    await axe(page, `code dialog (${lang}, ${size.width})`);
    await page.keyboard.press('Escape');
    await page.goto(`/activities/${activity.id}/check-in`);
    await page.getByText(t('participation.modes.walkin'), { exact: true }).click();
    await expect(page.getByTestId('person-picker')).toBeVisible();
    await axe(page, `check-in walk-in (${lang}, ${size.width})`);
    // the public form, in a browser without a session, and its answers to a half-filled form
    const ctx = await browser.newContext({ viewport: size });
    const visitor = await ctx.newPage();
    await visitor.addInitScript((l) => localStorage.setItem('gotong.locale', l), lang);
    await visitor.goto(link.url);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Pelatihan bank sampah' })).toBeVisible();
    await axe(visitor, `public form (${lang}, ${size.width})`);
    await visitor.getByRole('button', { name: t('public.submit') }).click();
    await expect(visitor.getByTestId('form-error')).toBeVisible();
    await axe(visitor, `public form with errors (${lang}, ${size.width})`);
    await ctx.close();
  }
});
