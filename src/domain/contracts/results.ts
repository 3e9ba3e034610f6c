import { z } from 'zod';
import { RESULT_LEVELS } from '../programs.ts';
import { Version, line, multiline, optionalText } from './common.ts';

/** API contracts of a program's results framework (issue 4). */
export const Result = z.object({
  id: z.string(),
  programId: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(RESULT_LEVELS),
  /** 1, 1.2, 1.2.3 from the order of siblings; '' for the goal */
  code: z.string(),
  position: z.number(),
  statement: z.string(),
  assumptions: z.string().nullable(),
  meansOfVerification: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Result = z.infer<typeof Result>;

/** The whole framework, depth first (goal, outcome 1, its outputs and their activities, outcome 2 …). */
export const Framework = z.object({ items: z.array(Result) });
export type Framework = z.infer<typeof Framework>;

const Fields = {
  statement: line(1000).min(1),
  assumptions: optionalText(2000, multiline),
  meansOfVerification: optionalText(2000, multiline),
};
export const ResultCreate = z
  .object({
    /** null for the goal; the level follows from the parent's */
    parentId: z.uuid().nullable(),
    ...Fields,
    /** where among its siblings (0 first); at the end when left out */
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type ResultCreate = z.input<typeof ResultCreate>;
export const ResultUpdate = z
  .object({ statement: Fields.statement.optional(), assumptions: Fields.assumptions.optional(), meansOfVerification: Fields.meansOfVerification.optional(), version: Version })
  .strict();
export type ResultUpdate = z.input<typeof ResultUpdate>;
export const ResultMove = z.object({ position: z.number().int().min(0).max(10_000), version: Version }).strict();
export type ResultMove = z.input<typeof ResultMove>;
/** What a delete removed: the result and everything under it, restorable together. */
export const ResultDeleted = z.object({ deleted: z.number(), framework: Framework });
