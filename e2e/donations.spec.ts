import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { pdfText } from '../src/server/platform/pdf/text.ts';
import { apiSignupWithOrg, expect, test, unique } from './fixtures.ts';

/**
 * Donations (issue 6 point 6) in the project's language, on a desktop (1280 px) and a phone (360 px):
 * start a campaign with a goal, record a money gift from a person added on the spot and an in-kind
 * gift, see the campaign's progress and the totals, and download a receipt in both languages.
 */
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 780 },
] as const;

/** DONATION_SHOTS=1 saves each screen in .tmp/screens for a person to look at. */
const shot = async (page: Page, name: string) => {
  if (!process.env.DONATION_SHOTS) return;
  await page.waitForTimeout(400);
  await page.screenshot({ path: `.tmp/screens/donations-${name}.png`, fullPage: true });
};
const fitsWidth = async (page: Page, width: number, where: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling on ${where}`).toBeLessThanOrEqual(width);

for (const size of SIZES) {
  test(`donations on ${size.name} (${size.width} px): campaign → money gift from a new person → in-kind gift → progress → receipts in both languages`, async ({ page, lang, t, label, axe }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const id = unique(`don-${lang}-${size.name}`);
    await apiSignupWithOrg(page.request, { name: 'Sri Rahayu', email: `${id}@example.org`, org: `Yayasan ${id}`, slug: id, locale: lang });
    const donor = `Hendra Gunawan ${size.name}`;

    await test.step('start a campaign with a goal of Rp 10.000.000', async () => {
      await page.goto('/donations');
      await expect(page.getByRole('heading', { level: 1, name: t('donations.title') })).toBeVisible();
      await page.getByTestId('campaigns-link').click();
      await expect(page.getByRole('heading', { level: 1, name: t('donations.campaigns') })).toBeVisible();
      await page.getByTestId('add-campaign').click();
      const form = page.getByTestId('campaign-form');
      // a goal that is not a number is refused and the name stays
      await form.getByLabel(label('donations.campaignName')).fill('Peduli Banjir Demak');
      await form.getByLabel(label('donations.goal')).fill('sepuluh juta');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(form.getByText(t('donations.amountInvalid')).first()).toBeVisible();
      await expect(form.getByLabel(label('donations.campaignName'))).toHaveValue('Peduli Banjir Demak');
      await form.getByLabel(label('donations.goal')).fill('10000000');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByTestId('campaign-card')).toContainText('Peduli Banjir Demak');
      await fitsWidth(page, size.width, 'the campaigns page');
    });

    await test.step('record a money gift from a person added on the spot', async () => {
      await page.goto('/donations');
      await page.getByTestId('add-donation').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t('picker.search')).fill(donor);
      await dialog.getByRole('button', { name: t('picker.addNew') }).click();
      const add = dialog.getByTestId('quick-add');
      await expect(add.getByLabel(label('fields.fullName'))).toHaveValue(donor);
      const consent = add.getByLabel(t('picker.consent'));
      if (await consent.count()) await consent.check();
      await add.getByRole('button', { name: t('donations.addDonor') }).click();
      await expect(dialog.getByTestId('donor-chosen')).toContainText(donor);
      const form = dialog.getByTestId('donation-form');
      await form.getByLabel(label('donations.amount')).fill('2500000');
      await form.getByRole('combobox', { name: label('donations.campaign') }).click();
      await page.getByRole('listbox').getByRole('option', { name: 'Peduli Banjir Demak' }).click();
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByText(new RegExp(t('donations.savedWithReceipt', { number: '\\d{4}/000001' })))).toBeVisible();
      await expect(page.getByTestId('donation-row')).toHaveCount(1);
    });

    await test.step('record an in-kind gift with its estimated value', async () => {
      await page.getByTestId('add-donation').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t('picker.search')).fill('Hendra');
      await dialog.getByRole('button', { name: `${t('donations.choose')}: ${donor}` }).click();
      const form = dialog.getByTestId('donation-form');
      await form.getByText(t('donations.kinds.in_kind')).click();
      await form.getByLabel(label('donations.estimatedValue')).fill('1500000');
      // no description of the goods: refused, the value stays
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(form.getByLabel(label('donations.estimatedValue'))).toHaveValue('1500000');
      await form.getByLabel(label('donations.goods')).fill('20 karung beras 10 kg');
      await form.getByRole('combobox', { name: label('donations.campaign') }).click();
      await page.getByRole('listbox').getByRole('option', { name: 'Peduli Banjir Demak' }).click();
      await form.getByRole('switch', { name: t('donations.anonymous') }).check({ force: true });
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByTestId('donation-row')).toHaveCount(2);
      await expect(page.getByTestId('donation-totals')).toContainText(lang === 'id' ? 'Rp 4.000.000' : 'IDR 4,000,000');
      await fitsWidth(page, size.width, 'the donations list');
      await shot(page, `list-${lang}-${size.width}`);
      await axe(page, 'the donations list');
      await page.getByTestId('add-donation').click();
      await page.getByRole('dialog').getByTestId('donation-form').getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('dialog').getByTestId('form-error')).toBeVisible();
      await shot(page, `dialog-${lang}-${size.width}`);
      await axe(page, 'the gift dialog with errors');
      await page.getByRole('dialog').getByRole('button', { name: t('common.cancel') }).click();
    });

    await test.step('the campaign shows its progress', async () => {
      await page.goto('/donations/campaigns');
      const card = page.getByTestId('campaign-card');
      await expect(card.getByTestId('campaign-raised')).toHaveText(lang === 'id' ? 'Rp 4.000.000' : 'IDR 4,000,000');
      await expect(card).toContainText(t('donations.ofGoal', { pct: 40, goal: lang === 'id' ? 'Rp 10.000.000' : 'IDR 10,000,000' }));
      await expect(card).toContainText(t('donations.giftsDonors', { gifts: 2, donors: 1 }));
      await shot(page, `campaigns-${lang}-${size.width}`);
      await axe(page, 'the campaigns page');
    });

    await test.step('download the money gift’s receipt in Bahasa Indonesia and in English', async () => {
      await page.goto('/donations');
      const row = page.getByTestId('donation-row').filter({ hasText: lang === 'id' ? 'Rp 2.500.000' : 'IDR 2,500,000' });
      for (const [l, words] of [
        ['id', ['Tanda Terima Donasi', 'Rp 2.500.000,00', donor, 'Peduli Banjir Demak']],
        ['en', ['Donation Receipt', 'IDR 2,500,000.00', donor, 'Peduli Banjir Demak']],
      ] as const) {
        await row.getByRole('button', { name: t('donations.receipt') }).click();
        const download = page.waitForEvent('download');
        await page.getByRole('menuitem', { name: t(`donations.receiptIn.${l}`) }).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(new RegExp(`^${l === 'id' ? 'kuitansi' : 'receipt'}-\\d{4}-000001\\.pdf$`));
        const text = pdfText(readFileSync((await file.path())!)).join('\n').replace(/\u200b/g, '');
        for (const w of words) expect(text, w).toContain(w);
        // the closing menu stays in the page for its transition; wait so the next one is the only one
        await expect(page.getByRole('menuitem')).toHaveCount(0);
      }
      // the anonymous in-kind gift's receipt does not name the donor
      const anon = page.getByTestId('donation-row').filter({ hasText: '20 karung beras' });
      await anon.getByRole('button', { name: t('donations.receipt') }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: t('donations.receiptIn.id') }).click();
      const text = pdfText(readFileSync((await (await download).path())!)).join('\n');
      expect(text).toContain('Hamba Allah');
      expect(text).toContain('20 karung beras 10 kg');
      expect(text).not.toContain(donor);
    });

    await test.step('delete a gift (asked first) and undo it', async () => {
      const anon = page.getByTestId('donation-row').filter({ hasText: '20 karung beras' });
      await anon.getByRole('button', { name: new RegExp(`^${t('common.delete')}`) }).click();
      await page.getByRole('dialog').getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByTestId('donation-row')).toHaveCount(1);
      await page.getByRole('button', { name: t('common.undo') }).click();
      await expect(page.getByText(t('donations.restoredMsg'))).toBeVisible();
      await expect(page.getByTestId('donation-row')).toHaveCount(2);
    });

    await test.step('the person is a donor and their page lists both gifts', async () => {
      await page.getByTestId('donation-row').first().getByRole('link', { name: donor }).click();
      await expect(page.getByRole('heading', { level: 1, name: donor })).toBeVisible();
      await expect(page.getByText(t('personRole.donor')).first()).toBeVisible();
      await expect(page.getByTestId('person-donations').getByTestId('donation-row')).toHaveCount(2);
      await page.getByTestId('person-donations').scrollIntoViewIfNeeded();
      await shot(page, `person-${lang}-${size.width}`);
    });

    await test.step('a monthly pledge shows expected vs received and the next due date', async () => {
      const personId = new URL(page.url()).pathname.split('/').pop();
      const res = await page.request.post('/api/pledges', { data: { personId, amount: 50_000_000, frequency: 'monthly', startDate: '2026-01-31' } });
      expect(res.ok(), await res.text()).toBe(true);
      await page.goto('/donations?tab=pledges');
      const card = page.getByTestId('pledge-card');
      await expect(card).toContainText(donor);
      await expect(card).toContainText(t('donations.frequencies.monthly'));
      await expect(card).toContainText(t('donations.expected'));
      await fitsWidth(page, size.width, 'the pledges tab');
      await shot(page, `pledges-${lang}-${size.width}`);
      await axe(page, 'the pledges tab');
    });
  });
}
