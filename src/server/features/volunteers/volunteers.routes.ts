import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  AssignmentCreate,
  Hours,
  HoursCreate,
  HoursPage,
  HoursQuery,
  HoursReport,
  HoursReportQuery,
  HoursReview,
  RoleCreate,
  RoleUpdate,
  SelfHoursCreate,
  SelfView,
  Shift,
  Skills,
  SkillsUpdate,
  Suggestions,
  TokenParams,
  Volunteer,
  VolunteerCreate,
  VolunteerDocument,
  VolunteerLink,
  VolunteerRole,
  VolunteerRoles,
  VolunteerUpdate,
  VolunteersPage,
  VolunteersQuery,
} from '../../../domain/contracts/volunteers.ts';
import { boolParam } from '../../../domain/contracts/common.ts';
import { can } from '../../../domain/roles.ts';
import { DOCUMENT_KINDS } from '../../../domain/volunteers.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { FileNameQuery, IMAGE_AND_PDF_TYPES, acceptFiles, sendStoredFile, sendXlsx, uploadOf } from '../../platform/files.ts';
import { orgToday } from '../../platform/org.service.ts';
import { sha256 } from '../../platform/security.ts';
import { addHours, hoursReport, listHours, reportHours, reviewHours, setHoursDeleted } from './hours.service.ts';
import { assign, cancelAssignment, createRole, listRoles, listShifts, openRoles, restoreAssignment, setRoleDeleted, suggestions, updateRole } from './shifts.service.ts';
import {
  addDocument,
  createVolunteer,
  deleteDocument,
  getDocument,
  getVolunteer,
  listVolunteers,
  revokeLink,
  rotateLink,
  setVolunteerDeleted,
  updateVolunteer,
} from './volunteers.service.ts';
import { setVolunteerSkills, volunteerSkills } from './skills.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['volunteers'];

const REPORT_WORDS = {
  id: { sheet: 'Jam relawan', head: ['Relawan', 'Program', 'Catatan jam', 'Jam'], none: '(tanpa program)', total: 'Total', period: 'Periode' },
  en: { sheet: 'Volunteer hours', head: ['Volunteer', 'Program', 'Entries', 'Hours'], none: '(no program)', total: 'Total', period: 'Period' },
};

export async function volunteersRoutes(app: App) {
  const { db, config } = app.services;
  const deps = app.services;

  // documents (a signed code of conduct: a scan or a photo) arrive as the raw body, at most 10 MB
  acceptFiles(app, IMAGE_AND_PDF_TYPES);

  // ---- profiles ----

  app.get('/api/volunteers', { schema: { tags, summary: 'Volunteers: search, filters (skill, area, status, free at a weekday and time), paging; emergency numbers masked', querystring: VolunteersQuery, response: { 200: VolunteersPage } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, (tx) => listVolunteers(tx, deps, actor.orgId, req.query));
  });

  app.post('/api/volunteers', { schema: { tags, summary: 'Make a person of the registry a volunteer', body: VolunteerCreate, response: { 201: Volunteer } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    const created = await withTenant(db, actor.orgId, (tx) => createVolunteer(tx, deps, actor, req.body));
    reply.status(201);
    return created;
  });

  app.get('/api/volunteers/skills', { schema: { tags, summary: "The organisation's list of volunteer skills", response: { 200: Skills } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, (tx) => volunteerSkills(tx, actor.orgId));
  });

  app.put('/api/volunteers/skills', { schema: { tags, summary: "Set the organisation's list of volunteer skills (labels in both languages)", body: SkillsUpdate, response: { 200: Skills } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    return withTenant(db, actor.orgId, (tx) => setVolunteerSkills(tx, actor, req.body));
  });

  app.get('/api/volunteers/:id', { schema: { tags, summary: "A volunteer's profile, documents and upcoming shifts (the emergency number whole for those who may edit)", params: IdParams, response: { 200: Volunteer } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, (tx) => getVolunteer(tx, deps, actor.orgId, req.params.id, { full: can(actor.role, 'volunteers.write') }));
  });

  app.patch('/api/volunteers/:id', { schema: { tags, summary: 'Change a volunteer profile (versioned)', params: IdParams, body: VolunteerUpdate, response: { 200: Volunteer } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => updateVolunteer(tx, deps, actor, req.params.id, req.body));
  });

  app.delete('/api/volunteers/:id', { schema: { tags, summary: 'Move a volunteer profile to the bin (restorable; the personal link stops working)', params: IdParams, response: { 200: Volunteer } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.delete');
    return withTenant(db, actor.orgId, (tx) => setVolunteerDeleted(tx, deps, actor, req.params.id, true));
  });

  app.post('/api/volunteers/:id/restore', { schema: { tags, summary: 'Undo a volunteer delete', params: IdParams, response: { 200: Volunteer } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.delete');
    return withTenant(db, actor.orgId, (tx) => setVolunteerDeleted(tx, deps, actor, req.params.id, false));
  });

  app.post('/api/volunteers/:id/link', { schema: { tags, summary: 'Make a new personal link for the volunteer (shown once; the old one stops working)', params: IdParams, response: { 200: VolunteerLink } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => rotateLink(tx, actor, req.params.id, config.publicUrl));
  });

  app.delete('/api/volunteers/:id/link', { schema: { tags, summary: "Turn off the volunteer's personal link", params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    await withTenant(db, actor.orgId, (tx) => revokeLink(tx, actor, req.params.id));
    reply.status(204);
    return null;
  });

  app.post(
    '/api/volunteers/:id/documents',
    {
      schema: {
        tags,
        summary: 'Attach a document (raw body: PDF, JPEG, PNG or WebP, at most 10 MB), e.g. the signed code of conduct',
        params: IdParams,
        querystring: FileNameQuery.extend({ kind: z.enum(DOCUMENT_KINDS).default('other') }),
        response: { 201: VolunteerDocument },
      },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'volunteers.write');
      const file = uploadOf(req, IMAGE_AND_PDF_TYPES);
      const created = await withTenant(db, actor.orgId, (tx) => addDocument(tx, actor, req.params.id, req.query.kind, { fileName: req.query.fileName, ...file }));
      reply.status(201);
      return created;
    },
  );

  app.get('/api/volunteer-documents/:id', { schema: { tags, summary: "Open a volunteer's document", params: IdParams } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.read');
    const file = await withTenant(db, actor.orgId, async (tx) => {
      const f = await getDocument(tx, actor.orgId, req.params.id);
      // an ID card shows the NIK: only those who may reveal a NIK open it; every opening is recorded
      if (f.kind === 'id_card' && !can(actor.role, 'people.reveal_nik')) throw forbidden();
      await audit(tx, actor, { action: 'export', entityType: 'volunteer', entityId: f.volunteer_id, after: { document: 'volunteer_document', documentId: req.params.id, kind: f.kind, fileName: f.file_name } });
      return f;
    });
    return sendStoredFile(reply, file);
  });

  app.delete('/api/volunteer-documents/:id', { schema: { tags, summary: 'Remove a document', params: IdParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    await withTenant(db, actor.orgId, (tx) => deleteDocument(tx, actor, req.params.id));
    reply.status(204);
    return null;
  });

  // ---- roles per activity, assignments, suggestions ----

  app.get(
    '/api/activities/:id/volunteer-roles',
    { schema: { tags, summary: "An activity's volunteer roles with the people on them (deleted=true: the bin)", params: IdParams, querystring: z.object({ deleted: boolParam.optional() }), response: { 200: VolunteerRoles } } },
    async (req) => {
      const actor = requireOrg(req, 'volunteers.read');
      return withTenant(db, actor.orgId, (tx) => listRoles(tx, actor.orgId, req.params.id, req.query.deleted));
    },
  );

  app.post('/api/activities/:id/volunteer-roles', { schema: { tags, summary: 'Add a volunteer role to an activity: how many people, optional shift within it', params: IdParams, body: RoleCreate, response: { 201: VolunteerRole } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    const created = await withTenant(db, actor.orgId, (tx) => createRole(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.patch('/api/volunteer-roles/:id', { schema: { tags, summary: 'Change a volunteer role (versioned)', params: IdParams, body: RoleUpdate, response: { 200: VolunteerRole } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => updateRole(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/volunteer-roles/:id', { schema: { tags, summary: 'Move a volunteer role to the bin (restorable)', params: IdParams, response: { 200: VolunteerRole } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => setRoleDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/volunteer-roles/:id/restore', { schema: { tags, summary: 'Undo a volunteer role delete', params: IdParams, response: { 200: VolunteerRole } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => setRoleDeleted(tx, actor, req.params.id, false));
  });

  app.get(
    '/api/volunteer-roles/:id/suggestions',
    { schema: { tags, summary: 'Active volunteers ranked for a role by skills, availability, area and fairness (hours given), with the points of each; those booked then are marked busy', params: IdParams, response: { 200: Suggestions } } },
    async (req) => {
      const actor = requireOrg(req, 'volunteers.read');
      return withTenant(db, actor.orgId, (tx) => suggestions(tx, deps, actor.orgId, req.params.id));
    },
  );

  app.post('/api/volunteer-roles/:id/assignments', { schema: { tags, summary: 'Put a volunteer on a role (refused when it is full or the volunteer is booked at an overlapping time)', params: IdParams, body: AssignmentCreate, response: { 201: Shift } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    const created = await withTenant(db, actor.orgId, (tx) => assign(tx, actor, req.params.id, req.body.volunteerId, 'staff'));
    reply.status(201);
    return created;
  });

  app.delete('/api/volunteer-assignments/:id', { schema: { tags, summary: 'Take a volunteer off a role (restorable while the place is free)', params: IdParams, response: { 200: Shift } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => cancelAssignment(tx, actor, req.params.id));
  });

  app.post('/api/volunteer-assignments/:id/restore', { schema: { tags, summary: 'Put a volunteer back on the role (the same checks as assigning)', params: IdParams, response: { 200: Shift } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => restoreAssignment(tx, actor, req.params.id));
  });

  app.get('/api/volunteers/:id/shifts', { schema: { tags, summary: "A volunteer's shifts of the last 90 days and upcoming", params: IdParams, response: { 200: z.object({ items: z.array(Shift) }) } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, async (tx) => {
      await getVolunteer(tx, deps, actor.orgId, req.params.id);
      return { items: await listShifts(tx, actor.orgId, { volunteerId: req.params.id, sinceDays: 90, limit: 200 }) };
    });
  });

  // ---- hours ----

  app.get('/api/volunteer-hours', { schema: { tags, summary: 'Hours given, the latest work date first (filters: volunteer, status, program, period)', querystring: HoursQuery, response: { 200: HoursPage } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, (tx) => listHours(tx, actor.orgId, req.query));
  });

  app.post('/api/volunteer-hours', { schema: { tags, summary: 'Add hours a volunteer gave (they count at once)', body: HoursCreate, response: { 201: Hours } } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.write');
    const created = await withTenant(db, actor.orgId, (tx) => addHours(tx, actor, req.body));
    reply.status(201);
    return created;
  });

  app.post('/api/volunteer-hours/:id/review', { schema: { tags, summary: 'Approve reported hours, or reject them with a reason', params: IdParams, body: HoursReview, response: { 200: Hours } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => reviewHours(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/volunteer-hours/:id', { schema: { tags, summary: 'Delete an hours entry (restorable)', params: IdParams, response: { 200: Hours } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => setHoursDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/volunteer-hours/:id/restore', { schema: { tags, summary: 'Undo an hours delete', params: IdParams, response: { 200: Hours } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.write');
    return withTenant(db, actor.orgId, (tx) => setHoursDeleted(tx, actor, req.params.id, false));
  });

  app.get('/api/volunteer-hours/report', { schema: { tags, summary: 'Approved hours per volunteer and program in a period', querystring: HoursReportQuery, response: { 200: HoursReport } } }, async (req) => {
    const actor = requireOrg(req, 'volunteers.read');
    return withTenant(db, actor.orgId, (tx) => hoursReport(tx, actor.orgId, req.query));
  });

  app.get('/api/volunteer-hours/report.xlsx', { schema: { tags, summary: 'The hours report as XLSX', querystring: HoursReportQuery } }, async (req, reply) => {
    const actor = requireOrg(req, 'volunteers.read');
    const locale = req.query.lang ?? localeOf(req);
    const report = await withTenant(db, actor.orgId, (tx) => hoursReport(tx, actor.orgId, req.query));
    const w = REPORT_WORDS[locale];
    function* rows(): Generator<unknown[]> {
      yield [w.period, `${report.from} – ${report.to}`];
      yield w.head;
      for (const r of report.rows) yield [r.volunteer.name, r.program?.name ?? w.none, r.entries, r.hours];
      yield [w.total, '', report.rows.reduce((n, r) => n + r.entries, 0), report.totalHours];
    }
    return sendXlsx(reply, { ascii: 'volunteer-hours.xlsx', unicode: `${w.sheet} ${report.from} ${report.to}.xlsx` }, rows(), { sheetName: w.sheet, headerRows: 2, columnWidths: [30, 30, 12, 10] });
  });

  // ---- the personal link: no login, a secret in the address (hashed at rest) ----

  /** The volunteer behind a link, acting as themselves (audit entries carry their name). */
  async function linkActor(token: string): Promise<{ actor: Actor; volunteerId: string; status: string }> {
    const { rows } = await db.query<{ org_id: string; id: string; status: string; full_name: string }>(
      `SELECT v.org_id, v.id, v.status, p.full_name FROM volunteers v JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id AND p.deleted_at IS NULL
        WHERE v.link_hash = $1 AND v.deleted_at IS NULL`,
      [sha256(token)],
    );
    const v = rows[0];
    // an inactive volunteer's link stops working too (made active again, it works again)
    if (!v || v.status === 'inactive') throw notFound();
    // no member acts: the entry names the volunteer and says it came through their personal link
    return { actor: { orgId: v.org_id, userId: null as unknown as string, userName: v.full_name, role: 'viewer', via: 'volunteer_link' }, volunteerId: v.id, status: v.status };
  }

  const selfView = async (token: string) => {
    const { actor, volunteerId } = await linkActor(token);
    return withTenant(db, actor.orgId, async (tx) => {
      const { rows } = await tx.query<{ org_name: string; time_zone: string; status: string; full_name: string; preferred_name: string | null }>(
        `SELECT o.name AS org_name, o.time_zone, v.status, p.full_name, p.preferred_name FROM volunteers v JOIN people p ON p.org_id = v.org_id AND p.id = v.person_id
           JOIN organizations o ON o.id = v.org_id WHERE v.org_id = $1 AND v.id = $2`,
        [actor.orgId, volunteerId],
      );
      const me = rows[0];
      const recent = await listShifts(tx, actor.orgId, { volunteerId, sinceDays: 90, limit: 200 });
      const hours = await listHours(tx, actor.orgId, { volunteerId, limit: 50 });
      const { rows: total } = await tx.query<{ minutes: number }>(
        `SELECT coalesce(sum(minutes), 0)::int AS minutes FROM volunteer_hours WHERE org_id = $1 AND volunteer_id = $2 AND status = 'approved' AND deleted_at IS NULL`,
        [actor.orgId, volunteerId],
      );
      const today = await orgToday(tx, actor.orgId);
      const seen = new Set<string>();
      return {
        organization: me.org_name,
        name: me.preferred_name ?? me.full_name,
        status: me.status as 'active',
        timeZone: me.time_zone,
        today,
        skillLabels: (await volunteerSkills(tx, actor.orgId)).skills,
        shifts: recent.filter((s) => Date.parse(s.endsAt) > Date.now()),
        openRoles: me.status === 'active' ? await openRoles(tx, deps, actor.orgId, volunteerId) : [],
        hours: hours.items,
        approvedHours: total[0].minutes / 60,
        activities: recent
          .filter((s) => s.date <= today && !seen.has(s.activity.id) && seen.add(s.activity.id))
          .map((s) => ({ id: s.activity.id, title: s.activity.title, date: s.date }))
          .reverse(),
      };
    });
  };

  app.get('/api/v/:token', { schema: { tags, summary: "A volunteer's own page through their personal link: upcoming shifts, open roles, hours", security: [], params: TokenParams, response: { 200: SelfView } } }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return selfView(req.params.token);
  });

  app.post(
    '/api/v/:token/roles/:roleId/signup',
    { schema: { tags, summary: 'Sign up for an open role through the personal link (the same rules as staff assigning)', security: [], params: TokenParams.extend({ roleId: z.uuid() }), response: { 201: Shift } } },
    async (req, reply) => {
      const { actor, volunteerId } = await linkActor(req.params.token);
      const created = await withTenant(db, actor.orgId, (tx) => assign(tx, actor, req.params.roleId, volunteerId, 'self'));
      reply.status(201);
      return created;
    },
  );

  app.post(
    '/api/v/:token/shifts/:id/cancel',
    { schema: { tags, summary: 'Withdraw from a shift that has not started, through the personal link', security: [], params: TokenParams.extend({ id: z.uuid() }), response: { 200: Shift } } },
    async (req) => {
      const { actor, volunteerId } = await linkActor(req.params.token);
      return withTenant(db, actor.orgId, (tx) => cancelAssignment(tx, actor, req.params.id, { volunteerId, futureOnly: true }));
    },
  );

  app.post('/api/v/:token/hours', { schema: { tags, summary: 'Report hours given, through the personal link (staff approve or reject them)', security: [], params: TokenParams, body: SelfHoursCreate, response: { 201: Hours } } }, async (req, reply) => {
    const { actor, volunteerId } = await linkActor(req.params.token);
    const created = await withTenant(db, actor.orgId, (tx) => reportHours(tx, actor, volunteerId, req.body));
    reply.status(201);
    return created;
  });
}
