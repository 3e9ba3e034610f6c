import { createHash } from 'node:crypto';
import { seriesPeriods } from '../../../domain/indicators.ts';
import type { Parts, ValueUpdate } from '../../../domain/indicators.ts';
import { countHouseholdsOverTime } from '../households/households.stats.ts';
import { type RegistryDimension, countPeopleOverTime, registryVersion } from '../people/people.stats.ts';
import type { ComputeUpdates } from './values.service.ts';
import { ageBandKey } from './values.service.ts';

const DIMENSION_OF: Record<string, RegistryDimension> = { sex: 'sex', age: 'birthYear', disability: 'disability', area: 'area' };

/**
 * A computed indicator's values: the count at the end of each period up to today (the current
 * period counts up to today), broken down as the indicator asks. The result is kept with the
 * registry version it was computed from, so a dashboard reads it back until the registry changes
 * (or the day, periods, bands or areas do) — then it is counted again.
 */
export const computeUpdates: ComputeUpdates = async (tx, orgId, ind, ctx) => {
  const c = ind.computation;
  if (!c) return [];
  const periods = seriesPeriods(ind, [ctx.span.start, ctx.span.end, ctx.today]).filter((p) => p.start <= ctx.today);
  if (!periods.length) return [];
  const dates = periods.map((p) => (p.end < ctx.today ? p.end : ctx.today));
  const { rows } = await tx.query<{ target_areas: string[]; time_zone: string }>(
    'SELECT g.target_areas, o.time_zone FROM programs g JOIN organizations o ON o.id = g.org_id WHERE g.org_id = $1 AND g.id = $2',
    [orgId, ind.programId],
  );
  const areas = rows[0]?.target_areas ?? [];
  const timeZone = rows[0]?.time_zone ?? 'Asia/Jakarta';
  const dimensions = ind.disaggregations.map((d) => DIMENSION_OF[d]).filter(Boolean);
  const version = await registryVersion(tx, orgId);
  const key = createHash('sha256').update(JSON.stringify([c, dimensions, periods, dates, ctx.settings.ageBands, areas, timeZone, version])).digest('base64url');
  const cached = await tx.query<{ result: ValueUpdate[] | string }>('SELECT result FROM computed_results WHERE org_id = $1 AND indicator_id = $2 AND cache_key = $3', [orgId, ind.id, key]);
  if (cached.rows[0]) return typeof cached.rows[0].result === 'string' ? JSON.parse(cached.rows[0].result) : cached.rows[0].result;

  const query = { ends: dates, roles: c.roles, areas: c.inProgramAreas && areas.length ? areas : null, dimensions, timeZone };
  const groups = c.source === 'people' ? await countPeopleOverTime(tx, orgId, query) : await countHouseholdsOverTime(tx, orgId, query);
  // the breakdown's area: the program's area holding it (the most precise), or its regency
  const areaOf = (code: string) => (areas.length ? ([...areas].sort((a, b) => b.length - a.length).find((a) => code === a || code.startsWith(`${a}.`)) ?? null) : code.slice(0, 5));
  const bands = ctx.settings.ageBands;
  const result = dates.map((date, k): ValueUpdate => {
    const year = Number(date.slice(0, 4));
    const parts: Parts = {};
    let total = 0;
    for (const g of groups) {
      if (g.bucket > k + 1) continue; // registered after this date (buckets count from 1)
      if (!g.dimension) {
        total += g.count;
        continue;
      }
      let dim: string = g.dimension;
      let cat = g.value;
      if (g.dimension === 'birthYear') {
        // the age reached in the period's year: birth dates and birth years alike
        const age = cat == null ? null : year - Number(cat);
        const band = age == null ? undefined : bands.find((b) => age >= b.min && (b.max == null || age <= b.max));
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
  await tx.query(
    `INSERT INTO computed_results (org_id, indicator_id, cache_key, result) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, indicator_id) DO UPDATE SET cache_key = excluded.cache_key, result = excluded.result, computed_at = now()`,
    [orgId, ind.id, key, JSON.stringify(result)],
  );
  return result;
};
