import { z } from 'zod';
import { IsoDate, Version, line, multiline } from './common.ts';
import { Series } from './values.ts';

/**
 * API contracts of the donor progress report (issue 6, point 8): for one grant and one period, the
 * narrative the organisation writes and the figures Gotong already holds. The web app imports the types only.
 */

/** The narrative's sections, in the order the document shows them. */
export const NARRATIVE_SECTIONS = ['summary', 'progress', 'challenges', 'lessons', 'nextSteps'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export const NARRATIVE_MAX = 20_000;
/** Some sections: the ones not sent stay as they are. */
const Narrative = z.object(Object.fromEntries(NARRATIVE_SECTIONS.map((k) => [k, multiline(NARRATIVE_MAX).optional()])) as Record<NarrativeSection, z.ZodOptional<ReturnType<typeof multiline>>>).strict();

export const DONOR_REPORT_STATUSES = ['draft', 'final'] as const;

export const DonorReport = z.object({
  id: z.string(),
  grantId: z.string(),
  grantTitle: z.string(),
  funderName: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  narrative: z.record(z.enum(NARRATIVE_SECTIONS), z.string()),
  status: z.enum(DONOR_REPORT_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type DonorReport = z.infer<typeof DonorReport>;

export const DonorReportCreate = z
  .object({ grantId: z.uuid(), title: line(300).min(1), periodStart: IsoDate, periodEnd: IsoDate, narrative: Narrative.optional() })
  .strict();
export type DonorReportCreate = z.input<typeof DonorReportCreate>;
export const DonorReportUpdate = z
  .object({ title: line(300).min(1).optional(), periodStart: IsoDate.optional(), periodEnd: IsoDate.optional(), narrative: Narrative.optional(), status: z.enum(DONOR_REPORT_STATUSES).optional(), version: Version })
  .strict();
export type DonorReportUpdate = z.input<typeof DonorReportUpdate>;

export const DonorReportsQuery = z.object({
  grantId: z.uuid().optional(),
  q: line(200).optional(),
  deleted: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const DonorReportsPage = z.object({ items: z.array(DonorReport), nextCursor: z.string().nullable() });

/** A program's indicators in the report: its periods inside the reporting period, to date and the traffic light as of the period's end. */
export const ReportIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  type: z.string(),
  baselineValue: z.number().nullable(),
  computed: z.boolean(),
  series: Series,
});
export const ReportActivity = z.object({
  id: z.string(),
  date: z.string(),
  title: z.string(),
  type: z.string(),
  program: z.string(),
  status: z.string(),
  registered: z.number(),
  attended: z.number(),
  female: z.number(),
  male: z.number(),
  withDisability: z.number(),
});
/** Everything the document says besides the narrative, as of `asOf` (the period's end, or today if sooner). */
export const DonorReportContent = z.object({
  report: DonorReport,
  organization: z.object({ name: z.string(), hasLogo: z.boolean() }),
  grant: z.object({ id: z.string(), title: z.string(), reference: z.string().nullable(), funder: z.string(), amount: z.number(), currency: z.string(), startDate: z.string(), endDate: z.string(), restricted: z.boolean() }),
  asOf: z.string(),
  programs: z.array(z.object({ id: z.string(), name: z.string(), indicators: z.array(ReportIndicator) })),
  activities: z.array(ReportActivity),
  /** distinct people who came to at least one of these activities */
  reached: z.object({ total: z.number(), female: z.number(), male: z.number(), withDisability: z.number() }),
  /** the grant's budget against what was spent, when its programs have a budget */
  budget: z
    .object({
      currency: z.string(),
      /** the lines of the programs' latest budgets that this grant funds; spending is approved expenses charged to the grant */
      lines: z.array(
        z.object({ program: z.string(), category: z.object({ id: z.string(), en: z.string() }), description: z.string(), budget: z.number(), spentInPeriod: z.number(), spentToDate: z.number(), remaining: z.number() }),
      ),
    })
    .nullable(),
});
export type DonorReportContent = z.infer<typeof DonorReportContent>;
