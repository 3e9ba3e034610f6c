import type { z } from 'zod';
import type { Deadline, Grant, GrantCreate, GrantDetail, GrantReport, GrantsQuery, GrantUpdate, ReportCreate, ReportUpdate, ScheduleRequest } from '../../../domain/contracts/funding.ts';
import { DEADLINE_HORIZON_DAYS, REMINDER_DAYS, addDays, reportSchedule } from '../../../domain/funding.ts';
import type { Db, Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import { type Actor, withTenant } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import { orgToday } from '../../platform/org.service.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { insertRow, setRowDeleted, updateVersioned } from '../../platform/rows.ts';
import { budgetCategories } from '../finance/budgets.service.ts';
import { checkFunder, likeOf } from './funders.service.ts';
import { minorFromDb as money } from '../../../domain/money.ts';
import { checkMember, checkPrograms, getOpportunity } from './pipeline.service.ts';

type Row = Record<string, any>;

/** $2 is the organisation's today. */
const COLUMNS = `g.id, g.funder_id, f.name AS funder_name, g.title, g.reference, g.amount::text AS amount, g.currency, g.start_date::text AS start_date, g.end_date::text AS end_date,
  g.restricted, g.allowed_categories, g.status, g.notes, g.responsible_id, (SELECT u.name FROM users u WHERE u.id = g.responsible_id) AS responsible_name, g.report_frequency,
  g.version, g.created_at, g.updated_at, g.deleted_at,
  (SELECT o.id FROM opportunities o WHERE o.org_id = g.org_id AND o.grant_id = g.id ORDER BY o.id LIMIT 1) AS opportunity_id,
  coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name) FROM grant_programs gp JOIN programs p ON p.org_id = gp.org_id AND p.id = gp.program_id
     WHERE gp.org_id = g.org_id AND gp.grant_id = g.id), '[]') AS programs,
  (SELECT count(*)::int FROM grant_reports r WHERE r.org_id = g.org_id AND r.grant_id = g.id AND r.deleted_at IS NULL AND r.status = 'due' AND r.due_date < $2::date) AS overdue_reports,
  (SELECT min(r.due_date)::text FROM grant_reports r WHERE r.org_id = g.org_id AND r.grant_id = g.id AND r.deleted_at IS NULL AND r.status = 'due') AS next_due`;
const FROM = 'FROM grants g JOIN funders f ON f.org_id = g.org_id AND f.id = g.funder_id';

const toGrant = (r: Row): Grant => ({
  id: r.id,
  funder: { id: r.funder_id, name: r.funder_name },
  title: r.title,
  reference: r.reference,
  amount: money(r.amount),
  currency: r.currency,
  startDate: r.start_date,
  endDate: r.end_date,
  restricted: r.restricted,
  allowedCategories: r.allowed_categories,
  status: r.status,
  notes: r.notes,
  programs: typeof r.programs === 'string' ? JSON.parse(r.programs) : r.programs,
  responsible: r.responsible_id ? { id: r.responsible_id, name: r.responsible_name ?? '' } : null,
  reportFrequency: r.report_frequency,
  opportunityId: r.opportunity_id,
  overdueReports: r.overdue_reports,
  nextReportDue: r.next_due,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const REPORT_COLUMNS = `r.id, r.grant_id, r.kind, r.final, r.period_start::text AS period_start, r.period_end::text AS period_end, r.due_date::text AS due_date, r.status, r.submitted_at, r.accepted_at, r.note, r.version, r.deleted_at`;
const toReport = (r: Row, today: string): GrantReport => ({
  id: r.id,
  grantId: r.grant_id,
  kind: r.kind,
  final: r.final,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  dueDate: r.due_date,
  status: r.status,
  submittedAt: r.submitted_at,
  acceptedAt: r.accepted_at,
  note: r.note,
  overdue: r.status === 'due' && r.due_date < today,
  version: r.version,
  deletedAt: r.deleted_at,
});

export async function getGrant(tx: Queryable, orgId: string, id: string, includeDeleted = false): Promise<Grant> {
  const today = await orgToday(tx, orgId);
  const { rows } = await tx.query(`SELECT ${COLUMNS} ${FROM} WHERE g.org_id = $1 AND g.id = $3 ${includeDeleted ? '' : 'AND g.deleted_at IS NULL'}`, [orgId, today, id]);
  if (!rows[0]) throw notFound();
  return toGrant(rows[0]);
}

export async function getGrantDetail(tx: Queryable, orgId: string, id: string): Promise<GrantDetail> {
  const g = await getGrant(tx, orgId, id);
  const today = await orgToday(tx, orgId);
  const { rows } = await tx.query(`SELECT ${REPORT_COLUMNS} FROM grant_reports r WHERE r.org_id = $1 AND r.grant_id = $2 AND r.deleted_at IS NULL ORDER BY r.due_date, r.final, r.kind DESC, r.id`, [orgId, id]);
  return { ...g, reports: rows.map((r) => toReport(r, today)) };
}

const auditView = (g: Grant) => ({
  funderId: g.funder.id, title: g.title, reference: g.reference, amount: g.amount, currency: g.currency, startDate: g.startDate, endDate: g.endDate, restricted: g.restricted,
  allowedCategories: g.allowedCategories, status: g.status, notes: g.notes, programIds: g.programs.map((p) => p.id), responsibleId: g.responsible?.id ?? null, reportFrequency: g.reportFrequency,
});

async function prepare(tx: Queryable, orgId: string, input: Record<string, any>, current?: Grant) {
  const fields: Record<string, FieldProblem> = {};
  const out: Record<string, unknown> = {};
  const simple = [['funderId', 'funder_id'], ['title', 'title'], ['reference', 'reference'], ['amount', 'amount'], ['currency', 'currency'], ['startDate', 'start_date'], ['endDate', 'end_date'], ['restricted', 'restricted'], ['status', 'status'], ['notes', 'notes'], ['responsibleId', 'responsible_id']] as const;
  for (const [k, col] of simple) if (input[k] !== undefined) out[col] = input[k] ?? null;
  if (input.allowedCategories !== undefined) out.allowed_categories = [...new Set<string>(input.allowedCategories)];
  const start = input.startDate ?? current?.startDate;
  const end = input.endDate ?? current?.endDate;
  if (start && end && end < start) fields.endDate = { code: 'end_before_start' };
  if (input.funderId && input.funderId !== current?.funder.id) await checkFunder(tx, orgId, input.funderId, fields);
  await checkPrograms(tx, orgId, input.programIds, fields);
  await checkMember(tx, orgId, input.responsibleId, fields, 'responsibleId');
  if (input.allowedCategories?.length) {
    const known = new Set((await budgetCategories(tx, orgId)).categories.map((c) => c.code));
    if (input.allowedCategories.some((c: string) => !known.has(c))) fields.allowedCategories = { code: 'invalid_option' };
  }
  failOn(fields);
  return out;
}

async function setPrograms(tx: Queryable, orgId: string, grantId: string, ids: string[]) {
  await tx.query('DELETE FROM grant_programs WHERE org_id = $1 AND grant_id = $2 AND NOT (program_id = ANY($3))', [orgId, grantId, ids]);
  if (ids.length) await tx.query('INSERT INTO grant_programs (org_id, grant_id, program_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING', [orgId, grantId, [...new Set(ids)]]);
}

export async function createGrant(tx: Queryable, actor: Actor, input: z.output<typeof GrantCreate>) {
  const { opportunityId, schedule, programIds, ...rest } = input;
  if (opportunityId) {
    const fields: Record<string, FieldProblem> = {};
    const o = await getOpportunity(tx, actor.orgId, opportunityId).catch(() => null);
    if (!o) fields.opportunityId = { code: 'not_found' };
    else if (o.grantId) fields.opportunityId = { code: 'opportunity_has_grant' };
    else if (o.stage !== 'awarded') fields.opportunityId = { code: 'opportunity_not_awarded' };
    failOn(fields);
  }
  const values = await prepare(tx, actor.orgId, { ...rest, programIds, responsibleId: rest.responsibleId === undefined ? actor.userId || null : rest.responsibleId });
  const id = uuidv7();
  await insertRow(tx, 'grants', actor, id, { ...values, report_frequency: schedule?.frequency ?? 'none' });
  await setPrograms(tx, actor.orgId, id, programIds);
  if (opportunityId) {
    // the opportunity is marked in this transaction, so two clicks cannot make two grants of it
    const { rows } = await tx.query('UPDATE opportunities SET grant_id = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND grant_id IS NULL RETURNING id', [actor.orgId, opportunityId, id]);
    if (!rows[0]) throw new AppError(409, 'version_conflict');
    await audit(tx, actor, { action: 'update', entityType: 'opportunity', entityId: opportunityId, after: { grantId: id } });
  }
  if (schedule) await insertSchedule(tx, actor, id, rest.startDate, rest.endDate, schedule);
  const g = await getGrant(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'grant', entityId: id, after: { ...auditView(g), opportunityId: opportunityId ?? null } });
  return getGrantDetail(tx, actor.orgId, id);
}

async function insertSchedule(tx: Queryable, actor: Actor, grantId: string, start: string, end: string, o: { frequency: any; dueDays: number; finalDays: number; kinds: any[] }) {
  const reports = reportSchedule(start, end, o);
  for (const r of reports) {
    await insertRow(tx, 'grant_reports', actor, uuidv7(), { grant_id: grantId, kind: r.kind, final: r.final, period_start: r.periodStart, period_end: r.periodEnd, due_date: r.dueDate });
  }
  return reports.length;
}

export async function updateGrant(tx: Queryable, actor: Actor, id: string, input: z.output<typeof GrantUpdate>) {
  const before = await getGrant(tx, actor.orgId, id);
  const { version, programIds, ...changes } = input;
  if (before.version !== version) throw conflict();
  const values = await prepare(tx, actor.orgId, { ...changes, programIds }, before);
  if (!(await updateVersioned(tx, 'grants', actor.orgId, id, version, values))) throw conflict();
  if (programIds) await setPrograms(tx, actor.orgId, id, programIds);
  const after = await getGrant(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'grant', entityId: id, ...changed(auditView(before), auditView(after)) });
  return getGrantDetail(tx, actor.orgId, id);
}

export async function setGrantDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'grants', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'grant', entityId: id });
  return getGrant(tx, actor.orgId, id, true);
}

export async function listGrants(tx: Queryable, actor: Actor, q: z.output<typeof GrantsQuery>) {
  const today = await orgToday(tx, actor.orgId);
  const where = ['g.org_id = $1', q.deleted ? 'g.deleted_at IS NOT NULL' : 'g.deleted_at IS NULL'];
  const params: unknown[] = [actor.orgId, today];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const like = p(likeOf(q.q));
    where.push(`(lower(g.title) LIKE ${like} OR lower(f.name) LIKE ${like} OR lower(coalesce(g.reference, '')) LIKE ${like})`);
  }
  if (q.funderId) where.push(`g.funder_id = ${p(q.funderId)}`);
  if (q.status) where.push(`g.status = ${p(q.status)}`);
  if (q.programId) where.push(`EXISTS (SELECT 1 FROM grant_programs gp WHERE gp.org_id = g.org_id AND gp.grant_id = g.id AND gp.program_id = ${p(q.programId)})`);
  // $2 (today) is always referenced, so PostgreSQL can type it in the count too
  where.push(q.overdue ? `EXISTS (SELECT 1 FROM grant_reports r WHERE r.org_id = g.org_id AND r.grant_id = g.id AND r.deleted_at IS NULL AND r.status = 'due' AND r.due_date < $2::date)` : '$2::date IS NOT NULL');
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) where.push(`(g.end_date::text, g.id) < (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const lim = p(q.limit + 1);
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY g.end_date::text DESC, g.id DESC LIMIT ${lim}`, params);
  const { rows: c } = await tx.query<{ n: number }>(cappedCount(`${FROM} WHERE ${countWhere}`).replace('count(*)::int FROM', 'count(*)::int AS n FROM'), countParams);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(toGrant), nextCursor: more ? encodeCursor([page[page.length - 1].end_date, page[page.length - 1].id]) : null, ...capTotal(c[0].n) };
}

// ---- reports ----

/** Makes the reporting schedule again; the reports still due go (when replacing), submitted and accepted ones stay. */
export async function generateSchedule(tx: Queryable, actor: Actor, grantId: string, input: z.output<typeof ScheduleRequest>) {
  const g = await getGrant(tx, actor.orgId, grantId);
  if (g.version !== input.version) throw conflict();
  if (input.replace) await tx.query(`UPDATE grant_reports SET deleted_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND grant_id = $2 AND status = 'due' AND deleted_at IS NULL`, [actor.orgId, grantId]);
  const n = await insertSchedule(tx, actor, grantId, g.startDate, g.endDate, input);
  if (!(await updateVersioned(tx, 'grants', actor.orgId, grantId, input.version, { report_frequency: input.frequency }))) throw conflict();
  await audit(tx, actor, { action: 'schedule', entityType: 'grant', entityId: grantId, after: { frequency: input.frequency, dueDays: input.dueDays, finalDays: input.finalDays, kinds: input.kinds, replace: input.replace, reports: n } });
  return getGrantDetail(tx, actor.orgId, grantId);
}

async function getReport(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${REPORT_COLUMNS} FROM grant_reports r WHERE r.org_id = $1 AND r.id = $2 ${includeDeleted ? '' : 'AND r.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toReport(rows[0], await orgToday(tx, orgId));
}
const reportView = (r: GrantReport) => ({ kind: r.kind, final: r.final, periodStart: r.periodStart, periodEnd: r.periodEnd, dueDate: r.dueDate, status: r.status, note: r.note });

function reportValues(input: Record<string, any>, current?: GrantReport) {
  const out: Record<string, unknown> = {};
  for (const [k, col] of [['kind', 'kind'], ['final', 'final'], ['periodStart', 'period_start'], ['periodEnd', 'period_end'], ['dueDate', 'due_date'], ['note', 'note'], ['status', 'status']] as const) {
    if (input[k] !== undefined) out[col] = input[k] ?? null;
  }
  const start = input.periodStart ?? current?.periodStart;
  const end = input.periodEnd ?? current?.periodEnd;
  if (start && end && end < start) failOn({ periodEnd: { code: 'end_before_start' } });
  if (input.status && input.status !== current?.status) {
    // the dates of each step are kept; going back to due clears the later ones
    out.submitted_at = input.status === 'due' ? null : input.status === 'submitted' || !current?.submittedAt ? new Date().toISOString() : current.submittedAt;
    out.accepted_at = input.status === 'accepted' ? new Date().toISOString() : null;
  }
  if (input.dueDate !== undefined && input.dueDate !== current?.dueDate) out.reminded_at = null;
  return out;
}

export async function createReport(tx: Queryable, actor: Actor, grantId: string, input: z.output<typeof ReportCreate>) {
  await getGrant(tx, actor.orgId, grantId);
  const id = uuidv7();
  await insertRow(tx, 'grant_reports', actor, id, { grant_id: grantId, ...reportValues(input) });
  const r = await getReport(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'grant_report', entityId: id, after: { grantId, ...reportView(r) } });
  return r;
}

export async function updateReport(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ReportUpdate>) {
  const before = await getReport(tx, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  if (!(await updateVersioned(tx, 'grant_reports', actor.orgId, id, version, reportValues(changes, before)))) throw conflict();
  const after = await getReport(tx, actor.orgId, id);
  await audit(tx, actor, { action: before.status !== after.status ? after.status : 'update', entityType: 'grant_report', entityId: id, ...changed(reportView(before), reportView(after)) });
  return after;
}

export async function setReportDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  if (!(await setRowDeleted(tx, 'grant_reports', actor.orgId, id, deleted))) throw notFound();
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'grant_report', entityId: id });
  return getReport(tx, actor.orgId, id, true);
}

// ---- deadlines: the home screen and the reminders ----

/**
 * The signed-in member's funding deadlines: open opportunities they own (or no one owns) with a
 * deadline in the next 30 days or already past, and reports still due of grants they are
 * responsible for (or no one is) within 30 days or overdue.
 */
export async function myDeadlines(tx: Queryable, actor: Actor): Promise<{ items: Deadline[] }> {
  const today = await orgToday(tx, actor.orgId);
  const horizon = addDays(today, DEADLINE_HORIZON_DAYS);
  const me = actor.userId || null;
  const { rows: opps } = await tx.query<Row>(
    `SELECT o.id, o.title, f.name AS funder, o.deadline::text AS date, o.stage FROM opportunities o JOIN funders f ON f.org_id = o.org_id AND f.id = o.funder_id
      WHERE o.org_id = $1 AND o.deleted_at IS NULL AND o.stage IN ('identified', 'concept') AND o.deadline <= $2::date AND o.deadline >= $4::date
        AND (o.owner_id = $3 OR o.owner_id IS NULL) ORDER BY o.deadline, o.id LIMIT 100`,
    [actor.orgId, horizon, me, addDays(today, -DEADLINE_HORIZON_DAYS)],
  );
  const { rows: reports } = await tx.query<Row>(
    `SELECT r.id, r.grant_id, g.title, f.name AS funder, r.due_date::text AS date, r.kind FROM grant_reports r JOIN grants g ON g.org_id = r.org_id AND g.id = r.grant_id AND g.deleted_at IS NULL
       JOIN funders f ON f.org_id = g.org_id AND f.id = g.funder_id
      WHERE r.org_id = $1 AND r.deleted_at IS NULL AND r.status = 'due' AND r.due_date <= $2::date AND (g.responsible_id = $3 OR g.responsible_id IS NULL)
      ORDER BY r.due_date, r.id LIMIT 100`,
    [actor.orgId, horizon, me],
  );
  const items: Deadline[] = [
    ...opps.map((r) => ({ kind: 'opportunity' as const, id: r.id, grantId: null, title: r.title, funder: r.funder, date: r.date, overdue: r.date < today, reportKind: null, stage: r.stage })),
    ...reports.map((r) => ({ kind: 'report' as const, id: r.id, grantId: r.grant_id, title: r.title, funder: r.funder, date: r.date, overdue: r.date < today, reportKind: r.kind, stage: null })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { items };
}

/**
 * Puts one mail per deadline in the outbox, REMINDER_DAYS before it: an open opportunity's
 * deadline to its owner, a due report's to the grant's responsible member. Marked in the same
 * transaction (rows another process is reminding are skipped), so each goes out once; a moved
 * deadline is reminded again.
 */
export async function sendFundingReminders(db: Db, mailer: Mailer): Promise<number> {
  const { rows: orgs } = await db.query<{ org_id: string }>(
    `SELECT org_id FROM opportunities WHERE reminded_at IS NULL AND deleted_at IS NULL AND stage IN ('identified', 'concept') AND deadline BETWEEN current_date - 1 AND current_date + ${REMINDER_DAYS + 1} AND owner_id IS NOT NULL
     UNION SELECT org_id FROM grant_reports WHERE reminded_at IS NULL AND deleted_at IS NULL AND status = 'due' AND due_date BETWEEN current_date - 1 AND current_date + ${REMINDER_DAYS + 1}`,
  );
  let sent = 0;
  for (const { org_id } of orgs) {
    sent += await withTenant(db, org_id, async (tx) => {
      const today = await orgToday(tx, org_id);
      const until = addDays(today, REMINDER_DAYS);
      const { rows: org } = await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [org_id]);
      const { rows: opps } = await tx.query<Row>(
        `SELECT o.id, o.title, o.deadline::text AS date, f.name AS funder, u.name AS user_name, u.email FROM opportunities o
           JOIN funders f ON f.org_id = o.org_id AND f.id = o.funder_id JOIN users u ON u.id = o.owner_id
           JOIN memberships m ON m.org_id = o.org_id AND m.user_id = o.owner_id
          WHERE o.org_id = $1 AND o.reminded_at IS NULL AND o.deleted_at IS NULL AND o.stage IN ('identified', 'concept') AND o.deadline >= $2::date AND o.deadline <= $3::date
          ORDER BY o.id FOR UPDATE OF o SKIP LOCKED`,
        [org_id, today, until],
      );
      const { rows: reps } = await tx.query<Row>(
        `SELECT r.id, g.title, r.kind, r.final, r.due_date::text AS date, f.name AS funder, u.name AS user_name, u.email FROM grant_reports r
           JOIN grants g ON g.org_id = r.org_id AND g.id = r.grant_id AND g.deleted_at IS NULL
           JOIN funders f ON f.org_id = g.org_id AND f.id = g.funder_id
           JOIN users u ON u.id = coalesce(g.responsible_id, g.created_by)
           JOIN memberships m ON m.org_id = r.org_id AND m.user_id = u.id
          WHERE r.org_id = $1 AND r.reminded_at IS NULL AND r.deleted_at IS NULL AND r.status = 'due' AND r.due_date >= $2::date AND r.due_date <= $3::date
          ORDER BY r.id FOR UPDATE OF r SKIP LOCKED`,
        [org_id, today, until],
      );
      const mail = async (x: Row, what: { id: string; en: string }) =>
        mailer.enqueue(tx, org_id, {
          to: x.email,
          subject: `Tenggat pendanaan / Funding deadline: ${x.title} (${x.date})`,
          body: [
            `Halo ${x.user_name},`,
            '',
            `Tenggat "${x.title}" (${x.funder}) jatuh pada ${x.date}: ${what.id}.`,
            '',
            `Hello ${x.user_name},`,
            '',
            `The deadline of "${x.title}" (${x.funder}) is ${x.date}: ${what.en}.`,
            '',
            `— ${org[0]?.name ?? ''}`,
          ].join('\n'),
        });
      for (const x of opps) {
        await mail(x, { id: 'batas pengajuan proposal', en: 'the proposal is due' });
        await tx.query('UPDATE opportunities SET reminded_at = now() WHERE org_id = $1 AND id = $2', [org_id, x.id]);
      }
      for (const x of reps) {
        const kindId = x.kind === 'narrative' ? 'naratif' : 'keuangan';
        await mail(x, { id: `laporan ${kindId}${x.final ? ' akhir' : ''} harus dikirim`, en: `the ${x.final ? 'final ' : ''}${x.kind} report is due` });
        await tx.query('UPDATE grant_reports SET reminded_at = now() WHERE org_id = $1 AND id = $2', [org_id, x.id]);
      }
      return opps.length + reps.length;
    });
  }
  return sent;
}
