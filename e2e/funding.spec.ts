import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Funding (issue 6, points 1-3), in the project's language, on a desktop (1280 px) and a phone
 * (360 px): add a funder with a contact and an interaction note, add an opportunity, move it to
 * awarded on the board (dragged a column at 1280 px, then the card's stage menu), create the grant from it with a quarterly report
 * schedule, mark a report submitted, see the overdue report highlighted, and find it on the home
 * screen.
 */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 360, height: 780 },
]) {
  test(`funding at ${viewport.width} px: funder → contact → note → opportunity → awarded → grant with schedule → report submitted → overdue highlighted`, async ({ page, lang, t, label, axe }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(viewport);
    const id = unique(`fund-${lang}-${viewport.width}`);
    await apiSignupWithOrg(page.request, { name: 'Sari Dewi', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
    const fitsPage = async (where: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(viewport.width);
    const funderName = `Yayasan Air ${id.slice(-4)}`;

    await test.step('add a funder with a contact and an interaction note', async () => {
      await page.goto('/funding/funders');
      await expect(page.getByRole('heading', { level: 1, name: t('funding.fundersTitle') })).toBeVisible();
      await page.getByRole('button', { name: t('funding.addFunder') }).click();
      const form = page.getByTestId('funder-form');
      await form.getByRole('textbox', { name: label('funding.name') }).fill(funderName);
      await form.getByRole('textbox', { name: label('funding.email') }).fill('hibah@example.org');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { level: 1, name: funderName })).toBeVisible();
      await fitsPage('the funder page');
      await axe(page, 'funder page');

      await page.getByRole('button', { name: t('funding.addContact') }).click();
      await page.getByTestId('contact-form').getByRole('textbox', { name: label('funding.name') }).fill('Ibu Ratna');
      await page.getByTestId('contact-form').getByRole('textbox', { name: label('funding.position') }).fill('Program officer');
      await page.getByTestId('contact-form').getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByTestId('contacts')).toContainText('Ibu Ratna');

      await page.getByRole('button', { name: t('funding.addInteraction') }).click();
      const note = page.getByTestId('interaction-form');
      await note.getByRole('textbox', { name: label('funding.summary') }).fill('Membahas konsep air bersih desa');
      await note.getByRole('textbox', { name: label('funding.nextStep') }).fill('Kirim konsep');
      await note.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByTestId('interactions')).toContainText('Membahas konsep air bersih desa');
      await expect(page.getByTestId('interactions')).toContainText('Kirim konsep');
    });

    await test.step('add an opportunity and move it to awarded on the board', async () => {
      await page.getByRole('button', { name: t('funding.addOpportunity') }).click();
      const form = page.getByTestId('opportunity-form');
      await form.getByRole('textbox', { name: label('funding.title') }).fill('Sumur bor Desa Sukamaju');
      await form.getByRole('textbox', { name: label('funding.amount') }).fill('150000000');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(form).toBeHidden();

      await page.goto('/funding');
      await expect(page.getByRole('heading', { level: 1, name: t('funding.pipelineTitle') })).toBeVisible();
      const card = page.getByTestId('stage-identified').getByTestId('opportunity-card').filter({ hasText: 'Sumur bor Desa Sukamaju' });
      await expect(card).toBeVisible();
      await expect(page.getByTestId('forecast')).toBeVisible();
      await fitsPage('the board');
      await axe(page, 'board');
      let moving = card;
      if (viewport.width >= 1280) {
        // a mouse drags the card to the next column; the stage menu does the same by keyboard or touch
        await card.dragTo(page.getByTestId('stage-concept'));
        moving = page.getByTestId('stage-concept').getByTestId('opportunity-card').filter({ hasText: 'Sumur bor Desa Sukamaju' });
        await expect(moving).toBeVisible();
      }
      await moving.getByRole('button', { name: t('funding.cardMenu', { title: 'Sumur bor Desa Sukamaju' }) }).click();
      await page.getByRole('menuitem', { name: t('funding.stage.awarded') }).click();
      await expect(page.getByTestId('stage-awarded').getByTestId('opportunity-card').filter({ hasText: 'Sumur bor Desa Sukamaju' })).toBeVisible();
      const offer = page.getByRole('dialog', { name: t('funding.awardedTitle') });
      await expect(offer).toBeVisible();
      await offer.getByRole('button', { name: t('funding.createGrant') }).click();
    });

    await test.step('create the grant from it with a quarterly report schedule', async () => {
      const form = page.getByTestId('grant-form');
      // prefilled from the opportunity
      await expect(form.getByRole('textbox', { name: label('funding.title') })).toHaveValue('Sumur bor Desa Sukamaju');
      await expect(form.getByRole('textbox', { name: label('funding.amount') })).toHaveValue('150000000');
      await form.getByLabel(label('funding.startDate')).fill(day(-200));
      await form.getByLabel(label('funding.endDate')).fill(day(165));
      await expect(form.getByLabel(label('funding.reportFrequency'))).toHaveValue(t('funding.frequency.quarterly'));
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sumur bor Desa Sukamaju' })).toBeVisible();
      await expect(page.getByTestId('report-row').first()).toBeVisible();
      await fitsPage('the grant page');
      await axe(page, 'grant page');
    });

    await test.step('mark a report submitted; the overdue one stays highlighted', async () => {
      const overdue = page.locator('[data-testid="report-row"][data-overdue]');
      await expect(overdue).toHaveCount(2); // the first quarter's narrative and financial reports
      await expect(page.getByTestId('overdue-badge')).toHaveText(t('funding.overdueCount', { count: 2 }));
      await overdue.first().getByRole('button', { name: t('funding.markSubmitted') }).click();
      await expect(overdue).toHaveCount(1);
      await expect(page.getByTestId('report-row').filter({ has: page.getByText(t('funding.reportStatus.submitted'), { exact: true }) })).toHaveCount(1);
      await expect(page.getByTestId('overdue-badge')).toHaveText(t('funding.overdueCount', { count: 1 }));
      await page.goto('/funding/grants');
      await expect(page.getByTestId('grant-row').filter({ hasText: 'Sumur bor Desa Sukamaju' }).getByTestId('overdue-badge')).toBeVisible();
    });

    await test.step('the home screen lists the overdue report', async () => {
      await page.goto('/');
      const item = page.getByTestId('deadline').filter({ hasText: 'Sumur bor Desa Sukamaju' }).first();
      await expect(item).toBeVisible();
      await expect(item).toHaveAttribute('data-overdue', 'true');
      await fitsPage('the home screen');
      await axe(page, 'home screen');
      await item.getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1, name: 'Sumur bor Desa Sukamaju' })).toBeVisible();
    });
  });
}
