/**
 * Volunteers (issue 5): the fixed lists a volunteer is described with, double-booking detection
 * and the ranking of suggestions for a role. Pure: the server, the web app and the tests share it.
 */
import { type Weekday, addDays, daysBetween, weekdayOf } from './recurrence.ts';

export const VOLUNTEER_STATUSES = ['pending', 'active', 'inactive'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const DOCUMENT_KINDS = ['code_of_conduct', 'id_card', 'certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const HOURS_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];
/** shift: logged when the activity is done; staff: entered by staff; self: reported through the personal link */
export const HOURS_SOURCES = ['shift', 'staff', 'self'] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];

/** Reminders go out this many hours before a shift starts. */
export const REMINDER_HOURS = 24;
/** One report of hours covers at most a day. */
export const MAX_MINUTES_PER_ENTRY = 24 * 60;

/** A weekly window a volunteer is usually free: local times, "to" after "from" ("24:00" is midnight at the end of the day). */
export type Slot = { weekday: Weekday; from: string; to: string };

// ---- double booking ----

/** A shift in time: UTC instants as ISO strings or epoch milliseconds. */
export type Interval = { start: string | number; end: string | number };
const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));

/** Half-open intervals [start, end): a shift ending at 12:00 and one starting at 12:00 do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);
}

/** The shifts of `existing` that a new shift would double-book. */
export function conflictsOf<T extends Interval>(shift: Interval, existing: readonly T[]): T[] {
  return existing.filter((e) => overlaps(shift, e));
}

// ---- local time pieces: what a shift looks like on the weekly availability grid ----

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A local span (dates and times in the organisation's time zone) cut into one piece per day, at most a week. */
export function dayPieces(startDate: string, startTime: string, endDate: string, endTime: string): Slot[] {
  const out: Slot[] = [];
  const days = Math.min(daysBetween(startDate, endDate), 7);
  for (let i = 0; i <= days; i++) {
    const d = addDays(startDate, i);
    const from = i === 0 ? startTime : '00:00';
    const to = d === endDate ? endTime : '24:00';
    if (minutesOf(to) > minutesOf(from)) out.push({ weekday: weekdayOf(d), from, to });
  }
  return out;
}

export type AvailabilityFit = 'full' | 'partial' | 'none' | 'unknown';

/** Whether a volunteer's weekly slots cover a shift's pieces: all of it, part of it, none; unknown when they gave none. */
export function availabilityFit(slots: readonly Slot[], pieces: readonly Slot[]): AvailabilityFit {
  if (!slots.length) return 'unknown';
  let covered = 0;
  let total = 0;
  for (const p of pieces) {
    const from = minutesOf(p.from);
    const to = minutesOf(p.to);
    total += to - from;
    // the union of the day's slots, clipped to the piece
    const spans = slots
      .filter((s) => s.weekday === p.weekday)
      .map((s) => [Math.max(from, minutesOf(s.from)), Math.min(to, minutesOf(s.to))] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let end = from;
    for (const [a, b] of spans) {
      const s = Math.max(a, end);
      if (b > s) covered += b - s;
      end = Math.max(end, b);
    }
  }
  if (total === 0 || covered === 0) return 'none';
  return covered >= total ? 'full' : 'partial';
}

// ---- areas ----

export type AreaFit = 'exact' | 'within' | 'near' | 'none' | 'unknown';
const parentsOf = (code: string) => code.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
const regencyOf = (code: string) => code.split('.').slice(0, 2).join('.');

/**
 * How a volunteer's preferred areas (Kemendagri codes) fit an activity's area: the same area, the
 * activity inside a preferred area (a volunteer of a regency serves its villages), near (a
 * preferred area inside the activity's, or the same regency), none; unknown when either is missing.
 */
export function areaFit(preferred: readonly string[], activityArea: string | null): { fit: AreaFit; area: string | null } {
  if (!preferred.length || !activityArea) return { fit: 'unknown', area: null };
  const exact = preferred.find((p) => p === activityArea);
  if (exact) return { fit: 'exact', area: exact };
  const parents = parentsOf(activityArea);
  // the closest parent first
  const within = preferred.filter((p) => parents.includes(p)).sort((a, b) => b.length - a.length)[0];
  if (within) return { fit: 'within', area: within };
  const near = preferred.find((p) => p.startsWith(`${activityArea}.`) || (activityArea.includes('.') && p.includes('.') && regencyOf(p) === regencyOf(activityArea)));
  if (near) return { fit: 'near', area: near };
  return { fit: 'none', area: null };
}

// ---- skills ----

export type SkillFit = 'all' | 'some' | 'none' | 'any';
export function skillFit(required: readonly string[], has: readonly string[]): { fit: SkillFit; matched: string[]; missing: string[] } {
  if (!required.length) return { fit: 'any', matched: [], missing: [] };
  const matched = required.filter((s) => has.includes(s));
  const missing = required.filter((s) => !has.includes(s));
  return { fit: matched.length === required.length ? 'all' : matched.length ? 'some' : 'none', matched, missing };
}

// ---- ranking ----

/** Points per factor: what matters most comes first. */
export const WEIGHTS = { skills: 40, availability: 30, area: 20, fairness: 10 } as const;
const AVAILABILITY_SHARE: Record<AvailabilityFit, number> = { full: 1, partial: 0.5, unknown: 1 / 3, none: 0 };
const AREA_SHARE: Record<AreaFit, number> = { exact: 1, within: 0.8, near: 0.4, unknown: 0.3, none: 0 };
/** A role that asks for no skill gives everyone the same half. */
const ANY_SKILL_SHARE = 0.5;
/** Fairness: all of its points with no hours given, half at this many, less and less after. */
export const FAIRNESS_HALF_HOURS = 20;

export type Candidate = {
  id: string;
  name: string;
  skills: readonly string[];
  availability: readonly Slot[];
  areaCodes: readonly string[];
  /** approved hours already given (the fairness factor: fewer first) */
  hours: number;
  /** already booked at an overlapping time: shown, never ranked above anyone free */
  busy?: boolean;
};
export type Need = { skills: readonly string[]; pieces: readonly Slot[]; areaCode: string | null };

export type Suggestion = {
  id: string;
  name: string;
  score: number;
  busy: boolean;
  hours: number;
  /** each factor's points and the reason for them, so a user sees why one ranks above another */
  factors: {
    skills: { points: number; fit: SkillFit; matched: string[]; missing: string[] };
    availability: { points: number; fit: AvailabilityFit };
    area: { points: number; fit: AreaFit; area: string | null };
    fairness: { points: number; hours: number };
  };
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Ranks candidates for a role: skills, availability at the shift's local weekday and time, area
 * and fairness (hours given: 0 h gets all its points, FAIRNESS_HALF_HOURS half). Higher score
 * first; busy people last; ties go to fewer hours, then name, then id, so the order is stable.
 */
export function rankCandidates(need: Need, candidates: readonly Candidate[], collator: Intl.Collator = new Intl.Collator('id')): Suggestion[] {
  const out = candidates.map((c): Suggestion => {
    const sk = skillFit(need.skills, c.skills);
    const skillShare = sk.fit === 'any' ? ANY_SKILL_SHARE : sk.matched.length / need.skills.length;
    const av = availabilityFit(c.availability, need.pieces);
    const ar = areaFit(c.areaCodes, need.areaCode);
    const fairShare = FAIRNESS_HALF_HOURS / (FAIRNESS_HALF_HOURS + Math.max(0, c.hours));
    const factors = {
      skills: { points: round1(WEIGHTS.skills * skillShare), ...sk },
      availability: { points: round1(WEIGHTS.availability * AVAILABILITY_SHARE[av]), fit: av },
      area: { points: round1(WEIGHTS.area * AREA_SHARE[ar.fit]), fit: ar.fit, area: ar.area },
      fairness: { points: round1(WEIGHTS.fairness * fairShare), hours: c.hours },
    };
    const score = round1(factors.skills.points + factors.availability.points + factors.area.points + factors.fairness.points);
    return { id: c.id, name: c.name, score, busy: !!c.busy, hours: c.hours, factors };
  });
  return out.sort((a, b) => Number(a.busy) - Number(b.busy) || b.score - a.score || a.hours - b.hours || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---- personal data ----

/** +6281234567890 → +62812••••7890: lists show that much of an emergency contact's number. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const head = phone.length >= 12 ? 6 : 3;
  const tail = phone.length >= 12 ? 4 : 2;
  if (phone.length <= head + tail) return '•'.repeat(phone.length);
  return `${phone.slice(0, head)}${'•'.repeat(phone.length - head - tail)}${phone.slice(-tail)}`;
}
