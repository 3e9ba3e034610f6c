import { SERVER, apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Duplicates: the person form warns about someone already registered (without blocking), the pair
 * waits in the review queue, is merged field by field, the merge is undone, the pair is marked "not a
 * duplicate" (undone and marked again), and a registry scan runs to its end.
 */
test('duplicates: warned in the form → saved anyway → queue → merge taking the other phone → undo → not a duplicate → scan', async ({ page, lang, t, label }) => {
  test.setTimeout(120_000);
  const id = unique(`dup-${lang}`);
  await apiSignupWithOrg(page.request, { name: 'Rina Wulandari', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
  const FIRST = 'Muhammad Rizki Pratama';
  const SECOND = 'Muhamad Rizky Pratama';
  const first = await (await page.request.post('/api/people', { data: { fullName: FIRST, sex: 'male', birthDate: '1990-05-12', nik: '3204051205900003', areaCode: '32.04.05.2001' } })).json();
  expect(first.id).toBeTruthy();

  await test.step('the new-person form warns that the person may already be registered', async () => {
    await page.goto('/people/new');
    await page.getByLabel(label('fields.fullName')).fill(SECOND);
    await page.getByLabel(label('fields.sex')).selectOption('male');
    await expect(page.getByTestId('duplicate-warning')).toHaveCount(0); // a name alone is not enough to ask
    await page.getByLabel(label('fields.birthDate')).fill('1990-05-12');
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning).toContainText(t('duplicates.check.title', { count: 1 }));
    await expect(warning.getByRole('link', { name: new RegExp(FIRST) })).toHaveAttribute('href', `/people/${first.id}`);
    await expect(warning.getByRole('link', { name: new RegExp(FIRST) })).toHaveAttribute('target', '_blank');
    await expect(warning).toContainText(t('duplicates.reason.birth_same'));
  });

  await test.step('saving is not blocked; the saved person shows the possible duplicate', async () => {
    await page.getByRole('textbox', { name: t('fields.nik'), exact: true }).fill('3204051205900008');
    await page.getByLabel(label('fields.phone')).fill('0812 3456 7890');
    await page.getByRole('button', { name: t('common.save'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: SECOND })).toBeVisible();
    const notice = page.getByTestId('person-duplicates');
    await expect(notice).toContainText(t('duplicates.person.maybe'));
    await expect(notice.getByRole('link', { name: FIRST, exact: true })).toBeVisible();
  });

  await test.step('the queue (from the navigation, with its count) shows the pair with its reasons and the differences', async () => {
    await expect(page.getByTestId('nav-count-duplicates')).toHaveText('1');
    await page.getByRole('link', { name: new RegExp(`^${t('duplicates.nav')}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('duplicates.title') })).toBeVisible();
    await expect(page.getByTestId('pairs-total')).toHaveText(t('duplicates.total.open', { count: 1, formatted: '1' }));
    const card = page.getByTestId('pair-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('pair-score')).toContainText(t('duplicates.likely'));
    await expect(card.getByTestId('reasons-for')).toContainText(t('duplicates.reason.birth_same'));
    await expect(card.getByTestId('reasons-against')).toContainText(t('duplicates.reason.nik_one_digit', { n: 16 }));
    await expect(card.locator('[data-field="nik"]')).toHaveAttribute('data-differs', 'true');
    await expect(card.locator('[data-field="phone"]')).toHaveAttribute('data-differs', 'true');
    await expect(card.locator('[data-field="birth"]')).not.toHaveAttribute('data-differs', 'true');
    await expect(card.getByRole('link', { name: FIRST, exact: true })).toHaveAttribute('href', `/people/${first.id}`);
    await card.getByTestId('pair-review').click();
  });

  const pairUrl = /\/duplicates\/[0-9a-f-]{36}$/;
  await test.step('merge: keep the first record, take the phone number of the second', async () => {
    await expect(page).toHaveURL(pairUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(FIRST);
    const keep = page.getByRole('radiogroup', { name: t('duplicates.merge.keepQuestion') });
    await keep.getByRole('radio', { name: new RegExp(FIRST) }).click();
    await expect(keep.getByRole('radio', { name: new RegExp(FIRST) })).toHaveAttribute('aria-checked', 'true');
    const phone = page.getByRole('radiogroup', { name: t('fields.phone') });
    await expect(phone.getByRole('radio', { name: new RegExp(t('duplicates.merge.fromKept')) })).toHaveAttribute('aria-checked', 'true');
    await phone.getByRole('radio', { name: /\+6281234567890/ }).click();
    await expect(phone.getByRole('radio', { name: /\+6281234567890/ })).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('merge').click();
    const dialog = page.getByRole('dialog', { name: t('duplicates.merge.confirmTitle') });
    await expect(dialog).toContainText(t('duplicates.merge.confirmTaken', { other: SECOND, fields: t('fields.phone') }));
    await dialog.getByRole('button', { name: t('duplicates.merge.action') }).click();
    await expect(page.getByTestId('pair-outcome')).toContainText(t('duplicates.pair.mergedTitle'));
  });

  await test.step('the kept person has that phone number, and the other record is gone from the list', async () => {
    await page.getByTestId('open-kept').click();
    await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeVisible();
    await expect(page.getByText('+6281234567890')).toBeVisible();
    await expect(page.getByTestId('history')).toContainText(t('duplicates.history.merge'));
    await expect(page.getByTestId('person-duplicates')).toHaveCount(0);
    await page.goto('/people');
    await expect(page.getByTestId('people-total')).toHaveText(t('people.total', { count: 1, formatted: '1' }));
    await expect(page.getByRole('link', { name: SECOND })).toHaveCount(0);
  });

  await test.step('undo the merge: both records are back, the pair is open again', async () => {
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(pairUrl);
    await expect(page.getByTestId('pair-decided')).toBeVisible();
    await page.getByRole('button', { name: t('duplicates.pair.undoMerge') }).click();
    await expect(page.getByText(t('duplicates.pair.mergeUndone'))).toBeVisible();
    await expect(page.getByTestId('merge-form')).toBeVisible();
    await expect(page.getByTestId('pair-outcome')).toHaveCount(0);
    const people = await (await page.request.get('/api/people')).json();
    expect(people.total).toBe(2);
    expect(people.items.find((p: { fullName: string }) => p.fullName === FIRST).phone).toBeNull();
  });

  await test.step('someone else decides meanwhile: the stale decision is refused, with a reload', async () => {
    const pairId = new URL(page.url()).pathname.split('/').pop()!;
    const current = await (await page.request.get(`/api/duplicates/${pairId}`)).json();
    expect((await page.request.post(`/api/duplicates/${pairId}/not-duplicate`, { data: { version: current.version } })).status()).toBe(200);
    await page.getByRole('button', { name: t('duplicates.pair.notDuplicate') }).click();
    await expect(page.getByTestId('decision-error')).toContainText(SERVER.version_conflict[lang]);
    await page.getByTestId('decision-reload').click();
    await expect(page.getByTestId('pair-outcome')).toContainText(t('duplicates.pair.notDuplicateTitle'));
    await expect(page.getByTestId('merge-form')).toHaveCount(0);
  });

  await test.step('"not a duplicate": undo puts the pair back; marked again, the queue is done', async () => {
    const outcome = page.getByTestId('pair-outcome');
    await outcome.getByRole('button', { name: t('duplicates.pair.undoNotDuplicate'), exact: true }).click();
    await expect(page.getByText(t('duplicates.pair.reopened'))).toBeVisible();
    await expect(page.getByTestId('merge-form')).toBeVisible();
    await page.getByRole('button', { name: t('duplicates.pair.notDuplicate') }).click();
    await expect(outcome).toContainText(t('duplicates.pair.notDuplicateTitle'));
    await expect(outcome).toBeFocused();
    await expect(page.getByTestId('queue-done')).toHaveText(t('duplicates.pair.noneLeft'));
    await page.getByRole('link', { name: t('duplicates.pair.back') }).first().click();
    await expect(page.getByTestId('pairs-empty')).toHaveText(t('duplicates.empty.open'));
    await expect(page.getByTestId('nav-count-duplicates')).toHaveCount(0);
    await page.getByRole('tab', { name: t('duplicates.tabs.not_duplicate') }).click();
    await expect(page.getByTestId('pairs-total')).toHaveText(t('duplicates.total.not_duplicate', { count: 1, formatted: '1' }));
    await expect(page.getByTestId('pair-card')).toContainText(t('duplicates.decided.not_duplicate', { by: 'Rina Wulandari', when: '' }).replace(/ · $/, ''));
  });

  await test.step('scan the whole registry: progress, then the result; the decision is remembered', async () => {
    await page.getByRole('tab', { name: t('duplicates.tabs.open') }).click();
    await expect(page.getByTestId('scan-summary')).toHaveText(t('duplicates.scan.never'));
    // slow the progress polls a little, so that a scan of two people stays on screen long enough to be seen
    await page.route('**/api/duplicates/scan', async (route) => {
      if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1200));
      await route.continue();
    });
    await page.getByRole('button', { name: t('duplicates.scan.action') }).click();
    await expect(page.getByRole('progressbar', { name: t('duplicates.scan.title') })).toBeVisible();
    await page.unroute('**/api/duplicates/scan');
    const summary = page.getByTestId('scan-summary');
    await expect(summary).toContainText(t('duplicates.scan.people', { count: 2, formatted: '2' }), { timeout: 20_000 });
    await expect(summary).toContainText(t('duplicates.scan.found', { count: 1, formatted: '1' }));
    await expect(summary).toContainText(t('duplicates.scan.queuedNew', { count: 0, formatted: '0' }));
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByTestId('pairs-empty')).toBeVisible();
  });
});
