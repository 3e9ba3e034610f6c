import { z } from 'zod';
import type { App } from '../../app.ts';
import { Task, TaskComment, TaskCommentCreate, TaskComments, TaskCreate, TasksPage, TasksQuery, TaskUpdate } from '../../../domain/contracts/tasks.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { addComment, createTask, deleteComment, getTask, listComments, listTasks, setTaskDeleted, updateTask } from './tasks.service.ts';

export async function tasksRoutes(app: App) {
  const { db } = app.services;
  const Params = z.object({ id: z.uuid() });

  app.get('/api/tasks', { schema: { tags: ['tasks'], summary: 'Search, filter and page tasks (open first, by due date); assignee=me for my tasks', querystring: TasksQuery, response: { 200: TasksPage } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.read');
    return withTenant(db, actor.orgId, (tx) => listTasks(tx, actor, req.query));
  });

  app.post('/api/tasks', { schema: { tags: ['tasks'], summary: 'Add a task to a program, optionally linked to one of its results, risks or issues', body: TaskCreate, response: { 201: Task } } }, async (req, reply) => {
    const actor = requireOrg(req, 'tasks.write');
    const created = await withTenant(db, actor.orgId, (tx) => createTask(tx, actor, req.body));
    reply.status(201);
    return created;
  });

  app.get('/api/tasks/:id', { schema: { tags: ['tasks'], summary: 'A task', params: Params, response: { 200: Task } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.read');
    return withTenant(db, actor.orgId, (tx) => getTask(tx, actor.orgId, req.params.id));
  });

  app.patch('/api/tasks/:id', { schema: { tags: ['tasks'], summary: 'Change a task, e.g. its status (versioned)', params: Params, body: TaskUpdate, response: { 200: Task } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.write');
    return withTenant(db, actor.orgId, (tx) => updateTask(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/tasks/:id', { schema: { tags: ['tasks'], summary: 'Delete a task (restorable)', params: Params, response: { 200: Task } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.write');
    return withTenant(db, actor.orgId, (tx) => setTaskDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/tasks/:id/restore', { schema: { tags: ['tasks'], summary: 'Undo a task delete', params: Params, response: { 200: Task } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.write');
    return withTenant(db, actor.orgId, (tx) => setTaskDeleted(tx, actor, req.params.id, false));
  });

  app.get('/api/tasks/:id/comments', { schema: { tags: ['tasks'], summary: "A task's comments, oldest first", params: Params, response: { 200: TaskComments } } }, async (req) => {
    const actor = requireOrg(req, 'tasks.read');
    return withTenant(db, actor.orgId, (tx) => listComments(tx, actor.orgId, req.params.id));
  });

  app.post('/api/tasks/:id/comments', { schema: { tags: ['tasks'], summary: 'Comment on a task', params: Params, body: TaskCommentCreate, response: { 201: TaskComment } } }, async (req, reply) => {
    const actor = requireOrg(req, 'tasks.write');
    const created = await withTenant(db, actor.orgId, (tx) => addComment(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.delete('/api/task-comments/:id', { schema: { tags: ['tasks'], summary: 'Delete a comment (its author, or an admin)', params: Params, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'tasks.write');
    await withTenant(db, actor.orgId, (tx) => deleteComment(tx, actor, req.params.id));
    return reply.status(204).send(null);
  });
}
