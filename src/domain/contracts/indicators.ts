import { z } from 'zod';
import { AGGREGATIONS, DIRECTIONS, DISAGGREGATIONS, INDICATOR_FREQUENCIES, INDICATOR_TYPES } from '../indicators.ts';
import { IsoDate, Version, line, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';
import { Computation } from '../computed.ts';

/** API contracts of indicators (issue 4). */
export const Target = z.object({ start: IsoDate, end: IsoDate, value: z.number().finite().min(-1e12).max(1e12) });
export type Target = z.infer<typeof Target>;

export const Indicator = z.object({
  id: z.string(),
  programId: z.string(),
  resultId: z.string(),
  code: z.string(),
  name: z.string(),
  definition: z.string().nullable(),
  unit: z.string().nullable(),
  type: z.enum(INDICATOR_TYPES),
  direction: z.enum(DIRECTIONS),
  aggregation: z.enum(AGGREGATIONS),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)),
  dataSource: z.string().nullable(),
  responsible: MemberRef.nullable(),
  targets: z.array(Target),
  /** a computed indicator's definition; its values come from Gotong's data, not from entries */
  computation: Computation.nullable(),
  computed: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Indicator = z.infer<typeof Indicator>;
export const Indicators = z.object({ items: z.array(Indicator) });

const Fields = {
  code: line(20).min(1),
  name: line(300).min(1),
  definition: optionalText(3000, multiline),
  unit: optionalText(50),
  type: z.enum(INDICATOR_TYPES),
  direction: z.enum(DIRECTIONS),
  aggregation: z.enum(AGGREGATIONS),
  baselineValue: z.number().finite().min(-1e12).max(1e12).nullish(),
  baselineDate: IsoDate.nullish(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)).max(DISAGGREGATIONS.length),
  dataSource: optionalText(500),
  responsibleId: z.uuid().nullish(),
  targets: z.array(Target).max(600),
  computation: Computation.nullish(),
};
export const IndicatorCreate = z
  .object({
    ...Fields,
    // a computed indicator is a count whatever is sent
    type: Fields.type.default('count'),
    direction: Fields.direction.default('increase'),
    aggregation: Fields.aggregation.default('sum'),
    frequency: Fields.frequency.default('quarter'),
    disaggregations: Fields.disaggregations.default([]),
    targets: Fields.targets.default([]),
  })
  .strict();
export type IndicatorCreate = z.input<typeof IndicatorCreate>;
export const IndicatorUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type IndicatorUpdate = z.input<typeof IndicatorUpdate>;
