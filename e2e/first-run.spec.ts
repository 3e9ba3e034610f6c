import { PASSWORD, chooseLanguage, expect, test, tr } from './fixtures.ts';

test('first run: setup wizard creates the organisation and its owner', async ({ page, axe }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: tr('id', 'setup.title') })).toBeVisible();

  // The language switch is there before sign-in, and the wizard follows it.
  await chooseLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1, name: tr('en', 'setup.title') })).toBeVisible();
  await axe(page, 'setup (en, 1280)');
  await page.setViewportSize({ width: 360, height: 780 });
  await axe(page, 'setup (en, 360)');
  await chooseLanguage(page, 'id');
  await axe(page, 'setup (id, 360)');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel(tr('id', 'org.name')).fill('Yayasan Gotong Royong Sejahtera');
  await expect(page.getByLabel(tr('id', 'org.slug'))).toHaveValue('yayasan-gotong-royong-sejahtera');
  await page.getByLabel(tr('id', 'auth.name')).fill('Dewi Lestari');
  await page.getByLabel(tr('id', 'auth.email')).fill('owner@gotong.test');
  await page.getByLabel(tr('id', 'auth.password')).fill(PASSWORD);
  await page.getByRole('button', { name: tr('id', 'setup.submit') }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: tr('id', 'home.title', { name: 'Dewi Lestari' }) })).toBeVisible();
  expect((await (await page.request.get('/api/setup')).json()).needsSetup).toBe(false);

  // Sign out, then sign in again through the form. What the app kept on this device for the user
  // (a check-in waiting to be sent, export choices) goes with the sign-out; the language stays.
  await page.evaluate(() => {
    localStorage.setItem('gotong.checkins.v1', JSON.stringify([{ key: 'a:p', activityId: 'a', personId: 'p', method: 'list', checkedInAt: new Date().toISOString(), label: 'Siti Rahayu' }]));
    localStorage.setItem('gotong.export.people', JSON.stringify({ format: 'csv', columns: ['full_name'], hxl: false }));
  });
  await page.getByRole('button', { name: tr('id', 'shell.userMenu') }).click();
  await page.getByRole('menuitem', { name: tr('id', 'auth.signOut') }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gotong.')))).toEqual(['gotong.locale']);
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel(tr('id', 'auth.email')).fill('owner@gotong.test');
  await page.getByLabel(tr('id', 'auth.password')).fill(PASSWORD);
  await page.getByRole('button', { name: tr('id', 'auth.signIn'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr('id', 'home.title', { name: 'Dewi Lestari' }) })).toBeVisible();
});
