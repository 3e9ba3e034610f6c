import { z } from 'zod';
import { CAMPAIGN_STATUSES, DONATION_KINDS, DONATION_METHODS, PLEDGE_FREQUENCIES, PLEDGE_STATUSES } from '../donations.ts';
import { CURRENCY_RE, MAX_MINOR } from '../money.ts';
import { IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';

/** API contracts of donations, campaigns and pledges (issue 6 point 6). Money is integer minor units. */

export const Currency = z.string().regex(CURRENCY_RE, 'invalid_currency');
const Minor = z.number().int().min(0).max(MAX_MINOR);
const Ref = z.object({ id: z.string(), name: z.string() });
export const DonorRef = z.object({ type: z.enum(['person', 'funder']), id: z.string(), name: z.string() });
export type DonorRef = z.infer<typeof DonorRef>;
const Page = { cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) };
const partial = <T extends z.ZodRawShape>(shape: T) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])) as unknown as { [K in keyof T]: z.ZodOptional<T[K]> };

// ---- campaigns ----

const CampaignFields = {
  name: line(200).min(1),
  description: optionalText(5000, multiline),
  goalAmount: Minor.nullable(),
  currency: Currency,
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
};
const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
export const CampaignCreate = z
  .object({ ...CampaignFields, goalAmount: CampaignFields.goalAmount.default(null), currency: Currency.default('IDR'), startDate: CampaignFields.startDate.default(null), endDate: CampaignFields.endDate.default(null), status: CampaignFields.status.default('active') })
  .strict()
  .refine(datesInOrder, { message: 'ends_before_starts', path: ['endDate'] });
export type CampaignCreate = z.input<typeof CampaignCreate>;
export const CampaignUpdate = z.object({ ...partial(CampaignFields), version: Version }).strict();
export type CampaignUpdate = z.input<typeof CampaignUpdate>;

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  goalAmount: z.number().nullable(),
  currency: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  /** gifts in the campaign's currency (money and in-kind estimates), minor units */
  raised: z.number(),
  /** gifts in other currencies, per currency (never converted here) */
  raisedOther: z.array(z.object({ currency: z.string(), amount: z.number() })),
  gifts: z.number(),
  donors: z.number(),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignsQuery = z.object({ q: line(100).optional(), status: z.enum(CAMPAIGN_STATUSES).optional(), deleted: boolParam.optional(), ...Page });
export type CampaignsQuery = z.input<typeof CampaignsQuery>;
export const CampaignsPage = z.object({ items: z.array(Campaign), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type CampaignsPage = z.infer<typeof CampaignsPage>;

// ---- donations ----

const DonationFields = {
  personId: z.uuid().nullable(),
  funderId: z.uuid().nullable(),
  kind: z.enum(DONATION_KINDS),
  /** money: the amount; in kind: the estimated value of the goods */
  amount: Minor,
  currency: Currency,
  goods: optionalText(2000, multiline),
  receivedOn: IsoDate,
  method: z.enum(DONATION_METHODS).nullable(),
  campaignId: z.uuid().nullable(),
  programId: z.uuid().nullable(),
  pledgeId: z.uuid().nullable(),
  note: optionalText(2000, multiline),
  anonymous: z.boolean(),
};
export const DonationCreate = z
  .object({
    ...DonationFields,
    personId: DonationFields.personId.default(null),
    funderId: DonationFields.funderId.default(null),
    kind: DonationFields.kind.default('money'),
    currency: Currency.default('IDR'),
    method: DonationFields.method.default(null),
    campaignId: DonationFields.campaignId.default(null),
    programId: DonationFields.programId.default(null),
    pledgeId: DonationFields.pledgeId.default(null),
    anonymous: z.boolean().default(false),
    /** number the receipt now (default); false leaves it for later */
    issueReceipt: z.boolean().default(true),
  })
  .strict();
export type DonationCreate = z.input<typeof DonationCreate>;
export const DonationUpdate = z.object({ ...partial(DonationFields), version: Version }).strict();
export type DonationUpdate = z.input<typeof DonationUpdate>;

export const Donation = z.object({
  id: z.string(),
  donor: DonorRef,
  kind: z.enum(DONATION_KINDS),
  amount: z.number(),
  currency: z.string(),
  goods: z.string().nullable(),
  receivedOn: z.string(),
  method: z.enum(DONATION_METHODS).nullable(),
  campaign: Ref.nullable(),
  program: Ref.nullable(),
  pledgeId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  receiptIssuedOn: z.string().nullable(),
  note: z.string().nullable(),
  anonymous: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Donation = z.infer<typeof Donation>;
export const DonationsQuery = z.object({
  /** the donor's name */
  q: line(100).optional(),
  campaignId: z.uuid().optional(),
  programId: z.uuid().optional(),
  pledgeId: z.uuid().optional(),
  personId: z.uuid().optional(),
  funderId: z.uuid().optional(),
  kind: z.enum(DONATION_KINDS).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  deleted: boolParam.optional(),
  ...Page,
});
export type DonationsQuery = z.input<typeof DonationsQuery>;
export const MoneyTotal = z.object({ currency: z.string(), amount: z.number(), gifts: z.number() });
export const DonationsPage = z.object({
  items: z.array(Donation),
  nextCursor: z.string().nullable(),
  total: z.number(),
  totalCapped: z.boolean(),
  /** exact sums of every gift the filter matches, per currency */
  totals: z.array(MoneyTotal),
});
export type DonationsPage = z.infer<typeof DonationsPage>;

// ---- pledges ----

const PledgeFields = {
  personId: z.uuid().nullable(),
  funderId: z.uuid().nullable(),
  amount: Minor.min(1),
  currency: Currency,
  frequency: z.enum(PLEDGE_FREQUENCIES),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  status: z.enum(PLEDGE_STATUSES),
  campaignId: z.uuid().nullable(),
  programId: z.uuid().nullable(),
  note: optionalText(2000, multiline),
};
export const PledgeCreate = z
  .object({
    ...PledgeFields,
    personId: PledgeFields.personId.default(null),
    funderId: PledgeFields.funderId.default(null),
    currency: Currency.default('IDR'),
    endDate: PledgeFields.endDate.default(null),
    status: PledgeFields.status.default('active'),
    campaignId: PledgeFields.campaignId.default(null),
    programId: PledgeFields.programId.default(null),
  })
  .strict()
  .refine(datesInOrder, { message: 'ends_before_starts', path: ['endDate'] });
export type PledgeCreate = z.input<typeof PledgeCreate>;
export const PledgeUpdate = z.object({ ...partial(PledgeFields), version: Version }).strict();
export type PledgeUpdate = z.input<typeof PledgeUpdate>;

export const Pledge = z.object({
  id: z.string(),
  donor: DonorRef,
  amount: z.number(),
  currency: z.string(),
  frequency: z.enum(PLEDGE_FREQUENCIES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.enum(PLEDGE_STATUSES),
  campaign: Ref.nullable(),
  program: Ref.nullable(),
  note: z.string().nullable(),
  /** as of the organisation's today: gifts due, expected vs received (same currency), the next due date */
  progress: z.object({ dueCount: z.number(), expected: z.number(), received: z.number(), behind: z.number(), nextDueDate: z.string().nullable() }),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type Pledge = z.infer<typeof Pledge>;
export const PledgesQuery = z.object({ q: line(100).optional(), personId: z.uuid().optional(), funderId: z.uuid().optional(), status: z.enum(PLEDGE_STATUSES).optional(), deleted: boolParam.optional(), ...Page });
export type PledgesQuery = z.input<typeof PledgesQuery>;
export const PledgesPage = z.object({ items: z.array(Pledge), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type PledgesPage = z.infer<typeof PledgesPage>;
