import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PATTERN, formatCode } from '../../../domain/participation.ts';
import { pdfText } from '../../platform/pdf/text.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp, testConfig } from '../../testing.ts';
import { MAX_FORM_AGE_MS, MIN_FILL_MS, formToken } from './links.service.ts';
import { PUBLIC_LIMITS } from './participation.routes.ts';

describe.each(DATABASES)('registration and attendance on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const person = async (fullName: string, extra: object = {}) => {
    const r = await req('POST', '/api/people', { fullName, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const activity = async (extra: object = {}) => {
    const r = await req('POST', '/api/activities', { title: 'Pelatihan kader', type: 'training', startDate: '2031-03-03', startTime: '09:00', endTime: '12:00', ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().item as { id: string; version: number };
  };
  const regs = async (activityId: string, query = '') => (await req('GET', `/api/activities/${activityId}/registrations?limit=200${query}`)).json();

  it("sums a program's participation: registered vs attended, repeat participation, new vs returning per month, the people reached", async () => {
    const program = (await req('POST', '/api/programs', { name: 'Program Partisipasi', startDate: '2026-01-01', endDate: '2026-12-31' })).json().id as string;
    const held = async (startDate: string, extra: object = {}) => (await activity({ programId: program, startDate, ...extra })).id;
    const jan = await held('2026-01-10');
    const feb = await held('2026-02-10');
    const called = await held('2026-02-20');
    const [ani, budi, citra] = [await person('Ani Partisipan', { sex: 'female', areaCode: '32.04.05.2001' }), await person('Budi Partisipan', { sex: 'male', areaCode: '32.04.05.2001' }), await person('Citra Partisipan', { sex: 'female', areaCode: '31.71' })];
    for (const [a, p] of [[jan, ani], [jan, budi], [feb, ani], [feb, citra]]) expect((await req('POST', `/api/activities/${a}/registrations`, { personId: p })).statusCode).toBe(201);
    const come = async (a: string, p: string) => expect((await req('PUT', `/api/activities/${a}/attendance/${p}`, {})).statusCode).toBe(200);
    await come(jan, ani); // registered, came
    await come(feb, ani); // registered, came again: returning in February
    await come(feb, budi); // walked in (registered for January only, and did not come then)
    await come(called, citra);
    await req('PATCH', `/api/activities/${called}`, { status: 'cancelled', cancelReason: 'Banjir', version: 1 }); // cancelled: none of it counts
    await held('2099-01-01'); // not held yet

    const res = await req('GET', `/api/programs/${program}/participation?frequency=month`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.totals).toEqual({ activities: 2, registered: 4, attended: 3, attendedRegistered: 2, walkIns: 1, attendanceRate: 0.5, people: 2 });
    expect(p.repeat).toEqual([{ key: '1', count: 1 }, { key: '2', count: 1 }, { key: '3', count: 0 }, { key: '4', count: 0 }, { key: '5+', count: 0 }]);
    const [m1, m2] = p.periods;
    expect(m1).toEqual({ start: '2026-01-01', end: '2026-01-31', activities: 1, attended: 1, people: 1, newPeople: 1, returningPeople: 0 });
    expect(m2).toEqual({ start: '2026-02-01', end: '2026-02-28', activities: 1, attended: 2, people: 2, newPeople: 1, returningPeople: 1 });
    expect(p.reach.series.periods[1].toDate).toBe(2);
    expect(p.reach.series.periods[1].parts.sex).toEqual({ female: { value: 0, toDate: 1 }, male: { value: 1, toDate: 1 } });
    expect(p.reach.areaNames['32.04']).toBeTruthy();
    // another organisation's member, and a missing program
    const stranger = await signUpWithOrg(t.app);
    expect((await req('GET', `/api/programs/${program}/participation`, undefined, stranger.headers)).statusCode).toBe(404);
    expect((await req('GET', `/api/programs/${program}/participation?frequency=week`)).statusCode).toBe(400);
  });

  it('gives places up to the capacity, then a waitlist in order; a cancellation and a capacity raise move it up', async () => {
    const a = await activity({ capacity: 2 });
    const citraMail = `citra.${Date.now()}@example.org`;
    const ids = [await person('Ani Lestari'), await person('Budi Santoso'), await person('Citra Dewi', { email: citraMail }), await person('Dodi Saputra')];
    const made = [];
    for (const id of ids) {
      const r = await req('POST', `/api/activities/${a.id}/registrations`, { personId: id });
      expect(r.statusCode, r.body).toBe(201);
      made.push(r.json().item);
    }
    expect(made.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
    expect(made.map((r) => r.waitlistPosition)).toEqual([null, null, 1, 2]);
    expect(made.every((r) => CODE_PATTERN.test(r.code))).toBe(true);
    expect(new Set(made.map((r) => r.code)).size).toBe(4);
    // the same person again: refused, the registration they have is named
    const again = await req('POST', `/api/activities/${a.id}/registrations`, { personId: ids[0] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_registered', details: { registrationId: made[0].id } });

    const list = await regs(a.id);
    expect(list.counts).toEqual({ registered: 2, waitlisted: 2, cancelled: 0, needsReview: 0, attended: 0 });
    expect(list.items.map((r: { person: { fullName: string } }) => r.person.fullName)).toEqual(['Ani Lestari', 'Budi Santoso', 'Citra Dewi', 'Dodi Saputra']);

    // Budi cancels: Citra, first in line, moves up in the same request
    const cancel = await req('POST', `/api/registrations/${made[1].id}/cancel`, { version: made[1].version, reason: 'Sakit' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().item).toMatchObject({ status: 'cancelled', cancelReason: 'Sakit' });
    expect(cancel.json().movedUp).toEqual([{ id: made[2].id, fullName: 'Citra Dewi' }]);
    // Citra hears of it at the address the registry holds, in both languages, with her code
    const mail = (await t.db.query<{ subject: string; body: string }>('SELECT subject, body FROM mail_outbox WHERE to_email = $1', [citraMail])).rows;
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('Anda mendapat tempat');
    expect(mail[0].subject).toContain('You have a place');
    expect(mail[0].body).toContain(formatCode(made[2].code));
    expect(mail[0].body).toContain('Halo Citra Dewi');
    expect((await req('POST', `/api/registrations/${made[1].id}/cancel`, { version: made[1].version })).statusCode).toBe(409);
    const after = await regs(a.id);
    expect(after.items.map((r: { person: { fullName: string }; status: string; waitlistPosition: number | null }) => [r.person.fullName, r.status, r.waitlistPosition])).toEqual([
      ['Ani Lestari', 'registered', null],
      ['Citra Dewi', 'registered', null],
      ['Dodi Saputra', 'waitlisted', 1],
      ['Budi Santoso', 'cancelled', null],
    ]);
    // undo: no place is free, so Budi waits — ahead of Dodi, in his old place in line
    const undo = await req('POST', `/api/registrations/${made[1].id}/restore`, { version: cancel.json().item.version });
    expect(undo.json().item).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // a waitlisted cancellation frees no place
    const dodi = (await regs(a.id, '&status=waitlisted')).items.find((r: { person: { fullName: string } }) => r.person.fullName === 'Dodi Saputra');
    expect((await req('POST', `/api/registrations/${dodi.id}/cancel`, { version: dodi.version })).json().movedUp).toEqual([]);
    // more places: Budi moves up with the activity change
    const up = await req('PATCH', `/api/activities/${a.id}`, { capacity: 5, version: a.version });
    expect(up.statusCode, up.body).toBe(200);
    expect((await regs(a.id)).counts).toMatchObject({ registered: 3, waitlisted: 0, cancelled: 1 });
    // search by name words, phone and code; filter by status; paging
    expect((await regs(a.id, '&q=citra')).items).toHaveLength(1);
    expect((await regs(a.id, `&q=${made[0].code.toLowerCase()}`)).items.map((r: { id: string }) => r.id)).toEqual([made[0].id]);
    const page1 = await regs(a.id, '').then(() => req('GET', `/api/activities/${a.id}/registrations?limit=2`));
    const p1 = page1.json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await req('GET', `/api/activities/${a.id}/registrations?limit=2&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((r: { id: string }) => r.id)).toEqual((await regs(a.id)).items.map((r: { id: string }) => r.id));
    expect((await req('GET', `/api/activities/${a.id}/registrations?cursor=bogus`)).statusCode).toBe(400);
    // every change is in the activity's history
    const actions = (await req('GET', `/api/history/activity/${a.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['register', 'cancel_registration', 'move_up', 'restore_registration']));
  });

  it('never overbooks: twelve registrations at once for three places give exactly three places and a waitlist in order', async () => {
    const a = await activity({ capacity: 3 });
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await person(`Peserta Serentak ${String.fromCharCode(65 + i)}`));
    const results = await Promise.all(people.map((id) => req('POST', `/api/activities/${a.id}/registrations`, { personId: id })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const { rows } = await t.db.query<{ status: string; created_at: string; id: string }>(
      `SELECT status, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US') AS created_at, id FROM activity_registrations WHERE activity_id = $1 ORDER BY created_at, id`,
      [a.id],
    );
    expect(rows.filter((r) => r.status === 'registered')).toHaveLength(3);
    // the places went to the first three in line; the waitlist follows in the same order
    expect(rows.map((r) => r.status)).toEqual([...Array(3).fill('registered'), ...Array(9).fill('waitlisted')]);
    const list = await regs(a.id);
    expect(list.items.filter((r: { status: string }) => r.status === 'waitlisted').map((r: { waitlistPosition: number }) => r.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // cancelling two places at once moves exactly the first two of the line up
    const registered = list.items.filter((r: { status: string }) => r.status === 'registered');
    const cancels = await Promise.all(registered.slice(0, 2).map((r: { id: string; version: number }) => req('POST', `/api/registrations/${r.id}/cancel`, { version: r.version })));
    expect(cancels.map((c) => c.statusCode)).toEqual([200, 200]);
    const moved = cancels.flatMap((c) => c.json().movedUp.map((m: { id: string }) => m.id));
    const firstTwo = list.items.filter((r: { waitlistPosition: number | null }) => r.waitlistPosition === 1 || r.waitlistPosition === 2).map((r: { id: string }) => r.id);
    expect(moved.sort()).toEqual(firstTwo.sort());
    expect((await regs(a.id)).counts).toMatchObject({ registered: 3, waitlisted: 7, cancelled: 2 });
  });

  it('refuses registrations for cancelled and deleted activities with a clear error', async () => {
    const a = await activity();
    const p = await person('Eka Putri');
    await req('PATCH', `/api/activities/${a.id}`, { status: 'cancelled', cancelReason: 'Banjir', version: a.version });
    const r = await req('POST', `/api/activities/${a.id}/registrations`, { personId: p }, { ...owner.headers, 'accept-language': 'id' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'activity_cancelled', message: expect.stringMatching(/dibatalkan/) });
    const b = await activity();
    await req('DELETE', `/api/activities/${b.id}`);
    expect((await req('POST', `/api/activities/${b.id}/registrations`, { personId: p })).json().error.code).toBe('activity_deleted');
    const c = await activity();
    expect((await req('POST', `/api/activities/${c.id}/registrations`, { personId: '0190a0a0-0000-7000-8000-000000000000' })).json().error.fields.personId.code).toBe('not_found');
    expect((await req('POST', `/api/activities/${c.id}/registrations`, { personId: 'nope' })).statusCode).toBe(400);
    // a viewer reads but does not register
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('GET', `/api/activities/${c.id}/registrations`, undefined, viewer.headers)).statusCode).toBe(200);
    expect((await req('POST', `/api/activities/${c.id}/registrations`, { personId: p }, viewer.headers)).statusCode).toBe(403);
  });

  it('counts a check-in once however often it is sent; by code too; corrections are audited; the sheet ticks many', async () => {
    const a = await activity({ capacity: 10 });
    const ani = await person('Ani Check');
    const budi = await person('Budi Check');
    const citra = await person('Citra Check');
    const reg = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: budi })).json().item;
    const first = await req('PUT', `/api/activities/${a.id}/attendance/${ani}`, { method: 'list', checkedInAt: '2025-06-01T02:05:00Z' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: true, item: { person: { id: ani }, method: 'list', registrationStatus: null } });
    // an offline queue replaying the same check-in (and another device ticking the same person)
    const again = await Promise.all([1, 2, 3].map(() => req('PUT', `/api/activities/${a.id}/attendance/${ani}`, { method: 'list', checkedInAt: '2025-06-01T02:06:00Z' })));
    expect(again.map((r) => r.json().created)).toEqual([false, false, false]);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1', [a.id]);
    expect(rows[0].n).toBe(1);
    // the time the device saw is kept; a time in the future is taken as now
    expect(again[0].json().item.checkedInAt).toBe('2025-06-01T02:05:00.000Z');
    // by code, as typed from a hand-held scanner
    const byCode = await req('POST', `/api/activities/${a.id}/attendance/code`, { code: ` ${reg.code.slice(0, 5).toLowerCase()}-${reg.code.slice(5)} ` });
    expect(byCode.json()).toMatchObject({ created: true, item: { person: { id: budi }, method: 'qr', registrationStatus: 'registered' } });
    expect((await req('POST', `/api/activities/${a.id}/attendance/code`, { code: reg.code })).json().created).toBe(false);
    expect((await req('POST', `/api/activities/${a.id}/attendance/code`, { code: 'O0I1' })).json().error.fields.code.code).toBe('invalid_code');
    expect((await req('POST', `/api/activities/${a.id}/attendance/code`, { code: 'ZZZZZZZZZZ' })).json().error.code).toBe('code_not_found');
    const other = await activity();
    const wrong = await req('POST', `/api/activities/${other.id}/attendance/code`, { code: reg.code });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toBe('This code is for another activity: Pelatihan kader.');
    // the registrations list shows who came
    expect((await regs(a.id)).items[0].checkedInAt).toEqual(expect.any(String));
    // a cancelled registration's code is refused, in the caller's language
    const dedi = await person('Dedi Batal');
    const dreg = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: dedi })).json().item;
    await req('POST', `/api/registrations/${dreg.id}/cancel`, { version: dreg.version });
    const cancelled = await req('POST', `/api/activities/${a.id}/attendance/code`, { code: dreg.code });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().error.fields.code.code).toBe('code_cancelled');
    // the sheet: three ticks, one already in
    const sheet = await req('POST', `/api/activities/${a.id}/attendance/sheet`, { personIds: [ani, citra, citra] });
    expect(sheet.json()).toEqual({ added: 1, already: 1 });
    const list = (await req('GET', `/api/activities/${a.id}/attendance`)).json();
    expect(list.total).toBe(3);
    expect(list.items.map((x: { method: string }) => x.method).sort()).toEqual(['list', 'qr', 'sheet']);
    expect((await req('GET', `/api/activities/${a.id}/attendance?q=citra`)).json().items).toHaveLength(1);
    // correction: remove and put back
    const removed = await req('DELETE', `/api/activities/${a.id}/attendance/${citra}`);
    expect(removed.json().removed).toMatchObject({ method: 'sheet' });
    expect((await req('DELETE', `/api/activities/${a.id}/attendance/${citra}`)).statusCode).toBe(404);
    const back = (await req('PUT', `/api/activities/${a.id}/attendance/${citra}`, { method: 'correction', checkedInAt: '2099-01-01T00:00:00Z' })).json();
    expect(back.created).toBe(true);
    expect(back.item.checkedInAt < '2099').toBe(true);
    const actions = (await req('GET', `/api/history/activity/${a.id}`)).json().items.map((x: { action: string }) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['check_in', 'check_in_sheet', 'remove_attendance']));
    // a person's page lists what they registered for and attended
    const mine = (await req('GET', `/api/people/${budi}/participation`)).json();
    expect(mine.counts).toEqual({ registered: 1, attended: 1 });
    expect(mine.items[0]).toMatchObject({ activity: { id: a.id, title: 'Pelatihan kader' }, registrationStatus: 'registered', attended: true });
    expect((await req('GET', `/api/people/${ani}/participation`)).json().items[0]).toMatchObject({ registrationStatus: null, attended: true });
    // a staff member checks in; a viewer cannot
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('PUT', `/api/activities/${a.id}/attendance/${ani}`, { method: 'list' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('PUT', `/api/activities/${a.id}/attendance/${ani}`, { method: 'teleport' })).statusCode).toBe(400);
    // the printable sheet lists the registered people
    const pdf = await req('GET', `/api/activities/${a.id}/sign-in-sheet.pdf?lang=en`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload).join('\n');
    expect(text).toMatch(/Sign-\s?in sheet/);
    expect(text).toContain('Budi Check');
    expect(text).toContain('Signature');
  });

  it('moves registrations and attendance with a merge, one row per person and activity, and back on undo', async () => {
    const a = await activity({ capacity: 2 });
    const b = await activity();
    const c = await activity();
    const w = await activity({ capacity: 2 });
    const kept = await person('Rina Marlina', { sex: 'female', birthDate: '1985-07-12' });
    const merged = await person('Rina Marlina', { sex: 'female', birthDate: '1985-07-12', phone: '081377778888' });
    const other = await person('Sari Waitlist');
    // both registered for A (both hold a place) and both came; only the merged one for B; the merged attended C
    const ra1 = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: kept })).json().item;
    const ra2 = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: merged })).json().item;
    const waiting = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: other })).json().item;
    expect(waiting.status).toBe('waitlisted');
    const rb = (await req('POST', `/api/activities/${b.id}/registrations`, { personId: merged })).json().item;
    // on W the kept one's registration was cancelled, the merged one's holds a place: the better one stays
    const rw1 = (await req('POST', `/api/activities/${w.id}/registrations`, { personId: kept })).json().item;
    await req('POST', `/api/registrations/${rw1.id}/cancel`, { version: rw1.version });
    const rw2 = (await req('POST', `/api/activities/${w.id}/registrations`, { personId: merged })).json().item;
    await req('PUT', `/api/activities/${a.id}/attendance/${kept}`, { method: 'list' });
    await req('PUT', `/api/activities/${a.id}/attendance/${merged}`, { method: 'qr' });
    await req('PUT', `/api/activities/${c.id}/attendance/${merged}`, { method: 'walk_in' });

    const pair = (await req('GET', `/api/duplicates?personId=${kept}`)).json().items[0];
    expect(pair, 'the two records are queued as a pair').toBeDefined();
    const m = await req('POST', `/api/duplicates/${pair.id}/merge`, { version: pair.version, keepId: kept });
    expect(m.statusCode, m.body).toBe(200);
    const regsOf = async (personId: string) =>
      (await t.db.query<{ id: string; activity_id: string; status: string }>('SELECT id, activity_id, status FROM activity_registrations WHERE person_id = $1 ORDER BY activity_id', [personId])).rows;
    const attOf = async (personId: string) => (await t.db.query<{ activity_id: string; method: string }>('SELECT activity_id, method FROM attendance WHERE person_id = $1 ORDER BY activity_id', [personId])).rows;
    expect(await regsOf(merged)).toEqual([]);
    const keptRegs = await regsOf(kept);
    expect(keptRegs.map((r) => [r.activity_id, r.id, r.status]).sort()).toEqual(
      [
        [a.id, ra1.id, 'registered'],
        [b.id, rb.id, 'registered'],
        [w.id, rw2.id, 'registered'],
      ].sort(),
    );
    // the second place on A went to the first in line
    expect((await regs(a.id)).items.find((r: { id: string }) => r.id === waiting.id).status).toBe('registered');
    expect(await attOf(merged)).toEqual([]);
    expect((await attOf(kept)).map((r) => [r.activity_id, r.method]).sort()).toEqual(
      [
        [a.id, 'list'],
        [c.id, 'walk_in'],
      ].sort(),
    );

    const undo = await req('POST', `/api/merges/${m.json().mergeId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await regsOf(merged)).map((r) => [r.activity_id, r.id]).sort()).toEqual(
      [
        [a.id, ra2.id],
        [b.id, rb.id],
        [w.id, rw2.id],
      ].sort(),
    );
    expect((await regsOf(kept)).map((r) => [r.activity_id, r.id, r.status]).sort()).toEqual(
      [
        [a.id, ra1.id, 'registered'],
        [w.id, rw1.id, 'cancelled'],
      ].sort(),
    );
    // A is full again with the one who moved up: the place given back waits first in line instead
    expect((await t.db.query('SELECT status FROM activity_registrations WHERE id = $1', [ra2.id])).rows[0].status).toBe('waitlisted');
    expect((await attOf(merged)).map((r) => [r.activity_id, r.method]).sort()).toEqual(
      [
        [a.id, 'qr'],
        [c.id, 'walk_in'],
      ].sort(),
    );
    expect((await attOf(kept)).map((r) => r.activity_id)).toEqual([a.id]);
  });
});

describe.each(DATABASES)('the public registration link on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  const secret = testConfig().secretKey;
  // a link takes 300 registrations an hour; a few here, so that the test can fill it
  const perLink = PUBLIC_LIMITS.perLink.max;
  beforeAll(async () => {
    PUBLIC_LIMITS.perLink.max = 8;
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(async () => {
    PUBLIC_LIMITS.perLink.max = perLink;
    await t?.close();
  });
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  let ip = 0;
  /** A visitor: no cookie, their own address, a form opened long enough ago. */
  const submit = (token: string, body: object, opts: { lang?: string; age?: number; address?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/registration/${token}`,
      headers: { 'accept-language': opts.lang ?? 'id' },
      remoteAddress: opts.address ?? `10.0.${Math.floor(++ip / 250)}.${ip % 250}`,
      payload: { consent: true, formToken: formToken(secret, token, Date.now() - (opts.age ?? MIN_FILL_MS + 500)), ...body },
    });
  const setup = async (capacity = 10, link: object = {}) => {
    const a = (await req('POST', '/api/activities', { title: 'Lokakarya Gizi', type: 'workshop', startDate: '2031-05-05', startTime: '09:00', endTime: '12:00', venue: 'Balai Desa', capacity })).json().item;
    const l = await req('PUT', `/api/activities/${a.id}/registration-link`, { enabled: true, fields: [{ field: 'phone', required: true }, { field: 'birthYear' }, { field: 'sex' }, { field: 'email' }], questions: [{ id: 'q1', label: 'Ukuran kaos?', required: true }], ...link });
    expect(l.statusCode, l.body).toBe(200);
    return { a, link: l.json() };
  };

  it('shows the form without login; every submission is a new record, matches flagged for review, nothing of a known person given out', async () => {
    const known = (await req('POST', '/api/people', { fullName: 'Siti Rahayu', sex: 'female', birthDate: '1990-04-02', phone: '081234567890', address: 'Jl. Rahasia 1', nik: '3204054204900001' })).json();
    const { a, link } = await setup();
    expect(link).toMatchObject({ enabled: true, version: 1, url: expect.stringContaining(`/daftar/${link.token}`) });
    const form = await t.app.inject({ url: `/api/public/registration/${link.token}` });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ organization: expect.any(String), activity: { title: 'Lokakarya Gizi', startDate: '2031-05-05', startTime: '09:00', venue: 'Balai Desa' }, state: 'open', questions: [{ id: 'q1', required: true }] });
    expect((await t.app.inject({ url: '/api/public/registration/not-a-real-token-at-all' })).json().error.code).toBe('link_not_found');

    // the known person, by phone and name: staff registered her; a visitor typing her name and
    // phone gets a new record (flagged, the pair queued) and a code of its own, never hers
    const hers = (await req('POST', `/api/activities/${a.id}/registrations`, { personId: known.id })).json().item;
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE org_id = $1', [owner.orgId])).rows[0].n;
    const r1 = await submit(link.token, { fullName: 'siti rahayu', phone: '0812-3456-7890', answers: { q1: 'M' } });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(Object.keys(r1.json()).sort()).toEqual(['activityTitle', 'code', 'emailSent', 'status']);
    expect(r1.json()).toMatchObject({ status: 'registered', activityTitle: 'Lokakarya Gizi', emailSent: false });
    expect(r1.json().code).not.toBe(hers.code);
    expect(r1.body).not.toMatch(/Rahasia|3204|1990|female/);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE org_id = $1', [owner.orgId])).rows[0].n).toBe(before + 1);
    // staff cancel her registration; a visitor cannot revive it
    await req('POST', `/api/registrations/${hers.id}/cancel`, { version: hers.version, reason: 'dilarang' });
    const again = await submit(link.token, { fullName: 'Siti Rahayu', phone: '081234567890', answers: { q1: 'M' } });
    expect(again.json().code).not.toBe(hers.code);
    expect((await req('GET', `/api/registrations/${hers.id}`)).json()).toMatchObject({ status: 'cancelled', cancelReason: 'dilarang' });

    // a stranger: a new person, the same shape of answer
    const r2 = await submit(link.token, { fullName: 'Joko Widodo Baru', phone: '085600001111', birthYear: 1980, email: 'joko@example.org', answers: { q1: 'L' } }, { lang: 'en' });
    expect(r2.statusCode, r2.body).toBe(201);
    expect(Object.keys(r2.json()).sort()).toEqual(Object.keys(r1.json()).sort());
    expect(r2.json().emailSent).toBe(true);
    const mail = (await t.db.query<{ to_email: string; subject: string; body: string }>('SELECT to_email, subject, body FROM mail_outbox WHERE to_email = $1', ['joko@example.org'])).rows;
    expect(mail[0].subject).toBe('Your registration: Lokakarya Gizi');
    expect(mail[0].body).toContain(`${r2.json().code.slice(0, 5)} ${r2.json().code.slice(5)}`);

    // the known name on another phone: a new record, flagged, the pair in the duplicate review
    const r3 = await submit(link.token, { fullName: 'Siti Rahayu', phone: '081299990000', birthYear: 1990, answers: { q1: 'S' } });
    expect(r3.statusCode, r3.body).toBe(201);
    const list = (await req('GET', `/api/activities/${a.id}/registrations`)).json();
    expect(list.counts).toMatchObject({ registered: 4, needsReview: 3 });
    const flagged = list.items.find((r: { needsReview: boolean; answers: { q1?: string } }) => r.needsReview && r.answers.q1 === 'S');
    expect(flagged).toMatchObject({ source: 'public', answers: { q1: 'S' }, person: { fullName: 'Siti Rahayu', phone: '+6281299990000' }, duplicatePairId: expect.any(String) });
    expect(flagged.person.id).not.toBe(known.id);
    const pair = (await req('GET', `/api/duplicates/${flagged.duplicatePairId}`)).json();
    expect([pair.a.id, pair.b.id].sort()).toEqual([flagged.person.id, known.id].sort());
    // staff keep it as it is
    const ok = await req('POST', `/api/registrations/${flagged.id}/confirm`, { version: flagged.version });
    expect(ok.json().item.needsReview).toBe(false);
    // the new person gave consent for this activity, recorded by the form
    const joko = list.items.find((r: { person: { fullName: string } }) => r.person.fullName === 'Joko Widodo Baru');
    const jp = (await req('GET', `/api/people/${joko.person.id}`)).json();
    expect(jp.consent).toMatchObject({ given: true, purpose: 'Lokakarya Gizi', recordedBy: null });
    const audit = (await t.db.query<{ actor_id: string | null; via: string }>(`SELECT actor_id, via FROM audit_log WHERE entity_id = $1 AND action = 'create'`, [joko.person.id])).rows;
    expect(audit).toEqual([{ actor_id: null, via: 'public' }]);
  });

  it('refuses robots, half-filled forms and closed links in the visitor’s language, never a 500', async () => {
    const { a, link } = await setup(1);
    const base = { fullName: 'Ahmad Dahlan', phone: '081311112222', answers: { q1: 'M' } };
    const code = async (body: object, opts = {}) => {
      const r = await submit(link.token, { ...base, ...body }, opts);
      expect(r.statusCode, r.body).toBeLessThan(500);
      return r.json().error;
    };
    expect((await code({ website: 'http://spam.example' })).code).toBe('spam_suspected');
    expect((await code({}, { age: 500 })).code).toBe('form_too_fast');
    expect((await code({}, { age: MAX_FORM_AGE_MS + 60_000 })).code).toBe('form_expired');
    expect(MAX_FORM_AGE_MS).toBeLessThanOrEqual(2 * 3600 * 1000);
    expect((await code({ formToken: '1700000000000.forged' })).code).toBe('form_expired');
    expect((await code({ formToken: `1700000000000.${'é'.repeat(24)}` })).code).toBe('form_expired'); // multi-byte: no 500
    const missing = await code({ phone: null, answers: {}, consent: false }, { lang: 'en' });
    expect(Object.fromEntries(Object.entries(missing.fields).map(([k, v]) => [k, (v as { code: string }).code]))).toEqual({ phone: 'required', 'answers.q1': 'required', consent: 'consent_required' });
    expect(missing.fields.consent.message).toBe('Tick the consent so your details may be kept for this activity.');
    const idMsg = await code({ phone: 'abc', areaCode: '32.04', answers: { q1: 'M', q9: 'x' } }, { lang: 'id' });
    expect(Object.keys(idMsg.fields).sort()).toEqual(['answers.q9', 'areaCode', 'phone']);
    expect(idMsg.fields.phone.message).toMatch(/Nomor telepon tidak sah/);
    expect((await code({ nik: '3204054204900001' })).fields.nik.code).toBe('unknown_field');
    // full: the second visitor waits
    expect((await submit(link.token, base)).json().status).toBe('registered');
    expect((await submit(link.token, { ...base, fullName: 'Bambang Pamungkas', phone: '081399990000' })).json().status).toBe('waitlisted');
    // closed, switched off, rotated, cancelled
    await req('PUT', `/api/activities/${a.id}/registration-link`, { ...link, closesAt: '2020-01-01T00:00:00Z', version: 1, token: undefined, url: undefined, activityId: undefined, updatedAt: undefined });
    const linkNow = (await req('GET', `/api/activities/${a.id}/registration-link`)).json().link;
    expect(linkNow.closesAt).not.toBeNull();
    expect((await t.app.inject({ url: `/api/public/registration/${link.token}` })).json().state).toBe('closed');
    expect((await code({})).code).toBe('registration_closed');
    const rotated = (await req('POST', `/api/activities/${a.id}/registration-link/rotate`, { version: linkNow.version })).json();
    expect(rotated.token).not.toBe(link.token);
    expect((await code({}, { lang: 'en' })).message).toMatch(/does not work/);
    await req('PUT', `/api/activities/${a.id}/registration-link`, { enabled: false, fields: [], questions: [], version: rotated.version });
    expect((await t.app.inject({ url: `/api/public/registration/${rotated.token}` })).statusCode).toBe(404);
    // stale settings
    expect((await req('PUT', `/api/activities/${a.id}/registration-link`, { enabled: true, fields: [], questions: [], version: 1 })).statusCode).toBe(409);
    expect((await req('PUT', `/api/activities/${a.id}/registration-link`, { enabled: true, fields: [{ field: 'nik' }], questions: [] })).statusCode).toBe(400);
    expect((await req('PUT', `/api/activities/${a.id}/registration-link`, { enabled: true, fields: [{ field: 'phone' }, { field: 'phone' }], questions: [], version: 3 })).json().error.fields['fields.1.field'].code).toBe('duplicate_entry');
    // the public areas list works without login
    expect((await t.app.inject({ url: '/api/public/areas?parent=32.04.05' })).json().items.length).toBeGreaterThan(5);
  });

  it('limits submissions per address (IPv6 by its /64) and accepted registrations per link: junk cannot close a form', async () => {
    const { link } = await setup(500, { fields: [], questions: [] });
    const junk = { fullName: 'Robot', website: 'x' };
    for (let i = 0; i < PUBLIC_LIMITS.perIp.max; i++) expect((await submit(link.token, junk, { address: '192.0.2.7' })).statusCode).toBe(400);
    const limited = await submit(link.token, junk, { address: '192.0.2.7', lang: 'en' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/Too many attempts/);
    expect((await submit(link.token, junk, { address: '::ffff:192.0.2.7' })).statusCode).toBe(429); // the same IPv4 address, mapped
    // another address still gets through
    expect((await submit(link.token, junk, { address: '192.0.2.8' })).statusCode).toBe(400);
    // IPv6: every address of one /64 is one visitor; the next /64 is another
    for (let i = 0; i < PUBLIC_LIMITS.perIp.max; i++) expect((await submit(link.token, junk, { address: `2001:db8:7:7:${i.toString(16)}::1` })).statusCode).toBe(400);
    expect((await submit(link.token, junk, { address: '2001:db8:7:7:ffff:ffff:ffff:fffe' })).statusCode).toBe(429);
    expect((await submit(link.token, junk, { address: '2001:0db8:0007:0007::9' })).statusCode).toBe(429);
    expect((await submit(link.token, junk, { address: '2001:db8:7:8::1' })).statusCode).toBe(400);
    // far more junk than the link takes registrations: it stays open for real visitors
    for (let i = 0; i < PUBLIC_LIMITS.perLink.max * 2; i++) expect((await submit(link.token, junk)).statusCode).toBe(400);
    for (let i = 0; i < PUBLIC_LIMITS.perLink.max; i++) expect((await submit(link.token, { fullName: `Peserta ${i}` })).statusCode).toBe(201);
    // …until it has had as many registrations as it takes in an hour
    const full = await submit(link.token, { fullName: 'Peserta lagi' }, { lang: 'en' });
    expect([full.statusCode, full.json().error.code]).toEqual([429, 'rate_limited']);
  });

  it('takes one registration per form handed out, for two hours', async () => {
    const { a, link } = await setup(50, { fields: [], questions: [] });
    const token = formToken(secret, link.token, Date.now() - MIN_FILL_MS - 500);
    // refused for a mistake: the same form, corrected, is taken
    const missing = await submit(link.token, { fullName: 'Dewi Lestari', consent: false, formToken: token });
    expect(missing.json().error.fields.consent.code).toBe('consent_required');
    expect((await submit(link.token, { fullName: 'Dewi Lestari', formToken: token })).statusCode).toBe(201);
    // sent again (a robot replaying one form): refused in the visitor's language, nothing registered
    const again = await submit(link.token, { fullName: 'Dewi Lestari Lagi', formToken: token }, { lang: 'en' });
    expect([again.statusCode, again.json().error.code, again.json().error.message]).toEqual([409, 'form_used', 'This form has already been sent. To register someone else, open the registration link again.']);
    expect((await submit(link.token, { fullName: 'Dewi Lestari Lagi', formToken: token }, { lang: 'id' })).json().error.message).toMatch(/sudah terkirim/);
    // at the same time: one is taken
    const twin = formToken(secret, link.token, Date.now() - MIN_FILL_MS - 500);
    const race = await Promise.all([1, 2, 3].map((i) => submit(link.token, { fullName: `Kembar ${i}`, formToken: twin })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    // a form handed out for another link, or one whose nonce was changed, is not ours
    const other = formToken(secret, 'another-link-token', Date.now() - MIN_FILL_MS - 500);
    expect((await submit(link.token, { fullName: 'X', formToken: other })).json().error.code).toBe('form_expired');
    const [ms, , mac] = token.split('.');
    expect((await submit(link.token, { fullName: 'X', formToken: `${ms}.AAAAAAAAAAAA.${mac}` })).json().error.code).toBe('form_expired');
    // every form the page hands out is a new one
    const f1 = (await t.app.inject({ url: `/api/public/registration/${link.token}` })).json().formToken;
    const f2 = (await t.app.inject({ url: `/api/public/registration/${link.token}` })).json().formToken;
    expect(f1).not.toBe(f2);
    const regs = (await req('GET', `/api/activities/${a.id}/registrations?limit=50`)).json();
    expect(regs.counts.registered).toBe(2);
  });

  it('sends at most three confirmations an hour to one mailbox, with nothing typed in the form in them', async () => {
    const { link } = await setup(50, { fields: [{ field: 'email' }], questions: [] });
    const addresses = ['korban@example.org', 'Korban@Example.org', 'korban+1@example.org', 'korban+2@example.org'];
    const sent = [];
    for (const [i, email] of addresses.entries()) {
      const r = await submit(link.token, { fullName: `Hubungi 0800-${i} untuk hadiah https://scam.example`, email }, { lang: 'en' });
      expect(r.statusCode, r.body).toBe(201);
      sent.push(r.json().emailSent);
    }
    expect(sent).toEqual([true, true, true, false]);
    const mails = (await t.db.query<{ subject: string; body: string }>(`SELECT subject, body FROM mail_outbox WHERE lower(to_email) LIKE 'korban%'`)).rows;
    expect(mails).toHaveLength(3);
    for (const m of mails) {
      expect(`${m.subject}\n${m.body}`).not.toMatch(/Hubungi|hadiah|scam/);
      expect(m.body).toMatch(/^Hello,\n\nYou are registered for Lokakarya Gizi\./);
    }
    // another mailbox is not held back
    expect((await submit(link.token, { fullName: 'Rudi', email: 'rudi@example.org' })).json().emailSent).toBe(true);
  });
});
