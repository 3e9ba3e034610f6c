import type { Queryable } from '../../db/connect.ts';
import { type RegistryCountQuery, type RegistryGroup, dayAfterEach } from '../people/people.stats.ts';

/** Households registered by each date that have at least one live member of the roles (any household when none), with their area. */
export async function countHouseholdsOverTime(tx: Queryable, orgId: string, q: RegistryCountQuery): Promise<RegistryGroup[]> {
  if (!q.ends.length) return [];
  const byArea = q.dimensions.includes('area');
  const { rows } = await tx.query<{ bucket: number; count: string; area: string | null; g_area: number }>(
    `SELECT width_bucket((h.created_at AT TIME ZONE $6)::date, $2::date[]) + 1 AS bucket, count(*) AS count, ${byArea ? 'h.area_code AS area, GROUPING(h.area_code) AS g_area' : 'NULL AS area, 1 AS g_area'}
       FROM households h
      WHERE h.org_id = $1 AND h.deleted_at IS NULL AND (h.created_at AT TIME ZONE $6)::date <= $3::date
        AND (cardinality($4::text[]) = 0 OR EXISTS (SELECT 1 FROM people p WHERE p.org_id = h.org_id AND p.household_id = h.id AND p.deleted_at IS NULL AND p.roles && $4::text[]))
        AND ($5::text[] IS NULL OR h.area_code = ANY($5::text[]) OR h.area_code LIKE ANY($7::text[]))
      GROUP BY GROUPING SETS ((1)${byArea ? ', (1, h.area_code)' : ''})`,
    [orgId, dayAfterEach(q.ends), q.ends[q.ends.length - 1], q.roles, q.areas, q.timeZone, q.areas?.map((a) => `${a}.%`) ?? null],
  );
  return rows.map((r) => ({ bucket: Number(r.bucket), count: Number(r.count), dimension: Number(r.g_area) === 0 ? 'area' : null, value: Number(r.g_area) === 0 ? r.area : null }));
}
