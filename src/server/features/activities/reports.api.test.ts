import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/text.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { deflateSync } from 'node:zlib';
import { PHOTOS_PER_REPORT } from '../../../domain/contracts/activityReports.ts';
import { JPEG, PNG, WEBP, brokenPng, pngFile } from './report.fixtures.ts';
import { REPORT_EXPORTS } from './reports.routes.ts';

/** Every XML part of a DOCX parses; the document's text, paragraph by paragraph. */
function docxText(bytes: Buffer) {
  const parts = unzipSync(new Uint8Array(bytes));
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw new Error(`${name}: ${e.message}`);
    });
    parser.write(strFromU8(data)).close();
  }
  const xml = strFromU8(parts['word/document.xml']);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] ?? '\n').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')).join(''));
  return { parts, xml, paragraphs, text: paragraphs.join('\n') };
}

describe.each(DATABASES)('activity figures and reports on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  let staff: Awaited<ReturnType<typeof addMember>>;
  let viewer: Awaited<ReturnType<typeof addMember>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
    staff = await addMember(t.app, owner, 'staff');
    viewer = await addMember(t.app, owner, 'viewer');
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const ok = async (method: string, url: string, payload?: object) => {
    const res = await req(method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const activity = async (body: object) => (await ok('POST', '/api/activities', { startTime: '09:00', endTime: '11:00', type: 'training', ...body })).item as { id: string; version: number };
  const person = async (body: object) => (await ok('POST', '/api/people', body)).id as string;
  // registrations and attendance are written by their own feature; here straight into the tables
  const register = (activityId: string, personId: string, status: string) =>
    t.db.query(`INSERT INTO activity_registrations (org_id, id, activity_id, person_id, status, source, code) VALUES ($1, gen_random_uuid(), $2, $3, $4, 'staff', $5)`, [owner.orgId, activityId, personId, status, Math.random().toString(36).slice(2, 10)]);
  const attend = (activityId: string, personId: string) => t.db.query(`INSERT INTO attendance (org_id, activity_id, person_id, method) VALUES ($1, $2, $3, 'list')`, [owner.orgId, activityId, personId]);

  const count = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((c) => [c.key, c.count]));

  it('counts an activity’s figures from registrations and attendance: rate, walk-ins, new vs returning, and the breakdowns', async () => {
    await ok('PUT', '/api/monitoring/settings', { ageBands: [{ min: 0, max: 17 }, { min: 18, max: 59 }, { min: 65, max: null }], rule: { onTrack: 0.9, atRisk: 0.7 } });
    const program = (await ok('POST', '/api/programs', { name: 'Program Menjahit' })).id as string;
    const other = (await ok('POST', '/api/programs', { name: 'Program Lain' })).id as string;
    const earlier = await activity({ title: 'Sesi 1', programId: program, startDate: '2026-03-02' });
    const elsewhere = await activity({ title: 'Program lain', programId: other, startDate: '2026-03-03' });
    // 06:00 in Jakarta is 23:00 UTC the day before: ages count on the local date
    const me = await activity({ title: 'Sesi 2', programId: program, startDate: '2026-03-09', startTime: '06:00', endTime: '08:00' });
    const later = await activity({ title: 'Sesi 3', programId: program, startDate: '2026-03-16' });

    const ani = await person({ fullName: 'Ani', sex: 'female', birthDate: '2008-03-09', areaCode: '32.04.05.2001' }); // 18 that day
    const budi = await person({ fullName: 'Budi', sex: 'male', birthDate: '2008-03-10', areaCode: '32.04.05.2001', disability: { seeing: 3 } }); // 17 that day
    const citra = await person({ fullName: 'Citra', sex: 'female', birthYear: 1960, areaCode: '32.04.05.2002', disability: { seeing: 1, hearing: 1 } }); // 66
    const dewi = await person({ fullName: 'Dewi', sex: 'female', birthYear: 1964 }); // 62: between the bands
    const eko = await person({ fullName: 'Eko' }); // nothing known
    const fajar = await person({ fullName: 'Fajar', sex: 'male' });
    const gone = await person({ fullName: 'Gugun', sex: 'male' });

    for (const [p, s] of [[ani, 'registered'], [budi, 'registered'], [citra, 'registered'], [dewi, 'waitlisted'], [fajar, 'cancelled'], [gone, 'registered']] as const) await register(me.id, p, s);
    for (const p of [ani, budi, dewi, eko, gone]) await attend(me.id, p);
    await attend(earlier.id, ani); // returning in this program
    await attend(elsewhere.id, budi); // another program: new here
    await attend(later.id, eko); // later: new here
    expect((await req('DELETE', `/api/people/${gone}`)).statusCode).toBe(200); // deleted people do not count

    const res = await req('GET', `/api/activities/${me.id}/figures`, undefined, viewer.headers);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({ activityId: me.id, registered: 3, waitlisted: 1, cancelled: 1, attended: 4, attendedRegistered: 2, walkIns: 2, newParticipants: 3, returningParticipants: 1, returningScope: 'program' });
    expect(f.attendanceRate).toBeCloseTo(2 / 3, 10);
    expect(count(f.bySex)).toEqual({ female: 2, male: 1, unknown: 1 });
    expect(f.byAge.map((c: { key: string }) => c.key)).toEqual(['0-17', '18-59', '65+', 'other', 'unknown']);
    expect(count(f.byAge)).toEqual({ '0-17': 1, '18-59': 1, '65+': 0, other: 1, unknown: 1 });
    expect(count(f.byDisability)).toEqual({ with: 1, without: 0, unknown: 3 });
    expect(f.byArea).toEqual([
      { key: '32.04.05.2001', count: 2, label: expect.stringMatching(/^[^,]+, [^,]+, [^,]+$/) },
      { key: 'unknown', count: 2, label: null },
    ]);

    // without a program, returning means any earlier activity of the organisation
    const open = await activity({ title: 'Terbuka', startDate: '2026-03-20' });
    for (const p of [budi, citra]) await attend(open.id, p);
    const g = (await ok('GET', `/api/activities/${open.id}/figures`)) as Record<string, unknown>;
    expect(g).toMatchObject({ registered: 0, attended: 2, attendedRegistered: 0, walkIns: 2, attendanceRate: null, returningParticipants: 1, newParticipants: 1, returningScope: 'organization' });
    expect(count(g.byAge as [])).toEqual({ '0-17': 0, '18-59': 1, '65+': 1, unknown: 0 });

    // nobody yet: zeros, every category listed
    const empty = await ok('GET', `/api/activities/${later.id}/figures`);
    expect(empty).toMatchObject({ registered: 0, attended: 1, byDisability: [{ key: 'with', count: 0 }, { key: 'without', count: 0 }, { key: 'unknown', count: 1 }] });
    expect((await req('GET', `/api/activities/${crypto.randomUUID()}/figures`)).statusCode).toBe(404);
    await ok('DELETE', `/api/activities/${later.id}`);
    expect((await req('GET', `/api/activities/${later.id}/figures`)).statusCode).toBe(404);
  });

  it('writes one versioned report per activity; staff write it, managers delete and restore it; every step is in its history', async () => {
    const a = await activity({ title: 'Rapat warga', startDate: '2026-04-01' });
    const url = `/api/activities/${a.id}/report`;
    expect((await req('GET', url)).json()).toBeNull();
    const bad = await req('POST', url, { summary: '  ', outcomes: 'x' }, { ...staff.headers, 'accept-language': 'id' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.summary).toEqual({ code: 'required', message: 'Wajib diisi.' });
    expect((await req('POST', url, { summary: 'Rapat berjalan' }, viewer.headers)).statusCode).toBe(403);
    const created = await req('POST', url, { summary: 'Rapat berjalan lancar.\n\nDua puluh warga datang.', outcomes: '', followUps: 'Kirim notulen' }, staff.headers);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ activityId: a.id, summary: 'Rapat berjalan lancar.\n\nDua puluh warga datang.', outcomes: null, followUps: 'Kirim notulen', photos: [], version: 1, createdBy: { id: staff.userId } });
    const again = await req('POST', url, { summary: 'Lagi' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('report_exists');

    const up = await req('PATCH', url, { outcomes: 'Disepakati jadwal ronda', version: 1 });
    expect(up.json()).toMatchObject({ outcomes: 'Disepakati jadwal ronda', followUps: 'Kirim notulen', version: 2, updatedBy: { id: owner.userId } });
    const stale = await req('PATCH', url, { summary: 'Tertimpa', version: 1 }, staff.headers);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    expect((await req('DELETE', url, undefined, staff.headers)).statusCode).toBe(403);
    expect((await req('DELETE', url)).statusCode).toBe(200);
    expect((await req('GET', url)).json()).toBeNull();
    expect((await req('PATCH', url, { summary: 'x', version: 3 })).statusCode).toBe(404);
    const back = await req('POST', `${url}/restore`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ outcomes: 'Disepakati jadwal ronda', deletedAt: null, version: 4 });
    expect((await req('POST', `${url}/restore`)).json().error.code).toBe('report_exists');

    // a new report after a delete replaces the one in the bin
    await ok('DELETE', url);
    expect((await req('POST', url, { summary: 'Ditulis ulang' })).json()).toMatchObject({ summary: 'Ditulis ulang', version: 1 });
    expect((await req('POST', `${url}/restore`)).statusCode).toBe(409);
    await ok('DELETE', url);
    expect((await req('GET', url)).json()).toBeNull();

    const history = (await ok('GET', `/api/history/activity_report/${a.id}`)).items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['delete', 'create', 'delete', 'restore', 'delete', 'update', 'create']);
    // a deleted activity takes its report with it
    await ok('POST', url, { summary: 'Baru' });
    await ok('DELETE', `/api/activities/${a.id}`);
    expect((await req('GET', url)).statusCode).toBe(404);
    expect((await req('POST', url, { summary: 'x' })).statusCode).toBe(404);
  });

  it('keeps captioned photos checked by their first bytes, serves them safely, and can take one back', async () => {
    const a = await activity({ title: 'Penyaluran', startDate: '2026-04-02' });
    const photos = `/api/activities/${a.id}/report/photos`;
    const upload = (body: Buffer, type: string, name: string, caption = 'Warga antre', headers = staff.headers) =>
      t.app.inject({ method: 'POST', url: `${photos}?fileName=${encodeURIComponent(name)}&caption=${encodeURIComponent(caption)}`, headers: { ...headers, 'content-type': type }, payload: body });
    expect((await upload(JPEG, 'image/jpeg', 'a.jpg')).json().error.code).toBe('report_missing');
    await ok('POST', `/api/activities/${a.id}/report`, { summary: 'Beras dibagikan' });

    const jpg = await upload(JPEG, 'image/jpeg', 'antrean\u202Egpj.exe');
    expect(jpg.statusCode, jpg.body).toBe(201);
    expect(jpg.json()).toMatchObject({ fileName: 'antreangpj.exe.jpg', contentType: 'image/jpeg', width: 24, height: 16, size: JPEG.length, caption: 'Warga antre', version: 1 });
    expect((await upload(WEBP, 'image/webp', 'gudang.webp', 'Gudang beras')).json()).toMatchObject({ width: 24, height: 16, contentType: 'image/webp' });
    expect((await upload(PNG, 'image/png', 'peta.png', 'Peta')).json()).toMatchObject({ width: 1, height: 1 });

    // refused: a renamed file, a type that is not a photo, an empty file, no caption, someone who may not write
    const renamed = await upload(Buffer.from('%PDF-1.4 bukan foto'), 'image/jpeg', 'x.jpg');
    expect([renamed.statusCode, renamed.json().error.code]).toEqual([415, 'file_type_mismatch']);
    expect((await upload(PNG, 'image/jpeg', 'x.jpg')).json().error.code).toBe('file_type_mismatch');
    const pdf = await upload(Buffer.from('%PDF-1.4'), 'application/pdf', 'x.pdf');
    expect(pdf.statusCode).toBe(415);
    expect((await upload(Buffer.alloc(0), 'image/png', 'x.png')).statusCode).toBe(400);
    const noCaption = await upload(JPEG, 'image/jpeg', 'x.jpg', '');
    expect([noCaption.statusCode, Object.keys(noCaption.json().error.fields)]).toEqual([400, ['caption']]);
    expect((await upload(JPEG, 'image/jpeg', 'x.jpg', 'x', viewer.headers)).statusCode).toBe(403);
    expect((await upload(Buffer.alloc(10 * 1024 * 1024 + 1), 'image/jpeg', 'big.jpg')).statusCode).toBe(413);
    // a PNG claiming 100 000 × 100 000 pixels
    const huge = Buffer.from(PNG);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect((await upload(huge, 'image/png', 'bomb.png')).json().error.fields.file.code).toBe('image_too_many_pixels');
    // a JPEG 12 000 px wide (small in pixels, too long a side); a 16-bit PNG; a PNG with alpha the PDF would decode at 20 MP
    const wide = Buffer.from(JPEG);
    const sof = wide.indexOf(Buffer.from([0xff, 0xc0]));
    wide.writeUInt16BE(100, sof + 5);
    wide.writeUInt16BE(12_000, sof + 7);
    const side = await upload(wide, 'image/jpeg', 'panorama.jpg', 'x', { ...staff.headers, 'accept-language': 'en' });
    expect(side.json().error.fields.file).toMatchObject({ code: 'image_side_too_long', message: 'The image is too large (at most 10000 pixels on its longest side).' });
    const deep = pngFile({ width: 1, height: 1, color: 2, idat: deflateSync(Buffer.alloc(7)) });
    deep[24] = 16; // bit depth (the CRC is not checked)
    const sixteen = await upload(deep, 'image/png', 'dalam.png', 'x', { ...staff.headers, 'accept-language': 'id' });
    expect([sixteen.statusCode, sixteen.json().error.code, sixteen.json().error.message]).toEqual([415, 'image_16_bit', 'PNG 16-bit tidak didukung. Simpan sebagai PNG 8-bit atau JPEG.']);
    const alpha = pngFile({ width: 5000, height: 4000, color: 6, idat: deflateSync(Buffer.alloc(10)) });
    expect((await upload(alpha, 'image/png', 'layar.png', 'x', { ...staff.headers, 'accept-language': 'en' })).json().error.fields.file).toEqual({ code: 'image_png_too_large', message: 'A PNG with transparency or interlacing may have at most 16 megapixels. Save it as JPEG or make it smaller.' });
    const damaged = await upload(brokenPng(), 'image/png', 'rusak.png');
    expect([damaged.statusCode, damaged.json().error.code]).toEqual([415, 'image_unreadable']);

    const id = jpg.json().id as string;
    const got = await req('GET', `/api/report-photos/${id}`, undefined, viewer.headers);
    expect(got.statusCode).toBe(200);
    expect(Buffer.compare(got.rawPayload, JPEG)).toBe(0);
    expect(got.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' });
    expect(got.headers['content-disposition']).toBe(`inline; filename="antreangpj.exe.jpg"; filename*=UTF-8''antreangpj.exe.jpg`);
    expect(got.headers['content-security-policy']).toContain('sandbox');

    const report = await ok('GET', `/api/activities/${a.id}/report`);
    expect(report.photos.map((p: { caption: string }) => p.caption)).toEqual(['Warga antre', 'Gudang beras', 'Peta']);
    const cap = await req('PATCH', `/api/report-photos/${id}`, { caption: 'Warga antre dengan tertib', version: 1 }, staff.headers);
    expect(cap.json()).toMatchObject({ caption: 'Warga antre dengan tertib', version: 2 });
    expect((await req('PATCH', `/api/report-photos/${id}`, { caption: 'x', version: 1 })).statusCode).toBe(409);
    expect((await req('DELETE', `/api/report-photos/${id}`, undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('GET', `/api/report-photos/${id}`)).statusCode).toBe(404);
    expect((await ok('GET', `/api/activities/${a.id}/report`)).photos).toHaveLength(2);
    expect((await req('POST', `/api/report-photos/${id}/restore`, undefined, staff.headers)).json()).toMatchObject({ id, caption: 'Warga antre dengan tertib' });
    expect((await ok('GET', `/api/activities/${a.id}/report`)).photos).toHaveLength(3);
    // photos go to the bin with their report, and come back with it
    await ok('DELETE', `/api/activities/${a.id}/report`);
    expect((await req('GET', `/api/report-photos/${id}`)).statusCode).toBe(404);
    await ok('POST', `/api/activities/${a.id}/report/restore`);
    expect((await req('GET', `/api/report-photos/${id}`)).statusCode).toBe(200);
    const history = (await ok('GET', `/api/history/activity_report/${a.id}`)).items.map((e: { action: string }) => e.action);
    expect(history.slice(0, 5)).toEqual(['restore', 'delete', 'photo_restore', 'photo_delete', 'photo_update']);
  });

  it('keeps the photo limit when many photos arrive at once (the report is locked while they are counted)', async () => {
    const a = await activity({ title: 'Banyak foto', startDate: '2026-04-03' });
    const report = await ok('POST', `/api/activities/${a.id}/report`, { summary: 'Foto-foto' });
    // three places left
    await t.db.query(
      `INSERT INTO activity_report_photos (org_id, id, report_id, file_name, content_type, size, width, height, caption, content) SELECT $1, gen_random_uuid(), $2, 'f.jpg', 'image/jpeg', $3, 24, 16, 'Foto', $4 FROM generate_series(1, $5::int)`,
      [owner.orgId, report.id, JPEG.length, JPEG, PHOTOS_PER_REPORT - 3],
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.app.inject({ method: 'POST', url: `/api/activities/${a.id}/report/photos?fileName=f${i}.jpg&caption=Foto`, headers: { ...staff.headers, 'content-type': 'image/jpeg' }, payload: JPEG })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(3).fill(201), ...Array(7).fill(400)]);
    expect(results.filter((r) => r.statusCode === 400).every((r) => r.json().error.code === 'too_many_photos')).toBe(true);
    expect((await ok('GET', `/api/activities/${a.id}/report`)).photos).toHaveLength(PHOTOS_PER_REPORT);
  });

  it('makes at most two report exports at once per process; more are told to try again', async () => {
    const a = await activity({ title: 'Sibuk', startDate: '2026-04-04' });
    await ok('POST', `/api/activities/${a.id}/report`, { summary: 'Ringkas' });
    const taken = [REPORT_EXPORTS.take(), REPORT_EXPORTS.take()];
    try {
      expect(taken).toEqual([true, true]);
      const busy = await req('GET', `/api/activities/${a.id}/report.pdf`, undefined, { ...owner.headers, 'accept-language': 'en' });
      expect([busy.statusCode, busy.json().error.code, busy.json().error.message]).toEqual([429, 'busy', 'The server is busy making other reports. Try again in a moment.']);
      expect(busy.headers['retry-after']).toBe('10');
      expect((await req('GET', `/api/activities/${a.id}/report.docx`, undefined, { ...owner.headers, 'accept-language': 'id' })).json().error.message).toBe('Server sedang membuat laporan lain. Coba lagi sebentar lagi.');
    } finally {
      REPORT_EXPORTS.release();
      REPORT_EXPORTS.release();
    }
    expect((await req('GET', `/api/activities/${a.id}/report.pdf`)).statusCode).toBe(200);
    // a slot is given back whatever happens: a failed export (no report) too
    const none = await activity({ title: 'Tanpa laporan lagi', startDate: '2026-04-05' });
    for (let i = 0; i < 3; i++) expect((await req('GET', `/api/activities/${none.id}/report.pdf`)).statusCode).toBe(404);
    expect((await req('GET', `/api/activities/${a.id}/report.docx`)).statusCode).toBe(200);
  });

  it('exports the report as PDF and DOCX in the chosen language, with the figures, sections and photos; audited', async () => {
    const program = (await ok('POST', '/api/programs', { name: 'Sekolah Lapang Iklim' })).id as string;
    const a = await activity({ title: 'Pelatihan pupuk organik', programId: program, startDate: '2026-05-04', venue: 'Balai Desa Sukamaju', areaCode: '32.04.05.2001', status: 'done' });
    const people = [];
    for (const [name, sex] of [['Sari', 'female'], ['Rina', 'female'], ['Joko', 'male']]) people.push(await person({ fullName: name, sex, birthYear: 1990, areaCode: '32.04.05.2001' }));
    for (const p of people) await register(a.id, p, 'registered');
    for (const p of people.slice(0, 2)) await attend(a.id, p);
    const extra = await person({ fullName: 'Walk In', sex: 'male' });
    await attend(a.id, extra);
    await ok('POST', `/api/activities/${a.id}/report`, { summary: 'Petani belajar membuat kompos & bokashi.\nPraktik langsung di lahan.', outcomes: 'Dua puluh karung kompos jadi', followUps: 'Kunjungan ulang <bulan depan>' });
    for (const [img, type, caption] of [[JPEG, 'image/jpeg', 'Praktik membuat kompos'], [WEBP, 'image/webp', 'Karung kompos di gudang']] as const) {
      const r = await t.app.inject({ method: 'POST', url: `/api/activities/${a.id}/report/photos?fileName=f&caption=${encodeURIComponent(caption)}`, headers: { ...owner.headers, 'content-type': type }, payload: img });
      expect(r.statusCode, r.body).toBe(201);
    }

    // a damaged PNG kept before uploads were checked this closely: a note in the PDF, the file in the DOCX
    const reportId = (await ok('GET', `/api/activities/${a.id}/report`)).id;
    const broken = brokenPng();
    await t.db.query(
      `INSERT INTO activity_report_photos (org_id, id, report_id, file_name, content_type, size, width, height, caption, content) VALUES ($1, gen_random_uuid(), $2, 'peta.png', 'image/png', $3, 2, 2, 'Peta rusak', $4)`,
      [owner.orgId, reportId, broken.length, broken],
    );
    // JPEGs pdfkit refuses, kept before: one whose marker starts with a fill byte (valid JPEG, but
    // pdfkit's reader loses its way) and one whose header is sound and the rest is not
    const fill = Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff]), JPEG.subarray(2)]);
    const cut = Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(64, 0x11)]);
    for (const [bytes, caption] of [[fill, 'Jpeg berbeda'], [cut, 'Jpeg terpotong']] as const) {
      await t.db.query(
        `INSERT INTO activity_report_photos (org_id, id, report_id, file_name, content_type, size, width, height, caption, content) VALUES ($1, gen_random_uuid(), $2, 'f.jpg', 'image/jpeg', $3, 24, 16, $4, $5)`,
        [owner.orgId, reportId, bytes.length, caption, bytes],
      );
    }
    const pdfId = await req('GET', `/api/activities/${a.id}/report.pdf?lang=id`, undefined, viewer.headers);
    expect(pdfId.statusCode, pdfId.body.slice(0, 300)).toBe(200);
    expect(pdfId.headers['content-type']).toBe('application/pdf');
    expect(pdfId.headers['content-disposition']).toBe(`attachment; filename="laporan-pelatihan-pupuk-organik-2026-05-04.pdf"; filename*=UTF-8''laporan-pelatihan-pupuk-organik-2026-05-04.pdf`);
    // pdfmake places the parts of a hyphenated word one by one: the extraction spaces them
    const readPdf = (pdf: Buffer) => pdfText(pdf).join('\n').replace(/\u200b/g, '').replace(/([-–/]) /g, '$1');
    const idText = readPdf(pdfId.rawPayload);
    for (const s of ['Laporan Kegiatan', 'Pelatihan pupuk organik', 'Sekolah Lapang Iklim', 'Balai Desa Sukamaju', '4 Mei 2026', 'Kehadiran', 'Terdaftar 3', 'Hadir 3', 'Hadir dari yang terdaftar 2', 'Hadir tanpa tempat terdaftar (walk-in) 1', '66,7%', 'Perempuan 2 66,7%', 'Laki-laki 1 33,3%', 'Tidak diketahui', 'Apa yang terjadi', 'Petani belajar membuat kompos & bokashi.', 'Hasil', 'Dua puluh karung kompos jadi', 'Tindak lanjut', 'Kunjungan ulang <bulan depan>', 'Foto', 'Praktik membuat kompos', 'Karung kompos di gudang', 'Foto WebP tidak dapat ditampilkan di PDF', 'Foto ini tidak dapat ditampilkan.', 'Peta rusak', 'Jpeg berbeda', 'Jpeg terpotong']) {
      expect(idText, s).toContain(s);
    }
    expect(pdfId.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/); // the JPEG is in the PDF
    expect(idText.match(/Foto ini tidak dapat ditampilkan\./g)).toHaveLength(3); // the damaged PNG and both JPEGs

    const pdfEn = await req('GET', `/api/activities/${a.id}/report.pdf?lang=en`);
    const enText = readPdf(pdfEn.rawPayload);
    for (const s of ['Activity Report', 'Attendance', 'Registered 3', 'Attended 3', '4 May 2026', 'Female 2 66.7%', 'What happened', 'Outcomes', 'Follow-ups', 'Photos']) expect(enText, s).toContain(s);
    expect(enText).not.toContain('Kehadiran');

    const docx = await req('GET', `/api/activities/${a.id}/report.docx?lang=en`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toContain('filename="report-pelatihan-pupuk-organik-2026-05-04.docx"');
    const d = docxText(docx.rawPayload);
    for (const s of ['Activity Report', 'Pelatihan pupuk organik', 'Sekolah Lapang Iklim', 'Attendance', 'Registered', 'Attended by sex', 'Female', 'What happened', 'Petani belajar membuat kompos & bokashi.\nPraktik langsung di lahan.', 'Kunjungan ulang <bulan depan>', 'Praktik membuat kompos', 'Karung kompos di gudang']) expect(d.text, s).toContain(s);
    expect(d.paragraphs).toContain('66.7%');
    expect(Object.keys(d.parts).filter((n) => n.startsWith('word/media/')).sort()).toEqual(['word/media/image1.jpeg', 'word/media/image2.webp', 'word/media/image3.png', 'word/media/image4.jpeg', 'word/media/image5.jpeg']);
    expect(Buffer.compare(Buffer.from(d.parts['word/media/image1.jpeg']), JPEG)).toBe(0);
    expect(d.xml).toContain('descr="Praktik membuat kompos"');
    const idDocx = docxText((await req('GET', `/api/activities/${a.id}/report.docx?lang=id`)).rawPayload);
    expect(idDocx.text).toContain('Yang hadir menurut jenis kelamin');
    expect(strFromU8(idDocx.parts['word/styles.xml'])).toContain('w:val="id-ID"');

    const audit = (await ok('GET', `/api/history/activity_report/${a.id}`)).items.filter((e: { action: string }) => e.action === 'export');
    expect(audit.map((e: { after: { format: string; lang: string } }) => `${e.after.format}/${e.after.lang}`)).toEqual(['docx/id', 'docx/en', 'pdf/en', 'pdf/id']);
    const none = await activity({ title: 'Tanpa laporan', startDate: '2026-05-05' });
    expect((await req('GET', `/api/activities/${none.id}/report.pdf`)).statusCode).toBe(404);
  });
});
