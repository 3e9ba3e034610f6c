import type { TFunction } from 'i18next';
import { WG_DOMAINS, areaText } from '../people/labels.ts';
import type { Person } from '../people/api.ts';
import type { MergeField, Pair } from './api.ts';

type Fmt = { date: (ymd: string | null | undefined) => string };

/**
 * One line of the side-by-side view: how a field reads for a person, and whether the two people
 * differ in it. A merge row covers the MERGE_FIELDS chosen together (birth date and year, which the
 * server keeps consistent, go as one).
 */
export type FieldRow = {
  key: string;
  fields: MergeField[];
  label: (t: TFunction) => string;
  show: (p: Person, t: TFunction, f: Fmt) => string | null;
  /** What is compared; null when the person has no value. */
  raw: (p: Person) => unknown;
  mono?: boolean;
  multiline?: boolean;
  /** Shown only where the two differ (the names head the columns anyway). */
  onlyIfDiffers?: boolean;
};

const text = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s);

export const birthText = (p: Person, t: TFunction, f: Fmt) => (p.birthDate ? f.date(p.birthDate) : p.birthYear ? t('person.aboutYear', { year: p.birthYear }) : null);
const householdText = (p: Person, t: TFunction) =>
  p.householdId ? `${p.householdName ?? '—'}${p.relationship ? ` (${t(`relationship.${p.relationship}`)})` : ''}` : null;
const phoneDigits = (s: string | null) => (s ? s.replace(/\D/g, '').replace(/^62/, '').replace(/^0+/, '') : null);

export const ROWS: Record<string, FieldRow> = {
  full_name: { key: 'full_name', fields: ['full_name'], label: (t) => t('fields.fullName'), show: (p) => p.fullName, raw: (p) => p.fullName.trim().toLowerCase() },
  preferred_name: { key: 'preferred_name', fields: ['preferred_name'], label: (t) => t('fields.preferredName'), show: (p) => text(p.preferredName), raw: (p) => text(p.preferredName) },
  sex: { key: 'sex', fields: ['sex'], label: (t) => t('fields.sex'), show: (p, t) => (p.sex ? t(`sex.${p.sex}`) : null), raw: (p) => p.sex },
  birth: { key: 'birth', fields: ['birth_date', 'birth_year'], label: (t) => t('fields.birthDate'), show: birthText, raw: (p) => p.birthDate ?? p.birthYear },
  nik: { key: 'nik', fields: ['nik'], label: (t) => t('fields.nik'), show: (p) => p.nikMasked, raw: (p) => p.nikMasked, mono: true },
  phone: { key: 'phone', fields: ['phone'], label: (t) => t('fields.phone'), show: (p) => text(p.phone), raw: (p) => phoneDigits(p.phone) },
  email: { key: 'email', fields: ['email'], label: (t) => t('fields.email'), show: (p) => text(p.email), raw: (p) => text(p.email)?.toLowerCase() ?? null },
  address: { key: 'address', fields: ['address'], label: (t) => t('fields.address'), show: (p) => text(p.address), raw: (p) => text(p.address), multiline: true },
  area: { key: 'area', fields: ['area_code'], label: (t) => t('fields.area'), show: (p) => text(areaText(p.area)), raw: (p) => p.areaCode },
  disability: {
    key: 'disability',
    fields: ['disability'],
    label: (t) => t('wg.title'),
    show: (p, t) => {
      const answered = WG_DOMAINS.filter((d) => p.disability?.[d]);
      return answered.length ? answered.map((d) => `${t(`wg.short.${d}`)}: ${p.disability?.[d]} — ${t(`wg.answer${p.disability?.[d]}`)}`).join('; ') : null;
    },
    raw: (p) => {
      const answered = WG_DOMAINS.filter((d) => p.disability?.[d]);
      return answered.length ? answered.map((d) => `${d}=${p.disability?.[d]}`).join(',') : null;
    },
  },
  welfare_decile: { key: 'welfare_decile', fields: ['welfare_decile'], label: (t) => t('fields.welfareDecile'), show: (p) => (p.welfareDecile ? String(p.welfareDecile) : null), raw: (p) => p.welfareDecile },
  consent: {
    key: 'consent',
    fields: ['consent'],
    label: (t) => t('fields.consent'),
    show: (p, t, f) => (p.consent.given ? [t('duplicates.consentGiven'), p.consent.date ? f.date(p.consent.date) : null, text(p.consent.purpose)].filter(Boolean).join(' · ') : t('duplicates.consentNotGiven')),
    raw: (p) => (p.consent.given || p.consent.date || p.consent.purpose ? JSON.stringify([p.consent.given, p.consent.date, text(p.consent.purpose)]) : null),
  },
  notes: { key: 'notes', fields: ['notes'], label: (t) => t('fields.notes'), show: (p) => text(p.notes), raw: (p) => text(p.notes), multiline: true },
  household: { key: 'household', fields: ['household'], label: (t) => t('fields.household'), show: householdText, raw: (p) => (p.householdId ? `${p.householdId}:${p.relationship ?? ''}` : null) },
};

/** The key fields shown on a card of the queue (the area as village and district only). */
export const KEY_ROWS: FieldRow[] = [
  { ...ROWS.full_name, onlyIfDiffers: true },
  ...['sex', 'birth', 'nik', 'phone'].map((k) => ROWS[k]),
  { ...ROWS.area, show: (p: Person) => text(areaText(p.area.slice(-2))) },
  ROWS.household,
];
/** Every field a merge chooses, in form order (together they cover MERGE_FIELDS). */
export const MERGE_ROWS = ['full_name', 'preferred_name', 'sex', 'birth', 'nik', 'phone', 'email', 'address', 'area', 'household', 'disability', 'welfare_decile', 'consent', 'notes'].map((k) => ROWS[k]);

const empty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * Whether the two people of a pair differ in a field. NIKs are only seen masked, which hides the
 * digits that most often differ: the pair's reasons say whether the numbers agree.
 */
export function differs(row: FieldRow, pair: Pick<Pair, 'a' | 'b' | 'reasons'>): boolean {
  const x = row.raw(pair.a);
  const y = row.raw(pair.b);
  if (row.key === 'nik' && !empty(x) && !empty(y)) return !pair.reasons.some((r) => r.code === 'nik_same');
  if (empty(x) && empty(y)) return false;
  return x !== y;
}

/** How many merge fields a person has filled in (to suggest which record to keep). */
export const filledCount = (p: Person) => MERGE_ROWS.filter((r) => !empty(r.raw(p))).length;

/** The record suggested to keep: the one with more data; with as much, the older one. */
export function suggestedKeep(pair: Pick<Pair, 'a' | 'b'>): string {
  const fa = filledCount(pair.a);
  const fb = filledCount(pair.b);
  if (fa !== fb) return fa > fb ? pair.a.id : pair.b.id;
  return pair.b.createdAt < pair.a.createdAt ? pair.b.id : pair.a.id;
}

export const isEmptyValue = empty;
