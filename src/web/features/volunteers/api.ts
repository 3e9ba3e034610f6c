import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  Hours,
  HoursPage,
  HoursReport,
  OpenRole,
  SelfView,
  Shift,
  Skills,
  SuggestionItem,
  Suggestions,
  Volunteer,
  VolunteerDocument,
  VolunteerLink,
  VolunteerListItem,
  VolunteerRole,
  VolunteerRoles,
  VolunteersPage,
} from '../../../domain/contracts/volunteers.ts';
import { get } from '../../api.ts';

export type { Hours, HoursPage, HoursReport, OpenRole, SelfView, Shift, Skills, SuggestionItem, Suggestions, Volunteer, VolunteerDocument, VolunteerLink, VolunteerListItem, VolunteerRole, VolunteerRoles, VolunteersPage };

export const volunteerKey = (id: string) => ['volunteer', id] as const;
export const rolesKey = (activityId: string) => ['volunteer-roles', activityId] as const;
export const skillsKey = ['volunteer-skills'] as const;
export const STATUS_COLORS = { active: 'brand', pending: 'orange', inactive: 'gray' } as const;
export const HOURS_COLORS = { pending: 'orange', approved: 'brand', rejected: 'red' } as const;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The organisation's skills, labelled in the current language (an unknown code shows as itself). */
export function useSkills() {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: skillsKey, queryFn: () => get<Skills>('/api/volunteers/skills'), staleTime: 5 * 60_000 });
  const lng = i18n.language === 'en' ? 'en' : 'id';
  const list = q.data?.skills ?? [];
  const options = list.map((s) => ({ value: s.code, label: s.label[lng] }));
  const label = (code: string) => list.find((s) => s.code === code)?.label[lng] ?? code;
  return { options, label, list, loaded: q.isSuccess };
}

/** 2.5 → "2,5 jam" / "2.5 h". */
export const hoursText = (t: TFunction, lng: string, n: number) => t('volunteers.hoursValue', { value: new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 }).format(n) });

/** "Mon 08:00–12:00" (24:00 is the end of the day). */
export const slotText = (t: TFunction, s: { weekday: number; from: string; to: string }) => `${t(`volunteers.weekdayShort.${s.weekday}`)} ${s.from}–${s.to}`;

/** A shift's local span: "12 Mar 2026 · 08:00–12:00", or over two days. */
export const shiftText = (s: { date: string; startTime: string; endDate: string; endTime: string }, date: (d: string) => string) =>
  s.date === s.endDate ? `${date(s.date)} · ${s.startTime}–${s.endTime}` : `${date(s.date)} ${s.startTime} – ${date(s.endDate)} ${s.endTime}`;
