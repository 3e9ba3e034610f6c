import type { Queryable } from '../../db/connect.ts';

/**
 * Counts of the registry over time, for computed indicators (issue 4): how many live people —
 * of some roles, in some areas — had been registered by each of a list of dates, with the
 * breakdowns a computed indicator asks for. One pass over the matching people: each row falls in
 * the first period ending on or after its registration (width_bucket over the days after each end, so gaps between custom periods count right), and GROUPING SETS give
 * the total and one small marginal per breakdown; the caller adds periods up date by date.
 */
export type RegistryDimension = 'sex' | 'birthYear' | 'disability' | 'area';
export type RegistryGroup = { bucket: number; count: number; dimension: RegistryDimension | null; value: string | null };

export type RegistryCountQuery = {
  /** period ends, ascending (YYYY-MM-DD): a row counts from the first period ending on or after its registration day */
  ends: string[];
  roles: string[];
  /** only people in these areas (or under them); null: anywhere */
  areas: string[] | null;
  dimensions: RegistryDimension[];
  timeZone: string;
};

/** The day after each date: width_bucket's thresholds for "first end on or after". */
export const dayAfterEach = (dates: string[]) =>
  dates.map((d) => {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() + 1);
    return x.toISOString().slice(0, 10);
  });

/** An area filter that PostgreSQL evaluates without a subquery per row. */
const inAreas = (column: string, exact: string, under: string) => `(${exact}::text[] IS NULL OR ${column} = ANY(${exact}::text[]) OR ${column} LIKE ANY(${under}::text[]))`;

/**
 * When a person starts to count, if not from their registration: a SELECT of (person_id, day) —
 * e.g. the day they attended their Nth activity. Its parameters are numbered from $8 (the first
 * seven are this query's; $1 is the organisation, $6 its time zone).
 */
export type CountFrom = { sql: string; params: unknown[] };

export async function countPeopleOverTime(tx: Queryable, orgId: string, q: RegistryCountQuery, from?: CountFrom): Promise<RegistryGroup[]> {
  if (!q.ends.length) return [];
  const dims: Record<RegistryDimension, string> = { sex: 'p.sex', birthYear: 'coalesce(extract(year FROM p.birth_date)::int, p.birth_year)::text', disability: 'p.has_disability::text', area: 'p.area_code' };
  const sets = ['(1)', ...q.dimensions.map((d) => `(1, ${dims[d]})`)].join(', ');
  const day = from ? 't.day' : '(p.created_at AT TIME ZONE $6)::date';
  const { rows } = await tx.query<Record<string, unknown>>(
    // MATERIALIZED: computed once; as a subquery, each parallel worker recomputed it (2× slower at 1M rows)
    `${from ? `WITH t AS MATERIALIZED (${from.sql}) ` : ''}SELECT width_bucket(${day}, $2::date[]) + 1 AS bucket, count(*) AS count,
            ${q.dimensions.map((d) => `${dims[d]} AS "${d}", GROUPING(${dims[d]}) AS "g_${d}"`).join(', ') || 'NULL AS none'}
       FROM ${from ? 't JOIN people p ON p.org_id = $1 AND p.id = t.person_id' : 'people p'}
      WHERE p.org_id = $1 AND p.deleted_at IS NULL AND ${day} <= $3::date
        AND (cardinality($4::text[]) = 0 OR p.roles && $4::text[]) AND ${inAreas('p.area_code', '$5', '$7')}
      GROUP BY GROUPING SETS (${sets})`,
    [orgId, dayAfterEach(q.ends), q.ends[q.ends.length - 1], q.roles, q.areas, q.timeZone, q.areas?.map((a) => `${a}.%`) ?? null, ...(from?.params ?? [])],
  );
  return rows.map((r) => {
    const dimension = q.dimensions.find((d) => Number(r[`g_${d}`]) === 0) ?? null;
    return { bucket: Number(r.bucket), count: Number(r.count), dimension, value: dimension ? (r[dimension] as string | null) : null };
  });
}

/** A version of some data in an organisation, kept by triggers (migrations 0013, 0015): 'registry' changes with every write to people or households, 'attendance' with every write to attendance or activities. */
export async function dataVersion(tx: Queryable, orgId: string, source: 'registry' | 'attendance'): Promise<number> {
  const { rows } = await tx.query<{ version: string }>('SELECT version FROM data_versions WHERE org_id = $1 AND source = $2', [orgId, source]);
  return Number(rows[0]?.version ?? 0);
}
