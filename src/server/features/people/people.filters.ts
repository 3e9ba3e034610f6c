import { AGE_BANDS, searchName } from '../../../domain/people.ts';
import { normalisePhone } from '../../../domain/phone.ts';
import type { Services } from '../../platform/services.ts';
import { SEARCH_CAP } from '../../platform/paging.ts';
import { areaWithin } from '../areas/areas.filters.ts';

/** The filters and search of the people list (GET /api/people), shared with the export. */
export type PeopleFilter = {
  q?: string;
  areaCode?: string;
  sex?: string;
  ageBand?: string;
  role?: string;
  tag?: string;
  disability?: boolean;
  consent?: boolean;
  householdId?: string;
  deleted?: boolean;
};

export type PeopleWhere = {
  /** Conditions on `people p`, to be joined with AND; `$1` is the organisation. */
  where: string[];
  params: unknown[];
  /** Adds a parameter and returns its placeholder, for the caller's further conditions. */
  p: (v: unknown) => string;
  /**
   * With a name search: a `WITH m AS MATERIALIZED (…)` clause to put before the SELECT, whose
   * FROM is then `from`. Empty otherwise.
   */
  matches: string;
  /**
   * What to select from in place of `people p`: with a name search each match is looked up by its
   * id (a lateral lookup whatever the statistics say: with none, right after a bulk insert, the
   * planner scanned people for every match, 22 s for 2,000 matches in 30,000 people).
   */
  from: string;
  /** With a name search: the relevance expression (`m.score`), else null. */
  score: string | null;
};

/**
 * The WHERE of a people query from the list's filters. Fuzzy names use pg_trgm (typos, spelling
 * variants, word order) through people_name_matches; NIK and phone are exact. `today` anchors
 * the age bands.
 */
export function peopleFilters(
  deps: Pick<Services, 'cipher'>,
  orgId: string,
  q: PeopleFilter,
  today = new Date(),
  /** How many name matches to rank at most: a list page SEARCH_CAP + 1, an export all (null). */
  searchLimit: number | null = SEARCH_CAP + 1,
): PeopleWhere {
  const where: string[] = ['p.org_id = $1', q.deleted ? 'p.deleted_at IS NOT NULL' : 'p.deleted_at IS NULL'];
  const params: unknown[] = [orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  let score: string | null = null;
  let matches = '';
  if (q.q) {
    const digits = q.q.replace(/[\s.+-]/g, '');
    if (/^\d{16}$/.test(digits)) where.push(`p.nik_bidx = ${p(deps.cipher.blindIndex('nik', digits))}`);
    else if (/^\+?[\d\s-]{8,}$/.test(q.q) && normalisePhone(q.q)) where.push(`p.phone = ${p(normalisePhone(q.q))}`);
    else {
      const s = searchName(q.q);
      if (s) {
        const sp = p(s);
        const like = p(`%${s.replace(/[\\%_]/g, '\\$&')}%`);
        // people_name_matches (migrations 0002, 0006) uses the trigram index despite row-level security
        // and only ever returns the current tenant's ids.
        matches = `WITH m AS MATERIALIZED (SELECT id, score FROM people_name_matches(${sp}, ${like}, ${p(searchLimit)}::int))`;
        score = 'm.score';
      }
    }
  }
  if (q.areaCode) where.push(areaWithin('p.area_code', q.areaCode, p));
  if (q.sex) where.push(`p.sex = ${p(q.sex)}`);
  if (q.role) where.push(`p.roles @> ARRAY[${p(q.role)}]::text[]`);
  if (q.tag) where.push(`p.tags @> ARRAY[${p(q.tag.toLowerCase())}]::text[]`);
  if (q.disability !== undefined) where.push(`p.has_disability = ${p(q.disability)}`);
  if (q.consent !== undefined) where.push(`p.consent_given = ${p(q.consent)}`);
  if (q.householdId) where.push(`p.household_id = ${p(q.householdId)}`);
  if (q.ageBand) {
    const band = AGE_BANDS.find((b) => b.key === q.ageBand)!;
    const shift = (years: number, days = 0) => {
      const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() + days));
      return d.toISOString().slice(0, 10);
    };
    where.push(`coalesce(p.birth_date, make_date(p.birth_year, 7, 1)) BETWEEN ${p(shift(band.max + 1, 1))}::date AND ${p(shift(band.min))}::date`);
  }
  const from = matches ? `m ${personById('m.id')}` : 'people p';
  return { where, params, p, matches, from, score };
}

/**
 * `people p` looked up row by row from a list of ids (a search's matches, a page's ids): written
 * as a lateral subquery so that the planner cannot turn it into a scan of people per id when
 * the statistics are missing or stale. `$1` is the organisation.
 */
export const personById = (id: string) => `CROSS JOIN LATERAL (SELECT * FROM people WHERE org_id = $1 AND id = ${id} OFFSET 0) p`;
