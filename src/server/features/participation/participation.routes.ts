import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  AttendancePage,
  AttendanceQuery,
  CheckIn,
  CheckInByCode,
  CheckInResult,
  PersonParticipationPage,
  ProgramParticipation,
  PublicConfirmation,
  PublicForm,
  PublicSubmit,
  Registration,
  RegistrationCancel,
  RegistrationChange,
  RegistrationCreate,
  RegistrationLink,
  RegistrationLinkSave,
  RegistrationLinkState,
  RegistrationsPage,
  RegistrationsQuery,
  SheetEntry,
  SheetResult,
  VersionBody,
} from '../../../domain/contracts/participation.ts';
import { audit } from '../../platform/audit.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { PageQuery } from '../../platform/paging.ts';
import { AttemptLimiter, OnceKeys, addressKey } from '../../platform/ratelimit.ts';
import { checkIn, checkInByCode, checkInMany, listAttendance, personParticipation, removeAttendance } from './attendance.service.ts';
import { type SubmitGuards, findLink, getLink, publicForm, rotateLink, saveLink, submitPublic } from './links.service.ts';
import { cancelRegistration, confirmRegistration, getRegistration, listRegistrations, register, restoreRegistration } from './registrations.service.ts';
import { sheetPdf } from './sheet.ts';
import { programParticipation } from '../activities/participation.stats.ts';
import { orgReach } from '../programs/computed.service.ts';
import { periodsBetween } from '../../../domain/indicators.ts';
import { addDays } from '../../../domain/recurrence.ts';
import { orgToday } from '../../platform/org.service.ts';

const IdParams = z.object({ id: z.uuid() });
const PersonParams = z.object({ id: z.uuid(), personId: z.uuid() });
const TokenParams = z.object({ token: z.string().max(100) });
const tags = ['participation'];

/**
 * Limits of the public form (in memory, per process: operations.md): submissions per address (an
 * IPv6 address by its /64), every attempt counted; accepted registrations per link, so junk cannot
 * close a form for everyone; confirmation mails per recipient address.
 */
export const PUBLIC_LIMITS = { perIp: { max: 20, windowMs: 10 * 60_000 }, perLink: { max: 300, windowMs: 60 * 60_000 }, perRecipient: { max: 3, windowMs: 60 * 60_000 } };

/** A mailbox as the mail limit counts it: lower case, without a "+tag" (the same inbox). */
export const mailboxKey = (email: string) => email.trim().toLowerCase().replace(/\+[^@]*(?=@)/, '');

export async function participationRoutes(app: App) {
  app.get(
    '/api/programs/:id/participation',
    {
      schema: {
        tags,
        summary: "A program's participation: registered vs attended and the attendance rate, how many activities each person came to, per period the activities held, check-ins and people new vs returning, and the people reached by sex, age band, disability and regency",
        params: IdParams,
        querystring: z.object({ frequency: z.enum(['month', 'quarter', 'year']).default('month') }),
        response: { 200: ProgramParticipation },
      },
    },
    async (req) => {
      const actor = requireOrg(req, 'activities.read');
      return withTenant(app.services.db, actor.orgId, async (tx) => {
        const { rows } = await tx.query<{ start: string | null; end: string | null; first: string | null; time_zone: string }>(
          `SELECT g.start_date::text AS start, g.end_date::text AS "end", o.time_zone,
                  (SELECT min(a.starts_at AT TIME ZONE o.time_zone)::date::text FROM activities a WHERE a.org_id = g.org_id AND a.program_id = g.id AND a.deleted_at IS NULL) AS first
             FROM programs g JOIN organizations o ON o.id = g.org_id WHERE g.org_id = $1 AND g.id = $2 AND g.deleted_at IS NULL`,
          [actor.orgId, req.params.id],
        );
        const g = rows[0];
        if (!g) throw notFound();
        const today = await orgToday(tx, actor.orgId);
        // from the program's start (or its first activity), up to today; ten years at most
        const to = g.end && g.end < today ? g.end : today;
        let from = [g.start, g.first].filter((d): d is string => !!d && d <= to).sort()[0] ?? addDays(today, -365);
        if (from < addDays(to, -3650)) from = addDays(to, -3650);
        const frequency = req.query.frequency;
        const periods = periodsBetween(from, to, frequency);
        const stats = await programParticipation(tx, actor.orgId, req.params.id, periods, g.time_zone);
        const reach = await orgReach(tx, actor.orgId, { frequency, from, to, programIds: [req.params.id] });
        const codes = new Set(reach.series.periods.flatMap((p) => Object.keys(p.parts.area ?? {})));
        return { programId: req.params.id, today, frequency, ...stats, reach: { ...reach, areaNames: Object.fromEntries([...codes].map((c) => [c, app.services.areas.get(c)?.name ?? c])) } };
      });
    },
  );

  const deps = app.services;
  const { db } = deps;
  const ipLimiter = new AttemptLimiter(PUBLIC_LIMITS.perIp.max, PUBLIC_LIMITS.perIp.windowMs);
  const linkLimiter = new AttemptLimiter(PUBLIC_LIMITS.perLink.max, PUBLIC_LIMITS.perLink.windowMs);
  const mailLimiter = new AttemptLimiter(PUBLIC_LIMITS.perRecipient.max, PUBLIC_LIMITS.perRecipient.windowMs);
  const usedForms = new OnceKeys();

  // ---- registrations (staff) ----

  app.get(
    '/api/activities/:id/registrations',
    { schema: { tags, summary: 'Registrations of an activity: registered first, then the waitlist in line order, then cancelled; with counts', params: IdParams, querystring: RegistrationsQuery, response: { 200: RegistrationsPage } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.read');
      return withTenant(db, actor.orgId, (tx) => listRegistrations(tx, deps, actor.orgId, req.params.id, req.query));
    },
  );

  app.post(
    '/api/activities/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Register a person of the registry: a place while there is one, else the waitlist (no overbooking: concurrent registrations queue on the activity)',
        params: IdParams,
        body: RegistrationCreate,
        response: { 201: RegistrationChange },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'activities.write');
      const res = await withTenant(db, actor.orgId, (tx) => register(tx, deps, actor, req.params.id, req.body.personId));
      if (!res.created) throw new AppError(409, 'already_registered', {}, undefined, { registrationId: res.item.id });
      reply.status(201);
      return { item: res.item, movedUp: [] };
    },
  );

  app.get('/api/registrations/:id', { schema: { tags, summary: 'One registration (with its check-in code)', params: IdParams, response: { 200: Registration } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => getRegistration(tx, deps, actor.orgId, req.params.id));
  });

  app.post(
    '/api/registrations/:id/cancel',
    { schema: { tags, summary: 'Cancel a registration; a place it held goes to the first of the waitlist at once', params: IdParams, body: RegistrationCancel, response: { 200: RegistrationChange } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => cancelRegistration(tx, deps, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/registrations/:id/restore',
    { schema: { tags, summary: 'Undo a cancellation: a place if one is free, else the waitlist in the old place in line', params: IdParams, body: VersionBody, response: { 200: RegistrationChange } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => restoreRegistration(tx, deps, actor, req.params.id, req.body.version));
    },
  );

  app.post(
    '/api/registrations/:id/confirm',
    { schema: { tags, summary: 'Keep a loosely matched public registration as it is (clears "needs review")', params: IdParams, body: VersionBody, response: { 200: RegistrationChange } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => confirmRegistration(tx, deps, actor, req.params.id, req.body.version));
    },
  );

  // ---- the public registration link (staff side) ----

  app.get('/api/activities/:id/registration-link', { schema: { tags, summary: "The activity's public registration link and form settings (null before it is made)", params: IdParams, response: { 200: RegistrationLinkState } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return { link: await withTenant(db, actor.orgId, (tx) => getLink(tx, deps, actor.orgId, req.params.id)) };
  });

  app.put(
    '/api/activities/:id/registration-link',
    { schema: { tags, summary: 'Make or change the public registration link: on or off, the form fields from a fixed list, own questions, a closing time (versioned)', params: IdParams, body: RegistrationLinkSave, response: { 200: RegistrationLink } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => saveLink(tx, deps, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/activities/:id/registration-link/rotate',
    { schema: { tags, summary: 'Give the link a new address; the old one stops working', params: IdParams, body: VersionBody, response: { 200: RegistrationLink } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => rotateLink(tx, deps, actor, req.params.id, req.body.version));
    },
  );

  // ---- the public form (no login) ----

  app.get('/api/public/registration/:token', { schema: { tags, summary: 'The public registration form of a link: the activity’s public facts and the fields to fill (no login)', security: [], params: TokenParams, response: { 200: PublicForm } } }, async (req) => {
    const link = await findLink(db, req.params.token);
    if (!link) throw new AppError(404, 'link_not_found');
    return withTenant(db, link.orgId, (tx) => publicForm(tx, deps, link, req.params.token));
  });

  app.post(
    '/api/public/registration/:token',
    {
      schema: {
        tags,
        summary: 'Register through a public link (no login): matches the person in the registry or adds them, flags loose matches for review; honeypot, minimum fill time and rate limits per address and link',
        security: [],
        params: TokenParams,
        body: PublicSubmit,
        response: { 201: PublicConfirmation },
      },
    },
    async (req, reply) => {
      const address = addressKey(req.ip);
      const ipWait = ipLimiter.check(address);
      if (ipWait) throw new AppError(429, 'rate_limited', { minutes: ipWait });
      ipLimiter.fail(address);
      const link = await findLink(db, req.params.token);
      if (!link) throw new AppError(404, 'link_not_found');
      const linkWait = linkLimiter.check(req.params.token);
      if (linkWait) throw new AppError(429, 'rate_limited', { minutes: linkWait });
      let claimed: string | null = null;
      const guards: SubmitGuards = {
        claimForm: (key, expiresAt) => {
          if (!usedForms.claim(key, expiresAt)) throw new AppError(409, 'form_used');
          claimed = key;
        },
        mayMail: (email) => {
          const key = mailboxKey(email);
          if (mailLimiter.check(key)) return false;
          mailLimiter.fail(key);
          return true;
        },
      };
      try {
        const res = await withTenant(db, link.orgId, (tx) => submitPublic(tx, deps, link, req.params.token, req.body, localeOf(req), guards));
        // only accepted registrations count against the link
        linkLimiter.fail(req.params.token);
        reply.status(201);
        return res;
      } catch (e) {
        // refused: the form may be corrected and sent again
        if (claimed) usedForms.release(claimed);
        throw e;
      }
    },
  );

  app.get(
    '/api/public/areas',
    {
      schema: {
        tags,
        summary: 'Kemendagri areas for the public form: children of an area, provinces without a parent (public reference data, no login)',
        security: [],
        querystring: z.object({ parent: z.string().max(20).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'regency', 'district', 'village']), parentCode: z.string().nullable() })) }) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: deps.areas.childrenOf(req.query.parent ?? null) };
    },
  );

  // ---- attendance ----

  app.get('/api/activities/:id/attendance', { schema: { tags, summary: 'Who came, in arrival order', params: IdParams, querystring: AttendanceQuery, response: { 200: AttendancePage } } }, async (req) => {
    const actor = requireOrg(req, 'activities.read');
    return withTenant(db, actor.orgId, (tx) => listAttendance(tx, deps, actor.orgId, req.params.id, req.query));
  });

  app.put(
    '/api/activities/:id/attendance/:personId',
    { schema: { tags, summary: 'Check a person in; idempotent: the same check-in sent again counts once (created: false)', params: PersonParams, body: CheckIn, response: { 200: CheckInResult } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => checkIn(tx, deps, actor, req.params.id, req.params.personId, req.body));
    },
  );

  app.post(
    '/api/activities/:id/attendance/code',
    { schema: { tags, summary: 'Check in the holder of a registration code (scanned QR code or typed); idempotent', params: IdParams, body: CheckInByCode, response: { 200: CheckInResult } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => checkInByCode(tx, deps, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/activities/:id/attendance/sheet',
    { schema: { tags, summary: 'Type in a paper sign-in sheet: check many people in at once (method "sheet"); each counts once', params: IdParams, body: SheetEntry, response: { 200: SheetResult } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return withTenant(db, actor.orgId, (tx) => checkInMany(tx, actor, req.params.id, req.body.personIds));
    },
  );

  app.delete(
    '/api/activities/:id/attendance/:personId',
    { schema: { tags, summary: 'Correct attendance: the person did not come (audited; put back with PUT)', params: PersonParams, response: { 200: z.object({ removed: z.any() }) } } },
    async (req) => {
      const actor = requireOrg(req, 'activities.write');
      return { removed: await withTenant(db, actor.orgId, (tx) => removeAttendance(tx, deps, actor, req.params.id, req.params.personId)) };
    },
  );

  app.get(
    '/api/activities/:id/sign-in-sheet.pdf',
    {
      exposeHeadRoute: false,
      schema: { tags, summary: 'A printable sign-in sheet (PDF, A4): the registered people with a signature column, then blank rows for walk-ins', params: IdParams, querystring: z.object({ lang: z.enum(['id', 'en']).optional(), blank: z.coerce.number().int().min(0).max(200).default(15) }) },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'activities.read');
      const locale = req.query.lang ?? localeOf(req);
      const data = await withTenant(db, actor.orgId, async (tx) => {
        const { rows } = await tx.query<Record<string, any>>(
          `SELECT a.title, a.venue, a.all_day, o.name AS org_name, to_char(a.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS d, to_char(a.starts_at AT TIME ZONE o.time_zone, 'HH24:MI') AS t
             FROM activities a JOIN organizations o ON o.id = a.org_id WHERE a.org_id = $1 AND a.id = $2 AND a.deleted_at IS NULL`,
          [actor.orgId, req.params.id],
        );
        if (!rows[0]) throw new AppError(404, 'not_found');
        const { rows: people } = await tx.query<{ full_name: string; area_code: string | null; code: string; status: string }>(
          `SELECT p.full_name, p.area_code, r.code, r.status FROM activity_registrations r JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id
            WHERE r.org_id = $1 AND r.activity_id = $2 AND r.status <> 'cancelled' AND p.deleted_at IS NULL ORDER BY r.status = 'waitlisted', p.full_name, r.id`,
          [actor.orgId, req.params.id],
        );
        await audit(tx, actor, { action: 'export', entityType: 'activity', entityId: req.params.id, after: { document: 'sign_in_sheet', format: 'pdf', lang: locale, count: people.length } });
        return { a: rows[0], people };
      });
      const body = await sheetPdf({
        locale,
        organisation: data.a.org_name,
        title: data.a.title,
        when: data.a.all_day ? data.a.d : `${data.a.d} ${data.a.t}`,
        venue: data.a.venue,
        people: data.people.map((p) => ({ fullName: p.full_name, place: p.area_code ? (deps.areas.get(p.area_code)?.name ?? null) : null, code: p.code, waitlisted: p.status === 'waitlisted' })),
        blankRows: req.query.blank,
      });
      const ascii = `sign-in-${data.a.d}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${data.a.title} ${data.a.d}.pdf`)}`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );

  // ---- a person's participation ----

  app.get(
    '/api/people/:id/participation',
    { schema: { tags, summary: 'Every activity a person registered for or attended, newest first', params: IdParams, querystring: z.object(PageQuery), response: { 200: PersonParticipationPage } } },
    async (req) => {
      const actor = requireOrg(req, 'people.read');
      return withTenant(db, actor.orgId, (tx) => personParticipation(tx, actor.orgId, req.params.id, req.query));
    },
  );
}
