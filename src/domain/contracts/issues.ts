import { z } from 'zod';
import { ISSUE_STATUSES } from '../programs.ts';
import { IsoDate, Version, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';

/** API contracts of a program's issue log (issue 4): what happened, its impact, the decision taken. */
export const Issue = z.object({
  id: z.string(),
  programId: z.string(),
  description: z.string(),
  impact: z.string().nullable(),
  decision: z.string().nullable(),
  owner: MemberRef.nullable(),
  status: z.enum(ISSUE_STATUSES),
  raisedDate: z.string(),
  resolvedDate: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Issue = z.infer<typeof Issue>;
export const Issues = z.object({ items: z.array(Issue) });

const Fields = {
  description: multiline(2000).min(1),
  impact: optionalText(3000, multiline),
  decision: optionalText(3000, multiline),
  ownerId: z.uuid().nullish(),
  status: z.enum(ISSUE_STATUSES),
  /** today in the organisation's time zone when left out */
  raisedDate: IsoDate,
  /** today when the issue is resolved without one; cleared when it is opened again */
  resolvedDate: IsoDate.nullish(),
};
/** Open unless resolved (a status of resolved, or a resolved date). */
export const IssueCreate = z.object({ ...Fields, status: Fields.status.optional(), raisedDate: Fields.raisedDate.optional() }).strict();
export type IssueCreate = z.input<typeof IssueCreate>;
export const IssueUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type IssueUpdate = z.input<typeof IssueUpdate>;
