import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/funding.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { sendFundingReminders } from './grants.service.ts';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10); // Asia/Jakarta

describe.each(DATABASES)('funding on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const ok = async (method: string, url: string, payload?: object, status = 200) => {
    const res = await req(method, url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const funder = (body: object) => ok('POST', '/api/funders', { kind: 'foundation', ...body }, 201);

  it('keeps funders with contacts and interaction notes; an individual donor from the registry gets the donor role', async () => {
    const f = await funder({ name: 'Yayasan Sejahtera', email: 'info@sejahtera.org', country: 'ID', tags: ['pendidikan'] });
    expect(f).toMatchObject({ name: 'Yayasan Sejahtera', kind: 'foundation', version: 1, grantCount: 0 });
    const c = await ok('POST', `/api/funders/${f.id}/contacts`, { name: 'Ibu Ratna', position: 'Program officer', email: 'ratna@sejahtera.org' }, 201);
    const i = await ok('POST', `/api/funders/${f.id}/interactions`, { date: '2026-03-02', kind: 'meeting', summary: 'Membahas konsep air bersih', nextStep: 'Kirim konsep' }, 201);
    expect(i).toMatchObject({ kind: 'meeting', by: { id: owner.userId } });
    const detail = await ok('GET', `/api/funders/${f.id}`);
    expect(detail.contacts.map((x: { name: string }) => x.name)).toEqual(['Ibu Ratna']);
    expect(detail.interactions[0]).toMatchObject({ summary: 'Membahas konsep air bersih', nextStep: 'Kirim konsep', date: '2026-03-02' });
    expect((await ok('PATCH', `/api/funder-contacts/${c.id}`, { phone: '0811', version: 1 })).version).toBe(2);
    expect((await req('PATCH', `/api/funder-contacts/${c.id}`, { phone: '0812', version: 1 })).statusCode).toBe(409);
    expect((await ok('PATCH', `/api/funder-interactions/${i.id}`, { kind: 'call', version: 1 })).kind).toBe('call');
    await ok('DELETE', `/api/funder-interactions/${i.id}`);
    expect((await ok('GET', `/api/funders/${f.id}`)).interactions).toHaveLength(0);
    await ok('POST', `/api/funder-interactions/${i.id}/restore`);
    await ok('DELETE', `/api/funder-contacts/${c.id}`);
    await ok('POST', `/api/funder-contacts/${c.id}/restore`);

    // an individual donor
    const person = (await req('POST', '/api/people', { fullName: 'Haji Darmawan' })).json();
    const donor = await funder({ kind: 'individual', name: 'Haji Darmawan', personId: person.id });
    expect(donor.person).toMatchObject({ id: person.id, name: 'Haji Darmawan' });
    expect((await ok('GET', `/api/people/${person.id}`)).roles).toContain('donor');
    const twice = await req('POST', '/api/funders', { kind: 'individual', name: 'Lagi', personId: person.id });
    expect(twice.json().error.fields.personId.code).toBe('person_already_funder');
    const notIndividual = await req('POST', '/api/funders', { kind: 'company', name: 'PT X', personId: person.id });
    expect(notIndividual.json().error.fields.personId.code).toBe('person_individual_only');

    // search (by name and by contact), kind filter, paging
    await funder({ name: 'Kedutaan Besar Contoh', kind: 'bilateral' });
    expect((await ok('GET', '/api/funders?q=sejahtera')).items.map((x: { name: string }) => x.name)).toEqual(['Yayasan Sejahtera']);
    expect((await ok('GET', '/api/funders?q=ratna')).items.map((x: { name: string }) => x.name)).toEqual(['Yayasan Sejahtera']);
    expect((await ok('GET', '/api/funders?kind=bilateral')).items.map((x: { name: string }) => x.name)).toEqual(['Kedutaan Besar Contoh']);
    const p1 = await ok('GET', '/api/funders?limit=2');
    expect(p1.items).toHaveLength(2);
    expect(p1.total).toBe(3);
    const p2 = await ok('GET', `/api/funders?limit=2&cursor=${p1.nextCursor}`);
    expect(p2.items).toHaveLength(1);

    // versioned update, delete, restore, history
    expect((await req('PATCH', `/api/funders/${f.id}`, { name: 'Baru', version: 9 })).statusCode).toBe(409);
    expect((await ok('PATCH', `/api/funders/${f.id}`, { notes: 'Mitra lama', version: 1 })).notes).toBe('Mitra lama');
    await ok('DELETE', `/api/funders/${f.id}`);
    expect((await req('GET', `/api/funders/${f.id}`)).statusCode).toBe(404);
    expect((await ok('GET', '/api/funders?deleted=true')).items.map((x: { name: string }) => x.name)).toEqual(['Yayasan Sejahtera']);
    await ok('POST', `/api/funders/${f.id}/restore`);
    const history = (await ok('GET', `/api/history/funder/${f.id}`)).items.map((x: { action: string }) => x.action);
    expect(history).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('merging two people who are both individual donors keeps one funder with both histories, and the undo splits them again', async () => {
    const same = { sex: 'male', birthDate: '1961-07-17' };
    const keptPerson = await ok('POST', '/api/people', { fullName: 'Haji Sulaiman', ...same }, 201);
    const mergedPerson = await ok('POST', '/api/people', { fullName: 'Haji Sulaiman', ...same, phone: '081233334444' }, 201);
    const kept = await funder({ kind: 'individual', name: 'Haji Sulaiman', personId: keptPerson.id });
    const merged = await funder({ kind: 'individual', name: 'H. Sulaiman', personId: mergedPerson.id });
    const contact = await ok('POST', `/api/funders/${merged.id}/contacts`, { name: 'Pak Rahmat (anak)' }, 201);
    const note = await ok('POST', `/api/funders/${merged.id}/interactions`, { date: '2026-02-01', kind: 'visit', summary: 'Siap mendukung beasiswa' }, 201);
    const opp = await ok('POST', '/api/opportunities', { funderId: merged.id, title: 'Beasiswa santri', amount: 10_000_000_00 }, 201);
    const pair = (await ok('GET', `/api/duplicates?personId=${keptPerson.id}`)).items[0];
    expect(pair, 'the two records are queued as a pair').toBeDefined();
    const m = await ok('POST', `/api/duplicates/${pair.id}/merge`, { version: pair.version, keepId: keptPerson.id });

    const after = await ok('GET', `/api/funders/${kept.id}`);
    expect(after.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect(after.interactions.map((i: { id: string }) => i.id)).toEqual([note.id]);
    expect((await ok('GET', `/api/opportunities/${opp.id}`)).funder.id).toBe(kept.id);
    expect((await req('GET', `/api/funders/${merged.id}`)).statusCode).toBe(404);

    await ok('POST', `/api/merges/${m.mergeId}/undo`);
    expect((await ok('GET', `/api/funders/${kept.id}`)).contacts).toEqual([]);
    const back = await ok('GET', `/api/funders/${merged.id}`);
    expect(back).toMatchObject({ person: { id: mergedPerson.id } });
    expect(back.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect((await ok('GET', `/api/opportunities/${opp.id}`)).funder.id).toBe(merged.id);

    // only the merged person was a donor: the funder follows them to the kept person, and back
    const other = await ok('POST', '/api/people', { fullName: 'Ibu Kartini Sari', sex: 'female', birthDate: '1970-04-21' }, 201);
    const twin = await ok('POST', '/api/people', { fullName: 'Ibu Kartini Sari', sex: 'female', birthDate: '1970-04-21', phone: '081255556666' }, 201);
    const solo = await funder({ kind: 'individual', name: 'Ibu Kartini Sari', personId: twin.id });
    const p2 = (await ok('GET', `/api/duplicates?personId=${other.id}`)).items[0];
    const m2 = await ok('POST', `/api/duplicates/${p2.id}/merge`, { version: p2.version, keepId: other.id });
    expect((await ok('GET', `/api/funders/${solo.id}`)).person.id).toBe(other.id);
    await ok('POST', `/api/merges/${m2.mergeId}/undo`);
    expect((await ok('GET', `/api/funders/${solo.id}`)).person.id).toBe(twin.id);
  });

  it('runs the pipeline: stages, weighted forecast, filters; awarded opens the way to a grant made from it', async () => {
    const f = await funder({ name: 'Dana Iklim' });
    const program = (await req('POST', '/api/programs', { name: 'Air Bersih Desa' })).json();
    const a = await ok('POST', '/api/opportunities', { funderId: f.id, title: 'Sumur bor', amount: 150_000_000_00, currency: 'IDR', probability: 50, deadline: '2026-06-30', programIds: [program.id] }, 201);
    expect(a).toMatchObject({ stage: 'identified', amount: 150_000_000_00, owner: { id: owner.userId }, programs: [{ id: program.id, name: 'Air Bersih Desa' }] });
    await ok('POST', '/api/opportunities', { funderId: f.id, title: 'Sanitasi', amount: 333, probability: 50, stage: 'concept' }, 201);
    await ok('POST', '/api/opportunities', { funderId: f.id, title: 'Pelatihan', amount: 10_000_00, currency: 'USD', probability: 25, stage: 'submitted' }, 201);
    const board = await ok('GET', `/api/opportunities?funderId=${f.id}`);
    expect(board.items).toHaveLength(3);
    expect(board.forecast.open).toEqual([
      { currency: 'IDR', amount: 150_000_000_00 + 333, weighted: 75_000_000_00 + 167 },
      { currency: 'USD', amount: 10_000_00, weighted: 2_500_00 },
    ]);
    expect((await ok('GET', `/api/opportunities?programId=${program.id}`)).items.map((o: { title: string }) => o.title)).toEqual(['Sumur bor']);
    expect((await ok('GET', `/api/opportunities?q=sanit`)).items.map((o: { title: string }) => o.title)).toEqual(['Sanitasi']);
    expect((await ok('GET', `/api/opportunities?stage=submitted&funderId=${f.id}`)).items).toHaveLength(1);

    // a grant cannot come from an opportunity not yet awarded
    const early = await req('POST', '/api/grants', { funderId: f.id, title: 'Sumur bor', amount: 1, startDate: '2026-01-01', endDate: '2026-12-31', opportunityId: a.id });
    expect(early.json().error.fields.opportunityId.code).toBe('opportunity_not_awarded');

    // moving to awarded sets 100 %, is a 'stage' entry in the history; a stale move is refused
    const moved = await ok('PATCH', `/api/opportunities/${a.id}`, { stage: 'awarded', version: 1 });
    expect(moved).toMatchObject({ stage: 'awarded', probability: 100, version: 2 });
    expect((await req('PATCH', `/api/opportunities/${a.id}`, { stage: 'declined', version: 1 })).statusCode).toBe(409);
    expect((await ok('GET', `/api/history/opportunity/${a.id}`)).items.map((x: { action: string }) => x.action)).toEqual(['stage', 'create']);

    const g = await ok('POST', '/api/grants', {
      funderId: f.id, title: 'Sumur bor', amount: moved.amount, currency: 'IDR', startDate: '2026-01-01', endDate: '2026-12-31', programIds: [program.id], opportunityId: a.id,
      restricted: true, allowedCategories: ['personnel', 'equipment'], schedule: { frequency: 'quarterly', dueDays: 30, finalDays: 60 },
    }, 201);
    expect(g).toMatchObject({ opportunityId: a.id, amount: 150_000_000_00, allowedCategories: ['personnel', 'equipment'], reportFrequency: 'quarterly', programs: [{ id: program.id }] });
    // three quarters × (narrative, financial) + the final pair
    expect(g.reports).toHaveLength(8);
    expect(g.reports.filter((r: { final: boolean }) => r.final).map((r: { dueDate: string }) => r.dueDate)).toEqual(['2027-03-01', '2027-03-01']);
    expect((await ok('GET', `/api/opportunities/${a.id}`)).grantId).toBe(g.id);
    const again = await req('POST', '/api/grants', { funderId: f.id, title: 'x', amount: 1, startDate: '2026-01-01', endDate: '2026-12-31', opportunityId: a.id });
    expect(again.json().error.fields.opportunityId.code).toBe('opportunity_has_grant');
    expect((await ok('GET', `/api/funders/${f.id}`)).grantCount).toBe(1);
  });

  it('tracks grant reports: status steps, overdue ones highlighted and filtered, the schedule made again keeps what was sent', async () => {
    const f = await funder({ name: 'Kementerian Contoh', kind: 'government' });
    const g = await ok('POST', '/api/grants', { funderId: f.id, title: 'Posyandu', amount: 50_000_000_00, startDate: '2025-01-01', endDate: '2027-06-30', schedule: { frequency: 'semester', kinds: ['narrative'] } }, 201);
    const overdue = g.reports.filter((r: { overdue: boolean }) => r.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(g.overdueReports).toBe(overdue.length);
    expect((await ok('GET', `/api/grants?overdue=true&funderId=${f.id}`)).items.map((x: { title: string }) => x.title)).toEqual(['Posyandu']);
    expect((await ok('GET', `/api/grants?funderId=${f.id}&status=active`)).items).toHaveLength(1);
    expect((await ok('GET', `/api/grants?status=closed&funderId=${f.id}`)).items).toHaveLength(0);

    const r = overdue[0];
    const sub = await ok('PATCH', `/api/grant-reports/${r.id}`, { status: 'submitted', version: r.version });
    expect(sub).toMatchObject({ status: 'submitted', overdue: false });
    expect(sub.submittedAt).not.toBeNull();
    const acc = await ok('PATCH', `/api/grant-reports/${r.id}`, { status: 'accepted', note: 'Diterima tanpa catatan', version: sub.version });
    expect(acc.acceptedAt).not.toBeNull();
    expect(acc.submittedAt).toBe(sub.submittedAt);
    expect((await req('PATCH', `/api/grant-reports/${r.id}`, { status: 'due', version: sub.version })).statusCode).toBe(409);
    expect((await ok('GET', `/api/grants/${g.id}`)).overdueReports).toBe(overdue.length - 1);

    // a different schedule: the accepted report stays, the due ones are replaced
    const detail = await ok('GET', `/api/grants/${g.id}`);
    const re = await ok('POST', `/api/grants/${g.id}/schedule`, { frequency: 'yearly', kinds: ['narrative', 'financial'], version: detail.version });
    expect(re.reportFrequency).toBe('yearly');
    expect(re.reports.filter((x: { status: string }) => x.status === 'accepted')).toHaveLength(1);
    expect(re.reports.filter((x: { status: string }) => x.status === 'due')).toHaveLength(6); // 2025, 2026 + final, each twice
    // one report by hand, edited, removed and restored
    const extra = await ok('POST', `/api/grants/${g.id}/reports`, { kind: 'financial', periodStart: '2025-01-01', periodEnd: '2025-03-31', dueDate: '2025-04-30' }, 201);
    expect(extra.overdue).toBe(true);
    expect((await ok('PATCH', `/api/grant-reports/${extra.id}`, { dueDate: '2099-01-01', version: 1 })).overdue).toBe(false);
    await ok('DELETE', `/api/grant-reports/${extra.id}`);
    await ok('POST', `/api/grant-reports/${extra.id}/restore`);
    const changedGrant = await ok('PATCH', `/api/grants/${g.id}`, { status: 'closed', restricted: false, version: re.version });
    expect(changedGrant).toMatchObject({ status: 'closed', restricted: false });
    await ok('DELETE', `/api/grants/${g.id}`);
    expect((await req('GET', `/api/grants/${g.id}`)).statusCode).toBe(404);
    await ok('POST', `/api/grants/${g.id}/restore`);
  });

  it('refuses bad input field by field in the caller’s language, and what a role may not do', async () => {
    const f = await funder({ name: 'Validasi' });
    const bad = await req('POST', '/api/grants', { funderId: f.id, title: '', amount: 1.5, currency: 'rp', startDate: '2026-05-01', endDate: '2026-13-01', allowedCategories: ['Snacks!'] }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    const { fields } = bad.json().error;
    expect(Object.keys(fields).sort()).toEqual(['allowedCategories.0', 'amount', 'currency', 'endDate', 'title'].sort());
    expect(fields.currency.message).toBe('Kode mata uang harus tiga huruf besar (mis. IDR).');
    // allowed categories are the organisation's own (Finance → categories), its added ones too
    const cats = (await ok('GET', '/api/finance/categories')).categories;
    await ok('PUT', '/api/finance/categories', { categories: [...cats, { code: 'training', label: { id: 'Pelatihan', en: 'Training' } }] });
    const unknown = await req('POST', '/api/grants', { funderId: f.id, title: 'x', amount: 1, startDate: '2026-01-01', endDate: '2026-12-31', allowedCategories: ['training', 'snacks'] }, { ...owner.headers, 'accept-language': 'en' });
    expect(unknown.json().error.fields.allowedCategories).toMatchObject({ code: 'invalid_option' });
    expect((await ok('POST', '/api/grants', { funderId: f.id, title: 'Pelatihan', amount: 1, startDate: '2026-01-01', endDate: '2026-12-31', allowedCategories: ['training', 'personnel'] }, 201)).allowedCategories).toEqual(['training', 'personnel']);
    const order = await req('POST', '/api/grants', { funderId: f.id, title: 'x', amount: 1, startDate: '2026-05-01', endDate: '2026-01-01' }, { ...owner.headers, 'accept-language': 'en' });
    expect(order.json().error.fields.endDate.message).toBe('The end date cannot be before the start date.');
    const other = await signUpWithOrg(t.app);
    const foreign = await req('POST', '/api/opportunities', { funderId: f.id, title: 'x', ownerId: other.userId, probability: 101 });
    expect(Object.keys(foreign.json().error.fields)).toEqual(['probability']);
    const foreign2 = await req('POST', '/api/opportunities', { funderId: '0190a8b4-0000-7000-8000-000000000000', title: 'x', ownerId: other.userId, programIds: ['0190a8b4-0000-7000-8000-000000000001'] });
    expect(foreign2.json().error.fields).toMatchObject({ funderId: { code: 'funder_not_found' }, ownerId: { code: 'not_a_member' }, 'programIds.0': { code: 'unknown_program' } });
    expect((await req('POST', '/api/opportunities', { funderId: f.id, title: 'x', amount: Number.MAX_SAFE_INTEGER + 2 })).statusCode).toBe(400);
    expect((await req('POST', '/api/funders/x/contacts', { name: 'x' })).statusCode).toBe(404);
    expect((await req('POST', `/api/funders/${f.id}/interactions`, { date: '2026-02-30', kind: 'party', summary: '' })).json().error.fields).toMatchObject({ date: { code: 'invalid_date' }, kind: { code: 'invalid_option' } });
    expect((await req('GET', '/api/funders?cursor=forged')).statusCode).toBe(400);

    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('GET', '/api/funders', undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('POST', '/api/funders', { kind: 'company', name: 'PT Staf' }, staff.headers)).statusCode).toBe(403);
    const finance = await addMember(t.app, owner, 'finance');
    expect((await req('POST', '/api/funders', { kind: 'company', name: 'PT Keuangan' }, finance.headers)).statusCode).toBe(201);
  });

  it('lists my deadlines for the home screen and reminds each deadline once, a week before', async () => {
    const manager = await addMember(t.app, owner, 'manager');
    const f = await funder({ name: 'Pengingat' });
    const d = today();
    const soon = await ok('POST', '/api/opportunities', { funderId: f.id, title: 'Proposal Pengingat', deadline: addDays(d, 3), ownerId: manager.userId }, 201);
    await ok('POST', '/api/opportunities', { funderId: f.id, title: 'Proposal Jauh', deadline: addDays(d, 60), ownerId: manager.userId }, 201);
    await ok('POST', '/api/grants', { funderId: f.id, title: 'Hibah Pengingat', amount: 1, startDate: addDays(d, -200), endDate: addDays(d, 400), responsibleId: manager.userId, schedule: { frequency: 'quarterly', kinds: ['financial'], dueDays: 0 } }, 201);
    const mine = (await req('GET', '/api/funding/deadlines', undefined, manager.headers)).json().items;
    expect(mine.map((x: { title: string }) => x.title)).toContain('Proposal Pengingat');
    expect(mine.map((x: { title: string }) => x.title)).not.toContain('Proposal Jauh');
    expect(mine.some((x: { kind: string; overdue: boolean; title: string }) => x.kind === 'report' && x.overdue && x.title === 'Hibah Pengingat')).toBe(true);
    // the owner is not the opportunity's owner: not on their list
    expect((await ok('GET', '/api/funding/deadlines')).items.map((x: { title: string }) => x.title)).not.toContain('Proposal Pengingat');

    const n = await sendFundingReminders(t.db, t.app.services.mailer);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await sendFundingReminders(t.db, t.app.services.mailer)).toBe(0);
    const { rows } = await t.db.query<{ to_email: string; body: string }>(`SELECT to_email, body FROM mail_outbox WHERE org_id = $1 AND subject LIKE '%Proposal Pengingat%'`, [owner.orgId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].to_email).toBe(manager.email);
    expect(rows[0].body).toContain(addDays(d, 3));
    // a moved deadline is reminded again
    await ok('PATCH', `/api/opportunities/${soon.id}`, { deadline: addDays(d, 5), version: soon.version });
    expect(await sendFundingReminders(t.db, t.app.services.mailer)).toBe(1);
  });
});
