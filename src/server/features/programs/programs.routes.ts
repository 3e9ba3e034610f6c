import { z } from 'zod';
import type { App } from '../../app.ts';
import { Program, ProgramCreate, ProgramUpdate, ProgramsPage, ProgramsQuery } from '../../../domain/contracts/programs.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { Indicator, IndicatorCreate, IndicatorUpdate, Indicators } from '../../../domain/contracts/indicators.ts';
import { Risk, RiskCreate, RiskUpdate, Risks } from '../../../domain/contracts/risks.ts';
import { Framework, ResultCreate, ResultDeleted, ResultMove, ResultUpdate } from '../../../domain/contracts/results.ts';
import { createIndicator, getIndicator, listIndicators, setIndicatorDeleted, updateIndicator } from './indicators.service.ts';
import { createProgram, getProgram, listPrograms, setProgramDeleted, updateProgram } from './programs.service.ts';
import { createRisk, listRisks, setRiskDeleted, updateRisk } from './risks.service.ts';
import { createResult, getFramework, moveResult, setResultDeleted, updateResult } from './results.service.ts';

const IdParams = z.object({ id: z.uuid() });

export async function programsRoutes(app: App) {
  const { db } = app.services;
  const deps = app.services;

  app.get('/api/programs', { schema: { tags: ['programs'], summary: 'Search, filter and page programs', querystring: ProgramsQuery, response: { 200: ProgramsPage } } }, async (req) => {
    const actor = requireOrg(req, req.query.deleted ? 'programs.delete' : 'programs.read');
    return withTenant(db, actor.orgId, (tx) => listPrograms(tx, deps, actor, req.query));
  });

  app.post('/api/programs', { schema: { tags: ['programs'], summary: 'Start a program', body: ProgramCreate, response: { 201: Program } } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.write');
    const g = await withTenant(db, actor.orgId, (tx) => createProgram(tx, deps, actor, req.body));
    reply.status(201);
    return g;
  });

  app.get('/api/programs/:id', { schema: { tags: ['programs'], summary: 'A program', params: IdParams, response: { 200: Program } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => getProgram(tx, deps, actor.orgId, req.params.id));
  });

  app.patch('/api/programs/:id', { schema: { tags: ['programs'], summary: 'Change a program (versioned)', params: IdParams, body: ProgramUpdate, response: { 200: Program } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => updateProgram(tx, deps, actor, req.params.id, req.body));
  });

  app.delete('/api/programs/:id', { schema: { tags: ['programs'], summary: 'Move a program to the bin (restorable)', params: IdParams, response: { 200: Program } } }, async (req) => {
    const actor = requireOrg(req, 'programs.delete');
    return withTenant(db, actor.orgId, (tx) => setProgramDeleted(tx, deps, actor, req.params.id, true));
  });

  app.post('/api/programs/:id/restore', { schema: { tags: ['programs'], summary: 'Undo a program delete', params: IdParams, response: { 200: Program } } }, async (req) => {
    const actor = requireOrg(req, 'programs.delete');
    return withTenant(db, actor.orgId, (tx) => setProgramDeleted(tx, deps, actor, req.params.id, false));
  });
}

export async function resultsRoutes(app: App) {
  const { db } = app.services;
  const ResultParams = z.object({ id: z.uuid() });

  app.get('/api/programs/:id/results', { schema: { tags: ['programs'], summary: "A program's results framework, depth first", params: IdParams, response: { 200: Framework } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => getFramework(tx, actor.orgId, req.params.id));
  });

  app.post(
    '/api/programs/:id/results',
    { schema: { tags: ['programs'], summary: 'Add the goal, an outcome, an output or an activity (the level follows from the parent)', params: IdParams, body: ResultCreate, response: { 201: Framework } } },
    async (req, reply) => {
      const actor = requireOrg(req, 'programs.write');
      const framework = await withTenant(db, actor.orgId, (tx) => createResult(tx, actor, req.params.id, req.body));
      reply.status(201);
      return framework;
    },
  );

  app.patch('/api/results/:id', { schema: { tags: ['programs'], summary: 'Change a result (versioned)', params: ResultParams, body: ResultUpdate, response: { 200: Framework } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => updateResult(tx, actor, req.params.id, req.body));
  });

  app.post('/api/results/:id/move', { schema: { tags: ['programs'], summary: 'Move a result among its siblings', params: ResultParams, body: ResultMove, response: { 200: Framework } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => moveResult(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/results/:id', { schema: { tags: ['programs'], summary: 'Delete a result and everything under it (restorable)', params: ResultParams, response: { 200: ResultDeleted } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setResultDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/results/:id/restore', { schema: { tags: ['programs'], summary: 'Undo a result delete (with what it took)', params: ResultParams, response: { 200: ResultDeleted } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setResultDeleted(tx, actor, req.params.id, false));
  });
}

export async function indicatorsRoutes(app: App) {
  const { db } = app.services;
  const Params = z.object({ id: z.uuid() });

  app.get('/api/programs/:id/indicators', { schema: { tags: ['programs'], summary: "A program's indicators with their targets", params: Params, response: { 200: Indicators } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => listIndicators(tx, actor.orgId, req.params.id));
  });

  app.post('/api/results/:id/indicators', { schema: { tags: ['programs'], summary: 'Add an indicator to a result', params: Params, body: IndicatorCreate, response: { 201: Indicator } } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.write');
    const created = await withTenant(db, actor.orgId, (tx) => createIndicator(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.get('/api/indicators/:id', { schema: { tags: ['programs'], summary: 'An indicator', params: Params, response: { 200: Indicator } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => getIndicator(tx, actor.orgId, req.params.id));
  });

  app.patch('/api/indicators/:id', { schema: { tags: ['programs'], summary: 'Change an indicator or its targets (versioned)', params: Params, body: IndicatorUpdate, response: { 200: Indicator } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => updateIndicator(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/indicators/:id', { schema: { tags: ['programs'], summary: 'Delete an indicator (restorable)', params: Params, response: { 200: Indicator } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setIndicatorDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/indicators/:id/restore', { schema: { tags: ['programs'], summary: 'Undo an indicator delete', params: Params, response: { 200: Indicator } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setIndicatorDeleted(tx, actor, req.params.id, false));
  });
}

export async function risksRoutes(app: App) {
  const { db } = app.services;
  const Params = z.object({ id: z.uuid() });

  app.get('/api/programs/:id/risks', { schema: { tags: ['programs'], summary: "A program's risk register, the highest score first", params: Params, response: { 200: Risks } } }, async (req) => {
    const actor = requireOrg(req, 'programs.read');
    return withTenant(db, actor.orgId, (tx) => listRisks(tx, actor.orgId, req.params.id));
  });

  app.post('/api/programs/:id/risks', { schema: { tags: ['programs'], summary: 'Add a risk to a program', params: Params, body: RiskCreate, response: { 201: Risk } } }, async (req, reply) => {
    const actor = requireOrg(req, 'programs.write');
    const created = await withTenant(db, actor.orgId, (tx) => createRisk(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.patch('/api/risks/:id', { schema: { tags: ['programs'], summary: 'Change a risk (versioned)', params: Params, body: RiskUpdate, response: { 200: Risk } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => updateRisk(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/risks/:id', { schema: { tags: ['programs'], summary: 'Delete a risk (restorable)', params: Params, response: { 200: Risk } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setRiskDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/risks/:id/restore', { schema: { tags: ['programs'], summary: 'Undo a risk delete', params: Params, response: { 200: Risk } } }, async (req) => {
    const actor = requireOrg(req, 'programs.write');
    return withTenant(db, actor.orgId, (tx) => setRiskDeleted(tx, actor, req.params.id, false));
  });
}
