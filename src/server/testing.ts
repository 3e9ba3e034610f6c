import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from './config.ts';
import { buildApp, type App } from './app.ts';
import { type Db, connectPglite, connectPostgres } from './db/connect.ts';
import { migrate } from './db/migrate.ts';

/**
 * Test support: the same suites run on PGlite (always) and on PostgreSQL (when TEST_DATABASE_URL
 * is set), each file on a fresh, migrated database.
 */
export const DATABASES: ('pglite' | 'postgres')[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    // imports keep their uploaded file here
    dataDir: mkdtempSync(join(tmpdir(), 'gotong-test-data-')),
    databaseUrl: undefined,
    secretKey: 'test-secret-key-test-secret-key-0123456789',
    logLevel: 'silent',
    publicUrl: 'http://localhost:3000',
    smtpUrl: undefined,
    mailFrom: 'Gotong <no-reply@localhost>',
    cookieSecure: false,
    trustProxy: false,
    importMaxBytes: 50 * 1024 * 1024,
    importWorkerMinBytes: 4 * 1024 * 1024,
    ...overrides,
  };
}

/** A fresh empty database of the given kind, migrated; drop() removes it (PostgreSQL). */
export async function freshDb(kind: 'pglite' | 'postgres', opts: { migrate?: boolean } = {}): Promise<{ db: Db; url?: string; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await connectPglite(null);
    if (opts.migrate !== false) await migrate(db);
    return { db, drop: () => db.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `gotong_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await connectPostgres(url.toString(), 5);
  if (opts.migrate !== false) await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        // an autovacuum worker on the fresh database cannot be terminated by us: wait it out
        for (let attempt = 1; ; attempt++) {
          try {
            await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (err) {
            if (attempt >= 20 || !/must be a member of the role whose process/.test(String(err))) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

export type TestContext = { app: App; db: Db; close: () => Promise<void> };

export async function testApp(kind: 'pglite' | 'postgres'): Promise<TestContext> {
  const { db, drop } = await freshDb(kind);
  const app = await buildApp({ db, config: testConfig(), logger: false });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** A signed-in user with its own organisation; `as` makes requests with its cookie. */
export async function signUpWithOrg(app: App, opts: { locale?: 'id' | 'en'; slug?: string } = {}) {
  const email = `${unique('user')}@example.org`;
  const password = 'correct-horse-battery';
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: `User ${counter}`, email, password, locale: opts.locale ?? 'en' } });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.body}`);
  const cookie = cookieOf(res);
  const slug = opts.slug ?? unique('org').toLowerCase().slice(0, 40).replace(/-+$/, '');
  const org = await app.inject({ method: 'POST', url: '/api/orgs', payload: { name: `Org ${slug}`, slug }, headers: { cookie } });
  if (org.statusCode !== 201) throw new Error(`org failed: ${org.body}`);
  const orgId = org.json().id as string;
  const userId = res.json().user.id as string;
  return { email, password, cookie, orgId, userId, headers: { cookie, 'accept-language': 'en' } };
}

export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? set : [set];
  const c = list.find((s) => typeof s === 'string' && s.startsWith('gotong_session='));
  if (!c) throw new Error('no session cookie');
  return (c as string).split(';')[0];
}

/** Invites email into the inviter's org with role, and returns the invitee's cookie after acceptance. */
export async function addMember(app: App, inviter: { headers: Record<string, string> }, role: string) {
  const email = `${unique('member')}@example.org`;
  const inv = await app.inject({ method: 'POST', url: '/api/invitations', headers: inviter.headers, payload: { email, role } });
  if (inv.statusCode !== 201) throw new Error(`invite failed: ${inv.body}`);
  const token = inv.json().link.split('/invite/')[1];
  const su = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: `Member ${role}`, email, password: 'correct-horse-battery', locale: 'en' } });
  const cookie = cookieOf(su);
  const acc = await app.inject({ method: 'POST', url: '/api/invitations/accept', headers: { cookie }, payload: { token } });
  if (acc.statusCode !== 200) throw new Error(`accept failed: ${acc.body}`);
  return { email, cookie, userId: su.json().user.id as string, headers: { cookie, 'accept-language': 'en' } };
}
