import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Browser, type Page, test as base, expect } from '@playwright/test';
import en from '../src/web/i18n/en.json' with { type: 'json' };
import id from '../src/web/i18n/id.json' with { type: 'json' };

export type Lang = 'id' | 'en';
const DICTS = { id, en } as const;

/** The UI text of a translation key in a language (plural keys: pass count). */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const dict = DICTS[lang] as Record<string, unknown>;
  const find = (k: string) => k.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), dict);
  let v = find(key);
  if (v === undefined && 'count' in vars) v = find(`${key}_${lang === 'en' && vars.count === 1 ? 'one' : 'other'}`);
  if (typeof v !== 'string') throw new Error(`no translation ${lang}:${key}`);
  return v.replace(/\{\{(\w+)\}\}/g, (_, k) => String(vars[k] ?? ''));
}

/** Server error messages the journeys expect (from src/server/platform/i18n/messages.ts). */
export const SERVER = {
  nik_province: { id: 'Dua angka pertama NIK bukan kode provinsi yang ada.', en: 'The first two digits of the NIK are not a real province code.' },
  confirm_nik_mismatch: {
    id: 'NIK tidak cocok dengan data lain. Periksa kembali, atau konfirmasi jika data sudah benar.',
    en: 'The NIK does not match other details. Check again, or confirm if the details are right.',
  },
  wrong_password: { id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
  version_conflict: {
    id: 'Data ini telah diubah orang lain sejak Anda membukanya. Muat ulang lalu ulangi perubahan Anda.',
    en: 'Someone else changed this record since you opened it. Reload it and make your change again.',
  },
  forbidden: { id: 'Peran Anda tidak mengizinkan tindakan ini.', en: 'Your role does not allow this action.' },
} as const;

export const PASSWORD = 'rahasia-sekali-123';

type Fixtures = { lang: Lang; t: (key: string, vars?: Record<string, string | number>) => string; label: (key: string) => RegExp; axe: (page: Page, label: string) => Promise<void> };

export const test = base.extend<Fixtures>({
  lang: ['id', { option: true }],
  t: async ({ lang }, use) => {
    await use((key, vars) => tr(lang, key, vars));
  },
  // A field's label exactly (Mantine adds " *" to required fields).
  label: async ({ lang }, use) => {
    await use((key) => new RegExp(`^${tr(lang, key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));
  },
  // The browser starts in the project's language (the app keeps a user's later choice).
  page: async ({ page, lang }, use) => {
    await page.addInitScript((l) => {
      if (!localStorage.getItem('gotong.locale')) localStorage.setItem('gotong.locale', l);
    }, lang);
    await use(page);
  },
  axe: async ({}, use, testInfo) => {
    await use(async (page, label) => {
      // Let transitions (menus, dialogs, notifications) settle; callers wait for their content first.
      await page.waitForTimeout(250);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const minor = results.violations.filter((v) => !bad.includes(v));
      if (minor.length) {
        const text = `${label}: ${minor.map((v) => `${v.id}/${v.impact}(${v.nodes.length})`).join(', ')}`;
        testInfo.annotations.push({ type: 'axe-minor', description: text });
        if (process.env.AXE_VERBOSE) console.log(`axe (moderate/minor) ${text}`);
      }
      expect(
        bad.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) })),
        `axe serious/critical violations on ${label}`,
      ).toEqual([]);
    });
  },
});
export { expect };

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Sign up + create an organisation through the API (the page's cookies become that user's session). */
export async function apiSignupWithOrg(request: APIRequestContext, opts: { name: string; email: string; org: string; slug: string; locale: Lang }) {
  const r1 = await request.post('/api/auth/signup', { data: { name: opts.name, email: opts.email, password: PASSWORD, locale: opts.locale } });
  expect(r1.status()).toBe(201);
  const r2 = await request.post('/api/orgs', { data: { name: opts.org, slug: opts.slug } });
  expect(r2.status()).toBe(201);
}

export async function chooseLanguage(page: Page, lang: Lang) {
  await page.getByRole('button', { name: 'Bahasa / Language' }).first().click();
  await page.getByRole('menuitem', { name: lang === 'en' ? 'English' : 'Bahasa Indonesia' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.getByRole('menu')).toHaveCount(0);
}

/** A picture drawn in the page (a gradient), as the bytes of a PNG or JPEG file: a photo to upload. */
export async function drawnPhoto(page: Page, width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const base64 = await page.evaluate(
    ({ width, height, type }) => {
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const g = c.getContext('2d')!;
      const gr = g.createLinearGradient(0, 0, width, height);
      gr.addColorStop(0, '#3d6b35');
      gr.addColorStop(1, '#c9a227');
      g.fillStyle = gr;
      g.fillRect(0, 0, width, height);
      return c.toDataURL(type, 0.8).split(',')[1];
    },
    { width, height, type },
  );
  return Buffer.from(base64, 'base64');
}

/** A second member of the organisation: invited through the API, signed up and accepted in a context of its own. */
export async function member(browser: Browser, owner: Page, lang: Lang, role: string, name: string) {
  const email = `${unique(role)}@example.org`;
  const inv = await owner.request.post('/api/invitations', { data: { email, role } });
  expect(inv.status(), await inv.text()).toBe(201);
  const token = (await inv.json()).link.split('/invite/')[1];
  const ctx = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'id-ID' });
  const page = await ctx.newPage();
  await page.addInitScript((l) => localStorage.setItem('gotong.locale', l), lang);
  expect((await page.request.post('/api/auth/signup', { data: { name, email, password: PASSWORD, locale: lang } })).status()).toBe(201);
  expect((await page.request.post('/api/invitations/accept', { data: { token } })).status()).toBe(200);
  return page;
}

/** Setting up through the API what a journey does not click through: each call must succeed; its JSON back. */
export const apiAs =
  (request: APIRequestContext) =>
  async (method: 'get' | 'post' | 'put', url: string, data?: object) => {
    const res = await request[method](url, data ? { data } : {});
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };
