import { z } from 'zod';
import type { App } from '../../app.ts';
import { HouseholdCreate, HouseholdDetail, HouseholdUpdate, HouseholdsPage, HouseholdsQuery } from '../../../domain/contracts/people.ts';
import { RELATIONSHIPS } from '../../../domain/people.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { createHousehold, getHousehold, listHouseholds, setHouseholdDeleted, setMembership, updateHousehold } from './households.service.ts';

const IdParams = z.object({ id: z.uuid() });

export async function householdsRoutes(app: App) {
  const { db } = app.services;
  const deps = app.services;

  app.get('/api/households', { schema: { tags: ['households'], summary: 'Search and page households', querystring: HouseholdsQuery, response: { 200: HouseholdsPage } } }, async (req) => {
    const actor = requireOrg(req, req.query.deleted ? 'people.delete' : 'people.read');
    return withTenant(db, actor.orgId, (tx) => listHouseholds(tx, deps, actor.orgId, req.query));
  });

  app.post('/api/households', { schema: { tags: ['households'], summary: 'Add a household', body: HouseholdCreate, response: { 201: HouseholdDetail } } }, async (req, reply) => {
    const actor = requireOrg(req, 'people.write');
    const h = await withTenant(db, actor.orgId, (tx) => createHousehold(tx, deps, actor, req.body));
    reply.status(201);
    return h;
  });

  app.get('/api/households/:id', { schema: { tags: ['households'], summary: 'A household with its members', params: IdParams, response: { 200: HouseholdDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.read');
    return withTenant(db, actor.orgId, (tx) => getHousehold(tx, deps, actor.orgId, req.params.id));
  });

  app.patch('/api/households/:id', { schema: { tags: ['households'], summary: 'Change a household (versioned)', params: IdParams, body: HouseholdUpdate, response: { 200: HouseholdDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.write');
    return withTenant(db, actor.orgId, (tx) => updateHousehold(tx, deps, actor, req.params.id, req.body));
  });

  app.delete('/api/households/:id', { schema: { tags: ['households'], summary: 'Move a household to the bin (restorable)', params: IdParams, response: { 200: HouseholdDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.delete');
    return withTenant(db, actor.orgId, (tx) => setHouseholdDeleted(tx, deps, actor, req.params.id, true));
  });

  app.post('/api/households/:id/restore', { schema: { tags: ['households'], summary: 'Undo a household delete', params: IdParams, response: { 200: HouseholdDetail } } }, async (req) => {
    const actor = requireOrg(req, 'people.delete');
    return withTenant(db, actor.orgId, (tx) => setHouseholdDeleted(tx, deps, actor, req.params.id, false));
  });

  app.put(
    '/api/households/:id/members/:personId',
    {
      schema: {
        tags: ['households'],
        summary: 'Put a person in this household with a relationship to the head',
        params: z.object({ id: z.uuid(), personId: z.uuid() }),
        body: z.object({ relationship: z.enum(RELATIONSHIPS) }).strict(),
        response: { 200: HouseholdDetail },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'people.write');
      return withTenant(db, actor.orgId, (tx) => setMembership(tx, deps, actor, req.params.id, req.params.personId, req.body.relationship));
    },
  );

  app.delete(
    '/api/households/:id/members/:personId',
    { schema: { tags: ['households'], summary: 'Take a person out of this household', params: z.object({ id: z.uuid(), personId: z.uuid() }), response: { 200: HouseholdDetail } } },
    async (req) => {
      const actor = requireOrg(req, 'people.write');
      return withTenant(db, actor.orgId, (tx) => setMembership(tx, deps, actor, req.params.id, req.params.personId, null));
    },
  );
}
