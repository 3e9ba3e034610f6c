/**
 * Duplicate detection for the people registry: pure logic, no database.
 *
 *  - compare(a, b) → { score 0..1, reasons }: a Fellegi–Sunter comparison of two people (name,
 *    birth date, NIK, sex, household/village, phone); reasons are codes with weights for the UI.
 *  - blockingKeys(r) → ≤ 8 tagged strings; people sharing a key are candidate pairs. The caller
 *    HMACs them before storing (they contain personal data).
 *  - pairsFromBlocks(records, { maxBlock, threshold }) → the full scan in memory, the reference
 *    for the database-backed scan: group by key, compare every pair of a block of at most
 *    maxBlock and, in a bigger one, each record with its `window` neighbours in birth-year and
 *    name order; each pair once (in the block with the smallest key hash where they are
 *    compared). It counts name words to weigh common names down (tokenBits) and to tell
 *    misspellings from other names (tokenCount), and passes the registry size (registrySize).
 *  - DUPLICATE_THRESHOLD / REVIEW_THRESHOLD: fixed, see compare.ts for how they were chosen.
 * The labelled synthetic registry to measure all this is in bench/registry/.
 */
export { compare, comparePrepared, prepare, WEIGHTS, DUPLICATE_THRESHOLD, REVIEW_THRESHOLD } from './compare.ts';
export type { Comparison, CompareOptions, DedupeRecord, PreparedRecord, Reason, ReasonCode, Weights } from './compare.ts';
export { blockingKeys, blockingKeysPrepared } from './blocking.ts';
export { pairsFromBlocks, hash36, DEFAULT_WINDOW } from './scan.ts';
export type { ScanOptions, ScanStats, ScoredPair } from './scan.ts';
export { prepareName, compareNames, canonToken, MISSPELLING_RATIO } from './names.ts';
export type { NameComparison, PreparedName } from './names.ts';
export { jaroWinkler, osaDistance } from './strings.ts';
