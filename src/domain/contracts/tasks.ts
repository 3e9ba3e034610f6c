import { z } from 'zod';
import { TASK_LINK_TYPES, TASK_PRIORITIES, TASK_STATUSES } from '../tasks.ts';
import { IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';

/** API contracts of tasks (issue 4). The web app imports the types only. */
export const TaskLink = z.object({
  type: z.enum(TASK_LINK_TYPES),
  id: z.string(),
  /** the result's statement, the risk's or the issue's description */
  label: z.string(),
  /** the linked record is in the bin (the link comes back with it) */
  deleted: z.boolean(),
});
export type TaskLink = z.infer<typeof TaskLink>;

export const Task = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  assignee: MemberRef.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  /** when the task was marked done */
  completedAt: z.string().nullable(),
  link: TaskLink.nullable(),
  /** past its due date (in the organisation's time zone) and neither done nor cancelled */
  overdue: z.boolean(),
  /** whole days past the due date; 0 when not overdue */
  daysOverdue: z.number(),
  commentCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

const Fields = {
  title: line(300).min(1),
  description: optionalText(5000, multiline),
  assigneeId: z.uuid().nullish(),
  dueDate: IsoDate.nullish(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  /** at most one of resultId, riskId, issueId, all in the task's program */
  resultId: z.uuid().nullish(),
  riskId: z.uuid().nullish(),
  issueId: z.uuid().nullish(),
};
export const TaskCreate = z.object({ programId: z.uuid(), ...Fields, status: Fields.status.default('todo'), priority: Fields.priority.default('normal') }).strict();
export type TaskCreate = z.input<typeof TaskCreate>;
/** A task stays in its program. Naming any of resultId/riskId/issueId replaces the whole link. */
export const TaskUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type TaskUpdate = z.input<typeof TaskUpdate>;

/** `status=todo,in_progress` or `status=todo&status=in_progress`. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string().max(200), z.array(z.string().max(50)).max(20)])
    .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values)));

export const TasksQuery = z.object({
  programId: z.uuid().optional(),
  /** me, none (unassigned) or a member's id */
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  status: listOf(TASK_STATUSES).optional(),
  priority: listOf(TASK_PRIORITIES).optional(),
  overdue: boolParam.optional(),
  /** words of the title */
  q: line(100).optional(),
  resultId: z.uuid().optional(),
  riskId: z.uuid().optional(),
  issueId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TasksQuery = z.input<typeof TasksQuery>;
/** Open tasks first, by due date (no date last), the most urgent first on a day. */
export const TasksPage = z.object({ items: z.array(Task), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type TasksPage = z.infer<typeof TasksPage>;

export const TaskComment = z.object({ id: z.string(), taskId: z.string(), author: MemberRef, body: z.string(), createdAt: z.string() });
export type TaskComment = z.infer<typeof TaskComment>;
export const TaskComments = z.object({ items: z.array(TaskComment) });
export const TaskCommentCreate = z.object({ body: multiline(4000).min(1) }).strict();
export type TaskCommentCreate = z.input<typeof TaskCommentCreate>;
