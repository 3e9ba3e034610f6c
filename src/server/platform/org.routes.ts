import { z } from 'zod';
import type { App } from '../app.ts';
import { MEMBER_ROLES } from '../../domain/roles.ts';
import { Version } from '../../domain/contracts/common.ts';
import { Email, OrgName } from './accounts.routes.ts';
import { audit } from './audit.ts';
import { requireOrg, requireSession, requireUser } from './auth.ts';
import { type Actor, withTenant } from './context.ts';
import { AppError, conflict, notFound } from './errors.ts';
import { uuidv7 } from './ids.ts';
import { acceptRawFiles, checkUpload, sendStoredFile, uploadOf } from './files.ts';
import { newSecret, sha256 } from './security.ts';

const Role = z.enum(MEMBER_ROLES);
const OrgSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string(), hasLogo: z.boolean(), version: z.number() });
/** The logo heads the documents the organisation sends (donor reports): PNG or JPEG, at most 2 MB. */
const LOGO_TYPES = ['image/png', 'image/jpeg'];
const LOGO_MAX_BYTES = 2 * 1024 * 1024;
const MemberSchema = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: Role, version: z.number(), joinedAt: z.string() });
const InvitationSchema = z.object({ id: z.string(), email: z.string(), role: Role, invitedBy: z.string(), expiresAt: z.string(), acceptedAt: z.string().nullable(), createdAt: z.string() });
const TokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
const IdParams = z.object({ id: z.uuid() });
const UserParams = z.object({ userId: z.uuid() });
const INVITE_DAYS = 14;

export async function orgRoutes(app: App) {
  const { db, config, mailer } = app.services;

  app.get('/api/org', { schema: { tags: ['organization'], summary: 'The current organisation', response: { 200: OrgSchema } } }, async (req) => {
    const actor = requireOrg(req, 'members.read');
    return withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query<z.infer<typeof OrgSchema>>('SELECT id, name, slug, time_zone AS "timeZone", logo IS NOT NULL AS "hasLogo", version FROM organizations WHERE id = $1', [actor.orgId]);
      return rows[0];
    });
  });

  app.patch(
    '/api/org',
    { schema: { tags: ['organization'], summary: 'Rename the organisation or change its time zone', body: z.object({ name: OrgName.optional(), timeZone: z.string().max(60).optional(), version: Version }).strict(), response: { 200: OrgSchema } } },
    async (req) => {
      const actor = requireOrg(req, 'org.update');
      const b = req.body;
      if (b.timeZone && !isTimeZone(b.timeZone)) throw new AppError(400, 'validation_failed', {}, { timeZone: { code: 'invalid_option' } });
      return withTenant(db, actor.orgId, async (tx) => {
        const before = (await tx.query<z.infer<typeof OrgSchema>>('SELECT id, name, slug, time_zone AS "timeZone", version FROM organizations WHERE id = $1', [actor.orgId])).rows[0];
        const { rows } = await tx.query<z.infer<typeof OrgSchema>>(
          `UPDATE organizations SET name = coalesce($3, name), time_zone = coalesce($4, time_zone), version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 RETURNING id, name, slug, time_zone AS "timeZone", logo IS NOT NULL AS "hasLogo", version`,
          [actor.orgId, b.version, b.name ?? null, b.timeZone ?? null],
        );
        if (!rows[0]) throw conflict();
        await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { name: before.name, timeZone: before.timeZone }, after: { name: rows[0].name, timeZone: rows[0].timeZone } });
        return rows[0];
      });
    },
  );

  // ---- logo ----
  acceptRawFiles(app, LOGO_TYPES);

  app.post('/api/org/logo', { schema: { tags: ['organization'], summary: "Set the organisation's logo (the body is a PNG or JPEG, at most 2 MB)", response: { 200: OrgSchema } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    const file = uploadOf(req, LOGO_TYPES);
    if (file.content.length > LOGO_MAX_BYTES) throw new AppError(413, 'file_too_large', { max: 2 });
    const { image } = checkUpload(file, LOGO_TYPES);
    return withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query<z.infer<typeof OrgSchema>>(
        `UPDATE organizations SET logo = $2, logo_content_type = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, name, slug, time_zone AS "timeZone", logo IS NOT NULL AS "hasLogo", version`,
        [actor.orgId, file.content, file.contentType],
      );
      await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, after: { logo: `${file.contentType} ${image?.width}×${image?.height}` } });
      return rows[0];
    });
  });

  app.get('/api/org/logo', { schema: { tags: ['organization'], summary: "The organisation's logo (404 when none is set)" } }, async (req, reply) => {
    const actor = requireOrg(req, 'members.read');
    const row = await withTenant(db, actor.orgId, async (tx) => (await tx.query<{ logo: Uint8Array | null; logo_content_type: string | null }>('SELECT logo, logo_content_type FROM organizations WHERE id = $1', [actor.orgId])).rows[0]);
    if (!row?.logo || !row.logo_content_type) throw notFound();
    return sendStoredFile(reply, { file_name: `logo.${row.logo_content_type === 'image/png' ? 'png' : 'jpg'}`, content_type: row.logo_content_type, content: row.logo });
  });

  app.delete('/api/org/logo', { schema: { tags: ['organization'], summary: "Remove the organisation's logo", response: { 200: OrgSchema } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    return withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query<z.infer<typeof OrgSchema>>(
        `UPDATE organizations SET logo = NULL, logo_content_type = NULL, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, name, slug, time_zone AS "timeZone", logo IS NOT NULL AS "hasLogo", version`,
        [actor.orgId],
      );
      await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, after: { logo: null } });
      return rows[0];
    });
  });

  // ---- members ----
  const memberSelect = `SELECT m.user_id AS "userId", u.name, u.email, m.role, m.version, m.created_at AS "joinedAt" FROM memberships m JOIN users u ON u.id = m.user_id`;

  app.get('/api/members', { schema: { tags: ['organization'], summary: 'Members of the organisation', response: { 200: z.object({ items: z.array(MemberSchema) }) } } }, async (req) => {
    const actor = requireOrg(req, 'members.read');
    return withTenant(db, actor.orgId, async (tx) => ({ items: (await tx.query<z.infer<typeof MemberSchema>>(`${memberSelect} WHERE m.org_id = $1 ORDER BY u.name`, [actor.orgId])).rows }));
  });

  /** Locks every owner row first, so two owners removing each other cannot both succeed. */
  async function ownerCount(tx: { query: typeof db.query }, orgId: string) {
    const { rows } = await tx.query(`SELECT user_id FROM memberships WHERE org_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`, [orgId]);
    return rows.length;
  }

  app.patch(
    '/api/members/:userId',
    { schema: { tags: ['organization'], summary: "Change a member's role", params: UserParams, body: z.object({ role: Role, version: Version }).strict(), response: { 200: MemberSchema } } },
    async (req) => {
      const actor = requireOrg(req, 'members.manage');
      return withTenant(db, actor.orgId, async (tx) => {
        await ownerCount(tx, actor.orgId);
        const before = (await tx.query<z.infer<typeof MemberSchema>>(`${memberSelect} WHERE m.org_id = $1 AND m.user_id = $2 FOR UPDATE OF m`, [actor.orgId, req.params.userId])).rows[0];
        if (!before) throw notFound();
        if ((before.role === 'owner' || req.body.role === 'owner') && actor.role !== 'owner') throw new AppError(403, 'owner_only');
        if (before.role === 'owner' && req.body.role !== 'owner' && (await ownerCount(tx, actor.orgId)) <= 1) throw new AppError(409, 'last_owner');
        const { rows } = await tx.query('UPDATE memberships SET role = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND user_id = $2 AND version = $4 RETURNING 1', [
          actor.orgId,
          req.params.userId,
          req.body.role,
          req.body.version,
        ]);
        if (!rows.length) throw conflict();
        await audit(tx, actor, { action: 'update', entityType: 'member', entityId: req.params.userId, before: { role: before.role }, after: { role: req.body.role } });
        return (await tx.query<z.infer<typeof MemberSchema>>(`${memberSelect} WHERE m.org_id = $1 AND m.user_id = $2`, [actor.orgId, req.params.userId])).rows[0];
      });
    },
  );

  app.delete('/api/members/:userId', { schema: { tags: ['organization'], summary: 'Remove a member from the organisation', params: UserParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'members.manage');
    await withTenant(db, actor.orgId, async (tx) => {
      await ownerCount(tx, actor.orgId);
      const before = (await tx.query<z.infer<typeof MemberSchema>>(`${memberSelect} WHERE m.org_id = $1 AND m.user_id = $2 FOR UPDATE OF m`, [actor.orgId, req.params.userId])).rows[0];
      if (!before) throw notFound();
      if (before.role === 'owner' && actor.role !== 'owner') throw new AppError(403, 'owner_only');
      if (before.role === 'owner' && (await ownerCount(tx, actor.orgId)) <= 1) throw new AppError(409, 'last_owner');
      await tx.query('DELETE FROM memberships WHERE org_id = $1 AND user_id = $2', [actor.orgId, req.params.userId]);
      await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL', [actor.orgId, req.params.userId]);
      await audit(tx, actor, { action: 'delete', entityType: 'member', entityId: req.params.userId, before: { role: before.role, email: before.email } });
    });
    return reply.status(204).send(null);
  });

  // ---- invitations ----
  const invitationSelect = `SELECT i.id, i.email, i.role, u.name AS "invitedBy", i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.created_at AS "createdAt" FROM invitations i JOIN users u ON u.id = i.invited_by`;

  app.get('/api/invitations', { schema: { tags: ['organization'], summary: 'Open invitations', response: { 200: z.object({ items: z.array(InvitationSchema) }) } } }, async (req) => {
    const actor = requireOrg(req, 'members.manage');
    return withTenant(db, actor.orgId, async (tx) => ({
      items: (await tx.query<z.infer<typeof InvitationSchema>>(`${invitationSelect} WHERE i.org_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() ORDER BY i.created_at DESC`, [actor.orgId])).rows,
    }));
  });

  app.post(
    '/api/invitations',
    {
      schema: {
        tags: ['organization'],
        summary: 'Invite someone by email; the answer holds the link (also sent through the mail outbox)',
        body: z.object({ email: Email, role: Role }).strict(),
        response: { 201: InvitationSchema.extend({ link: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'members.manage');
      if (req.body.role === 'owner' && actor.role !== 'owner') throw new AppError(403, 'owner_only');
      const secret = newSecret('i_');
      const link = `${config.publicUrl}/invite/${secret}`;
      const id = uuidv7();
      const row = await withTenant(db, actor.orgId, async (tx) => {
        const existing = await tx.query(`SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND lower(u.email) = $2`, [actor.orgId, req.body.email]);
        if (existing.rows.length) throw new AppError(409, 'already_member', {}, { email: { code: 'already_member' } });
        await tx.query(`INSERT INTO invitations (org_id, id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + interval '${INVITE_DAYS} days')`, [
          actor.orgId,
          id,
          req.body.email,
          req.body.role,
          sha256(secret),
          actor.userId,
        ]);
        const org = (await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [actor.orgId])).rows[0];
        await mailer.enqueue(tx, actor.orgId, {
          to: req.body.email,
          subject: `Undangan / Invitation — Gotong: ${org.name}`,
          body: [
            `${actor.userName} mengundang Anda bergabung dengan ${org.name} di Gotong. Buka tautan ini untuk menerima:`,
            link,
            '',
            `${actor.userName} invited you to join ${org.name} on Gotong. Open this link to accept:`,
            link,
            '',
            `Berlaku ${INVITE_DAYS} hari / Valid for ${INVITE_DAYS} days.`,
          ].join('\n'),
        });
        await audit(tx, actor, { action: 'create', entityType: 'invitation', entityId: id, after: { email: req.body.email, role: req.body.role } });
        return (await tx.query<z.infer<typeof InvitationSchema>>(`${invitationSelect} WHERE i.org_id = $1 AND i.id = $2`, [actor.orgId, id])).rows[0];
      });
      void mailer.deliver(db).catch((err) => req.log.warn({ err: String(err) }, 'mail delivery failed'));
      reply.status(201);
      return { ...row, link };
    },
  );

  app.delete('/api/invitations/:id', { schema: { tags: ['organization'], summary: 'Revoke an invitation', params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'members.manage');
    await withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query<{ email: string }>('UPDATE invitations SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL AND accepted_at IS NULL RETURNING email', [actor.orgId, req.params.id]);
      if (!rows.length) throw notFound();
      await audit(tx, actor, { action: 'delete', entityType: 'invitation', entityId: req.params.id, before: { email: rows[0].email } });
    });
    return reply.status(204).send(null);
  });

  // Invitation links work before sign-in: the page shows whom it is from, then signs up or in.
  const InviteToken = z.object({ token: z.string().min(10).max(200) });
  async function findInvitation(token: string) {
    const { rows } = await db.query<{ org_id: string; id: string; email: string; role: string; org_name: string }>(
      `SELECT i.org_id, i.id, i.email, i.role, o.name AS org_name FROM invitations i JOIN organizations o ON o.id = i.org_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [sha256(token)],
    );
    if (!rows[0]) throw new AppError(404, 'invitation_invalid');
    return rows[0];
  }

  app.get(
    '/api/invitations/lookup/:token',
    { schema: { tags: ['organization'], summary: 'What an invitation link is for (no sign-in needed)', security: [], params: InviteToken, response: { 200: z.object({ organization: z.string(), email: z.string(), role: Role }) } } },
    async (req) => {
      const inv = await findInvitation(req.params.token);
      return { organization: inv.org_name, email: inv.email, role: inv.role as z.infer<typeof Role> };
    },
  );

  app.post(
    '/api/invitations/accept',
    { schema: { tags: ['organization'], summary: 'Accept an invitation as the signed-in user; its organisation becomes current', body: InviteToken.strict(), response: { 200: z.object({ orgId: z.string() }) } } },
    async (req) => {
      const auth = requireUser(req);
      if (auth.via === 'token') throw new AppError(403, 'forbidden');
      const inv = await findInvitation(req.body.token);
      if (inv.email.toLowerCase() !== auth.userEmail.toLowerCase()) throw new AppError(403, 'invitation_email');
      await withTenant(db, inv.org_id, async (tx) => {
        const done = await tx.query('UPDATE invitations SET accepted_at = now(), accepted_by = $3 WHERE org_id = $1 AND id = $2 AND accepted_at IS NULL RETURNING 1', [inv.org_id, inv.id, auth.userId]);
        if (!done.rows.length) throw new AppError(404, 'invitation_invalid');
        const ins = await tx.query('INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [inv.org_id, auth.userId, inv.role]);
        if (!ins.rows.length) throw new AppError(409, 'already_member');
        await audit(tx, { orgId: inv.org_id, userId: auth.userId, userName: auth.userName, role: inv.role as z.infer<typeof Role>, via: 'session' }, {
          action: 'create',
          entityType: 'member',
          entityId: auth.userId,
          after: { role: inv.role, invitation: inv.id },
        });
      });
      await db.query('UPDATE sessions SET active_org_id = $2 WHERE id = $1', [auth.sessionId, inv.org_id]);
      return { orgId: inv.org_id };
    },
  );

  // ---- personal API tokens ----
  app.get('/api/tokens', { schema: { tags: ['organization'], summary: 'Your API tokens in this organisation', response: { 200: z.object({ items: z.array(TokenSchema) }) } } }, async (req) => {
    const actor = requireOrg(req, 'tokens.own');
    return withTenant(db, actor.orgId, async (tx) => ({
      items: (
        await tx.query<z.infer<typeof TokenSchema>>(
          'SELECT id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM api_tokens WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC',
          [actor.orgId, actor.userId],
        )
      ).rows,
    }));
  });

  app.post(
    '/api/tokens',
    { schema: { tags: ['organization'], summary: 'Create a personal API token (shown once)', body: z.object({ name: z.string().trim().min(1).max(80) }).strict(), response: { 201: TokenSchema.extend({ token: z.string() }) } } },
    async (req, reply) => {
      const actor = requireOrg(req, 'tokens.own');
      requireSession(req); // a token cannot mint tokens that would outlive it
      const { id, token } = await withTenant(db, actor.orgId, (tx) => createApiToken(tx, actor, req.body.name));
      reply.status(201);
      return { id, name: req.body.name, createdAt: new Date().toISOString(), lastUsedAt: null, token };
    },
  );

  app.delete('/api/tokens/:id', { schema: { tags: ['organization'], summary: 'Revoke one of your API tokens', params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'tokens.own');
    await withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND user_id = $3 AND revoked_at IS NULL RETURNING name', [actor.orgId, req.params.id, actor.userId]);
      if (!rows.length) throw notFound();
      await audit(tx, actor, { action: 'delete', entityType: 'api_token', entityId: req.params.id });
    });
    return reply.status(204).send(null);
  });

  // ---- mail outbox (what Gotong sent or would send) ----
  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['organization'],
        summary: 'Mail sent by this organisation (newest first)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), body: z.string(), status: z.string(), createdAt: z.string() })) }) },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'members.manage');
      return withTenant(db, actor.orgId, async (tx) => ({
        items: (await tx.query<never>('SELECT id, to_email AS "to", subject, body, status, created_at AS "createdAt" FROM mail_outbox WHERE org_id = $1 ORDER BY id DESC LIMIT 100', [actor.orgId])).rows,
      }));
    },
  );
}

export async function createApiToken(tx: { query: (s: string, p?: unknown[]) => Promise<unknown> }, actor: { orgId: string; userId: string; userName: string; role: z.infer<typeof Role>; via: Actor['via'] }, name: string) {
  const token = newSecret('gtg_');
  const id = uuidv7();
  await tx.query('INSERT INTO api_tokens (org_id, id, user_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)', [actor.orgId, id, actor.userId, name, sha256(token)]);
  await audit(tx as never, actor, { action: 'create', entityType: 'api_token', entityId: id, after: { name } });
  return { id, token };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
