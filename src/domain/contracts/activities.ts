import { z } from 'zod';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../activities.ts';
import { MAX_OCCURRENCES } from '../recurrence.ts';
import { AreaCode, IsoDate, Version, line, multiline, optionalText } from './common.ts';
import { AreaRef } from './people.ts';
import { MemberRef } from './programs.ts';

/** API contracts of activities and their calendar (issue 5). The web app imports the types only. */

/** A local time of day, 00:00–23:59. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');
/** A built-in type or an organisation's own (checked against its settings by the service). */
export const TypeCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'invalid_option');
const Weekday = z.number().int().min(1).max(7);

export const RepeatRule = z.discriminatedUnion('freq', [
  z
    .object({
      freq: z.literal('weekly'),
      interval: z.number().int().min(1).max(52).default(1),
      weekdays: z.array(Weekday).max(7).default([]),
      until: IsoDate.nullish(),
      count: z.number().int().min(1).max(MAX_OCCURRENCES).nullish(),
    })
    .strict(),
  z
    .object({
      freq: z.literal('monthly'),
      interval: z.number().int().min(1).max(12).default(1),
      monthDay: z.number().int().min(1).max(31).nullish(),
      nth: z.object({ week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]), weekday: Weekday }).strict().nullish(),
      until: IsoDate.nullish(),
      count: z.number().int().min(1).max(MAX_OCCURRENCES).nullish(),
    })
    .strict(),
]);
export type RepeatRule = z.input<typeof RepeatRule>;

export const Activity = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  program: z.object({ id: z.string(), name: z.string() }).nullable(),
  result: z.object({ id: z.string(), statement: z.string(), level: z.string() }).nullable(),
  /** UTC instants */
  startsAt: z.string(),
  endsAt: z.string(),
  /** the same, in the organisation's time zone; for an all-day activity endDate is its last day */
  startDate: z.string(),
  startTime: z.string(),
  endDate: z.string(),
  endTime: z.string(),
  timeZone: z.string(),
  allDay: z.boolean(),
  series: z.object({ id: z.string(), rule: z.any(), detached: z.boolean() }).nullable(),
  venue: z.string().nullable(),
  area: z.object({ code: z.string(), path: z.array(AreaRef) }).nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  capacity: z.number().nullable(),
  facilitators: z.array(MemberRef),
  status: z.enum(ACTIVITY_STATUSES),
  cancelReason: z.string().nullable(),
  description: z.string().nullable(),
  /** integer minor units of currency */
  plannedCost: z.number().nullable(),
  currency: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;

const Fields = {
  title: line(200).min(1),
  type: TypeCode,
  programId: z.uuid().nullish(),
  resultId: z.uuid().nullish(),
  startDate: IsoDate,
  /** required unless allDay */
  startTime: LocalTime.nullish(),
  /** defaults to startDate */
  endDate: IsoDate.nullish(),
  endTime: LocalTime.nullish(),
  allDay: z.boolean(),
  venue: optionalText(200),
  areaCode: AreaCode.nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  capacity: z.number().int().min(1).max(1_000_000).nullish(),
  facilitatorIds: z.array(z.uuid()).max(50),
  status: z.enum(ACTIVITY_STATUSES),
  cancelReason: optionalText(1000, multiline),
  description: optionalText(5000, multiline),
  plannedCost: z.number().int().min(0).max(1e15).nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'invalid_currency'),
};
export const ActivityCreate = z
  .object({
    ...Fields,
    type: Fields.type.default('meeting'),
    allDay: Fields.allDay.default(false),
    facilitatorIds: Fields.facilitatorIds.default([]),
    status: Fields.status.default('planned'),
    currency: Fields.currency.default('IDR'),
    /** make a series: one activity per occurrence */
    repeat: RepeatRule.nullish(),
  })
  .strict();
export type ActivityCreate = z.input<typeof ActivityCreate>;
export const ActivityUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> } & { version: typeof Version }>;
export type ActivityUpdate = z.input<typeof ActivityUpdate>;

/** A series occurrence: change or delete this one only, or this and the following ones. */
export const ScopeQuery = z.object({ scope: z.enum(['one', 'following']).default('one') });

export const ActivitiesQuery = z.object({
  /** local dates, inclusive; at most MAX_RANGE_DAYS apart */
  from: IsoDate,
  to: IsoDate,
  programId: z.uuid().optional(),
  type: TypeCode.optional(),
  /** activities in this area or a place inside it */
  areaCode: AreaCode.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  q: line(100).optional(),
  /** activities I facilitate */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ActivitiesQuery = z.input<typeof ActivitiesQuery>;
export const ActivitiesPage = z.object({ items: z.array(Activity), nextCursor: z.string().nullable() });
export type ActivitiesPage = z.infer<typeof ActivitiesPage>;

/** What a series create or a "following" change or delete touched. */
export const ActivityChange = z.object({ item: Activity, affected: z.number() });
export type ActivityChange = z.infer<typeof ActivityChange>;

export const ActivityTypes = z.object({
  builtIn: z.array(z.enum(ACTIVITY_TYPES)),
  custom: z.array(z.object({ code: z.string(), label: z.object({ id: z.string(), en: z.string() }) })),
});
export type ActivityTypes = z.infer<typeof ActivityTypes>;
export const ActivityTypesUpdate = z
  .object({
    custom: z
      .array(z.object({ code: TypeCode, label: z.object({ id: line(60).min(1), en: line(60).min(1) }).strict() }).strict())
      .max(50),
  })
  .strict();
export type ActivityTypesUpdate = z.input<typeof ActivityTypesUpdate>;

export const CalendarFeed = z.object({ createdAt: z.string().nullable() });
export const CalendarFeedLinks = z.object({ createdAt: z.string(), orgUrl: z.string(), meUrl: z.string() });
export type CalendarFeedLinks = z.infer<typeof CalendarFeedLinks>;
