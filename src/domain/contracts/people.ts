import { z } from 'zod';
import { AGE_BANDS, PERSON_ROLES, RELATIONSHIPS, SEXES, WG_DOMAINS } from '../people.ts';
import { AreaCode, IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';

/** API contracts of the people registry. The web app imports the types only (no zod in its bundle). */
const text = line;

const WgAnswer = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const Disability = z.object(Object.fromEntries(WG_DOMAINS.map((d) => [d, WgAnswer.optional()])) as Record<(typeof WG_DOMAINS)[number], z.ZodOptional<typeof WgAnswer>>).strict();

export const PersonFields = {
  fullName: text(200).min(1),
  preferredName: optionalText(100),
  sex: z.enum(SEXES).nullish(),
  birthDate: IsoDate.nullish(),
  birthYear: z.number().int().min(1900).max(2100).nullish(),
  nik: optionalText(40),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.string().trim().toLowerCase().email().max(200)])
    .nullish()
    .transform((v) => (v === '' ? null : v)),
  address: optionalText(500, multiline),
  areaCode: z
    .union([z.literal(''), AreaCode])
    .nullish()
    .transform((v) => (v === '' ? null : v)),
  disability: Disability.nullish(),
  welfareDecile: z.number().int().min(1).max(10).nullish(),
  roles: z.array(z.enum(PERSON_ROLES)).max(PERSON_ROLES.length),
  tags: z.array(text(40).min(1)).max(30),
  consent: z.object({ given: z.boolean(), date: IsoDate.nullish(), purpose: optionalText(300) }).strict(),
  notes: optionalText(5000, multiline),
  householdId: z.uuid().nullish(),
  relationship: z.enum(RELATIONSHIPS).nullish(),
};

export const PersonCreate = z
  .object({
    ...PersonFields,
    roles: PersonFields.roles.default([]),
    tags: PersonFields.tags.default([]),
    consent: PersonFields.consent.optional(),
    /** Save although the NIK disagrees with the sex or birth date entered. */
    confirmNikMismatch: z.boolean().optional(),
  })
  .strict();
export type PersonCreate = z.input<typeof PersonCreate>;

export const PersonUpdate = z
  .object({
    ...Object.fromEntries(Object.entries(PersonFields).map(([k, v]) => [k, v.optional()])),
    confirmNikMismatch: z.boolean().optional(),
    version: Version,
  })
  .strict() as unknown as z.ZodObject<
  { [K in keyof typeof PersonFields]: z.ZodOptional<(typeof PersonFields)[K]> } & { confirmNikMismatch: z.ZodOptional<z.ZodBoolean>; version: z.ZodNumber },
  z.core.$strict
>;
export type PersonUpdate = z.input<typeof PersonUpdate>;

export const AreaRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const Person = z.object({
  id: z.string(),
  fullName: z.string(),
  preferredName: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number().nullable(),
  age: z.number().nullable(),
  nikMasked: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  areaCode: z.string().nullable(),
  area: z.array(AreaRef),
  disability: Disability.nullable(),
  hasDisability: z.boolean(),
  welfareDecile: z.number().nullable(),
  roles: z.array(z.string()),
  tags: z.array(z.string()),
  consent: z.object({ given: z.boolean(), date: z.string().nullable(), purpose: z.string().nullable(), recordedBy: z.string().nullable() }),
  notes: z.string().nullable(),
  householdId: z.string().nullable(),
  householdName: z.string().nullable(),
  relationship: z.enum(RELATIONSHIPS).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const PeopleQuery = z.object({
  q: line(100).optional(),
  areaCode: AreaCode.optional(),
  sex: z.enum(SEXES).optional(),
  ageBand: z.enum(AGE_BANDS.map((b) => b.key) as [string, ...string[]]).optional(),
  role: z.enum(PERSON_ROLES).optional(),
  tag: line(40).optional(),
  disability: boolParam.optional(),
  consent: boolParam.optional(),
  householdId: z.uuid().optional(),
  deleted: boolParam.optional(),
  sort: z.enum(['name', '-name', 'created', '-created']).default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleQuery = z.input<typeof PeopleQuery>;

/** total counts at most 10,000 (a name search: 1,000); totalCapped says there are more. */
export const PeoplePage = z.object({ items: z.array(Person), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type PeoplePage = z.infer<typeof PeoplePage>;

export const Household = z.object({
  id: z.string(),
  name: z.string(),
  kkMasked: z.string().nullable(),
  address: z.string().nullable(),
  areaCode: z.string().nullable(),
  area: z.array(AreaRef),
  notes: z.string().nullable(),
  memberCount: z.number(),
  headName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdFields = {
  name: text(200).min(1),
  kkNumber: optionalText(40),
  address: optionalText(500, multiline),
  areaCode: z
    .union([z.literal(''), AreaCode])
    .nullish()
    .transform((v) => (v === '' ? null : v)),
  notes: optionalText(5000, multiline),
};
export const HouseholdCreate = z.object(HouseholdFields).strict();
export const HouseholdUpdate = z
  .object({
    name: HouseholdFields.name.optional(),
    kkNumber: HouseholdFields.kkNumber.optional(),
    address: HouseholdFields.address.optional(),
    areaCode: HouseholdFields.areaCode.optional(),
    notes: HouseholdFields.notes.optional(),
    version: Version,
  })
  .strict();
export type HouseholdCreate = z.input<typeof HouseholdCreate>;
export type HouseholdUpdate = z.input<typeof HouseholdUpdate>;

export const HouseholdDetail = Household.extend({ members: z.array(Person) });
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;

export const HouseholdsQuery = z.object({
  q: line(100).optional(),
  areaCode: AreaCode.optional(),
  deleted: boolParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const HouseholdsPage = z.object({ items: z.array(Household), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type HouseholdsPage = z.infer<typeof HouseholdsPage>;
