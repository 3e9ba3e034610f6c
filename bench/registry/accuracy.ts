/**
 * Accuracy and cost of the reference duplicate scan on a generated registry, with the fixed
 * DUPLICATE_THRESHOLD (chosen on seed 1; evaluate on other seeds):
 *   npx tsx bench/registry/accuracy.ts [people=200000] [seed=2024] [maxBlock=200]
 * Prints precision, recall, F1, wall time (generation included: the records are produced
 * lazily while the scan reads them), the scan's own phases, and peak RSS.
 */
import { DUPLICATE_THRESHOLD } from '../../src/domain/dedupe/index.ts';
import { evaluate, formatEvaluation } from './evaluate.ts';

const people = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? 2024);
const maxBlock = Number(process.argv[4] ?? 200);
const started = performance.now();
const e = evaluate({ people, seed, maxBlock, threshold: DUPLICATE_THRESHOLD });
const wall = (performance.now() - started) / 1000;
console.log(`seed ${seed}, threshold ${DUPLICATE_THRESHOLD}, maxBlock ${maxBlock}`);
console.log(formatEvaluation(e));
console.log(
  `phases: read+generate ${(e.stats.readMs / 1000).toFixed(1)} s, sort ${(e.stats.sortMs / 1000).toFixed(1)} s, compare ${(e.stats.compareMs / 1000).toFixed(1)} s; ` +
    `largest block ${e.stats.largestBlock}; wall ${wall.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
