import type { ReasonCode } from '../../../domain/dedupe/compare.ts';
import type { Person } from '../people/api.ts';

/** The shapes of /api/duplicates (src/server/features/duplicates/duplicates.routes.ts). */
export type PairStatus = 'open' | 'merged' | 'not_duplicate';
export const PAIR_STATUSES: PairStatus[] = ['open', 'merged', 'not_duplicate'];
export type PairSource = 'entry' | 'import' | 'scan';

/** One piece of evidence; `value`'s meaning depends on the code (see Reason in src/domain/dedupe/compare.ts). */
export type Reason = { code: ReasonCode | (string & {}); weight: number; value?: number };

export type Pair = {
  id: string;
  score: number;
  reasons: Reason[];
  source: PairSource | (string & {});
  status: PairStatus;
  version: number;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  mergeId: string | null;
  a: Person;
  b: Person;
};
export type PairsPage = { items: Pair[]; nextCursor: string | null; total: number };

export type DedupeSettings = { reviewThreshold: number; likelyThreshold: number };

export type ScanJob = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | (string & {});
  /** read → compare → done */
  phase: string | null;
  done: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The job's state; once done: { people, pairsFound, pairsQueued }. */
  result: Record<string, unknown>;
};
export type ScanStatus = { job: ScanJob | null; openPairs: number };

export type CheckCandidate = { person: Person; score: number; reasons: Reason[] };

/**
 * Fields a reviewer chooses between when merging: MERGE_FIELDS of
 * src/server/features/duplicates/duplicates.service.ts (the web does not import server code).
 */
export const MERGE_FIELDS = [
  'full_name',
  'preferred_name',
  'sex',
  'birth_date',
  'birth_year',
  'nik',
  'phone',
  'email',
  'address',
  'area_code',
  'disability',
  'welfare_decile',
  'consent',
  'notes',
  'household',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type Take = Partial<Record<MergeField, 'kept' | 'merged'>>;

export const duplicatesKey = ['duplicates'] as const;
export const pairKey = (id: string) => ['duplicates', 'pair', id] as const;
export const pairsKey = (status: PairStatus) => ['duplicates', 'list', status] as const;
export const personPairsKey = (personId: string) => ['duplicates', 'person', personId] as const;
export const openCountKey = ['duplicates', 'openCount'] as const;
export const scanKey = ['duplicates', 'scan'] as const;
export const settingsKey = ['duplicates', 'settings'] as const;

export const scanActive = (s: ScanStatus | undefined) => !!s?.job && (s.job.status === 'queued' || s.job.status === 'running');

/** The other person of a pair, seen from one of them. */
export const otherOf = (pair: Pair, personId: string) => (pair.a.id === personId ? pair.b : pair.a);
