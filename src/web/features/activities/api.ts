import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES } from '../../../domain/activities.ts';
import { currencyDigits } from '../../../domain/money.ts';
import type { ActivitiesPage, Activity, ActivityChange, ActivityTypes } from '../../../domain/contracts/activities.ts';
import { get } from '../../api.ts';

export type { ActivitiesPage, Activity, ActivityChange, ActivityTypes };
export const activityKey = (id: string) => ['activity', id] as const;
export const activityTypesKey = ['activity-types'] as const;
export const STATUS_COLORS = { planned: 'blue', done: 'green', cancelled: 'dark' } as const;
export const TYPE_COLORS: Record<string, string> = { meeting: 'indigo', workshop: 'grape', training: 'teal', distribution: 'orange', social_event: 'pink', field_visit: 'lime', other: 'gray' };

/** Built-in and the organisation's own types, as select options in the current language. */
export function useTypeOptions() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: activityTypesKey, queryFn: () => get<ActivityTypes>('/api/activities/types'), staleTime: 5 * 60_000 });
  const lng = i18n.language === 'en' ? 'en' : 'id';
  const custom = q.data?.custom ?? [];
  const options = [...ACTIVITY_TYPES.map((c) => ({ value: c, label: t(`activities.type.${c}`) })), ...custom.map((c) => ({ value: c.code, label: c.label[lng] }))];
  const label = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  return { options, label, custom, loaded: q.isSuccess };
}

/** "09:00–11:00", "all day", or "3 Mar 09:00 – 4 Mar 12:00" over several days. */
export function timeText(t: TFunction, a: Pick<Activity, 'allDay' | 'startDate' | 'endDate' | 'startTime' | 'endTime'>, date: (d: string) => string) {
  if (a.allDay) return a.startDate === a.endDate ? t('activities.allDay') : `${date(a.startDate)} – ${date(a.endDate)}`;
  if (a.startDate === a.endDate) return `${a.startTime}–${a.endTime}`;
  return `${date(a.startDate)} ${a.startTime} – ${date(a.endDate)} ${a.endTime}`;
}

/** The money in minor units, e.g. 1500000 IDR → "Rp 1.500.000". */
export function money(lng: string, amount: number, currency: string) {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'id-ID', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amount / 10 ** digits);
}
/** ISO 4217 minor digits of a currency (IDR 2, JPY 0). */
export const minorDigits = currencyDigits;
