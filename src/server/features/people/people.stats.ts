import type { Queryable } from '../../db/connect.ts';

/**
 * Counts of the registry over time, for computed indicators (issue 4): how many live people —
 * of some roles, in some areas — had been registered by each of a list of dates, grouped by what
 * a breakdown needs. One pass over the matching people: each row is placed at the first date it
 * counts for, and the caller adds the groups up date by date.
 */
export type RegistryGroup = { first: number; count: number; sex: string | null; birthYear: number | null; disability: boolean; area: string | null };

export type RegistryCountQuery = {
  /** period ends, ascending (YYYY-MM-DD) */
  ends: string[];
  roles: string[];
  /** only people in these areas (or under them); null: anywhere */
  areas: string[] | null;
  /** the area categories of the breakdown: these areas, or regencies when none */
  areaCategories: string[];
  timeZone: string;
};

/** `area` as the breakdown names it: the category holding the person's area. */
export const areaCategorySql = (column: string, categoriesParam: string) =>
  `CASE WHEN cardinality(${categoriesParam}::text[]) = 0 THEN left(${column}, 5)
        ELSE (SELECT a FROM unnest(${categoriesParam}::text[]) a WHERE ${column} = a OR ${column} LIKE a || '.%' ORDER BY length(a) DESC LIMIT 1) END`;
export const inAreasSql = (column: string, areasParam: string) => `(${areasParam}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(${areasParam}::text[]) a WHERE ${column} = a OR ${column} LIKE a || '.%'))`;

export async function countPeopleOverTime(tx: Queryable, orgId: string, q: RegistryCountQuery): Promise<RegistryGroup[]> {
  if (!q.ends.length) return [];
  const { rows } = await tx.query<{ first: number; count: string; sex: string | null; birth_year: number | null; disability: boolean; area: string | null }>(
    `WITH e AS (SELECT d, i::int FROM unnest($2::date[]) WITH ORDINALITY AS e(d, i))
     SELECT (SELECT min(e.i) FROM e WHERE (p.created_at AT TIME ZONE $6)::date <= e.d) AS first, count(*) AS count, p.sex,
            coalesce(extract(year FROM p.birth_date)::int, p.birth_year) AS birth_year, p.has_disability AS disability, ${areaCategorySql('p.area_code', '$5')} AS area
       FROM people p
      WHERE p.org_id = $1 AND p.deleted_at IS NULL AND (p.created_at AT TIME ZONE $6)::date <= ($2::date[])[cardinality($2::date[])]
        AND (cardinality($3::text[]) = 0 OR p.roles && $3::text[]) AND ${inAreasSql('p.area_code', '$4')}
      GROUP BY 1, 3, 4, 5, 6`,
    [orgId, q.ends, q.roles, q.areas, q.areaCategories, q.timeZone],
  );
  return rows.map((r) => ({ first: Number(r.first), count: Number(r.count), sex: r.sex, birthYear: r.birth_year, disability: r.disability, area: r.area }));
}
