import type { TFunction } from 'i18next';
import i18n from '../../i18n/index.ts';
import type { Reason } from './api.ts';

/** Reasons that only explain how two names written differently are still the same name. */
const NAME_EXPLAINED = new Set(['name_variant_spelling', 'name_spacing', 'name_title_ignored', 'name_word_order']);

/** A reason in plain words; `names` are the two full names compared (for "old spelling (A / B)"). */
export function reasonText(t: TFunction, r: Reason, names: [string, string], all: Reason[] = []): string {
  const v = r.value ?? 0;
  switch (r.code) {
    case 'name_same':
      return all.some((x) => NAME_EXPLAINED.has(x.code)) ? t('duplicates.reason.name_same_written_differently') : t('duplicates.reason.name_same');
    case 'name_similar':
      return t('duplicates.reason.name_similar', { pct: Math.round(v * 100) });
    case 'name_variant_spelling':
      return t('duplicates.reason.name_variant_spelling', { a: names[0], b: names[1] });
    case 'name_part_missing':
    case 'name_initial':
      return t(`duplicates.reason.${r.code}`, { count: v || 1 });
    case 'birth_differs':
      return v ? t('duplicates.reason.birth_years_apart', { count: v }) : t('duplicates.reason.birth_other_day');
    case 'nik_one_digit':
      return t('duplicates.reason.nik_one_digit', { n: v });
    case 'nik_transposed':
      return t('duplicates.reason.nik_transposed', { n: v, m: v + 1 });
    default:
      return i18n.exists(`duplicates.reason.${r.code}`) ? t(`duplicates.reason.${r.code}`) : t('duplicates.reason.other', { code: r.code });
  }
}

export type ReasonLine = { key: string; text: string; weight: number };

const topic = (code: string) => (/^(name|birth|nik|sex|phone)_/.exec(code)?.[1] ?? 'place');

/**
 * The evidence split into what speaks for one person and what against, strongest first. Reasons of
 * weight 0 only explain another one (an old spelling, a title left aside …): they go with the
 * evidence for, right after the reason they explain.
 */
export function splitReasons(t: TFunction, reasons: Reason[], names: [string, string]): { pro: ReasonLine[]; con: ReasonLine[] } {
  const strength = new Map<string, number>();
  for (const r of reasons) strength.set(topic(r.code), Math.max(strength.get(topic(r.code)) ?? 0, Math.abs(r.weight)));
  const lines = reasons.map((r, i) => ({ key: `${r.code}-${i}`, text: reasonText(t, r, names, reasons), weight: r.weight, topic: topic(r.code) }));
  const order = (x: (typeof lines)[number], y: (typeof lines)[number]) =>
    (strength.get(y.topic) ?? 0) - (strength.get(x.topic) ?? 0) || (x.topic === y.topic ? Math.abs(y.weight) - Math.abs(x.weight) : x.topic.localeCompare(y.topic));
  const strip = ({ key, text, weight }: (typeof lines)[number]): ReasonLine => ({ key, text, weight });
  return { pro: lines.filter((l) => l.weight >= 0).sort(order).map(strip), con: lines.filter((l) => l.weight < 0).sort(order).map(strip) };
}

/** What the masked NIKs hide: where the two numbers differ ("differs in digit 8"), from the reasons. */
export function nikDifference(t: TFunction, reasons: Reason[]): string | null {
  const r = reasons.find((x) => x.code === 'nik_one_digit' || x.code === 'nik_transposed');
  if (!r?.value) return null;
  return r.code === 'nik_one_digit' ? t('duplicates.nikDigit', { n: r.value }) : t('duplicates.nikSwapped', { n: r.value, m: r.value + 1 });
}

/** A score (a probability) as a whole percentage that never claims certainty: 1 … 99. */
export const percent = (score: number) => Math.max(1, Math.min(99, Math.round(score * 100)));
