import { createHash } from 'node:crypto';
import { Computation } from '../../../domain/computed.ts';
import { type Parts, type Series, type ValueUpdate, indicatorSeries, periodsBetween, seriesPeriods } from '../../../domain/indicators.ts';
import type { Queryable } from '../../db/connect.ts';
import { orgToday } from '../../platform/org.service.ts';
import { countHouseholdsOverTime } from '../households/households.stats.ts';
import { attendanceReached } from '../activities/attendance.stats.ts';
import { type RegistryDimension, countPeopleOverTime, dataVersion } from '../people/people.stats.ts';
import { type AgeBand, type ComputeUpdates, ageBandKey, monitoringSettings } from './values.service.ts';

const DIMENSION_OF: Record<string, RegistryDimension> = { sex: 'sex', age: 'birthYear', disability: 'disability', area: 'area' };

type CountRequest = {
  computation: Computation;
  /** the program whose activities count (attendance); null: every activity of the organisation, or of programIds */
  programId: string | null;
  programIds?: string[] | null;
  disaggregations: string[];
  /** count at the end of each of these days (ascending) */
  dates: string[];
  /** the program's target areas: the filter when inProgramAreas, and the areas a breakdown names */
  areas: string[];
  timeZone: string;
  bands: AgeBand[];
};

/** Counts for a computed definition at each date, with its breakdowns — straight from the data, no cache. */
async function countUpdates(tx: Queryable, orgId: string, r: CountRequest): Promise<ValueUpdate[]> {
  const c = r.computation;
  const dimensions = r.disaggregations.map((d) => DIMENSION_OF[d]).filter(Boolean);
  const query = { ends: r.dates, roles: c.roles, areas: c.inProgramAreas && r.areas.length ? r.areas : null, dimensions, timeZone: r.timeZone };
  const groups =
    c.source === 'households'
      ? await countHouseholdsOverTime(tx, orgId, query)
      : await countPeopleOverTime(tx, orgId, query, c.source === 'attendance' ? await attendanceReached(tx, orgId, { ...c, programId: r.programId, programIds: r.programIds ?? null }) : undefined);
  // the breakdown's area: the program's area holding it (the most precise), or its regency
  const byLength = [...r.areas].sort((a, b) => b.length - a.length);
  const areaOf = (code: string) => (byLength.length ? (byLength.find((a) => code === a || code.startsWith(`${a}.`)) ?? null) : code.slice(0, 5));
  return r.dates.map((date, k): ValueUpdate => {
    const year = Number(date.slice(0, 4));
    const parts: Parts = {};
    let total = 0;
    for (const g of groups) {
      if (g.bucket > k + 1) continue; // reached after this date (buckets count from 1)
      if (!g.dimension) {
        total += g.count;
        continue;
      }
      let dim: string = g.dimension;
      let cat = g.value;
      if (g.dimension === 'birthYear') {
        // the age reached in the period's year: birth dates and birth years alike
        const age = cat == null ? null : year - Number(cat);
        const band = age == null ? undefined : r.bands.find((b) => age >= b.min && (b.max == null || age <= b.max));
        dim = 'age';
        cat = band ? ageBandKey(band) : null;
      } else if (g.dimension === 'disability') cat = cat === 'true' ? 'with' : 'without';
      else if (g.dimension === 'area') cat = cat ? areaOf(cat) : null;
      if (cat == null) continue;
      const byCat = (parts[dim] ??= {});
      byCat[cat] = ((byCat[cat] as number | undefined) ?? 0) + g.count;
    }
    return { date, value: total, parts, order: k };
  });
}

/** The count at the end of each period up to today (the current period counts up to today). */
const countDates = (periods: { end: string }[], today: string) => periods.map((p) => (p.end < today ? p.end : today));

/**
 * A computed indicator's values, broken down as the indicator asks. The result is kept with the
 * versions of the data it was computed from (registry, attendance), so a dashboard reads it back
 * until that data changes (or the day, periods, bands or areas do) — then it is counted again.
 */
export const computeUpdates: ComputeUpdates = async (tx, orgId, ind, ctx) => {
  const c = ind.computation;
  if (!c) return [];
  const periods = seriesPeriods(ind, [ctx.span.start, ctx.span.end, ctx.today]).filter((p) => p.start <= ctx.today);
  if (!periods.length) return [];
  const dates = countDates(periods, ctx.today);
  const { rows } = await tx.query<{ target_areas: string[]; time_zone: string }>(
    'SELECT g.target_areas, o.time_zone FROM programs g JOIN organizations o ON o.id = g.org_id WHERE g.org_id = $1 AND g.id = $2',
    [orgId, ind.programId],
  );
  const areas = rows[0]?.target_areas ?? [];
  const timeZone = rows[0]?.time_zone ?? 'Asia/Jakarta';
  // what the count read: the registry always (sex, age, areas), attendance when it counts attendance
  const version = [await dataVersion(tx, orgId, 'registry'), c.source === 'attendance' ? await dataVersion(tx, orgId, 'attendance') : 0];
  const key = createHash('sha256').update(JSON.stringify([c, ind.disaggregations, periods, dates, ctx.settings.ageBands, areas, timeZone, version])).digest('base64url');
  const cached = await tx.query<{ result: ValueUpdate[] | string }>('SELECT result FROM computed_results WHERE org_id = $1 AND indicator_id = $2 AND cache_key = $3', [orgId, ind.id, key]);
  if (cached.rows[0]) return typeof cached.rows[0].result === 'string' ? JSON.parse(cached.rows[0].result) : cached.rows[0].result;

  const result = await countUpdates(tx, orgId, { computation: c, programId: ind.programId, disaggregations: ind.disaggregations, dates, areas, timeZone, bands: ctx.settings.ageBands });
  await tx.query(
    `INSERT INTO computed_results (org_id, indicator_id, cache_key, result) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, indicator_id) DO UPDATE SET cache_key = excluded.cache_key, result = excluded.result, computed_at = now()`,
    [orgId, ind.id, key, JSON.stringify(result)],
  );
  return result;
};

/**
 * Across the organisation: the distinct people its activities reached — new ones per period and
 * everyone so far — by sex, age band, disability and regency. People add up across programs here
 * (each person once), which indicators of different programs do not.
 */
export async function orgReach(tx: Queryable, orgId: string, q: { frequency: 'month' | 'quarter' | 'year'; from: string; to: string; programIds: string[] | null }) {
  const today = await orgToday(tx, orgId);
  const settings = await monitoringSettings(tx, orgId);
  const { rows } = await tx.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [orgId]);
  const to = q.to < today ? q.to : today;
  const ind = { type: 'count' as const, aggregation: 'latest' as const, frequency: q.frequency, direction: 'increase' as const, baselineValue: null, targets: [] };
  const periods = periodsBetween(q.from, to, q.frequency);
  const dates = countDates(periods, today);
  const computation = Computation.parse({ source: 'attendance', inProgramAreas: false });
  const updates = await countUpdates(tx, orgId, { computation, programId: null, programIds: q.programIds, disaggregations: ['sex', 'age', 'disability', 'area'], dates, areas: [], timeZone: rows[0]?.time_zone ?? 'Asia/Jakarta', bands: settings.ageBands });
  // per period: the people reached for the first time in it; to date: everyone so far
  const series = indicatorSeries(ind, updates, today, { start: q.from, end: to }, settings.rule);
  return { today, from: q.from, to, frequency: q.frequency, series: { ...firstTimeReached(series), pending: 0 } };
}

/** A stock counted at each period's end (to date) turned into "new in the period" per period. */
function firstTimeReached(series: Series): Series {
  const periods = series.periods.map((p, k) => {
    const prev = series.periods[k - 1];
    const minus = (a: number | null | undefined, b: number | null | undefined) => (a == null ? null : a - (b ?? 0));
    const parts = Object.fromEntries(
      Object.entries(p.parts).map(([dim, cats]) => [dim, Object.fromEntries(Object.entries(cats).map(([cat, v]) => [cat, { value: minus(v.toDate, prev?.parts[dim]?.[cat]?.toDate), toDate: v.toDate }]))]),
    );
    return { ...p, figure: { ...p.figure, value: minus(p.toDate, prev?.toDate) }, parts };
  });
  return { ...series, periods };
}
