/**
 * How DUPLICATE_THRESHOLD and REVIEW_THRESHOLD were chosen: on development samples (seed 1),
 * never on the evaluation seeds. Prints the precision/recall curve over all candidate pairs,
 * the threshold maximising F1, samples of the mistakes at THRESHOLD (default 0.5), and the
 * true pairs that blocking never brought together.
 *   npx tsx bench/registry/tune.ts [people=50000] [seed=1]
 * PRIOR_PER_DOUBLING and MAX_BLOCK override the defaults for experiments.
 */
import type { ScoredPair } from '../../src/domain/dedupe/index.ts';
import { evaluate, formatEvaluation } from './evaluate.ts';
import { registryBatches, type RegistryPerson } from './generate.ts';

const people = Number(process.argv[2] ?? 50_000);
const seed = Number(process.argv[3] ?? 1);
const threshold = Number(process.env.THRESHOLD ?? 0.5);
const weights = process.env.PRIOR_PER_DOUBLING ? { priorPerDoubling: Number(process.env.PRIOR_PER_DOUBLING) } : undefined;

// Scores of all candidate pairs, kept compactly: a million people give ~30 million.
let scores = new Float64Array(1 << 20);
let truths = new Uint8Array(1 << 20);
let count = 0;
const falsePositives: ScoredPair[] = [];
const falseNegatives: ScoredPair[] = [];
const comparedTrue = new Set<string>();
const e = evaluate({ people, seed, threshold: 0, maxBlock: Number(process.env.MAX_BLOCK ?? 200), compare: { weights } }, (p, t) => {
  if (count === scores.length) {
    const s = new Float64Array(count * 2);
    s.set(scores);
    scores = s;
    const u = new Uint8Array(count * 2);
    u.set(truths);
    truths = u;
  }
  scores[count] = p.score;
  truths[count++] = t ? 1 : 0;
  if (t) comparedTrue.add(`${p.a}-${p.b}`);
  if (!t && p.score >= threshold && falsePositives.length < 1000) falsePositives.push(p);
  if (t && p.score < threshold && falseNegatives.length < 1000) falseNegatives.push(p);
});
console.log(formatEvaluation(e));
const compared = comparedTrue.size;
console.log(`candidate pairs ${count}, true among them ${compared} (log2 odds ${Math.log2(compared / (count - compared)).toFixed(2)})`);

const order = new Uint32Array(count);
for (let i = 0; i < count; i++) order[i] = i;
order.sort((a, b) => scores[b] - scores[a]);
let tp = 0;
let best = { f1: 0, threshold: 1, precision: 0, recall: 0 };
const rows: string[] = [];
const marks = [0.999, 0.99, 0.97, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01];
let review = 0;
for (let i = 0; i < count; i++) {
  const s = scores[order[i]];
  if (truths[order[i]]) tp++;
  const next = i + 1 < count ? scores[order[i + 1]] : -1;
  if (next === s) continue;
  const precision = tp / (i + 1);
  const recall = tp / e.truePairs;
  const f1 = (2 * precision * recall) / (precision + recall);
  if (f1 > best.f1) best = { f1, threshold: s, precision, recall };
  if (!review && recall >= 0.995) review = s;
  for (const m of marks) if (s >= m && next < m) rows.push(`≥ ${m}: precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)} (${i + 1} pairs)`);
}
console.log(rows.join('\n'));
console.log(`best F1 ${best.f1.toFixed(4)} at score ≥ ${best.threshold.toFixed(4)} (precision ${best.precision.toFixed(4)}, recall ${best.recall.toFixed(4)}); recall 99.5% first reached at ${review.toFixed(4)}`);

if (process.env.DETAILS !== '0') {
  // The people involved, from a second (deterministic) generation.
  const wanted = new Set<string>();
  falsePositives.sort((a, b) => b.score - a.score).splice(25);
  falseNegatives.sort((a, b) => b.score - a.score).splice(25);
  for (const p of [...falsePositives, ...falseNegatives]) wanted.add(p.a).add(p.b);
  const byId = new Map<string, RegistryPerson>();
  const missed: Array<[string, string]> = [];
  for (const b of registryBatches({ people, seed })) {
    for (const p of b.people) if (wanted.has(p.id) || p.duplicateOf) byId.set(p.id, p);
    for (const [a, c] of b.truth) if (!comparedTrue.has(`${a}-${c}`)) missed.push([a, c]);
  }
  // Originals of missed pairs were not kept on the first pass unless duplicates; a second pass for them.
  const need = new Set(missed.flat().filter((id) => !byId.has(id)));
  if (need.size) for (const b of registryBatches({ people, seed })) for (const p of b.people) if (need.has(p.id)) byId.set(p.id, p);
  const show = (id: string) => {
    const p = byId.get(id);
    return p ? `[${p.name} ${p.sex[0]} ${p.birthDate ?? p.birthYear} ${p.nik ?? '-'} ${p.householdId} ${p.villageCode} ${p.role}${p.tag ? ` ${p.tag}` : ''}${p.errors.length ? ` ${p.errors}` : ''}]` : id;
  };
  const describe = (p: ScoredPair) =>
    `${p.score.toFixed(3)} ${show(p.a)} ${show(p.b)}\n      ${p.reasons.map((r) => `${r.code}${r.value !== undefined ? `=${Math.round(r.value * 100) / 100}` : ''}(${Math.round(r.weight * 10) / 10})`).join(' ')}`;
  console.log(`\nfalse positives ≥ ${threshold} (the 25 highest):\n${falsePositives.map(describe).join('\n')}`);
  console.log(`\nfalse negatives < ${threshold} (the 25 highest):\n${falseNegatives.map(describe).join('\n')}`);
  console.log(`\nnever compared: ${missed.length}`);
  for (const [a, b] of missed.slice(0, 20)) console.log(`${show(a)}\n${show(b)}\n`);
}
