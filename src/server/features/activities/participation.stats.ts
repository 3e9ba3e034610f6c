import type { Queryable } from '../../db/connect.ts';
import { notFound } from '../../platform/errors.ts';
import { type AgeBand, ageBandKey, monitoringSettings } from '../programs/values.service.ts';

/**
 * An activity's attendance figures, counted from registrations and attendance (never typed in):
 * two grouped queries whatever the number of people. Only live people of the registry count.
 *
 * - registered / waitlisted / cancelled: registrations by their status now;
 * - attended: everyone who came; attendedRegistered: those of them holding a place; walkIns: the
 *   rest (not registered, or waitlisted or cancelled), so the attendance rate
 *   attendedRegistered / registered stays within 0–1;
 * - returning: came to an earlier activity (by start) of the same program, or of the organisation
 *   when this one has no program; new: everyone else who came;
 * - breakdowns of those who came by sex, the organisation's age bands (age on the activity's
 *   local start date, from the birth date or else the birth year), disability (Washington Group
 *   answers: with, without; unknown when not asked) and area (the person's own area code).
 */
export type FigureCount = { key: string; count: number };
export type ActivityFiguresData = {
  activityId: string;
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  attendedRegistered: number;
  walkIns: number;
  attendanceRate: number | null;
  newParticipants: number;
  returningParticipants: number;
  returningScope: 'program' | 'organization';
  bySex: FigureCount[];
  byAge: FigureCount[];
  byDisability: FigureCount[];
  byArea: FigureCount[];
};

export const UNKNOWN = 'unknown';
/** Ages the organisation's bands leave out (bands may have gaps). */
export const OTHER_AGE = 'other';

/** The age band key of an age; 'other' outside every band, 'unknown' without an age. */
export function ageBandOf(age: number | null, bands: AgeBand[]): string {
  if (age == null) return UNKNOWN;
  const band = bands.find((b) => age >= b.min && (b.max == null || age <= b.max));
  return band ? ageBandKey(band) : OTHER_AGE;
}

export async function activityFigures(tx: Queryable, orgId: string, activityId: string): Promise<ActivityFiguresData> {
  const { rows: reg } = await tx.query<{ status: string; count: number; program_id: string | null }>(
    `SELECT a.program_id, r.status, count(r.person_id)::int AS count
       FROM activities a
       LEFT JOIN (activity_registrations r JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id AND p.deleted_at IS NULL)
         ON r.org_id = a.org_id AND r.activity_id = a.id
      WHERE a.org_id = $1 AND a.id = $2 AND a.deleted_at IS NULL
      GROUP BY a.program_id, r.status`,
    [orgId, activityId],
  );
  if (!reg.length) throw notFound();
  const byStatus = (s: string) => reg.find((r) => r.status === s)?.count ?? 0;

  // who came, each with what the breakdowns need; one row per grouping set
  const { rows } = await tx.query<Record<string, unknown>>(
    `WITH me AS (
       SELECT a.org_id, a.id, a.program_id, a.starts_at, (a.starts_at AT TIME ZONE o.time_zone)::date AS day
         FROM activities a JOIN organizations o ON o.id = a.org_id WHERE a.org_id = $1 AND a.id = $2
     ), came AS (
       SELECT coalesce(p.sex, 'unknown') AS sex,
              CASE WHEN p.birth_date IS NOT NULL THEN extract(year FROM age(me.day, p.birth_date))::int
                   WHEN p.birth_year IS NOT NULL THEN extract(year FROM me.day)::int - p.birth_year END AS age,
              CASE WHEN p.has_disability THEN 'with' WHEN p.disability IS NULL THEN 'unknown' ELSE 'without' END AS disability,
              coalesce(p.area_code, 'unknown') AS area,
              coalesce(r.status = 'registered', false) AS had_place,
              EXISTS (SELECT 1 FROM attendance t2 JOIN activities a2 ON a2.org_id = t2.org_id AND a2.id = t2.activity_id
                       WHERE t2.org_id = me.org_id AND t2.person_id = t.person_id AND a2.deleted_at IS NULL AND a2.status <> 'cancelled' AND a2.starts_at < me.starts_at
                         AND (me.program_id IS NULL OR a2.program_id = me.program_id)) AS came_before
         FROM me JOIN attendance t ON t.org_id = me.org_id AND t.activity_id = me.id
         JOIN people p ON p.org_id = t.org_id AND p.id = t.person_id AND p.deleted_at IS NULL
         LEFT JOIN activity_registrations r ON r.org_id = t.org_id AND r.activity_id = t.activity_id AND r.person_id = t.person_id
     )
     SELECT count(*)::int AS count, (count(*) FILTER (WHERE had_place))::int AS had_place, (count(*) FILTER (WHERE came_before))::int AS came_before,
            sex, age, disability, area, GROUPING(sex) AS g_sex, GROUPING(age) AS g_age, GROUPING(disability) AS g_disability, GROUPING(area) AS g_area
       FROM came GROUP BY GROUPING SETS ((), (sex), (age), (disability), (area))`,
    [orgId, activityId],
  );
  const bands = (await monitoringSettings(tx, orgId)).ageBands;
  const total = rows.find((r) => [r.g_sex, r.g_age, r.g_disability, r.g_area].every((g) => Number(g) === 1));
  const of = (dim: 'sex' | 'age' | 'disability' | 'area') => rows.filter((r) => Number(r[`g_${dim}`]) === 0);

  const tally = (keys: string[], pairs: [string, number][]) => {
    const counts = new Map<string, number>(keys.map((k) => [k, 0]));
    for (const [k, n] of pairs) counts.set(k, (counts.get(k) ?? 0) + n);
    return [...counts].map(([key, count]) => ({ key, count }));
  };
  const attended = Number(total?.count ?? 0);
  const attendedRegistered = Number(total?.had_place ?? 0);
  const returning = Number(total?.came_before ?? 0);
  const registered = byStatus('registered');
  const areas = of('area')
    .map((r) => ({ key: String(r.area), count: Number(r.count) }))
    .sort((a, b) => (a.key === UNKNOWN ? 1 : 0) - (b.key === UNKNOWN ? 1 : 0) || b.count - a.count || (a.key < b.key ? -1 : 1));
  const ageKeys = [...bands.map(ageBandKey), OTHER_AGE, UNKNOWN];
  const byAge = tally(ageKeys, of('age').map((r) => [ageBandOf(r.age == null ? null : Number(r.age), bands), Number(r.count)]));
  return {
    activityId,
    registered,
    waitlisted: byStatus('waitlisted'),
    cancelled: byStatus('cancelled'),
    attended,
    attendedRegistered,
    walkIns: attended - attendedRegistered,
    attendanceRate: registered ? attendedRegistered / registered : null,
    newParticipants: attended - returning,
    returningParticipants: returning,
    returningScope: reg[0].program_id ? 'program' : 'organization',
    bySex: tally(['female', 'male', UNKNOWN], of('sex').map((r) => [String(r.sex), Number(r.count)])),
    // 'other' only when the bands leave someone out
    byAge: byAge.filter((c) => c.key !== OTHER_AGE || c.count > 0),
    byDisability: tally(['with', 'without', UNKNOWN], of('disability').map((r) => [String(r.disability), Number(r.count)])),
    byArea: areas,
  };
}

/**
 * A program's participation over its activities held so far (not cancelled, not deleted, started):
 * registered vs attended and the attendance rate, how many activities each person came to, and per
 * period the activities held, check-ins, people, and of them those new to the program vs
 * returning. Four grouped queries; only live people count.
 */
export type ProgramParticipationData = {
  totals: { activities: number; registered: number; attended: number; attendedRegistered: number; walkIns: number; attendanceRate: number | null; people: number };
  /** people by the number of the program's activities they came to: 1, 2, 3, 4, 5+ */
  repeat: FigureCount[];
  periods: { start: string; end: string; activities: number; attended: number; people: number; newPeople: number; returningPeople: number }[];
};

export async function programParticipation(tx: Queryable, orgId: string, programId: string, periods: { start: string; end: string }[], timeZone: string): Promise<ProgramParticipationData> {
  const held = `SELECT a.id, (a.starts_at AT TIME ZONE $3)::date AS day FROM activities a
     WHERE a.org_id = $1 AND a.program_id = $2 AND a.deleted_at IS NULL AND a.status <> 'cancelled' AND a.starts_at <= now()`;
  const came = `SELECT at.person_id, h.day, (r.status = 'registered') AS had_place FROM attendance at JOIN held h ON h.id = at.activity_id
     JOIN people p ON p.org_id = at.org_id AND p.id = at.person_id AND p.deleted_at IS NULL
     LEFT JOIN activity_registrations r ON r.org_id = at.org_id AND r.activity_id = at.activity_id AND r.person_id = at.person_id
     WHERE at.org_id = $1`;
  const params = [orgId, programId, timeZone];
  const { rows: totals } = await tx.query<{ activities: number; registered: number; attended: number; attended_registered: number; people: number }>(
    `WITH held AS (${held}), came AS (${came})
     SELECT (SELECT count(*) FROM held)::int AS activities,
            (SELECT count(*) FROM activity_registrations r JOIN held h ON h.id = r.activity_id JOIN people p ON p.org_id = r.org_id AND p.id = r.person_id AND p.deleted_at IS NULL
              WHERE r.org_id = $1 AND r.status = 'registered')::int AS registered,
            (SELECT count(*) FROM came)::int AS attended,
            (SELECT count(*) FILTER (WHERE had_place) FROM came)::int AS attended_registered,
            (SELECT count(DISTINCT person_id) FROM came)::int AS people`,
    params,
  );
  const t = totals[0];
  const { rows: repeat } = await tx.query<{ key: string; count: number }>(
    `WITH held AS (${held}), came AS (${came})
     SELECT CASE WHEN n >= 5 THEN '5+' ELSE n::text END AS key, count(*)::int AS count
       FROM (SELECT person_id, count(*) AS n FROM came GROUP BY person_id) x GROUP BY 1 ORDER BY 1`,
    params,
  );
  // a row falls in the period whose start is the last on or before its day (width_bucket over the starts)
  const starts = periods.map((p) => p.start);
  const { rows: byPeriod } = await tx.query<{ bucket: number; kind: string; count: number; people: number }>(
    `WITH held AS (${held}), came AS (${came}), firsts AS (SELECT person_id, min(day) AS day FROM came GROUP BY person_id)
     SELECT width_bucket(day, $4::date[]) AS bucket, 'activities' AS kind, count(*)::int AS count, 0 AS people FROM held GROUP BY 1
     UNION ALL SELECT width_bucket(day, $4::date[]), 'attended', count(*)::int, count(DISTINCT person_id)::int FROM came GROUP BY 1
     UNION ALL SELECT width_bucket(day, $4::date[]), 'new', count(*)::int, 0 FROM firsts GROUP BY 1`,
    [...params, starts],
  );
  const at = (k: number, kind: string) => byPeriod.find((r) => Number(r.bucket) === k + 1 && r.kind === kind);
  return {
    totals: {
      activities: t.activities,
      registered: t.registered,
      attended: t.attended,
      attendedRegistered: t.attended_registered,
      walkIns: t.attended - t.attended_registered,
      attendanceRate: t.registered ? t.attended_registered / t.registered : null,
      people: t.people,
    },
    repeat: ['1', '2', '3', '4', '5+'].map((key) => ({ key, count: repeat.find((r) => r.key === key)?.count ?? 0 })),
    periods: periods.map((p, k) => {
      const people = at(k, 'attended')?.people ?? 0;
      const newPeople = at(k, 'new')?.count ?? 0;
      return { ...p, activities: at(k, 'activities')?.count ?? 0, attended: at(k, 'attended')?.count ?? 0, people, newPeople, returningPeople: people - newPeople };
    }),
  };
}
