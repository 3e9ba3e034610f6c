import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { orgQuery, useMe } from '../session.ts';

const tag = (lng: string) => (lng === 'en' ? 'en-GB' : 'id-ID');

/** Today's date (YYYY-MM-DD) in a time zone: the organisation's day, not the browser's or UTC's. */
export const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** Dates (YYYY-MM-DD) are shown as written; times in the organisation's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const me = useMe();
  const tz = useQuery({ ...orgQuery, enabled: !!me?.organization }).data?.timeZone ?? 'Asia/Jakarta';
  const lng = i18n.language;
  const dateTime = useCallback(
    (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(tag(lng), { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(iso)) : '—'),
    [lng, tz],
  );
  const date = useCallback(
    (ymd: string | null | undefined) => {
      if (!ymd) return '—';
      const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
      return new Intl.DateTimeFormat(tag(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    },
    [lng],
  );
  const number = useCallback((n: number) => new Intl.NumberFormat(tag(lng)).format(n), [lng]);
  return { dateTime, date, number, timeZone: tz, today: () => todayIn(tz) };
}
