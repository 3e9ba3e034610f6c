import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  ContactCreate, ContactUpdate, Deadlines, Funder, FunderContact, FunderCreate, FunderDetail, FundersPage, FundersQuery, FunderUpdate, Grant, GrantCreate, GrantDetail, GrantReport, GrantsPage, GrantsQuery, GrantUpdate,
  Interaction, InteractionCreate, InteractionUpdate, OpportunitiesQuery, Opportunity, OpportunityCreate, OpportunityUpdate, Pipeline, ReportCreate, ReportUpdate, ScheduleRequest,
} from '../../../domain/contracts/funding.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import {
  createContact, createFunder, createInteraction, getFunderDetail, listFunders, setContactDeleted, setFunderDeleted, setInteractionDeleted, updateContact, updateFunder, updateInteraction,
} from './funders.service.ts';
import { createGrant, createReport, generateSchedule, getGrantDetail, listGrants, myDeadlines, setGrantDeleted, setReportDeleted, updateGrant, updateReport } from './grants.service.ts';
import { createOpportunity, getOpportunity, listPipeline, setOpportunityDeleted, updateOpportunity } from './pipeline.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['funding'];

export async function fundingRoutes(app: App) {
  const { db } = app.services;
  const read = <T>(req: Parameters<typeof requireOrg>[0], fn: (tx: any, actor: ReturnType<typeof requireOrg>) => Promise<T>) => {
    const actor = requireOrg(req, 'funding.read');
    return withTenant(db, actor.orgId, (tx) => fn(tx, actor));
  };
  const write = <T>(req: Parameters<typeof requireOrg>[0], fn: (tx: any, actor: ReturnType<typeof requireOrg>) => Promise<T>) => {
    const actor = requireOrg(req, 'funding.write');
    return withTenant(db, actor.orgId, (tx) => fn(tx, actor));
  };

  // ---- funders ----
  app.get('/api/funders', { schema: { tags, summary: 'Search, filter and page funders', querystring: FundersQuery, response: { 200: FundersPage } } }, (req) => read(req, (tx, a) => listFunders(tx, a, req.query)));
  app.post('/api/funders', { schema: { tags, summary: 'Add a funder (an individual donor from the registry gets the donor role)', body: FunderCreate, response: { 201: Funder } } }, async (req, reply) => {
    const f = await write(req, (tx, a) => createFunder(tx, a, req.body));
    reply.status(201);
    return f;
  });
  app.get('/api/funders/:id', { schema: { tags, summary: 'A funder with its contacts and interactions', params: IdParams, response: { 200: FunderDetail } } }, (req) => read(req, (tx, a) => getFunderDetail(tx, a.orgId, req.params.id)));
  app.patch('/api/funders/:id', { schema: { tags, summary: 'Change a funder (versioned)', params: IdParams, body: FunderUpdate, response: { 200: Funder } } }, (req) => write(req, (tx, a) => updateFunder(tx, a, req.params.id, req.body)));
  app.delete('/api/funders/:id', { schema: { tags, summary: 'Move a funder to the bin (restorable)', params: IdParams, response: { 200: Funder } } }, (req) => write(req, (tx, a) => setFunderDeleted(tx, a, req.params.id, true)));
  app.post('/api/funders/:id/restore', { schema: { tags, summary: 'Undo a funder delete', params: IdParams, response: { 200: Funder } } }, (req) => write(req, (tx, a) => setFunderDeleted(tx, a, req.params.id, false)));

  app.post('/api/funders/:id/contacts', { schema: { tags, summary: 'Add a contact person of a funder', params: IdParams, body: ContactCreate, response: { 201: FunderContact } } }, async (req, reply) => {
    const c = await write(req, (tx, a) => createContact(tx, a, req.params.id, req.body));
    reply.status(201);
    return c;
  });
  app.patch('/api/funder-contacts/:id', { schema: { tags, summary: "Change a funder's contact (versioned)", params: IdParams, body: ContactUpdate, response: { 200: FunderContact } } }, (req) => write(req, (tx, a) => updateContact(tx, a, req.params.id, req.body)));
  app.delete('/api/funder-contacts/:id', { schema: { tags, summary: "Remove a funder's contact (restorable)", params: IdParams, response: { 200: FunderContact } } }, (req) => write(req, (tx, a) => setContactDeleted(tx, a, req.params.id, true)));
  app.post('/api/funder-contacts/:id/restore', { schema: { tags, summary: 'Undo a contact removal', params: IdParams, response: { 200: FunderContact } } }, (req) => write(req, (tx, a) => setContactDeleted(tx, a, req.params.id, false)));

  app.post('/api/funders/:id/interactions', { schema: { tags, summary: 'Note a meeting, call, email or visit with a funder', params: IdParams, body: InteractionCreate, response: { 201: Interaction } } }, async (req, reply) => {
    const i = await write(req, (tx, a) => createInteraction(tx, a, req.params.id, req.body));
    reply.status(201);
    return i;
  });
  app.patch('/api/funder-interactions/:id', { schema: { tags, summary: 'Change an interaction note (versioned)', params: IdParams, body: InteractionUpdate, response: { 200: Interaction } } }, (req) => write(req, (tx, a) => updateInteraction(tx, a, req.params.id, req.body)));
  app.delete('/api/funder-interactions/:id', { schema: { tags, summary: 'Remove an interaction note (restorable)', params: IdParams, response: { 200: Interaction } } }, (req) => write(req, (tx, a) => setInteractionDeleted(tx, a, req.params.id, true)));
  app.post('/api/funder-interactions/:id/restore', { schema: { tags, summary: 'Undo an interaction removal', params: IdParams, response: { 200: Interaction } } }, (req) => write(req, (tx, a) => setInteractionDeleted(tx, a, req.params.id, false)));

  // ---- pipeline ----
  app.get('/api/opportunities', { schema: { tags, summary: 'The pipeline board: opportunities matching the filters and the weighted forecast per stage and currency', querystring: OpportunitiesQuery, response: { 200: Pipeline } } }, (req) => read(req, (tx, a) => listPipeline(tx, a, req.query)));
  app.post('/api/opportunities', { schema: { tags, summary: 'Add a funding opportunity', body: OpportunityCreate, response: { 201: Opportunity } } }, async (req, reply) => {
    const o = await write(req, (tx, a) => createOpportunity(tx, a, req.body));
    reply.status(201);
    return o;
  });
  app.get('/api/opportunities/:id', { schema: { tags, summary: 'An opportunity', params: IdParams, response: { 200: Opportunity } } }, (req) => read(req, (tx, a) => getOpportunity(tx, a.orgId, req.params.id)));
  app.patch('/api/opportunities/:id', { schema: { tags, summary: 'Change an opportunity or move it to another stage (versioned)', params: IdParams, body: OpportunityUpdate, response: { 200: Opportunity } } }, (req) => write(req, (tx, a) => updateOpportunity(tx, a, req.params.id, req.body)));
  app.delete('/api/opportunities/:id', { schema: { tags, summary: 'Move an opportunity to the bin (restorable)', params: IdParams, response: { 200: Opportunity } } }, (req) => write(req, (tx, a) => setOpportunityDeleted(tx, a, req.params.id, true)));
  app.post('/api/opportunities/:id/restore', { schema: { tags, summary: 'Undo an opportunity delete', params: IdParams, response: { 200: Opportunity } } }, (req) => write(req, (tx, a) => setOpportunityDeleted(tx, a, req.params.id, false)));

  // ---- grants ----
  app.get('/api/grants', { schema: { tags, summary: 'Search, filter and page grant agreements (latest end first)', querystring: GrantsQuery, response: { 200: GrantsPage } } }, (req) => read(req, (tx, a) => listGrants(tx, a, req.query)));
  app.post('/api/grants', { schema: { tags, summary: 'Record a grant agreement (from an awarded opportunity, with its reporting schedule)', body: GrantCreate, response: { 201: GrantDetail } } }, async (req, reply) => {
    const g = await write(req, (tx, a) => createGrant(tx, a, req.body));
    reply.status(201);
    return g;
  });
  app.get('/api/grants/:id', { schema: { tags, summary: 'A grant agreement with its reports', params: IdParams, response: { 200: GrantDetail } } }, (req) => read(req, (tx, a) => getGrantDetail(tx, a.orgId, req.params.id)));
  app.patch('/api/grants/:id', { schema: { tags, summary: 'Change a grant agreement (versioned)', params: IdParams, body: GrantUpdate, response: { 200: GrantDetail } } }, (req) => write(req, (tx, a) => updateGrant(tx, a, req.params.id, req.body)));
  app.delete('/api/grants/:id', { schema: { tags, summary: 'Move a grant agreement to the bin (restorable)', params: IdParams, response: { 200: Grant } } }, (req) => write(req, (tx, a) => setGrantDeleted(tx, a, req.params.id, true)));
  app.post('/api/grants/:id/restore', { schema: { tags, summary: 'Undo a grant delete', params: IdParams, response: { 200: Grant } } }, (req) => write(req, (tx, a) => setGrantDeleted(tx, a, req.params.id, false)));
  app.post('/api/grants/:id/schedule', { schema: { tags, summary: 'Generate the reporting schedule (quarterly, semester or yearly, plus final reports)', params: IdParams, body: ScheduleRequest, response: { 200: GrantDetail } } }, (req) => write(req, (tx, a) => generateSchedule(tx, a, req.params.id, req.body)));
  app.post('/api/grants/:id/reports', { schema: { tags, summary: 'Add one report to the schedule', params: IdParams, body: ReportCreate, response: { 201: GrantReport } } }, async (req, reply) => {
    const r = await write(req, (tx, a) => createReport(tx, a, req.params.id, req.body));
    reply.status(201);
    return r;
  });
  app.patch('/api/grant-reports/:id', { schema: { tags, summary: 'Change a report: dates, note, or its status (due, submitted, accepted; versioned)', params: IdParams, body: ReportUpdate, response: { 200: GrantReport } } }, (req) => write(req, (tx, a) => updateReport(tx, a, req.params.id, req.body)));
  app.delete('/api/grant-reports/:id', { schema: { tags, summary: 'Remove a report from the schedule (restorable)', params: IdParams, response: { 200: GrantReport } } }, (req) => write(req, (tx, a) => setReportDeleted(tx, a, req.params.id, true)));
  app.post('/api/grant-reports/:id/restore', { schema: { tags, summary: 'Undo a report removal', params: IdParams, response: { 200: GrantReport } } }, (req) => write(req, (tx, a) => setReportDeleted(tx, a, req.params.id, false)));

  app.get('/api/funding/deadlines', { schema: { tags, summary: "The caller's funding deadlines of the next 30 days and overdue grant reports (home screen)", response: { 200: Deadlines } } }, (req) => read(req, (tx, a) => myDeadlines(tx, a)));
}
