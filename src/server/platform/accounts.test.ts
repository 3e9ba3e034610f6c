import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestContext, addMember, cookieOf, signUpWithOrg, testApp } from '../testing.ts';

describe.each(DATABASES)('accounts and organisations on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(() => t?.close());

  it('answers health without login and documents the API', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/api/people/{id}');
    expect((await t.app.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('walks through first run once, then refuses a second setup', async () => {
    expect((await t.app.inject('/api/setup')).json()).toEqual({ needsSetup: true });
    const body = { organization: { name: 'Yayasan Pertama', slug: 'yayasan-pertama' }, user: { name: 'Ana', email: 'Ana@Example.org', password: 'rahasia-sekali-1' }, locale: 'id' };
    const res = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body });
    expect(res.statusCode).toBe(201);
    const me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(res) } })).json();
    expect(me.organization).toMatchObject({ slug: 'yayasan-pertama', role: 'owner' });
    expect(me.user.email).toBe('ana@example.org');
    expect((await t.app.inject('/api/setup')).json()).toEqual({ needsSetup: false });
    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, organization: { name: 'Org Kedua', slug: 'org-kedua' } }, headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: 'setup_done', message: 'Gotong is already set up; please sign in.' });
    // nothing half-saved: still one organisation
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    expect(rows[0].n).toBe(1);
  });

  it('signs in, out, and changes the password', async () => {
    const u = await signUpWithOrg(t.app);
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: u.email, password: 'wrong-password' }, headers: { 'accept-language': 'id' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('Email atau kata sandi salah.');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: u.email.toUpperCase(), password: u.password } });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok);
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie, 'accept-language': 'en' }, payload: { currentPassword: u.password, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.newPassword.code).toBe('password_weak');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'nope-nope-nope', newPassword: 'a-new-long-password' } });
    expect(wrong.statusCode).toBe(400);
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: u.password, newPassword: 'a-new-long-password' } });
    expect(changed.statusCode).toBe(204);
    // the other session (from sign-up) was ended, this one continues
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/signout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const relog = await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: u.email, password: 'a-new-long-password' } });
    expect(relog.statusCode).toBe(200);
  });

  it('rate limits sign-in attempts', async () => {
    const u = await signUpWithOrg(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: u.email, password: `wrong-${i}` }, headers: { 'accept-language': 'en' } })).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: u.email, password: u.password }, headers: { 'accept-language': 'en' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/Too many attempts/);
  });

  it('invites a member by email, who accepts and can switch between organisations', async () => {
    const owner = await signUpWithOrg(t.app);
    const inv = await t.app.inject({ method: 'POST', url: '/api/invitations', headers: owner.headers, payload: { email: 'budi@example.org', role: 'staff' } });
    expect(inv.statusCode).toBe(201);
    const { link } = inv.json();
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/i_/);
    const token = link.split('/invite/')[1];
    // the mail outbox holds the link
    const outbox = (await t.app.inject({ url: '/api/outbox', headers: owner.headers })).json().items;
    expect(outbox[0]).toMatchObject({ to: 'budi@example.org' });
    expect(outbox[0].body).toContain(link);
    expect((await t.app.inject(`/api/invitations/lookup/${token}`)).json()).toMatchObject({ email: 'budi@example.org', role: 'staff' });

    // someone else cannot use it
    const other = await signUpWithOrg(t.app);
    expect((await t.app.inject({ method: 'POST', url: '/api/invitations/accept', headers: other.headers, payload: { token } })).statusCode).toBe(403);

    const su = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'Budi', email: 'budi@example.org', password: 'budi-password-1' } });
    const cookie = cookieOf(su);
    // Budi also has his own organisation
    await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie }, payload: { name: 'Karang Taruna', slug: 'karang-taruna' } });
    const acc = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', headers: { cookie }, payload: { token } });
    expect(acc.statusCode).toBe(200);
    let me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.organization.id).toBe(owner.orgId);
    expect(me.organization.role).toBe('staff');
    expect(me.memberships).toHaveLength(2);
    const mine = me.memberships.find((m: { slug: string }) => m.slug === 'karang-taruna');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/switch-org', headers: { cookie }, payload: { orgId: mine.orgId } })).statusCode).toBe(204);
    me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.organization.slug).toBe('karang-taruna');
    // used invitations are gone
    expect((await t.app.inject(`/api/invitations/lookup/${token}`)).statusCode).toBe(404);
    // cannot switch into an organisation one is not a member of
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/switch-org', headers: { cookie }, payload: { orgId: other.orgId } })).statusCode).toBe(404);
  });

  it('checks roles: members management, last owner, viewer limits', async () => {
    const owner = await signUpWithOrg(t.app);
    const admin = await addMember(t.app, owner, 'admin');
    const viewer = await addMember(t.app, owner, 'viewer');
    const members = (await t.app.inject({ url: '/api/members', headers: owner.headers })).json().items;
    expect(members).toHaveLength(3);
    const ownerRow = members.find((m: { userId: string }) => m.userId === owner.userId);
    // an admin cannot demote the owner; the owner cannot demote the last owner
    expect((await t.app.inject({ method: 'PATCH', url: `/api/members/${owner.userId}`, headers: admin.headers, payload: { role: 'staff', version: ownerRow.version } })).statusCode).toBe(403);
    const last = await t.app.inject({ method: 'PATCH', url: `/api/members/${owner.userId}`, headers: owner.headers, payload: { role: 'staff', version: ownerRow.version } });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_owner');
    // viewer may not invite, create people or read the audit log
    expect((await t.app.inject({ method: 'POST', url: '/api/invitations', headers: viewer.headers, payload: { email: 'x@example.org', role: 'staff' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/people', headers: viewer.headers, payload: { fullName: 'X' } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit', headers: viewer.headers })).statusCode).toBe(403);
    // promote the viewer to manager, with a version check
    const vRow = members.find((m: { userId: string }) => m.userId === viewer.userId);
    const promoted = await t.app.inject({ method: 'PATCH', url: `/api/members/${viewer.userId}`, headers: admin.headers, payload: { role: 'manager', version: vRow.version } });
    expect(promoted.json()).toMatchObject({ role: 'manager', version: vRow.version + 1 });
    expect((await t.app.inject({ method: 'PATCH', url: `/api/members/${viewer.userId}`, headers: admin.headers, payload: { role: 'staff', version: vRow.version } })).statusCode).toBe(409);
    // remove the admin; the audit log shows it all
    expect((await t.app.inject({ method: 'DELETE', url: `/api/members/${admin.userId}`, headers: owner.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/people', headers: admin.headers })).statusCode).toBe(403);
    const log = (await t.app.inject({ url: '/api/audit?entityType=member', headers: owner.headers })).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
  });

  it('personal API tokens act for their user inside their organisation only', async () => {
    const owner = await signUpWithOrg(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: owner.headers, payload: { name: 'script' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const auth = { authorization: `Bearer ${token}` };
    const me = (await t.app.inject({ url: '/api/auth/me', headers: auth })).json();
    expect(me).toMatchObject({ via: 'token', organization: { id: owner.orgId } });
    const p = await t.app.inject({ method: 'POST', url: '/api/people', headers: auth, payload: { fullName: 'Dibuat Lewat Token' } });
    expect(p.statusCode).toBe(201);
    // a token cannot switch organisation or create one
    const second = await signUpWithOrg(t.app);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/switch-org', headers: auth, payload: { orgId: second.orgId } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/orgs', headers: auth, payload: { name: 'Nope', slug: 'nope-org' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: owner.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/people', headers: auth })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/people', headers: { authorization: 'Bearer gtg_made_up' } })).statusCode).toBe(401);
  });

  it('renames the organisation with a version and refuses a stale one', async () => {
    const owner = await signUpWithOrg(t.app);
    const org = (await t.app.inject({ url: '/api/org', headers: owner.headers })).json();
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/org', headers: owner.headers, payload: { name: 'Nama Baru', version: org.version } });
    expect(ok.json()).toMatchObject({ name: 'Nama Baru', version: org.version + 1 });
    const stale = await t.app.inject({ method: 'PATCH', url: '/api/org', headers: owner.headers, payload: { name: 'Lama', version: org.version } });
    expect(stale.statusCode).toBe(409);
    expect((await t.app.inject({ url: '/api/org', headers: owner.headers })).json().name).toBe('Nama Baru');
    const tz = await t.app.inject({ method: 'PATCH', url: '/api/org', headers: owner.headers, payload: { timeZone: 'Mars/Base', version: org.version + 1 } });
    expect(tz.statusCode).toBe(400);
  });
});
