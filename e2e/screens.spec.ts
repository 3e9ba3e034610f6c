import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PASSWORD, type Lang, expect, test, tr } from './fixtures.ts';
import { duplicateScreens } from './screens-duplicates.ts';
import { importScreens } from './screens-imports.ts';
import { activityScreens } from './screens-activities.ts';
import { reportScreens } from './screens-reports.ts';
import { taskScreens } from './screens-tasks.ts';
import { participationScreens } from './screens-participation.ts';
import { volunteerScreens } from './screens-volunteers.ts';

/**
 * Not a test of behaviour: screenshots of every page in both languages at 360 and 1280 px, saved in
 * .tmp/screens for a person to look at. Run with `SCREENS=1 npx playwright test --project=screens`
 * on a fresh server (it performs the first-run setup itself).
 */
const OUT = '.tmp/screens';
const SIZES = [
  { width: 360, height: 780 },
  { width: 1280, height: 860 },
];

test('screenshots of every page', async ({ page, browser }) => {
  test.setTimeout(900_000);
  mkdirSync(OUT, { recursive: true });
  const shot = async (p: Page, name: string, lang: Lang, width: number) => {
    await p.waitForLoadState('networkidle');
    await p.waitForTimeout(250);
    await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
  };
  const setLang = async (p: Page, lang: Lang) => {
    await p.evaluate((l) => localStorage.setItem('gotong.locale', l), lang);
  };

  // Signed out: setup (fresh server), then sign in / sign up.
  await page.goto('/setup');
  for (const lang of ['id', 'en'] as Lang[]) {
    await setLang(page, lang);
    for (const s of SIZES) {
      await page.setViewportSize(s);
      await page.goto('/setup');
      await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'setup.title') })).toBeVisible();
      await shot(page, '01-setup', lang, s.width);
    }
  }
  await page.request.post('/api/setup', { data: { organization: { name: 'Yayasan Peduli Sesama Nusantara', slug: 'peduli-sesama' }, user: { name: 'Dewi Lestari', email: 'dewi@gotong.test', password: PASSWORD }, locale: 'id' } });

  // Some data to show.
  const r = page.request;
  const hh = await (await r.post('/api/households', { data: { name: 'Keluarga Suparman', kkNumber: '3204050101090007', address: 'Jl. Melati No. 7, RT 02 RW 05', areaCode: '32.04.05.2001' } })).json();
  const people = [
    { fullName: 'Suparman Wijaya', sex: 'male', birthDate: '1985-03-12', nik: '3204051203850001', phone: '081234567890', householdId: hh.id, relationship: 'head', roles: ['beneficiary', 'member'], tags: ['petani', 'kelompok-tani'], consent: { given: true, purpose: 'Pendataan program pertanian' }, areaCode: '32.04.05.2001', welfareDecile: 2 },
    { fullName: 'Siti Rahmawati', preferredName: 'Bu Siti', sex: 'female', birthDate: '1987-07-21', nik: '3204056107870002', householdId: hh.id, relationship: 'spouse', roles: ['beneficiary', 'volunteer'], tags: ['posyandu'], consent: { given: true }, areaCode: '32.04.05.2001' },
    { fullName: 'Budi Santoso', sex: 'male', birthDate: '2012-05-09', householdId: hh.id, relationship: 'child', disability: { seeing: 3, hearing: 1, walking: 1 }, roles: ['beneficiary'], areaCode: '32.04.05.2001' },
    { fullName: 'Hj. Nur Aini Maharani binti Abdullah Syafei', sex: 'female', birthYear: 1958, roles: ['donor'], areaCode: '53.71.01' },
    { fullName: 'Yohanes Bosco Lelang', sex: 'male', birthYear: 1979, roles: ['partner_contact', 'staff'], tags: ['mitra-gereja'], areaCode: '53.71.01', email: 'yohanes@example.org' },
  ];
  const ids: string[] = [];
  for (const p of people) ids.push((await (await r.post('/api/people', { data: p })).json()).id);
  await r.patch(`/api/people/${ids[0]}`, { data: { version: 1, phone: '081298765432', tags: ['petani'] } });
  await r.post('/api/invitations', { data: { email: 'relawan@example.org', role: 'staff' } });
  await r.post('/api/tokens', { data: { name: 'Skrip impor' } });
  const invite = await (await r.post('/api/invitations', { data: { email: 'baru@example.org', role: 'viewer' } })).json();
  const program = await (
    await r.post('/api/programs', {
      data: {
        name: 'Sekolah Lapang Iklim untuk Petani Kecil di Kabupaten Bandung',
        summary: 'Petani kecil belajar bertani tahan iklim di lahan percontohan, bersama penyuluh desa.',
        problemStatement: 'Musim tanam bergeser dan gagal panen makin sering; petani kecil tidak punya cadangan.',
        goal: 'Pendapatan rumah tangga petani kecil naik dan lebih stabil dari tahun ke tahun.',
        startDate: '2026-01-01',
        endDate: '2028-12-31',
        status: 'active',
        sectors: ['agriculture_food', 'disaster_risk_reduction', 'livelihoods'],
        targetAreas: ['32.04.05', '32.04.05.2001', '32.04.06', '51.71'],
        targetGroups: ['petani kecil', 'perempuan kepala keluarga', 'pemuda tani'],
      },
    })
  ).json();
  {
    const add = async (parentId: string | null, statement: string, extra: object = {}) => {
      const items = (await (await r.post(`/api/programs/${program.id}/results`, { data: { parentId, statement, ...extra } })).json()).items as { id: string; statement: string }[];
      return items.find((x) => x.statement === statement)!.id;
    };
    const goal = await add(null, 'Pendapatan rumah tangga petani kecil naik dan lebih stabil', { meansOfVerification: 'Survei rumah tangga awal dan akhir' });
    const o1 = await add(goal, 'Petani memakai cara tanam tahan iklim di lahannya sendiri', { assumptions: 'Tidak ada kemarau panjang dua musim berturut-turut' });
    const out = await add(o1, '300 petani selesai sekolah lapang');
    await add(out, 'Sekolah lapang 12 pertemuan di 6 desa', { meansOfVerification: 'Daftar hadir' });
    await add(o1, 'Lahan percontohan di setiap desa');
    const o2 = await add(goal, 'Kelompok tani menjual hasil panen bersama');
    const ind1a = await r.post(`/api/results/${o1}/indicators`, {
      data: {
        code: '1a', name: 'Petani yang menerapkan sedikitnya dua praktik tahan iklim', type: 'count', unit: 'orang', baselineValue: 0, baselineDate: '2025-12-31', frequency: 'year',
        disaggregations: ['sex', 'age'], dataSource: 'Survei lahan', targets: [{ start: '2026-01-01', end: '2026-12-31', value: 100 }, { start: '2027-01-01', end: '2027-12-31', value: 120 }, { start: '2028-01-01', end: '2028-12-31', value: 80 }],
      },
    });
    // results data: two approved values and one waiting for review; a computed indicator
    const i1a = (await ind1a.json()) as { id: string };
    for (const [date, value, female, male, approve] of [['2026-03-15', 30, 18, 12, true], ['2026-07-20', 25, 12, 13, true], ['2026-11-10', 9, 5, 4, false]] as const) {
      const v = (await (await r.post(`/api/indicators/${i1a.id}/values`, { data: { date, value, parts: { sex: { female, male } }, comment: 'Rekap daftar hadir sekolah lapang' } })).json()) as { id: string };
      if (approve) await r.post(`/api/values/${v.id}/review`, { data: { decision: 'approve', version: 1 } });
    }
    await r.post(`/api/results/${goal}/indicators`, { data: { code: 'G1', name: 'Rumah tangga petani penerima manfaat terdaftar', frequency: 'quarter', computation: { source: 'households', roles: ['beneficiary'], inProgramAreas: true }, disaggregations: ['area'], targets: [{ start: '2026-10-01', end: '2026-12-31', value: 2 }] } });
    // counted from attendance at the program's field-school sessions (and the organisation's reach)
    await r.post(`/api/results/${out}/indicators`, {
      data: { code: '1.1a', name: 'Petani yang mengikuti sedikitnya 2 sesi sekolah lapang', frequency: 'quarter', computation: { source: 'attendance', activityTypes: ['training'], resultId: out, minActivities: 2, inProgramAreas: false }, disaggregations: ['sex', 'age'], targets: [{ start: '2026-07-01', end: '2026-09-30', value: 2 }, { start: '2026-10-01', end: '2026-12-31', value: 4 }] },
    });
    for (const [k, date] of ['2026-08-05', '2026-09-02', '2026-10-07'].entries()) {
      const a = (await (await r.post('/api/activities', { data: { title: `Sekolah lapang sesi ${k + 1}`, type: 'training', programId: program.id, resultId: out, startDate: date, startTime: '08:00', endTime: '11:00', areaCode: '32.04.05.2001' } })).json()).item;
      for (const pid of ids.slice(0, 2 + k)) await r.put(`/api/activities/${a.id}/attendance/${pid}`, { data: {} });
    }
    await r.post(`/api/results/${o2}/indicators`, { data: { code: '2a', name: 'Panen yang dijual lewat kelompok', type: 'percentage', baselineValue: 12, frequency: 'quarter', disaggregations: ['area'], targets: [{ start: '2026-10-01', end: '2026-12-31', value: 40 }] } });
  }
  for (const risk of [
    { description: 'Dana hibah tahap kedua terlambat cair', category: 'funding', likelihood: 4, impact: 4, mitigation: 'Dana talangan dari kas lembaga untuk tiga bulan', reviewDate: '2026-12-15' },
    { description: 'Konflik pembagian lahan percontohan antarkelompok tani', category: 'community_conflict', likelihood: 3, impact: 5 },
    { description: 'Peraturan desa tentang pupuk bersubsidi berubah', category: 'policy_change', likelihood: 2, impact: 3, status: 'monitoring' },
    { description: 'Kemarau panjang', category: 'environment', likelihood: 5, impact: 5, status: 'closed' },
  ])
    await r.post(`/api/programs/${program.id}/risks`, { data: risk });
  await r.post('/api/programs', { data: { name: 'Posyandu Remaja', status: 'draft', sectors: ['health', 'nutrition'], targetAreas: ['53.71.01'], startDate: '2027-02-01' } });

  const pages: [string, string][] = [
    ['03-people', '/people'],
    ['04-people-filters', '/people?area=32&sex=female'],
    ['05-person-new', '/people/new'],
    ['06-person', `/people/${ids[0]}`],
    ['07-person-edit', `/people/${ids[0]}/edit`],
    ['08-households', '/households'],
    ['09-household', `/households/${hh.id}`],
    ['10-household-edit', `/households/${hh.id}/edit`],
    ['11-settings-org', '/settings'],
    ['12-settings-members', '/settings?tab=members'],
    ['13-settings-invitations', '/settings?tab=invitations'],
    ['14-settings-tokens', '/settings?tab=tokens'],
    ['15-settings-outbox', '/settings?tab=outbox'],
    ['16-settings-audit', '/settings?tab=audit'],
    ['17-programs', '/programs'],
    ['17-program', `/programs/${program.id}`],
    ['17-program-new', '/programs/new'],
    ['17-program-edit', `/programs/${program.id}/edit`],
    ['17-program-framework', `/programs/${program.id}?tab=framework`],
    ['17-program-dashboard', `/programs/${program.id}?tab=dashboard`],
    ['17-program-risks', `/programs/${program.id}?tab=risks`],
    ['17-org-dashboard', '/dashboard'],
    ['17-program-participation', `/programs/${program.id}?tab=participation`],
    ['18-people-bin', '/people?bin=true'],
  ];
  for (const lang of ['id', 'en'] as Lang[]) {
    await page.request.patch('/api/auth/me', { data: { locale: lang } });
    await setLang(page, lang);
    for (const s of SIZES) {
      await page.setViewportSize(s);
      for (const [name, url] of pages) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (name === '04-people-filters') await page.getByRole('button', { name: tr(lang, 'people.filters') }).click();
        await shot(page, name, lang, s.width);
      }
      // The indicator dialog with its targets.
      await page.goto(`/programs/${program.id}?tab=framework`);
      await page.getByTestId('open-indicator').filter({ hasText: 'Rumah tangga petani' }).click();
      await expect(page.getByTestId('computed-definition')).toBeVisible();
      await shot(page, '17-indicator-computed', lang, s.width);
      await page.getByRole('button', { name: tr(lang, 'common.close'), exact: true }).click();
      await page.getByTestId('open-indicator').filter({ hasText: 'Petani yang menerapkan' }).click();
      await expect(page.getByTestId('indicator-series')).toBeVisible();
      await shot(page, '17-indicator-drawer', lang, s.width);
      await page.getByRole('button', { name: tr(lang, 'values.add') }).click();
      await page.getByTestId('value-form').getByLabel(tr(lang, 'values.value'), { exact: false }).first().fill('10');
      await page.getByTestId('parts-sex').getByRole('textbox').first().fill('4');
      await page.waitForTimeout(200);
      await shot(page, '17-value-form', lang, s.width);
      await page.goto(`/programs/${program.id}?tab=framework`);
      await page.getByRole('button', { name: tr(lang, 'indicators.editNamed', { name: '1a Petani yang menerapkan sedikitnya dua praktik tahan iklim' }) }).click();
      await expect(page.getByTestId('indicator-form')).toBeVisible();
      await shot(page, '17-indicator-dialog', lang, s.width);
      await page.getByTestId('indicator-source').getByText(tr(lang, 'computed.from.attendance')).click();
      await expect(page.getByLabel(tr(lang, 'computed.minActivities'))).toBeVisible();
      await shot(page, '17-indicator-attendance', lang, s.width);
      // The phone navigation open, and the user menu.
      await page.goto('/people');
      if (s.width < 700) {
        await page.getByRole('button', { name: tr(lang, 'shell.toggleNav') }).click();
        await page.waitForTimeout(300);
        await shot(page, '19-nav-open', lang, s.width);
      }
      // The NIK mismatch and a field error in the form.
      await page.goto('/people/new');
      await page.getByLabel(tr(lang, 'fields.fullName'), { exact: false }).first().fill('Coba Salah');
      await page.getByRole('combobox', { name: tr(lang, 'fields.sex') }).selectOption('female');
      await page.getByRole('textbox', { name: tr(lang, 'fields.nik'), exact: true }).fill('3204051203850009');
      await page.getByRole('textbox', { name: tr(lang, 'fields.phone') }).fill('12');
      await page.getByRole('button', { name: tr(lang, 'common.save'), exact: true }).click();
      await page.waitForTimeout(500);
      await shot(page, '20-person-errors', lang, s.width);
      await page.getByRole('textbox', { name: tr(lang, 'fields.phone') }).fill('');
      await page.getByRole('button', { name: tr(lang, 'common.save'), exact: true }).click();
      await expect(page.getByTestId('nik-mismatch')).toBeVisible();
      await shot(page, '21-person-mismatch', lang, s.width);
    }
  }

  // Bulk import, every step (imports-*.png).
  await importScreens(page, shot, SIZES);

  // Signed out pages in a fresh context.
  const ctx = await browser.newContext();
  const anon = await ctx.newPage();
  await anon.goto('/signin');
  for (const lang of ['id', 'en'] as Lang[]) {
    await setLang(anon, lang);
    for (const s of SIZES) {
      await anon.setViewportSize(s);
      await anon.goto('/signin');
      await expect(anon.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(anon, '02-signin', lang, s.width);
      await anon.goto('/signup');
      await shot(anon, '02-signup', lang, s.width);
      await anon.goto(new URL(invite.link).pathname);
      await expect(anon.getByTestId('invite-summary')).toBeVisible();
      await shot(anon, '02-invite', lang, s.width);
    }
  }
  await anon.request.post('/api/auth/signup', { data: { name: 'Putu Ayu', email: 'putu@example.org', password: PASSWORD, locale: 'id' } });
  for (const lang of ['id', 'en'] as Lang[]) {
    await setLang(anon, lang);
    await anon.request.patch('/api/auth/me', { data: { locale: lang } });
    for (const s of SIZES) {
      await anon.setViewportSize(s);
      await anon.goto('/welcome');
      await expect(anon.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(anon, '02-welcome', lang, s.width);
      await anon.goto(new URL(invite.link).pathname);
      await expect(anon.getByTestId('invite-summary')).toBeVisible();
      await shot(anon, '02-invite-other', lang, s.width);
    }
  }
  await ctx.close();
});

test('screenshots of the duplicate review', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await duplicateScreens(
    page,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});

test('screenshots of the issue log and tasks', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await taskScreens(
    page,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});

test('screenshots of activities', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await activityScreens(
    page,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});

test('screenshots of registration and attendance', async ({ page, browser }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await participationScreens(
    page,
    browser,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});

test('screenshots of volunteers', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await volunteerScreens(
    page,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});

test('screenshots of activity reports', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  await reportScreens(
    page,
    async (p, name, lang, width) => {
      await p.waitForLoadState('networkidle');
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${name}-${lang}-${width}.png`, fullPage: true });
    },
    SIZES,
  );
});
