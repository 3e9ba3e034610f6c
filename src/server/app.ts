import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import { Areas } from './features/areas/areas.service.ts';
import { activitiesRoutes } from './features/activities/activities.routes.ts';
import { activityReportsRoutes } from './features/activities/reports.routes.ts';
import { areasRoutes } from './features/areas/areas.routes.ts';
import { householdsRoutes } from './features/households/households.routes.ts';
import { logframeRoutes } from './features/programs/logframe.routes.ts';
import { indicatorsRoutes, programsRoutes, resultsRoutes, risksRoutes } from './features/programs/programs.routes.ts';
import { valuesRoutes } from './features/programs/values.routes.ts';
import { issuesRoutes } from './features/programs/issues.routes.ts';
import { tasksRoutes } from './features/tasks/tasks.routes.ts';
import { volunteersRoutes } from './features/volunteers/volunteers.routes.ts';
import { financeRoutes } from './features/finance/finance.routes.ts';
import { donationsRoutes } from './features/donations/donations.routes.ts';
import { fundingRoutes } from './features/funding/funding.routes.ts';
import { duplicatesRoutes } from './features/duplicates/duplicates.routes.ts';
import { exportsRoutes } from './features/exports/exports.routes.ts';
import { importsRoutes } from './features/imports/imports.routes.ts';
import { peopleRoutes } from './features/people/people.routes.ts';
import { participationRoutes } from './features/participation/participation.routes.ts';
import { reportsRoutes } from './features/reports/reports.routes.ts';
import { accountsRoutes } from './platform/accounts.routes.ts';
import { auditRoutes } from './platform/audit.routes.ts';
import { localeOf, resolveAuth } from './platform/auth.ts';
import { AppError, registerErrorHandling } from './platform/errors.ts';
import { JobRunner } from './platform/jobs.ts';
import { Mailer } from './platform/mail.ts';
import { orgRoutes } from './platform/org.routes.ts';
import { AttemptLimiter } from './platform/ratelimit.ts';
import { FieldCipher } from './platform/security.ts';
import type { Services } from './platform/services.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../dist/web');
let sharedAreas: Areas | undefined;

export async function buildApp(deps: { db: Db; config: Config; logger?: boolean }): Promise<App> {
  const { db, config } = deps;
  const app = Fastify({
    logger:
      deps.logger === false || config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Query strings hold searched names, NIKs and phone numbers; invitation paths hold secrets.
            serializers: { req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }) },
          },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  sharedAreas ??= Areas.load();
  app.decorate('services', {
    db,
    config,
    cipher: new FieldCipher(config.secretKey),
    areas: sharedAreas,
    mailer: new Mailer(config.smtpUrl, config.mailFrom),
    signinLimiter: new AttemptLimiter(10, 15 * 60 * 1000),
    jobs: new JobRunner(db, app.log),
  } satisfies Services);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, localeOf);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Gotong API', version: '0.1.0', description: 'REST API of Gotong. Authenticate with the session cookie or `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'gotong_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // PostgreSQL refuses NUL in text; answer 400 before any handler runs.
  app.addHook('preValidation', async (req) => {
    // An upload's body is the raw stream (imports), read later by its handler.
    const parsed = req.body !== undefined && typeof (req.body as { pipe?: unknown })?.pipe !== 'function';
    if (req.url.includes('%00') || (parsed && JSON.stringify(req.body).includes('\\u0000'))) {
      throw new AppError(400, 'validation_failed', {}, { body: { code: 'invalid' } });
    }
  });

  // Safety headers on every answer (API, app shell, files, errors). The public pages carry secrets
  // in their address (/daftar/{token}, /v/{token}): no Referer takes them to another site. No page
  // may be framed (clickjacking); a route's own CSP (stored files) gets frame-ancestors added.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    const csp = reply.getHeader('content-security-policy');
    if (!csp) reply.header('content-security-policy', "frame-ancestors 'none'");
    else if (!/frame-ancestors/.test(String(csp))) reply.header('content-security-policy', `${csp}; frame-ancestors 'none'`);
    return payload;
  });

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs')) req.auth = await resolveAuth(db, req);
  });

  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', security: [], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  await app.register(accountsRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(areasRoutes);
  await app.register(peopleRoutes);
  await app.register(householdsRoutes);
  await app.register(programsRoutes);
  await app.register(resultsRoutes);
  await app.register(indicatorsRoutes);
  await app.register(risksRoutes);
  await app.register(valuesRoutes);
  await app.register(logframeRoutes);
  await app.register(issuesRoutes);
  await app.register(tasksRoutes);
  await app.register(activitiesRoutes);
  await app.register(participationRoutes);
  await app.register(volunteersRoutes);
  await app.register(fundingRoutes);
  await app.register(activityReportsRoutes);
  await app.register(reportsRoutes);
  await app.register(importsRoutes);
  await app.register(exportsRoutes);
  await app.register(duplicatesRoutes);
  await app.register(financeRoutes);
  await app.register(donationsRoutes);

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    // Client-side routes: every non-API GET that is not a file gets the app shell.
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      if (path === 'api' || path.startsWith('api/')) throw new AppError(404, 'route_not_found');
      if (path && existsSync(join(WEB_DIST, path)) && !path.includes('..')) {
        const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return reply.header('cache-control', cache).sendFile(path);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}

export function redactUrl(url: string): string {
  // invitation and volunteer-link secrets (/invite/…, /v/…, /api/v/…)
  return url.replace(/\?.*$/, (q) => (q.length > 1 ? '?…' : '')).replace(/(\/invite|\/invitations\/lookup|^\/v|^\/api\/v)\/[^/?]+/, '$1/…');
}
