import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from './app.ts';
import { connectPostgres } from './db/connect.ts';
import { DATABASES, freshDb, signUpWithOrg, testConfig } from './testing.ts';

/** Two app processes on one PostgreSQL (docs/operations.md: the app is stateless). */
describe.runIf(DATABASES.includes('postgres'))('two app instances on one PostgreSQL', () => {
  let one: App;
  let two: App;
  let drop: () => Promise<void>;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const f = await freshDb('postgres');
    drop = f.drop;
    const second = await connectPostgres(f.url!, 5);
    closers.push(() => second.close());
    one = await buildApp({ db: f.db, config: testConfig(), logger: false });
    two = await buildApp({ db: second, config: testConfig(), logger: false });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    for (const c of closers) await c();
    await drop?.();
  });

  it('shares sessions, and of two concurrent updates of one version exactly one wins', async () => {
    const u = await signUpWithOrg(one);
    const p = (await two.inject({ method: 'POST', url: '/api/people', headers: u.headers, payload: { fullName: 'Bersama' } })).json();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: u.headers, payload: { notes: `edit ${i}`, version: 1 } })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    const now = (await one.inject({ url: `/api/people/${p.id}`, headers: u.headers })).json();
    expect(now.version).toBe(2);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect(now.notes).toBe(winner.notes);
    const hist = (await two.inject({ url: `/api/history/person/${p.id}`, headers: u.headers })).json().items;
    expect(hist.filter((h: { action: string }) => h.action === 'update')).toHaveLength(1);
  });
});

describe.runIf(DATABASES.includes('postgres'))('races decided by the database', () => {
  let app: App;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const f = await freshDb('postgres');
    drop = f.drop;
    app = await buildApp({ db: f.db, config: testConfig(), logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('two owners removing each other at once leave one owner', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await signUpWithOrg(app);
      const { addMember } = await import('./testing.ts');
      const b = await addMember(app, a, 'owner');
      const [ra, rb] = await Promise.all([
        app.inject({ method: 'DELETE', url: `/api/members/${b.userId}`, headers: a.headers }),
        app.inject({ method: 'DELETE', url: `/api/members/${a.userId}`, headers: b.headers }),
      ]);
      // the loser sees the other's removal as a conflict (409), or, when it finished before the
      // loser's request was authorised, as no longer being an owner (403): both change nothing
      const codes = [ra.statusCode, rb.statusCode].sort();
      expect(codes[0]).toBe(204);
      expect([403, 409]).toContain(codes[1]);
      const { rows } = await app.services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE org_id = $1 AND role = 'owner'`, [a.orgId]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('simultaneous sign-ups with one email and organisations with one slug get 409, not 500', async () => {
    const email = `race-${Date.now()}@example.org`;
    const signups = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'R', email, password: 'race-password-1' } })));
    expect(signups.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(signups.find((r) => r.statusCode === 409)!.json().error.code).toBe('email_taken');
    const u = await signUpWithOrg(app);
    const slug = `race-${Date.now()}`;
    const orgs = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: '/api/orgs', headers: u.headers, payload: { name: 'Race', slug } })));
    expect(orgs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });
});
