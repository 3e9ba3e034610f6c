import { compareNames, prepareName, type PreparedName } from './names.ts';

/** What duplicate detection needs of a person; the caller decrypts the NIK. */
export type DedupeRecord = {
  id: string;
  /** Full name as entered, titles and all. */
  name: string;
  /** YYYY-MM-DD */
  birthDate: string | null;
  birthYear: number | null;
  sex: 'female' | 'male' | null;
  /** 16 digits, plain. */
  nik: string | null;
  /** Kemendagri code: a village ('32.04.05.2001') or a coarser level. */
  areaCode: string | null;
  householdId: string | null;
  phone: string | null;
};

export type ReasonCode =
  | 'name_same'
  | 'name_similar'
  | 'name_different'
  | 'name_word_order'
  | 'name_title_ignored'
  | 'name_variant_spelling'
  | 'name_part_missing'
  | 'name_initial'
  | 'name_spacing'
  | 'birth_same'
  | 'birth_day_month_swapped'
  | 'birth_year_off_by_one'
  | 'birth_year_same'
  | 'birth_differs'
  | 'nik_same'
  | 'nik_one_digit'
  | 'nik_transposed'
  | 'nik_conflict'
  | 'sex_same'
  | 'sex_differs'
  | 'same_household'
  | 'same_village'
  | 'same_district'
  | 'district_differs'
  | 'phone_same'
  | 'phone_differs';

/**
 * One piece of evidence. `weight` is its log2 likelihood ratio (positive: for a duplicate,
 * negative: against); `value` depends on the code: name_similar → similarity 0..1,
 * nik_one_digit / nik_transposed → 1-based digit position, birth_differs → years apart
 * (0 when only day or month differ), name_part_missing → number of missing words.
 * Reasons that only explain another one (name_word_order …) have weight 0.
 */
export type Reason = { code: ReasonCode; weight: number; value?: number };
export type Comparison = { score: number; reasons: Reason[] };

/**
 * Fellegi–Sunter weights: for each field outcome, log2(m/u), where m = P(outcome | same person)
 * and u = P(outcome | different people among the candidate pairs that blocking produces). The
 * total is the log2 likelihood ratio; with the prior log2 odds of a candidate pair being a
 * duplicate it gives the posterior probability, our score:
 *   score = 1 / (1 + 2^-(PRIOR + Σ weights)).
 * Missing values (either side) contribute 0: they carry no evidence either way.
 *
 * m and u are judgement from how registries go wrong (rough figures in the comments), checked
 * against the agreement patterns of true and false candidate pairs in a development sample
 * (bench/registry/tune.ts, seed 1). Two deliberate departures from textbook values:
 *  - Fields are not independent. The NIK repeats the birth date and sex, and family members
 *    share household, village, often a family name, and twins a birth date and NIK prefix.
 *    So NIK weights count only what the NIK adds beyond the birth date (district, serial), and
 *    co-location weights are damped: they are what brothers, sisters and twins have in common.
 *    Relatives have different names, though: when the names agree, the alternative to a
 *    duplicate is a namesake, who may live anywhere, so place weighs more (…NamesAgree).
 *  - Name agreement is weighed by how common the words are (CompareOptions.tokenBits, counted
 *    in the registry by the full scan, a static guess elsewhere), and the same counts tell a
 *    misspelling from another name (CompareOptions.tokenCount, nameTypoMisspelt).
 */
export const WEIGHTS = {
  /**
   * Prior log2 odds that a candidate pair is a duplicate, for a registry of priorReferenceSize
   * people. Blocks grow with the registry while each person's duplicates do not, so the odds
   * fall as it grows: by 0.75 bit per doubling in the development runs (seed 1: -7.4 at 50,000
   * people, -8.7 at 200,000, -10.7 at 1,000,000). Without CompareOptions.registrySize the
   * reference size is assumed; registries under 10,000 are treated as 10,000.
   */
  prior: -8,
  priorReferenceSize: 100_000,
  priorPerDoubling: -0.75,

  // Name. m(exact) ≈ 0.7; u = how common the name is. The words' information (Σ -log2 of each
  // word's frequency, from the registry's own counts when the caller has them, see
  // CompareOptions.tokenBits) less nameInfoOffset, at most nameSame: "Budi Santoso" or any
  // name with a rare word gets the full 7, "Siti Aminah" ~6, a lone "Siti" ~0 (thousands of
  // women are called just Siti; the birth date and NIK must decide).
  nameSame: 7,
  nameInfoOffset: 4,
  // Subtracted from nameSame per aligned word with one typo, by the word's length: a letter off
  // in a short word ("Ani"/"Ana") is often simply another name.
  nameTypoLong: 1.5, // ≥ 6 letters
  nameTypoMid: 2.5, // 5 letters
  nameTypoShort: 4, // ≤ 4 letters
  // … unless the registry's word counts show one spelling to be a misspelling of the other
  // (NameComparison.misspelt: "Supriydi" seen 3 times, "Supriyadi" 900): then it is no other
  // name, and the pair weighs as if the word agreed. A duplicate is misspelt less often than
  // it is copied right (m several times lower), but a stranger's name is a misspelling of
  // yours less often by about as much (u times the share of misspelt records), so log2(m/u)
  // is about that of the word agreeing. Development sample, 1,000,000 people, pairs near the
  // threshold with a one-letter difference: 1,833 of 1,846 were duplicates when one spelling
  // was seen at most 20 times, 18 of 223 when both were seen over 200 times.
  nameTypoMisspelt: 0,
  nameInitial: 2.5, // "M." for "Muhammad"
  // One word left out (a middle name): m ≈ 0.05 of duplicates, but "Wayan Sudarma" and "Wayan
  // Sudarma Putra" are also often two people.
  nameFirstMissing: 3.5,
  nameFurtherMissing: 3,
  /** Ceiling when one side is a single word and the other has more ("Siti" vs "Siti Aminah"). */
  nameSingleWordCap: 2,
  // A word that is not a typo of its partner: brothers, sisters and twins differ exactly so.
  // m ≈ 0.01 (nicknames, wrong person), u among same-birthday candidates ≈ 0.5.
  nameOneDifferent: -5, // one word differs, at least two agree
  nameDifferent: -8,

  // Birth date. m(same) ≈ 0.85; u ≈ 1/60 within a block that shares day and month. A swap or a
  // year off by one has m ≈ 0.05 (17 times rarer than agreement) with about the same u, which
  // puts them ~4 bits below agreement; a little less, since typing errors are what we look for.
  birthSame: 6,
  birthSwapped: 3, // day and month swapped (5 March / 3 May)
  birthYearOff: 3, // same day and month, year ±1
  birthSwappedAndYearOff: 1,
  birthSameYearOtherDay: -2, // a day or month mistyped is possible, but so is a sibling
  birthDiffers: -6, // m ≈ 0.02 (a wrong date entered), u ≈ 1: father and son, namesakes
  // Only a birth year on one or both sides.
  birthYearSame: 2,
  birthYearOnlyOff: 0.5,
  birthYearDiffers: -5,

  // NIK, both present. Same NIK: u ~ 1e-6 would give +20; capped because a NIK is sometimes
  // copied onto another family member's record, and a capped match still lets a clearly
  // different name and birth date win.
  nikSame: 10,
  // A one-digit difference means something only where a typo can be told from a different
  // person. Digits 7-12 encode the birth date: when they disagree with the record's own birth
  // date, that is a typo (m ≈ 0.02, u tiny). Elsewhere it is mostly another person:
  //  - digits 1-6, the district: most people have serial 0001 and neighbouring districts'
  //    codes differ in one digit; among people born the same day m ≈ 0.02 vs u ≈ 0.1;
  //  - digits 13-16, the serial: Dukcapil numbers people born the same day in the same district
  //    0001, 0002, … (twins!), so between two low serials m ≈ 0.01 vs u ≈ 0.5. A serial above
  //    SERIAL_PLAUSIBLE next to a low one (0701 / 0001) is a typo, not the 701st person born
  //    that day in that district: nikOneDigitSerialTypo.
  nikOneDigitArea: -1,
  nikOneDigitBirth: 5,
  nikOneDigitSerial: -3,
  nikOneDigitSerialTypo: 3,
  // Two adjacent digits swapped: a typing error wherever they are. Neighbouring districts'
  // codes and the serials of people born the same day differ in one digit, not by a swap (in
  // the development sample of 1,000,000 people, 972 of the 986 candidate pairs near or above
  // the threshold with agreeing names and a swap in the district or serial part were
  // duplicates; those parts used to weigh a swap as -1 and -2).
  nikTransposed: 5,
  // Both have a NIK and they differ in ≥ 2 digits (not a swap): m ≈ 0.02 (a relative's or the
  // family card number typed in the NIK field), u ≈ 1.
  nikConflict: -6,

  // Sex: m(same) ≈ 0.97, u ≈ 0.5 → +1; m(differs) ≈ 0.03 → log2(0.03/0.5) ≈ -4.
  sexSame: 0.8,
  sexDiffers: -4,

  // Location (damped, see above). Same household implies same village: the weights do not add.
  sameHousehold: 2.5,
  sameVillage: 2,
  sameDistrict: 0.5,
  // When no word of the names differs, relatives are no longer the alternative (except a son
  // named after his father, in the same household: the household weight stays, the birth date
  // tells them apart). People registered twice were mostly registered where they live, while
  // namesakes are spread over the registry: in the development sample (1,000,000 people),
  // among candidate pairs near the threshold with agreeing names, duplicates / other pairs
  // were in the same district, another village 34% / 14%, and in different districts 16% /
  // 65%. The weights go less far than those figures, since a real registry may span fewer
  // districts than the sample.
  sameVillageNamesAgree: 3,
  sameDistrictNamesAgree: 1,
  districtDiffersNamesAgree: -1, // both areas known to the district, and different

  // Phone: shared within families and changed often, so agreement is moderate evidence and
  // disagreement almost none.
  phoneSame: 2.5,
  phoneDiffers: -0.5,
};
export type Weights = typeof WEIGHTS;

/**
 * Decision thresholds on the score (a posterior probability, so 0.5 = "more likely the same
 * person than not").
 *
 * How they were chosen: only on development samples, generateRegistry with seed 1 at 20,000,
 * 50,000, 200,000 and 1,000,000 people (2% duplicates; bench/registry/tune.ts prints the whole
 * precision/recall curve over all candidate pairs). While the weights were being settled the
 * F1-maximising score moved around 0.5; with the final weights it was 0.82, 0.60, 0.35 and 0.55
 * at those sizes, with F1 within 0.01 of its maximum anywhere between 0.4 and 0.6 (0.987,
 * 0.990, 0.982, 0.962 at 0.5). So DUPLICATE_THRESHOLD is 0.5, the point of even odds, rather
 * than any one sample's optimum. REVIEW_THRESHOLD: at 0.1 recall on the development samples
 * reached 98.7-99.8%, with ~1 in 5 pairs between the two thresholds being true duplicates at
 * 1,000,000 people: a workable queue for a person to decide.
 * Both were then fixed and evaluated on seeds never looked at before: 7 (the unit test, 20,000
 * people) and 2024 (bench/registry/accuracy.ts).
 *
 * Later, at 1,000,000 people the evaluation seeds fell short of recall 0.97 (0.950 on 2024 and
 * 2026), and the development curve showed no threshold that would do (recall at most 0.954
 * with precision ≥ 0.97): the weights, not the threshold, lacked evidence. They were revised on
 * the same development samples, the thresholds kept: misspellings told from other names by the
 * registry's word counts (nameTypoMisspelt), swapped NIK digits a typo anywhere
 * (nikTransposed), place weighed more when the names agree (…NamesAgree). With them the
 * F1-maximising score on seed 1 is 0.89, 0.77, 0.51 and 0.47 at the four sizes, and F1 at 0.5
 * is 0.983, 0.993, 0.986 and 0.980 (recall 0.995, 0.995, 0.992, 0.978); recall at 0.1 is
 * 99.5-99.8%, with ~1 in 9 pairs between the thresholds a duplicate at 1,000,000 people.
 */
export const DUPLICATE_THRESHOLD = 0.5;
export const REVIEW_THRESHOLD = 0.1;

export type CompareOptions = {
  weights?: Partial<Weights>;
  /** Number of people in the registry being deduplicated (adjusts the prior; pairsFromBlocks sets it). */
  registrySize?: number;
  /**
   * Information of a canonical name word in bits, -log2(share of people whose name has it).
   * Without it a static guess is used (common words 4.5 bits, others 8); pairsFromBlocks counts
   * the words of the registry it scans, and a database scan can do the same with one query.
   */
  tokenBits?: (token: string) => number;
  /**
   * How many people in the registry have a canonical name word. With it, a word a typo away from
   * a much commoner one counts as a misspelling of it (nameTypoMisspelt) rather than as possibly
   * another name (nameTypoShort …); pairsFromBlocks passes the counts it makes for tokenBits.
   */
  tokenCount?: (token: string) => number;
};

/** A record parsed once for many comparisons. */
export type PreparedRecord = {
  id: string;
  name: PreparedName;
  /** Birth as year, month, day (month and day 0 when only the year is known); year 0 when unknown. */
  y: number;
  m: number;
  d: number;
  sex: 'female' | 'male' | null;
  nik: string | null;
  area: string | null;
  household: string | null;
  phone: string | null;
};

export function prepare(r: DedupeRecord): PreparedRecord {
  let y = 0;
  let m = 0;
  let d = 0;
  if (r.birthDate && /^\d{4}-\d{2}-\d{2}/.test(r.birthDate)) {
    y = Number(r.birthDate.slice(0, 4));
    m = Number(r.birthDate.slice(5, 7));
    d = Number(r.birthDate.slice(8, 10));
  } else if (r.birthYear) y = r.birthYear;
  const nik = r.nik ? r.nik.replace(/[\s.-]/g, '') : null;
  return {
    id: r.id,
    name: prepareName(r.name ?? ''),
    y,
    m,
    d,
    sex: r.sex,
    nik: nik && /^\d{16}$/.test(nik) ? nik : null,
    area: r.areaCode || null,
    household: r.householdId || null,
    phone: normalisePhone(r.phone),
  };
}

/** Digits only, without the country code or trunk prefix: "+62 812-…" and "0812…" agree. */
function normalisePhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '').replace(/^62/, '').replace(/^0+/, '');
  return digits.length >= 8 ? digits : null;
}

export function compare(a: DedupeRecord, b: DedupeRecord, opts?: CompareOptions): Comparison {
  return comparePrepared(prepare(a), prepare(b), opts);
}

export function comparePrepared(a: PreparedRecord, b: PreparedRecord, opts?: CompareOptions): Comparison {
  const w = opts?.weights ? { ...WEIGHTS, ...opts.weights } : WEIGHTS;
  const reasons: Reason[] = [];

  // Name
  const n = compareNames(a.name, b.name, opts?.tokenBits, opts?.tokenCount);
  if (n) {
    if (n.different) {
      addReason(reasons, 'name_different', n.different === 1 && n.exact >= 2 ? w.nameOneDifferent : w.nameDifferent, round2(n.similarity));
    } else {
      let weight = Math.min(w.nameSame, n.bits - w.nameInfoOffset);
      n.close.forEach((len, k) => (weight -= n.misspelt[k] ? w.nameTypoMisspelt : len >= 6 ? w.nameTypoLong : len === 5 ? w.nameTypoMid : w.nameTypoShort));
      weight -= n.initials * w.nameInitial;
      if (n.extra) weight -= w.nameFirstMissing + (n.extra - 1) * w.nameFurtherMissing;
      if (n.extra && Math.min(a.name.canon.length, b.name.canon.length) === 1) weight = Math.min(weight, w.nameSingleWordCap);
      if (!n.close.length && !n.initials && !n.extra) addReason(reasons, 'name_same', weight);
      else addReason(reasons, 'name_similar', weight, round2(n.similarity));
      if (n.extra) addReason(reasons, 'name_part_missing', 0, n.extra);
      if (n.initials) addReason(reasons, 'name_initial', 0, n.initials);
      if (n.wordOrder) addReason(reasons, 'name_word_order', 0);
      if (n.variant) addReason(reasons, 'name_variant_spelling', 0);
      if (n.spacing) addReason(reasons, 'name_spacing', 0);
      if (n.titlesDiffer) addReason(reasons, 'name_title_ignored', 0);
    }
  }

  // Birth
  if (a.y && b.y) {
    const dy = Math.abs(a.y - b.y);
    if (a.m && b.m) {
      const sameDm = a.m === b.m && a.d === b.d;
      const swapped = !sameDm && a.m === b.d && a.d === b.m;
      if (dy === 0 && sameDm) addReason(reasons, 'birth_same', w.birthSame);
      else if (dy === 0 && swapped) addReason(reasons, 'birth_day_month_swapped', w.birthSwapped);
      else if (dy === 1 && sameDm) addReason(reasons, 'birth_year_off_by_one', w.birthYearOff);
      else if (dy === 1 && swapped) {
        addReason(reasons, 'birth_day_month_swapped', w.birthSwappedAndYearOff);
        addReason(reasons, 'birth_year_off_by_one', 0);
      } else if (dy === 0) addReason(reasons, 'birth_differs', w.birthSameYearOtherDay, 0);
      else addReason(reasons, 'birth_differs', w.birthDiffers, dy);
    } else if (dy === 0) addReason(reasons, 'birth_year_same', w.birthYearSame);
    else if (dy === 1) addReason(reasons, 'birth_year_off_by_one', w.birthYearOnlyOff);
    else addReason(reasons, 'birth_differs', w.birthYearDiffers, dy);
  }

  // NIK
  if (a.nik && b.nik) {
    const x = a.nik;
    const y = b.nik;
    let first = -1;
    let second = -1;
    let diffs = 0;
    for (let i = 0; i < 16; i++) {
      if (x.charCodeAt(i) !== y.charCodeAt(i)) {
        diffs++;
        if (first < 0) first = i;
        else if (second < 0) second = i;
      }
    }
    let inBirth = false;
    for (let i = 6; i < 12; i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) inBirth = true;
    if (inBirth && nikEncodesBirth(a) && nikEncodesBirth(b)) {
      // The NIKs differ only where they encode the birth dates, which differ themselves and
      // were weighed above: nothing more to learn, unless district or serial differ as well.
      let other = 0;
      for (let i = 0; i < 16; i++) if ((i < 6 || i >= 12) && x.charCodeAt(i) !== y.charCodeAt(i)) other++;
      if (other) addReason(reasons, 'nik_conflict', w.nikConflict);
    } else if (diffs === 0) addReason(reasons, 'nik_same', w.nikSame);
    else if (diffs === 1) {
      const serialWeight = serialsPlausible(x, y) ? w.nikOneDigitSerial : w.nikOneDigitSerialTypo;
      addReason(reasons, 'nik_one_digit', first < 6 ? w.nikOneDigitArea : first < 12 ? w.nikOneDigitBirth : serialWeight, first + 1);
    } else if (diffs === 2 && second === first + 1 && x[first] === y[second] && x[second] === y[first]) {
      addReason(reasons, 'nik_transposed', w.nikTransposed, first + 1);
    } else addReason(reasons, 'nik_conflict', w.nikConflict);
  }

  // Sex
  if (a.sex && b.sex) {
    if (a.sex === b.sex) reasons.push({ code: 'sex_same', weight: w.sexSame });
    else addReason(reasons, 'sex_differs', w.sexDiffers);
  }

  // Location
  const namesAgree = n !== null && !n.different;
  if (a.household && a.household === b.household) addReason(reasons, 'same_household', w.sameHousehold);
  else if (a.area && b.area) {
    const districts = a.area.length >= 8 && b.area.length >= 8;
    if (a.area === b.area && a.area.length >= 13) addReason(reasons, 'same_village', namesAgree ? w.sameVillageNamesAgree : w.sameVillage);
    else if (districts && a.area.slice(0, 8) === b.area.slice(0, 8)) addReason(reasons, 'same_district', namesAgree ? w.sameDistrictNamesAgree : w.sameDistrict);
    else if (districts && namesAgree) addReason(reasons, 'district_differs', w.districtDiffersNamesAgree);
  }

  // Phone
  if (a.phone && b.phone) {
    if (a.phone === b.phone) addReason(reasons, 'phone_same', w.phoneSame);
    else addReason(reasons, 'phone_differs', w.phoneDiffers);
  }

  let total = w.prior;
  if (opts?.registrySize) total += w.priorPerDoubling * Math.log2(Math.max(10_000, opts.registrySize) / w.priorReferenceSize);
  for (const r of reasons) total += r.weight;
  return { score: 1 / (1 + 2 ** -total), reasons };
}

function addReason(reasons: Reason[], code: ReasonCode, weight: number, value?: number) {
  const rounded = Math.round(weight * 100) / 100 + 0; // + 0: no -0
  reasons.push(value === undefined ? { code, weight: rounded } : { code, weight: rounded, value });
}

/**
 * Serials that two people born the same day in one district could both have: a district of
 * 200,000 people sees ~10 births a day, so serials beyond a few dozen are very rare.
 */
const SERIAL_PLAUSIBLE = 40;
function serialsPlausible(x: string, y: string): boolean {
  return Number(x.slice(12)) <= SERIAL_PLAUSIBLE && Number(y.slice(12)) <= SERIAL_PLAUSIBLE;
}

/**
 * The NIK's digits 7-12 agree with the record's own birth date (only the year when that is all
 * we know) and sex. When both records' NIKs do, a difference there only repeats the difference
 * of the birth dates.
 */
function nikEncodesBirth(r: PreparedRecord): boolean {
  if (!r.nik || !r.y || Number(r.nik.slice(10, 12)) !== r.y % 100) return false;
  if (!r.m) return true;
  const day = Number(r.nik.slice(6, 8));
  const sexOk = r.sex === 'female' ? day > 40 : r.sex === 'male' ? day <= 40 : true;
  return sexOk && day % 40 === r.d && Number(r.nik.slice(8, 10)) === r.m;
}

function round2(x: number) {
  return Math.round(x * 100) / 100;
}
