import { z } from 'zod';
import { PROGRAM_STATUSES, SECTOR_CODES } from '../programs.ts';
import { AreaCode, IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';
import { AreaRef } from './people.ts';

/** API contracts of programs (issue 4). The web app imports the types only. */

export const MemberRef = z.object({ id: z.string(), name: z.string() });

export const Program = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string().nullable(),
  problemStatement: z.string().nullable(),
  goal: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(PROGRAM_STATUSES),
  sectors: z.array(z.enum(SECTOR_CODES)),
  targetAreas: z.array(z.object({ code: z.string(), path: z.array(AreaRef) })),
  targetGroups: z.array(z.string()),
  manager: MemberRef.nullable(),
  team: z.array(MemberRef),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Program = z.infer<typeof Program>;

const ProgramFields = {
  name: line(200).min(1),
  summary: optionalText(2000, multiline),
  problemStatement: optionalText(5000, multiline),
  goal: optionalText(2000, multiline),
  startDate: IsoDate.nullish(),
  endDate: IsoDate.nullish(),
  status: z.enum(PROGRAM_STATUSES),
  sectors: z.array(z.enum(SECTOR_CODES)).max(SECTOR_CODES.length),
  targetAreas: z.array(AreaCode).max(200),
  targetGroups: z.array(line(80).min(1)).max(30),
  managerId: z.uuid().nullish(),
  teamIds: z.array(z.uuid()).max(100),
};
export const ProgramCreate = z
  .object({
    ...ProgramFields,
    status: ProgramFields.status.default('draft'),
    sectors: ProgramFields.sectors.default([]),
    targetAreas: ProgramFields.targetAreas.default([]),
    targetGroups: ProgramFields.targetGroups.default([]),
    teamIds: ProgramFields.teamIds.default([]),
  })
  .strict();
export type ProgramCreate = z.input<typeof ProgramCreate>;
export const ProgramUpdate = z
  .object({ ...Object.fromEntries(Object.entries(ProgramFields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof ProgramFields]: z.ZodOptional<(typeof ProgramFields)[K]> } & { version: typeof Version }>;
export type ProgramUpdate = z.input<typeof ProgramUpdate>;

export const ProgramsQuery = z.object({
  q: line(100).optional(),
  status: z.enum(PROGRAM_STATUSES).optional(),
  sector: z.enum(SECTOR_CODES).optional(),
  /** programs targeting this area, a place inside it, or a wider area containing it */
  areaCode: AreaCode.optional(),
  managerId: z.uuid().optional(),
  /** programs the caller manages or is on the team of */
  mine: boolParam.optional(),
  deleted: boolParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProgramsQuery = z.input<typeof ProgramsQuery>;
export const ProgramsPage = z.object({ items: z.array(Program), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type ProgramsPage = z.infer<typeof ProgramsPage>;
