import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deadlines, Funder, FunderContact, FunderDetail, FundersPage, Grant, GrantDetail, GrantReport, GrantsPage, Interaction, Opportunity, Pipeline } from '../../../domain/contracts/funding.ts';
import { FUNDER_KINDS, STAGES } from '../../../domain/funding.ts';
import { MoneyError, fromMinor, toMinor } from '../../../domain/money.ts';
import { get } from '../../api.ts';

export type { Deadlines, Funder, FunderContact, FunderDetail, FundersPage, Grant, GrantDetail, GrantReport, GrantsPage, Interaction, Opportunity, Pipeline };

/** The organisation's grants as choices (donor reports, budget vs actual by grant). */
export const grantOptionsQuery = queryOptions({ queryKey: ['grants', 'options'], queryFn: () => get<GrantsPage>('/api/grants', { limit: 200 }) });

export const STAGE_COLORS = { identified: 'gray', concept: 'blue', submitted: 'violet', awarded: 'green', declined: 'red' } as const;
export const GRANT_STATUS_COLORS = { draft: 'gray', active: 'brand', closed: 'dark' } as const;
export const REPORT_STATUS_COLORS = { due: 'orange', submitted: 'blue', accepted: 'green' } as const;
export const CURRENCIES = ['IDR', 'USD', 'EUR', 'AUD', 'GBP', 'JPY', 'SGD'];

/** Money for people: "Rp 1.500.000" / "IDR 1,500,000.00", exact (the decimal string, never a float sum). */
export function useMoney() {
  const { i18n } = useTranslation();
  const tag = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return useCallback(
    (minor: number, currency: string) => {
      try {
        // Intl formats a decimal string exactly
        return new Intl.NumberFormat(tag, { style: 'currency', currency, minimumFractionDigits: 0 }).format(fromMinor(minor, currency) as unknown as number);
      } catch {
        return `${currency} ${fromMinor(minor, currency)}`;
      }
    },
    [tag],
  );
}

/** A typed amount ("1.500.000" in Indonesian, "1,500,000.50" in English, or plain) → minor units, or null when it is not one. */
export function parseAmount(text: string, currency: string, lng: string): number | null {
  let s = text.trim().replace(/\s|Rp|[A-Z]{3}/g, '');
  if (!s) return 0;
  if (lng === 'en') s = s.replace(/,/g, '');
  else s = s.replace(/\./g, '').replace(',', '.');
  try {
    return toMinor(s, currency);
  } catch (e) {
    if (e instanceof MoneyError) return null;
    throw e;
  }
}
export const amountText = (minor: number, currency: string, lng: string) => {
  const s = fromMinor(minor, currency).replace(/\.0+$/, '');
  return lng === 'en' ? s : s.replace('.', ',');
};

export const kindOptions = (t: TFunction) => FUNDER_KINDS.map((k) => ({ value: k, label: t(`funding.kind.${k}`) }));
export const stageOptions = (t: TFunction) => STAGES.map((k) => ({ value: k, label: t(`funding.stage.${k}`) }));

/** Funders and programs to pick from (an organisation has tens to hundreds). */
export function useFunderOptions() {
  const q = useQuery({ queryKey: ['funders', 'options'], queryFn: () => get<FundersPage>('/api/funders', { limit: 200 }), staleTime: 60_000 });
  return (q.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }));
}
export function useProgramOptions() {
  const q = useQuery({ queryKey: ['programs', 'options'], queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/programs', { limit: 200 }), staleTime: 60_000 });
  return (q.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
}
