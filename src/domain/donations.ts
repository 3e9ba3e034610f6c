import { daysInMonth } from './recurrence.ts';

/**
 * Donations (issue 6 point 6): the kinds, methods and statuses, and the pure date logic of
 * recurring pledges — when gifts are due, how much was expected by a date, the next due date.
 * Dates are local calendar dates (YYYY-MM-DD). A pledge keeps the day of month it started on:
 * one that starts on 31 January is due on 28/29 February, 31 March, 30 April, …
 */

export const DONATION_KINDS = ['money', 'in_kind'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const DONATION_METHODS = ['cash', 'transfer', 'ewallet', 'cheque', 'other'] as const;
export type DonationMethod = (typeof DONATION_METHODS)[number];
export const CAMPAIGN_STATUSES = ['planned', 'active', 'closed'] as const;
export const PLEDGE_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type PledgeFrequency = (typeof PLEDGE_FREQUENCIES)[number];
export const PLEDGE_STATUSES = ['active', 'paused', 'ended'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

const MONTHS: Record<PledgeFrequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** `start` moved by whole months, keeping its day of month where the month has it (else the month's last day). */
export function addMonths(start: string, months: number): string {
  const y0 = Number(start.slice(0, 4));
  const m0 = Number(start.slice(5, 7)) - 1 + months;
  const y = y0 + Math.floor(m0 / 12);
  const m1 = (((m0 % 12) + 12) % 12) + 1;
  const day = Math.min(Number(start.slice(8, 10)), daysInMonth(y, m1));
  return `${String(y).padStart(4, '0')}-${String(m1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type PledgeSchedule = { frequency: PledgeFrequency; startDate: string; endDate?: string | null };

/** The n-th due date (0: the start date). */
export const dueDate = (p: PledgeSchedule, n: number) => addMonths(p.startDate, n * MONTHS[p.frequency]);

/** How many gifts were due on or before `asOf` (the start counts; none after the end date). */
export function dueCount(p: PledgeSchedule, asOf: string): number {
  const last = p.endDate && p.endDate < asOf ? p.endDate : asOf;
  if (last < p.startDate) return 0;
  // months between the two dates, then step back while the due date is after `last`
  const months = (Number(last.slice(0, 4)) - Number(p.startDate.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(p.startDate.slice(5, 7));
  let n = Math.floor(months / MONTHS[p.frequency]);
  while (n > 0 && dueDate(p, n) > last) n--;
  return n + 1;
}

/** The due dates from the start up to `until` (inclusive), at most `limit`. */
export function dueDates(p: PledgeSchedule, until: string, limit = 500): string[] {
  const n = Math.min(dueCount(p, until), limit);
  return Array.from({ length: n }, (_, i) => dueDate(p, i));
}

/** The first due date after `asOf`; null when the pledge has ended (by its status or end date). */
export function nextDueDate(p: PledgeSchedule & { status?: PledgeStatus }, asOf: string): string | null {
  if (p.status === 'ended') return null;
  const next = asOf < p.startDate ? p.startDate : dueDate(p, dueCount({ ...p, endDate: null }, asOf));
  return p.endDate && next > p.endDate ? null : next;
}

/**
 * What a pledge should have brought by `asOf` against what arrived (minor units, one currency):
 * expected = amount × gifts due so far; `behind` is never negative (gifts in advance count as ahead).
 */
export function pledgeProgress(p: PledgeSchedule & { amount: number; status?: PledgeStatus }, received: number, asOf: string) {
  const due = dueCount(p, asOf);
  const expected = p.amount * due;
  if (!Number.isSafeInteger(expected)) throw new RangeError('amount_too_large');
  return { dueCount: due, expected, received, behind: Math.max(0, expected - received), nextDueDate: nextDueDate(p, asOf) };
}

/** A receipt number: the year and a six-digit sequence ("2026/000123"). */
export const receiptNumber = (year: number, seq: number) => `${year}/${String(seq).padStart(6, '0')}`;
