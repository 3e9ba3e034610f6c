import { blockingKeysPrepared } from './blocking.ts';
import { comparePrepared, prepare, type CompareOptions, type DedupeRecord, type PreparedRecord, type Reason } from './compare.ts';
import { decodeName, encodeName } from './names.ts';

export type ScoredPair = { a: string; b: string; score: number; reasons: Reason[] };
export type ScanOptions = {
  /**
   * Blocks with more records than this are not compared pair by pair: each record is compared
   * only with its `window` neighbours in the block ordered by birth year and name.
   */
  maxBlock: number;
  /** Neighbours on each side compared in a block bigger than maxBlock (default DEFAULT_WINDOW). */
  window?: number;
  /** Pairs scoring below this are not reported. */
  threshold: number;
  compare?: CompareOptions;
  /**
   * Weigh name agreement by how common the words are in this registry, and tell misspellings
   * from other names by the same counts (made while reading the records; default true). Off, or
   * below 5,000 records, a static guess is used and every one-letter difference may be a name.
   */
  tokenFrequencies?: boolean;
  /** Filled in as the scan runs. */
  stats?: ScanStats;
};
export type ScanStats = {
  records: number;
  /** (record, key) entries. */
  keys: number;
  /** Blocks of 2 or more records compared pair by pair / bigger than maxBlock, compared within the window. */
  blocks: number;
  windowedBlocks: number;
  /** Records compared with no one (all their keys unique). */
  skippedRecords: number;
  comparisons: number;
  pairs: number;
  largestBlock: number;
  /** Milliseconds reading the records (including producing them, when the input is lazy), sorting the keys, comparing. */
  readMs: number;
  sortMs: number;
  compareMs: number;
};

/**
 * Neighbours compared on each side in a block bigger than maxBlock. Such blocks are the commonest
 * name word with a birthday or a district (women called just "Siti" born on 8 June, or living in
 * one district): a duplicate's birth year is the same or one off, so ordered by year it sits
 * within a few places of its original (a block of 200 spans ~80 years). 20 keeps a block's cost
 * at 20 comparisons per record, a tenth of comparing all pairs of a 400-record block.
 */
export const DEFAULT_WINDOW = 20;

const SLOTS = 8; // blockingKeys returns at most 8 keys
const IDX_BITS = 25; // up to 33M records
const SLOT_BITS = 3;
const LOW_BITS = BigInt(IDX_BITS + SLOT_BITS);
const LOW_MASK = (1n << LOW_BITS) - 1n;

/**
 * In-memory reference of the full duplicate scan (the database-backed scan follows the same
 * steps):
 *  1. each record is reduced to compact columns and its blocking keys are hashed to 36 bits;
 *  2. (hash, record, slot) entries are packed in 64-bit integers and sorted, so equal keys form
 *     runs (a block) without a map from key to members;
 *  3. every pair in a block of at most maxBlock records is compared; in a bigger block (at
 *     1,000,000 people some 35 blocks of 201-235 records: t:siti|6.8, d:siti|<district>) each
 *     record only with its `window` neighbours in birth year and name order (a sorted
 *     neighbourhood), so such a block costs ~window comparisons per record instead of being
 *     skipped, and a duplicate whose other keys all broke is still found there. Each pair is
 *     compared once, in the block with the smallest hash among the blocks they share where they
 *     are compared (any block of at most maxBlock; a bigger one if they are within the window),
 *     so no set of seen pairs is needed.
 * Memory: ~150 bytes per record plus ids and names (measured in bench/registry/accuracy.ts),
 * and a map entry per record of an oversized block.
 */
export function* pairsFromBlocks(records: Iterable<DedupeRecord>, opts: ScanOptions): Generator<ScoredPair> {
  const stats = Object.assign(opts.stats ?? ({} as ScanStats), {
    records: 0, keys: 0, blocks: 0, windowedBlocks: 0, skippedRecords: 0, comparisons: 0, pairs: 0, largestBlock: 0, readMs: 0, sortMs: 0, compareMs: 0,
  } satisfies ScanStats);
  let t0 = performance.now();

  // 1. Compact columns: typed arrays, strings only for ids, names and the interned codes.
  const ids: string[] = [];
  const names: string[] = []; // prepared, encoded (encodeName)
  const birth = new Grow(Int32Array); // yyyymmdd, yyyy0000 for a year only, 0 unknown
  const sex = new Grow(Uint8Array); // 0 unknown, 1 female, 2 male
  const nikHi = new Grow(Int32Array); // first 8 digits, -1 when none
  const nikLo = new Grow(Int32Array);
  const area = new Grow(Int32Array); // index in areaTable, -1 none
  const household = new Grow(Int32Array); // interned, -1 none
  const phone = new Grow(Float64Array); // normalised digits as a number, NaN none
  const areaIndex = new Map<string, number>();
  const areaTable: string[] = [];
  const householdIndex = new Map<string, number>();
  const intern = (value: string | null, index: Map<string, number>, table?: string[]) => {
    if (!value) return -1;
    let i = index.get(value);
    if (i === undefined) {
      i = index.size;
      table?.push(value);
      index.set(value, i);
    }
    return i;
  };
  const tokenCounts = new Map<string, number>();
  const slotHash = new Grow(Float64Array); // SLOTS per record, -1 for an unused slot
  const entryHash = new Grow(Float64Array);
  const entryLow = new Grow(Uint32Array);

  for (const r of records) {
    const idx = ids.length;
    if (idx >= 2 ** IDX_BITS) throw new Error('pairsFromBlocks: too many records');
    const p = prepare(r);
    ids.push(r.id);
    names.push(encodeName(p.name));
    birth.push(p.y * 10000 + p.m * 100 + p.d);
    sex.push(p.sex === 'female' ? 1 : p.sex === 'male' ? 2 : 0);
    nikHi.push(p.nik ? Number(p.nik.slice(0, 8)) : -1);
    nikLo.push(p.nik ? Number(p.nik.slice(8)) : -1);
    area.push(intern(p.area, areaIndex, areaTable));
    household.push(intern(p.household, householdIndex));
    phone.push(p.phone ? Number(p.phone) : NaN);
    for (const t of new Set(p.name.canon)) tokenCounts.set(t, (tokenCounts.get(t) ?? 0) + 1);
    const keys = blockingKeysPrepared(p);
    const base = slotHash.length;
    let slot = 0;
    for (const key of keys) {
      if (slot === SLOTS) break;
      const h = hash36(key);
      let dup = false;
      for (let s = 0; s < slot; s++) if (slotHash.data[base + s] === h) dup = true;
      if (dup) continue;
      slotHash.push(h);
      entryHash.push(h);
      entryLow.push(idx * SLOTS + slot);
      slot++;
    }
    for (; slot < SLOTS; slot++) slotHash.push(-1);
  }
  householdIndex.clear(); // only equality matters from here on
  const n = ids.length;
  stats.records = n;
  stats.readMs = performance.now() - t0;
  t0 = performance.now();
  let compareOptions: CompareOptions = { registrySize: n, ...opts.compare };
  if (opts.tokenFrequencies !== false && n >= 5000 && !compareOptions.tokenBits) {
    // -log2(share of people with the word), capped at 12 bits (1 in 4,096) so that a word seen
    // once in a small registry does not claim more than it can show.
    const log2n = Math.log2(n);
    compareOptions = { ...compareOptions, tokenBits: (t) => Math.min(12, log2n - Math.log2(tokenCounts.get(t) || 1)), tokenCount: (t) => tokenCounts.get(t) ?? 0 };
  }
  stats.keys = entryHash.length;
  const slotHashes = slotHash.data;

  // 2. Sort the entries by hash.
  const entries = new BigUint64Array(entryHash.length);
  for (let i = 0; i < entries.length; i++) entries[i] = (BigInt(entryHash.data[i]) << LOW_BITS) | BigInt(entryLow.data[i]);
  entryHash.free();
  entryLow.free();
  entries.sort();
  // Unpacked once: BigInt arithmetic in the loops below would cost more than the sort.
  const entryCount = entries.length;
  const sortedHash = new Float64Array(entryCount);
  const sortedLow = new Uint32Array(entryCount);
  for (let i = 0; i < entryCount; i++) {
    const e = entries[i];
    sortedHash[i] = Number(e >> LOW_BITS);
    sortedLow[i] = Number(e & LOW_MASK);
  }
  const lowOf = (i: number) => sortedLow[i];
  const hashOf = (i: number) => sortedHash[i];

  // Block size per (record, slot), to know which shared blocks are oversized.
  const slotBlockSize = new Uint32Array(n * SLOTS);
  for (let start = 0; start < entryCount; ) {
    const h = hashOf(start);
    let end = start + 1;
    while (end < entryCount && hashOf(end) === h) end++;
    for (let i = start; i < end; i++) slotBlockSize[lowOf(i)] = end - start;
    if (end - start > stats.largestBlock) stats.largestBlock = end - start;
    start = end;
  }
  stats.sortMs = performance.now() - t0;
  t0 = performance.now();
  let pausedMs = 0; // time spent by the consumer between yields is not ours

  const covered = new Uint8Array(n); // in at least one block of two or more
  const preparedAt = (idx: number): PreparedRecord => {
    const b = birth.data[idx];
    const hi = nikHi.data[idx];
    const ph = phone.data[idx];
    return {
      id: ids[idx],
      name: decodeName(names[idx]),
      y: Math.floor(b / 10000),
      m: Math.floor(b / 100) % 100,
      d: b % 100,
      sex: sex.data[idx] === 1 ? 'female' : sex.data[idx] === 2 ? 'male' : null,
      nik: hi >= 0 ? `${String(hi).padStart(8, '0')}${String(nikLo.data[idx]).padStart(8, '0')}` : null,
      area: area.data[idx] >= 0 ? areaTable[area.data[idx]] : null,
      // Households compare by equality only: their interned number stands in for the id.
      household: household.data[idx] >= 0 ? String(household.data[idx]) : null,
      phone: Number.isNaN(ph) ? null : String(ph),
    };
  };

  // 3. Compare within blocks, in order of hash.
  const window = Math.max(1, opts.window ?? DEFAULT_WINDOW);
  // Place of each (record, slot) entry of an oversized block in the block's order, filled as
  // the blocks are reached: comparedElsewhere only asks about blocks with a smaller hash.
  const rankInBlock = new Map<number, number>();
  const members: number[] = [];
  const lows: number[] = [];
  for (let start = 0; start < entryCount; ) {
    const h = hashOf(start);
    let end = start + 1;
    while (end < entryCount && hashOf(end) === h) end++;
    const size = end - start;
    if (size > 1) {
      const windowed = size > opts.maxBlock;
      if (windowed) stats.windowedBlocks++;
      else stats.blocks++;
      members.length = 0;
      lows.length = 0;
      for (let i = start; i < end; i++) lows.push(lowOf(i));
      if (windowed) {
        // Birth year, then name: a duplicate keeps its year or is one off, and within a year
        // (or a block of people known only by their birth year) the names put it near.
        const order = lows.map((low) => {
          const idx = Math.floor(low / SLOTS);
          return { low, year: Math.floor(birth.data[idx] / 10000), name: names[idx].slice(names[idx].indexOf('|') + 1) };
        });
        order.sort((x, y) => x.year - y.year || (x.name < y.name ? -1 : x.name > y.name ? 1 : x.low - y.low));
        order.forEach((o, rank) => {
          lows[rank] = o.low;
          rankInBlock.set(o.low, rank);
        });
      }
      for (const low of lows) members.push(Math.floor(low / SLOTS));
      const prepared = members.map(preparedAt);
      for (const idx of members) covered[idx] = 1;
      for (let x = 0; x < size; x++) {
        const ix = members[x];
        const last = windowed ? Math.min(size - 1, x + window) : size - 1;
        for (let y = x + 1; y <= last; y++) {
          const iy = members[y];
          if (ix === iy || comparedElsewhere(ix, iy, h)) continue;
          stats.comparisons++;
          const c = comparePrepared(prepared[x], prepared[y], compareOptions);
          if (c.score >= opts.threshold) {
            stats.pairs++;
            const [a, b] = ix < iy ? [ids[ix], ids[iy]] : [ids[iy], ids[ix]];
            const before = performance.now();
            yield { a, b, score: c.score, reasons: c.reasons };
            pausedMs += performance.now() - before;
          }
        }
      }
    }
    start = end;
  }
  for (let i = 0; i < n; i++) if (!covered[i]) stats.skippedRecords++;
  stats.compareMs = performance.now() - t0 - pausedMs;

  /**
   * Were the two records already compared, in a block they share with a smaller hash? In a block
   * of at most maxBlock records every pair is; in a bigger one, pairs at most `window` apart.
   */
  function comparedElsewhere(ix: number, iy: number, h: number): boolean {
    for (let s = 0; s < SLOTS; s++) {
      const hs = slotHashes[ix * SLOTS + s];
      if (hs < 0) break;
      if (hs >= h) continue;
      for (let t = 0; t < SLOTS; t++) {
        const ht = slotHashes[iy * SLOTS + t];
        if (ht < 0) break;
        if (ht !== hs) continue;
        if (slotBlockSize[ix * SLOTS + s] <= opts.maxBlock) return true;
        if (Math.abs(rankInBlock.get(ix * SLOTS + s)! - rankInBlock.get(iy * SLOTS + t)!) <= window) return true;
        break;
      }
    }
    return false;
  }
}

type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
/** An append-only typed array (doubling capacity). */
class Grow<T extends TypedArray> {
  data: T;
  length = 0;
  constructor(private readonly Make: new (n: number) => T) {
    this.data = new Make(1024);
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new this.Make(this.data.length * 2);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  free() {
    this.data = new this.Make(0);
    this.length = 0;
  }
}

/** 36-bit hash of a key: two 32-bit multiplicative hashes, 32 + 4 bits. */
export function hash36(s: string): number {
  let h1 = 0x811c9dc5 ^ s.length;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0) * 16 + ((h2 >>> 0) & 15);
}
