import { searchName } from '../../../domain/people.ts';
import type { Services } from '../../platform/services.ts';
import { areaWithin } from '../areas/areas.filters.ts';

/** The filters and search of the household list (GET /api/households), shared with the export. */
export type HouseholdsFilter = { q?: string; areaCode?: string; deleted?: boolean };

/**
 * The WHERE of a household query (`households h`; `$1` is the organisation): the exact family card
 * number, or a fuzzy household or member name; and the area with the areas inside it.
 */
export function householdsFilters(deps: Pick<Services, 'cipher'>, orgId: string, q: HouseholdsFilter) {
  const where = ['h.org_id = $1', q.deleted ? 'h.deleted_at IS NOT NULL' : 'h.deleted_at IS NULL'];
  const params: unknown[] = [orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.q) {
    const digits = q.q.replace(/[\s.-]/g, '');
    if (/^\d{16}$/.test(digits)) where.push(`h.kk_bidx = ${p(deps.cipher.blindIndex('kk', digits))}`);
    else {
      const s = p(q.q.toLowerCase());
      const key = p(searchName(q.q));
      const like = p(`%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(lower(h.name) % ${s} OR ${s} <% lower(h.name) OR lower(h.name) LIKE ${like}
        OR EXISTS (SELECT 1 FROM people m WHERE m.org_id = h.org_id AND m.household_id = h.id AND m.deleted_at IS NULL AND (m.search_name % ${key} OR ${key} <% m.search_name)))`);
    }
  }
  if (q.areaCode) where.push(areaWithin('h.area_code', q.areaCode, p));
  return { where, params, p };
}
