import { z } from 'zod';
import type { App } from '../../app.ts';
import { PersonFields } from '../../../domain/contracts/people.ts';
import { normaliseNik } from '../../../domain/nik.ts';
import { requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { PageQuery, decodeCursor, encodeCursor, pageOf } from '../../platform/paging.ts';
import { Version } from '../../../domain/contracts/common.ts';
import { audit } from '../../platform/audit.ts';
import { getPerson } from '../people/people.service.ts';
import { Person } from '../../../domain/contracts/people.ts';
import { MERGE_FIELDS, dedupeSettings, findCandidates, markNotDuplicate, mergePair, reopenPair, scanJob, undoMerge } from './duplicates.service.ts';

const IdParams = z.object({ id: z.uuid() });
const ReasonSchema = z.object({ code: z.string(), weight: z.number(), value: z.number().optional() });
const Pair = z.object({
  id: z.string(),
  score: z.number(),
  reasons: z.array(ReasonSchema),
  source: z.string(),
  status: z.enum(['open', 'merged', 'not_duplicate']),
  version: z.number(),
  createdAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  mergeId: z.string().nullable(),
  a: Person,
  b: Person,
});
const Settings = z.object({ reviewThreshold: z.number().min(0.01).max(0.99), likelyThreshold: z.number().min(0.01).max(0.99) });
const ScanStatus = z.object({
  job: z
    .object({ id: z.string(), status: z.string(), phase: z.string().nullable(), done: z.number(), total: z.number().nullable(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), result: z.record(z.string(), z.unknown()) })
    .nullable(),
  openPairs: z.number(),
});

export async function duplicatesRoutes(app: App) {
  const deps = app.services;
  const { db } = deps;
  deps.jobs.register('dedupe.scan', scanJob(deps));

  async function pairView(tx: Parameters<Parameters<typeof withTenant>[2]>[0], orgId: string, r: Record<string, any>) {
    // merged or binned people stay visible here: the pair is history
    const a = (await getPerson(tx, deps, orgId, r.person_a, { includeDeleted: true })).person;
    const b = (await getPerson(tx, deps, orgId, r.person_b, { includeDeleted: true })).person;
    return {
      id: r.id, score: r.score, reasons: r.reasons, source: r.source, status: r.status, version: r.version, createdAt: r.created_at,
      decidedByName: r.decided_by_name, decidedAt: r.decided_at, mergeId: r.merge_id, a, b,
    };
  }

  app.get(
    '/api/duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'The review queue: candidate pairs, most likely first, with the reasons',
        querystring: z.object({ status: z.enum(['open', 'merged', 'not_duplicate']).default('open'), personId: z.uuid().optional(), ...PageQuery }),
        response: { 200: pageOf(Pair).extend({ total: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'people.read');
      const q = req.query;
      const cursor = decodeCursor(q.cursor, z.tuple([z.number(), z.uuid()]));
      return withTenant(db, actor.orgId, async (tx) => {
        const params: unknown[] = [actor.orgId, q.status];
        const where = ['d.org_id = $1', 'd.status = $2'];
        if (q.personId) {
          params.push(q.personId);
          where.push(`(d.person_a = $${params.length} OR d.person_b = $${params.length})`);
        }
        // an open pair whose people were deleted since is not worth a reviewer's time
        if (q.status === 'open') where.push(`NOT EXISTS (SELECT 1 FROM people x WHERE x.org_id = d.org_id AND x.id IN (d.person_a, d.person_b) AND x.deleted_at IS NOT NULL)`);
        const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM duplicate_pairs d WHERE ${where.join(' AND ')}`, params)).rows[0].n;
        if (cursor) {
          params.push(cursor[0], cursor[1]);
          where.push(`(d.score < $${params.length - 1}::real OR (d.score = $${params.length - 1}::real AND d.id > $${params.length}))`);
        }
        params.push(q.limit + 1);
        const { rows } = await tx.query(`SELECT d.* FROM duplicate_pairs d WHERE ${where.join(' AND ')} ORDER BY d.score DESC, d.id LIMIT $${params.length}`, params);
        const items = [];
        for (const r of rows.slice(0, q.limit)) items.push(await pairView(tx, actor.orgId, r));
        const lastItem = items[items.length - 1];
        return { items, total, nextCursor: rows.length > q.limit ? encodeCursor([lastItem.score, lastItem.id]) : null };
      });
    },
  );

  app.get('/api/duplicates/:id', { schema: { tags: ['duplicates'], summary: 'One candidate pair, side by side', params: IdParams, response: { 200: Pair } } }, async (req) => {
    const actor = requireOrg(req, 'people.read');
    return withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query('SELECT * FROM duplicate_pairs WHERE org_id = $1 AND id = $2', [actor.orgId, req.params.id]);
      if (!rows[0]) throw new AppError(404, 'not_found');
      return pairView(tx, actor.orgId, rows[0]);
    });
  });

  app.post(
    '/api/duplicates/:id/not-duplicate',
    { schema: { tags: ['duplicates'], summary: 'Mark a pair as two different people (remembered: the pair is not proposed again)', params: IdParams, body: z.object({ version: Version }).strict(), response: { 200: Pair } } },
    async (req) => {
      const actor = requireOrg(req, 'people.merge');
      return withTenant(db, actor.orgId, async (tx) => {
        await markNotDuplicate(tx, actor, req.params.id, req.body.version);
        return pairView(tx, actor.orgId, (await tx.query('SELECT * FROM duplicate_pairs WHERE org_id = $1 AND id = $2', [actor.orgId, req.params.id])).rows[0]);
      });
    },
  );

  app.post(
    '/api/duplicates/:id/reopen',
    { schema: { tags: ['duplicates'], summary: 'Put a pair marked "not a duplicate" back in the queue', params: IdParams, body: z.object({ version: Version }).strict(), response: { 200: Pair } } },
    async (req) => {
      const actor = requireOrg(req, 'people.merge');
      return withTenant(db, actor.orgId, async (tx) => {
        await reopenPair(tx, actor, req.params.id, req.body.version);
        return pairView(tx, actor.orgId, (await tx.query('SELECT * FROM duplicate_pairs WHERE org_id = $1 AND id = $2', [actor.orgId, req.params.id])).rows[0]);
      });
    },
  );

  app.post(
    '/api/duplicates/:id/merge',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Merge the pair into one person, choosing field by field; links move to the kept person; reversible',
        params: IdParams,
        body: z.object({ version: Version, keepId: z.uuid(), take: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['kept', 'merged'])).default({}) }).strict(),
        response: { 200: Pair },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'people.merge');
      return withTenant(db, actor.orgId, async (tx) => {
        await mergePair(tx, deps, actor, req.params.id, req.body);
        return pairView(tx, actor.orgId, (await tx.query('SELECT * FROM duplicate_pairs WHERE org_id = $1 AND id = $2', [actor.orgId, req.params.id])).rows[0]);
      });
    },
  );

  app.post('/api/merges/:id/undo', { schema: { tags: ['duplicates'], summary: 'Undo a merge: both people back as they were, links moved back', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    const actor = requireOrg(req, 'people.merge');
    await withTenant(db, actor.orgId, (tx) => undoMerge(tx, deps, actor, req.params.id));
    return { ok: true as const };
  });

  app.post(
    '/api/people/check-duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Before saving a person: who in the registry they may already be',
        body: z.object({ fullName: PersonFields.fullName, sex: PersonFields.sex, birthDate: PersonFields.birthDate, birthYear: PersonFields.birthYear, nik: PersonFields.nik, phone: PersonFields.phone, areaCode: PersonFields.areaCode, householdId: PersonFields.householdId, excludeId: z.uuid().optional() }).strict(),
        response: { 200: z.object({ candidates: z.array(z.object({ person: Person, score: z.number(), reasons: z.array(ReasonSchema) })) }) },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'people.write');
      const b = req.body;
      return withTenant(db, actor.orgId, async (tx) => {
        const settings = await dedupeSettings(tx, actor.orgId);
        const record = { id: b.excludeId ?? '00000000-0000-0000-0000-000000000000', name: b.fullName, sex: b.sex ?? null, birthDate: b.birthDate ?? null, birthYear: b.birthYear ?? null, nik: b.nik ? normaliseNik(b.nik) : null, phone: b.phone ?? null, areaCode: b.areaCode ?? null, householdId: b.householdId ?? null };
        const found = (await findCandidates(tx, deps, actor.orgId, [record], settings.reviewThreshold)).sort((x, y) => y.score - x.score).slice(0, 10);
        const candidates = [];
        for (const c of found) candidates.push({ person: (await getPerson(tx, deps, actor.orgId, c.b)).person, score: c.score, reasons: c.reasons });
        return { candidates };
      });
    },
  );

  app.post('/api/duplicates/scan', { schema: { tags: ['duplicates'], summary: 'Scan the whole registry for duplicates in the background', response: { 202: ScanStatus } } }, async (req, reply) => {
    const actor = requireOrg(req, 'people.merge');
    await withTenant(db, actor.orgId, async (tx) => {
      const running = await tx.query(`SELECT 1 FROM jobs WHERE org_id = $1 AND kind = 'dedupe.scan' AND status IN ('queued', 'running')`, [actor.orgId]);
      if (!running.rows.length) {
        await enqueueJob(tx, { orgId: actor.orgId, kind: 'dedupe.scan', createdBy: actor.userId });
        await audit(tx, actor, { action: 'scan', entityType: 'duplicate_pair', entityId: actor.orgId });
      }
    });
    deps.jobs.kick();
    reply.status(202);
    return scanStatus(actor.orgId);
  });

  async function scanStatus(orgId: string) {
    return withTenant(db, orgId, async (tx) => {
      const { rows } = await tx.query<{ id: string; status: string; phase: string | null; done: number; total: number | null; started_at: string | null; finished_at: string | null; state: Record<string, unknown> }>(
        `SELECT id, status, phase, done, total, started_at, finished_at, state FROM jobs WHERE org_id = $1 AND kind = 'dedupe.scan' ORDER BY id DESC LIMIT 1`,
        [orgId],
      );
      // counted like the queue: pairs whose people went to the bin are not waiting for anyone
      const open = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM duplicate_pairs d WHERE d.org_id = $1 AND d.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM people x WHERE x.org_id = d.org_id AND x.id IN (d.person_a, d.person_b) AND x.deleted_at IS NOT NULL)`,
        [orgId],
      );
      const j = rows[0];
      return {
        job: j ? { id: j.id, status: j.status, phase: j.phase, done: Number(j.done), total: j.total === null ? null : Number(j.total), startedAt: j.started_at, finishedAt: j.finished_at, result: j.state } : null,
        openPairs: open.rows[0].n,
      };
    });
  }

  app.get('/api/duplicates/scan', { schema: { tags: ['duplicates'], summary: 'Progress of the latest registry scan and the number of open pairs', response: { 200: ScanStatus } } }, async (req) => {
    const actor = requireOrg(req, 'people.read');
    return scanStatus(actor.orgId);
  });

  app.get('/api/duplicates/settings', { schema: { tags: ['duplicates'], summary: 'Duplicate thresholds of this organisation', response: { 200: Settings } } }, async (req) => {
    const actor = requireOrg(req, 'people.read');
    return withTenant(db, actor.orgId, (tx) => dedupeSettings(tx, actor.orgId));
  });

  app.put(
    '/api/duplicates/settings',
    { schema: { tags: ['duplicates'], summary: 'Change the thresholds: pairs scoring at least reviewThreshold are queued; likelyThreshold marks likely duplicates', body: Settings.strict(), response: { 200: Settings } } },
    async (req) => {
      const actor = requireOrg(req, 'org.update');
      if (req.body.reviewThreshold > req.body.likelyThreshold) throw new AppError(400, 'validation_failed', {}, { reviewThreshold: { code: 'threshold_order' } });
      return withTenant(db, actor.orgId, async (tx) => {
        const before = await dedupeSettings(tx, actor.orgId);
        await tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{dedupe}', $2::jsonb), updated_at = now() WHERE id = $1`, [actor.orgId, JSON.stringify(req.body)]);
        await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { dedupe: before }, after: { dedupe: req.body } });
        return dedupeSettings(tx, actor.orgId);
      });
    },
  );
}
