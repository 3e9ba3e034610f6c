import type { Queryable } from '../../db/connect.ts';
import { type RegistryCountQuery, type RegistryGroup, areaCategorySql, inAreasSql } from '../people/people.stats.ts';

/** Households registered by each date that have at least one live member of the roles (any household when none), by area. */
export async function countHouseholdsOverTime(tx: Queryable, orgId: string, q: RegistryCountQuery): Promise<RegistryGroup[]> {
  if (!q.ends.length) return [];
  const { rows } = await tx.query<{ first: number; count: string; area: string | null }>(
    `WITH e AS (SELECT d, i::int FROM unnest($2::date[]) WITH ORDINALITY AS e(d, i))
     SELECT (SELECT min(e.i) FROM e WHERE (h.created_at AT TIME ZONE $6)::date <= e.d) AS first, count(*) AS count, ${areaCategorySql('h.area_code', '$5')} AS area
       FROM households h
      WHERE h.org_id = $1 AND h.deleted_at IS NULL AND (h.created_at AT TIME ZONE $6)::date <= ($2::date[])[cardinality($2::date[])]
        AND (cardinality($3::text[]) = 0 OR EXISTS (SELECT 1 FROM people p WHERE p.org_id = h.org_id AND p.household_id = h.id AND p.deleted_at IS NULL AND p.roles && $3::text[]))
        AND ${inAreasSql('h.area_code', '$4')}
      GROUP BY 1, 3`,
    [orgId, q.ends, q.roles, q.areas, q.areaCategories, q.timeZone],
  );
  return rows.map((r) => ({ first: Number(r.first), count: Number(r.count), sex: null, birthYear: null, disability: false, area: r.area }));
}
