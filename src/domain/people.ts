/** Shared vocabulary of the people registry, used by the API schemas and the web app. */
export const SEXES = ['female', 'male'] as const;
export const PERSON_ROLES = ['beneficiary', 'member', 'volunteer', 'donor', 'staff', 'partner_contact'] as const;
export const RELATIONSHIPS = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'in_law', 'other_family', 'other'] as const;

/** Washington Group Short Set: six domains, each answered 1 (no difficulty) … 4 (cannot do at all). */
export const WG_DOMAINS = ['seeing', 'hearing', 'walking', 'cognition', 'selfcare', 'communication'] as const;
export type WgAnswers = Partial<Record<(typeof WG_DOMAINS)[number], 1 | 2 | 3 | 4>>;
/** The WG recommended cut-off: at least one domain "a lot of difficulty" or "cannot do at all". */
export function hasDisability(answers: WgAnswers | null | undefined): boolean {
  return !!answers && Object.values(answers).some((v) => (v ?? 0) >= 3);
}

export const AGE_BANDS = [
  { key: '0-5', min: 0, max: 5 },
  { key: '6-12', min: 6, max: 12 },
  { key: '13-17', min: 13, max: 17 },
  { key: '18-24', min: 18, max: 24 },
  { key: '25-59', min: 25, max: 59 },
  { key: '60+', min: 60, max: 200 },
] as const;
export type AgeBandKey = (typeof AGE_BANDS)[number]['key'];

export function ageOn(birth: { birthDate?: string | null; birthYear?: number | null }, today = new Date()): number | null {
  if (birth.birthDate) {
    const [y, m, d] = birth.birthDate.split('-').map(Number);
    let age = today.getUTCFullYear() - y;
    if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
    return age;
  }
  if (birth.birthYear) return today.getUTCFullYear() - birth.birthYear;
  return null;
}

/** Lower-cased, without titles (H., Hj., Dr., S.Pd …), punctuation or accents: the text fuzzy search compares. */
const TITLES = new Set(['h', 'hj', 'haji', 'hajjah', 'dr', 'drs', 'dra', 'ir', 'prof', 'spd', 'sh', 'se', 'ssos', 'skm', 'skom', 'st', 'amd', 'mpd', 'msi', 'ny', 'nn', 'tn', 'bpk', 'bapak', 'ibu', 'sdr', 'sdri', 'alm', 'almh']);
export function searchName(fullName: string): string {
  return fullName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[\s,]+/)
    .map((w) => w.replace(/[.'`’-]/g, '').replace(/[^a-z0-9]/g, ''))
    .filter((w) => w && !TITLES.has(w))
    .map(spellingKey)
    .join(' ');
}

/**
 * One spelling for the variants Indonesian names are written in: the pre-1972 spelling
 * (oe→u, dj→j, tj→c, ch→kh, j→y as in "Soeharto", "Djoko", "Tjahjono") and doubled letters
 * ("Muhammad"/"Muhamad"). Both the stored name and the query pass through it, so "Djoko" finds
 * "Joko" and "Soeparman" finds "Suparman". Mirrored in SQL by migration 0003 for stored rows.
 */
export function spellingKey(word: string): string {
  return word
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/j/g, 'y')
    .replace(/ch/g, 'kh')
    .replace(/(.)\1+/g, '$1');
}
