import { prepare, type DedupeRecord, type PreparedRecord } from './compare.ts';
import { COMMON_WORDS } from './names.ts';

/**
 * Blocking keys: candidate pairs are the pairs of records that share a key, so a true duplicate
 * needs one key that survived its errors, and each key must be rare enough that its block stays
 * small (the full scan compares a block of more than maxBlock records only within a window of
 * birth-year order: pairsFromBlocks). At most 8 keys per record, each prefixed with its type;
 * they contain personal data, so the caller hashes them (HMAC) before storing.
 *
 *  n1:  NIK digits 1-12 (district + birth date)        } a one-digit NIK typo or a swap keeps one
 *  n2:  NIK digits 7-16 (birth date + serial)          } of the two unless it hits digits 7-12
 *  t:   one name word + birthday with day and month sorted (two words, the rarest-looking first;
 *       a third if there is room): survives a typo in another word, a missing middle name, word
 *       order, spelling variants and titles, a day/month swap and a wrong birth year.
 *  b:   birth date (day and month sorted) + district: any name error, for people who stayed in
 *       the district (a district has ~10,000 people, so ~1 per date).
 *  d:   the two longest name words, sorted + district: wrong or missing birth dates.
 *  h:   household: everyone in one household is compared (households are small).
 *  p:   first three letters of every word, sorted + sorted birthday: a typo after the third
 *       letter in every word at once.
 * In that order of priority when there are more than 8.
 *
 * Words of one letter (initials) are not used. Records with only a birth year use the year in
 * place of the birthday.
 */
export function blockingKeys(r: DedupeRecord): string[] {
  return blockingKeysPrepared(prepare(r));
}


export function blockingKeysPrepared(p: PreparedRecord): string[] {
  const keys: string[] = [];
  if (p.nik) keys.push(`n1:${p.nik.slice(0, 12)}`, `n2:${p.nik.slice(6)}`);
  const words = [...new Set(p.name.canon.filter((t) => t.length > 1))];
  const birthday = p.y && p.m ? (p.d < p.m ? `${p.d}.${p.m}` : `${p.m}.${p.d}`) : p.y ? `y${p.y}` : '';
  const district = p.area && p.area.length >= 8 ? p.area.slice(0, 8) : null;
  const ranked = [...words].sort((x, y) => Number(COMMON_WORDS.has(x)) - Number(COMMON_WORDS.has(y)) || y.length - x.length || (x < y ? -1 : 1));
  if (birthday) for (const t of ranked.slice(0, 2)) keys.push(`t:${t}|${birthday}`);
  if (birthday && p.m && district) keys.push(`b:${birthday}.${p.y}|${district}`);
  if (words.length && district) {
    const longest = [...words].sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).slice(0, 2).sort();
    keys.push(`d:${longest.join(' ')}|${district}`);
  }
  if (p.household) keys.push(`h:${p.household}`);
  if (birthday && words.length >= 2) keys.push(`p:${words.map((t) => t.slice(0, 3)).sort().join(' ')}|${birthday}`);
  if (birthday && ranked.length >= 3) keys.push(`t:${ranked[2]}|${birthday}`);
  return keys.slice(0, 8);
}
