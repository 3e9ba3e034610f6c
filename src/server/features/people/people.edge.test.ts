import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../app.ts';
import { withTenant } from '../../platform/context.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from '../../testing.ts';
import { createPerson } from './people.service.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Inputs found by review that once produced 500s, wrong pages or leaks. */
describe.each(DATABASES)('edge cases on %s', (kind) => {
  let t: TestContext;
  let owner: Awaited<ReturnType<typeof signUpWithOrg>>;
  beforeAll(async () => {
    t = await testApp(kind);
    owner = await signUpWithOrg(t.app);
  });
  afterAll(() => t?.close());
  const get = (url: string, headers: Record<string, string> = owner.headers) => t.app.inject({ url, headers });
  const post = (url: string, payload: object, headers: Record<string, string> = owner.headers) => t.app.inject({ method: 'POST', url, headers, payload });

  it('pages by creation through rows written in one transaction', async () => {
    const org = await signUpWithOrg(t.app);
    const actor = { orgId: org.orgId, userId: org.userId, userName: 'x', role: 'owner' as const, via: 'cli' as const };
    await withTenant(t.db, org.orgId, async (tx) => {
      for (let i = 0; i < 10; i++) await createPerson(tx, t.app.services, actor, { fullName: `Batch ${i}`, roles: [], tags: [] } as never);
    });
    for (const sort of ['created', '-created']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10 && (i === 0 || cursor); i++) {
        const page: { items: { fullName: string }[]; nextCursor: string | null } = (await get(`/api/people?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, org.headers)).json();
        seen.push(...page.items.map((p) => p.fullName));
        cursor = page.nextCursor;
      }
      expect(seen, sort).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
      expect(seen[0]).toBe(sort === 'created' ? 'Batch 0' : 'Batch 9');
    }
  });

  it('refuses forged cursors, impossible dates, NUL characters, huge versions and wildcard areas with 400', async () => {
    const p = (await post('/api/people', { fullName: 'Edge' })).json();
    const urls = [
      `/api/people?cursor=${b64(['a', 'b'])}`,
      `/api/people?sort=created&cursor=${b64(['x'])}`,
      `/api/people?q=budi&cursor=${b64(['x', 'y'])}`,
      `/api/households?cursor=${b64(['a', 1])}`,
      `/api/audit?cursor=${b64([{}])}`,
      '/api/audit?from=0000-01-01',
      '/api/people?tag=%00',
      '/api/households?q=a%00',
      '/api/people?areaCode=%25',
      '/api/people?areaCode=3_',
    ];
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(400);
    const bodies: [string, string, object][] = [
      ['POST', '/api/people', { fullName: 'Old', birthDate: '1899-12-31' }],
      ['POST', '/api/people', { fullName: 'Old', consent: { given: true, date: '0000-01-01' } }],
      ['POST', '/api/people', { fullName: 'a\u0000b' }],
      ['POST', '/api/people', { fullName: 'Ok', notes: 'x\u0000' }],
      ['PATCH', `/api/people/${p.id}`, { fullName: 'X', version: 2 ** 31 }],
      ['PATCH', '/api/org', { name: 'Xyz', version: 2 ** 31 }],
      ['PATCH', '/api/org', { name: 'Org\r\nBcc: evil@example.org', version: 1 }],
      ['POST', '/api/auth/signup', { name: 'N\u0000', email: 'nul@example.org', password: 'long-enough-pw' }],
    ];
    for (const [method, url, payload] of bodies) {
      const res = await t.app.inject({ method: method as 'POST', url, headers: owner.headers, payload });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    // multi-line notes and addresses stay allowed
    expect((await post('/api/people', { fullName: 'Baris', notes: 'satu\ndua', address: 'Jl. A\nRT 1' })).statusCode).toBe(201);
  });

  it('keeps the bin for those who may restore, and account changes for sessions', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await get('/api/people?deleted=true', viewer.headers)).statusCode).toBe(403);
    expect((await get('/api/households?deleted=true', viewer.headers)).statusCode).toBe(403);
    const token = (await post('/api/tokens', { name: 't' })).json().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await post('/api/tokens', { name: 'child' }, bearer)).statusCode).toBe(403);
    expect((await post('/api/auth/password', { currentPassword: owner.password, newPassword: 'another-long-one' }, bearer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: bearer, payload: { name: 'Renamed' } })).statusCode).toBe(403);
  });

  it('accepts UTC and IANA aliases as time zones', async () => {
    const org = (await get('/api/org')).json();
    const res = await t.app.inject({ method: 'PATCH', url: '/api/org', headers: owner.headers, payload: { timeZone: 'UTC', version: org.version } });
    expect(res.json().timeZone).toBe('UTC');
  });

  it('does not let a forwarded-for header bypass the sign-in limit', async () => {
    const u = await signUpWithOrg(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/signin', headers: { 'x-forwarded-for': `10.0.0.${i}` }, payload: { email: u.email, password: `bad-${i}` } })).statusCode);
    }
    expect(codes.slice(-1)).toEqual([429]);
  });
});

describe('log redaction', () => {
  it('drops query strings and invitation secrets from logged URLs', () => {
    expect(redactUrl('/api/people?q=3204051203900001')).toBe('/api/people?…');
    expect(redactUrl('/api/invitations/lookup/i_SECRET')).toBe('/api/invitations/lookup/…');
    expect(redactUrl('/invite/i_SECRET')).toBe('/invite/…');
    expect(redactUrl('/v/vol_SECRET')).toBe('/v/…');
    expect(redactUrl('/api/v/vol_SECRET/hours')).toBe('/api/v/…/hours');
    expect(redactUrl('/api/values/0190-1')).toBe('/api/values/0190-1');
    expect(redactUrl('/api/people/0190-1')).toBe('/api/people/0190-1');
  });
});
