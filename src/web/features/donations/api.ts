import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, CampaignsPage, Donation, DonationsPage, Pledge, PledgesPage } from '../../../domain/contracts/donations.ts';
import { currencyDigits, fromMinor } from '../../../domain/money.ts';
import { get } from '../../api.ts';

export type { Campaign, CampaignsPage, Donation, DonationsPage, Pledge, PledgesPage };

export const campaignsKey = ['campaigns'] as const;
export const donationsKey = ['donations'] as const;
export const pledgesKey = ['pledges'] as const;

/** Every campaign (for pickers and filters), active first. */
export function useCampaignOptions() {
  const q = useQuery({ queryKey: [...campaignsKey, 'options'], queryFn: () => get<CampaignsPage>('/api/campaigns', { limit: 200 }), staleTime: 60_000 });
  return (q.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
}

/**
 * Integer minor units → "Rp 1.500.000" / "IDR 1,500,000.00". The decimal text goes to Intl as a
 * string, so no float ever carries the amount; whole rupiah hide the ",00".
 */
export function useMoney() {
  const { i18n } = useTranslation();
  const tag = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  return useCallback(
    (minor: number, currency: string) => {
      const digits = currencyDigits(currency);
      const whole = digits > 0 && minor % 10 ** digits === 0;
      const fmt = new Intl.NumberFormat(tag, { style: 'currency', currency, currencyDisplay: tag === 'id-ID' && currency === 'IDR' ? 'symbol' : 'code', minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits });
      // Intl takes a decimal string exactly (ES2023); the cast is for older type definitions
      return fmt.format(fromMinor(minor, currency) as unknown as number);
    },
    [tag],
  );
}

/** "1500000.00" → "1500000" for a form field (trailing zero minor units dropped). */
export const amountText = (minor: number, currency: string) => fromMinor(minor, currency).replace(/\.0+$/, '');
