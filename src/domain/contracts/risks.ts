import { z } from 'zod';
import { RISK_CATEGORIES, RISK_STATUSES } from '../programs.ts';
import { IsoDate, Version, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';

/** API contracts of a program's risk register (issue 4). */
export const Risk = z.object({
  id: z.string(),
  programId: z.string(),
  description: z.string(),
  category: z.enum(RISK_CATEGORIES),
  likelihood: z.number(),
  impact: z.number(),
  /** likelihood × impact */
  score: z.number(),
  level: z.enum(['low', 'medium', 'high', 'extreme']),
  mitigation: z.string().nullable(),
  owner: MemberRef.nullable(),
  reviewDate: z.string().nullable(),
  status: z.enum(RISK_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Risk = z.infer<typeof Risk>;
export const Risks = z.object({ items: z.array(Risk) });

const Scale = z.number().int().min(1).max(5);
const Fields = {
  description: multiline(2000).min(1),
  category: z.enum(RISK_CATEGORIES),
  likelihood: Scale,
  impact: Scale,
  mitigation: optionalText(3000, multiline),
  ownerId: z.uuid().nullish(),
  reviewDate: IsoDate.nullish(),
  status: z.enum(RISK_STATUSES),
};
export const RiskCreate = z.object({ ...Fields, status: Fields.status.default('open') }).strict();
export type RiskCreate = z.input<typeof RiskCreate>;
export const RiskUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type RiskUpdate = z.input<typeof RiskUpdate>;
