import type { TFunction } from 'i18next';
import { AGE_BANDS, PERSON_ROLES, RELATIONSHIPS, SEXES, WG_DOMAINS } from '../../../domain/people.ts';

export const sexOptions = (t: TFunction) => SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }));
export const roleOptions = (t: TFunction) => PERSON_ROLES.map((r) => ({ value: r, label: t(`personRole.${r}`) }));
export const relationshipOptions = (t: TFunction) => RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationship.${r}`) }));
export const ageBandOptions = (t: TFunction) => AGE_BANDS.map((b) => ({ value: b.key, label: t('people.ageBand', { band: b.key }) }));
export const wgAnswerOptions = (t: TFunction) => [1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n} — ${t(`wg.answer${n}`)}` }));
export { WG_DOMAINS };

/** "Desa X, Kec. Y, Kab. Z" style: smallest area first. */
export function areaText(area: { name: string }[] | undefined | null): string {
  if (!area?.length) return '';
  return [...area]
    .reverse()
    .map((a) => a.name)
    .join(', ');
}
