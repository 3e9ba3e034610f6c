/**
 * Indicator maths (issue 4): periods, values of one period from several updates, cumulative
 * values and targets, disaggregation checks and the traffic-light status. Pure functions; the
 * server and the web app use the same ones, so a dashboard shows what a report prints.
 */

export const INDICATOR_TYPES = ['count', 'percentage', 'average', 'yes_no'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** Several updates in one period: added up (people trained this month) or the latest (groups active now). */
export const AGGREGATIONS = ['sum', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const FREQUENCIES = ['month', 'quarter', 'year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type Period = { start: string; end: string };
/** One update as entered: a value, or a numerator and denominator for a percentage. */
export type Update = { date: string; value?: number | null; numerator?: number | null; denominator?: number | null; order?: number };
/** A period's figure: the value shown, and for a percentage the parts it came from. */
export type Figure = { value: number | null; numerator?: number; denominator?: number; updates: number };

// ---- periods ----

const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const MONTHS: Record<Frequency, number> = { month: 1, quarter: 3, year: 12 };

/** The period of a frequency that holds a date (quarters and years are calendar ones). */
export function periodOf(date: string, frequency: Frequency): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const span = MONTHS[frequency];
  const first = Math.floor((m - 1) / span) * span + 1;
  const last = first + span - 1;
  return { start: ymd(y, first, 1), end: ymd(y, last, lastDay(y, last)) };
}

/** Every period of a frequency from the one holding `start` to the one holding `end`. */
export function periodsBetween(start: string, end: string, frequency: Frequency): Period[] {
  if (end < start) return [];
  const out: Period[] = [];
  for (let p = periodOf(start, frequency); p.start <= end; ) {
    out.push(p);
    const next = new Date(`${p.end}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    p = periodOf(next.toISOString().slice(0, 10), frequency);
    if (out.length > 1200) break; // a century of months: a guard against a bad range
  }
  return out;
}

// ---- values ----

/** An update's value: a percentage from its parts (none when the denominator is 0), yes as 1 and no as 0. */
export function updateValue(u: Update, type: IndicatorType): number | null {
  if (type === 'percentage') {
    if (u.numerator == null || u.denominator == null) return u.value ?? null;
    return u.denominator === 0 ? null : (u.numerator / u.denominator) * 100;
  }
  return u.value ?? null;
}

/** The latest update first by date, then by the order it was entered. */
const latest = (updates: Update[]) => [...updates].sort((a, b) => (a.date === b.date ? (b.order ?? 0) - (a.order ?? 0) : a.date < b.date ? 1 : -1))[0];

/**
 * One period's figure from its updates. `sum` adds counts up, and a percentage's numerators and
 * denominators (never the percentages); an average is the mean of the updates, weighted by their
 * denominators (how many were measured) when given; yes/no is always the latest answer.
 */
export function periodFigure(updates: Update[], type: IndicatorType, aggregation: Aggregation): Figure {
  const n = updates.length;
  if (!n) return { value: null, updates: 0 };
  if (aggregation === 'latest' || type === 'yes_no') {
    const u = latest(updates);
    return type === 'percentage' && u.numerator != null && u.denominator != null ? { value: updateValue(u, type), numerator: u.numerator, denominator: u.denominator, updates: n } : { value: updateValue(u, type), updates: n };
  }
  if (type === 'count') return { value: updates.reduce((s, u) => s + (u.value ?? 0), 0), updates: n };
  if (type === 'percentage' && updates.every((u) => u.numerator != null && u.denominator != null)) {
    const numerator = updates.reduce((s, u) => s + (u.numerator ?? 0), 0);
    const denominator = updates.reduce((s, u) => s + (u.denominator ?? 0), 0);
    return { value: denominator === 0 ? null : (numerator / denominator) * 100, numerator, denominator, updates: n };
  }
  // percentages entered without their parts, and averages: a mean weighted by what each measured
  if (type === 'percentage') return { value: weightedMean(updates.map((u) => ({ value: updateValue(u, type), weight: u.denominator ?? 1 }))), updates: n };
  return { value: weightedMean(updates.map((u) => ({ value: u.value ?? null, weight: u.denominator ?? 1 }))), updates: n };
}

function weightedMean(xs: { value: number | null; weight: number }[]): number | null {
  const known = xs.filter((x) => x.value != null && x.weight > 0);
  const w = known.reduce((s, x) => s + x.weight, 0);
  return w === 0 ? null : known.reduce((s, x) => s + (x.value as number) * x.weight, 0) / w;
}

/**
 * Values to date, period by period. A summed count adds up; a percentage re-divides the summed
 * parts; an average weighs each period by how many updates it had; a `latest` indicator and
 * yes/no carry the last known value forward (a period without updates keeps it).
 */
export function cumulativeFigures(figures: Figure[], type: IndicatorType, aggregation: Aggregation): (number | null)[] {
  const out: (number | null)[] = [];
  let sum = 0;
  let num = 0;
  let den = 0;
  let last: number | null = null;
  let started = false;
  let parts = true;
  const seen: { value: number | null; weight: number }[] = [];
  for (const f of figures) {
    if (aggregation === 'latest' || type === 'yes_no') {
      if (f.value != null) last = f.value;
      out.push(last);
    } else if (type === 'count') {
      if (f.updates) {
        sum += f.value ?? 0;
        started = true;
      }
      out.push(started ? sum : null);
    } else if (type === 'percentage' && parts && (!f.updates || f.denominator != null)) {
      num += f.numerator ?? 0;
      den += f.denominator ?? 0;
      out.push(den === 0 ? null : (num / den) * 100);
      if (f.updates) seen.push({ value: f.value, weight: f.updates });
    } else {
      // an average, or a percentage some of whose periods came without parts
      if (type === 'percentage') parts = false;
      if (f.updates) seen.push({ value: f.value, weight: f.updates });
      out.push(weightedMean(seen));
    }
  }
  return out;
}

/**
 * Targets to date from targets per period: a summed count's targets add up (30 per quarter is
 * 120 by the end of the year); any other indicator's target is a level to reach, so the one for
 * the latest period with a target stands.
 */
export function cumulativeTargets(targets: (number | null)[], type: IndicatorType, aggregation: Aggregation): (number | null)[] {
  let sum = 0;
  let any = false;
  let last: number | null = null;
  return targets.map((t) => {
    if (type === 'count' && aggregation === 'sum') {
      if (t != null) {
        sum += t;
        any = true;
      }
      return any ? sum : null;
    }
    if (t != null) last = t;
    return last;
  });
}

// ---- disaggregation ----

export type PartsProblem = { dimension: string; code: 'parts_exceed_total' | 'parts_below_total'; sum: number; total: number };

/**
 * Whether the parts of each disaggregation (by sex, by age band, ...) add up to the total. Parts
 * short of the total are allowed with a reason (some people's sex not recorded), so they come back
 * as `parts_below_total` for the form to ask for one; parts over the total cannot be right.
 */
export function checkParts(total: number, parts: Record<string, Record<string, number | null | undefined>>): PartsProblem[] {
  const out: PartsProblem[] = [];
  for (const [dimension, byCategory] of Object.entries(parts)) {
    const values = Object.values(byCategory).filter((v): v is number => v != null);
    if (!values.length) continue;
    const sum = values.reduce((s, v) => s + v, 0);
    // percentages and averages have no parts to add; counts are whole, but allow float noise
    if (sum > total + 1e-9) out.push({ dimension, code: 'parts_exceed_total', sum, total });
    else if (sum < total - 1e-9) out.push({ dimension, code: 'parts_below_total', sum, total });
  }
  return out;
}

// ---- status ----

export type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'no_target';
/** How far along the way from baseline to target counts as on track, and as at risk. */
export type StatusRule = { onTrack: number; atRisk: number };
export const DEFAULT_RULE: StatusRule = { onTrack: 0.9, atRisk: 0.6 };

/**
 * The share of the way from the baseline to the target the actual value has come (1 = reached,
 * more = beyond), in the indicator's direction. Without a baseline the way starts at 0 (an
 * increase) — a decrease needs one, or it only knows whether the target is met. When the target
 * equals the baseline there is no way to go: reaching or passing it is 1, falling back is 0.
 */
export function progress(actual: number, target: number, baseline: number | null, direction: Direction): number {
  const sign = direction === 'increase' ? 1 : -1;
  const met = sign * (actual - target) >= 0;
  if (baseline == null && direction === 'decrease') return met ? 1 : 0;
  const from = baseline ?? 0;
  const way = sign * (target - from);
  if (way <= 0) return met ? 1 : 0;
  return (sign * (actual - from)) / way;
}

/** Traffic light of an indicator: the actual value to date against the target to date. */
export function indicatorStatus(actual: number | null, target: number | null, baseline: number | null, direction: Direction, rule: StatusRule = DEFAULT_RULE): { status: Status; progress: number | null } {
  if (target == null) return { status: 'no_target', progress: null };
  if (actual == null) return { status: 'no_data', progress: null };
  const p = progress(actual, target, baseline, direction);
  return { status: p >= rule.onTrack ? 'on_track' : p >= rule.atRisk ? 'at_risk' : 'off_track', progress: p };
}

export const INDICATOR_FREQUENCIES = ['month', 'quarter', 'year', 'custom'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];
/** What an indicator's values can be broken down by. */
export const DISAGGREGATIONS = ['sex', 'age', 'disability', 'area'] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];

export type TargetProblem = { index: number; code: 'target_period' | 'target_overlap' | 'target_range' };

/**
 * Targets checked against the indicator: a month, quarter or year target must cover exactly one
 * such period; custom periods must not overlap; a percentage lies in 0–100, yes/no is 0 or 1, and
 * nothing is negative.
 */
export function checkTargets(targets: { start: string; end: string; value: number }[], frequency: IndicatorFrequency, type: IndicatorType): TargetProblem[] {
  const out: TargetProblem[] = [];
  targets.forEach((t, index) => {
    if (t.end < t.start) out.push({ index, code: 'target_period' });
    else if (frequency !== 'custom') {
      const p = periodOf(t.start, frequency);
      if (p.start !== t.start || p.end !== t.end) out.push({ index, code: 'target_period' });
    }
    if (t.value < 0 || (type === 'percentage' && t.value > 100) || (type === 'yes_no' && t.value !== 0 && t.value !== 1)) out.push({ index, code: 'target_range' });
  });
  const order = targets.map((t, index) => ({ ...t, index })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < order.length; i++) if (order[i].start <= order[i - 1].end && !out.some((p) => p.index === order[i].index)) out.push({ index: order[i].index, code: 'target_overlap' });
  return out;
}

// ---- series: what a dashboard, a report and the values table show ----

/** Categories of disability; sex uses the registry's, age the organisation's bands, area the program's areas. */
export const DISABILITY_CATEGORIES = ['with', 'without'] as const;

/** One part of a disaggregated value: a number, or a percentage's numerator and denominator. */
export type Part = number | { numerator: number; denominator: number };
export type Parts = Record<string, Record<string, Part>>;
/** An update as stored, with its parts (approved updates only count). */
export type ValueUpdate = Update & { parts?: Parts };

export type SeriesPeriod = Period & {
  target: number | null;
  targetToDate: number | null;
  figure: Figure;
  /** the value to date at the end of this period */
  toDate: number | null;
  /** per dimension and category: the period's figure and the figure to date */
  parts: Record<string, Record<string, { value: number | null; toDate: number | null }>>;
};
export type Series = {
  periods: SeriesPeriod[];
  /** updates outside every period (custom periods only) */
  outside: number;
  /** the period the status is judged on: the last one ended by today; before any has ended, the current one (its target pro-rated) once it has values */
  statusPeriod: Period | null;
  actualToDate: number | null;
  targetToDate: number | null;
  status: Status;
  progress: number | null;
};

type SeriesIndicator = {
  type: IndicatorType;
  aggregation: Aggregation;
  frequency: IndicatorFrequency;
  direction: Direction;
  baselineValue: number | null;
  targets: { start: string; end: string; value: number }[];
};

const CATEGORY_ORDER = ['female', 'male', 'with', 'without'];
/** Categories in the order people read them: female before male, age bands by age, areas by code. */
export function byCategory(a: string, b: string): number {
  const ia = CATEGORY_ORDER.indexOf(a);
  const ib = CATEGORY_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  const na = parseFloat(a);
  const nb = parseFloat(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb && !a.includes('.') && !b.includes('.')) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const partUpdate = (u: ValueUpdate, p: Part): Update => (typeof p === 'number' ? { date: u.date, value: p, order: u.order } : { date: u.date, numerator: p.numerator, denominator: p.denominator, order: u.order });

/** The periods an indicator is shown in: its frequency's from the first to the last date that matters, or its custom target periods. */
export function seriesPeriods(ind: Pick<SeriesIndicator, 'frequency' | 'targets'>, dates: (string | null | undefined)[]): Period[] {
  if (ind.frequency === 'custom') return [...ind.targets].sort((a, b) => (a.start < b.start ? -1 : 1)).map(({ start, end }) => ({ start, end }));
  const known = [...dates, ...ind.targets.flatMap((t) => [t.start, t.end])].filter((d): d is string => !!d).sort();
  if (!known.length) return [];
  return periodsBetween(known[0], known[known.length - 1], ind.frequency);
}

/**
 * An indicator's figures period by period and to date, its disaggregation the same way (each
 * category is its own small series, so the parts follow the same maths as the total), and its
 * traffic light. `span` is the program's period, so empty periods still show.
 */
export function indicatorSeries(ind: SeriesIndicator, updates: ValueUpdate[], today: string, span: { start?: string | null; end?: string | null } = {}, rule: StatusRule = DEFAULT_RULE): Series {
  const periods = seriesPeriods(ind, [span.start, span.end, ...updates.map((u) => u.date)]);
  const byPeriod = periods.map(() => [] as ValueUpdate[]);
  let outside = 0;
  for (const u of updates) {
    const i = periods.findIndex((p) => p.start <= u.date && u.date <= p.end);
    if (i < 0) outside++;
    else byPeriod[i].push(u);
  }
  const targetOf = (p: Period) => ind.targets.find((t) => t.start === p.start)?.value ?? null;
  const targets = periods.map(targetOf);
  const targetsToDate = cumulativeTargets(targets, ind.type, ind.aggregation);
  const figures = byPeriod.map((us) => periodFigure(us, ind.type, ind.aggregation));
  const toDate = cumulativeFigures(figures, ind.type, ind.aggregation);

  // every category seen in any update, as its own series
  const categories = new Map<string, Set<string>>();
  for (const u of updates) for (const [dim, cats] of Object.entries(u.parts ?? {})) for (const c of Object.keys(cats)) (categories.get(dim) ?? categories.set(dim, new Set()).get(dim)!).add(c);
  const partSeries = new Map<string, { figures: Figure[]; toDate: (number | null)[] }>();
  for (const [dim, cats] of categories)
    for (const cat of cats) {
      const f = byPeriod.map((us) => periodFigure(us.flatMap((u) => (u.parts?.[dim]?.[cat] != null ? [partUpdate(u, u.parts[dim][cat])] : [])), ind.type, ind.aggregation));
      partSeries.set(`${dim}\u0000${cat}`, { figures: f, toDate: cumulativeFigures(f, ind.type, ind.aggregation) });
    }

  const out: SeriesPeriod[] = periods.map((p, i) => {
    const parts: SeriesPeriod['parts'] = {};
    for (const [dim, cats] of categories) {
      parts[dim] = {};
      for (const cat of [...cats].sort(byCategory)) {
        const s = partSeries.get(`${dim}\u0000${cat}`)!;
        parts[dim][cat] = { value: s.figures[i].value, toDate: s.toDate[i] };
      }
    }
    return { ...p, target: targets[i], targetToDate: targetsToDate[i], figure: figures[i], toDate: toDate[i], parts };
  });

  // A period under way is not judged against its whole target (five people trained on the 2nd of
  // the month would look off track): the last ended period is. Before any period has ended, the
  // current one is, once it has values, against the share of its target the days gone make.
  let judged = -1;
  out.forEach((p, i) => {
    if (p.end < today) judged = i;
  });
  let targetToDate = judged >= 0 ? out[judged].targetToDate : null;
  if (judged < 0) {
    const i = out.findIndex((p) => p.start <= today && today <= p.end && p.figure.updates > 0);
    if (i >= 0) {
      judged = i;
      const p = out[i];
      const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
      const share = days(p.start, today) / days(p.start, p.end);
      // only a summed count's target grows through the period; a level stays the level
      targetToDate = p.target != null && ind.type === 'count' && ind.aggregation === 'sum' ? (p.targetToDate ?? 0) - p.target + p.target * share : p.targetToDate;
    }
  }
  const actualToDate = judged >= 0 ? out[judged].toDate : null;
  // nothing to judge yet: no data if there are targets to reach
  const { status, progress } = judged < 0 ? { status: (ind.targets.length ? 'no_data' : 'no_target') as Status, progress: null } : indicatorStatus(actualToDate, targetToDate, ind.baselineValue, ind.direction, rule);
  return { periods: out, outside, statusPeriod: judged >= 0 ? { start: out[judged].start, end: out[judged].end } : null, actualToDate, targetToDate, status, progress };
}

// ---- checking an entered value ----

export type ValueInput = { value?: number | null; numerator?: number | null; denominator?: number | null; parts?: Parts; partsNote?: string | null };
export type ValueProblemCode = 'value_required' | 'value_range' | 'parts_dimension' | 'parts_category' | 'parts_exceed_total' | 'parts_below_total' | 'part_shape';

/**
 * Problems of a value as entered for an indicator, by field: a count needs a whole value ≥ 0, a
 * percentage its numerator ≤ denominator (or a value in 0–100), yes/no 0 or 1. Parts must be of
 * the indicator's disaggregations and known categories, must not add up to more than the total,
 * and may fall short only with a note saying why.
 */
export function checkValue(
  ind: { type: IndicatorType; disaggregations: readonly string[] },
  v: ValueInput,
  categories: (dimension: string) => readonly string[] | null,
): Record<string, ValueProblemCode> {
  const out: Record<string, ValueProblemCode> = {};
  const hasParts = v.numerator != null || v.denominator != null;
  if (ind.type === 'percentage' && hasParts) {
    if (v.numerator == null) out.numerator = 'value_required';
    if (v.denominator == null) out.denominator = 'value_required';
    if (v.numerator != null && v.denominator != null && (v.numerator < 0 || v.numerator > v.denominator)) out.numerator = 'value_range';
  } else if (v.value == null) out.value = 'value_required';
  else if ((ind.type === 'count' && (v.value < 0 || !Number.isInteger(v.value))) || (ind.type === 'percentage' && (v.value < 0 || v.value > 100)) || (ind.type === 'yes_no' && v.value !== 0 && v.value !== 1))
    out.value = 'value_range';

  const parts = v.parts ?? {};
  const sums: Record<string, Record<string, number | null | undefined>> = {};
  const denominators: Record<string, Record<string, number | null | undefined>> = {};
  for (const [dim, cats] of Object.entries(parts)) {
    if (!ind.disaggregations.includes(dim) || ind.type === 'yes_no') {
      out[`parts.${dim}`] = 'parts_dimension';
      continue;
    }
    const known = categories(dim);
    for (const [cat, p] of Object.entries(cats)) {
      const key = `parts.${dim}.${cat}`;
      if (known && !known.includes(cat)) out[key] = 'parts_category';
      else if (ind.type === 'percentage' && hasParts) {
        if (typeof p !== 'object' || p.numerator < 0 || p.numerator > p.denominator) out[key] = typeof p !== 'object' ? 'part_shape' : 'value_range';
        else {
          (sums[dim] ??= {})[cat] = p.numerator;
          (denominators[dim] ??= {})[cat] = p.denominator;
        }
      } else if (typeof p !== 'number') out[key] = 'part_shape';
      else if (p < 0 || (ind.type === 'count' && !Number.isInteger(p)) || (ind.type === 'percentage' && p > 100)) out[key] = 'value_range';
      else if (ind.type === 'count') (sums[dim] ??= {})[cat] = p;
    }
  }
  // only counts and a percentage's parts add up; averages and percentages by category do not
  const totals: [Record<string, Record<string, number | null | undefined>>, number | null | undefined][] = ind.type === 'count' ? [[sums, v.value]] : ind.type === 'percentage' && hasParts ? [[sums, v.numerator], [denominators, v.denominator]] : [];
  for (const [s, total] of totals) {
    if (total == null) continue;
    for (const p of checkParts(total, s)) {
      const key = `parts.${p.dimension}`;
      if (out[key]) continue;
      if (p.code === 'parts_exceed_total') out[key] = p.code;
      else if (!v.partsNote?.trim()) out[key] = p.code;
    }
  }
  return out;
}
