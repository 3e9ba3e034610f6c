import { z } from 'zod';
import type { App } from '../app.ts';
import { MEMBER_ROLES, permissionsOf } from '../../domain/roles.ts';
import { line } from '../../domain/contracts/common.ts';
import type { Tx } from '../db/connect.ts';
import { SESSION_COOKIE, SESSION_DAYS, requireSession, requireUser, setSessionCookie } from './auth.ts';
import { AppError } from './errors.ts';
import { uuidv7 } from './ids.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './security.ts';
import { createOrganization } from './org.service.ts';
import { AttemptLimiter } from './ratelimit.ts';

export const Email = z.string().trim().toLowerCase().email().max(200);
export const Password = z.string().min(10, 'password_weak').max(200);
export const Slug = z.string().trim().toLowerCase().regex(/^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/, 'invalid_slug');
export const OrgName = line(120).min(2);
export const PersonName = line(120).min(1);
const Locale = z.enum(['id', 'en']);

const MeSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: Locale }),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.enum(MEMBER_ROLES), permissions: z.array(z.string()) }).nullable(),
  memberships: z.array(z.object({ orgId: z.string(), name: z.string(), slug: z.string(), role: z.enum(MEMBER_ROLES) })),
  via: z.enum(['session', 'token']),
});

async function startSession(tx: Tx, userId: string, orgId: string | null) {
  const secret = newSecret('s_');
  await tx.query(`INSERT INTO sessions (id, user_id, active_org_id, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_DAYS} days')`, [sha256(secret), userId, orgId]);
  return secret;
}

export async function createUser(tx: Tx, input: { name: string; email: string; password: string; locale?: 'id' | 'en' }) {
  const { rows } = await tx.query('SELECT 1 FROM users WHERE lower(email) = $1', [input.email]);
  if (rows.length) throw new AppError(409, 'email_taken', {}, { email: { code: 'email_taken' } });
  const id = uuidv7();
  await tx.query('INSERT INTO users (id, email, name, password_hash, locale) VALUES ($1, $2, $3, $4, $5)', [id, input.email, input.name, await hashPassword(input.password), input.locale ?? 'id']);
  return id;
}

export async function accountsRoutes(app: App) {
  const { db, config, signinLimiter } = app.services;
  const emailLimiter = new AttemptLimiter(50, 15 * 60 * 1000);

  app.get('/api/setup', { schema: { tags: ['accounts'], summary: 'Whether this installation still needs its first organisation', security: [], response: { 200: z.object({ needsSetup: z.boolean() }) } } }, async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    return { needsSetup: rows[0].n === 0 };
  });

  app.post(
    '/api/setup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'First run: create the first organisation and its owner (only while none exists)',
        security: [],
        body: z.object({ organization: z.object({ name: OrgName, slug: Slug }), user: z.object({ name: PersonName, email: Email, password: Password }), locale: Locale.default('id') }).strict(),
        response: { 201: MeSchema.pick({ user: true }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const { secret, userId } = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(727002)');
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
        if (rows[0].n > 0) throw new AppError(409, 'setup_done');
        const userId = await createUser(tx, { ...b.user, locale: b.locale });
        const orgId = await createOrganization(tx, { name: b.organization.name, slug: b.organization.slug, ownerId: userId, ownerName: b.user.name });
        return { secret: await startSession(tx, userId, orgId), userId };
      });
      setSessionCookie(reply, secret, config.cookieSecure);
      reply.status(201);
      return { user: { id: userId, name: b.user.name, email: b.user.email, locale: b.locale } };
    },
  );

  app.post(
    '/api/auth/signup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (then create an organisation or accept an invitation)',
        security: [],
        body: z.object({ name: PersonName, email: Email, password: Password, locale: Locale.default('id') }).strict(),
        response: { 201: z.object({ user: MeSchema.shape.user }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const { secret, userId } = await db.transaction(async (tx) => {
        const userId = await createUser(tx, b);
        return { secret: await startSession(tx, userId, null), userId };
      });
      setSessionCookie(reply, secret, config.cookieSecure);
      reply.status(201);
      return { user: { id: userId, name: b.name, email: b.email, locale: b.locale } };
    },
  );

  app.post(
    '/api/auth/signin',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email and password (rate limited)',
        security: [],
        body: z.object({ email: Email, password: z.string().min(1).max(200) }).strict(),
        response: { 200: z.object({ user: MeSchema.shape.user }) },
      },
    },
    async (req, reply) => {
      // Per address and email, and per email alone (so changing address does not help).
      const keys = [`${req.ip}|${req.body.email}`, `email|${req.body.email}`];
      const wait = Math.max(signinLimiter.check(keys[0]), emailLimiter.check(keys[1]));
      if (wait) throw new AppError(429, 'rate_limited', { minutes: wait });
      const { rows } = await db.query<{ id: string; name: string; email: string; locale: 'id' | 'en'; password_hash: string }>(
        'SELECT id, name, email, locale, password_hash FROM users WHERE lower(email) = $1',
        [req.body.email],
      );
      const user = rows[0];
      const ok = user ? await verifyPassword(req.body.password, user.password_hash) : await verifyPassword(req.body.password, DUMMY_HASH).then(() => false);
      if (!user || !ok) {
        signinLimiter.fail(keys[0]);
        emailLimiter.fail(keys[1]);
        throw new AppError(401, 'invalid_credentials');
      }
      signinLimiter.reset(keys[0]);
      const secret = await db.transaction(async (tx) => {
        const m = await tx.query<{ org_id: string }>('SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY created_at LIMIT 1', [user.id]);
        return startSession(tx, user.id, m.rows[0]?.org_id ?? null);
      });
      setSessionCookie(reply, secret, config.cookieSecure);
      return { user: { id: user.id, name: user.name, email: user.email, locale: user.locale } };
    },
  );

  app.post('/api/auth/signout', { schema: { tags: ['accounts'], summary: 'Sign out (ends this session)', response: { 204: z.null() } } }, async (req, reply) => {
    if (req.auth?.sessionId) await db.query('DELETE FROM sessions WHERE id = $1', [req.auth.sessionId]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['accounts'], summary: 'The signed-in user, the current organisation and role, and all memberships', response: { 200: MeSchema } } }, async (req) => {
    const auth = requireUser(req);
    const { rows } = await db.query<{ org_id: string; name: string; slug: string; role: (typeof MEMBER_ROLES)[number] }>(
      'SELECT m.org_id, o.name, o.slug, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.name',
      [auth.userId],
    );
    const current = rows.find((r) => r.org_id === auth.orgId);
    return {
      user: { id: auth.userId, name: auth.userName, email: auth.userEmail, locale: auth.userLocale },
      organization: current ? { id: current.org_id, name: current.name, slug: current.slug, role: current.role, permissions: permissionsOf(current.role) } : null,
      memberships: rows.map((r) => ({ orgId: r.org_id, name: r.name, slug: r.slug, role: r.role })),
      via: auth.via,
    };
  });

  app.patch(
    '/api/auth/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change your name or language',
        body: z.object({ name: PersonName.optional(), locale: Locale.optional() }).strict(),
        response: { 200: z.object({ user: MeSchema.shape.user }) },
      },
    },
    async (req) => {
      const auth = requireSession(req);
      const { rows } = await db.query<{ id: string; name: string; email: string; locale: 'id' | 'en' }>(
        'UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now(), version = version + 1 WHERE id = $1 RETURNING id, name, email, locale',
        [auth.userId, req.body.name ?? null, req.body.locale ?? null],
      );
      return { user: rows[0] };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change your password (other sessions are signed out)',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }).strict(),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      const key = `pw|${auth.userId}`;
      const wait = signinLimiter.check(key);
      if (wait) throw new AppError(429, 'rate_limited', { minutes: wait });
      const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [auth.userId]);
      if (!(await verifyPassword(req.body.currentPassword, rows[0].password_hash))) {
        signinLimiter.fail(key);
        throw new AppError(400, 'wrong_password', {}, { currentPassword: { code: 'wrong_password' } });
      }
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [auth.userId, await hashPassword(req.body.newPassword)]);
        await tx.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [auth.userId, auth.sessionId ?? '']);
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orgs',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create another organisation; you become its owner and it becomes current',
        body: z.object({ name: OrgName, slug: Slug }).strict(),
        response: { 201: z.object({ id: z.string(), name: z.string(), slug: z.string() }) },
      },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      const id = await db.transaction(async (tx) => {
        const id = await createOrganization(tx, { name: req.body.name, slug: req.body.slug, ownerId: auth.userId, ownerName: auth.userName });
        await tx.query('UPDATE sessions SET active_org_id = $2 WHERE id = $1', [auth.sessionId, id]);
        return id;
      });
      reply.status(201);
      return { id, name: req.body.name, slug: req.body.slug };
    },
  );

  app.post(
    '/api/auth/switch-org',
    {
      schema: { tags: ['accounts'], summary: 'Make another of your organisations the current one', body: z.object({ orgId: z.uuid() }).strict(), response: { 204: z.null() } },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      const { rows } = await db.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [req.body.orgId, auth.userId]);
      if (!rows.length) throw new AppError(404, 'not_found');
      await db.query('UPDATE sessions SET active_org_id = $2 WHERE id = $1', [auth.sessionId, req.body.orgId]);
      return reply.status(204).send(null);
    },
  );
}

// Verifying against a dummy hash keeps the answer time the same for unknown emails.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
