import { searchName, spellingKey } from '../people.ts';
import { jaroWinkler, osaDistance } from './strings.ts';

/**
 * Name preparation and comparison for duplicate detection.
 *
 * A name becomes a list of tokens: lower case, accents and punctuation removed, titles ("H.",
 * "Hj.", "Dr.", "S.Pd" … the list of searchName) set aside, then written in one spelling:
 * spellingKey (oe→u, dj→j, tj→c, j→y, ch→kh, doubled letters) plus a few more rewrites that
 * only matter for matching (kh→h, sy→s, dh→d, th→t, q→k, a final h after a vowel, a final y
 * after a consonant) and the forms of "Muhammad"/"Ahmad". Particles that carry no identity
 * (Balinese I/Ni/Luh, bin/binti, Batak "br." for boru, "Jr.") are dropped.
 */
export type PreparedName = {
  /** Tokens as written (lower case, no punctuation), without titles and particles. */
  raw: string[];
  /** The same tokens in canonical spelling, position by position. */
  canon: string[];
  /** The titles found, sorted and joined ('' when none). */
  titles: string;
};

const PARTICLES = new Set(['i', 'ni', 'luh', 'bin', 'binti', 'bt', 'bn', 'br', 'boru', 'jr', 'sr', 'junior']);

/** Spellings of Muhammad and Ahmad after spellingKey, and common abbreviations. */
const ALIASES = new Map<string, string>([
  ...['muhamad', 'mohamad', 'mohamed', 'muhamed', 'muhamat', 'mohamat', 'mukhamad', 'mokhamad', 'mukhamat', 'mokhamat', 'mohd', 'muhd', 'moh', 'muh', 'mhd', 'mhmd', 'mochamad', 'mokh', 'much'].map(
    (v) => [v, 'muhamad'] as [string, string],
  ),
  ...['ahmad', 'akhmad', 'ahmat', 'akhmat', 'amad'].map((v) => [v, 'ahmad'] as [string, string]),
  ['abd', 'abdul'],
  ['abdu', 'abdul'],
]);

/** One token in the spelling used for matching (input: lower-case letters/digits). */
export function canonToken(token: string): string {
  let t = spellingKey(token);
  const alias = ALIASES.get(t);
  if (alias) return alias;
  if (t.length > 2) {
    t = t
      .replace(/kh/g, 'h')
      .replace(/sy/g, 's')
      .replace(/dh/g, 'd')
      .replace(/th/g, 't')
      .replace(/ph/g, 'f')
      .replace(/q/g, 'k')
      .replace(/(..[aiueo])h$/, '$1')
      .replace(/([^aiueo])y$/, '$1i')
      .replace(/(.)\1+/g, '$1');
  }
  return ALIASES.get(t) ?? t;
}

const NON_ASCII = /[^\x00-\x7f]/;

export function prepareName(fullName: string): PreparedName {
  let s = fullName.toLowerCase();
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const raw: string[] = [];
  const canon: string[] = [];
  const titles: string[] = [];
  for (const part of s.split(/[\s,]+/)) {
    const w = part.replace(/[.'`’-]/g, '').replace(/[^a-z0-9]/g, '');
    if (!w) continue;
    // searchName('') drops exactly the titles it knows; reuse its list instead of copying it.
    if (w.length <= 7 && searchName(w) === '') {
      titles.push(w);
      continue;
    }
    if (PARTICLES.has(w)) continue;
    raw.push(w);
    canon.push(canonToken(w));
  }
  return { raw, canon, titles: titles.sort().join(' ') };
}

/**
 * Words so common that they say little about identity (and make big blocks). Used when no
 * frequency table is at hand: these count as ~4.5 bits of information, other words as 8.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'muhamad', 'siti', 'nur', 'sri', 'ahmad', 'abdul', 'dwi', 'eka', 'tri', 'putri', 'dewi', 'ayu',
  'putu', 'made', 'wayan', 'komang', 'ketut', 'nyoman', 'kadek', 'gede', 'luh', 'andi', 'rahmat',
  'nurul', 'indah', 'agus', 'budi', 'fitri', 'wati', 'sari', 'yanti', 'lestari', 'rizki', 'putra',
  'saputra', 'pratama', 'hidayat', 'setiawan', 'wahyu', 'rahayu', 'aditya', 'fatima', 'aisa',
]);
export function defaultTokenBits(token: string): number {
  return COMMON_WORDS.has(token) ? 4.5 : 8;
}

/** A prepared name as one compact string (for keeping a million of them in memory), and back. */
export function encodeName(n: PreparedName): string {
  return `${n.raw.join(' ')}|${n.canon.join(' ')}|${n.titles}`;
}
export function decodeName(s: string): PreparedName {
  const [raw, canon, titles] = s.split('|');
  return { raw: raw ? raw.split(' ') : [], canon: canon ? canon.split(' ') : [], titles };
}

export type NameComparison = {
  /** Length-weighted mean similarity of aligned tokens, extra tokens counting half (0..1). */
  similarity: number;
  /** Aligned token pairs, by kind. */
  exact: number;
  /** Lengths of the tokens (the shorter of the two) aligned as a typo: one edit apart, or two for a misspelling (below). */
  close: number[];
  /**
   * For each entry of `close`: does one spelling look like a misspelling of the other? Only known
   * with word counts (compareNames' tokenCount): the rarer spelling is seen in the registry at
   * most 1/MISSPELLING_RATIO as often as the other ("Supriydi" 3 times, "Supriyadi" 900), so it
   * is most likely a typing error of it, not another name ("Ani"/"Ana": both common). Such a
   * misspelling also aligns when two edits off a word of five letters or more ("Taofeik"/
   * "Taufik": a variant spelling and a typo in one word) and when one edit leaves a two-letter
   * word ("Di" for "Dwi").
   */
  misspelt: boolean[];
  /**
   * Information in the agreeing words, in bits: Σ -log2(frequency) over words aligned exactly or
   * with a typo (the commoner spelling of the two), 1 bit per initial.
   */
  bits: number;
  initials: number;
  different: number;
  /** Tokens of the longer name left without a partner (a missing middle name …). */
  extra: number;
  wordOrder: boolean;
  /** Some aligned tokens are equal only after canonical spelling (Soeparman/Suparman). */
  variant: boolean;
  /** The titles differ (H. Ahmad / Ahmad). */
  titlesDiffer: boolean;
  /** Written together on one side, apart on the other (Nurhayati / Nur Hayati). */
  spacing: boolean;
};

const MAX_WORDS = 12;
const SIM = new Float64Array(MAX_WORDS * MAX_WORDS);
const KIND = new Uint8Array(MAX_WORDS * MAX_WORDS); // 0 exact, 1 initial, 2 one typo, 3 different, 4 a misspelling (one or two edits)
const PAIR_I = new Int8Array(MAX_WORDS);
const PAIR_J = new Int8Array(MAX_WORDS);

/**
 * A spelling seen this many times less often than the one it is a typo away from is taken for a
 * misspelling of it. Typing errors are idiosyncratic: each wrong form turns up a handful of times
 * at most, while the name it garbles is shared by many; two real names a letter apart are both
 * common, or both rare.
 */
export const MISSPELLING_RATIO = 16;

/**
 * `tokenBits`: information of a canonical word (defaultTokenBits without a registry to count).
 * `tokenCount`: how many people in the registry have the word in their name, if known; it tells
 * misspellings from other names (`misspelt`).
 */
export function compareNames(
  a: PreparedName,
  b: PreparedName,
  tokenBits: (token: string) => number = defaultTokenBits,
  tokenCount?: (token: string) => number,
): NameComparison | null {
  const A = a.canon.length > MAX_WORDS ? a.canon.slice(0, MAX_WORDS) : a.canon;
  const B = b.canon.length > MAX_WORDS ? b.canon.slice(0, MAX_WORDS) : b.canon;
  if (!A.length || !B.length) return null;
  const titlesDiffer = a.titles !== b.titles;
  // Written together on one side: "nurhayati" vs "nur hayati".
  if (A.length !== B.length && A.join('') === B.join('')) {
    const bits = (A.length < B.length ? A : B).reduce((s, t) => s + tokenBits(t), 0);
    return { similarity: 1, exact: Math.min(A.length, B.length), close: [], misspelt: [], bits, initials: 0, different: 0, extra: 0, wordOrder: false, variant: false, titlesDiffer, spacing: true };
  }
  const nA = A.length;
  const nB = B.length;
  for (let i = 0; i < nA; i++) {
    const x = A[i];
    for (let j = 0; j < nB; j++) {
      const y = B[j];
      const c = i * MAX_WORDS + j;
      if (x === y) {
        SIM[c] = 1;
        KIND[c] = 0;
      } else if ((x.length === 1 && y.charCodeAt(0) === x.charCodeAt(0)) || (y.length === 1 && x.charCodeAt(0) === y.charCodeAt(0))) {
        SIM[c] = 0.9;
        KIND[c] = 1;
      } else {
        // One typo, judged on the canonical and on the written spelling: the rewrites can put a
        // mistyped word further from its original ("Aisyah"/"Aiuyah", "Dedeh"/"Deoeh").
        const px = a.raw[i];
        const py = b.raw[j];
        const plainToo = px !== x || py !== y;
        const shorter = Math.min(x.length, y.length);
        let close = shorter >= 3 && (osaDistance(x, y, 1) <= 1 || (plainToo && osaDistance(px, py, 1) <= 1));
        const sim = plainToo ? Math.max(jaroWinkler(x, y), jaroWinkler(px, py)) : jaroWinkler(x, y);
        let kind = close ? 2 : 3;
        if (tokenCount) {
          // A misspelling may also be two edits off a word of five letters or more, or one edit
          // that leaves a word of two ("Dwi"/"Di"). The counts are looked up only for words
          // that are that alike: most word pairs are not.
          const edits = shorter >= 5 && sim >= 0.8 ? 2 : shorter === 2 ? 1 : 0;
          const alike = close || (edits > 0 && (osaDistance(x, y, edits) <= edits || (plainToo && osaDistance(px, py, edits) <= edits)));
          if (alike) {
            const ca = tokenCount(x);
            const cb = tokenCount(y);
            if (Math.max(ca, cb) >= MISSPELLING_RATIO * Math.max(1, Math.min(ca, cb))) {
              close = true;
              kind = 4;
            }
          }
        }
        SIM[c] = close ? Math.max(sim, 0.85) : Math.min(sim, 0.84);
        KIND[c] = kind;
      }
    }
  }
  // Greedy best alignment (order-independent): the most similar pair first. Names have few words.
  const nPairs = Math.min(nA, nB);
  let usedA = 0;
  let usedB = 0;
  for (let k = 0; k < nPairs; k++) {
    let best = -1;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < nA; i++) {
      if (usedA & (1 << i)) continue;
      for (let j = 0; j < nB; j++) {
        if (usedB & (1 << j)) continue;
        const v = SIM[i * MAX_WORDS + j];
        if (v > best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    usedA |= 1 << bi;
    usedB |= 1 << bj;
    PAIR_I[k] = bi;
    PAIR_J[k] = bj;
  }
  let exact = 0;
  let initials = 0;
  let different = 0;
  const close: number[] = [];
  const misspelt: boolean[] = [];
  let variant = false;
  let num = 0;
  let den = 0;
  let bits = 0;
  let wordOrder = false;
  // Pairs in the order of the first name's words, to see whether the second name's are in order too.
  let lastJ = -1;
  for (let i = 0; i < nA; i++) {
    let k = 0;
    while (k < nPairs && PAIR_I[k] !== i) k++;
    if (k === nPairs) continue;
    const j = PAIR_J[k];
    if (j < lastJ) wordOrder = true;
    lastJ = j;
    const c = i * MAX_WORDS + j;
    const len = Math.max(A[i].length, B[j].length);
    num += SIM[c] * len;
    den += len;
    const kind = KIND[c];
    if (kind === 0) {
      exact++;
      bits += tokenBits(A[i]);
      if (a.raw[i] !== b.raw[j]) variant = true;
    } else if (kind === 1) {
      initials++;
      bits += 1;
    } else if (kind === 2 || kind === 4) {
      close.push(Math.min(A[i].length, B[j].length));
      misspelt.push(kind === 4);
      bits += Math.min(tokenBits(A[i]), tokenBits(B[j]));
    } else different++;
  }
  let extraLen = 0;
  if (nA > nB) {
    for (let i = 0; i < nA; i++) if (!(usedA & (1 << i))) extraLen += A[i].length;
  } else {
    for (let j = 0; j < nB; j++) if (!(usedB & (1 << j))) extraLen += B[j].length;
  }
  const similarity = den ? num / (den + extraLen / 2) : 0;
  return {
    similarity,
    exact,
    close,
    misspelt,
    bits,
    initials,
    different,
    extra: Math.abs(A.length - B.length),
    wordOrder,
    variant,
    titlesDiffer,
    spacing: false,
  };
}
