/**
 * Synthetic labelled registry: households of realistic Indonesian people in real villages, with
 * valid NIKs, plus injected duplicates (the truth) and hard non-duplicates (twins, siblings with
 * similar names, fathers and sons of one name, very common names). Deterministic by seed.
 *
 *   npx tsx bench/registry/generate.ts out.csv 1000000 [seed] [duplicateRate]
 * writes out.csv (nama lengkap, jenis kelamin, tgl lahir, nik, no kk, desa, alamat, hp) and
 * out.truth.json (the duplicate pairs as data row numbers, 1 = the first row after the header).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DedupeRecord } from '../../src/domain/dedupe/index.ts';
import { Areas } from '../../src/server/features/areas/areas.service.ts';
import { ARABIC, BALI_ORDER, COMMON_FULL, HAMLETS, MODERN, POOLS, STREETS, type Pool, type Region } from './names.ts';

export type RegistryOptions = { people: number; seed: number; duplicateRate?: number };
export type Role = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild';
export type RegistryHousehold = { id: string; kk: string; villageCode: string; address: string };
export type RegistryPerson = {
  /** The data row number as a string ("1" = first person). */
  id: string;
  householdId: string;
  kk: string;
  name: string;
  sex: 'female' | 'male';
  /** YYYY-MM-DD, or null when only the year is known. */
  birthDate: string | null;
  birthYear: number;
  nik: string | null;
  villageCode: string;
  address: string;
  phone: string | null;
  role: Role;
  /** For an injected duplicate: the id of the person it copies and the errors injected. */
  duplicateOf: string | null;
  errors: string[];
  /** Why this person is a hard non-duplicate of someone ('twin', 'namesake_son', 'common_name', 'sibling_shared_name'). */
  tag: string | null;
};
export type HouseholdBatch = { household: RegistryHousehold; people: RegistryPerson[]; truth: Array<[string, string]> };

export const REFERENCE_YEAR = 2025;

/** Provinces used, the naming traditions of their people, and their relative population. */
const PROVINCES: Array<{ code: string; weight: number; regions: Partial<Record<Region, number>> }> = [
  { code: '11', weight: 1, regions: { aceh: 0.9, javanese: 0.1 } },
  { code: '12', weight: 1.5, regions: { batak: 0.65, javanese: 0.25, minang: 0.1 } },
  { code: '13', weight: 1, regions: { minang: 0.9, javanese: 0.1 } },
  { code: '31', weight: 1.5, regions: { javanese: 0.4, sundanese: 0.25, batak: 0.1, minang: 0.1, bugis: 0.05, minahasa: 0.05, balinese: 0.05 } },
  { code: '32', weight: 3, regions: { sundanese: 0.8, javanese: 0.2 } },
  { code: '33', weight: 3, regions: { javanese: 1 } },
  { code: '35', weight: 3, regions: { javanese: 1 } },
  { code: '51', weight: 1, regions: { balinese: 0.9, javanese: 0.1 } },
  { code: '71', weight: 0.7, regions: { minahasa: 0.8, bugis: 0.1, javanese: 0.1 } },
  { code: '73', weight: 1.2, regions: { bugis: 0.9, javanese: 0.1 } },
  { code: '91', weight: 0.5, regions: { papuan: 0.75, bugis: 0.1, javanese: 0.15 } },
  { code: '94', weight: 0.5, regions: { papuan: 0.9, javanese: 0.1 } },
];
const MUSLIM: ReadonlySet<Region> = new Set(['javanese', 'sundanese', 'minang', 'bugis', 'aceh']);
const SURNAMED: ReadonlySet<Region> = new Set(['batak', 'papuan', 'minahasa']);

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Village = { code: string; district: string };
type Geo = { provinces: Array<{ code: string; weight: number; regions: Array<[Region, number]>; villages: Village[] }>; byDistrict: Map<string, Village[]>; districts: string[] };

let sharedAreas: Areas | undefined;
/** Two regencies per province, three districts each, all their villages (~1,500 villages). */
function loadGeo(rng: Rng): Geo {
  sharedAreas ??= Areas.load();
  const areas = sharedAreas;
  const byDistrict = new Map<string, Village[]>();
  const provinces = PROVINCES.map((p) => {
    const regencies = pickSome(rng, areas.childrenOf(p.code), 2);
    const villages: Village[] = [];
    for (const r of regencies) {
      for (const d of pickSome(rng, areas.childrenOf(r.code), 3)) {
        const vs = areas.childrenOf(d.code).map((v) => ({ code: v.code, district: d.code }));
        byDistrict.set(d.code, vs);
        villages.push(...vs);
      }
    }
    return { code: p.code, weight: p.weight, regions: Object.entries(p.regions) as Array<[Region, number]>, villages };
  });
  return { provinces, byDistrict, districts: [...byDistrict.keys()] };
}
function pickSome<T>(rng: Rng, xs: T[], k: number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < k && copy.length) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]);
  return out;
}

/** A name in parts, so that duplicates can be given realistic errors. */
type NameParts = { prefix: string | null; words: string[]; suffix: string | null };
function renderName(n: NameParts): string {
  return `${n.prefix ? `${n.prefix} ` : ''}${n.words.join(' ')}${n.suffix ?? ''}`;
}

type Person = {
  name: NameParts;
  sex: 'female' | 'male';
  y: number;
  m: number;
  d: number;
  yearOnly: boolean;
  /** The NIK as issued (also for people whose NIK is not recorded). */
  trueNik: string;
  nik: string | null;
  phone: string | null;
  role: Role;
  tag: string | null;
  errors: string[];
  /** Set when emitted. */
  id?: string;
  /** For a duplicate: the person it copies. */
  original?: Person;
};

// Household sizes 1..8 drawn from this; some are cut short (no room for more children), giving a mean of ~3.3.
const SIZE_DIST = [0, 0.1, 0.18, 0.24, 0.23, 0.13, 0.07, 0.03, 0.02];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PREFIXES_M = ['Drs.', 'Ir.', 'Dr.', 'Bpk.'];
const PREFIXES_F = ['Dra.', 'Ir.', 'Dr.', 'Ibu'];
const SUFFIXES = [', S.Pd', ', S.E.', ', S.H.', ', S.Sos', ', A.Md', ', S.Kom'];
/** Words some parents give all their children. */
const THEMES = ['Pratama', 'Saputra', 'Ramadhan', 'Wijaya', 'Kusuma', 'Permana', 'Nugraha', 'Hidayat', 'Setiawan', 'Prasetya'];
const OPERATORS = ['11', '12', '13', '21', '22', '52', '53', '57', '58', '77', '78', '81', '82', '83', '95', '96', '98'];

/**
 * The registry as household batches, generated lazily: each batch is one household with its
 * people, and the duplicate pairs completed by this batch. Duplicates are injected at
 * `duplicateRate` of people (default 2%): in the same household, or registered again elsewhere
 * (a new household in the same village, another village of the district, or anywhere) a few
 * households later.
 */
export function* registryBatches(opts: RegistryOptions): Generator<HouseholdBatch> {
  const rng = mulberry32(opts.seed * 2654435761 + 1);
  const rate = opts.duplicateRate ?? 0.02;
  const geo = loadGeo(rng);
  const provinceTotal = geo.provinces.reduce((s, p) => s + p.weight, 0);
  const rand = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  /** Skewed towards the front: a few names are very common. */
  const pickCommon = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * rng() ** 1.7)];
  const chance = (p: number) => rng() < p;

  const serials = new Map<number, number>();
  const districtIndex = new Map(geo.districts.map((d, i) => [d, i]));
  let kkSerial = 0;
  let rows = 0;
  let householdCount = 0;
  const pending: Array<{ at: number; person: Person; original: { villageCode: string; district: string } }> = [];

  const nikFor = (district: string, p: { sex: string; y: number; m: number; d: number; yearOnly: boolean }) => {
    const m = p.yearOnly ? 12 : p.m;
    const d = p.yearOnly ? 31 : p.d;
    const key = (districtIndex.get(district) ?? 0) * 10_000_000 + p.y * 1000 + m * 40 + d;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    return `${district.replace(/\./g, '')}${pad2(d + (p.sex === 'female' ? 40 : 0))}${pad2(m)}${pad2(p.y % 100)}${String(serial).padStart(4, '0')}`;
  };
  const phone = () => `08${pick(OPERATORS)}${String(rand(0, 99_999_999)).padStart(rand(7, 8), '0').slice(0, 8)}`;
  const birth = (y: number) => {
    const m = rand(1, 12);
    return { y, m, d: rand(1, DAYS[m - 1]) };
  };

  const given = (region: Region, sex: 'female' | 'male', age: number): string => {
    const r = rng();
    const pool: Pool = age < 30 && r < 0.35 ? MODERN : MUSLIM.has(region) && r > 0.7 ? ARABIC : POOLS[region];
    return pickCommon(sex === 'female' ? pool.female : pool.male);
  };
  const givenNames = (region: Region, sex: 'female' | 'male', age: number, count: number) => {
    const out: string[] = [];
    for (let tries = 0; out.length < count && tries < 20; tries++) {
      const g = given(region, sex, age);
      if (!out.includes(g)) out.push(g);
    }
    return out;
  };
  const wordCount = (age: number) => {
    const r = rng();
    if (r < (age > 50 ? 0.35 : 0.12)) return 1;
    return r < 0.8 ? 2 : 3;
  };
  /** A new name; `family` is the family name when the tradition has one. */
  const makeName = (region: Region, sex: 'female' | 'male', age: number, family: string | null, birthOrder: number, theme: string | null): NameParts => {
    let words: string[];
    if (MUSLIM.has(region) && age >= 15 && chance(0.015)) {
      words = pick(sex === 'female' ? COMMON_FULL.female : COMMON_FULL.male).split(' ');
    } else if (region === 'balinese') {
      const order = pick(BALI_ORDER[birthOrder % 4]);
      words = [sex === 'female' ? 'Ni' : 'I', ...(sex === 'female' && chance(0.3) ? ['Luh'] : []), order, ...givenNames(region, sex, age, chance(0.5) ? 1 : 2)];
    } else if (SURNAMED.has(region)) {
      words = [...givenNames(region, sex, age, chance(0.6) ? 1 : 2), ...(family ? family.split(' ') : [])];
      if (region === 'batak' && sex === 'female' && family && chance(0.3)) words.splice(words.length - family.split(' ').length, 0, 'br.');
    } else {
      words = givenNames(region, sex, age, wordCount(age));
      if (region === 'bugis' && chance(0.08)) words.unshift('Andi');
      if (family && chance(0.5)) words.push(family);
      if (theme && !words.includes(theme)) words.push(theme);
    }
    let prefix: string | null = null;
    let suffix: string | null = null;
    if (age >= 45 && MUSLIM.has(region) && chance(0.08)) prefix = sex === 'female' ? 'Hj.' : 'H.';
    else if (age >= 25 && chance(0.03)) {
      if (chance(0.5)) suffix = pick(SUFFIXES);
      else prefix = pick(sex === 'female' ? PREFIXES_F : PREFIXES_M);
    }
    return { prefix, words, suffix };
  };

  const regionOf = (p: Geo['provinces'][number]): Region => {
    let r = rng();
    for (const [region, w] of p.regions) if ((r -= w) < 0) return region;
    return p.regions[0][0];
  };
  const pickProvince = () => {
    let r = rng() * provinceTotal;
    for (const p of geo.provinces) if ((r -= p.weight) < 0) return p;
    return geo.provinces[0];
  };
  const newHousehold = (villageCode: string, district: string): RegistryHousehold => {
    householdCount++;
    const issue = birth(rand(2008, 2024));
    const kk = `${district.replace(/\./g, '')}${pad2(issue.d)}${pad2(issue.m)}${pad2(issue.y % 100)}${String((kkSerial++ % 9999) + 1).padStart(4, '0')}`;
    const address = chance(0.6)
      ? `Jl. ${pick(STREETS)} No. ${rand(1, 150)}, RT ${String(rand(1, 12)).padStart(3, '0')}/RW ${String(rand(1, 8)).padStart(3, '0')}`
      : `Dusun ${pick(HAMLETS)}, RT ${String(rand(1, 12)).padStart(3, '0')}/RW ${String(rand(1, 8)).padStart(3, '0')}`;
    return { id: `h${householdCount}`, kk, villageCode, address };
  };

  const emit = (household: RegistryHousehold, members: Person[]): HouseholdBatch | null => {
    const people: RegistryPerson[] = [];
    const truth: Array<[string, string]> = [];
    for (const p of members) {
      if (rows >= opts.people) break;
      const id = String(++rows);
      p.id = id;
      people.push({
        id,
        householdId: household.id,
        kk: household.kk,
        name: renderName(p.name),
        sex: p.sex,
        birthDate: p.yearOnly ? null : `${p.y}-${pad2(p.m)}-${pad2(p.d)}`,
        birthYear: p.y,
        nik: p.nik,
        villageCode: household.villageCode,
        address: household.address,
        phone: p.phone,
        role: p.role,
        duplicateOf: p.original?.id ?? null,
        errors: p.errors,
        tag: p.tag,
      });
      if (p.original) truth.push([p.original.id!, id]);
    }
    return people.length ? { household, people, truth } : null;
  };

  while (rows < opts.people) {
    // Duplicates registered elsewhere whose turn has come: each as a household of its own.
    for (let i = 0; i < pending.length; i++) {
      if (pending[i].at > householdCount) continue;
      const { person, original } = pending.splice(i--, 1)[0];
      const r = rng();
      const villages = geo.byDistrict.get(original.district)!;
      const village = r < 0.5 ? original.villageCode : r < 0.85 ? pick(villages).code : pick(pick(geo.provinces).villages).code;
      const district = village.split('.').slice(0, 3).join('.');
      person.errors.push(village === original.villageCode ? 'moved_same_village' : district === original.district ? 'moved_same_district' : 'moved_far');
      person.role = 'head';
      const batch = emit(newHousehold(village, district), [person]);
      if (batch) yield batch;
      if (rows >= opts.people) return;
    }

    const province = pickProvince();
    const region = regionOf(province);
    const village = pick(province.villages);
    const household = newHousehold(village.code, village.district);
    const nikDistrict = () => (chance(0.08) ? pick(geo.districts) : village.district);

    // Who lives here.
    let size = 1;
    for (let r = rng(); size < SIZE_DIST.length - 1 && (r -= SIZE_DIST[size]) > 0; ) size++;
    const members: Person[] = [];
    const headAge = size === 1 ? rand(20, 85) : size <= 3 ? rand(22, 75) : rand(30, 70);
    const headSex = chance(size === 1 ? 0.55 : 0.88) ? 'male' : 'female';
    const family = SURNAMED.has(region) ? pickCommon(POOLS[region].family!) : chance(0.12) ? pickCommon((POOLS[region].family ?? MODERN.family)!) : null;
    const add = (sex: 'female' | 'male', y: number, role: Role, name: NameParts, tag: string | null = null, date?: { m: number; d: number }) => {
      const b = date ? { y, ...date } : birth(y);
      const age = REFERENCE_YEAR - y;
      const yearOnly = !date && y < 1960 && chance(0.15);
      const p: Person = { name, sex, y: b.y, m: b.m, d: b.d, yearOnly, trueNik: '', nik: null, phone: null, role, tag, errors: [] };
      p.trueNik = nikFor(nikDistrict(), p);
      p.nik = chance(age < 17 ? 0.12 : 0.05) ? null : p.trueNik;
      p.phone = age >= 17 && chance(0.55) ? phone() : null;
      members.push(p);
      return p;
    };
    const head = add(headSex, REFERENCE_YEAR - headAge, 'head', makeName(region, headSex, headAge, family, rand(0, 3), null));
    let mother: Person | null = headSex === 'female' ? head : null;
    if (size >= 2 && chance(0.88)) {
      const spouseSex = headSex === 'male' ? 'female' : 'male';
      const spouseAge = Math.max(18, headAge + (headSex === 'male' ? -rand(0, 9) : rand(0, 9)));
      const spouseFamily = SURNAMED.has(region) ? pickCommon(POOLS[region].family!) : null;
      const spouse = add(spouseSex, REFERENCE_YEAR - spouseAge, 'spouse', makeName(region, spouseSex, spouseAge, spouseFamily, rand(0, 3), null));
      if (chance(0.1)) spouse.phone = head.phone;
      if (spouseSex === 'female') mother = spouse;
    }
    if (members.length < size && headAge < 45 && chance(0.1)) {
      const age = headAge + rand(20, 32);
      const sex = chance(0.6) ? 'female' : 'male';
      add(sex, REFERENCE_YEAR - age, 'parent', makeName(region, sex, age, sex === 'male' ? family : null, rand(0, 3), null));
    }
    // Children, eldest first; a theme word shared by siblings in some families.
    const theme = !SURNAMED.has(region) && region !== 'balinese' && chance(0.2) ? pickCommon(THEMES) : null;
    const motherYear = mother ? mother.y : head.y + 3;
    let order = 0;
    let previous: Person | null = null;
    let namesakeDone = false;
    while (members.length < size) {
      const grand = headAge > 62 && chance(0.35);
      let y = grand ? motherYear + rand(42, 60) : previous && previous.role === 'child' ? previous.y + rand(1, 5) : motherYear + rand(19, 30);
      if (y > REFERENCE_YEAR) {
        if (previous) break; // no room for more children: a smaller household
        y = REFERENCE_YEAR - rand(0, 3);
      }
      const sex = chance(0.51) ? 'male' : 'female';
      const age = REFERENCE_YEAR - y;
      let tag: string | null = null;
      let date: { m: number; d: number } | undefined;
      if (previous && !grand && chance(0.03)) {
        // Twins: same birth date, consecutive NIK serials, different first names.
        y = previous.y;
        date = { m: previous.m, d: previous.d };
        tag = 'twin';
        previous.tag ??= 'twin';
      }
      let name = makeName(region, sex, age, family, order, theme);
      if (tag === 'twin' && previous) {
        // Different first names (particles aside: every Balinese boy is "I …").
        const first = (n: NameParts) => coreWords(n).find((w) => !BALI_ORDER.flat().includes(w) && w !== 'Luh');
        for (let tries = 0; tries < 20 && coreWords(previous.name).includes(first(name)!); tries++) name = makeName(region, sex, age, family, order + 1, theme);
      }
      if (!namesakeDone && sex === 'male' && headSex === 'male' && !grand && chance(0.03)) {
        name = { prefix: null, words: [...head.name.words], suffix: chance(0.3) ? ' Jr.' : null };
        tag = 'namesake_son';
        namesakeDone = true;
      } else if (theme && !tag) tag = 'sibling_shared_name';
      previous = add(sex, y, grand ? 'grandchild' : 'child', name, tag, date);
      order++;
    }
    for (const p of members) if (!p.tag && p.name.words.join(' ').match(/^(Siti Aminah|Muhammad Rizki|Sri Wahyuni|Nur Aini|Dewi Lestari|Budi Santoso)$/)) p.tag = 'common_name';

    // Duplicates of some of them.
    const dups: Person[] = [];
    for (const p of members) {
      if (!chance(rate)) continue;
      const dup = makeDuplicate(p);
      if (chance(0.3)) {
        dup.errors.push('same_household');
        dups.push(dup);
      } else pending.push({ at: householdCount + rand(1, 50), person: dup, original: { villageCode: village.code, district: village.district } });
    }
    const batch = emit(household, [...members, ...dups]);
    if (batch) yield batch;
  }

  function makeDuplicate(p: Person): Person {
    const dup: Person = { ...p, name: { prefix: p.name.prefix, words: [...p.name.words], suffix: p.name.suffix }, errors: [], id: undefined, original: p, tag: null };
    const r = rng();
    dup.phone = p.phone ? (r < 0.5 ? p.phone : r < 0.8 ? null : phone()) : r < 0.2 ? phone() : null;
    if (chance(0.08)) return dup; // registered twice, no error at all
    const k = chance(0.55) ? 1 : chance(0.7) ? 2 : 3;
    const kinds: Array<[string, number]> = [
      ['name_typo', 3],
      ['name_variant', 2],
      ['word_order', dup.name.words.length >= 2 ? 1 : 0],
      ['title', 1.5],
      ['middle_missing', coreWords(dup.name).length >= 3 ? 1 : 0],
      ['birth_swap', !p.yearOnly && p.d <= 12 && p.d !== p.m ? 1.5 : 0],
      ['birth_year', 1.5],
      ['nik_typo', p.nik ? 1.5 : 0],
      ['nik_transpose', p.nik ? 1 : 0],
      ['nik_missing', 2],
    ];
    for (let i = 0; i < k; i++) {
      const total = kinds.reduce((s, [, w]) => s + w, 0);
      if (!total) break;
      let x = rng() * total;
      const j = kinds.findIndex(([, w]) => (x -= w) < 0);
      const [kind] = kinds[j];
      kinds[j][1] = 0;
      if (kind.startsWith('nik_')) for (const kw of kinds) if (kw[0].startsWith('nik_')) kw[1] = 0;
      if (applyError(dup, p, kind)) dup.errors.push(kind);
    }
    return dup;
  }

  function applyError(dup: Person, original: Person, kind: string): boolean {
    const n = dup.name;
    switch (kind) {
      case 'name_typo': {
        const idx = n.words.map((w, i) => (/^[A-Za-z]{3,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) return false;
        const i = pick(idx);
        const typo = misspell(n.words[i]);
        if (typo === n.words[i]) return false;
        n.words[i] = typo;
        return true;
      }
      case 'name_variant': {
        for (let tries = 0; tries < 6; tries++) {
          const i = rand(0, n.words.length - 1);
          const v = spellingVariant(n.words[i]);
          if (v && v !== n.words[i]) {
            n.words[i] = v;
            return true;
          }
        }
        return false;
      }
      case 'word_order': {
        const core = coreWords(n);
        if (core.length < 2) return false;
        // Family name first, or the first two words swapped.
        const words = n.words.filter((w) => core.includes(w));
        const reordered = chance(0.5) ? [words[words.length - 1], ...words.slice(0, -1)] : [words[1], words[0], ...words.slice(2)];
        n.words = reordered;
        return true;
      }
      case 'title': {
        if (n.prefix || n.suffix) {
          n.prefix = null;
          if (n.suffix !== ' Jr.') n.suffix = null;
        } else if (REFERENCE_YEAR - dup.y >= 20) {
          if (chance(0.7)) n.prefix = dup.sex === 'female' ? pick(['Hj.', 'Ibu', 'Ny.']) : pick(['H.', 'Bpk.', 'Drs.']);
          else n.suffix = pick(SUFFIXES);
        } else return false;
        return true;
      }
      case 'middle_missing': {
        const core = coreWords(n);
        if (core.length < 3) return false;
        const drop = core[rand(1, core.length - 2)];
        n.words.splice(n.words.indexOf(drop), 1);
        return true;
      }
      case 'birth_swap':
        [dup.d, dup.m] = [dup.m, dup.d];
        return true;
      case 'birth_year':
        dup.y += chance(0.5) ? 1 : -1;
        if (dup.m === 2 && dup.d === 29) dup.d = 28;
        return true;
      case 'nik_typo': {
        if (!dup.nik) return false;
        const i = rand(0, 15);
        const digit = (Number(dup.nik[i]) + rand(1, 9)) % 10;
        dup.nik = dup.nik.slice(0, i) + digit + dup.nik.slice(i + 1);
        return true;
      }
      case 'nik_transpose': {
        if (!dup.nik) return false;
        const options = [...Array(15).keys()].filter((i) => dup.nik![i] !== dup.nik![i + 1]);
        if (!options.length) return false;
        const i = pick(options);
        dup.nik = dup.nik.slice(0, i) + dup.nik[i + 1] + dup.nik[i] + dup.nik.slice(i + 2);
        return true;
      }
      case 'nik_missing':
        if (original.nik) dup.nik = null;
        else if (chance(0.5)) dup.nik = original.trueNik;
        else return false;
        return true;
    }
    return false;
  }

  function misspell(word: string): string {
    const lower = word.toLowerCase();
    const pos = rng() < 0.1 ? 0 : rand(1, word.length - 1);
    const letters = 'abcdefghijklmnoprstuwy';
    const vowels = 'aiueo';
    let out: string;
    switch (rand(0, 3)) {
      case 0: // drop
        out = lower.slice(0, pos) + lower.slice(pos + 1);
        break;
      case 1: // insert
        out = lower.slice(0, pos) + pick([...letters]) + lower.slice(pos);
        break;
      case 2: // swap with the next letter
        out = pos < lower.length - 1 ? lower.slice(0, pos) + lower[pos + 1] + lower[pos] + lower.slice(pos + 2) : lower.slice(0, pos - 1) + lower[pos] + lower[pos - 1];
        break;
      default: {
        // substitute: a vowel for a vowel, else any letter
        const c = vowels.includes(lower[pos]) ? pick([...vowels].filter((v) => v !== lower[pos])) : pick([...letters].filter((v) => v !== lower[pos]));
        out = lower.slice(0, pos) + c + lower.slice(pos + 1);
      }
    }
    if (out.length < 2) return word;
    return word[0] === word[0].toUpperCase() ? out[0].toUpperCase() + out.slice(1) : out;
  }

  /** One spelling variant that people really write, or null. */
  function spellingVariant(word: string): string | null {
    const muhammad = ['Muhammad', 'Muhamad', 'Mohammad', 'Mohamad', 'Mochammad', 'Moh.', 'M.', 'Muh.'];
    if (muhammad.includes(word)) return pick(muhammad.filter((w) => w !== word));
    const ahmad = ['Ahmad', 'Achmad', 'Akhmad'];
    if (ahmad.includes(word)) return pick(ahmad.filter((w) => w !== word));
    const rules: Array<[RegExp, string]> = [
      [/oe/, 'u'],
      [/(?<=.)u/, 'oe'],
      [/Dj/, 'J'],
      [/^J/, 'Dj'],
      [/(?<=.)j/, 'dj'],
      [/Tj/, 'C'],
      [/^C/, 'Tj'],
      [/(?<=.)c/, 'tj'],
      [/(?<=[aiueo])y(?=[aiueo])/, 'j'],
      [/^Y(?=[aiueo])/, 'J'],
      [/Kh/, 'H'],
      [/kh/, 'h'],
      [/Sy/, 'S'],
      [/sy/, 's'],
      [/q$/, 'k'],
      [/k$/, 'q'],
      [/ah$/, 'a'],
      [/(?<=[aiueo])([bdgklmnprst])(?=[aiueo])/, '$1$1'],
      [/([bdgklmnprst])\1/, '$1'],
      [/i$/, 'y'],
      [/(?<=[^aiueo])y$/, 'i'],
    ];
    const applicable = rules.filter(([re]) => re.test(word));
    if (!applicable.length) return null;
    const [re, to] = pick(applicable);
    return word.replace(re, to);
  }
}

/** The words of a name without particles (I, Ni, Luh, br.). */
function coreWords(n: NameParts): string[] {
  return n.words.filter((w) => !['I', 'Ni', 'br.'].includes(w));
}

function pad2(x: number) {
  return x < 10 ? `0${x}` : String(x);
}

/** Everything in memory: for tests and samples up to a few hundred thousand people. */
export function generateRegistry(opts: RegistryOptions): { households: RegistryHousehold[]; people: RegistryPerson[]; truth: Array<[string, string]> } {
  const households: RegistryHousehold[] = [];
  const people: RegistryPerson[] = [];
  const truth: Array<[string, string]> = [];
  for (const b of registryBatches(opts)) {
    households.push(b.household);
    for (const p of b.people) people.push(p);
    for (const t of b.truth) truth.push(t);
  }
  return { households, people, truth };
}

export function toDedupeRecord(p: RegistryPerson): DedupeRecord {
  return { id: p.id, name: p.name, birthDate: p.birthDate, birthYear: p.birthYear, sex: p.sex, nik: p.nik, areaCode: p.villageCode, householdId: p.householdId, phone: p.phone };
}

/** The people as dedupe records, lazily (for the scan at sizes where arrays would be wasteful). */
export function* dedupeRecords(opts: RegistryOptions, truth?: Array<[string, string]>): Generator<DedupeRecord> {
  for (const b of registryBatches(opts)) {
    for (const p of b.people) yield toDedupeRecord(p);
    if (truth) for (const t of b.truth) truth.push(t);
  }
}

const CSV_HEADER = ['nama lengkap', 'jenis kelamin', 'tgl lahir', 'nik', 'no kk', 'desa', 'alamat', 'hp'];
function csvField(v: string | null): string {
  if (v == null) return '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Streams the registry to a CSV file (Indonesian headers; desa = village code; jenis kelamin L/P;
 * tgl lahir YYYY-MM-DD or just the year) and the duplicate pairs to `<path without .csv>.truth.json`,
 * as data row numbers (1 = first row after the header).
 */
export function writeRegistryCsv(path: string, opts: RegistryOptions): { rows: number; pairs: number; truthPath: string } {
  const fd = openSync(path, 'w');
  const truthPath = `${path.replace(/\.csv$/i, '')}.truth.json`;
  let buf = `${CSV_HEADER.join(',')}\n`;
  let rows = 0;
  const truth: number[] = [];
  try {
    for (const b of registryBatches(opts)) {
      for (const p of b.people) {
        rows++;
        buf += `${csvField(p.name)},${p.sex === 'female' ? 'P' : 'L'},${p.birthDate ?? p.birthYear},${p.nik ?? ''},${p.kk},${p.villageCode},${csvField(p.address)},${p.phone ?? ''}\n`;
      }
      for (const [a, c] of b.truth) truth.push(Number(a), Number(c));
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  const pairs: number[][] = [];
  for (let i = 0; i < truth.length; i += 2) pairs.push([truth[i], truth[i + 1]]);
  const tfd = openSync(truthPath, 'w');
  try {
    writeSync(tfd, `{"seed":${opts.seed},"people":${rows},"duplicateRate":${opts.duplicateRate ?? 0.02},"rows":"data row numbers, 1 = first row after the header","pairs":[\n`);
    for (let i = 0; i < pairs.length; i += 10_000) {
      writeSync(tfd, pairs.slice(i, i + 10_000).map((p) => JSON.stringify(p)).join(',\n') + (i + 10_000 < pairs.length ? ',\n' : '\n'));
    }
    writeSync(tfd, ']}\n');
  } finally {
    closeSync(tfd);
  }
  return { rows, pairs: pairs.length, truthPath };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path = 'registry.csv', count = '100000', seed = '1', rate] = process.argv.slice(2);
  const started = Date.now();
  const res = writeRegistryCsv(path, { people: Number(count), seed: Number(seed), duplicateRate: rate ? Number(rate) : undefined });
  console.log(`${res.rows} rows, ${res.pairs} duplicate pairs → ${path}, ${res.truthPath} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
