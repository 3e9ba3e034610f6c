import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  ActivitiesPage,
  ActivitiesQuery,
  Activity,
  ActivityChange,
  ActivityCreate,
  ActivityTypes,
  ActivityTypesUpdate,
  ActivityUpdate,
  CalendarFeed,
  CalendarFeedLinks,
  ScopeQuery,
} from '../../../domain/contracts/activities.ts';
import { type MemberRole, can } from '../../../domain/roles.ts';
import { addDays } from '../../../domain/recurrence.ts';
import { audit } from '../../platform/audit.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { orgToday } from '../../platform/org.service.ts';
import { newSecret, sha256 } from '../../platform/security.ts';
import { activityTypes, createActivity, getActivity, listActivities, setActivityDeleted, setActivityTypes, updateActivity } from './activities.service.ts';
import { icalendar } from './ical.ts';

const IdParams = z.object({ id: z.uuid() });

export async function activitiesRoutes(app: App) {
  const { db, config } = app.services;
  const deps = app.services;

  app.get('/api/activities', { schema: { tags: ['activities'], summary: 'The calendar: activities between two local dates, in start order', querystring: ActivitiesQuery, response: { 200: ActivitiesPage } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => listActivities(tx, deps, actor, req.query));
  });

  app.post('/api/activities', { schema: { tags: ['activities'], summary: 'Plan an activity, or a recurring series of them (repeat)', body: ActivityCreate, response: { 201: ActivityChange } } }, async (req, reply) => {
    const actor = requireOrg(req, 'activities.write');
    const created = await withTenant(db, actor.orgId, (tx) => createActivity(tx, deps, actor, req.body));
    reply.status(201);
    return created;
  });

  app.get('/api/activities/types', { schema: { tags: ['activities'], summary: "Activity types: the built-in ones and the organisation's own", response: { 200: ActivityTypes } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => activityTypes(tx, actor.orgId));
  });

  app.put('/api/activities/types', { schema: { tags: ['activities'], summary: "Set the organisation's own activity types (labels in both languages)", body: ActivityTypesUpdate, response: { 200: ActivityTypes } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    return withTenant(db, actor.orgId, (tx) => setActivityTypes(tx, actor, req.body));
  });

  app.get('/api/activities/:id', { schema: { tags: ['activities'], summary: 'An activity', params: IdParams, response: { 200: Activity } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => getActivity(tx, deps, actor.orgId, req.params.id));
  });

  app.patch(
    '/api/activities/:id',
    { schema: { tags: ['activities'], summary: 'Change an activity (versioned); in a series, this one only or this and the following ones', params: IdParams, querystring: ScopeQuery, body: ActivityUpdate, response: { 200: ActivityChange } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => updateActivity(tx, deps, actor, req.params.id, req.body, req.query.scope));
    },
  );

  app.delete(
    '/api/activities/:id',
    { schema: { tags: ['activities'], summary: 'Move an activity to the bin (restorable); in a series, this one only or this and the following ones', params: IdParams, querystring: ScopeQuery, response: { 200: ActivityChange } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.delete');
      return withTenant(db, actor.orgId, (tx) => setActivityDeleted(tx, deps, actor, req.params.id, true, req.query.scope));
    },
  );

  app.post('/api/activities/:id/restore', { schema: { tags: ['activities'], summary: 'Undo an activity delete (with the occurrences deleted with it)', params: IdParams, response: { 200: ActivityChange } } }, async (req) => {
    const actor = requireOrg(req, 'activities.delete');
    return withTenant(db, actor.orgId, (tx) => setActivityDeleted(tx, deps, actor, req.params.id, false));
  });

  // ---- iCalendar feeds: a calendar app cannot send cookies, so a secret token in the URL ----

  const feedUrls = (token: string) => ({ orgUrl: `${config.publicUrl}/api/calendar/org.ics?token=${token}`, meUrl: `${config.publicUrl}/api/calendar/me.ics?token=${token}` });

  app.get('/api/calendar/feed', { schema: { tags: ['activities'], summary: 'Whether I have calendar feed links (the secret is shown only when made)', response: { 200: CalendarFeed } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    const { rows } = await withTenant(db, actor.orgId, (tx) => tx.query<{ created_at: string }>('SELECT created_at FROM calendar_feeds WHERE org_id = $1 AND user_id = $2', [actor.orgId, actor.userId]));
    return { createdAt: rows[0]?.created_at ?? null };
  });

  app.post('/api/calendar/feed', { schema: { tags: ['activities'], summary: 'Make new calendar feed links (the old ones stop working)', response: { 200: CalendarFeedLinks } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    const token = newSecret('cal_');
    const { rows } = await withTenant(db, actor.orgId, async (tx) => {
      const r = await tx.query<{ created_at: string }>(
        `INSERT INTO calendar_feeds (org_id, user_id, token_hash) VALUES ($1, $2, $3)
           ON CONFLICT (org_id, user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now() RETURNING created_at`,
        [actor.orgId, actor.userId, sha256(token)],
      );
      await audit(tx, actor, { action: 'rotate', entityType: 'calendar_feed', entityId: actor.userId });
      return r;
    });
    return { createdAt: rows[0].created_at, ...feedUrls(token) };
  });

  const FeedQuery = z.object({ token: z.string().min(1).max(200) });
  for (const which of ['org', 'me'] as const) {
    app.get(
      `/api/calendar/${which}.ics`,
      {
        schema: {
          tags: ['activities'],
          summary: which === 'org' ? "The organisation's activities as an iCalendar feed (token from POST /api/calendar/feed)" : 'The activities I facilitate as an iCalendar feed',
          security: [],
          querystring: FeedQuery,
        },
      },
      async (req, reply) => {
        const { rows } = await db.query<{ org_id: string; user_id: string; role: MemberRole; name: string; org_name: string }>(
          `SELECT f.org_id, f.user_id, m.role, u.name, o.name AS org_name FROM calendar_feeds f
             JOIN memberships m ON m.org_id = f.org_id AND m.user_id = f.user_id
             JOIN users u ON u.id = f.user_id JOIN organizations o ON o.id = f.org_id
            WHERE f.token_hash = $1`,
          [sha256(req.query.token)],
        );
        const feed = rows[0];
        if (!feed) throw notFound();
        if (!can(feed.role, 'activities.read')) throw new AppError(403, 'forbidden');
        const actor = { orgId: feed.org_id, userId: feed.user_id, userName: feed.name, role: feed.role, via: 'token' as const };
        const items = await withTenant(db, actor.orgId, async (tx) => {
          const today = await orgToday(tx, actor.orgId);
          // a month back, a year ahead: what a phone calendar needs, at most 1000 activities
          return (await listActivities(tx, deps, actor, { from: addDays(today, -30), to: addDays(today, 365), mine: which === 'me', limit: 1000 })).items;
        });
        const host = new URL(config.publicUrl).host;
        const body = icalendar(which === 'org' ? feed.org_name : `${feed.org_name} — ${feed.name}`, host, items.map((a) => ({
          ...a,
          location: [a.venue, a.area?.path.map((p) => p.name).reverse().join(', ')].filter(Boolean).join(' — ') || null,
          url: `${config.publicUrl}/activities/${a.id}`,
        })));
        return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
      },
    );
  }
}
