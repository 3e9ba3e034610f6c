/** Shared by tune.ts, accuracy.ts and the unit test: run the scan on a generated registry and score it against the truth. */
import { DUPLICATE_THRESHOLD, pairsFromBlocks, type CompareOptions, type ScanStats, type ScoredPair } from '../../src/domain/dedupe/index.ts';
import { dedupeRecords, type RegistryOptions } from './generate.ts';

export type Evaluation = {
  people: number;
  truePairs: number;
  found: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  stats: ScanStats;
  /** True pairs never compared (no shared block, or only oversized ones in which they were not within the window). */
  missedByBlocking: number;
  seconds: number;
};

const pairKey = (a: string, b: string) => (Number(a) < Number(b) ? `${a}-${b}` : `${b}-${a}`);

/**
 * Scans a generated registry. With `collect`, every compared pair at or above `threshold`
 * is passed to it (tuning uses a threshold of 0 to see all candidate pairs).
 */
export function evaluate(
  opts: RegistryOptions & { maxBlock?: number; threshold?: number; compare?: CompareOptions },
  collect?: (pair: ScoredPair, isTrue: boolean) => void,
): Evaluation {
  const started = performance.now();
  const truth: Array<[string, string]> = [];
  const stats = {} as ScanStats;
  const threshold = opts.threshold ?? DUPLICATE_THRESHOLD;
  const scan = pairsFromBlocks(dedupeRecords(opts, truth), { maxBlock: opts.maxBlock ?? 200, threshold: collect ? 0 : threshold, stats, compare: opts.compare });
  // The truth fills while the records are read, i.e. before the first pair comes out.
  let truthSet: Set<string> | null = null;
  let compared = 0;
  let found = 0;
  let tp = 0;
  for (const p of scan) {
    truthSet ??= new Set(truth.map(([a, b]) => pairKey(a, b)));
    const isTrue = truthSet.has(pairKey(p.a, p.b));
    if (collect) collect(p, isTrue);
    if (isTrue) compared++;
    if (p.score >= threshold) {
      found++;
      if (isTrue) tp++;
    }
  }
  const precision = found ? tp / found : 1;
  const recall = truth.length ? tp / truth.length : 1;
  return {
    people: stats.records,
    truePairs: truth.length,
    found,
    truePositives: tp,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    stats,
    missedByBlocking: collect ? truth.length - compared : -1,
    seconds: (performance.now() - started) / 1000,
  };
}

export function formatEvaluation(e: Evaluation): string {
  return (
    `people ${e.people}, true pairs ${e.truePairs}, reported ${e.found}, correct ${e.truePositives}\n` +
    `precision ${e.precision.toFixed(4)}  recall ${e.recall.toFixed(4)}  F1 ${e.f1.toFixed(4)}\n` +
    `blocks ${e.stats.blocks} (and ${e.stats.windowedBlocks} bigger than maxBlock, compared within the window), comparisons ${e.stats.comparisons} (${(e.stats.comparisons / e.people).toFixed(1)} per person), ` +
    `people compared with no one ${e.stats.skippedRecords}` +
    (e.missedByBlocking >= 0 ? `, true pairs never compared ${e.missedByBlocking}` : '') +
    `\ntime ${e.seconds.toFixed(1)} s`
  );
}
