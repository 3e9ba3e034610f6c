import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../activities/report.fixtures.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { insertGrant } from './finance.fixtures.ts';

describe.each(DATABASES)('budgets, expenses and budget vs actual on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let staff: Awaited<ReturnType<typeof addMember>>;
  let finance: Awaited<ReturnType<typeof addMember>>;
  let programId: string;
  let grantId: string;
  let otherGrantId: string;
  let budget: any;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    staff = await addMember(t.app, owner, 'staff');
    finance = await addMember(t.app, owner, 'finance');
    const p = await req('POST', '/api/programs', { name: 'Program Air Bersih', startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(p.statusCode, p.body).toBe(201);
    programId = p.json().id;
    grantId = await insertGrant(t.db, owner.orgId, { title: 'Hibah Yayasan Air', programIds: [programId], allowedCategories: ['personnel', 'activities'], startDate: '2026-01-01', endDate: '2026-12-31' });
    otherGrantId = await insertGrant(t.db, owner.orgId, { title: 'Hibah Lain', programIds: [] });
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object | string | Buffer, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const codes = (res: { json: () => any }) => Object.fromEntries(Object.entries(res.json().error.fields ?? {}).map(([k, v]) => [k, (v as { code: string }).code]));

  it('keeps budget categories per organisation (defaults, admins edit them)', async () => {
    const def = (await req('GET', '/api/finance/categories', undefined, staff.headers)).json();
    expect(def.categories.map((c: { code: string }) => c.code)).toEqual(['personnel', 'activities', 'travel', 'equipment', 'administration', 'other']);
    expect((await req('PUT', '/api/finance/categories', { categories: def.categories }, finance.headers)).statusCode).toBe(403);
    const dup = await req('PUT', '/api/finance/categories', { categories: [def.categories[0], def.categories[0]] });
    expect(codes(dup)).toEqual({ 'categories.1.code': 'type_code_taken' });
    const up = await req('PUT', '/api/finance/categories', { categories: [...def.categories, { code: 'training', label: { id: 'Pelatihan', en: 'Training' } }] });
    expect(up.statusCode, up.body).toBe(200);
    expect((await req('GET', '/api/finance/categories')).json().categories).toHaveLength(7);
  });

  it('lists funding sources: the grants linked to the program, then unrestricted funds', async () => {
    const res = (await req('GET', `/api/finance/funding-sources?programId=${programId}`, undefined, staff.headers)).json();
    expect(res.sources.map((s: { grantId: string | null }) => s.grantId)).toEqual([grantId, null]);
    expect(res.sources[0]).toMatchObject({ title: 'Hibah Yayasan Air', allowedCategories: ['personnel', 'activities'] });
    expect((await req('GET', '/api/finance/funding-sources?programId=nope')).statusCode).toBe(400);
  });

  it('budgets a program: lines by category and funding source, per period, versions with the difference', async () => {
    expect((await req('GET', `/api/programs/${programId}/budget`)).json()).toBeNull();
    expect((await req('POST', `/api/programs/${programId}/budget`, { currency: 'IDR', periodKind: 'quarter' }, staff.headers)).statusCode).toBe(403);
    const bad = await req('POST', `/api/programs/${programId}/budget`, { currency: 'rupiah', periodKind: 'week' });
    expect(codes(bad)).toEqual({ currency: 'invalid_currency', periodKind: 'invalid_option' });
    const created = await req('POST', `/api/programs/${programId}/budget`, { currency: 'IDR', periodKind: 'quarter' }, finance.headers);
    expect(created.statusCode, created.body).toBe(201);
    budget = created.json();
    expect(budget).toMatchObject({ currency: 'IDR', periods: ['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01'], current: { number: 1, locked: false }, lines: [], total: 0, version: 1 });
    expect((await req('POST', `/api/programs/${programId}/budget`, {})).json().error.code).toBe('budget_exists');

    // a grant may fund only its allowed categories, and only programs it is linked to
    const refused = await req('PUT', `/api/programs/${programId}/budget/lines`, {
      version: 1,
      lines: [
        { category: 'travel', description: 'Transport', grantId, amounts: [] },
        { category: 'personnel', description: 'Staf', grantId: otherGrantId, amounts: [{ period: '2025-01-01', amount: 5 }] },
        { category: 'nope', description: 'X', grantId: null },
      ],
    }, { ...finance.headers, 'accept-language': 'id' });
    expect(refused.statusCode).toBe(400);
    expect(codes(refused)).toEqual({ 'lines.0.grantId': 'grant_category_not_allowed', 'lines.1.grantId': 'grant_not_for_program', 'lines.1.amounts.0.period': 'not_a_budget_period', 'lines.2.category': 'invalid_option' });
    expect(refused.json().error.fields['lines.0.grantId'].message).toBe('Hibah "Hibah Yayasan Air" tidak boleh membiayai kategori travel.');

    const set = await req('PUT', `/api/programs/${programId}/budget/lines`, {
      version: 1,
      lines: [
        { category: 'personnel', description: 'Fasilitator lapangan', grantId, amounts: [{ period: '2026-01-01', amount: 30_000_000_00 }, { period: '2026-04-01', amount: 30_000_000_00 }] },
        { category: 'travel', description: 'Transport desa', grantId: null, spreadTotal: 100 },
      ],
    }, finance.headers);
    expect(set.statusCode, set.body).toBe(200);
    budget = set.json();
    expect(budget.lines.map((l: { amount: number }) => l.amount)).toEqual([60_000_000_00, 100]);
    expect(budget.lines[1].amounts.map((a: { amount: number }) => a.amount)).toEqual([25, 25, 25, 25]);
    expect(budget).toMatchObject({ total: 60_000_000_00 + 100, version: 2, diff: null });
    expect((await req('PUT', `/api/programs/${programId}/budget/lines`, { version: 1, lines: [] }, finance.headers)).json().error.code).toBe('version_conflict');

    // a revision locks the original and starts as its copy; the page shows the difference
    const rev = await req('POST', `/api/programs/${programId}/budget/revisions`, { version: 2, note: 'Revisi tengah tahun' }, finance.headers);
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ current: { number: 2, locked: false, note: 'Revisi tengah tahun' }, versions: [{ number: 1, locked: true }, { number: 2 }], total: budget.total });
    const keys = rev.json().lines.map((l: { lineKey: string }) => l.lineKey);
    expect(keys).toEqual(budget.lines.map((l: { lineKey: string }) => l.lineKey));
    const revised = await req('PUT', `/api/programs/${programId}/budget/lines`, {
      version: 3,
      lines: [
        { lineKey: keys[0], category: 'personnel', description: 'Fasilitator lapangan', grantId, amounts: [{ period: '2026-01-01', amount: 30_000_000_00 }, { period: '2026-04-01', amount: 20_000_000_00 }] },
        { lineKey: keys[1], category: 'travel', description: 'Transport desa', grantId: null, amounts: [{ period: '2026-01-01', amount: 100 }] },
      ],
    }, finance.headers);
    expect(revised.statusCode, revised.body).toBe(200);
    budget = revised.json();
    expect(budget.diff).toMatchObject({ from: 1, to: 2, totalBefore: 60_000_000_00 + 100, totalAfter: 50_000_000_00 + 100, totalChange: -10_000_000_00 });
    expect(budget.diff.lines.map((l: { status: string; change: number }) => [l.status, l.change])).toEqual([['changed', -10_000_000_00], ['same', 0]]);
    const v1 = (await req('GET', `/api/programs/${programId}/budget?version=1`)).json();
    expect(v1).toMatchObject({ current: { number: 1, locked: true }, total: 60_000_000_00 + 100 });
    expect((await req('GET', `/api/programs/${programId}/budget?version=9`)).statusCode).toBe(404);
    const audit = (await req('GET', `/api/audit?entityId=${budget.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'revise', 'update', 'update']);
  });

  let expenseId: string;
  it('records an expense: original amount, the rate used and the converted amount; a receipt checked by its bytes', async () => {
    const [personnel, travel] = budget.lines;
    const noRate = await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2026-02-10', amount: '100.00', currency: 'USD', description: 'Honor' }, staff.headers);
    expect(codes(noRate)).toEqual({ rate: 'rate_required' });
    const badAmount = await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2999-02-10', amount: '1,5', description: '' }, staff.headers);
    expect(codes(badAmount)).toEqual({ amount: 'invalid_amount', description: 'required', date: 'invalid_date' });
    expect(codes(await req('POST', '/api/finance/expenses', { programId, lineKey: travel.lineKey, grantId, date: '2026-02-10', amount: '10', description: 'Bus' }, staff.headers))).toEqual({ grantId: 'grant_category_not_allowed' });
    expect((await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2026-02-10', amount: '10', description: 'X' }, (await addMember(t.app, owner, 'viewer')).headers)).statusCode).toBe(403);
    const res = await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2026-02-10', amount: '12.34', currency: 'USD', rate: '15850.25', payee: 'Budi', description: 'Honor fasilitator' }, staff.headers);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ originalAmount: 1234, originalCurrency: 'USD', rate: '15850.25', amount: 19559209, currency: 'IDR', status: 'submitted', grant: { id: grantId }, line: { lineKey: personnel.lineKey, category: 'personnel' }, submittedBy: { id: staff.userId } });
    expenseId = e.id;
    // a receipt: a real PNG is kept; text claiming to be a PNG is refused
    const fake = await req('POST', `/api/finance/expenses/${e.id}/receipt?fileName=struk.png`, Buffer.from('not an image'), { ...staff.headers, 'content-type': 'image/png' });
    expect(fake.statusCode).toBe(415);
    const receipt = await req('POST', `/api/finance/expenses/${e.id}/receipt?fileName=struk.png`, PNG, { ...staff.headers, 'content-type': 'image/png' });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json().receipt).toMatchObject({ fileName: 'struk.png', contentType: 'image/png', size: PNG.length });
    const file = await req('GET', `/api/finance/expenses/${e.id}/receipt`, undefined, finance.headers);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    // changes need the version; a stale one is refused
    const up = await req('PATCH', `/api/finance/expenses/${e.id}`, { payee: 'Budi Santoso', version: receipt.json().version }, staff.headers);
    expect(up.json()).toMatchObject({ payee: 'Budi Santoso', amount: 19559209, rate: '15850.25' });
    expect((await req('PATCH', `/api/finance/expenses/${e.id}`, { payee: 'X', version: 1 }, staff.headers)).statusCode).toBe(409);
  });

  it('nobody approves their own expense, whatever the role; the finance role approves others', async () => {
    const [personnel] = budget.lines;
    const current = (await req('GET', `/api/finance/expenses/${expenseId}`)).json();
    // staff may not approve at all
    expect((await req('POST', `/api/finance/expenses/${expenseId}/review`, { decision: 'approve', version: current.version }, staff.headers)).statusCode).toBe(403);
    // a finance member and the owner each submit one and try to approve it themselves
    for (const who of [finance, owner]) {
      const own = (await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2026-03-01', amount: '1000', description: 'Sendiri' }, who.headers)).json();
      for (const lang of ['id', 'en'] as const) {
        const r = await req('POST', `/api/finance/expenses/${own.id}/review`, { decision: 'approve', version: own.version }, { ...who.headers, 'accept-language': lang });
        expect(r.statusCode).toBe(403);
        expect(r.json().error.code).toBe('own_expense');
        expect(r.json().error.message).toBe(lang === 'id' ? 'Anda tidak bisa menyetujui atau menolak pengeluaran yang Anda ajukan sendiri; minta anggota lain.' : 'You cannot approve or reject an expense you submitted yourself; ask another member.');
      }
      expect((await req('GET', `/api/finance/expenses/${own.id}`)).json().status).toBe('submitted');
      expect((await req('DELETE', `/api/finance/expenses/${own.id}`, undefined, who.headers)).statusCode).toBe(200);
    }
    // the approval queue: what others submitted
    const queue = (await req('GET', '/api/finance/expenses?waitingForMe=true', undefined, finance.headers)).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toEqual([expenseId]);
    expect((await req('GET', '/api/finance/expenses?waitingForMe=true', undefined, staff.headers)).json().total).toBe(0);
    expect(codes(await req('POST', `/api/finance/expenses/${expenseId}/review`, { decision: 'reject', version: current.version }, finance.headers))).toEqual({ reason: 'reject_reason_required' });
    const ok = await req('POST', `/api/finance/expenses/${expenseId}/review`, { decision: 'approve', version: current.version }, finance.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', reviewedBy: { id: finance.userId } });
    expect((await req('POST', `/api/finance/expenses/${expenseId}/review`, { decision: 'approve', version: ok.json().version }, owner.headers)).json().error.code).toBe('expense_reviewed');
    // an approved expense is no longer the submitter's to change or remove
    expect((await req('PATCH', `/api/finance/expenses/${expenseId}`, { payee: 'X', version: ok.json().version }, staff.headers)).json().error.code).toBe('expense_reviewed');
    expect((await req('DELETE', `/api/finance/expenses/${expenseId}`, undefined, staff.headers)).statusCode).toBe(403);
  });

  it('a rejected expense is corrected by its submitter and goes back for review without the old decision', async () => {
    const [personnel] = budget.lines;
    const e = (await req('POST', '/api/finance/expenses', { programId, lineKey: personnel.lineKey, date: '2026-03-02', amount: '500000', payee: 'Toko Maju', description: 'Konsumsi rapat' }, staff.headers)).json();
    const rejected = (await req('POST', `/api/finance/expenses/${e.id}/review`, { decision: 'reject', reason: 'Nota tidak terbaca', version: e.version }, finance.headers)).json();
    expect(rejected).toMatchObject({ status: 'rejected', reviewReason: 'Nota tidak terbaca' });
    // another staff member may not touch it; a stale version is refused
    const other = await addMember(t.app, owner, 'staff');
    expect((await req('PATCH', `/api/finance/expenses/${e.id}`, { amount: '450000', version: rejected.version }, other.headers)).json().error.code).toBe('not_your_expense');
    expect((await req('PATCH', `/api/finance/expenses/${e.id}`, { amount: '450000', version: e.version }, staff.headers)).statusCode).toBe(409);
    const fixed = await req('PATCH', `/api/finance/expenses/${e.id}`, { amount: '450000', version: rejected.version }, staff.headers);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'submitted', amount: 45000000, reviewReason: null, reviewedBy: null, reviewedAt: null });
    expect((await req('GET', '/api/finance/expenses?waitingForMe=true', undefined, finance.headers)).json().items.map((x: { id: string }) => x.id)).toContain(e.id);
    const history = (await req('GET', `/api/audit?entityType=expense&entityId=${e.id}`)).json();
    expect(history.items.find((a: { action: string }) => a.action === 'update')).toMatchObject({ before: { status: 'rejected', originalAmount: 50000000 }, after: { status: 'submitted', originalAmount: 45000000 } });
    // an approver who corrects it may not approve their own figures; another approver may
    const corrected = (await req('PATCH', `/api/finance/expenses/${e.id}`, { description: 'Konsumsi rapat warga', version: fixed.json().version }, finance.headers)).json();
    const refused = await req('POST', `/api/finance/expenses/${e.id}/review`, { decision: 'approve', version: corrected.version }, { ...finance.headers, 'accept-language': 'id' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'edited_expense', message: expect.stringContaining('Anda mengubah pengeluaran ini') });
    expect((await req('POST', `/api/finance/expenses/${e.id}/review`, { decision: 'reject', reason: 'x', version: corrected.version })).statusCode).toBe(200);
    expect((await req('DELETE', `/api/finance/expenses/${e.id}`, undefined, staff.headers)).statusCode).toBe(200);
  });

  it('lists expenses with search, filters and paging', async () => {
    const [, travel] = budget.lines;
    for (let i = 1; i <= 3; i++) expect((await req('POST', '/api/finance/expenses', { programId, lineKey: travel.lineKey, date: `2026-01-0${i}`, amount: '0.40', payee: `Ojek ${i}`, description: 'Ongkos ojek' }, staff.headers)).statusCode).toBe(201);
    const page1 = (await req('GET', `/api/finance/expenses?programId=${programId}&lineKey=${travel.lineKey}&limit=2`)).json();
    expect(page1).toMatchObject({ total: 3 });
    expect(page1.items.map((x: { date: string }) => x.date)).toEqual(['2026-01-03', '2026-01-02']);
    const page2 = (await req('GET', `/api/finance/expenses?programId=${programId}&lineKey=${travel.lineKey}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { date: string }) => x.date)).toEqual(['2026-01-01']);
    expect((await req('GET', '/api/finance/expenses?q=ojek 2')).json().total).toBe(1);
    expect((await req('GET', '/api/finance/expenses?status=approved')).json().total).toBe(1);
    expect((await req('GET', '/api/finance/expenses?from=2026-01-02&to=2026-01-02')).json().total).toBe(1);
    expect((await req('GET', '/api/finance/expenses?cursor=garbage')).statusCode).toBe(400);
    expect((await req('GET', '/api/finance/expenses?status=paid')).statusCode).toBe(400);
  });

  it('budget vs actual: spent, committed, remaining, burn, forecast, warnings, XLSX', async () => {
    const [personnel, travel] = budget.lines;
    const bva = await req('GET', `/api/finance/budget-vs-actual?programId=${programId}`, undefined, { ...staff.headers, 'accept-language': 'id' });
    expect(bva.statusCode, bva.body).toBe(200);
    const r = bva.json();
    const byKey = Object.fromEntries(r.lines.map((l: { lineKey: string }) => [l.lineKey, l]));
    expect(byKey[personnel.lineKey]).toMatchObject({ budget: 50_000_000_00, spent: 19559209, committed: 0, remaining: 50_000_000_00 - 19559209 });
    // three submitted ojek rides of 40 sen against a 100-sen line: committed past the budget
    expect(byKey[travel.lineKey]).toMatchObject({ budget: 100, spent: 0, committed: 120, remaining: -20 });
    expect(r.warnings.map((w: { kind: string }) => w.kind)).toContain('line_over_with_committed');
    expect(r.warnings.find((w: { kind: string }) => w.kind === 'line_over_with_committed').message).toBe('Pos "Transport desa" akan melebihi anggaran sebesar IDR 0,2 bila pengeluaran yang diajukan disetujui.');
    // the grant is far from spent at this rate
    expect(r.grants[0]).toMatchObject({ id: grantId, budget: 50_000_000_00, spent: 19559209 });
    expect(r.warnings.map((w: { kind: string }) => w.kind)).toContain('grant_underspent');
    expect(r.periods.find((p: { period: string }) => p.period === '2026-01-01')).toMatchObject({ spent: 19559209, committed: 120 });
    expect(r.totals).toMatchObject({ budget: 50_000_000_00 + 100, spent: 19559209, committed: 120 });
    // one period
    const q1 = (await req('GET', `/api/finance/budget-vs-actual?programId=${programId}&period=2026-04-01`)).json();
    expect(q1.lines.find((l: { lineKey: string }) => l.lineKey === personnel.lineKey)).toMatchObject({ budget: 20_000_000_00, spent: 0 });
    // by grant
    const g = (await req('GET', `/api/finance/budget-vs-actual?grantId=${grantId}`)).json();
    expect(g.lines.map((l: { lineKey: string }) => l.lineKey)).toEqual([personnel.lineKey]);
    expect(g.title).toBe('Hibah Yayasan Air');
    // approving past the line's budget: overspent
    const rides = (await req('GET', `/api/finance/expenses?lineKey=${travel.lineKey}`)).json().items;
    for (const ride of rides) expect((await req('POST', `/api/finance/expenses/${ride.id}/review`, { decision: 'approve', version: ride.version }, finance.headers)).statusCode).toBe(200);
    const after = (await req('GET', `/api/finance/budget-vs-actual?programId=${programId}`)).json();
    expect(after.warnings.find((w: { lineKey?: string }) => w.lineKey === travel.lineKey)).toMatchObject({ kind: 'line_overspent', message: 'The line "Transport desa" is overspent by IDR 0.2.' });
    expect((await req('GET', '/api/finance/budget-vs-actual')).statusCode).toBe(400);
    const x = await req('GET', `/api/finance/budget-vs-actual.xlsx?programId=${programId}&lang=en`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('imports expenses from a bank CSV: preview with per-row problems, then the good rows as submitted expenses', async () => {
    const [, travel] = budget.lines;
    const csv = 'Tanggal;Keterangan;Jumlah;Penerima\n05/02/2026;Bensin;Rp 0,10;SPBU\nkemarin;Parkir;5.000;Tukang parkir\n06/02/2026;;0,05;X\n';
    const body = { programId, lineKey: travel.lineKey, csv };
    const pre = await req('POST', '/api/finance/expense-imports/preview', body, staff.headers);
    expect(pre.statusCode, pre.body).toBe(200);
    const p = pre.json();
    expect(p.headers).toEqual(['Tanggal', 'Keterangan', 'Jumlah', 'Penerima']);
    expect(p.mapping).toEqual({ date: 0, amount: 2, description: 1, payee: 3 });
    expect(p.rows.map((r: { line: number; errors: { field: string; code: string }[] }) => [r.line, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([[2, []], [3, ['date:invalid_date']], [4, ['description:required']]]);
    expect(p).toMatchObject({ valid: 1, invalid: 2 });
    expect(p.rows[0]).toMatchObject({ date: '2026-02-05', amount: 10, description: 'Bensin', payee: 'SPBU' });
    const before = (await req('GET', '/api/finance/expenses')).json().total;
    const run = await req('POST', '/api/finance/expense-imports', body, staff.headers);
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toEqual({ imported: 1, skipped: 2 });
    const list = (await req('GET', '/api/finance/expenses?q=Bensin')).json();
    expect(list.items[0]).toMatchObject({ status: 'submitted', source: 'import', amount: 10, payee: 'SPBU' });
    expect((await req('GET', '/api/finance/expenses')).json().total).toBe(before + 1);
    // a mapping of its own; a file with nothing good is refused
    const mapped = (await req('POST', '/api/finance/expense-imports/preview', { ...body, mapping: { date: 0, amount: 2, description: 3 } }, staff.headers)).json();
    expect(mapped.rows[2].errors).toEqual([]);
    expect((await req('POST', '/api/finance/expense-imports', { ...body, csv: 'a,b\n1,2\n' }, staff.headers)).json().error.code).toBe('nothing_to_import');
    expect((await req('POST', '/api/finance/expense-imports/preview', { ...body, lineKey: programId }, staff.headers)).json().error.fields.lineKey.code).toBe('not_found');
  });

  it('moves expenses and budgets to the bin and back', async () => {
    const e = (await req('GET', '/api/finance/expenses?q=Bensin')).json().items[0];
    expect((await req('DELETE', `/api/finance/expenses/${e.id}`, undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('GET', '/api/finance/expenses?q=Bensin')).json().total).toBe(0);
    expect((await req('POST', `/api/finance/expenses/${e.id}/restore`, undefined, staff.headers)).json().deletedAt).toBeNull();
    // a line with expenses cannot be dropped
    expect((await req('PUT', `/api/programs/${programId}/budget/lines`, { version: budget.version, lines: [] }, finance.headers)).json().error.code).toBe('budget_line_has_expenses');
    expect((await req('DELETE', `/api/programs/${programId}/budget`, undefined, finance.headers)).statusCode).toBe(200);
    expect((await req('GET', `/api/programs/${programId}/budget`)).json()).toBeNull();
    expect((await req('POST', `/api/programs/${programId}/budget/restore`, undefined, finance.headers)).json().deletedAt).toBeNull();
    expect((await req('GET', `/api/programs/${programId}/budget`)).json().total).toBe(50_000_000_00 + 100);
  });
});
