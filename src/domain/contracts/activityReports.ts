import { z } from 'zod';
import { Version, line, multiline, optionalText } from './common.ts';
import { MemberRef } from './programs.ts';

/** API contracts of an activity's attendance figures and its report (issue 5). The web app imports the types only. */

/** One category of a breakdown: sex (female, male, unknown), an age band ('18-24', '60+', 'other', 'unknown'), disability (with, without, unknown), an area code or 'unknown'. */
export const FigureCount = z.object({ key: z.string(), count: z.number() });
export const AreaCount = FigureCount.extend({ label: z.string().nullable() });

export const ActivityFigures = z.object({
  activityId: z.string(),
  /** registrations by their status now: holding a place, waiting, cancelled */
  registered: z.number(),
  waitlisted: z.number(),
  cancelled: z.number(),
  /** everyone who came (one row per person) */
  attended: z.number(),
  /** who came holding a place */
  attendedRegistered: z.number(),
  /** who came without a place: not registered, waitlisted or cancelled */
  walkIns: z.number(),
  /** attendedRegistered / registered, 0–1; null with no one registered */
  attendanceRate: z.number().nullable(),
  /** of those who came: first time, or came to an earlier activity (by start) of the same program — of the organisation when the activity has no program */
  newParticipants: z.number(),
  returningParticipants: z.number(),
  returningScope: z.enum(['program', 'organization']),
  /** those who came, broken down; every category of sex, age (the organisation's bands) and disability is listed, areas only where someone came from */
  bySex: z.array(FigureCount),
  byAge: z.array(FigureCount),
  byDisability: z.array(FigureCount),
  byArea: z.array(AreaCount),
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;

export const ReportPhoto = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  caption: z.string(),
  version: z.number(),
  createdAt: z.string(),
});
export type ReportPhoto = z.infer<typeof ReportPhoto>;

export const ActivityReport = z.object({
  id: z.string(),
  activityId: z.string(),
  /** what happened */
  summary: z.string(),
  outcomes: z.string().nullable(),
  followUps: z.string().nullable(),
  photos: z.array(ReportPhoto),
  createdBy: MemberRef.nullable(),
  updatedBy: MemberRef.nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type ActivityReport = z.infer<typeof ActivityReport>;

export const REPORT_TEXT_MAX = 20_000;
export const CAPTION_MAX = 300;
export const PHOTOS_PER_REPORT = 20;

const Sections = {
  summary: multiline(REPORT_TEXT_MAX).min(1),
  outcomes: optionalText(REPORT_TEXT_MAX, multiline),
  followUps: optionalText(REPORT_TEXT_MAX, multiline),
};
export const ReportCreate = z.object(Sections).strict();
export type ReportCreate = z.input<typeof ReportCreate>;
export const ReportUpdate = z.object({ summary: Sections.summary.optional(), outcomes: Sections.outcomes, followUps: Sections.followUps, version: Version }).strict();
export type ReportUpdate = z.input<typeof ReportUpdate>;

export const PhotoCaption = line(CAPTION_MAX).min(1);
export const PhotoUpdate = z.object({ caption: PhotoCaption, version: Version }).strict();
export type PhotoUpdate = z.input<typeof PhotoUpdate>;
