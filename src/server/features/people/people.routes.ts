import { z } from 'zod';
import type { App } from '../../app.ts';
import { PeoplePage, PeopleQuery, Person, PersonCreate, PersonUpdate } from '../../../domain/contracts/people.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { createPerson, getPerson, listPeople, revealNik, setDeleted, updatePerson } from './people.service.ts';

const IdParams = z.object({ id: z.uuid() });

export async function peopleRoutes(app: App) {
  const { db } = app.services;
  const deps = app.services;

  app.get('/api/people', { schema: { tags: ['people'], summary: 'Search, filter and page the registry of people', querystring: PeopleQuery, response: { 200: PeoplePage } } }, async (req) => {
    // The bin is for those who may delete and restore.
    const actor = requireOrg(req, req.query.deleted ? 'people.delete' : 'people.read');
    return withTenant(db, actor.orgId, (tx) => listPeople(tx, deps, actor.orgId, req.query));
  });

  app.post('/api/people', { schema: { tags: ['people'], summary: 'Add a person', body: PersonCreate, response: { 201: Person } } }, async (req, reply) => {
    const actor = requireOrg(req, 'people.write');
    const person = await withTenant(db, actor.orgId, (tx) => createPerson(tx, deps, actor, req.body));
    reply.status(201);
    return person;
  });

  app.get('/api/people/:id', { schema: { tags: ['people'], summary: 'One person', params: IdParams, response: { 200: Person } } }, async (req) => {
    const actor = requireOrg(req, 'people.read');
    return withTenant(db, actor.orgId, async (tx) => (await getPerson(tx, deps, actor.orgId, req.params.id)).person);
  });

  app.patch(
    '/api/people/:id',
    { schema: { tags: ['people'], summary: 'Change a person (send the version you read; a stale version gets 409)', params: IdParams, body: PersonUpdate, response: { 200: Person } } },
    async (req) => {
      const actor = requireOrg(req, 'people.write');
      return withTenant(db, actor.orgId, (tx) => updatePerson(tx, deps, actor, req.params.id, req.body as never));
    },
  );

  app.delete('/api/people/:id', { schema: { tags: ['people'], summary: 'Move a person to the bin (restorable)', params: IdParams, response: { 200: Person } } }, async (req) => {
    const actor = requireOrg(req, 'people.delete');
    return withTenant(db, actor.orgId, (tx) => setDeleted(tx, deps, actor, req.params.id, true));
  });

  app.post('/api/people/:id/restore', { schema: { tags: ['people'], summary: 'Undo a delete', params: IdParams, response: { 200: Person } } }, async (req) => {
    const actor = requireOrg(req, 'people.delete');
    return withTenant(db, actor.orgId, (tx) => setDeleted(tx, deps, actor, req.params.id, false));
  });

  app.post(
    '/api/people/:id/reveal-nik',
    { schema: { tags: ['people'], summary: 'Show the full NIK (permission people.reveal_nik; every reveal is audited)', params: IdParams, response: { 200: z.object({ nik: z.string().nullable() }) } } },
    async (req) => {
      const actor = requireOrg(req, 'people.reveal_nik');
      return { nik: await withTenant(db, actor.orgId, (tx) => revealNik(tx, deps, actor, req.params.id)) };
    },
  );
}
