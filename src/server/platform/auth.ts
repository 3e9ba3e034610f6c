import type { FastifyReply, FastifyRequest } from 'fastify';
import { type MemberRole, type Permission, can } from '../../domain/roles.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';
import { type Locale, pickLocale } from './i18n/messages.ts';
import { sha256 } from './security.ts';

export const SESSION_COOKIE = 'gotong_session';
export const SESSION_DAYS = 30;

export type AuthState = {
  userId: string;
  userName: string;
  userEmail: string;
  userLocale: Locale;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  orgId: string | null;
  role: MemberRole | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthState | null;
  }
}

/** Resolves the cookie session or Bearer token of a request (one query). */
export async function resolveAuth(db: Db, req: FastifyRequest): Promise<AuthState | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const { rows } = await db.query<Record<string, string>>(
      `SELECT t.id AS token_id, t.org_id, u.id, u.name, u.email, u.locale, m.role
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [sha256(header.slice(7).trim())],
    );
    const r = rows[0];
    if (!r) return null;
    await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE org_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '5 minutes')`, [r.org_id, r.token_id]);
    return { userId: r.id, userName: r.name, userEmail: r.email, userLocale: r.locale as Locale, via: 'token', tokenId: r.token_id, orgId: r.org_id, role: r.role as MemberRole };
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const sid = sha256(cookie);
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT u.id, u.name, u.email, u.locale, s.active_org_id, m.role
       FROM sessions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN memberships m ON m.org_id = s.active_org_id AND m.user_id = s.user_id
      WHERE s.id = $1 AND s.expires_at > now()`,
    [sid],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    userId: r.id!,
    userName: r.name!,
    userEmail: r.email!,
    userLocale: r.locale as Locale,
    via: 'session',
    sessionId: sid,
    orgId: r.role ? r.active_org_id : null,
    role: (r.role as MemberRole) ?? null,
  };
}

export function requireUser(req: FastifyRequest): AuthState {
  if (!req.auth) throw new AppError(401, 'unauthenticated');
  return req.auth;
}

/** Account-level changes (password, profile, organisations, new tokens) need a signed-in person, not a token. */
export function requireSession(req: FastifyRequest): AuthState {
  const auth = requireUser(req);
  if (auth.via === 'token') throw new AppError(403, 'forbidden');
  return auth;
}

/** The acting member of the current organisation, after checking the permission. */
export function requireOrg(req: FastifyRequest, permission: Permission): Actor {
  const auth = requireUser(req);
  if (!auth.orgId || !auth.role) throw new AppError(403, 'no_organization');
  if (!can(auth.role, permission)) throw new AppError(403, 'forbidden');
  return { orgId: auth.orgId, userId: auth.userId, userName: auth.userName, role: auth.role, via: auth.via };
}

export function setSessionCookie(reply: FastifyReply, value: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_DAYS * 86400 });
}

/** The caller's language: Accept-Language first, then the signed-in user's setting, Indonesian otherwise. */
export function localeOf(req: FastifyRequest): Locale {
  return req.auth?.userLocale && !req.headers['accept-language'] ? req.auth.userLocale : pickLocale(req.headers['accept-language']);
}
