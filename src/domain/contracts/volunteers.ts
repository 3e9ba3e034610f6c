import { z } from 'zod';
import { DOCUMENT_KINDS, HOURS_SOURCES, HOURS_STATUSES, VOLUNTEER_STATUSES } from '../volunteers.ts';
import { LocalTime, TypeCode } from './activities.ts';
import { AreaCode, IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';
import { AreaRef } from './people.ts';
import { MemberRef } from './programs.ts';

/** API contracts of volunteers (issue 5). The web app imports the types only. */

const Weekday = z.number().int().min(1).max(7);
/** A weekly window: "to" may be 24:00 (the end of the day). */
export const Slot = z
  .object({ weekday: Weekday, from: LocalTime, to: z.union([LocalTime, z.literal('24:00')]) })
  .strict()
  .refine((s) => s.to > s.from, { message: 'ends_before_starts', path: ['to'] });
/** A skill code of the organisation's list (same shape as an activity type code). */
export const SkillCode = TypeCode;

const Fields = {
  personId: z.uuid(),
  status: z.enum(VOLUNTEER_STATUSES),
  skills: z.array(SkillCode).max(30),
  tags: z.array(line(40).min(1)).max(30),
  languages: z.array(line(40).min(1)).max(20),
  availability: z.array(Slot).max(50),
  areaCodes: z.array(AreaCode).max(20),
  emergencyName: optionalText(200),
  emergencyPhone: optionalText(40),
  notes: optionalText(5000, multiline),
};
export const VolunteerCreate = z
  .object({
    ...Fields,
    status: Fields.status.default('active'),
    skills: Fields.skills.default([]),
    tags: Fields.tags.default([]),
    languages: Fields.languages.default([]),
    availability: Fields.availability.default([]),
    areaCodes: Fields.areaCodes.default([]),
  })
  .strict();
export type VolunteerCreate = z.input<typeof VolunteerCreate>;
const { personId: _p, ...Editable } = Fields;
export const VolunteerUpdate = z
  .object({ ...Object.fromEntries(Object.entries(Editable).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof Editable]: z.ZodOptional<(typeof Editable)[K]> } & { version: typeof Version }>;
export type VolunteerUpdate = z.input<typeof VolunteerUpdate>;

export const VolunteerDocument = z.object({ id: z.string(), kind: z.enum(DOCUMENT_KINDS), fileName: z.string(), contentType: z.string(), size: z.number(), createdAt: z.string() });
export type VolunteerDocument = z.infer<typeof VolunteerDocument>;

const PersonRef = z.object({ id: z.string(), fullName: z.string(), preferredName: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });

/** A shift: a volunteer on a role of an activity; times are UTC instants and local dates and times. */
export const Shift = z.object({
  id: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  activity: z.object({ id: z.string(), title: z.string(), status: z.string(), venue: z.string().nullable() }),
  volunteer: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  date: z.string(),
  startTime: z.string(),
  endDate: z.string(),
  endTime: z.string(),
  source: z.enum(['staff', 'self']),
  status: z.enum(['assigned', 'cancelled']),
  version: z.number(),
});
export type Shift = z.infer<typeof Shift>;

export const Volunteer = z.object({
  id: z.string(),
  person: PersonRef,
  status: z.enum(VOLUNTEER_STATUSES),
  skills: z.array(z.string()),
  tags: z.array(z.string()),
  languages: z.array(z.string()),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  areas: z.array(z.object({ code: z.string(), path: z.array(AreaRef) })),
  emergencyName: z.string().nullable(),
  /** the whole number on a volunteer's page; lists show it masked */
  emergencyPhone: z.string().nullable(),
  notes: z.string().nullable(),
  /** approved hours, all time */
  hours: z.number(),
  linkCreatedAt: z.string().nullable(),
  documents: z.array(VolunteerDocument),
  upcomingShifts: z.array(Shift),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Volunteer = z.infer<typeof Volunteer>;

export const VolunteerListItem = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), fullName: z.string(), preferredName: z.string().nullable() }),
  status: z.enum(VOLUNTEER_STATUSES),
  skills: z.array(z.string()),
  tags: z.array(z.string()),
  languages: z.array(z.string()),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  emergencyName: z.string().nullable(),
  emergencyPhoneMasked: z.string().nullable(),
  hours: z.number(),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type VolunteerListItem = z.infer<typeof VolunteerListItem>;

export const VolunteersQuery = z.object({
  q: line(100).optional(),
  skill: SkillCode.optional(),
  /** preferred areas in this area or inside it */
  areaCode: AreaCode.optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  /** free on this weekday (1 = Monday) … */
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  /** … at this local time */
  time: LocalTime.optional(),
  personId: z.uuid().optional(),
  deleted: boolParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type VolunteersQuery = z.input<typeof VolunteersQuery>;
export const VolunteersPage = z.object({ items: z.array(VolunteerListItem), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type VolunteersPage = z.infer<typeof VolunteersPage>;

export const Skills = z.object({ skills: z.array(z.object({ code: z.string(), label: z.object({ id: z.string(), en: z.string() }) })) });
export type Skills = z.infer<typeof Skills>;
export const SkillsUpdate = z
  .object({ skills: z.array(z.object({ code: SkillCode, label: z.object({ id: line(60).min(1), en: line(60).min(1) }).strict() }).strict()).max(100) })
  .strict();
export type SkillsUpdate = z.input<typeof SkillsUpdate>;

export const VolunteerLink = z.object({ createdAt: z.string(), url: z.string() });
export type VolunteerLink = z.infer<typeof VolunteerLink>;

// ---- roles per activity ----

/** A shift inside the activity, local dates and times; the dates default to the activity's start date. */
export const ShiftInput = z
  .object({ startDate: IsoDate.nullish(), startTime: LocalTime, endDate: IsoDate.nullish(), endTime: LocalTime })
  .strict();
const RoleFields = {
  name: line(120).min(1),
  skills: z.array(SkillCode).max(10),
  needed: z.number().int().min(1).max(1000),
  /** none: the whole activity */
  shift: ShiftInput.nullish(),
  description: optionalText(2000, multiline),
};
export const RoleCreate = z.object({ ...RoleFields, skills: RoleFields.skills.default([]) }).strict();
export type RoleCreate = z.input<typeof RoleCreate>;
export const RoleUpdate = z
  .object({ ...Object.fromEntries(Object.entries(RoleFields).map(([k, v]) => [k, v.optional()])), version: Version })
  .strict() as unknown as z.ZodObject<{ [K in keyof typeof RoleFields]: z.ZodOptional<(typeof RoleFields)[K]> } & { version: typeof Version }>;
export type RoleUpdate = z.input<typeof RoleUpdate>;

export const VolunteerRole = z.object({
  id: z.string(),
  activityId: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  needed: z.number(),
  /** the shift's local span; null: the whole activity */
  shift: z.object({ startDate: z.string(), startTime: z.string(), endDate: z.string(), endTime: z.string() }).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  description: z.string().nullable(),
  assigned: z.array(z.object({ id: z.string(), volunteerId: z.string(), name: z.string(), source: z.enum(['staff', 'self']), personId: z.string() })),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type VolunteerRole = z.infer<typeof VolunteerRole>;
export const VolunteerRoles = z.object({ items: z.array(VolunteerRole) });
export type VolunteerRoles = z.infer<typeof VolunteerRoles>;

const Points = z.number();
export const SuggestionItem = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number(),
  busy: z.boolean(),
  hours: z.number(),
  factors: z.object({
    skills: z.object({ points: Points, fit: z.enum(['all', 'some', 'none', 'any']), matched: z.array(z.string()), missing: z.array(z.string()) }),
    availability: z.object({ points: Points, fit: z.enum(['full', 'partial', 'none', 'unknown']) }),
    area: z.object({ points: Points, fit: z.enum(['exact', 'within', 'near', 'none', 'unknown']), area: z.string().nullable(), areaName: z.string().nullable() }),
    fairness: z.object({ points: Points, hours: z.number() }),
  }),
});
export type SuggestionItem = z.infer<typeof SuggestionItem>;
export const Suggestions = z.object({ items: z.array(SuggestionItem), weekday: z.number(), startTime: z.string(), endTime: z.string() });
export type Suggestions = z.infer<typeof Suggestions>;

export const AssignmentCreate = z.object({ volunteerId: z.uuid() }).strict();

// ---- hours ----

export const Hours = z.object({
  id: z.string(),
  volunteer: z.object({ id: z.string(), name: z.string() }),
  activity: z.object({ id: z.string(), title: z.string() }).nullable(),
  program: z.object({ id: z.string(), name: z.string() }).nullable(),
  date: z.string(),
  hours: z.number(),
  note: z.string().nullable(),
  source: z.enum(HOURS_SOURCES),
  status: z.enum(HOURS_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedBy: MemberRef.nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Hours = z.infer<typeof Hours>;

/** Hours in quarters of an hour, at most a day. */
const HoursAmount = z.number().min(0.25).max(24).multipleOf(0.25, 'hours_quarter');
export const HoursCreate = z
  .object({ volunteerId: z.uuid(), date: IsoDate, hours: HoursAmount, activityId: z.uuid().nullish(), programId: z.uuid().nullish(), note: optionalText(1000, multiline) })
  .strict();
export type HoursCreate = z.input<typeof HoursCreate>;
export const HoursReview = z
  .object({ decision: z.enum(['approve', 'reject']), reason: optionalText(1000, multiline), version: Version })
  .strict();
export type HoursReview = z.input<typeof HoursReview>;
export const HoursQuery = z.object({
  volunteerId: z.uuid().optional(),
  status: z.enum(HOURS_STATUSES).optional(),
  programId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HoursQuery = z.input<typeof HoursQuery>;
export const HoursPage = z.object({ items: z.array(Hours), nextCursor: z.string().nullable() });
export type HoursPage = z.infer<typeof HoursPage>;

export const HoursReportQuery = z.object({
  from: IsoDate,
  to: IsoDate,
  programId: z.uuid().optional(),
  volunteerId: z.uuid().optional(),
  lang: z.enum(['id', 'en']).optional(),
});
export type HoursReportQuery = z.input<typeof HoursReportQuery>;
/** Approved hours per volunteer and program in a period (no program: hours not tied to one). */
export const HoursReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ volunteer: z.object({ id: z.string(), name: z.string() }), program: z.object({ id: z.string(), name: z.string() }).nullable(), entries: z.number(), hours: z.number() })),
  totalHours: z.number(),
  volunteers: z.number(),
});
export type HoursReport = z.infer<typeof HoursReport>;

// ---- the personal link (no login) ----

export const OpenRole = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  needed: z.number(),
  taken: z.number(),
  activity: z.object({ id: z.string(), title: z.string(), venue: z.string().nullable(), area: z.string().nullable() }),
  date: z.string(),
  startTime: z.string(),
  endDate: z.string(),
  endTime: z.string(),
  /** I already have a shift at an overlapping time */
  clash: z.boolean(),
});
export type OpenRole = z.infer<typeof OpenRole>;

export const SelfView = z.object({
  organization: z.string(),
  name: z.string(),
  status: z.enum(VOLUNTEER_STATUSES),
  timeZone: z.string(),
  today: z.string(),
  skillLabels: Skills.shape.skills,
  shifts: z.array(Shift),
  openRoles: z.array(OpenRole),
  hours: z.array(Hours),
  approvedHours: z.number(),
  /** activities I can report hours for: my shifts of the last 90 days */
  activities: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })),
});
export type SelfView = z.infer<typeof SelfView>;
export const SelfHoursCreate = z
  .object({ date: IsoDate, hours: HoursAmount, activityId: z.uuid().nullish(), note: optionalText(1000, multiline) })
  .strict();
export type SelfHoursCreate = z.input<typeof SelfHoursCreate>;
export const TokenParams = z.object({ token: z.string().min(10).max(200).regex(/^[A-Za-z0-9_-]+$/) });
