import type { z } from 'zod';
import { ACTIVITY_TYPES, type CustomActivityType, MAX_RANGE_DAYS } from '../../../domain/activities.ts';
import type { ActivitiesQuery, Activity, ActivityCreate, ActivityTypesUpdate, ActivityUpdate } from '../../../domain/contracts/activities.ts';
import { type RepeatRule, addDays, daysBetween, occurrences } from '../../../domain/recurrence.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { CursorShapes, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { Services } from '../../platform/services.ts';
import { promoteWaitlist } from '../participation/registrations.service.ts';
import { logShiftHours } from '../volunteers/hours.service.ts';
import { refuseMovedShiftClashes } from '../volunteers/shifts.service.ts';

type Deps = Pick<Services, 'areas'>;
type Row = Record<string, any>;
type Scope = 'one' | 'following';

const utc = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const local = (col: string, fmt: string) => `to_char(${col} AT TIME ZONE o.time_zone, '${fmt}')`;

const COLUMNS = `a.id, a.title, a.type, a.program_id, a.result_id, a.all_day, a.series_id, a.series_detached, a.venue, a.area_code, a.latitude, a.longitude,
  a.capacity, a.status, a.cancel_reason, a.description, a.planned_cost::float8 AS planned_cost, a.currency, a.version, a.created_at, a.updated_at, a.deleted_at,
  ${utc('a.starts_at')} AS starts_at, ${utc('a.ends_at')} AS ends_at, o.time_zone,
  ${local('a.starts_at', 'YYYY-MM-DD')} AS start_date, ${local('a.starts_at', 'HH24:MI')} AS start_time,
  ${local('a.ends_at', 'YYYY-MM-DD')} AS end_date, ${local('a.ends_at', 'HH24:MI')} AS end_time,
  p.name AS program_name, r.statement AS result_statement, r.level AS result_level, s.rule AS series_rule,
  coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id)
     FROM activity_facilitators f JOIN users u ON u.id = f.user_id WHERE f.org_id = a.org_id AND f.activity_id = a.id), '[]') AS facilitators`;
const FROM = `activities a JOIN organizations o ON o.id = a.org_id
  LEFT JOIN programs p ON p.org_id = a.org_id AND p.id = a.program_id AND p.deleted_at IS NULL
  LEFT JOIN results r ON r.org_id = a.org_id AND r.id = a.result_id AND r.deleted_at IS NULL
  LEFT JOIN activity_series s ON s.org_id = a.org_id AND s.id = a.series_id`;

function toActivity(r: Row, deps: Deps): Activity {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    program: r.program_name != null ? { id: r.program_id, name: r.program_name } : null,
    result: r.result_statement != null ? { id: r.result_id, statement: r.result_statement, level: r.result_level } : null,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    startDate: r.start_date,
    startTime: r.start_time,
    // an all-day activity ends at midnight after its last day
    endDate: r.all_day ? addDays(r.end_date, -1) : r.end_date,
    endTime: r.end_time,
    timeZone: r.time_zone,
    allDay: r.all_day,
    series: r.series_id ? { id: r.series_id, rule: json(r.series_rule), detached: r.series_detached } : null,
    venue: r.venue,
    area: r.area_code ? { code: r.area_code, path: deps.areas.path(r.area_code).map((x) => ({ code: x.code, name: x.name, level: x.level })) } : null,
    latitude: r.latitude,
    longitude: r.longitude,
    capacity: r.capacity,
    facilitators: json(r.facilitators),
    status: r.status,
    cancelReason: r.cancel_reason,
    description: r.description,
    plannedCost: r.planned_cost,
    currency: r.currency,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

// ---- the organisation's own activity types (organizations.settings.activityTypes) ----

export async function activityTypes(tx: Queryable, orgId: string) {
  const { rows } = await tx.query<{ settings: { activityTypes?: CustomActivityType[] } }>('SELECT settings FROM organizations WHERE id = $1', [orgId]);
  return { builtIn: [...ACTIVITY_TYPES], custom: rows[0]?.settings?.activityTypes ?? [] };
}

export async function setActivityTypes(tx: Queryable, actor: Actor, input: z.output<typeof ActivityTypesUpdate>) {
  const before = await activityTypes(tx, actor.orgId);
  const fields: Record<string, FieldProblem> = {};
  const seen = new Set<string>(ACTIVITY_TYPES);
  input.custom.forEach((t, i) => {
    if (seen.has(t.code)) fields[`custom.${i}.code`] = { code: 'type_code_taken' };
    seen.add(t.code);
  });
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
  await tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{activityTypes}', $2::jsonb), updated_at = now() WHERE id = $1`, [actor.orgId, JSON.stringify(input.custom)]);
  await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { activityTypes: before.custom }, after: { activityTypes: input.custom } });
  return { builtIn: [...ACTIVITY_TYPES], custom: input.custom };
}

// ---- reading ----

export async function getActivity(tx: Queryable, deps: Deps, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.org_id = $1 AND a.id = $2 ${includeDeleted ? '' : 'AND a.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toActivity(rows[0], deps);
}

/** The calendar: live activities overlapping local dates from–to (inclusive), in start order. */
export async function listActivities(tx: Queryable, deps: Deps, actor: Actor, q: z.output<typeof ActivitiesQuery>) {
  const span = daysBetween(q.from, q.to);
  if (span < 0) throw new AppError(400, 'validation_failed', {}, { to: { code: 'end_before_start' } });
  if (span > MAX_RANGE_DAYS) throw new AppError(400, 'validation_failed', {}, { to: { code: 'range_too_long', params: { max: MAX_RANGE_DAYS } } });
  const params: unknown[] = [actor.orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['a.org_id = $1', 'a.deleted_at IS NULL', `a.ends_at > (${p(q.from)}::date::timestamp AT TIME ZONE o.time_zone)`, `a.starts_at < ((${p(q.to)}::date + 1)::timestamp AT TIME ZONE o.time_zone)`];
  if (q.programId) where.push(`a.program_id = ${p(q.programId)}`);
  if (q.type) where.push(`a.type = ${p(q.type)}`);
  if (q.status) where.push(`a.status = ${p(q.status)}`);
  if (q.areaCode) {
    const a = p(q.areaCode);
    where.push(`(a.area_code = ${a} OR starts_with(a.area_code, ${a} || '.'))`);
  }
  if (q.q) where.push(`(lower(a.title) LIKE ${p(`%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`)} OR lower(coalesce(a.venue, '')) LIKE $${params.length})`);
  if (q.mine) where.push(`EXISTS (SELECT 1 FROM activity_facilitators f WHERE f.org_id = a.org_id AND f.activity_id = a.id AND f.user_id = ${p(actor.userId)})`);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) {
    if (Number.isNaN(Date.parse(cursor[0]))) throw new AppError(400, 'validation_failed', {}, { cursor: { code: 'invalid' } });
    where.push(`(a.starts_at, a.id) > (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  }
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY a.starts_at, a.id LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toActivity(r, deps)), nextCursor: more ? encodeCursor([page[page.length - 1].starts_at, page[page.length - 1].id]) : null };
}

// ---- writing ----

/** Everything an activity is, in input terms (local dates and times). */
type State = {
  title: string;
  type: string;
  programId: string | null;
  resultId: string | null;
  startDate: string;
  startTime: string | null;
  endDate: string | null;
  endTime: string | null;
  allDay: boolean;
  venue: string | null;
  areaCode: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity: number | null;
  facilitatorIds: string[];
  status: string;
  cancelReason: string | null;
  description: string | null;
  plannedCost: number | null;
  currency: string;
};

const stateOf = (a: Activity): State => ({
  title: a.title,
  type: a.type,
  programId: a.program?.id ?? null,
  resultId: a.result?.id ?? null,
  startDate: a.startDate,
  startTime: a.allDay ? null : a.startTime,
  endDate: a.endDate,
  endTime: a.allDay ? null : a.endTime,
  allDay: a.allDay,
  venue: a.venue,
  areaCode: a.area?.code ?? null,
  latitude: a.latitude,
  longitude: a.longitude,
  capacity: a.capacity,
  facilitatorIds: a.facilitators.map((f) => f.id),
  status: a.status,
  cancelReason: a.cancelReason,
  description: a.description,
  plannedCost: a.plannedCost,
  currency: a.currency,
});

const auditView = (a: Activity) => {
  const { startTime, endTime, ...s } = stateOf(a);
  return { ...s, startsAt: a.startsAt, endsAt: a.endsAt };
};

/** Field problems of a full state that need no database: times, place, cancellation. */
function checkState(s: State): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  if (!s.allDay) {
    if (!s.startTime) fields.startTime = { code: 'required' };
    if (!s.endTime) fields.endTime = { code: 'required' };
  }
  const end = s.endDate ?? s.startDate;
  if (end < s.startDate) fields.endDate = { code: 'ends_before_starts' };
  else if (!s.allDay && end === s.startDate && s.startTime && s.endTime && s.endTime <= s.startTime) fields.endTime = { code: 'ends_before_starts' };
  if ((s.latitude == null) !== (s.longitude == null)) fields[s.latitude == null ? 'latitude' : 'longitude'] = { code: 'required' };
  if (s.status === 'cancelled' && !s.cancelReason) fields.cancelReason = { code: 'cancel_reason_required' };
  if (s.resultId && !s.programId) fields.resultId = { code: 'result_not_in_program' };
  return fields;
}

/** Field problems needing the database: the type, the program and result, the area, the facilitators. */
async function checkRefs(tx: Queryable, deps: Deps, orgId: string, s: State, fields: Record<string, FieldProblem>) {
  const types = await activityTypes(tx, orgId);
  if (!(types.builtIn as string[]).includes(s.type) && !types.custom.some((t) => t.code === s.type)) fields.type = { code: 'invalid_option' };
  if (s.programId) {
    const { rows } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, s.programId]);
    if (!rows.length) fields.programId = { code: 'not_found' };
    else if (s.resultId) {
      const { rows: r } = await tx.query('SELECT 1 FROM results WHERE org_id = $1 AND id = $2 AND program_id = $3 AND deleted_at IS NULL', [orgId, s.resultId, s.programId]);
      if (!r.length) fields.resultId = { code: 'result_not_in_program' };
    }
  }
  if (s.areaCode && !deps.areas.get(s.areaCode)) fields.areaCode = { code: 'invalid_area' };
  if (s.facilitatorIds.length) {
    const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM memberships WHERE org_id = $1 AND user_id = ANY($2)', [orgId, s.facilitatorIds]);
    const members = new Set(rows.map((r) => r.user_id));
    s.facilitatorIds.forEach((id, i) => {
      if (!members.has(id)) fields[`facilitatorIds.${i}`] = { code: 'not_a_member' };
    });
  }
}

/** Local (date, time) pairs → UTC instants in the organisation's time zone, one query for all. */
async function toUtc(tx: Queryable, orgId: string, pairs: [string, string][]): Promise<string[]> {
  const { rows } = await tx.query<{ t: string }>(
    `SELECT ${utc('(x.d::date + x.t::time) AT TIME ZONE o.time_zone')} AS t
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(d, t, n), organizations o WHERE o.id = $1 ORDER BY x.n`,
    [orgId, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return rows.map((r) => r.t);
}

/** The local start and end of a state as (date, time) pairs; all-day ends at midnight after its last day. */
function localSpan(s: State): [[string, string], [string, string]] {
  const end = s.endDate ?? s.startDate;
  if (s.allDay) return [[s.startDate, '00:00'], [addDays(end, 1), '00:00']];
  return [[s.startDate, s.startTime!], [end, s.endTime!]];
}

const valuesOf = (s: State, startsAt: string, endsAt: string) => ({
  title: s.title,
  type: s.type,
  program_id: s.programId,
  result_id: s.programId ? s.resultId : null,
  starts_at: startsAt,
  ends_at: endsAt,
  all_day: s.allDay,
  venue: s.venue,
  area_code: s.areaCode,
  latitude: s.latitude,
  longitude: s.longitude,
  capacity: s.capacity,
  status: s.status,
  cancel_reason: s.status === 'cancelled' ? s.cancelReason : null,
  description: s.description,
  planned_cost: s.plannedCost,
  currency: s.currency,
});

async function setFacilitators(tx: Queryable, orgId: string, activityId: string, ids: string[]) {
  await tx.query('DELETE FROM activity_facilitators WHERE org_id = $1 AND activity_id = $2 AND NOT (user_id = ANY($3))', [orgId, activityId, ids]);
  if (ids.length) await tx.query('INSERT INTO activity_facilitators (org_id, activity_id, user_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING', [orgId, activityId, [...new Set(ids)]]);
}

const fail = (fields: Record<string, FieldProblem>) => {
  if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);
};

/** One activity, or a series of them (one per occurrence of `repeat`). */
export async function createActivity(tx: Queryable, deps: Deps, actor: Actor, input: z.output<typeof ActivityCreate>) {
  const { repeat, ...rest } = input;
  const s: State = {
    ...rest,
    programId: rest.programId ?? null,
    resultId: rest.resultId ?? null,
    startTime: rest.startTime ?? null,
    endDate: rest.endDate ?? null,
    endTime: rest.endTime ?? null,
    venue: rest.venue ?? null,
    description: rest.description ?? null,
    cancelReason: rest.cancelReason ?? null,
    areaCode: rest.areaCode ?? null,
    latitude: rest.latitude ?? null,
    longitude: rest.longitude ?? null,
    capacity: rest.capacity ?? null,
    plannedCost: rest.plannedCost ?? null,
    facilitatorIds: [...new Set(rest.facilitatorIds)],
  };
  const fields = checkState(s);
  await checkRefs(tx, deps, actor.orgId, s, fields);
  let dates = [s.startDate];
  if (repeat) {
    if (repeat.until == null && repeat.count == null) fields['repeat.count'] = { code: 'repeat_end_required' };
    else {
      dates = occurrences(s.startDate, repeat as RepeatRule);
      if (!dates.length) fields['repeat.until'] = { code: 'no_occurrences' };
    }
  }
  fail(fields);
  const span = daysBetween(s.startDate, s.endDate ?? s.startDate);
  const states = dates.map((d) => ({ ...s, startDate: d, endDate: addDays(d, span) }));
  const instants = await toUtc(tx, actor.orgId, states.flatMap(localSpan));
  let seriesId: string | null = null;
  if (repeat) {
    seriesId = uuidv7();
    await tx.query('INSERT INTO activity_series (org_id, id, rule, created_by) VALUES ($1, $2, $3, $4)', [actor.orgId, seriesId, JSON.stringify(repeat), actor.userId]);
  }
  let first: Activity | null = null;
  for (const [i, st] of states.entries()) {
    if (instants[2 * i + 1] <= instants[2 * i]) fail({ endTime: { code: 'ends_before_starts' } }); // a daylight-saving gap
    const id = uuidv7();
    const values = { ...valuesOf(st, instants[2 * i], instants[2 * i + 1]), series_id: seriesId };
    const cols = Object.keys(values);
    await tx.query(
      `INSERT INTO activities (org_id, id, created_by, ${cols.join(', ')}) VALUES ($1, $2, $3, ${cols.map((_, k) => `$${k + 4}`).join(', ')})`,
      [actor.orgId, id, actor.userId, ...Object.values(values)],
    );
    await setFacilitators(tx, actor.orgId, id, st.facilitatorIds);
    const created = await getActivity(tx, deps, actor.orgId, id);
    await audit(tx, actor, { action: 'create', entityType: 'activity', entityId: id, after: { ...auditView(created), seriesId } });
    first ??= created;
  }
  return { item: first!, affected: states.length };
}

/**
 * Changes an activity. In a series, scope "one" changes this occurrence only and detaches it
 * (later series edits leave it alone); "following" applies the change to this occurrence and to
 * every later one still attached — a date change moves each by the same number of days, a time
 * change sets each one's time.
 */
export async function updateActivity(tx: Queryable, deps: Deps, actor: Actor, id: string, input: z.output<typeof ActivityUpdate>, scope: Scope) {
  const before = await getActivity(tx, deps, actor.orgId, id);
  const { version, ...changes } = input;
  if (before.version !== version) throw conflict();
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<State>;
  // switching to timed needs times; switching to all-day drops them
  const merged: State = { ...stateOf(before), ...defined };
  // a new start date without a new end date moves the end by as many days
  if (defined.startDate !== undefined && defined.endDate === undefined) merged.endDate = addDays(before.endDate, daysBetween(before.startDate, merged.startDate));
  if (merged.allDay) Object.assign(merged, { startTime: null, endTime: null });
  if (merged.status !== 'cancelled') merged.cancelReason = null;
  if (defined.facilitatorIds) merged.facilitatorIds = [...new Set(defined.facilitatorIds)];
  const fields = checkState(merged);
  await checkRefs(tx, deps, actor.orgId, merged, fields);
  fail(fields);

  let targets: { current: Activity; next: State }[] = [{ current: before, next: merged }];
  if (scope === 'following' && before.series) {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM activities WHERE org_id = $1 AND series_id = $2 AND deleted_at IS NULL AND NOT series_detached AND id <> $3 AND starts_at > $4::timestamptz ORDER BY starts_at, id`,
      [actor.orgId, before.series.id, id, before.startsAt],
    );
    const shift = daysBetween(before.startDate, merged.startDate);
    const newSpan = defined.endDate !== undefined || defined.startDate !== undefined ? daysBetween(merged.startDate, merged.endDate ?? merged.startDate) : null;
    for (const r of rows) {
      const current = await getActivity(tx, deps, actor.orgId, r.id);
      const own = stateOf(current);
      const startDate = addDays(own.startDate, shift);
      const span = newSpan ?? daysBetween(own.startDate, own.endDate ?? own.startDate);
      const { startDate: _s, endDate: _e, ...rest } = defined;
      const next: State = { ...own, ...rest, startDate, endDate: addDays(startDate, span) };
      if (next.allDay) Object.assign(next, { startTime: null, endTime: null });
      else if (own.allDay) Object.assign(next, { startTime: merged.startTime, endTime: merged.endTime });
      if (next.status !== 'cancelled') next.cancelReason = null;
      if (defined.facilitatorIds) next.facilitatorIds = merged.facilitatorIds;
      targets.push({ current, next });
    }
  }
  const instants = await toUtc(tx, actor.orgId, targets.flatMap((t) => localSpan(t.next)));
  targets = targets.filter((_, i) => instants[2 * i + 1] > instants[2 * i] || fail({ endTime: { code: 'ends_before_starts' } }));
  let item = before;
  for (const [i, { current, next }] of targets.entries()) {
    const values: Record<string, unknown> = valuesOf(next, instants[2 * i], instants[2 * i + 1]);
    if (current.id === id && before.series && scope === 'one') values.series_detached = true;
    const cols = Object.keys(values);
    const { rows } = await tx.query(
      `UPDATE activities SET ${[...cols.map((c, k) => `${c} = $${k + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
      [actor.orgId, current.id, current.version, ...Object.values(values)],
    );
    if (!rows.length) throw conflict();
    if (defined.facilitatorIds) await setFacilitators(tx, actor.orgId, current.id, next.facilitatorIds);
    const after = await getActivity(tx, deps, actor.orgId, current.id);
    await audit(tx, actor, { action: 'update', entityType: 'activity', entityId: current.id, ...changed(auditView(current), auditView(after)) });
    // more places (or taken back from cancelled): the waitlist moves up at once
    if (after.status !== 'cancelled' && (after.capacity !== current.capacity || after.status !== current.status)) await promoteWaitlist(tx, actor, current.id);
    // a moved (or revived) activity must not put one of its volunteers in two places at once
    if (after.status !== 'cancelled' && (after.startsAt !== current.startsAt || after.endsAt !== current.endsAt || current.status === 'cancelled')) await refuseMovedShiftClashes(tx, actor.orgId, current.id);
    // done: its volunteers' shifts become hours given
    if (current.status !== 'done' && after.status === 'done') await logShiftHours(tx, actor, current.id);
    if (current.id === id) item = after;
  }
  return { item, affected: targets.length };
}

/**
 * Moves an activity to the bin (scope "following": with every later occurrence of its series) or
 * back. Rows deleted together share one timestamp, so an undo restores exactly them.
 */
export async function setActivityDeleted(tx: Queryable, deps: Deps, actor: Actor, id: string, deleted: boolean, scope: Scope = 'one') {
  const current = await getActivity(tx, deps, actor.orgId, id, true);
  let ids: string[];
  if (deleted) {
    if (current.deletedAt) throw notFound();
    const { rows } =
      scope === 'following' && current.series
        ? await tx.query<{ id: string }>(
            `UPDATE activities SET deleted_at = now(), version = version + 1, updated_at = now()
              WHERE org_id = $1 AND series_id = $2 AND deleted_at IS NULL AND (id = $3 OR starts_at > $4::timestamptz) RETURNING id`,
            [actor.orgId, current.series.id, id, current.startsAt],
          )
        : await tx.query<{ id: string }>(`UPDATE activities SET deleted_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING id`, [actor.orgId, id]);
    ids = rows.map((r) => r.id);
  } else {
    if (!current.deletedAt) throw notFound();
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE activities a SET deleted_at = NULL, version = a.version + 1, updated_at = now()
        FROM activities me WHERE me.org_id = $1 AND me.id = $2 AND a.org_id = me.org_id AND a.deleted_at = me.deleted_at
          AND (a.id = me.id OR (me.series_id IS NOT NULL AND a.series_id = me.series_id)) RETURNING a.id`,
      [actor.orgId, id],
    );
    ids = rows.map((r) => r.id);
  }
  for (const x of ids) await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'activity', entityId: x });
  return { item: await getActivity(tx, deps, actor.orgId, id, true), affected: ids.length };
}
