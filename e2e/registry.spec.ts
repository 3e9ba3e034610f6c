import { PASSWORD, SERVER, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/** Household membership, edits with versions (409), filters and the bin, in the project's language. */
test('registry: members in and out, edit conflict, filters, bin', async ({ page, browser, lang, t, label }) => {
  const id = unique(`reg-${lang}`);
  const email = `${id}@example.org`;
  await apiSignupWithOrg(page.request, { name: 'Kadek Sari', email, org: `Banjar ${id}`, slug: id, locale: lang });
  const r = page.request;
  const hh = await (await r.post('/api/households', { data: { name: `Keluarga Wirawan ${id}`, areaCode: '51.71.01' } })).json();
  const made = await (await r.post('/api/people', { data: { fullName: 'Ketut Wirawan', sex: 'male', birthYear: 1970, areaCode: '51.71.01.1001', householdId: hh.id, relationship: 'head' } })).json();
  const loner = await (await r.post('/api/people', { data: { fullName: 'Luh Putu Anggreni', sex: 'female', birthDate: '2001-09-30', areaCode: '53.71.01' } })).json();
  expect(made.id && loner.id).toBeTruthy();

  // Add an existing person to the household, change the relationship, remove the member.
  await page.goto(`/households/${hh.id}`);
  await page.getByRole('button', { name: t('households.addExisting') }).click();
  const dialog = page.getByRole('dialog', { name: t('households.addExisting') });
  await dialog.getByRole('combobox', { name: t('households.person') }).fill('Anggreni');
  await page.getByRole('option', { name: /Luh Putu Anggreni/ }).click();
  await dialog.getByRole('combobox', { name: t('fields.relationship') }).selectOption('child');
  await dialog.getByRole('button', { name: t('households.addMember') }).click();
  await expect(page.getByRole('link', { name: 'Luh Putu Anggreni' })).toBeVisible();
  await expect(page.getByText(t('households.memberCount', { count: 2 })).first()).toBeVisible();
  await page.getByRole('combobox', { name: t('households.relationshipOf', { name: 'Luh Putu Anggreni' }) }).selectOption('grandchild');
  await expect.poll(async () => (await (await r.get(`/api/people/${loner.id}`)).json()).relationship).toBe('grandchild');
  await page.getByRole('button', { name: t('households.removeNamed', { name: 'Luh Putu Anggreni' }) }).click();
  await page.getByRole('dialog', { name: t('households.removeTitle') }).getByRole('button', { name: t('households.remove') }).click();
  await expect(page.getByRole('link', { name: 'Luh Putu Anggreni' })).toHaveCount(0);

  // Two people edit the same person: the second save gets 409 and can reload.
  await page.goto(`/people/${made.id}/edit`);
  await expect(page.getByLabel(label('fields.fullName'))).toHaveValue('Ketut Wirawan');
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.request.post('/api/auth/signin', { data: { email, password: PASSWORD } });
  expect((await p2.request.patch(`/api/people/${made.id}`, { data: { version: made.version, phone: '081111222333' } })).status()).toBe(200);
  await other.close();
  await page.getByLabel(label('fields.preferredName')).fill('Pak Ketut');
  await page.getByRole('button', { name: t('common.save'), exact: true }).click();
  await expect(page.getByTestId('form-error')).toContainText(SERVER.version_conflict[lang]);
  await expect(page.getByLabel(label('fields.preferredName'))).toHaveValue('Pak Ketut');
  await page.getByRole('button', { name: t('common.reload') }).click();
  await expect(page.getByLabel(label('fields.phone'))).toHaveValue('+6281111222333');
  await page.getByLabel(label('fields.preferredName')).fill('Pak Ketut');
  await page.getByRole('button', { name: t('common.save'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ketut Wirawan' })).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('Pak Ketut');

  // Filters: the area cascade (Bali → Denpasar) and sex.
  await page.goto('/people');
  await page.getByRole('button', { name: t('people.filters') }).click();
  await page.getByLabel(label('area.province')).selectOption('51');
  await expect(page.getByRole('link', { name: 'Ketut Wirawan' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Luh Putu Anggreni' })).toHaveCount(0);
  await page.getByLabel(label('area.regency')).selectOption('51.71');
  await expect(page).toHaveURL(/area=51\.71/);
  await page.getByLabel(label('fields.sex')).selectOption('female');
  await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 0, formatted: '0' }));
  await page.getByRole('button', { name: t('people.clearFilters') }).click();
  await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 2, formatted: '2' }));

  // The bin: delete through the API, restore from the bin view.
  await r.delete(`/api/people/${loner.id}`);
  await page.getByRole('switch', { name: t('people.showBin') }).check();
  await expect(page.getByRole('heading', { level: 1, name: t('people.binTitle') })).toBeVisible();
  await expect(page.getByText('Luh Putu Anggreni')).toBeVisible();
  await page.getByRole('button', { name: t('common.restore') }).click();
  await expect(page.getByText(t('people.restored', { name: 'Luh Putu Anggreni' }))).toBeVisible();
  await page.getByRole('switch', { name: t('people.showBin') }).uncheck();
  await expect(page.getByRole('link', { name: 'Luh Putu Anggreni' })).toBeVisible();

  // Paging: 25 at a time, "load more" fetches the next page by cursor.
  for (let i = 1; i <= 26; i++) await r.post('/api/people', { data: { fullName: `Warga Uji ${String(i).padStart(2, '0')}` } });
  await page.reload();
  await expect(page.getByTestId('people-total')).toContainText(t('people.total', { count: 28, formatted: '28' }));
  await expect(page.getByTestId('people-table').getByRole('row')).toHaveCount(26);
  await page.getByRole('button', { name: t('common.loadMore', { shown: 25, total: 28 }) }).click();
  await expect(page.getByTestId('people-table').getByRole('row')).toHaveCount(29);
  await expect(page.getByRole('button', { name: t('common.loadMoreShort') })).toHaveCount(0);
});
