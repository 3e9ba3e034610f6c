import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { MAX_PENDING_SELF } from './hours.service.ts';
import { sendShiftReminders } from './shifts.service.ts';

/** A local date and time in Asia/Jakarta (UTC+7, no daylight saving) `hours` from now, on a whole hour. */
function jakarta(hours: number) {
  const d = new Date(Math.floor((Date.now() + hours * 3_600_000) / 3_600_000) * 3_600_000 + 7 * 3_600_000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 16) };
}

describe.each(DATABASES)('volunteers on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    await req('PUT', '/api/volunteers/skills', { skills: [{ code: 'first_aid', label: { id: 'P3K', en: 'First aid' } }, { code: 'registration', label: { id: 'Pendaftaran', en: 'Registration' } }] });
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const person = async (fullName: string, extra: object = {}) => (await req('POST', '/api/people', { fullName, ...extra })).json().id as string;
  const volunteer = async (fullName: string, extra: object = {}) => {
    const res = await req('POST', '/api/volunteers', { personId: await person(fullName, { email: `${fullName.split(' ')[0].toLowerCase()}@example.org` }), ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const activity = async (title: string, date: string, start: string, end: string, extra: object = {}) => {
    const res = await req('POST', '/api/activities', { title, type: 'training', startDate: date, startTime: start, endTime: end, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().item;
  };
  const role = async (activityId: string, body: object) => {
    const res = await req('POST', `/api/activities/${activityId}/volunteer-roles`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('keeps a profile on a registry person: checked input, masked emergency number in lists, versions, bin, audit', async () => {
    const pid = await person('Sari Wulandari');
    const bad = await req('POST', '/api/volunteers', { personId: pid, skills: ['juggling'], areaCodes: ['99.99'], emergencyPhone: '12', availability: [{ weekday: 8, from: '10:00', to: '09:00' }] }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['availability.0.weekday'].concat(bad.json().error.fields['availability.0.to'] ? ['availability.0.to'] : []).sort());
    const bad2 = await req('POST', '/api/volunteers', { personId: pid, skills: ['juggling'], areaCodes: ['99.99'], emergencyPhone: '12' });
    expect(Object.fromEntries(Object.entries(bad2.json().error.fields).map(([k, v]) => [k, (v as { code: string }).code]))).toEqual({ 'skills.0': 'invalid_option', 'areaCodes.0': 'invalid_area', emergencyPhone: 'invalid_phone' });
    expect((await req('POST', '/api/volunteers', { personId: '0190a000-0000-7000-8000-000000000000' })).json().error.fields.personId.code).toBe('not_found');
    const created = await req('POST', '/api/volunteers', {
      personId: pid, skills: ['first_aid'], tags: ['motor'], languages: ['Sunda'], areaCodes: ['32.04'], emergencyName: 'Budi (suami)', emergencyPhone: '0812 3456 7890',
      availability: [{ weekday: 6, from: '08:00', to: '12:00' }, { weekday: 1, from: '18:00', to: '24:00' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json();
    expect(v).toMatchObject({ status: 'active', emergencyPhone: '+6281234567890', skills: ['first_aid'], version: 1, person: { id: pid, fullName: 'Sari Wulandari' } });
    expect(v.availability.map((s: { weekday: number }) => s.weekday)).toEqual([1, 6]);
    expect(v.areas[0].path.map((a: { code: string }) => a.code)).toEqual(['32', '32.04']);
    expect((await req('POST', '/api/volunteers', { personId: pid })).json().error.code).toBe('already_volunteer');
    // lists mask the number; a viewer's page does too; staff see it whole
    const list = (await req('GET', '/api/volunteers?q=wulan')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].emergencyPhoneMasked).toBe('+62812••••7890');
    expect(JSON.stringify(list)).not.toContain('+6281234567890');
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await req('GET', `/api/volunteers/${v.id}`, undefined, viewer.headers)).json().emergencyPhone).toBe('+62812••••7890');
    expect((await req('PATCH', `/api/volunteers/${v.id}`, { status: 'inactive', version: 1 }, viewer.headers)).statusCode).toBe(403);
    // filters: skill, area (a village of the preferred regency, and the province above it), free on Saturday 09:00, status
    expect((await req('GET', '/api/volunteers?skill=first_aid')).json().total).toBe(1);
    expect((await req('GET', '/api/volunteers?skill=registration')).json().total).toBe(0);
    expect((await req('GET', '/api/volunteers?areaCode=32.04.05.2001')).json().total).toBe(1);
    expect((await req('GET', '/api/volunteers?areaCode=32')).json().total).toBe(1);
    expect((await req('GET', '/api/volunteers?areaCode=32.05')).json().total).toBe(0);
    expect((await req('GET', '/api/volunteers?weekday=6&time=09:00')).json().total).toBe(1);
    expect((await req('GET', '/api/volunteers?weekday=6&time=12:00')).json().total).toBe(0);
    expect((await req('GET', '/api/volunteers?weekday=1&time=23:30')).json().total).toBe(1);
    expect((await req('GET', `/api/volunteers?personId=${pid}`)).json().items[0].id).toBe(v.id);
    // a change with a version; a stale one is refused
    const up = await req('PATCH', `/api/volunteers/${v.id}`, { status: 'inactive', emergencyPhone: '', version: 1 });
    expect(up.json()).toMatchObject({ status: 'inactive', emergencyPhone: null, version: 2 });
    expect((await req('PATCH', `/api/volunteers/${v.id}`, { status: 'active', version: 1 })).statusCode).toBe(409);
    expect((await req('GET', '/api/volunteers?status=inactive')).json().total).toBe(1);
    expect((await req('DELETE', `/api/volunteers/${v.id}`)).statusCode).toBe(200);
    expect((await req('GET', '/api/volunteers?q=wulan')).json().total).toBe(0);
    expect((await req('GET', '/api/volunteers?deleted=true')).json().total).toBe(1);
    expect((await req('POST', `/api/volunteers/${v.id}/restore`)).json().deletedAt).toBeNull();
    const entries = (await req('GET', `/api/audit?entityId=${v.id}`)).json().items;
    expect(entries.map((x: { action: string }) => x.action)).toEqual(['restore', 'delete', 'update', 'create']);
    // the audit keeps the number masked
    expect(JSON.stringify(entries)).not.toContain('+6281234567890');
    // paging
    await volunteer('Agus Salim');
    await volunteer('Citra Dewi');
    const p1 = (await req('GET', '/api/volunteers?limit=2')).json();
    const p2 = (await req('GET', `/api/volunteers?limit=2&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((x: { person: { fullName: string } }) => x.person.fullName)).toEqual(['Agus Salim', 'Citra Dewi', 'Sari Wulandari']);
    expect(p2.nextCursor).toBeNull();
  });

  it('stores documents like evidence: PDF or image up to 10 MB, served with safety headers', async () => {
    const v = await volunteer('Dewi Lestari');
    const up = await t.app.inject({ method: 'POST', url: `/api/volunteers/${v.id}/documents?fileName=kode%20etik&kind=code_of_conduct`, headers: { ...owner.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 signed') });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'code_of_conduct', fileName: 'kode etik.pdf', contentType: 'application/pdf', size: 15 });
    const file = await req('GET', `/api/volunteer-documents/${up.json().id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toContain('inline');
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(file.body).toBe('%PDF-1.4 signed');
    const csv = await t.app.inject({ method: 'POST', url: `/api/volunteers/${v.id}/documents?fileName=a.csv`, headers: { ...owner.headers, 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(csv.statusCode).toBe(415);
    const big = await t.app.inject({ method: 'POST', url: `/api/volunteers/${v.id}/documents?fileName=big.png`, headers: { ...owner.headers, 'content-type': 'image/png' }, payload: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(big.statusCode).toBe(413);
    expect((await req('GET', `/api/volunteers/${v.id}`)).json().documents).toHaveLength(1);
    // an ID card shows the NIK: staff and viewers may not open it, managers may; every opening is in the history
    const card = await t.app.inject({ method: 'POST', url: `/api/volunteers/${v.id}/documents?fileName=ktp.jpg&kind=id_card`, headers: { ...owner.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 KTP') });
    expect(card.statusCode, card.body).toBe(201);
    const staff = await addMember(t.app, owner, 'staff');
    expect((await req('GET', `/api/volunteer-documents/${card.json().id}`, undefined, staff.headers)).statusCode).toBe(403);
    expect((await req('GET', `/api/volunteer-documents/${up.json().id}`, undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('GET', `/api/volunteer-documents/${card.json().id}`)).statusCode).toBe(200);
    const history = (await req('GET', `/api/history/volunteer/${v.id}`)).json().items as { action: string; after: { kind?: string } }[];
    expect(history.filter((h) => h.action === 'export').map((h) => h.after.kind).sort()).toEqual(['code_of_conduct', 'code_of_conduct', 'id_card']);
    expect((await req('DELETE', `/api/volunteer-documents/${up.json().id}`)).statusCode).toBe(204);
    expect((await req('GET', `/api/volunteer-documents/${up.json().id}`)).statusCode).toBe(404);
  });

  it('roles with shifts inside the activity; suggestions ranked with reasons; assignment refuses double booking and more than needed', async () => {
    const day = jakarta(24 * 20).date;
    const act = await activity('Pelatihan kader', day, '08:00', '16:00', { areaCode: '32.04.05' });
    const other = await activity('Posyandu', day, '11:00', '13:00');
    expect((await req('POST', `/api/activities/${act.id}/volunteer-roles`, { name: 'x', needed: 1, shift: { startTime: '07:00', endTime: '09:00' } })).json().error.fields['shift.startTime'].code).toBe('shift_outside_activity');
    expect((await req('POST', `/api/activities/${act.id}/volunteer-roles`, { name: 'x', needed: 1, shift: { startTime: '10:00', endTime: '09:00' } })).json().error.fields['shift.endTime'].code).toBe('ends_before_starts');
    expect((await req('POST', `/api/activities/${act.id}/volunteer-roles`, { name: 'x', needed: 1, skills: ['juggling'] })).json().error.fields['skills.0'].code).toBe('invalid_option');
    const desk = await role(act.id, { name: 'Meja pendaftaran', needed: 2, skills: ['registration'], shift: { startTime: '08:00', endTime: '12:00' } });
    expect(desk).toMatchObject({ needed: 2, shift: { startDate: day, startTime: '08:00', endDate: day, endTime: '12:00' }, assigned: [] });
    const medic = await role(act.id, { name: 'P3K', needed: 1, skills: ['first_aid'] });
    expect(medic.shift).toBeNull();
    const helper = await role(other.id, { name: 'Bantu', needed: 3 });
    const afternoon = await role(act.id, { name: 'Sore', needed: 1, shift: { startTime: '12:00', endTime: '16:00' } });

    const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const a = await volunteer('Ani Rahma', { skills: ['registration'], areaCodes: ['32.04'], availability: [{ weekday, from: '07:00', to: '17:00' }] });
    const b = await volunteer('Bayu Aji', { skills: ['registration'], areaCodes: ['35'] });
    const c = await volunteer('Cahya Putri', { areaCodes: ['32.04.05'] });
    const inactive = await volunteer('Dodi Inaktif', { status: 'inactive', skills: ['registration'] });
    const s = (await req('GET', `/api/volunteer-roles/${desk.id}/suggestions`)).json();
    const names = s.items.map((x: { name: string }) => x.name);
    expect(names.slice(0, 3)).toEqual(['Ani Rahma', 'Bayu Aji', 'Cahya Putri']);
    expect(names).not.toContain('Dodi Inaktif');
    expect(s.items[0].factors).toMatchObject({ skills: { fit: 'all', matched: ['registration'] }, availability: { fit: 'full' }, area: { fit: 'within', area: '32.04', areaName: expect.any(String) } });
    expect(s.items[1].factors.area.fit).toBe('none');
    expect(s).toMatchObject({ weekday, startTime: '08:00', endTime: '12:00' });

    // assign two; a third is refused (needed 2); the inactive one is refused
    const first = await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: a.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ roleName: 'Meja pendaftaran', volunteer: { id: a.id }, date: day, startTime: '08:00', endTime: '12:00', source: 'staff' });
    expect((await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: a.id })).json().error.code).toBe('already_assigned');
    expect((await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: inactive.id })).json().error.code).toBe('volunteer_not_active');
    expect((await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: b.id })).statusCode).toBe(201);
    const full = await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: c.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'role_full', message: 'This role is already filled (2 people).' });
    // Ani is on the desk 08:00–12:00: the whole-day medic role and the 11:00 Posyandu overlap; the 12:00 shift only touches
    const dbl = await req('POST', `/api/volunteer-roles/${helper.id}/assignments`, { volunteerId: a.id });
    expect(dbl.statusCode).toBe(409);
    expect(dbl.json().error.code).toBe('double_booked');
    expect(dbl.json().error.message).toBe(`Ani Rahma already has a shift at that time: Pelatihan kader (${day} 08:00–12:00). A volunteer cannot be in two shifts at once.`);
    const dblId = await req('POST', `/api/volunteer-roles/${medic.id}/assignments`, { volunteerId: a.id }, { ...owner.headers, 'accept-language': 'id' });
    expect(dblId.json().error.message).toBe(`Ani Rahma sudah bertugas pada waktu yang sama: Pelatihan kader (${day} 08:00–12:00). Seorang relawan tidak bisa berada di dua tugas sekaligus.`);
    expect((await req('POST', `/api/volunteer-roles/${afternoon.id}/assignments`, { volunteerId: a.id })).statusCode).toBe(201);
    // suggestions for the whole-day medic role show Ani and Bayu (on the desk) busy, after everyone free
    const sm = (await req('GET', `/api/volunteer-roles/${medic.id}/suggestions`)).json().items;
    expect(sm.slice(-2).map((x: { name: string; busy: boolean }) => [x.name, x.busy])).toEqual([['Ani Rahma', true], ['Bayu Aji', true]]);
    expect(sm.slice(0, -2).every((x: { busy: boolean }) => !x.busy)).toBe(true);
    // moving a role's shift onto an assigned volunteer's other shift is refused too
    expect((await req('PATCH', `/api/volunteer-roles/${afternoon.id}`, { shift: { startTime: '11:00', endTime: '16:00' }, version: afternoon.version })).json().error.code).toBe('double_booked');
    expect((await req('PATCH', `/api/volunteer-roles/${desk.id}`, { needed: 1, version: desk.version })).json().error.fields.needed.code).toBe('needed_below_assigned');
    // taking someone off frees the place; restoring checks again
    const shiftB = (await req('GET', `/api/activities/${act.id}/volunteer-roles`)).json().items.find((r: { id: string }) => r.id === desk.id).assigned.find((x: { volunteerId: string }) => x.volunteerId === b.id);
    expect((await req('DELETE', `/api/volunteer-assignments/${shiftB.id}`)).json().status).toBe('cancelled');
    expect((await req('POST', `/api/volunteer-roles/${desk.id}/assignments`, { volunteerId: c.id })).statusCode).toBe(201);
    expect((await req('POST', `/api/volunteer-assignments/${shiftB.id}/restore`)).json().error.code).toBe('role_full');
    // a role in the bin and back
    expect((await req('DELETE', `/api/volunteer-roles/${helper.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/activities/${other.id}/volunteer-roles`)).json().items).toEqual([]);
    expect((await req('POST', `/api/volunteer-roles/${helper.id}/restore`)).json().deletedAt).toBeNull();
  });

  it('moving an activity onto another shift of one of its volunteers is refused, and nothing changes', async () => {
    const day = jakarta(24 * 40).date;
    const x = await activity('Rapat pagi', day, '08:00', '10:00');
    const y = await activity('Rapat siang', day, '13:00', '15:00');
    const v = await volunteer('Fajar Nugroho');
    expect((await req('POST', `/api/volunteer-roles/${(await role(x.id, { name: 'Notulis', needed: 1 })).id}/assignments`, { volunteerId: v.id })).statusCode).toBe(201);
    expect((await req('POST', `/api/volunteer-roles/${(await role(y.id, { name: 'Notulis', needed: 1 })).id}/assignments`, { volunteerId: v.id })).statusCode).toBe(201);
    const moved = await req('PATCH', `/api/activities/${y.id}`, { startTime: '09:00', endTime: '11:00', version: y.version });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().error).toMatchObject({ code: 'double_booked', message: `Fajar Nugroho already has a shift at that time: Rapat pagi (${day} 08:00–10:00). A volunteer cannot be in two shifts at once.` });
    expect((await req('GET', `/api/activities/${y.id}`)).json()).toMatchObject({ startTime: '13:00', version: y.version });
    // touching is fine; a cancelled activity frees its volunteers, and reviving it onto a clash is refused
    const touch = await req('PATCH', `/api/activities/${y.id}`, { startTime: '10:00', endTime: '12:00', version: y.version });
    expect(touch.statusCode, touch.body).toBe(200);
    const cancelled = await req('PATCH', `/api/activities/${x.id}`, { status: 'cancelled', cancelReason: 'hujan', version: x.version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const onTop = await req('PATCH', `/api/activities/${y.id}`, { startTime: '08:00', endTime: '10:00', version: touch.json().item.version });
    expect(onTop.statusCode, onTop.body).toBe(200);
    expect((await req('PATCH', `/api/activities/${x.id}`, { status: 'planned', version: cancelled.json().item.version })).json().error.code).toBe('double_booked');
  });

  it('merging two people who both volunteer keeps one profile with both histories (and their gifts), and the undo splits them again', async () => {
    const day = jakarta(24 * 50).date;
    const x = await activity('Posyandu Mawar', day, '08:00', '10:00');
    const y = await activity('Posyandu Melati', day, '13:00', '15:00');
    const rx = await role(x.id, { name: 'Kader', needed: 2 });
    const ry = await role(y.id, { name: 'Kader', needed: 2 });
    const same = { sex: 'female', birthDate: '1988-02-29' };
    const kept = (await req('POST', '/api/volunteers', { personId: await person('Gita Permata', same), skills: ['registration'], status: 'active' })).json();
    const merged = (await req('POST', '/api/volunteers', { personId: await person('Gita Permata', { ...same, phone: '081355556666' }), skills: ['first_aid'], languages: ['Jawa'], status: 'active' })).json();
    expect(merged.id, 'both profiles made').toBeDefined();
    const doc = await t.app.inject({ method: 'POST', url: `/api/volunteers/${merged.id}/documents?fileName=kode&kind=code_of_conduct`, headers: { ...owner.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 signed') });
    expect(doc.statusCode, doc.body).toBe(201);
    for (const v of [kept, merged]) expect((await req('POST', `/api/volunteer-roles/${rx.id}/assignments`, { volunteerId: v.id })).statusCode).toBe(201);
    expect((await req('POST', `/api/volunteer-roles/${ry.id}/assignments`, { volunteerId: merged.id })).statusCode).toBe(201);

    // the merged record also gave a gift: it follows the person
    const gift = await req('POST', '/api/donations', { personId: merged.personId ?? merged.person?.id, amount: 250000, receivedOn: '2026-01-15' });
    expect(gift.statusCode, gift.body).toBe(201);
    const pair = (await req('GET', `/api/duplicates?personId=${kept.personId ?? kept.person?.id}`)).json().items[0];
    expect(pair, 'the two records are queued as a pair').toBeDefined();
    const m = await req('POST', `/api/duplicates/${pair.id}/merge`, { version: pair.version, keepId: kept.personId ?? kept.person?.id });
    expect(m.statusCode, m.body).toBe(200);
    const after = (await req('GET', `/api/volunteers/${kept.id}`)).json();
    expect(after.skills.sort()).toEqual(['first_aid', 'registration']);
    expect(after.languages).toEqual(['Jawa']);
    expect(after.documents.map((d: { id: string }) => d.id)).toEqual([doc.json().id]);
    expect((await req('GET', `/api/volunteers/${merged.id}`)).statusCode).toBe(404);
    const assigned = async (roleId: string) => (await req('GET', `/api/activities/${roleId === rx.id ? x.id : y.id}/volunteer-roles`)).json().items.find((r: { id: string }) => r.id === roleId).assigned.map((a: { volunteerId: string }) => a.volunteerId);
    // one person once on the morning role; the afternoon shift is hers now
    expect(await assigned(rx.id)).toEqual([kept.id]);
    expect(await assigned(ry.id)).toEqual([kept.id]);
    expect((await req('GET', `/api/donations?personId=${kept.personId ?? kept.person?.id}`)).json().items.map((d: { id: string }) => d.id)).toEqual([gift.json().id]);

    const undo = await req('POST', `/api/merges/${m.json().mergeId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await req('GET', `/api/volunteers/${kept.id}`)).json()).toMatchObject({ skills: ['registration'], languages: [], documents: [] });
    expect((await req('GET', `/api/volunteers/${merged.id}`)).json().documents).toHaveLength(1);
    expect((await assigned(rx.id)).sort()).toEqual([kept.id, merged.id].sort());
    expect(await assigned(ry.id)).toEqual([merged.id]);
    expect((await req('GET', `/api/donations?personId=${merged.personId ?? merged.person?.id}`)).json().items.map((d: { id: string }) => d.id)).toEqual([gift.json().id]);
  });

  it('a concurrent double assignment of one volunteer cannot slip through', async () => {
    const day = jakarta(24 * 30).date;
    const x = await activity('Rapat A', day, '09:00', '11:00');
    const y = await activity('Rapat B', day, '10:00', '12:00');
    const rx = await role(x.id, { name: 'Notulis', needed: 5 });
    const ry = await role(y.id, { name: 'Notulis', needed: 5 });
    const v = await volunteer('Eko Prasetyo');
    const results = await Promise.all([
      req('POST', `/api/volunteer-roles/${rx.id}/assignments`, { volunteerId: v.id }),
      req('POST', `/api/volunteer-roles/${ry.id}/assignments`, { volunteerId: v.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    // and a role needing one, wanted by two at once, takes one
    const solo = await role(x.id, { name: 'Fotografer', needed: 1 });
    const [p, q] = [await volunteer('Fajar Nugroho'), await volunteer('Gita Savitri')];
    const race = await Promise.all([p, q].map((w) => req('POST', `/api/volunteer-roles/${solo.id}/assignments`, { volunteerId: w.id })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('pending self-reported hours stay within their limit when many arrive at once', async () => {
    const v = await volunteer('Indra Lesmana');
    const token = (await req('POST', `/api/volunteers/${v.id}/link`)).json().url.split('/v/')[1];
    const today = jakarta(0).date;
    // MAX_PENDING_SELF less five already waiting
    await t.db.query(
      `INSERT INTO volunteer_hours (org_id, id, volunteer_id, work_date, minutes, source, status) SELECT $1, gen_random_uuid(), $2, $3, 60, 'self', 'pending' FROM generate_series(1, $4::int)`,
      [owner.orgId, v.id, today, MAX_PENDING_SELF - 5],
    );
    const results = await Promise.all(Array.from({ length: 12 }, () => t.app.inject({ method: 'POST', url: `/api/v/${token}/hours`, payload: { date: today, hours: 1 } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM volunteer_hours WHERE org_id = $1 AND volunteer_id = $2 AND status = 'pending'`, [owner.orgId, v.id]);
    expect(rows[0].n).toBe(MAX_PENDING_SELF);
    // out of the way of the review queue the next test reads
    await t.db.query('UPDATE volunteer_hours SET deleted_at = now() WHERE org_id = $1 AND volunteer_id = $2', [owner.orgId, v.id]);
  });

  it('the personal link: open roles, sign-up under the same rules, hours reported and reviewed; logged from shifts when the activity is done', async () => {
    const v = await volunteer('Hana Pertiwi');
    const link = (await req('POST', `/api/volunteers/${v.id}/link`)).json();
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/v\/vol_[A-Za-z0-9_-]{43}$/);
    const token = link.url.split('/v/')[1];
    const pub = (method: string, url: string, payload?: object, lang = 'en') => t.app.inject({ method: method as 'GET', url, payload, headers: { 'accept-language': lang } });
    const day = jakarta(24 * 40).date;
    const act = await activity('Bagi sembako', day, '08:00', '12:00');
    const r1 = await role(act.id, { name: 'Pengemas', needed: 1 });
    const r2 = await role(act.id, { name: 'Pembagi', needed: 2, shift: { startTime: '10:00', endTime: '12:00' } });
    const view = (await pub('GET', `/api/v/${token}`)).json();
    expect(view).toMatchObject({ name: 'Hana Pertiwi', status: 'active', shifts: [] });
    expect(view.openRoles.filter((r: { activity: { id: string } }) => r.activity.id === act.id).map((r: { name: string; clash: boolean }) => [r.name, r.clash])).toEqual([
      ['Pengemas', false],
      ['Pembagi', false],
    ]);
    const su = await pub('POST', `/api/v/${token}/roles/${r1.id}/signup`);
    expect(su.statusCode, su.body).toBe(201);
    expect(su.json().source).toBe('self');
    const after = (await pub('GET', `/api/v/${token}`)).json();
    expect(after.shifts.map((s: { roleName: string }) => s.roleName)).toEqual(['Pengemas']);
    // the full role is no longer open; the overlapping one clashes and is refused in both languages
    const open = after.openRoles.filter((r: { activity: { id: string } }) => r.activity.id === act.id);
    expect(open.map((r: { name: string; clash: boolean }) => [r.name, r.clash])).toEqual([['Pembagi', true]]);
    expect((await pub('POST', `/api/v/${token}/roles/${r2.id}/signup`, undefined, 'id')).json().error.code).toBe('double_booked');
    expect((await pub('POST', `/api/v/${token}/roles/${r1.id}/signup`)).json().error.code).toBe('already_assigned');
    // withdrawing from a future shift
    expect((await pub('POST', `/api/v/${token}/shifts/${su.json().id}/cancel`)).json().status).toBe('cancelled');
    expect((await pub('POST', `/api/v/${token}/roles/${r2.id}/signup`)).statusCode).toBe(201);
    // a wrong or revoked token finds nothing
    expect((await pub('GET', '/api/v/vol_not-a-real-token-at-all')).statusCode).toBe(404);

    // hours: reported through the link wait for review; a reason is needed to reject
    const today = jakarta(0).date;
    expect((await pub('POST', `/api/v/${token}/hours`, { date: today, hours: 1.1 })).json().error.fields.hours.code).toBe('hours_quarter');
    expect((await pub('POST', `/api/v/${token}/hours`, { date: jakarta(48).date, hours: 2 })).json().error.fields.date.code).toBe('future_date');
    const elsewhere = await activity('Bukan tugasnya', today, '00:00', '01:00');
    expect((await pub('POST', `/api/v/${token}/hours`, { date: today, hours: 2, activityId: elsewhere.id })).json().error.fields.activityId.code).toBe('not_your_shift');
    const rep = await pub('POST', `/api/v/${token}/hours`, { date: today, hours: 2.5, note: 'Mengepak paket' });
    expect(rep.statusCode, rep.body).toBe(201);
    expect(rep.json()).toMatchObject({ status: 'pending', source: 'self', hours: 2.5 });
    const rep2 = (await pub('POST', `/api/v/${token}/hours`, { date: today, hours: 1 })).json();
    const pending = (await req('GET', '/api/volunteer-hours?status=pending')).json().items;
    expect(pending.map((h: { id: string }) => h.id).sort()).toEqual([rep.json().id, rep2.id].sort());
    expect((await req('POST', `/api/volunteer-hours/${rep2.id}/review`, { decision: 'reject', version: 1 })).json().error.fields.reason.code).toBe('reject_reason_required');
    expect((await req('POST', `/api/volunteer-hours/${rep2.id}/review`, { decision: 'reject', reason: 'Dobel', version: 1 })).json()).toMatchObject({ status: 'rejected', reviewReason: 'Dobel' });
    const ok = (await req('POST', `/api/volunteer-hours/${rep.json().id}/review`, { decision: 'approve', version: 1 })).json();
    expect(ok).toMatchObject({ status: 'approved', reviewedBy: { id: owner.userId } });
    expect((await req('POST', `/api/volunteer-hours/${rep.json().id}/review`, { decision: 'approve', version: 2 })).json().error.code).toBe('hours_reviewed');
    expect((await pub('GET', `/api/v/${token}`)).json().approvedHours).toBe(2.5);
    const hist = (await req('GET', `/api/audit?entityId=${rep.json().id}`)).json().items;
    expect(hist.map((x: { action: string; actorName: string | null }) => x.action)).toEqual(['approve', 'create']);
    // what the volunteer did through the link says so in the history (not "via API token")
    expect(hist.map((x: { via: string; actorName: string | null }) => [x.via, x.actorName])).toEqual([['session', expect.any(String)], ['volunteer_link', 'Hana Pertiwi']]);
    const signup = (await t.db.query<{ via: string }>(`SELECT via FROM audit_log WHERE org_id = $1 AND entity_id = $2`, [owner.orgId, su.json().id])).rows;
    expect(signup.length).toBeGreaterThan(0);
    expect(signup.every((e) => e.via === 'volunteer_link')).toBe(true);

    // the activity is done: shifts become hours, once
    const p = (await req('POST', '/api/programs', { name: 'Program Pangan' })).json();
    // yesterday: "today 01:00" is still ahead just after midnight in Jakarta, and its shift then got a reminder in the reminder test
    const yesterday = jakarta(-24).date;
    const past = await activity('Dapur umum', yesterday, '00:00', '03:00', { programId: p.id });
    const pr = await role(past.id, { name: 'Juru masak', needed: 1, shift: { startTime: '01:00', endTime: '02:30' } });
    expect((await req('POST', `/api/volunteer-roles/${pr.id}/assignments`, { volunteerId: v.id })).statusCode).toBe(201);
    const done = await req('PATCH', `/api/activities/${past.id}`, { status: 'done', version: past.version });
    expect(done.statusCode, done.body).toBe(200);
    const again = await req('PATCH', `/api/activities/${past.id}`, { status: 'planned', version: done.json().item.version });
    await req('PATCH', `/api/activities/${past.id}`, { status: 'done', version: again.json().item.version });
    const logged = (await req('GET', `/api/volunteer-hours?volunteerId=${v.id}&status=approved`)).json().items;
    expect(logged.filter((h: { source: string }) => h.source === 'shift')).toEqual([expect.objectContaining({ hours: 1.5, activity: { id: past.id, title: 'Dapur umum' }, program: { id: p.id, name: 'Program Pangan' }, date: yesterday })]);
    // the link stops with a new one; a volunteer in the bin has none
    const newer = (await req('POST', `/api/volunteers/${v.id}/link`)).json();
    expect((await pub('GET', `/api/v/${token}`)).statusCode).toBe(404);
    expect((await pub('GET', `/api/v/${newer.url.split('/v/')[1]}`)).statusCode).toBe(200);
    // an inactive volunteer's link stops, and works again once they are active
    const profile = (await req('GET', `/api/volunteers/${v.id}`)).json();
    const off = await req('PATCH', `/api/volunteers/${v.id}`, { status: 'inactive', version: profile.version });
    expect(off.statusCode, off.body).toBe(200);
    expect((await pub('GET', `/api/v/${newer.url.split('/v/')[1]}`)).statusCode).toBe(404);
    expect((await pub('POST', `/api/v/${newer.url.split('/v/')[1]}/hours`, { date: today, hours: 1 })).statusCode).toBe(404);
    await req('PATCH', `/api/volunteers/${v.id}`, { status: 'active', version: off.json().version });
    expect((await pub('GET', `/api/v/${newer.url.split('/v/')[1]}`)).statusCode).toBe(200);
    expect((await req('DELETE', `/api/volunteers/${v.id}/link`)).statusCode).toBe(204);
    expect((await pub('GET', `/api/v/${newer.url.split('/v/')[1]}`)).statusCode).toBe(404);

    // staff add hours; the report per volunteer and program, and its XLSX
    const added = await req('POST', '/api/volunteer-hours', { volunteerId: v.id, date: today, hours: 3, programId: p.id, note: 'Rapat koordinasi' });
    expect(added.json()).toMatchObject({ status: 'approved', source: 'staff', program: { id: p.id } });
    const report = (await req('GET', `/api/volunteer-hours/report?from=${yesterday}&to=${today}&volunteerId=${v.id}`)).json();
    expect(report.rows).toEqual([
      { volunteer: { id: v.id, name: 'Hana Pertiwi' }, program: { id: p.id, name: 'Program Pangan' }, entries: 2, hours: 4.5 },
      { volunteer: { id: v.id, name: 'Hana Pertiwi' }, program: null, entries: 1, hours: 2.5 },
    ]);
    expect(report).toMatchObject({ totalHours: 7, volunteers: 1 });
    expect((await req('GET', `/api/volunteer-hours/report?from=${yesterday}&to=${today}&programId=${p.id}`)).json().totalHours).toBe(4.5);
    const xlsx = await req('GET', `/api/volunteer-hours/report.xlsx?from=${yesterday}&to=${today}&lang=id`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // delete and restore an entry
    expect((await req('DELETE', `/api/volunteer-hours/${added.json().id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/volunteer-hours/report?from=${yesterday}&to=${today}&programId=${p.id}`)).json().totalHours).toBe(1.5);
    expect((await req('POST', `/api/volunteer-hours/${added.json().id}/restore`)).json().deletedAt).toBeNull();
  });

  it('reminds a volunteer of a shift a day ahead through the outbox, once', async () => {
    const soon = jakarta(5);
    const end = jakarta(7);
    const act = await activity('Penyuluhan malam', soon.date, soon.time, end.date === soon.date ? end.time : '23:59', { venue: 'Balai RW 03' });
    const r = await role(act.id, { name: 'Pemandu', needed: 1 });
    const later = await activity('Penyuluhan minggu depan', jakarta(24 * 7).date, '09:00', '10:00');
    const r2 = await role(later.id, { name: 'Pemandu', needed: 1 });
    const v = await volunteer('Indah Permata');
    await req('POST', `/api/volunteer-roles/${r.id}/assignments`, { volunteerId: v.id });
    await req('POST', `/api/volunteer-roles/${r2.id}/assignments`, { volunteerId: v.id });
    const n = await sendShiftReminders(t.db, t.app.services.mailer);
    expect(n).toBe(1);
    expect(await sendShiftReminders(t.db, t.app.services.mailer)).toBe(0);
    const { rows } = await t.db.query<{ to_email: string; subject: string; body: string }>(`SELECT to_email, subject, body FROM mail_outbox WHERE org_id = $1 AND subject LIKE '%Penyuluhan%'`, [owner.orgId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].to_email).toBe('indah@example.org');
    expect(rows[0].body).toContain('Pemandu');
    expect(rows[0].body).toContain('Balai RW 03');
    expect(rows[0].body).toContain(`${soon.date} ${soon.time}`);
  });
});
