import { describe, expect, it } from 'vitest';
import { addMonths, dueCount, dueDates, nextDueDate, pledgeProgress, receiptNumber } from './donations.ts';

describe('pledge schedule', () => {
  it('keeps the start day and clamps to month ends (leap years too)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(dueDates({ frequency: 'monthly', startDate: '2026-01-31' }, '2026-06-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    expect(dueDates({ frequency: 'quarterly', startDate: '2025-11-30' }, '2026-12-31')).toEqual(['2025-11-30', '2026-02-28', '2026-05-30', '2026-08-30', '2026-11-30']);
  });

  it('counts the gifts due by a date: the start counts, nothing before it or after the end', () => {
    const p = { frequency: 'monthly' as const, startDate: '2026-01-31' };
    expect(dueCount(p, '2026-01-30')).toBe(0);
    expect(dueCount(p, '2026-01-31')).toBe(1);
    expect(dueCount(p, '2026-02-27')).toBe(1);
    expect(dueCount(p, '2026-02-28')).toBe(2);
    expect(dueCount(p, '2026-03-30')).toBe(2);
    expect(dueCount(p, '2026-03-31')).toBe(3);
    expect(dueCount({ ...p, endDate: '2026-03-01' }, '2027-01-01')).toBe(2);
    expect(dueCount({ frequency: 'yearly', startDate: '2024-02-29' }, '2025-02-27')).toBe(1);
    expect(dueCount({ frequency: 'yearly', startDate: '2024-02-29' }, '2025-02-28')).toBe(2);
    expect(dueCount({ frequency: 'quarterly', startDate: '2026-01-15' }, '2026-12-31')).toBe(4);
  });

  it('gives the next due date, or none once ended', () => {
    const p = { frequency: 'monthly' as const, startDate: '2026-01-31' };
    expect(nextDueDate(p, '2026-01-01')).toBe('2026-01-31');
    expect(nextDueDate(p, '2026-01-31')).toBe('2026-02-28');
    expect(nextDueDate(p, '2026-02-28')).toBe('2026-03-31');
    expect(nextDueDate({ ...p, endDate: '2026-03-30' }, '2026-02-28')).toBeNull();
    expect(nextDueDate({ ...p, status: 'ended' }, '2026-02-01')).toBeNull();
    expect(nextDueDate({ frequency: 'yearly', startDate: '2024-02-29' }, '2024-03-01')).toBe('2025-02-28');
  });

  it('compares expected with received in integer minor units', () => {
    const p = { frequency: 'monthly' as const, startDate: '2026-01-31', amount: 10_000_000 };
    expect(pledgeProgress(p, 15_000_000, '2026-03-31')).toEqual({ dueCount: 3, expected: 30_000_000, received: 15_000_000, behind: 15_000_000, nextDueDate: '2026-04-30' });
    expect(pledgeProgress(p, 50_000_000, '2026-02-01').behind).toBe(0);
  });

  it('formats receipt numbers', () => {
    expect(receiptNumber(2026, 123)).toBe('2026/000123');
  });
});
