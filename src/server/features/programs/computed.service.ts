import { seriesPeriods } from '../../../domain/indicators.ts';
import type { Parts, ValueUpdate } from '../../../domain/indicators.ts';
import { countHouseholdsOverTime } from '../households/households.stats.ts';
import { countPeopleOverTime } from '../people/people.stats.ts';
import type { ComputeUpdates } from './values.service.ts';
import { ageBandKey } from './values.service.ts';

/**
 * A computed indicator's values: the count at the end of each period up to today (the current
 * period counts up to today), broken down as the indicator asks. Recomputed on every read, so a
 * change in the registry shows at once.
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
  const query = { ends: dates, roles: c.roles, areas: c.inProgramAreas && areas.length ? areas : null, areaCategories: areas, timeZone: rows[0]?.time_zone ?? 'Asia/Jakarta' };
  const groups = c.source === 'people' ? await countPeopleOverTime(tx, orgId, query) : await countHouseholdsOverTime(tx, orgId, query);
  const dims = new Set<string>(ind.disaggregations);
  const bands = ctx.settings.ageBands;
  return dates.map((date, k): ValueUpdate => {
    const year = Number(date.slice(0, 4));
    const parts: Parts = {};
    let total = 0;
    for (const g of groups) {
      const add = (dim: string, cat: string | null) => {
        if (!dims.has(dim) || cat == null) return;
        const byCat = (parts[dim] ??= {});
        byCat[cat] = ((byCat[cat] as number | undefined) ?? 0) + g.count;
      };
      if (g.first > k + 1) continue; // registered after this date (ordinality counts from 1)
      total += g.count;
      if (c.source === 'people') {
        add('sex', g.sex);
        add('disability', g.disability ? 'with' : 'without');
        // the age reached in the period's year: birth dates and birth years alike
        const age = g.birthYear == null ? null : year - g.birthYear;
        const band = age == null ? undefined : bands.find((b) => age >= b.min && (b.max == null || age <= b.max));
        add('age', band ? ageBandKey(band) : null);
      }
      add('area', g.area);
    }
    return { date, value: total, parts, order: k };
  });
};
