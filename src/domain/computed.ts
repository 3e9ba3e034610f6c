import { z } from 'zod';
import { PERSON_ROLES } from './people.ts';

/**
 * Computed indicators (issue 4): an indicator whose values Gotong counts from its own data. The
 * definition is made of these building blocks, chosen in the app; the server turns them into
 * parameterised queries of the feature that owns the data — never SQL from the user.
 *
 *   people      people in the registry, counted at the end of each period (a stock: "reached so far")
 *   households  households with at least one such person
 *
 * Attendance ("distinct people who attended at least N trainings under output 1.2") joins these
 * when activities and attendance exist (issue 5).
 */
export const COMPUTED_SOURCES = ['people', 'households'] as const;
export type ComputedSource = (typeof COMPUTED_SOURCES)[number];

export const Computation = z
  .object({
    source: z.enum(COMPUTED_SOURCES),
    /** people with any of these roles (none: everyone) */
    roles: z.array(z.enum(PERSON_ROLES)).max(PERSON_ROLES.length).default([]),
    /** only those living in the program's target areas */
    inProgramAreas: z.boolean().default(true),
  })
  .strict();
export type Computation = z.output<typeof Computation>;

/** What a computed indicator can be broken down by. */
export const COMPUTED_DIMENSIONS: Record<ComputedSource, readonly string[]> = { people: ['sex', 'age', 'disability', 'area'], households: ['area'] };
