import { type Page } from '@playwright/test';
import { PASSWORD, SERVER, chooseLanguage, expect, test, tr, unique } from './fixtures.ts';

/**
 * The main journey, in the project's language: an admin signs up and creates an organisation,
 * invites a viewer who accepts through the link, enters a household of three (with a wrong NIK
 * corrected, and a NIK that disagrees with the sex), finds a person despite a typo, reveals a NIK
 * (the viewer cannot), deletes a person and undoes it.
 */
test('journey: organisation → invitation → household of three → search → NIK → delete and undo', async ({ page, browser, lang, t, label }) => {
  test.setTimeout(120_000);
  const id = unique(lang);
  const admin = { name: 'Rina Kurniawati', email: `admin-${id}@example.org` };
  const viewer = { name: 'Agus Salim', email: `viewer-${id}@example.org` };
  const orgName = `Lembaga Uji ${id}`;

  await test.step('sign up and create an organisation', async () => {
    await page.goto('/signup');
    await expect(page.getByRole('heading', { level: 1, name: t('auth.signUpTitle') })).toBeVisible();
    await page.getByLabel(label('auth.name')).fill(admin.name);
    await page.getByLabel(label('auth.email')).fill(admin.email);
    await page.getByLabel(label('auth.password')).fill(PASSWORD);
    await page.getByRole('button', { name: t('auth.signUp'), exact: true }).click();
    await expect(page).toHaveURL(/\/welcome$/);
    await page.getByLabel(label('org.name')).fill(orgName);
    await expect(page.getByLabel(label('org.slug'))).toHaveValue(`lembaga-uji-${id}`);
    await page.getByRole('button', { name: t('org.create') }).click();
    // a new organisation lands on the home screen, with nothing waiting yet
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: t('home.title', { name: admin.name }) })).toBeVisible();
    await expect(page.getByTestId('home-tasks')).toContainText(t('home.noTasks'));
    await expect(page.getByRole('button', { name: t('shell.switchOrg', { name: orgName }) })).toBeVisible();
  });

  let link = '';
  await test.step('invite a viewer; the link is shown', async () => {
    await page.getByRole('link', { name: t('nav.settings'), exact: true }).click();
    await page.getByRole('tab', { name: t('settings.tabs.invitations') }).click();
    await page.getByRole('textbox', { name: t('auth.email') }).fill(viewer.email);
    await page.getByLabel(label('settings.members.role')).selectOption('viewer');
    await page.getByRole('button', { name: t('settings.invitations.send') }).click();
    const box = page.getByTestId('invite-link');
    await expect(box).toHaveValue(/\/invite\/i_/);
    link = await box.inputValue();
    await expect(page.getByText(viewer.email).first()).toBeVisible();
  });

  const viewerCtx = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'id-ID' });
  const vpage = await viewerCtx.newPage();
  await vpage.addInitScript((l) => localStorage.setItem('gotong.locale', l), lang);
  await test.step('the invited member signs up through the link and accepts', async () => {
    await vpage.goto(link);
    await expect(vpage.getByTestId('invite-summary')).toContainText(orgName);
    await vpage.getByRole('link', { name: t('invite.signUp') }).click();
    await expect(vpage.getByLabel(label('auth.email'))).toHaveValue(viewer.email);
    await vpage.getByLabel(label('auth.name')).fill(viewer.name);
    await vpage.getByLabel(label('auth.password')).fill(PASSWORD);
    await vpage.getByRole('button', { name: t('auth.signUp'), exact: true }).click();
    await vpage.getByRole('button', { name: t('invite.accept') }).click();
    await expect(vpage.getByRole('heading', { level: 1, name: t('home.title', { name: viewer.name }) })).toBeVisible();
    // a viewer approves nothing
    await expect(vpage.getByTestId('home-approvals')).toHaveCount(0);
    await vpage.getByRole('link', { name: t('nav.people'), exact: true }).click();
    await expect(vpage.getByRole('heading', { level: 1, name: t('people.title') })).toBeVisible();
    await expect(vpage.getByRole('link', { name: t('people.add') })).toHaveCount(0);
  });

  const householdName = `Keluarga Suparman ${id}`;
  await test.step('add a household', async () => {
    await page.getByRole('link', { name: t('nav.households'), exact: true }).click();
    await page.getByRole('link', { name: t('households.add') }).click();
    await page.getByLabel(label('households.name')).fill(householdName);
    await page.getByLabel(label('fields.address')).fill('Jl. Melati No. 7, RT 02 RW 05');
    await page.getByLabel(label('area.province')).selectOption({ label: 'Jawa Barat' });
    await page.getByLabel(label('area.regency')).selectOption({ label: 'Kabupaten Bandung' });
    await page.getByRole('button', { name: t('common.save'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: householdName })).toBeVisible();
  });

  async function addMember(p: Page, f: { name: string; sex: 'male' | 'female'; birthDate: string; nik?: string; relationship: string }) {
    await p.getByRole('link', { name: t('households.addNew') }).click();
    await expect(p.getByRole('heading', { level: 1, name: t('person.newInHousehold', { household: householdName }) })).toBeVisible();
    await p.getByLabel(label('fields.fullName')).fill(f.name);
    await p.getByLabel(label('fields.sex')).selectOption(f.sex);
    await p.getByLabel(label('fields.birthDate')).fill(f.birthDate);
    if (f.nik) await p.getByLabel(label('fields.nik')).fill(f.nik);
    await p.getByLabel(label('fields.relationship')).selectOption(f.relationship);
  }
  const save = () => page.getByRole('button', { name: t('common.save'), exact: true }).click();

  await test.step('first member: an invalid NIK is refused in the UI language, then corrected', async () => {
    await addMember(page, { name: 'Suparman Wijaya', sex: 'male', birthDate: '1985-03-12', nik: '9999991203850001', relationship: 'head' });
    await page.getByLabel(label('fields.phone')).fill('0812 3456 7890');
    await save();
    // The server's message, in the language of the UI, beside the NIK field; the input is kept.
    await expect(page.getByText(SERVER.nik_province[lang])).toBeVisible();
    await expect(page.getByLabel(label('fields.nik'))).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel(label('fields.fullName'))).toHaveValue('Suparman Wijaya');
    await page.getByLabel(label('fields.nik')).fill('3204051203850001');
    await save();
    await expect(page.getByRole('heading', { level: 1, name: householdName })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Suparman Wijaya' })).toBeVisible();
  });

  await test.step('second member: the NIK disagrees with the sex; the UI offers "save anyway"', async () => {
    await addMember(page, { name: 'Siti Rahmawati', sex: 'male', birthDate: '1987-07-21', nik: '3204056107870002', relationship: 'spouse' });
    await save();
    const alert = page.getByTestId('nik-mismatch');
    await expect(alert).toContainText(SERVER.confirm_nik_mismatch[lang]);
    await expect(alert.getByRole('button', { name: t('person.saveAnyway') })).toBeVisible();
    await page.getByLabel(label('fields.sex')).selectOption('female');
    await save();
    await expect(page.getByRole('link', { name: 'Siti Rahmawati' })).toBeVisible();
  });

  await test.step('third member', async () => {
    await addMember(page, { name: 'Budi Santoso', sex: 'male', birthDate: '2012-05-09', relationship: 'child' });
    await page.getByLabel(label('wg.q.seeing')).selectOption('3');
    await save();
    await expect(page.getByRole('link', { name: 'Budi Santoso' })).toBeVisible();
    await expect(page.getByText(t('households.memberCount', { count: 3 })).first()).toBeVisible();
  });

  await test.step('search with a typo finds the person', async () => {
    await page.getByRole('link', { name: t('nav.people'), exact: true }).click();
    await page.getByLabel(label('people.search')).fill('Suparmn Wijaya');
    await expect(page).toHaveURL(/q=Suparmn\+Wijaya|q=Suparmn%20Wijaya/);
    await expect(page.getByRole('link', { name: 'Suparman Wijaya' })).toBeVisible();
    await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 1, formatted: '1' }));
    // An exact NIK finds the person too (and stays a string in the URL).
    await page.getByLabel(label('people.search')).fill('3204056107870002');
    await expect(page).toHaveURL(/q=3204056107870002/);
    await expect(page.getByRole('link', { name: 'Siti Rahmawati' })).toBeVisible();
    await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 1, formatted: '1' }));
    await page.getByLabel(label('people.search')).fill('Suparmn Wijaya');
    await expect(page.getByRole('link', { name: 'Suparman Wijaya' })).toBeVisible();
  });

  let personUrl = '';
  await test.step('an admin reveals the NIK', async () => {
    await page.getByRole('link', { name: 'Suparman Wijaya' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Suparman Wijaya' })).toBeVisible();
    personUrl = page.url();
    await expect(page.getByTestId('nik-value')).toHaveText('3204********0001');
    await page.getByRole('button', { name: t('person.revealNik') }).click();
    await expect(page.getByTestId('nik-value')).toHaveText('3204051203850001');
    await expect(page.getByTestId('history')).toContainText(t('history.revealedNik'));
  });

  await test.step('a viewer sees no reveal button, and the API refuses', async () => {
    await vpage.goto(personUrl);
    await expect(vpage.getByRole('heading', { level: 1, name: 'Suparman Wijaya' })).toBeVisible();
    await expect(vpage.getByTestId('nik-value')).toHaveText('3204********0001');
    await expect(vpage.getByRole('button', { name: t('person.revealNik') })).toHaveCount(0);
    await expect(vpage.getByRole('button', { name: t('common.delete') })).toHaveCount(0);
    const personId = personUrl.split('/').pop();
    const res = await vpage.request.post(`/api/people/${personId}/reveal-nik`, { headers: { 'Accept-Language': lang } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe(SERVER.forbidden[lang]);
  });

  await test.step('delete a person, then undo', async () => {
    await page.getByRole('button', { name: t('common.delete') }).click();
    const dialog = page.getByRole('dialog', { name: t('person.deleteTitle') });
    await expect(dialog).toContainText('Suparman Wijaya');
    await dialog.getByRole('button', { name: t('common.delete') }).click();
    await expect(page).toHaveURL(/\/people(\?|$)/);
    await expect(page.getByText(t('person.deleted', { name: 'Suparman Wijaya' }))).toBeVisible();
    await expect(page.getByRole('link', { name: 'Suparman Wijaya' })).toHaveCount(0);
    await page.getByRole('button', { name: t('common.undo') }).click();
    await expect(page.getByText(t('people.restored', { name: 'Suparman Wijaya' }))).toBeVisible();
    await expect(page.getByRole('link', { name: 'Suparman Wijaya' })).toBeVisible();
    await page.goto(personUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Suparman Wijaya' })).toBeVisible();
    await expect(page.getByTestId('history')).toContainText(t('history.action.restore'));
  });

  await test.step('settings: change a member role, API token shown once, outbox, audit log', async () => {
    await page.getByRole('link', { name: t('nav.settings'), exact: true }).click();
    await page.getByRole('tab', { name: t('settings.tabs.members') }).click();
    await page.getByRole('combobox', { name: t('settings.members.roleOf', { name: viewer.name }) }).selectOption('staff');
    await page.getByRole('dialog', { name: t('settings.members.changeRoleTitle') }).getByRole('button', { name: t('common.confirm') }).click();
    await expect(page.getByText(t('settings.members.roleChanged', { name: viewer.name }))).toBeVisible();
    await vpage.goto('/people');
    await expect(vpage.getByRole('link', { name: t('people.add') })).toBeVisible();

    await page.getByRole('tab', { name: t('settings.tabs.tokens') }).click();
    await page.getByLabel(label('settings.tokens.name')).fill('Sinkron Kobo');
    await page.getByRole('button', { name: t('settings.tokens.create') }).click();
    const token = await page.getByTestId('new-token').inputValue();
    expect(token).toMatch(/^gtg_/);
    const viaToken = await page.request.get('/api/people?q=Siti', { headers: { Authorization: `Bearer ${token}` } });
    expect(viaToken.status()).toBe(200);
    await page.getByRole('button', { name: t('settings.tokens.revokeNamed', { name: 'Sinkron Kobo' }) }).click();
    await page.getByRole('dialog', { name: t('settings.tokens.revokeTitle') }).getByRole('button', { name: t('settings.tokens.revoke') }).click();
    await expect(page.getByText(t('settings.tokens.none'))).toBeVisible();
    expect((await page.request.get('/api/people', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);

    await page.getByRole('tab', { name: t('settings.tabs.outbox') }).click();
    await expect(page.getByText(t('settings.outbox.to', { to: viewer.email, at: '' }).trim(), { exact: false })).toBeVisible();

    await page.getByRole('tab', { name: t('settings.tabs.audit') }).click();
    await page.getByLabel(label('settings.audit.recordType')).selectOption('person');
    await expect(page.getByTestId('audit-list')).toContainText(t('history.action.reveal'));
    await expect(page.getByTestId('audit-list')).not.toContainText(t('settings.audit.types.api_token'));
  });

  await viewerCtx.close();
});

test('account: language saved on the account, second organisation, switch, change password', async ({ page, browser, lang, t, label }) => {
  const other: 'id' | 'en' = lang === 'id' ? 'en' : 'id';
  const id = unique(`acct-${lang}`);
  const email = `${id}@example.org`;
  await page.goto('/signup');
  await page.getByLabel(label('auth.name')).fill('Made Wirawan');
  await page.getByLabel(label('auth.email')).fill(email);
  await page.getByLabel(label('auth.password')).fill(PASSWORD);
  await page.getByRole('button', { name: t('auth.signUp'), exact: true }).click();
  await page.getByLabel(label('org.name')).fill(`Koperasi Satu ${id}`);
  await page.getByRole('button', { name: t('org.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.title', { name: 'Made Wirawan' }) })).toBeVisible();

  // Another organisation from the switcher; it becomes current. Then back to the first.
  await page.getByRole('button', { name: t('shell.switchOrg', { name: `Koperasi Satu ${id}` }) }).click();
  await page.getByRole('menuitem', { name: t('org.create') }).click();
  const dialog = page.getByRole('dialog', { name: t('org.create') });
  await dialog.getByLabel(label('org.name')).fill(`Koperasi Dua ${id}`);
  await dialog.getByRole('button', { name: t('org.create') }).click();
  await expect(page.getByRole('button', { name: t('shell.switchOrg', { name: `Koperasi Dua ${id}` }) })).toBeVisible();
  await page.getByRole('button', { name: t('shell.switchOrg', { name: `Koperasi Dua ${id}` }) }).click();
  await page.getByRole('menuitem', { name: new RegExp(`Koperasi Satu ${id}`) }).click();
  await expect(page.getByRole('button', { name: t('shell.switchOrg', { name: `Koperasi Satu ${id}` }) })).toBeVisible();

  // The language switch is saved on the account …
  await chooseLanguage(page, other);
  await expect(page.getByRole('heading', { level: 1, name: tr(other, 'home.title', { name: 'Made Wirawan' }) })).toBeVisible();
  await expect.poll(async () => (await (await page.request.get('/api/auth/me')).json()).user.locale).toBe(other);
  // … so a new browser that signs in gets it back.
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await p2.goto('/signin');
  await chooseLanguage(p2, lang);
  await p2.getByLabel(label('auth.email')).fill(email);
  await p2.getByLabel(label('auth.password')).fill(PASSWORD);
  await p2.getByRole('button', { name: t('auth.signIn'), exact: true }).click();
  await expect(p2.getByRole('heading', { level: 1, name: tr(other, 'home.title', { name: 'Made Wirawan' }) })).toBeVisible();
  await ctx.close();

  // Change the password, sign out, sign in with the new one.
  await chooseLanguage(page, lang);
  await page.getByRole('button', { name: t('shell.userMenu') }).click();
  await page.getByRole('menuitem', { name: t('account.changePassword') }).click();
  const pw = page.getByRole('dialog', { name: t('account.changePassword') });
  await pw.getByLabel(label('account.currentPassword')).fill('salah-sekali-000');
  await pw.getByLabel(label('account.newPassword')).fill(`${PASSWORD}-baru`);
  await pw.getByRole('button', { name: t('common.save') }).click();
  await expect(pw.getByText(SERVER.wrong_password[lang]).first()).toBeVisible();
  await pw.getByLabel(label('account.currentPassword')).fill(PASSWORD);
  await pw.getByRole('button', { name: t('common.save') }).click();
  await expect(page.getByText(t('account.passwordChanged'))).toBeVisible();
  await page.getByRole('button', { name: t('shell.userMenu') }).click();
  await page.getByRole('menuitem', { name: t('auth.signOut') }).click();
  await page.getByLabel(label('auth.email')).fill(email);
  await page.getByLabel(label('auth.password')).fill(`${PASSWORD}-baru`);
  await page.getByRole('button', { name: t('auth.signIn'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('home.title', { name: 'Made Wirawan' }) })).toBeVisible();
});
