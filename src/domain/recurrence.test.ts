import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, occurrences, weekdayOf } from './recurrence.ts';

describe('recurrence', () => {
  it('repeats weekly on the chosen weekdays, every N weeks, from the start date', () => {
    // 2026-03-02 is a Monday
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(occurrences('2026-03-02', { freq: 'weekly', interval: 1, weekdays: [1], count: 4 })).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    // Tuesday and Thursday every other week, starting on a Wednesday: that week's Thursday counts, Tuesday is past
    expect(occurrences('2026-03-04', { freq: 'weekly', interval: 2, weekdays: [4, 2], count: 5 })).toEqual(['2026-03-05', '2026-03-17', '2026-03-19', '2026-03-31', '2026-04-02']);
    // no weekday chosen: the start date's own
    expect(occurrences('2026-03-04', { freq: 'weekly', interval: 1, weekdays: [], count: 2 })).toEqual(['2026-03-04', '2026-03-11']);
  });

  it('ends at the until date (inclusive) or the count, and never past the cap', () => {
    expect(occurrences('2026-03-02', { freq: 'weekly', interval: 1, weekdays: [1], until: '2026-03-16' })).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(occurrences('2026-03-02', { freq: 'weekly', interval: 1, weekdays: [1], until: '2026-03-15' })).toHaveLength(2);
    expect(occurrences('2026-03-02', { freq: 'weekly', interval: 1, weekdays: [1, 3, 5], until: '2099-12-31' })).toHaveLength(MAX_OCCURRENCES);
    expect(occurrences('2026-03-02', { freq: 'monthly', interval: 1, count: 1000 })).toHaveLength(MAX_OCCURRENCES);
    expect(occurrences('2026-03-02', { freq: 'weekly', interval: 1, weekdays: [1], until: '2026-03-01' })).toEqual([]);
  });

  it('puts a monthly day the month lacks on its last day (31st → 30 April, 28 or 29 February)', () => {
    expect(occurrences('2026-01-31', { freq: 'monthly', interval: 1, count: 5 })).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    // leap year
    expect(occurrences('2028-01-30', { freq: 'monthly', interval: 1, count: 3 })).toEqual(['2028-01-30', '2028-02-29', '2028-03-30']);
    // an explicit day of month, every 3 months, across the year end
    expect(occurrences('2026-11-01', { freq: 'monthly', interval: 3, monthDay: 31, count: 4 })).toEqual(['2026-11-30', '2027-02-28', '2027-05-31', '2027-08-31']);
    // a day before the start in the first month is skipped, not moved
    expect(occurrences('2026-01-20', { freq: 'monthly', interval: 1, monthDay: 5, count: 2 })).toEqual(['2026-02-05', '2026-03-05']);
  });

  it('repeats on the nth or last weekday of the month', () => {
    // second Tuesday
    expect(occurrences('2026-01-01', { freq: 'monthly', interval: 1, nth: { week: 2, weekday: 2 }, count: 3 })).toEqual(['2026-01-13', '2026-02-10', '2026-03-10']);
    // last Friday, through February of a leap year
    expect(occurrences('2028-01-01', { freq: 'monthly', interval: 1, nth: { week: -1, weekday: 5 }, until: '2028-03-31' })).toEqual(['2028-01-28', '2028-02-25', '2028-03-31']);
  });
});
