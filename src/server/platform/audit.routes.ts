import { z } from 'zod';
import type { App } from '../app.ts';
import { requireOrg } from './auth.ts';
import { withTenant } from './context.ts';
import { CursorShapes, PageQuery, decodeCursor, encodeCursor, pageOf } from './paging.ts';
import { IsoDate } from '../../domain/contracts/common.ts';
import type { Permission } from '../../domain/roles.ts';

const EntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  via: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The record's current name (people and households), so an update entry says whose record it was. */
  entityLabel: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
const select = `SELECT a.id, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.via, a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
    coalesce(p.full_name, h.name) AS "entityLabel", a.before, a.after
  FROM audit_log a
  LEFT JOIN people p ON a.entity_type = 'person' AND p.org_id = a.org_id AND p.id = CASE WHEN a.entity_type = 'person' THEN a.entity_id::uuid END
  LEFT JOIN households h ON a.entity_type = 'household' AND h.org_id = a.org_id AND h.id = CASE WHEN a.entity_type = 'household' THEN a.entity_id::uuid END`;

const orgZone = '(SELECT time_zone FROM organizations o WHERE o.id = a.org_id)';

/** Who may read a record's own history: whoever may read the record. */
const HISTORY_PERMISSION: Record<string, Permission> = { person: 'people.read', household: 'people.read', program: 'programs.read', task: 'tasks.read', activity: 'activities.read', volunteer: 'volunteers.read', activity_report: 'activities.read', donor_report: 'funding.read', funder: 'funding.read', opportunity: 'funding.read', grant: 'funding.read' };
const HISTORY_TYPES = Object.keys(HISTORY_PERMISSION) as [string, ...string[]];

export async function auditRoutes(app: App) {
  const { db } = app.services;

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit log, newest first (admins)",
        querystring: z.object({
          actorId: z.uuid().optional(),
          entityType: z.string().regex(/^[a-z_]{1,40}$/).optional(),
          entityId: z.string().regex(/^[0-9a-f-]{1,80}$/i).optional(),
          action: z.string().regex(/^[a-z_]{1,20}$/).optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          ...PageQuery,
        }),
        response: { 200: pageOf(EntrySchema) },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'audit.read');
      const q = req.query;
      const where = ['a.org_id = $1'];
      const params: unknown[] = [actor.orgId];
      const add = (cond: string, v: unknown) => {
        params.push(v);
        where.push(cond.replace('?', `$${params.length}`));
      };
      if (q.actorId) add('a.actor_id = ?', q.actorId);
      if (q.entityType) add('a.entity_type = ?', q.entityType);
      if (q.entityId) add('a.entity_id = ?', q.entityId);
      if (q.action) add('a.action = ?', q.action);
      // Dates are days where the organisation works, not UTC days.
      if (q.from) add(`a.at >= ?::timestamp AT TIME ZONE ${orgZone}`, q.from);
      if (q.to) add(`a.at < (?::date + 1)::timestamp AT TIME ZONE ${orgZone}`, q.to);
      const cursor = decodeCursor(q.cursor, CursorShapes.id);
      if (cursor) add('a.id < ?', String(cursor[0]));
      params.push(q.limit + 1);
      return withTenant(db, actor.orgId, async (tx) => {
        const { rows } = await tx.query<z.infer<typeof EntrySchema>>(`${select} WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT $${params.length}`, params);
        const more = rows.length > q.limit;
        const items = rows.slice(0, q.limit);
        return { items, nextCursor: more ? encodeCursor([items[items.length - 1].id]) : null };
      });
    },
  );

  app.get(
    '/api/history/:entityType/:entityId',
    {
      schema: {
        tags: ['audit'],
        summary: "One record's history (visible to whoever may read the record)",
        params: z.object({ entityType: z.enum(HISTORY_TYPES), entityId: z.uuid() }),
        response: { 200: z.object({ items: z.array(EntrySchema) }) },
      },
    },
    async (req) => {
      const actor = requireOrg(req, HISTORY_PERMISSION[req.params.entityType]);
      return withTenant(db, actor.orgId, async (tx) => ({
        items: (await tx.query<z.infer<typeof EntrySchema>>(`${select} WHERE a.org_id = $1 AND a.entity_type = $2 AND a.entity_id = $3 ORDER BY a.id DESC LIMIT 500`, [actor.orgId, req.params.entityType, req.params.entityId])).rows,
      }));
    },
  );
}
