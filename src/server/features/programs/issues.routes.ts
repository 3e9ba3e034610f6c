import { z } from 'zod';
import type { App } from '../../app.ts';
import { Issue, IssueCreate, IssueUpdate, Issues } from '../../../domain/contracts/issues.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { createIssue, listIssues, setIssueDeleted, updateIssue } from './issues.service.ts';

/** A program's issue log; read and written like its risk register. */
export async function issuesRoutes(app: App) {
  const { db } = app.services;
  const Params = z.object({ id: z.uuid() });

  app.get('/api/programs/:id/issues', { schema: { tags: ['programs'], summary: "A program's issue log, open issues first", params: Params, response: { 200: Issues } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => listIssues(tx, actor.orgId, req.params.id));
  });

  app.post('/api/programs/:id/issues', { schema: { tags: ['programs'], summary: 'Log an issue on a program', params: Params, body: IssueCreate, response: { 201: Issue } } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.write');
    const created = await withTenant(db, actor.orgId, (tx) => createIssue(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.patch('/api/issues/:id', { schema: { tags: ['programs'], summary: 'Change or resolve an issue (versioned)', params: Params, body: IssueUpdate, response: { 200: Issue } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => updateIssue(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/issues/:id', { schema: { tags: ['programs'], summary: 'Delete an issue (restorable)', params: Params, response: { 200: Issue } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setIssueDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/issues/:id/restore', { schema: { tags: ['programs'], summary: 'Undo an issue delete', params: Params, response: { 200: Issue } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setIssueDeleted(tx, actor, req.params.id, false));
  });
}
