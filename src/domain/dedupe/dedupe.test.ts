import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../bench/registry/evaluate.ts';
import {
  blockingKeys,
  compare,
  compareNames,
  prepareName,
  WEIGHTS,
  DUPLICATE_THRESHOLD,
  jaroWinkler,
  osaDistance,
  pairsFromBlocks,
  REVIEW_THRESHOLD,
  type DedupeRecord,
  type ReasonCode,
  type ScanStats,
} from './index.ts';

let nextId = 0;
function rec(r: Partial<DedupeRecord> = {}): DedupeRecord {
  return {
    id: `r${++nextId}`,
    name: 'Suparman Hadi Wijaya',
    birthDate: '1980-03-07',
    birthYear: 1980,
    sex: 'male',
    nik: '3204050703800002',
    areaCode: '32.04.05.2001',
    householdId: null,
    phone: null,
    ...r,
  };
}
const codes = (a: DedupeRecord, b: DedupeRecord) => compare(a, b).reasons.map((r) => r.code);
const reason = (a: DedupeRecord, b: DedupeRecord, code: ReasonCode) => compare(a, b).reasons.find((r) => r.code === code);

describe('string comparators', () => {
  it('Jaro–Winkler matches the published examples', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('optimal string alignment counts one typo as 1', () => {
    expect(osaDistance('suparman', 'suparmn')).toBe(1); // drop
    expect(osaDistance('suparman', 'suparmaan')).toBe(1); // insert
    expect(osaDistance('suparman', 'supramn'.replace('mn', 'man'))).toBe(1); // swap
    expect(osaDistance('suparman', 'suparmen')).toBe(1); // substitute
    expect(osaDistance('hasan', 'husein')).toBeGreaterThan(1);
    expect(osaDistance('hasan', 'husein', 1)).toBe(2);
  });
});

describe('compare: names', () => {
  it('same name', () => {
    const c = compare(rec(), rec());
    expect(c.reasons[0]).toMatchObject({ code: 'name_same' });
    expect(c.score).toBeGreaterThan(0.99);
  });
  it('word order', () => {
    expect(codes(rec({ name: 'Budi Santoso' }), rec({ name: 'Santoso Budi' }))).toEqual(expect.arrayContaining(['name_same', 'name_word_order']));
  });
  it('titles are ignored', () => {
    expect(codes(rec({ name: 'H. Ahmad Fauzi' }), rec({ name: 'Ahmad Fauzi' }))).toEqual(expect.arrayContaining(['name_same', 'name_title_ignored']));
    expect(codes(rec({ name: 'Hj. Siti Aminah, S.Pd' }), rec({ name: 'Siti Aminah' }))).toEqual(expect.arrayContaining(['name_same', 'name_title_ignored']));
  });
  it('spelling variants', () => {
    for (const [x, y] of [
      ['Soeparman', 'Suparman'],
      ['Muhammad Rizki', 'Muhamad Rizki'],
      ['Mohammad Rizki', 'Muhammad Rizki'],
      ['Mochammad Rizki', 'Muhammad Rizky'],
      ['Djoko Tjahjono', 'Joko Cahyono'],
      ['Achmad Syamsul', 'Ahmad Samsul'],
      ['Siti Aisyah', 'Siti Aisya'],
      ['Taufiq Hidayat', 'Taufik Hidayat'],
    ]) {
      const c = codes(rec({ name: x }), rec({ name: y }));
      expect(c, `${x} / ${y}`).toEqual(expect.arrayContaining(['name_same', 'name_variant_spelling']));
    }
  });
  it('an initial for Muhammad', () => {
    const c = compare(rec({ name: 'M. Rizki Pratama' }), rec({ name: 'Muhammad Rizki Pratama' }));
    expect(c.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['name_similar', 'name_initial']));
    expect(c.score).toBeGreaterThan(DUPLICATE_THRESHOLD);
  });
  it('one typo: drop, insert, swap, substitute', () => {
    for (const typo of ['Suparmn Hadi Wijaya', 'Suparmian Hadi Wijaya', 'Supraman Hadi Wijaya', 'Suparmen Hadi Wijaya']) {
      const r = reason(rec(), rec({ name: typo }), 'name_similar');
      expect(r, typo).toBeDefined();
      expect(r!.value).toBeGreaterThan(0.9);
      expect(r!.weight).toBeGreaterThan(3);
    }
  });
  it('a missing middle name', () => {
    const r = reason(rec({ name: 'Dewi Ratna Sari' }), rec({ name: 'Dewi Sari' }), 'name_part_missing');
    expect(r).toMatchObject({ value: 1 });
    expect(compare(rec({ name: 'Dewi Ratna Sari' }), rec({ name: 'Dewi Sari' })).score).toBeGreaterThan(DUPLICATE_THRESHOLD);
  });
  it('written together or apart', () => {
    expect(codes(rec({ name: 'Nurhayati Siregar' }), rec({ name: 'Nur Hayati Siregar' }))).toEqual(expect.arrayContaining(['name_same', 'name_spacing']));
  });
  it('a misspelling, told from another name by how often each spelling is seen in the registry', () => {
    const counts: Record<string, number> = { supriyadi: 900, supriydi: 3, ani: 700, ana: 800, dwi: 5000, di: 1, dewi: 3000, taufik: 400, taofeik: 1, hidayat: 600 };
    const tokenCount = (t: string) => counts[t] ?? 0;
    const misspelt = (x: string, y: string) => compareNames(prepareName(x), prepareName(y), undefined, tokenCount);
    expect(misspelt('Supriyadi', 'Supriydi')).toMatchObject({ close: [8], misspelt: [true], different: 0 });
    expect(misspelt('Ani', 'Ana')).toMatchObject({ close: [3], misspelt: [false] }); // both common: maybe two people
    expect(misspelt('Dwi Dewi', 'Di Dewi')).toMatchObject({ exact: 1, misspelt: [true], different: 0 }); // one edit leaving two letters
    expect(misspelt('Taufik Hidayat', 'Taofeik Hidayat')).toMatchObject({ exact: 1, misspelt: [true], different: 0 }); // two edits in a long word
    expect(compareNames(prepareName('Taufik'), prepareName('Taofeik'))).toMatchObject({ different: 1 }); // without counts: another name
    // Weighed as if the word agreed; without counts, as a possible other name.
    const a = rec({ name: 'Supriyadi', nik: null });
    const b = rec({ name: 'Supriydi', nik: null });
    const tokenBits = (t: string) => (t === 'supriyadi' || t === 'supriydi' ? 10 : 8);
    const exact = compare(a, rec({ name: 'Supriyadi', nik: null }), { tokenBits, tokenCount }).reasons[0].weight;
    expect(compare(a, b, { tokenBits, tokenCount }).reasons[0]).toMatchObject({ code: 'name_similar', weight: exact });
    expect(compare(a, b, { tokenBits }).reasons[0].weight).toBeLessThan(exact);
  });
  it('a different given name is evidence against', () => {
    const r = reason(rec({ name: 'Hasan Basri' }), rec({ name: 'Husein Basri' }), 'name_different');
    expect(r!.weight).toBeLessThan(0);
  });
});

describe('compare: birth dates', () => {
  it('same, day and month swapped, year off by one', () => {
    expect(codes(rec(), rec())).toContain('birth_same');
    expect(codes(rec({ birthDate: '1980-03-07' }), rec({ birthDate: '1980-07-03' }))).toContain('birth_day_month_swapped');
    expect(codes(rec({ birthDate: '1980-03-07' }), rec({ birthDate: '1981-03-07', birthYear: 1981 }))).toContain('birth_year_off_by_one');
  });
  it('only a birth year', () => {
    expect(codes(rec({ birthDate: null }), rec())).toContain('birth_year_same');
  });
  it('far apart is evidence against', () => {
    const r = reason(rec({ birthDate: '1950-03-07', birthYear: 1950, nik: null }), rec({ nik: null }), 'birth_differs');
    expect(r).toMatchObject({ value: 30 });
    expect(r!.weight).toBeLessThan(-4);
  });
});

describe('compare: NIK', () => {
  it('same NIK', () => {
    expect(codes(rec(), rec())).toContain('nik_same');
  });
  it('one digit mistyped', () => {
    // In the birth date part, where it disagrees with the record's own birth date: a typo.
    const r = reason(rec(), rec({ nik: '3204050708800002' }), 'nik_one_digit');
    expect(r).toMatchObject({ value: 10 });
    expect(r!.weight).toBeGreaterThan(0);
    // In a serial no one born that day in that district could have.
    expect(reason(rec(), rec({ nik: '3204050703800702' }), 'nik_one_digit')!.weight).toBeGreaterThan(0);
  });
  it('two adjacent digits swapped', () => {
    const r = reason(rec(), rec({ nik: '3204050730800002' }), 'nik_transposed');
    expect(r).toMatchObject({ value: 9 });
    expect(r!.weight).toBeGreaterThan(0);
  });
  it('two digits swapped anywhere are a typo: neighbouring districts and same-day serials differ in one digit', () => {
    expect(reason(rec(), rec({ nik: '3240050703800002' }), 'nik_transposed')!.weight).toBeGreaterThan(0); // district
    expect(reason(rec(), rec({ nik: '3204050703800020' }), 'nik_transposed')!.weight).toBeGreaterThan(0); // serial
    expect(reason(rec(), rec({ nik: '3204060703800002' }), 'nik_one_digit')!.weight).toBeLessThan(0); // a neighbouring district
  });
  it('different NIKs are strong evidence against', () => {
    const r = reason(rec(), rec({ nik: '3171020507750004' }), 'nik_conflict');
    expect(r!.weight).toBeLessThanOrEqual(-5);
  });
  it('consecutive serials (people born the same day in one district) are evidence against', () => {
    expect(reason(rec(), rec({ nik: '3204050703800003' }), 'nik_one_digit')!.weight).toBeLessThan(0);
  });
  it('NIKs that differ only as their birth dates do add nothing', () => {
    const a = rec({ birthDate: '1980-03-07', nik: '3204050703800001' });
    const b = rec({ birthDate: '1981-03-07', birthYear: 1981, nik: '3204050703810001' });
    expect(codes(a, b).filter((c) => c.startsWith('nik'))).toEqual([]);
  });
});

describe('compare: other fields', () => {
  it('sex differs is evidence against', () => {
    expect(reason(rec(), rec({ sex: 'female' }), 'sex_differs')!.weight).toBeLessThan(0);
  });
  it('same household, village, district', () => {
    expect(codes(rec({ householdId: 'h1' }), rec({ householdId: 'h1' }))).toContain('same_household');
    expect(codes(rec(), rec())).toContain('same_village');
    expect(codes(rec(), rec({ areaCode: '32.04.05.2009' }))).toContain('same_district');
    expect(codes(rec(), rec({ areaCode: '32.04.05' }))).toContain('same_district');
  });
  it('place weighs more when the names agree: the alternative is a namesake, not a relative', () => {
    const here = { areaCode: '32.04.05.2001', nik: null };
    expect(reason(rec(here), rec(here), 'same_village')!.weight).toBeGreaterThan(reason(rec({ ...here, name: 'Agus Hadi Wijaya' }), rec(here), 'same_village')!.weight);
    expect(reason(rec(here), rec({ ...here, areaCode: '32.04.05.2009' }), 'same_district')!.weight).toBeGreaterThan(WEIGHTS.sameDistrict);
    // Elsewhere: against, but only when both districts are known and the names agree.
    expect(reason(rec(here), rec({ ...here, areaCode: '33.14.09.2001' }), 'district_differs')!.weight).toBeLessThan(0);
    expect(reason(rec(here), rec({ ...here, areaCode: '33.14' }), 'district_differs')).toBeUndefined();
    expect(reason(rec({ ...here, name: 'Agus Hadi Wijaya' }), rec({ ...here, areaCode: '33.14.09.2001' }), 'district_differs')).toBeUndefined();
    // The household weighs the same either way: a son named after his father lives there too.
    expect(reason(rec({ householdId: 'h1' }), rec({ householdId: 'h1' }), 'same_household')!.weight).toBe(WEIGHTS.sameHousehold);
  });
  it('phone numbers in any format', () => {
    expect(codes(rec({ phone: '+62 812-3456-7890' }), rec({ phone: '081234567890' }))).toContain('phone_same');
  });
  it('missing values are neutral', () => {
    const bare = { name: 'Suparman Hadi Wijaya', birthDate: null, birthYear: null, sex: null, nik: null, areaCode: null, householdId: null, phone: null };
    const c = compare(rec(bare), rec());
    expect(c.reasons.map((r) => r.code)).toEqual(['name_same']);
    expect(compare(rec(bare), rec(bare)).score).toBe(c.score);
  });
  it('a score between 0 and 1, symmetric', () => {
    const a = rec({ name: 'H. Suparmn Wijaya', birthDate: '1980-07-03', nik: null });
    const b = rec({ householdId: 'x', phone: '0812345678' });
    const ab = compare(a, b);
    const ba = compare(b, a);
    expect(ab.score).toBeGreaterThan(0);
    expect(ab.score).toBeLessThan(1);
    expect(ba.score).toBeCloseTo(ab.score, 10);
  });
});

describe('compare: duplicates and hard non-duplicates', () => {
  it('a duplicate with several errors at once', () => {
    const original = rec({ name: 'Muhammad Soeparman Hadi', birthDate: '1975-04-09', birthYear: 1975, nik: '3204050904750001', householdId: 'h1', phone: '081311112222' });
    // Title added, old spelling, word order, day and month swapped, no NIK, moved within the district.
    const copy = rec({ name: 'H. Soeparman Hadi Muhamad', birthDate: '1975-09-04', birthYear: 1975, nik: null, areaCode: '32.04.05.2004', householdId: 'h9' });
    expect(compare(original, copy).score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });
  it('namesakes with the same common name and different birth dates', () => {
    const a = rec({ name: 'Siti Aminah', sex: 'female', birthDate: '1985-02-11', birthYear: 1985, nik: '3204055102850001' });
    const b = rec({ name: 'Siti Aminah', sex: 'female', birthDate: '1990-06-23', birthYear: 1990, nik: '3204056306900001' });
    expect(compare(a, b).score).toBeLessThan(REVIEW_THRESHOLD);
    const c = rec({ name: 'Muhammad Rizki', birthDate: '2001-01-15', birthYear: 2001, nik: null, areaCode: '32.04.05.2001' });
    const d = rec({ name: 'Muhamad Rizky', birthDate: '1998-08-30', birthYear: 1998, nik: null, areaCode: '32.04.05.2001' });
    expect(compare(c, d).score).toBeLessThan(REVIEW_THRESHOLD);
  });
  it('siblings in one household', () => {
    const a = rec({ name: 'Togar Siregar', birthDate: '2001-05-02', birthYear: 2001, nik: '1212010205010001', householdId: 'h1' });
    const b = rec({ name: 'Poltak Siregar', birthDate: '2003-11-20', birthYear: 2003, nik: '1212012011030001', householdId: 'h1' });
    expect(compare(a, b).score).toBeLessThan(REVIEW_THRESHOLD);
    const c = rec({ name: 'Dwi Putri Lestari', sex: 'female', birthDate: '2005-01-09', birthYear: 2005, nik: null, householdId: 'h2' });
    const d = rec({ name: 'Eka Putri Lestari', sex: 'female', birthDate: '2003-04-17', birthYear: 2003, nik: null, householdId: 'h2' });
    expect(compare(c, d).score).toBeLessThan(REVIEW_THRESHOLD);
  });
  it('twins: same birth date and household, consecutive NIKs, different first names', () => {
    const a = rec({ name: 'Hasan Basri', birthDate: '2010-06-14', birthYear: 2010, nik: '3204051406100001', householdId: 'h1' });
    const b = rec({ name: 'Husein Basri', birthDate: '2010-06-14', birthYear: 2010, nik: '3204051406100002', householdId: 'h1' });
    expect(compare(a, b).score).toBeLessThan(REVIEW_THRESHOLD);
    const c = rec({ name: 'Ni Made Ayu Sukarini', sex: 'female', birthDate: '2012-02-01', birthYear: 2012, nik: '5104034102120001', householdId: 'h3' });
    const d = rec({ name: 'Ni Made Ayu Suartini', sex: 'female', birthDate: '2012-02-01', birthYear: 2012, nik: '5104034102120002', householdId: 'h3' });
    expect(compare(c, d).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });
  it('father and son with one name', () => {
    const father = rec({ name: 'Budi Santoso', birthDate: '1965-08-17', birthYear: 1965, nik: '3204051708650001', householdId: 'h1' });
    const son = rec({ name: 'Budi Santoso Jr.', birthDate: '1992-10-03', birthYear: 1992, nik: '3204050310920001', householdId: 'h1' });
    expect(compare(father, son).score).toBeLessThan(REVIEW_THRESHOLD);
    expect(compare(father, { ...son, nik: null }).score).toBeLessThan(REVIEW_THRESHOLD);
  });
});

describe('blockingKeys', () => {
  const original = rec({ name: 'Muhammad Soeparman Hadi', birthDate: '1975-04-09', birthYear: 1975, nik: '3204050904750001', householdId: 'h1' });
  const shares = (a: DedupeRecord, b: DedupeRecord) => blockingKeys(a).some((k) => blockingKeys(b).includes(k));
  it('a few tagged keys', () => {
    const keys = blockingKeys(original);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.length).toBeLessThanOrEqual(8);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9]+:/);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('a duplicate keeps a key through its errors', () => {
    const variants: Array<Partial<DedupeRecord>> = [
      { name: 'Muhamad Suparman Hadi' },
      { name: 'Hadi Muhammad Soeparmn', nik: null },
      { name: 'Soeparman Hadi', birthDate: '1975-09-04', nik: null, householdId: null },
      { birthDate: '1976-04-09', birthYear: 1976, nik: '3204050904750010', householdId: null, areaCode: '32.71.01.1001' },
      { name: 'Mhammad Soeparman Hadi', birthDate: '1974-04-09', birthYear: 1974, nik: null, householdId: null, areaCode: '32.71.01.1001' },
      { name: 'Muhammad Soeparmna Hadi', nik: '3204050904570001', householdId: null, areaCode: '32.71.01.1001' },
    ];
    for (const v of variants) expect(shares(original, rec({ ...original, ...v })), JSON.stringify(v)).toBe(true);
  });
});

describe('pairsFromBlocks', () => {
  it('compares each pair once and reports those over the threshold', () => {
    const a = rec({ id: 'a' });
    const b = rec({ id: 'b', name: 'Soeparman Hadi Wijaya' });
    const c = rec({ id: 'c', name: 'Agus Salim', birthDate: '1990-01-01', birthYear: 1990, nik: '3204050101900001' });
    const stats = {} as ScanStats;
    const pairs = [...pairsFromBlocks([a, b, c], { maxBlock: 10, threshold: DUPLICATE_THRESHOLD, stats })];
    expect(pairs.map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
    expect(pairs[0].reasons.map((r) => r.code)).toContain('name_variant_spelling');
    expect(stats.comparisons).toBe(1); // a and b share several keys, compared once; c shares none
  });
  // Siti born on 7 March of 30 different years, each with a name word of her own: they share
  // only the key t:siti|3.7 (and p:… for those whose own words start alike).
  const OWN = ['Purnama', 'Lestari', 'Rahmawati', 'Handayani', 'Wulandari', 'Kurniasih', 'Maryati', 'Sulastri', 'Yuliana', 'Nurjanah',
    'Fatimah', 'Zubaidah', 'Khadijah', 'Rukmini', 'Suharti', 'Jamilah', 'Badriah', 'Wahyuni', 'Ernawati', 'Komariah',
    'Oktaviani', 'Gustina', 'Damayanti', 'Ismiati', 'Qomariyah', 'Tarwiyah', 'Veronika', 'Eliyana', 'Nengsih', 'Ponirah'];
  const sitis = () => OWN.map((w, i) => rec({ id: `s${i}`, name: `Siti ${w}`, sex: 'female', birthDate: `${1950 + i}-03-07`, birthYear: 1950 + i, nik: null, areaCode: null }));
  it('compares a block bigger than maxBlock within a window of birth-year order', () => {
    // A duplicate whose only key in common with its original is the big block (the typo in
    // "Aminah" changes her other t: and p: keys).
    const original = rec({ id: 'a', name: 'Siti Aminah', sex: 'female', birthDate: '1985-03-07', birthYear: 1985, nik: null, areaCode: null });
    const copy = rec({ id: 'b', name: 'Siti Amniah', sex: 'female', birthDate: '1985-03-07', birthYear: 1985, nik: null, areaCode: null });
    expect(blockingKeys(original).filter((k) => blockingKeys(copy).includes(k))).toEqual(['t:siti|3.7']);
    const stats = {} as ScanStats;
    const records = [...sitis().slice(0, 15), original, ...sitis().slice(15), copy];
    const pairs = [...pairsFromBlocks(records, { maxBlock: 20, window: 3, threshold: DUPLICATE_THRESHOLD, stats })];
    expect(pairs.map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
    expect(stats.windowedBlocks).toBeGreaterThan(0);
    // 32 records: every record with its 3 neighbours, not all 496 pairs.
    expect(stats.comparisons).toBeLessThanOrEqual(32 * 3);
    expect(stats.comparisons).toBeGreaterThan(30);
  });
  it('compares each pair once, whether their shared blocks are big or small', () => {
    // A small vocabulary makes many blocks of every size: all pairs in small blocks must come
    // out, and none twice (threshold 0 reports every comparison).
    const first = ['Siti', 'Nur', 'Sri', 'Dewi', 'Ayu'];
    const last = ['Aminah', 'Lestari', 'Rahayu', 'Wati', 'Sari', 'Putri'];
    const records = Array.from({ length: 400 }, (_, i) =>
      rec({
        id: `q${i}`,
        name: `${first[i % 5]} ${last[(i * 7) % 6]}${i % 3 ? '' : ` ${last[(i * 5) % 6]}`}`,
        sex: 'female',
        birthDate: `${1960 + (i % 40)}-0${1 + (i % 3)}-0${1 + (i % 2)}`,
        birthYear: 1960 + (i % 40),
        nik: null,
        areaCode: `32.04.0${i % 4}.200${i % 2}`,
        householdId: `h${i % 90}`,
      }),
    );
    const stats = {} as ScanStats;
    const key = (a: string, b: string) => (a < b ? `${a}-${b}` : `${b}-${a}`);
    const pairs = [...pairsFromBlocks(records, { maxBlock: 12, window: 4, threshold: 0, stats })].map((p) => key(p.a, p.b));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.length).toBe(stats.comparisons);
    expect(stats.windowedBlocks).toBeGreaterThan(0);
    expect(stats.blocks).toBeGreaterThan(0);
    const blocks = new Map<string, string[]>();
    for (const r of records) for (const k of blockingKeys(r)) blocks.set(k, [...(blocks.get(k) ?? []), r.id]);
    const found = new Set(pairs);
    for (const ids of blocks.values()) {
      if (ids.length > 12) continue;
      for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) expect(found.has(key(ids[x], ids[y]))).toBe(true);
    }
  });
});

describe('accuracy on a generated registry', () => {
  it(`finds the injected duplicates of 20,000 people (seed 7) with the fixed threshold ${DUPLICATE_THRESHOLD}`, () => {
    // Seed 1 was used to choose the weights and thresholds; seed 7 was not looked at before.
    const e = evaluate({ people: 20_000, seed: 7 });
    console.log(
      `dedupe accuracy, 20,000 people, seed 7: precision ${e.precision.toFixed(4)}, recall ${e.recall.toFixed(4)}, F1 ${e.f1.toFixed(4)} ` +
        `(${e.truePositives}/${e.truePairs} found, ${e.found - e.truePositives} false, ${e.stats.comparisons} comparisons, ${e.seconds.toFixed(1)} s)`,
    );
    expect(e.truePairs).toBeGreaterThan(300);
    expect(e.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.recall).toBeGreaterThanOrEqual(0.97);
  });
});
