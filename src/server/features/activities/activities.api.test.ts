import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

/** Unfolds RFC 5545 content lines and splits them into events. */
function parseIcs(text: string) {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const events: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      events.push(cur!);
      cur = null;
    } else if (cur) {
      const i = l.indexOf(':');
      cur[l.slice(0, i)] = l.slice(i + 1);
    }
  }
  return { lines, events };
}

describe.each(DATABASES)('activities on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const list = async (from: string, to: string, extra = '') => (await req('GET', `/api/activities?from=${from}&to=${to}${extra}`)).json().items as Record<string, any>[];

  it('plans an activity in the organisation’s time zone: 09:00 Asia/Jakarta is 02:00Z; changes it with a version; deletes and restores it', async () => {
    const p = (await req('POST', '/api/programs', { name: 'Program Gizi' })).json();
    const goal = (await req('POST', `/api/programs/${p.id}/results`, { parentId: null, statement: 'Gizi anak membaik' })).json().items[0];
    const res = await req('POST', '/api/activities', {
      title: 'Pelatihan kader; gizi, balita', type: 'training', programId: p.id, resultId: goal.id, startDate: '2026-03-02', startTime: '09:00', endTime: '12:30',
      venue: 'Balai Desa', areaCode: '32.04.05', latitude: -6.9, longitude: 107.6, capacity: 30, facilitatorIds: [owner.userId], plannedCost: 1500000, description: 'Baris satu\nbaris dua',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().item;
    expect(a).toMatchObject({ startsAt: '2026-03-02T02:00:00Z', endsAt: '2026-03-02T05:30:00Z', startDate: '2026-03-02', startTime: '09:00', endTime: '12:30', timeZone: 'Asia/Jakarta', program: { id: p.id }, result: { id: goal.id }, facilitators: [{ id: owner.userId }], currency: 'IDR', plannedCost: 1500000, status: 'planned', series: null, version: 1 });
    expect(a.area.path.map((x: { code: string }) => x.code)).toEqual(['32', '32.04', '32.04.05']);
    expect((await list('2026-03-01', '2026-03-31')).map((x) => x.id)).toEqual([a.id]);
    expect(await list('2026-03-03', '2026-03-31', `&areaCode=32.04`)).toEqual([]);
    expect(await list('2026-03-01', '2026-03-31', `&areaCode=32.05`)).toEqual([]);
    expect(await list('2026-03-01', '2026-03-31', `&areaCode=32.04&programId=${p.id}&type=training&q=KADER&mine=true`)).toHaveLength(1);
    const up = await req('PATCH', `/api/activities/${a.id}`, { status: 'cancelled', cancelReason: 'Hujan deras', version: 1 });
    expect(up.json().item).toMatchObject({ status: 'cancelled', cancelReason: 'Hujan deras', version: 2 });
    expect((await req('PATCH', `/api/activities/${a.id}`, { title: 'x', version: 1 })).statusCode).toBe(409);
    expect((await req('PATCH', `/api/activities/${a.id}`, { status: 'done', version: 2 })).json().item).toMatchObject({ status: 'done', cancelReason: null });
    expect((await req('DELETE', `/api/activities/${a.id}`)).json()).toMatchObject({ affected: 1, item: { id: a.id } });
    expect(await list('2026-03-01', '2026-03-31')).toEqual([]);
    expect((await req('GET', `/api/activities/${a.id}`)).statusCode).toBe(404);
    const rs = await req('POST', `/api/activities/${a.id}/restore`);
    expect(rs.statusCode, rs.body).toBe(200);
    expect(rs.json().item.deletedAt).toBeNull();
    expect((await req('GET', `/api/audit?entityId=${a.id}`)).json().items.map((x: { action: string }) => x.action)).toEqual(['restore', 'delete', 'update', 'update', 'create']);
    // an all-day activity over two days
    const d = (await req('POST', '/api/activities', { title: 'Pameran', type: 'social_event', startDate: '2026-04-10', endDate: '2026-04-11', allDay: true })).json().item;
    expect(d).toMatchObject({ allDay: true, startDate: '2026-04-10', endDate: '2026-04-11', startsAt: '2026-04-09T17:00:00Z', endsAt: '2026-04-11T17:00:00Z' });
  });

  it('refuses bad input with field codes in the caller’s language, never a 500', async () => {
    const other = await signUpWithOrg(t.app);
    const p1 = (await req('POST', '/api/programs', { name: 'Satu' })).json();
    const p2 = (await req('POST', '/api/programs', { name: 'Dua' })).json();
    const goal2 = (await req('POST', `/api/programs/${p2.id}/results`, { parentId: null, statement: 'Tujuan dua' })).json().items[0];
    const bad = await req('POST', '/api/activities', { title: '', type: 'Party!', startDate: '2026-02-30', startTime: '25:00', latitude: 91, capacity: 0, currency: 'rp' }, { ...owner.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['capacity', 'currency', 'latitude', 'startDate', 'startTime', 'title', 'type']);
    expect(bad.json().error.fields.startTime.message).toMatch(/Jam tidak sah/);
    const en = await req('POST', '/api/activities', { title: 'x', type: 'karaoke', startDate: '2026-03-02', startTime: '10:00', endTime: '09:00', status: 'cancelled', programId: p1.id, resultId: goal2.id, facilitatorIds: [other.userId], areaCode: '99.99' }, { ...owner.headers, 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    const f = en.json().error.fields;
    expect(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as { code: string }).code]))).toEqual({
      type: 'invalid_option', endTime: 'ends_before_starts', cancelReason: 'cancel_reason_required', resultId: 'result_not_in_program', 'facilitatorIds.0': 'not_a_member', areaCode: 'invalid_area',
    });
    expect(f.cancelReason.message).toBe('Say why it is cancelled.');
    expect((await req('POST', '/api/activities', { title: 'x', startDate: '2026-03-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'weekly', weekdays: [1] } })).json().error.fields['repeat.count'].code).toBe('repeat_end_required');
    expect((await req('POST', '/api/activities', { title: 'x', startDate: '2026-03-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'yearly', count: 2 } })).statusCode).toBe(400);
    expect((await req('GET', '/api/activities?from=2026-01-01&to=2027-12-31')).json().error.fields.to.code).toBe('range_too_long');
    expect((await req('GET', '/api/activities?from=2026-01-01')).json().error.fields.to.code).toBe('required');
    expect((await req('GET', '/api/activities?from=2026-01-01&to=2026-02-01&cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await req('GET', '/api/activities/not-a-uuid')).statusCode).toBe(404);
  });

  it('makes a weekly series; edits one occurrence (detached) and then this-and-following; deletes one and the rest with undo', async () => {
    const res = await req('POST', '/api/activities', { title: 'Pelatihan menjahit', type: 'training', startDate: '2026-05-04', startTime: '09:00', endTime: '11:00', repeat: { freq: 'weekly', weekdays: [1], count: 4 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().affected).toBe(4);
    const items = await list('2026-05-01', '2026-05-31', '&q=menjahit');
    expect(items.map((x) => `${x.startDate} ${x.startTime}`)).toEqual(['2026-05-04 09:00', '2026-05-11 09:00', '2026-05-18 09:00', '2026-05-25 09:00']);
    expect(items.every((x) => x.series?.id === items[0].series.id && x.series.rule.freq === 'weekly')).toBe(true);
    // edit one: the 2nd moves to 13:00 and is detached
    const one = await req('PATCH', `/api/activities/${items[1].id}`, { startTime: '13:00', endTime: '15:00', title: 'Pelatihan menjahit (siang)', version: 1 });
    expect(one.json()).toMatchObject({ affected: 1, item: { startTime: '13:00', series: { detached: true } } });
    // edit following from the 1st: the time changes for all but the detached one, and the date moves a day
    const all = await req('PATCH', `/api/activities/${items[0].id}?scope=following`, { startDate: '2026-05-05', startTime: '08:00', endTime: '10:00', venue: 'Aula', version: 1 });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().affected).toBe(3);
    const after = await list('2026-05-01', '2026-05-31', '&q=menjahit');
    expect(after.map((x) => `${x.startDate} ${x.startTime} ${x.venue} ${x.series.detached}`)).toEqual([
      '2026-05-05 08:00 Aula false', '2026-05-11 13:00 null true', '2026-05-19 08:00 Aula false', '2026-05-26 08:00 Aula false',
    ]);
    expect(after[0].startsAt).toBe('2026-05-05T01:00:00Z');
    // delete one (the 3rd), then this and following from the 2nd; undo brings back that group only
    await req('DELETE', `/api/activities/${after[2].id}`);
    expect(await list('2026-05-01', '2026-05-31', '&q=menjahit')).toHaveLength(3);
    const rest = await req('DELETE', `/api/activities/${after[1].id}?scope=following`);
    expect(rest.json().affected).toBe(2);
    expect((await list('2026-05-01', '2026-05-31', '&q=menjahit')).map((x) => x.id)).toEqual([after[0].id]);
    expect((await req('POST', `/api/activities/${after[1].id}/restore`)).json().affected).toBe(2);
    expect((await list('2026-05-01', '2026-05-31', '&q=menjahit')).map((x) => x.id)).toEqual([after[0].id, after[1].id, after[3].id]);
  });

  it('keeps a monthly series on the month’s last day and 09:00 local', async () => {
    const res = await req('POST', '/api/activities', { title: 'Rapat bulanan', startDate: '2026-01-31', startTime: '09:00', endTime: '10:00', repeat: { freq: 'monthly', until: '2026-04-30' } });
    expect(res.json().affected).toBe(4);
    const items = await list('2026-01-01', '2026-12-31', '&q=bulanan');
    expect(items.map((x) => x.startsAt)).toEqual(['2026-01-31T02:00:00Z', '2026-02-28T02:00:00Z', '2026-03-31T02:00:00Z', '2026-04-30T02:00:00Z']);
  });

  it('keeps organisation activity types; lets staff plan but not delete; viewers only read', async () => {
    expect((await req('PUT', '/api/activities/types', { custom: [{ code: 'posyandu', label: { id: 'Posyandu', en: 'Health post day' } }] })).statusCode).toBe(200);
    expect((await req('PUT', '/api/activities/types', { custom: [{ code: 'training', label: { id: 'X', en: 'X' } }] })).json().error.fields['custom.0.code'].code).toBe('type_code_taken');
    expect((await req('GET', '/api/activities/types')).json().custom).toEqual([{ code: 'posyandu', label: { id: 'Posyandu', en: 'Health post day' } }]);
    const staff = await addMember(t.app, owner, 'staff');
    const viewer = await addMember(t.app, owner, 'viewer');
    const a = await req('POST', '/api/activities', { title: 'Posyandu Mawar', type: 'posyandu', startDate: '2026-06-01', startTime: '08:00', endTime: '11:00' }, staff.headers);
    expect(a.statusCode, a.body).toBe(201);
    const id = a.json().item.id;
    expect((await req('DELETE', `/api/activities/${id}`, undefined, staff.headers)).statusCode).toBe(403);
    expect((await req('PUT', '/api/activities/types', { custom: [] }, staff.headers)).statusCode).toBe(403);
    expect((await req('GET', `/api/activities/${id}`, undefined, viewer.headers)).statusCode).toBe(200);
    expect((await req('PATCH', `/api/activities/${id}`, { title: 'x', version: 1 }, viewer.headers)).statusCode).toBe(403);
    expect((await req('POST', '/api/activities', { title: 'x', startDate: '2026-06-01', allDay: true }, viewer.headers)).statusCode).toBe(403);
  });

  it('serves iCalendar feeds behind a secret token: folded, escaped, UTC, stable UIDs, cancelled status', async () => {
    const org = await signUpWithOrg(t.app);
    const r = (method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, headers: org.headers, payload });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const long = `Pertemuan warga, RT 01; bahas "air bersih" — ${'sangat panjang '.repeat(8)}`;
    const mine = (await r('POST', '/api/activities', { title: long, startDate: today, startTime: '09:00', endTime: '10:00', facilitatorIds: [org.userId], description: 'a\nb', venue: 'Balai, Desa' })).json().item;
    const other = (await r('POST', '/api/activities', { title: 'Kunjungan lapangan', type: 'field_visit', startDate: today, startTime: '13:00', endTime: '14:00', status: 'cancelled', cancelReason: 'Jalan longsor' })).json().item;
    expect((await r('GET', '/api/calendar/feed')).json().createdAt).toBeNull();
    const links = (await r('POST', '/api/calendar/feed')).json();
    expect(links.orgUrl).toMatch(/\/api\/calendar\/org\.ics\?token=cal_/);
    const orgIcs = await t.app.inject({ url: links.orgUrl.replace(/^https?:\/\/[^/]+/, '') });
    expect(orgIcs.statusCode, orgIcs.body).toBe(200);
    expect(orgIcs.headers['content-type']).toMatch(/text\/calendar/);
    const raw = orgIcs.body;
    expect(raw.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const { events } = parseIcs(raw);
    const byUid = Object.fromEntries(events.map((e) => [e.UID.split('@')[0], e]));
    expect(byUid[mine.id].SUMMARY).toBe(long.replace(/,/g, '\\,').replace(/;/g, '\\;').trim());
    expect(byUid[mine.id]).toMatchObject({ DTSTART: `${today.replace(/-/g, '')}T020000Z`, DTEND: `${today.replace(/-/g, '')}T030000Z`, DESCRIPTION: 'a\\nb', STATUS: 'CONFIRMED', LOCATION: 'Balai\\, Desa' });
    expect(byUid[other.id].STATUS).toBe('CANCELLED');
    const me = parseIcs((await t.app.inject({ url: links.meUrl.replace(/^https?:\/\/[^/]+/, '') })).body);
    expect(me.events.map((e) => e.UID)).toEqual([byUid[mine.id].UID]);
    expect((await t.app.inject({ url: '/api/calendar/org.ics?token=cal_wrong' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/calendar/org.ics' })).statusCode).toBe(400);
    // rotating makes the old links stop working
    const again = (await r('POST', '/api/calendar/feed')).json();
    expect((await t.app.inject({ url: links.orgUrl.replace(/^https?:\/\/[^/]+/, '') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: again.orgUrl.replace(/^https?:\/\/[^/]+/, '') })).statusCode).toBe(200);
  });
});
