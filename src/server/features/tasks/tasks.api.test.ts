import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';

/** YYYY-MM-DD in a time zone, `days` from now. */
const dayIn = (timeZone: string, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 86_400_000));
const shift = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(DATABASES)('tasks on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const req = (method: string, url: string, payload?: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
  const program = async (headers = owner.headers) => (await req('POST', '/api/programs', { name: `Program ${Math.random()}` }, headers)).json().id as string;
  const titles = (res: { json: () => { items: { title: string }[] } }) => res.json().items.map((x) => x.title);
  const jakarta = (days = 0) => dayIn('Asia/Jakarta', days);

  it('adds a task linked to an issue, overdue by days in the organisation’s calendar; done stamps completedAt; versioned; deleted and restored', async () => {
    const p = await program();
    const issue = (await req('POST', `/api/programs/${p}/issues`, { description: 'Bibit datang terlambat' })).json();
    const created = await req('POST', '/api/tasks', { programId: p, title: 'Telepon pemasok bibit', issueId: issue.id, assigneeId: owner.userId, dueDate: jakarta(-3), priority: 'high' });
    expect(created.statusCode, created.body).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({ programId: p, status: 'todo', priority: 'high', overdue: true, daysOverdue: 3, completedAt: null, commentCount: 0, assignee: { id: owner.userId }, link: { type: 'issue', id: issue.id, label: 'Bibit datang terlambat', deleted: false } });
    expect((await req('GET', `/api/tasks/${task.id}`)).json()).toMatchObject({ id: task.id, overdue: true, programName: expect.stringMatching(/^Program/) });

    const started = (await req('PATCH', `/api/tasks/${task.id}`, { status: 'in_progress', version: 1 })).json();
    expect(started).toMatchObject({ status: 'in_progress', overdue: true, version: 2 });
    const done = (await req('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 2 })).json();
    expect(done).toMatchObject({ status: 'done', overdue: false, daysOverdue: 0, version: 3 });
    expect(Date.now() - Date.parse(done.completedAt)).toBeLessThan(60_000);
    expect((await req('PATCH', `/api/tasks/${task.id}`, { status: 'todo', version: 2 })).statusCode).toBe(409);
    expect((await req('PATCH', `/api/tasks/${task.id}`, { status: 'todo', version: 3 })).json()).toMatchObject({ completedAt: null, overdue: true });
    // naming another link replaces it; null clears it
    const risk = (await req('POST', `/api/programs/${p}/risks`, { description: 'Hama wereng', category: 'environment', likelihood: 3, impact: 3 })).json();
    expect((await req('PATCH', `/api/tasks/${task.id}`, { riskId: risk.id, version: 4 })).json().link).toMatchObject({ type: 'risk', id: risk.id, label: 'Hama wereng' });
    expect((await req('PATCH', `/api/tasks/${task.id}`, { riskId: null, version: 5 })).json().link).toBeNull();

    expect((await req('DELETE', `/api/tasks/${task.id}`)).json().deletedAt).not.toBeNull();
    expect((await req('GET', `/api/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await req('GET', `/api/tasks?programId=${p}`)).json().items).toEqual([]);
    expect((await req('POST', `/api/tasks/${task.id}/restore`)).json().deletedAt).toBeNull();
    expect((await req('POST', `/api/tasks/${task.id}/restore`)).statusCode).toBe(404);
    expect(titles(await req('GET', `/api/tasks?programId=${p}`))).toEqual(['Telepon pemasok bibit']);
    expect((await req('GET', `/api/audit?entityId=${task.id}`)).json().items.map((x: { action: string }) => x.action)).toEqual(['restore', 'delete', 'update', 'update', 'update', 'update', 'update', 'create']);
    expect((await req('GET', `/api/history/task/${task.id}`)).json().items).toHaveLength(8);
  });

  it('refuses a link into another program, two links, a non-member and bad values, with field codes in both languages', async () => {
    const p = await program();
    const elsewhere = await program();
    const goal = (await req('POST', `/api/programs/${elsewhere}/results`, { parentId: null, statement: 'Tujuan program lain' })).json().items[0];
    const risk = (await req('POST', `/api/programs/${p}/risks`, { description: 'Hujan', category: 'environment', likelihood: 2, impact: 2 })).json();
    const other = await signUpWithOrg(t.app);
    const foreign = await req('POST', '/api/tasks', { programId: p, title: 'Salah tautan', resultId: goal.id }, { ...owner.headers, 'accept-language': 'id' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.resultId).toEqual({ code: 'link_not_in_program', message: 'Pilih hasil, risiko atau isu dari program tugas ini.' });
    const en = await req('POST', '/api/tasks', { programId: p, title: 'Salah tautan', resultId: goal.id });
    expect(en.json().error.fields.resultId.message).toBe("Choose a result, risk or issue of this task's program.");
    const two = await req('POST', '/api/tasks', { programId: p, title: 'Dua tautan', resultId: goal.id, riskId: risk.id });
    expect(Object.values(two.json().error.fields).map((f) => (f as { code: string }).code)).toContain('one_link_only');
    expect((await req('POST', '/api/tasks', { programId: p, title: 'x', assigneeId: other.userId })).json().error.fields.assigneeId.code).toBe('not_a_member');
    expect((await req('POST', '/api/tasks', { programId: '0190a5a0-0000-7000-8000-000000000000', title: 'x' })).json().error.fields.programId.code).toBe('unknown_program');
    const bad = await req('POST', '/api/tasks', { programId: 'nope', title: '', status: 'waiting', priority: 9, dueDate: '2026-13-01', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['dueDate', 'extra', 'priority', 'programId', 'status', 'title']);
    const badQuery = await req('GET', '/api/tasks?status=todo,waiting&assignee=someone&overdue=yes&cursor=xyz', undefined, { ...owner.headers, 'accept-language': 'id' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.message).toBe('Beberapa isian belum benar. Periksa kolom yang ditandai.');
    expect(Object.keys(badQuery.json().error.fields).sort()).toEqual(['assignee', 'overdue', 'status.1']);
    expect((await req('GET', '/api/tasks?cursor=xyz')).json().error.fields.cursor.code).toBe('invalid');
    // the risk link within the program works, and a stale write is refused
    const ok = (await req('POST', '/api/tasks', { programId: p, title: 'Pantau curah hujan', riskId: risk.id })).json();
    expect(ok.link.type).toBe('risk');
    expect((await req('PATCH', `/api/tasks/${ok.id}`, { resultId: goal.id, version: 1 })).json().error.fields.resultId.code).toBe('link_not_in_program');
    expect((await req('GET', `/api/tasks?programId=${p}`)).json().total).toBe(1);
  });

  it('finds my tasks, overdue ones by the organisation’s date, and filters by status, priority, words, program and link; pages through all', async () => {
    const org = await signUpWithOrg(t.app);
    const r = (method: string, url: string, payload?: object, headers: Record<string, string> = org.headers) => t.app.inject({ method: method as 'GET', url, headers, payload });
    const staff = await addMember(t.app, org, 'staff');
    const p = (await r('POST', '/api/programs', { name: 'Air Bersih' })).json().id;
    const q = (await r('POST', '/api/programs', { name: 'Posyandu' })).json().id;
    const goal = (await r('POST', `/api/programs/${p}/results`, { parentId: null, statement: 'Air bersih untuk semua' })).json().items[0];
    const add = (body: object) => r('POST', '/api/tasks', body).then((x) => x.json());
    await add({ programId: p, title: 'Survei sumur warga', assigneeId: org.userId, dueDate: jakarta(-2) });
    await add({ programId: p, title: 'Rapat desa soal air', assigneeId: org.userId, dueDate: jakarta(0), priority: 'urgent', resultId: goal.id });
    await add({ programId: q, title: 'Timbang balita', assigneeId: org.userId, dueDate: jakarta(-1), status: 'done' });
    await add({ programId: q, title: 'Beli timbangan', assigneeId: org.userId, dueDate: jakarta(-10), status: 'cancelled' });
    await add({ programId: q, title: 'Kader posyandu dilatih', assigneeId: org.userId });
    await add({ programId: p, title: 'Uji kualitas air', assigneeId: staff.userId, dueDate: jakarta(-5), priority: 'low' });
    await add({ programId: p, title: 'Cari donatur pipa', dueDate: jakarta(3) });

    // open first, by due date (none last); finished last
    expect(titles(await r('GET', '/api/tasks?assignee=me'))).toEqual(['Survei sumur warga', 'Rapat desa soal air', 'Kader posyandu dilatih', 'Beli timbangan', 'Timbang balita']);
    expect(titles(await r('GET', '/api/tasks?assignee=me&overdue=true'))).toEqual(['Survei sumur warga']);
    expect(titles(await r('GET', '/api/tasks?overdue=true'))).toEqual(['Uji kualitas air', 'Survei sumur warga']);
    expect((await r('GET', '/api/tasks?overdue=true')).json().items.map((x: { daysOverdue: number }) => x.daysOverdue)).toEqual([5, 2]);
    expect((await r('GET', '/api/tasks?overdue=false')).json().total).toBe(5);
    expect(titles(await r('GET', '/api/tasks?assignee=me', undefined, staff.headers))).toEqual(['Uji kualitas air']);
    expect(titles(await r('GET', `/api/tasks?assignee=${staff.userId}`))).toEqual(['Uji kualitas air']);
    expect(titles(await r('GET', '/api/tasks?assignee=none'))).toEqual(['Cari donatur pipa']);
    expect(titles(await r('GET', '/api/tasks?status=done,cancelled'))).toEqual(['Beli timbangan', 'Timbang balita']);
    expect(titles(await r('GET', '/api/tasks?status=done&status=todo&priority=urgent'))).toEqual(['Rapat desa soal air']);
    expect(titles(await r('GET', '/api/tasks?q=AIR%20rapat'))).toEqual(['Rapat desa soal air']);
    expect(titles(await r('GET', `/api/tasks?programId=${q}&status=todo`))).toEqual(['Kader posyandu dilatih']);
    expect(titles(await r('GET', `/api/tasks?resultId=${goal.id}`))).toEqual(['Rapat desa soal air']);
    expect(titles(await r('GET', '/api/tasks?q=100%25'))).toEqual([]);

    // pages of two give the same order as one page
    const all = titles(await r('GET', '/api/tasks'));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null; total: number } = (await r('GET', `/api/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.total).toBe(7);
      paged.push(...page.items.map((x) => x.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(7);

    // overdue follows the organisation's calendar: due yesterday at the date line's east side is not yet due at its west side
    const org0 = (await r('GET', '/api/org')).json();
    await r('PATCH', '/api/org', { timeZone: 'Pacific/Kiritimati', version: org0.version });
    const yesterdayEast = shift(dayIn('Pacific/Kiritimati'), -1);
    const zoned = await add({ programId: q, title: 'Batas waktu di garis tanggal', dueDate: yesterdayEast });
    expect(zoned).toMatchObject({ overdue: true, daysOverdue: 1 });
    await r('PATCH', '/api/org', { timeZone: 'Pacific/Pago_Pago', version: org0.version + 1 });
    expect((await r('GET', `/api/tasks/${zoned.id}`)).json()).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect(titles(await r('GET', `/api/tasks?overdue=true&programId=${q}`))).toEqual([]);

    // a deleted program's tasks leave the lists
    await r('DELETE', `/api/programs/${q}`);
    expect(titles(await r('GET', '/api/tasks?assignee=me'))).toEqual(['Survei sumur warga', 'Rapat desa soal air']);
  });

  it('comments: members comment, the author or an admin deletes; viewers read only; staff work their tasks', async () => {
    const p = await program();
    const staff = await addMember(t.app, owner, 'staff');
    const staff2 = await addMember(t.app, owner, 'staff');
    const viewer = await addMember(t.app, owner, 'viewer');
    const task = (await req('POST', '/api/tasks', { programId: p, title: 'Siapkan daftar hadir', assigneeId: staff.userId }, staff.headers)).json();
    expect(task.assignee.id).toBe(staff.userId);
    const c1 = await req('POST', `/api/tasks/${task.id}/comments`, { body: 'Formulir sudah dicetak.\nTinggal dibagikan.' }, staff.headers);
    expect(c1.statusCode, c1.body).toBe(201);
    expect(c1.json()).toMatchObject({ taskId: task.id, author: { id: staff.userId, name: 'Member staff' }, body: 'Formulir sudah dicetak.\nTinggal dibagikan.' });
    const c2 = (await req('POST', `/api/tasks/${task.id}/comments`, { body: 'Terima kasih!' })).json();
    expect((await req('GET', `/api/tasks/${task.id}/comments`, undefined, viewer.headers)).json().items.map((c: { body: string }) => c.body)).toEqual(['Formulir sudah dicetak.\nTinggal dibagikan.', 'Terima kasih!']);
    expect((await req('GET', `/api/tasks/${task.id}`)).json().commentCount).toBe(2);
    const empty = await req('POST', `/api/tasks/${task.id}/comments`, { body: '   ' }, { ...staff.headers, 'accept-language': 'id' });
    expect(empty.json().error.fields.body).toEqual({ code: 'required', message: 'Wajib diisi.' });

    expect((await req('POST', `/api/tasks/${task.id}/comments`, { body: 'boleh?' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 1 }, viewer.headers)).statusCode).toBe(403);
    expect((await req('DELETE', `/api/tasks/${task.id}`, undefined, viewer.headers)).statusCode).toBe(403);
    expect((await req('POST', '/api/tasks', { programId: p, title: 'x' }, viewer.headers)).statusCode).toBe(403);
    expect((await req('GET', `/api/tasks?programId=${p}`, undefined, viewer.headers)).json().total).toBe(1);

    const notYours = await req('DELETE', `/api/task-comments/${c1.json().id}`, undefined, staff2.headers);
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json().error.code).toBe('comment_not_yours');
    expect((await req('DELETE', `/api/task-comments/${c1.json().id}`, undefined, staff.headers)).statusCode).toBe(204);
    expect((await req('DELETE', `/api/task-comments/${c1.json().id}`, undefined, staff.headers)).statusCode).toBe(404);
    expect((await req('DELETE', `/api/task-comments/${c2.id}`)).statusCode).toBe(204); // the owner's own
    const c3 = (await req('POST', `/api/tasks/${task.id}/comments`, { body: 'Dari staf' }, staff2.headers)).json();
    expect((await req('DELETE', `/api/task-comments/${c3.id}`)).statusCode).toBe(204); // the owner runs the organisation
    expect((await req('GET', `/api/tasks/${task.id}/comments`)).json().items).toEqual([]);
    expect((await req('GET', `/api/audit?entityId=${c1.json().id}`)).json().items.map((x: { action: string }) => x.action)).toEqual(['delete', 'create']);

    // staff finish and delete tasks
    expect((await req('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 1 }, staff2.headers)).json().status).toBe('done');
    expect((await req('DELETE', `/api/tasks/${task.id}`, undefined, staff.headers)).statusCode).toBe(200);
    expect((await req('GET', `/api/tasks/${task.id}/comments`)).statusCode).toBe(404);
    expect((await req('POST', `/api/tasks/${task.id}/restore`, undefined, staff.headers)).statusCode).toBe(200);
  });
});
