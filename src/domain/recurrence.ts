/**
 * Recurring activities (issue 5): a rule → the local calendar dates of its occurrences.
 *
 * Pure date arithmetic on local dates (YYYY-MM-DD, the organisation's calendar). The time of day
 * is not part of the rule: each occurrence keeps the series' local start time, and the server
 * turns "date + 09:00" into UTC in the organisation's time zone for each date separately, so
 * 09:00 stays 09:00 local even across a daylight-saving change.
 */

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type RepeatRule =
  | { freq: 'weekly'; interval: number; weekdays: Weekday[]; until?: string | null; count?: number | null }
  | {
      freq: 'monthly';
      interval: number;
      /** by day of month (1–31) … */
      monthDay?: number | null;
      /** … or by the nth weekday of the month (week -1 = the last one) */
      nth?: { week: 1 | 2 | 3 | 4 | -1; weekday: Weekday } | null;
      until?: string | null;
      count?: number | null;
    };

/** A series never makes more occurrences than this, whatever its end. */
export const MAX_OCCURRENCES = 200;

const DAY = 86_400_000;
const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => fromUtc(toUtc(d) + n * DAY);
export const daysBetween = (a: string, b: string) => Math.round((toUtc(b) - toUtc(a)) / DAY);
/** ISO weekday of a date (1 = Monday). */
export const weekdayOf = (d: string) => ((((new Date(toUtc(d)).getUTCDay() + 6) % 7) + 1) as Weekday);
export const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();
const ymd = (y: number, m1: number, d: number) => `${String(y).padStart(4, '0')}-${String(m1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The dates of a series starting on `start` (the first occurrence is `start` itself when it
 * matches the rule; a weekly rule also counts the other chosen weekdays of the first week).
 * Ends at `until` (inclusive) or after `count` occurrences, and never past MAX_OCCURRENCES.
 */
export function occurrences(start: string, rule: RepeatRule): string[] {
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const until = rule.until ?? null;
  const out: string[] = [];
  const push = (d: string) => {
    if (d < start || (until && d > until) || out.length >= limit) return false;
    out.push(d);
    return true;
  };
  const interval = Math.max(1, Math.floor(rule.interval || 1));
  if (rule.freq === 'weekly') {
    const days = [...new Set(rule.weekdays.length ? rule.weekdays : [weekdayOf(start)])].sort();
    const monday = addDays(start, 1 - weekdayOf(start));
    // enough weeks for the cap even with one weekday every `interval` weeks
    for (let w = 0; out.length < limit && w <= MAX_OCCURRENCES * interval; w += interval) {
      for (const wd of days) {
        const d = addDays(monday, w * 7 + wd - 1);
        if (until && d > until) return out;
        push(d);
      }
    }
    return out;
  }
  const y0 = Number(start.slice(0, 4));
  const m0 = Number(start.slice(5, 7)) - 1;
  const day0 = Number(start.slice(8, 10));
  for (let k = 0; out.length < limit && k <= MAX_OCCURRENCES * interval; k += interval) {
    const y = y0 + Math.floor((m0 + k) / 12);
    const m1 = ((m0 + k) % 12) + 1;
    const dim = daysInMonth(y, m1);
    let d: string;
    if (rule.nth) {
      const first = weekdayOf(ymd(y, m1, 1));
      const firstMatch = 1 + ((rule.nth.weekday - first + 7) % 7);
      if (rule.nth.week === -1) {
        let day = firstMatch;
        while (day + 7 <= dim) day += 7;
        d = ymd(y, m1, day);
      } else d = ymd(y, m1, firstMatch + (rule.nth.week - 1) * 7); // weeks 1–4 always exist
    } else {
      // A day the month does not have (31 in April, 30 in February) falls on the month's last
      // day, so "every month on the 31st" is "every month on its last day", never a skipped month.
      d = ymd(y, m1, Math.min(rule.monthDay ?? day0, dim));
    }
    if (until && d > until) break;
    push(d);
  }
  return out;
}
