import { z } from 'zod';
import { FUNDER_KINDS, GRANT_STATUSES, INTERACTION_KINDS, REPORT_FREQUENCIES, REPORT_KINDS, REPORT_STATUSES, STAGES } from '../funding.ts';
import { CURRENCY_RE, MAX_MINOR } from '../money.ts';
import { IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';

/** API contracts of funding (issue 6: funders, pipeline, grant agreements). Money: integer minor units + ISO 4217 code. */

const Ref = z.object({ id: z.string(), name: z.string() });
const Minor = z.number().int('invalid_minor_amount').min(0).max(MAX_MINOR);
const Currency = z.string().regex(CURRENCY_RE, 'invalid_currency');
const optionalEmail = z
  .union([z.literal(''), z.email().max(254)])
  .nullish()
  .transform((v) => (v === '' ? null : v));
const partial = <T extends z.ZodRawShape>(fields: T) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])) as unknown as { [K in keyof T]: z.ZodOptional<T[K]> };
const listQuery = { cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) };

// ---- funders ----

export const FunderContact = z.object({ id: z.string(), funderId: z.string(), name: z.string(), position: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), notes: z.string().nullable(), version: z.number(), deletedAt: z.string().nullable() });
export type FunderContact = z.infer<typeof FunderContact>;
const ContactFields = { name: line(200).min(1), position: optionalText(200), email: optionalEmail, phone: optionalText(40), notes: optionalText(2000, multiline) };
export const ContactCreate = z.object(ContactFields).strict();
export type ContactCreate = z.input<typeof ContactCreate>;
export const ContactUpdate = z.object({ ...partial(ContactFields), version: Version }).strict();

export const Interaction = z.object({ id: z.string(), funderId: z.string(), date: z.string(), kind: z.enum(INTERACTION_KINDS), summary: z.string(), nextStep: z.string().nullable(), by: Ref.nullable(), version: z.number(), deletedAt: z.string().nullable() });
export type Interaction = z.infer<typeof Interaction>;
const InteractionFields = { date: IsoDate, kind: z.enum(INTERACTION_KINDS), summary: multiline(5000).min(1), nextStep: optionalText(1000, multiline) };
export const InteractionCreate = z.object(InteractionFields).strict();
export type InteractionCreate = z.input<typeof InteractionCreate>;
export const InteractionUpdate = z.object({ ...partial(InteractionFields), version: Version }).strict();

export const Funder = z.object({
  id: z.string(),
  kind: z.enum(FUNDER_KINDS),
  name: z.string(),
  person: Ref.nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  /** grants and opportunities counted for lists */
  grantCount: z.number(),
  openOpportunityCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Funder = z.infer<typeof Funder>;
export const FunderDetail = Funder.extend({ contacts: z.array(FunderContact), interactions: z.array(Interaction) });
export type FunderDetail = z.infer<typeof FunderDetail>;

const FunderFields = {
  kind: z.enum(FUNDER_KINDS),
  name: line(300).min(1),
  /** an individual donor from the registry: gets the donor role */
  personId: z.uuid().nullish(),
  website: optionalText(300),
  email: optionalEmail,
  phone: optionalText(40),
  address: optionalText(1000, multiline),
  country: z.string().regex(/^[A-Z]{2}$/, 'invalid').nullish(),
  notes: optionalText(5000, multiline),
  tags: z.array(line(60).min(1)).max(30),
};
export const FunderCreate = z.object({ ...FunderFields, tags: FunderFields.tags.default([]) }).strict();
export type FunderCreate = z.input<typeof FunderCreate>;
export const FunderUpdate = z.object({ ...partial(FunderFields), version: Version }).strict();
export type FunderUpdate = z.input<typeof FunderUpdate>;
export const FundersQuery = z.object({ q: line(100).optional(), kind: z.enum(FUNDER_KINDS).optional(), deleted: boolParam.optional(), ...listQuery });
export type FundersQuery = z.input<typeof FundersQuery>;
export const FundersPage = z.object({ items: z.array(Funder), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type FundersPage = z.infer<typeof FundersPage>;

// ---- opportunities ----

export const Opportunity = z.object({
  id: z.string(),
  funder: Ref,
  title: z.string(),
  stage: z.enum(STAGES),
  amount: z.number(),
  currency: z.string(),
  probability: z.number(),
  deadline: z.string().nullable(),
  decisionDate: z.string().nullable(),
  programs: z.array(Ref),
  owner: Ref.nullable(),
  notes: z.string().nullable(),
  grantId: z.string().nullable(),
  stageChangedAt: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Opportunity = z.infer<typeof Opportunity>;
const OpportunityFields = {
  funderId: z.uuid(),
  title: line(300).min(1),
  stage: z.enum(STAGES),
  amount: Minor,
  currency: Currency,
  probability: z.number().int().min(0).max(100),
  deadline: IsoDate.nullish(),
  decisionDate: IsoDate.nullish(),
  programIds: z.array(z.uuid()).max(50),
  ownerId: z.uuid().nullish(),
  notes: optionalText(5000, multiline),
};
export const OpportunityCreate = z
  .object({ ...OpportunityFields, stage: OpportunityFields.stage.default('identified'), amount: Minor.default(0), currency: Currency.default('IDR'), probability: OpportunityFields.probability.default(10), programIds: OpportunityFields.programIds.default([]) })
  .strict();
export type OpportunityCreate = z.input<typeof OpportunityCreate>;
export const OpportunityUpdate = z.object({ ...partial(OpportunityFields), version: Version }).strict();
export type OpportunityUpdate = z.input<typeof OpportunityUpdate>;
export const OpportunitiesQuery = z.object({
  q: line(100).optional(),
  funderId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  programId: z.uuid().optional(),
  stage: z.enum(STAGES).optional(),
  deleted: boolParam.optional(),
});
export type OpportunitiesQuery = z.input<typeof OpportunitiesQuery>;
const ForecastRow = z.object({ stage: z.enum(STAGES), currency: z.string(), count: z.number(), amount: z.number(), weighted: z.number() });
/** The board: every opportunity matching the filters (an organisation has tens to hundreds), with the weighted forecast. */
export const Pipeline = z.object({
  items: z.array(Opportunity),
  forecast: z.object({ rows: z.array(ForecastRow), open: z.array(z.object({ currency: z.string(), amount: z.number(), weighted: z.number() })) }),
  truncated: z.boolean(),
});
export type Pipeline = z.infer<typeof Pipeline>;

// ---- grants ----

export const GrantReport = z.object({
  id: z.string(),
  grantId: z.string(),
  kind: z.enum(REPORT_KINDS),
  final: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type GrantReport = z.infer<typeof GrantReport>;

export const Grant = z.object({
  id: z.string(),
  funder: Ref,
  title: z.string(),
  reference: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  restricted: z.boolean(),
  allowedCategories: z.array(z.string()),
  status: z.enum(GRANT_STATUSES),
  notes: z.string().nullable(),
  programs: z.array(Ref),
  responsible: Ref.nullable(),
  reportFrequency: z.enum(REPORT_FREQUENCIES),
  opportunityId: z.string().nullable(),
  overdueReports: z.number(),
  nextReportDue: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Grant = z.infer<typeof Grant>;
export const GrantDetail = Grant.extend({ reports: z.array(GrantReport) });
export type GrantDetail = z.infer<typeof GrantDetail>;

export const ScheduleOptions = z
  .object({
    frequency: z.enum(REPORT_FREQUENCIES),
    dueDays: z.number().int().min(0).max(365).default(30),
    finalDays: z.number().int().min(0).max(365).default(60),
    kinds: z.array(z.enum(REPORT_KINDS)).min(1).max(2).default(['narrative', 'financial']),
  })
  .strict();
export type ScheduleOptions = z.input<typeof ScheduleOptions>;

const GrantFields = {
  funderId: z.uuid(),
  title: line(300).min(1),
  reference: optionalText(100),
  amount: Minor,
  currency: Currency,
  startDate: IsoDate,
  endDate: IsoDate,
  restricted: z.boolean(),
  // codes of the organisation's budget categories (Finance → categories), checked against them when saved
  allowedCategories: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'invalid_option')).max(50),
  status: z.enum(GRANT_STATUSES),
  notes: optionalText(5000, multiline),
  programIds: z.array(z.uuid()).max(50),
  responsibleId: z.uuid().nullish(),
};
export const GrantCreate = z
  .object({
    ...GrantFields,
    currency: Currency.default('IDR'),
    restricted: GrantFields.restricted.default(true),
    allowedCategories: GrantFields.allowedCategories.default([]),
    status: GrantFields.status.default('active'),
    programIds: GrantFields.programIds.default([]),
    /** the awarded opportunity this grant comes from */
    opportunityId: z.uuid().nullish(),
    /** generate the reporting schedule at once */
    schedule: ScheduleOptions.nullish(),
  })
  .strict();
export type GrantCreate = z.input<typeof GrantCreate>;
export const GrantUpdate = z.object({ ...partial(GrantFields), version: Version }).strict();
export type GrantUpdate = z.input<typeof GrantUpdate>;
export const GrantsQuery = z.object({
  q: line(100).optional(),
  funderId: z.uuid().optional(),
  programId: z.uuid().optional(),
  status: z.enum(GRANT_STATUSES).optional(),
  overdue: boolParam.optional(),
  deleted: boolParam.optional(),
  ...listQuery,
});
export type GrantsQuery = z.input<typeof GrantsQuery>;
export const GrantsPage = z.object({ items: z.array(Grant), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type GrantsPage = z.infer<typeof GrantsPage>;

/** Generates the schedule; `replace` drops the reports still due (submitted and accepted ones stay). */
export const ScheduleRequest = ScheduleOptions.extend({ replace: z.boolean().default(true), version: Version }).strict();
export type ScheduleRequest = z.input<typeof ScheduleRequest>;

const ReportFields = { kind: z.enum(REPORT_KINDS), final: z.boolean(), periodStart: IsoDate, periodEnd: IsoDate, dueDate: IsoDate, note: optionalText(2000, multiline) };
export const ReportCreate = z.object({ ...ReportFields, final: ReportFields.final.default(false) }).strict();
export type ReportCreate = z.input<typeof ReportCreate>;
export const ReportUpdate = z.object({ ...partial(ReportFields), status: z.enum(REPORT_STATUSES).optional(), version: Version }).strict();
export type ReportUpdate = z.input<typeof ReportUpdate>;

// ---- the home screen ----

export const Deadline = z.object({
  kind: z.enum(['opportunity', 'report']),
  id: z.string(),
  /** the page to open: the opportunity's funder board card or the grant */
  grantId: z.string().nullable(),
  title: z.string(),
  funder: z.string(),
  date: z.string(),
  overdue: z.boolean(),
  reportKind: z.enum(REPORT_KINDS).nullable(),
  stage: z.enum(STAGES).nullable(),
});
export type Deadline = z.infer<typeof Deadline>;
export const Deadlines = z.object({ items: z.array(Deadline) });
export type Deadlines = z.infer<typeof Deadlines>;
