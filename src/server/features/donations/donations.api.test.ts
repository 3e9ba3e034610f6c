import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/text.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

describe.each(DATABASES)('donations on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const person = async (fullName: string) => (await req('POST', '/api/people', { fullName })).json().id as string;
  const funder = async (name: string) => {
    const id = uuidv7();
    await t.db.query(`INSERT INTO funders (org_id, id, kind, name) VALUES ($1, $2, 'foundation', $3)`, [owner.orgId, id, name]);
    return id;
  };
  const codes = (res: { json: () => { error: { fields: Record<string, { code: string }> } } }) => Object.fromEntries(Object.entries(res.json().error.fields).map(([k, v]) => [k, v.code]));
  // receipts are numbered by the organisation's year (Asia/Jakarta, UTC+7)
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

  it('keeps campaigns with raised vs goal, checked input, versions, bin and audit', async () => {
    const bad = await req('POST', '/api/campaigns', { name: '', goalAmount: 1.5, currency: 'rupiah', startDate: '2026-05-01', endDate: '2026-04-01' }, { ...owner.headers, 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(codes(bad)).sort()).toEqual(['currency', 'goalAmount', 'name']);
    const order = await req('POST', '/api/campaigns', { name: 'Banjir', startDate: '2026-05-01', endDate: '2026-04-01' });
    expect(codes(order)).toEqual({ endDate: 'ends_before_starts' });
    const c = await req('POST', '/api/campaigns', { name: 'Ramadan 2026', goalAmount: 50_000_000_00, startDate: '2026-02-18', endDate: '2026-03-19' });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ name: 'Ramadan 2026', currency: 'IDR', status: 'active', raised: 0, gifts: 0, version: 1 });
    const id = c.json().id;
    expect((await req('PATCH', `/api/campaigns/${id}`, { description: 'Paket sembako', version: 1 })).json()).toMatchObject({ description: 'Paket sembako', version: 2 });
    expect((await req('PATCH', `/api/campaigns/${id}`, { name: 'X', version: 1 })).statusCode).toBe(409);
    expect(codes(await req('PATCH', `/api/campaigns/${id}`, { endDate: '2026-01-01', version: 2 }))).toEqual({ endDate: 'ends_before_starts' });
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('GET', '/api/campaigns', undefined, viewer.headers)).statusCode).toBe(200);
    expect((await req('POST', '/api/campaigns', { name: 'V' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('DELETE', `/api/campaigns/${id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', '/api/campaigns?q=ramadan')).json().total).toBe(0);
    expect((await req('GET', '/api/campaigns?deleted=true')).json().total).toBe(1);
    expect((await req('POST', `/api/campaigns/${id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('GET', `/api/audit?entityId=${id}`)).json().items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('records gifts from a person (who becomes a donor) or a funder, in money or in kind, with filters, totals and paging', async () => {
    const camp = (await req('POST', '/api/campaigns', { name: 'Sekolah Anak', goalAmount: 10_000_000_00 })).json();
    const program = (await req('POST', '/api/programs', { name: 'Beasiswa' })).json();
    const siti = await person('Siti Aminah');
    const yayasan = await funder('Yayasan Harapan');
    // exactly one donor; goods for an in-kind gift; refs that exist
    expect(codes(await req('POST', '/api/donations', { amount: 100, receivedOn: '2026-03-01' }))).toEqual({ personId: 'donor_required' });
    expect(codes(await req('POST', '/api/donations', { personId: siti, funderId: yayasan, amount: 100, receivedOn: '2026-03-01' }))).toEqual({ funderId: 'donor_required' });
    expect(codes(await req('POST', '/api/donations', { personId: siti, kind: 'in_kind', amount: 100, receivedOn: '2026-03-01' }))).toEqual({ goods: 'goods_required' });
    expect(codes(await req('POST', '/api/donations', { personId: siti, amount: 100, receivedOn: '2026-03-01', campaignId: uuidv7() }))).toEqual({ campaignId: 'not_found' });
    const bad = await req('POST', '/api/donations', { personId: 'x', amount: -1, currency: 'idr', receivedOn: '2026-02-30', method: 'gold' }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(codes(bad)).sort()).toEqual(['amount', 'currency', 'method', 'personId', 'receivedOn']);
    expect(bad.json().error.message).toContain('Beberapa isian');
    expect((await req('POST', '/api/donations', { personId: siti, amount: 2 ** 53, receivedOn: '2026-03-01' })).statusCode).toBe(400);
    expect(codes(await req('POST', '/api/donations', { personId: siti, amount: 0, receivedOn: '2026-03-01' }))).toEqual({ amount: 'too_small' });

    const money = await req('POST', '/api/donations', { personId: siti, amount: 1_500_000_00, receivedOn: '2026-03-02', method: 'transfer', campaignId: camp.id, programId: program.id });
    expect(money.statusCode, money.body).toBe(201);
    expect(money.json()).toMatchObject({ donor: { type: 'person', id: siti, name: 'Siti Aminah' }, kind: 'money', amount: 1_500_000_00, currency: 'IDR', campaign: { id: camp.id, name: 'Sekolah Anak' }, program: { id: program.id }, receiptNumber: expect.stringMatching(new RegExp(`^${year}/\\d{6}$`)) });
    // the person got the donor role, once, audited
    const p = (await req('GET', `/api/people/${siti}`)).json();
    expect(p.roles).toContain('donor');
    await req('POST', '/api/donations', { personId: siti, amount: 50_000_00, receivedOn: '2026-03-05', issueReceipt: false });
    const roleChanges = (await req('GET', `/api/audit?entityId=${siti}`)).json().items.filter((e: { action: string }) => e.action === 'update');
    expect(roleChanges).toHaveLength(1);
    expect(roleChanges[0].after).toEqual({ roles: ['donor'] });

    const goods = await req('POST', '/api/donations', { funderId: yayasan, kind: 'in_kind', amount: 2_000_000_00, goods: '20 karung beras', receivedOn: '2026-03-10', campaignId: camp.id, anonymous: true });
    expect(goods.json()).toMatchObject({ donor: { type: 'funder', name: 'Yayasan Harapan' }, kind: 'in_kind', goods: '20 karung beras', anonymous: true });
    await req('POST', '/api/donations', { funderId: yayasan, amount: 100_00, currency: 'USD', receivedOn: '2026-04-01', campaignId: camp.id });

    // campaign progress: raised in its currency, others apart
    const c = (await req('GET', `/api/campaigns/${camp.id}`)).json();
    expect(c).toMatchObject({ raised: 3_500_000_00, raisedOther: [{ currency: 'USD', amount: 100_00 }], gifts: 3, donors: 3 });

    // filters and totals per currency (exact integer sums)
    const all = (await req('GET', '/api/donations')).json();
    expect(all.total).toBe(4);
    expect(all.totals).toEqual([{ currency: 'IDR', amount: 3_550_000_00, gifts: 3 }, { currency: 'USD', amount: 100_00, gifts: 1 }]);
    expect(all.items.map((d: { receivedOn: string }) => d.receivedOn)).toEqual(['2026-04-01', '2026-03-10', '2026-03-05', '2026-03-02']);
    expect((await req('GET', '/api/donations?q=aminah')).json().totals).toEqual([{ currency: 'IDR', amount: 1_550_000_00, gifts: 2 }]);
    expect((await req('GET', `/api/donations?personId=${siti}`)).json().total).toBe(2);
    expect((await req('GET', `/api/donations?funderId=${yayasan}`)).json().total).toBe(2);
    expect((await req('GET', '/api/donations?kind=in_kind')).json().total).toBe(1);
    expect((await req('GET', `/api/donations?programId=${program.id}`)).json().total).toBe(1);
    expect((await req('GET', `/api/donations?campaignId=${camp.id}&from=2026-03-03&to=2026-03-31`)).json().total).toBe(1);
    expect((await req('GET', '/api/donations?from=2026-13-01')).statusCode).toBe(400);
    expect((await req('GET', '/api/donations?cursor=bm9wZQ')).statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['not a date', '0190a000-0000-7000-8000-000000000000'])).toString('base64url');
    expect((await req('GET', `/api/donations?cursor=${forged}`)).statusCode).toBe(400);
    const p1 = (await req('GET', '/api/donations?limit=3')).json();
    const p2 = (await req('GET', `/api/donations?limit=3&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((d: { id: string }) => d.id)).toEqual(all.items.map((d: { id: string }) => d.id));
    expect(p2.nextCursor).toBeNull();

    // changes: versioned; money clears goods; a new person donor clears the funder and becomes a donor
    const g = goods.json();
    expect((await req('PATCH', `/api/donations/${g.id}`, { amount: 1, version: 99 })).statusCode).toBe(409);
    const budi = await person('Budi Santoso');
    const up = await req('PATCH', `/api/donations/${g.id}`, { personId: budi, kind: 'money', version: g.version });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ donor: { type: 'person', id: budi }, kind: 'money', goods: null, receiptNumber: g.receiptNumber });
    expect((await req('GET', `/api/people/${budi}`)).json().roles).toEqual(['donor']);
    // the bin keeps the receipt number; restore
    expect((await req('DELETE', `/api/donations/${g.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', '/api/donations?deleted=true')).json().items[0].receiptNumber).toBe(g.receiptNumber);
    expect((await req('POST', `/api/donations/${g.id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('GET', `/api/audit?entityId=${g.id}`)).json().items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'update', 'issue_receipt', 'create']);
    // a viewer reads, does not write
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('GET', '/api/donations', undefined, viewer.headers)).statusCode).toBe(200);
    expect((await req('POST', '/api/donations', { personId: siti, amount: 1, receivedOn: '2026-03-01' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('POST', `/api/donations/${g.id}/receipt`, undefined, viewer.headers)).statusCode).toBe(403);
  });

  it('numbers receipts without gaps or repeats under concurrent requests, and issues one later on demand', async () => {
    const other = await signUpWithOrg(t.app);
    const donor = (await t.app.inject({ method: 'POST', url: '/api/people', headers: other.headers, payload: { fullName: 'Dewi Sartika' } })).json().id;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/donations', headers: other.headers, payload: { personId: donor, amount: 1000 + i, receivedOn: '2026-03-01' } })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json().receiptNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `${year}/${String(i + 1).padStart(6, '0')}`));
    const later = (await t.app.inject({ method: 'POST', url: '/api/donations', headers: other.headers, payload: { personId: donor, amount: 5, receivedOn: '2026-03-01', issueReceipt: false } })).json();
    expect(later.receiptNumber).toBeNull();
    expect((await t.app.inject({ url: `/api/donations/${later.id}/receipt.pdf`, headers: other.headers })).json().error.code).toBe('receipt_not_issued');
    const issued = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'POST', url: `/api/donations/${later.id}/receipt`, headers: other.headers })));
    expect(new Set(issued.map((r) => r.json().receiptNumber))).toEqual(new Set([`${year}/000013`]));
    // the first organisation's sequence is its own
    const mine = (await req('POST', '/api/donations', { personId: await person('Rina'), amount: 1, receivedOn: '2026-03-01' })).json();
    expect(Number(mine.receiptNumber.split('/')[1])).toBeLessThan(13);
  });

  it('prints the receipt in Bahasa Indonesia and English: organisation, number, donor or "Hamba Allah", amount, goods, campaign', async () => {
    const camp = (await req('POST', '/api/campaigns', { name: 'Peduli Gempa' })).json();
    const ani = await person('Ani Wijaya');
    const gift = (await req('POST', '/api/donations', { personId: ani, amount: 1_250_000_50, receivedOn: '2026-03-02', method: 'ewallet', campaignId: camp.id })).json();
    const read = (pdf: Buffer) => pdfText(pdf).join('\n').replace(/\u200b/g, '');
    const id = await req('GET', `/api/donations/${gift.id}/receipt.pdf?lang=id`);
    expect(id.statusCode, id.body.slice(0, 200)).toBe(200);
    expect(id.headers['content-type']).toBe('application/pdf');
    expect(id.headers['content-disposition']).toContain(`kuitansi-${gift.receiptNumber.replace('/', '-')}.pdf`);
    const idText = read(id.rawPayload);
    for (const s of ['Tanda Terima Donasi', gift.receiptNumber, 'Ani Wijaya', 'Rp 1.250.000,50', '2 Mar 2026', 'Dompet digital / QRIS', 'Peduli Gempa']) expect(idText, s).toContain(s);
    // the caller's language by default
    expect(read((await req('GET', `/api/donations/${gift.id}/receipt.pdf`)).rawPayload)).toContain('Donation Receipt');
    const enText = read((await req('GET', `/api/donations/${gift.id}/receipt.pdf?lang=en`)).rawPayload);
    for (const s of ['Donation Receipt', 'Received from', 'IDR 1,250,000.50', 'Campaign']) expect(enText, s).toContain(s);
    // anonymous, in kind
    const goods = (await req('POST', '/api/donations', { personId: ani, kind: 'in_kind', amount: 300_000_00, goods: '10 dus mi instan', anonymous: true, receivedOn: '2026-03-03' })).json();
    const anon = read((await req('GET', `/api/donations/${goods.id}/receipt.pdf?lang=id`)).rawPayload);
    for (const s of ['Hamba Allah', '10 dus mi instan', 'Nilai taksiran', 'Rp 300.000,00']) expect(anon, s).toContain(s);
    expect(anon).not.toContain('Ani Wijaya');
    expect(read((await req('GET', `/api/donations/${goods.id}/receipt.pdf?lang=en`)).rawPayload)).toContain('Anonymous');
    const exports = (await req('GET', `/api/audit?entityId=${gift.id}`)).json().items.filter((e: { action: string }) => e.action === 'export');
    expect(exports.map((e: { after: { lang: string } }) => e.after.lang)).toEqual(['en', 'en', 'id']);
    expect((await req('GET', `/api/donations/${gift.id}/receipt.pdf?lang=fr`)).statusCode).toBe(400);
  });

  it('keeps recurring pledges: gifts linked to them, expected vs received, the next due date', async () => {
    const rudi = await person('Rudi Hartono');
    const yayasan = await funder('Yayasan Pelita');
    expect(codes(await req('POST', '/api/pledges', { amount: 100, frequency: 'monthly', startDate: '2026-01-01' }))).toEqual({ personId: 'donor_required' });
    expect((await req('POST', '/api/pledges', { personId: rudi, amount: 0, frequency: 'weekly', startDate: '2026-01-01' })).statusCode).toBe(400);
    const created = await req('POST', '/api/pledges', { personId: rudi, amount: 100_000_00, frequency: 'monthly', startDate: '2025-01-31' });
    expect(created.statusCode, created.body).toBe(201);
    const pl = created.json();
    expect((await req('GET', `/api/people/${rudi}`)).json().roles).toContain('donor');
    // well over a year has passed since January 2025: many gifts are due
    expect(pl.progress.dueCount).toBeGreaterThan(12);
    expect(pl.progress).toMatchObject({ received: 0, expected: pl.progress.dueCount * 100_000_00 });
    expect(pl.progress.nextDueDate).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
    // gifts arrive for the pledge (only the pledge's donor; other currencies do not count)
    expect(codes(await req('POST', '/api/donations', { funderId: yayasan, pledgeId: pl.id, amount: 1, receivedOn: '2025-02-01' }))).toEqual({ pledgeId: 'pledge_other_donor' });
    await req('POST', '/api/donations', { personId: rudi, pledgeId: pl.id, amount: 100_000_00, receivedOn: '2025-01-31' });
    await req('POST', '/api/donations', { personId: rudi, pledgeId: pl.id, amount: 100_000_00, receivedOn: '2025-02-28' });
    await req('POST', '/api/donations', { personId: rudi, pledgeId: pl.id, amount: 10_00, currency: 'USD', receivedOn: '2025-03-31' });
    const got = (await req('GET', `/api/pledges/${pl.id}`)).json();
    expect(got.progress).toMatchObject({ received: 200_000_00, behind: got.progress.expected - 200_000_00 });
    expect((await req('GET', `/api/donations?pledgeId=${pl.id}`)).json().total).toBe(3);
    // ended on a date: nothing due after it, no next date
    const ended = await req('PATCH', `/api/pledges/${pl.id}`, { endDate: '2025-03-15', version: pl.version });
    expect(ended.json().progress).toMatchObject({ dueCount: 2, expected: 200_000_00, behind: 0, nextDueDate: null });
    expect(codes(await req('PATCH', `/api/pledges/${pl.id}`, { endDate: '2024-01-01', version: ended.json().version }))).toEqual({ endDate: 'ends_before_starts' });
    expect((await req('PATCH', `/api/pledges/${pl.id}`, { status: 'paused', version: 1 })).statusCode).toBe(409);
    // a funder's pledge; list filters
    await req('POST', '/api/pledges', { funderId: yayasan, amount: 5_000_000_00, frequency: 'yearly', startDate: '2026-01-01', status: 'paused' });
    expect((await req('GET', '/api/pledges')).json().items.map((x: { donor: { name: string } }) => x.donor.name)).toEqual(['Rudi Hartono', 'Yayasan Pelita']);
    expect((await req('GET', `/api/pledges?funderId=${yayasan}`)).json().total).toBe(1);
    expect((await req('GET', '/api/pledges?status=paused')).json().total).toBe(1);
    expect((await req('GET', '/api/pledges?q=rudi')).json().total).toBe(1);
    expect((await req('DELETE', `/api/pledges/${pl.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', '/api/pledges?deleted=true')).json().total).toBe(1);
    expect((await req('POST', `/api/pledges/${pl.id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('GET', `/api/audit?entityId=${pl.id}`)).json().items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });
});
