import { z } from 'zod';
import { OrgReach } from './values.ts';
import { ATTENDANCE_METHODS, CODE_LENGTH, MAX_QUESTIONS, PUBLIC_FIELDS, REGISTRATION_STATUSES } from '../participation.ts';
import { SEXES } from '../people.ts';
import { Version, boolParam, line, optionalText } from './common.ts';
import { PersonFields } from './people.ts';

/** API contracts of registration and attendance (issue 5). The web app imports the types only. */

/** The person on a registration or attendance row: what a list needs, nothing more. */
export const PersonBrief = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES).nullable(),
  birthYear: z.number().nullable(),
  phone: z.string().nullable(),
  /** the deepest area's name */
  areaName: z.string().nullable(),
  deleted: z.boolean(),
});
export type PersonBrief = z.infer<typeof PersonBrief>;

export const Registration = z.object({
  id: z.string(),
  activityId: z.string(),
  person: PersonBrief,
  status: z.enum(REGISTRATION_STATUSES),
  source: z.enum(['staff', 'public']),
  /** the check-in code; its QR code holds exactly this string */
  code: z.string(),
  /** a public registration matched the registry only loosely: staff confirm it or review the duplicate */
  needsReview: z.boolean(),
  /** the open duplicate pair to review, when there is one */
  duplicatePairId: z.string().nullable(),
  answers: z.record(z.string(), z.string()),
  /** 1 for the first in line; null unless waitlisted */
  waitlistPosition: z.number().nullable(),
  checkedInAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Registration = z.infer<typeof Registration>;

export const RegistrationCounts = z.object({ registered: z.number(), waitlisted: z.number(), cancelled: z.number(), needsReview: z.number(), attended: z.number() });
export type RegistrationCounts = z.infer<typeof RegistrationCounts>;

export const RegistrationsQuery = z.object({
  q: line(100).optional(),
  status: z.enum(REGISTRATION_STATUSES).optional(),
  needsReview: boolParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type RegistrationsQuery = z.input<typeof RegistrationsQuery>;
export const RegistrationsPage = z.object({ items: z.array(Registration), nextCursor: z.string().nullable(), total: z.number(), counts: RegistrationCounts, capacity: z.number().nullable() });
export type RegistrationsPage = z.infer<typeof RegistrationsPage>;

export const RegistrationCreate = z.object({ personId: z.uuid() }).strict();
export type RegistrationCreate = z.input<typeof RegistrationCreate>;
export const RegistrationCancel = z.object({ version: Version, reason: optionalText(500) }).strict();
export const VersionBody = z.object({ version: Version }).strict();
/** A change and who moved up from the waitlist because of it. */
export const RegistrationChange = z.object({ item: Registration, movedUp: z.array(z.object({ id: z.string(), fullName: z.string() })) });
export type RegistrationChange = z.infer<typeof RegistrationChange>;

// ---- attendance ----

export const Attendance = z.object({
  activityId: z.string(),
  person: PersonBrief,
  checkedInAt: z.string(),
  method: z.enum(ATTENDANCE_METHODS),
  recordedByName: z.string().nullable(),
  /** the person's registration for this activity, if any */
  registrationStatus: z.enum(REGISTRATION_STATUSES).nullable(),
});
export type Attendance = z.infer<typeof Attendance>;
export const AttendanceQuery = z.object({ q: line(100).optional(), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(1000).default(50) });
export const AttendancePage = z.object({ items: z.array(Attendance), nextCursor: z.string().nullable(), total: z.number() });
export type AttendancePage = z.infer<typeof AttendancePage>;

/** When the device saw the person arrive: an offline check-in is sent later. */
const CheckedInAt = z.iso.datetime({ offset: true }).optional();
export const CheckIn = z.object({ method: z.enum(ATTENDANCE_METHODS).default('list'), checkedInAt: CheckedInAt }).strict();
export type CheckIn = z.input<typeof CheckIn>;
export const CheckInByCode = z.object({ code: line(40).min(1), checkedInAt: CheckedInAt }).strict();
export type CheckInByCode = z.input<typeof CheckInByCode>;
/** created: false when the person was already checked in (a replay counts once). */
export const CheckInResult = z.object({ created: z.boolean(), item: Attendance });
export type CheckInResult = z.infer<typeof CheckInResult>;
export const SheetEntry = z.object({ personIds: z.array(z.uuid()).min(1).max(1000) }).strict();
export const SheetResult = z.object({ added: z.number(), already: z.number() });
export type SheetResult = z.infer<typeof SheetResult>;

// ---- the public registration link ----

export const LinkField = z.object({ field: z.enum(PUBLIC_FIELDS), required: z.boolean().default(false) }).strict();
export const LinkQuestion = z.object({ id: z.string().regex(/^q[1-9]$/, 'invalid'), label: line(200).min(1), required: z.boolean().default(false) }).strict();
export type LinkQuestion = z.infer<typeof LinkQuestion>;

export const RegistrationLink = z.object({
  activityId: z.string(),
  token: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  fields: z.array(z.object({ field: z.enum(PUBLIC_FIELDS), required: z.boolean() })),
  questions: z.array(z.object({ id: z.string(), label: z.string(), required: z.boolean() })),
  closesAt: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type RegistrationLink = z.infer<typeof RegistrationLink>;
export const RegistrationLinkState = z.object({ link: RegistrationLink.nullable() });
export const RegistrationLinkSave = z
  .object({
    enabled: z.boolean(),
    fields: z.array(LinkField).max(PUBLIC_FIELDS.length),
    questions: z.array(LinkQuestion).max(MAX_QUESTIONS),
    closesAt: z.iso.datetime({ offset: true }).nullish(),
    /** the version read; absent when the activity has no link yet */
    version: Version.optional(),
  })
  .strict();
export type RegistrationLinkSave = z.input<typeof RegistrationLinkSave>;

/** What the public form shows: the activity's public facts, never registry data. */
export const PublicForm = z.object({
  organization: z.string(),
  activity: z.object({
    title: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    allDay: z.boolean(),
    timeZone: z.string(),
    venue: z.string().nullable(),
    place: z.string().nullable(),
    description: z.string().nullable(),
  }),
  fields: z.array(z.object({ field: z.enum(PUBLIC_FIELDS), required: z.boolean() })),
  questions: z.array(z.object({ id: z.string(), label: z.string(), required: z.boolean() })),
  /** open, or why not */
  state: z.enum(['open', 'closed', 'cancelled', 'past']),
  /** signed start time of the form: a submission sooner than a person can type is refused */
  formToken: z.string(),
});
export type PublicForm = z.infer<typeof PublicForm>;

export const PublicSubmit = z
  .object({
    fullName: PersonFields.fullName,
    phone: PersonFields.phone,
    email: PersonFields.email,
    sex: PersonFields.sex,
    birthYear: PersonFields.birthYear,
    areaCode: PersonFields.areaCode,
    answers: z.record(z.string().regex(/^q[1-9]$/), line(1000)).default({}),
    consent: z.boolean(),
    formToken: z.string().max(200),
    /** the honeypot: a hidden field people never fill */
    website: z.string().max(500).optional(),
  })
  .strict();
export type PublicSubmit = z.input<typeof PublicSubmit>;
export const PublicConfirmation = z.object({ status: z.enum(['registered', 'waitlisted']), code: z.string().length(CODE_LENGTH), activityTitle: z.string(), emailSent: z.boolean() });
export type PublicConfirmation = z.infer<typeof PublicConfirmation>;

// ---- a person's participation ----

export const PersonParticipation = z.object({
  activity: z.object({ id: z.string(), title: z.string(), type: z.string(), startDate: z.string(), status: z.string(), programName: z.string().nullable(), deleted: z.boolean() }),
  registrationStatus: z.enum(REGISTRATION_STATUSES).nullable(),
  attended: z.boolean(),
  checkedInAt: z.string().nullable(),
});
export type PersonParticipation = z.infer<typeof PersonParticipation>;
export const PersonParticipationPage = z.object({ items: z.array(PersonParticipation), nextCursor: z.string().nullable(), counts: z.object({ registered: z.number(), attended: z.number() }) });
export type PersonParticipationPage = z.infer<typeof PersonParticipationPage>;

/** A program's participation (issue 5): registered vs attended, repeat participation, per period new vs returning, and the people reached by breakdown. */
const Count = z.object({ key: z.string(), count: z.number() });
export const ProgramParticipation = z.object({
  programId: z.string(),
  today: z.string(),
  frequency: z.enum(['month', 'quarter', 'year']),
  totals: z.object({ activities: z.number(), registered: z.number(), attended: z.number(), attendedRegistered: z.number(), walkIns: z.number(), attendanceRate: z.number().nullable(), people: z.number() }),
  repeat: z.array(Count),
  periods: z.array(z.object({ start: z.string(), end: z.string(), activities: z.number(), attended: z.number(), people: z.number(), newPeople: z.number(), returningPeople: z.number() })),
  /** distinct people reached: new per period, to date, by sex, age band, disability and regency */
  reach: OrgReach,
});
export type ProgramParticipation = z.infer<typeof ProgramParticipation>;
