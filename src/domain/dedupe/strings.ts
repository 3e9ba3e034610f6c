/**
 * String comparators for name matching.
 *
 * Jaro–Winkler (Winkler 1990, "String Comparator Metrics and Enhanced Decision Rules in the
 * Fellegi–Sunter Model of Record Linkage"): Jaro similarity with a bonus of 0.1 per common
 * prefix letter (at most 4), the standard parameters. It suits short name tokens: typos late in a
 * word cost little, and the prefix is where names are rarely mistyped.
 *
 * Optimal string alignment distance (restricted Damerau–Levenshtein): the number of single-letter
 * insertions, deletions, substitutions and adjacent swaps. Distance 1 is exactly the "one typo"
 * class that data-entry errors produce.
 */

const FLAGS_A = new Uint8Array(64);
const FLAGS_B = new Uint8Array(64);

/** Jaro–Winkler similarity in [0, 1]; 1 for equal strings, 0 when either is empty. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let aMatched = FLAGS_A;
  let bMatched = FLAGS_B;
  if (la > FLAGS_A.length || lb > FLAGS_B.length) {
    aMatched = new Uint8Array(la);
    bMatched = new Uint8Array(lb);
  } else {
    aMatched.fill(0, 0, la);
    bMatched.fill(0, 0, lb);
  }
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (!bMatched[j] && b.charCodeAt(j) === c) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) t++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Optimal string alignment distance, stopping early once it exceeds `max` (returns max + 1). */
export function osaDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (max === 1) return withinOneEdit(a, b) ? 1 : 2;
  if (!la) return lb;
  if (!lb) return la;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** One insertion, deletion, substitution or adjacent swap apart (the strings differ). */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
