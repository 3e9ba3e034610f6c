import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Budget, BudgetCategories, BudgetVsActual, Expense, ExpenseImportPreview, ExpensesPage, FundingSources } from '../../../domain/contracts/finance.ts';
import { MoneyError, currencyDigits, fromMinor, majorNumber, toMinor } from '../../../domain/money.ts';
import { get } from '../../api.ts';

export type { Budget, BudgetCategories, BudgetVsActual, Expense, ExpenseImportPreview, ExpensesPage, FundingSources };

export const budgetKey = (programId: string) => ['budget', programId] as const;
export const categoriesKey = ['finance-categories'] as const;
export const EXPENSE_COLORS = { submitted: 'orange', approved: 'brand', rejected: 'red' } as const;

/** The organisation's budget categories, labelled in the current language. */
export function useCategories() {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: categoriesKey, queryFn: () => get<BudgetCategories>('/api/finance/categories'), staleTime: 5 * 60_000 });
  const lng = i18n.language === 'en' ? 'en' : 'id';
  const list = q.data?.categories ?? [];
  const label = useCallback((code: string) => list.find((c) => c.code === code)?.label[lng] ?? code, [list, lng]);
  return { list, options: list.map((c) => ({ value: c.code, label: c.label[lng] })), label };
}

export function useFundingSources(programId: string | undefined) {
  return useQuery({ queryKey: ['funding-sources', programId], queryFn: () => get<FundingSources>('/api/finance/funding-sources', { programId: programId! }), enabled: !!programId });
}

/** Minor units → "Rp 1.500.000" / "IDR 1,500,000" in the page's language (display only: sums stay integers). */
export function useMoney() {
  const { i18n } = useTranslation();
  const tag = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return useCallback(
    (minor: number, currency: string) => new Intl.NumberFormat(tag, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: currencyDigits(currency) }).format(majorNumber(minor, currency)),
    [tag],
  );
}

/** What a user types ("1.500.000", "1500000,50" in Indonesian; "1,500,000.50" in English) → minor units, or null. */
export function parseAmount(text: string, currency: string, lng: string): number | null {
  let s = text.trim().replace(/\s|Rp/g, '');
  if (!s) return 0;
  if (lng === 'en') s = s.replace(/,/g, '');
  else s = s.replace(/\./g, '').replace(',', '.');
  try {
    const m = toMinor(s, currency);
    return m >= 0 ? m : null;
  } catch (e) {
    if (e instanceof MoneyError) return null;
    throw e;
  }
}

/** Minor units → the text an amount box shows ("1500000" or "12,5"). */
export function amountInput(minor: number, currency: string, lng: string): string {
  const s = fromMinor(minor, currency).replace(/\.0+$/, '');
  return lng === 'en' ? s : s.replace('.', ',');
}

/** A period start → "T1 2026" / "Q1 2026", "Mar 2026", "2026". */
export function periodLabel(period: string, kind: 'month' | 'quarter' | 'year', lng: string) {
  const y = period.slice(0, 4);
  const m = Number(period.slice(5, 7));
  if (kind === 'year') return y;
  if (kind === 'quarter') return `${lng === 'en' ? 'Q' : 'T'}${Math.floor((m - 1) / 3) + 1} ${y}`;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), m - 1, 1)));
}
