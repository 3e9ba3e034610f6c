import { z } from 'zod';
import { INDICATOR_TYPES } from '../indicators.ts';
import { IsoDate, Version, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';

/** API contracts of results data (issue 4): values reported for an indicator, their review and evidence. */
export const VALUE_STATUSES = ['submitted', 'approved', 'returned'] as const;

const Amount = z.number().finite().min(-1e12).max(1e12);
const Part = z.union([Amount, z.object({ numerator: Amount, denominator: Amount }).strict()]);
/** dimension → category → part; categories are short keys (age bands, area codes) */
const PartsInput = z.record(z.string().max(20), z.record(z.string().max(20), Part)).refine((p) => Object.values(p).every((c) => Object.keys(c).length <= 60), 'too_many');

export const Evidence = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), createdAt: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const IndicatorValue = z.object({
  id: z.string(),
  indicatorId: z.string(),
  programId: z.string(),
  date: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  parts: z.record(z.string(), z.record(z.string(), Part)),
  partsNote: z.string().nullable(),
  comment: z.string().nullable(),
  status: z.enum(VALUE_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedBy: MemberRef.nullable(),
  reviewedAt: z.string().nullable(),
  enteredBy: MemberRef.nullable(),
  evidence: z.array(Evidence),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;
export const IndicatorValues = z.object({ items: z.array(IndicatorValue) });
/** The review queue of a program: values with the indicator they belong to. */
export const PendingValues = z.object({ items: z.array(IndicatorValue.extend({ indicatorCode: z.string(), indicatorName: z.string(), indicatorType: z.enum(INDICATOR_TYPES), unit: z.string().nullable() })) });
export type PendingValues = z.infer<typeof PendingValues>;
/** How many values wait for review in each program, the program with the oldest first (the home screen's queue). */
export const PendingByProgram = z.object({ items: z.array(z.object({ programId: z.string(), programName: z.string(), count: z.number() })) });
export type PendingByProgram = z.infer<typeof PendingByProgram>;

const Fields = {
  date: IsoDate,
  value: Amount.nullish(),
  numerator: Amount.nullish(),
  denominator: Amount.nullish(),
  parts: PartsInput,
  partsNote: optionalText(500),
  comment: optionalText(3000, multiline),
};
export const ValueCreate = z.object({ ...Fields, parts: Fields.parts.default({}) }).strict();
export type ValueCreate = z.input<typeof ValueCreate>;
export const ValueUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type ValueUpdate = z.input<typeof ValueUpdate>;

export const ValueReview = z
  .object({ decision: z.enum(['approve', 'return']), reason: optionalText(1000, multiline), version: Version })
  .strict();
export type ValueReview = z.input<typeof ValueReview>;

export const ValuesQuery = z.object({ status: z.enum(VALUE_STATUSES).optional() });

// ---- series and dashboards ----

const FigureSchema = z.object({ value: z.number().nullable(), numerator: z.number().optional(), denominator: z.number().optional(), updates: z.number() });
export const SeriesPeriod = z.object({
  start: z.string(),
  end: z.string(),
  target: z.number().nullable(),
  targetToDate: z.number().nullable(),
  figure: FigureSchema,
  toDate: z.number().nullable(),
  parts: z.record(z.string(), z.record(z.string(), z.object({ value: z.number().nullable(), toDate: z.number().nullable() }))),
});
export const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data', 'no_target'] as const;
export const Series = z.object({
  periods: z.array(SeriesPeriod),
  outside: z.number(),
  statusPeriod: z.object({ start: z.string(), end: z.string() }).nullable(),
  actualToDate: z.number().nullable(),
  targetToDate: z.number().nullable(),
  status: z.enum(STATUSES),
  progress: z.number().nullable(),
  /** values waiting for review (not in the figures) */
  pending: z.number(),
});
export type Series = z.infer<typeof Series>;
export const StatusRule = z.object({ onTrack: z.number().min(0).max(2), atRisk: z.number().min(0).max(2) });

export const IndicatorSeries = z.object({ indicatorId: z.string(), rule: StatusRule, today: z.string(), series: Series });
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;

export const Dashboard = z.object({
  programId: z.string(),
  today: z.string(),
  rule: StatusRule,
  counts: z.record(z.enum(STATUSES), z.number()),
  indicators: z.array(z.object({ id: z.string(), resultId: z.string(), code: z.string(), name: z.string(), unit: z.string().nullable(), type: z.enum(INDICATOR_TYPES), direction: z.string(), baselineValue: z.number().nullable(), computed: z.boolean(), series: Series })),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** Across the organisation: each program's indicators by status and its headline indicator. */
export const OrgDashboard = z.object({
  today: z.string(),
  rule: StatusRule,
  counts: z.record(z.enum(STATUSES), z.number()),
  programs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      counts: z.record(z.enum(STATUSES), z.number()),
      headline: z.object({ id: z.string(), code: z.string(), name: z.string(), type: z.enum(INDICATOR_TYPES), status: z.enum(STATUSES), progress: z.number().nullable(), actualToDate: z.number().nullable(), targetToDate: z.number().nullable() }).nullable(),
    }),
  ),
});
export type OrgDashboard = z.infer<typeof OrgDashboard>;

/** Across the organisation: distinct people reached by its activities (per period: reached for the first time). */
export const OrgReach = z.object({ today: z.string(), from: z.string(), to: z.string(), frequency: z.enum(['month', 'quarter', 'year']), series: Series, areaNames: z.record(z.string(), z.string()) });
export type OrgReach = z.infer<typeof OrgReach>;
