import { z } from 'zod';
import { PERSON_ROLES } from './people.ts';

/**
 * Computed indicators (issue 4): an indicator whose values Gotong counts from its own data. The
 * definition is made of these building blocks, chosen in the app; the server turns them into
 * parameterised queries of the feature that owns the data — never SQL from the user.
 *
 *   people      people in the registry, counted at the end of each period (a stock: "reached so far")
 *   households  households with at least one such person
 *   attendance  distinct people who had attended at least N of the program's activities (of some
 *               types, serving some result or the results under it) by the end of each period
 */
export const COMPUTED_SOURCES = ['people', 'households', 'attendance'] as const;
export type ComputedSource = (typeof COMPUTED_SOURCES)[number];

export const Computation = z
  .object({
    source: z.enum(COMPUTED_SOURCES),
    /** people with any of these roles (none: everyone) */
    roles: z.array(z.enum(PERSON_ROLES)).max(PERSON_ROLES.length).default([]),
    /** only those living in the program's target areas */
    inProgramAreas: z.boolean().default(true),
    /** attendance: only activities of these types (none: any type) */
    activityTypes: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /** attendance: only activities serving this result of the program or a result under it (null: the whole program) */
    resultId: z.uuid().nullable().default(null),
    /** attendance: people who attended at least this many such activities */
    minActivities: z.number().int().min(1).max(100).default(1),
  })
  .strict();
export type Computation = z.output<typeof Computation>;

/** What a computed indicator can be broken down by. */
export const COMPUTED_DIMENSIONS: Record<ComputedSource, readonly string[]> = { people: ['sex', 'age', 'disability', 'area'], households: ['area'], attendance: ['sex', 'age', 'disability', 'area'] };
