/** Programs (issue 4): the fixed lists a program is described with. */

export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/**
 * Sectors, a fixed list so that reports across programs and organisations agree. Each carries the
 * OECD DAC purpose code it maps to (3 digits: a sector; 5 digits: a purpose), for IATI later.
 */
export const SECTORS = [
  { code: 'education', dac: '110' },
  { code: 'health', dac: '120' },
  { code: 'nutrition', dac: '12240' },
  { code: 'water_sanitation', dac: '140' },
  { code: 'governance', dac: '151' },
  { code: 'civil_society', dac: '15150' },
  { code: 'gender_equality', dac: '15170' },
  { code: 'child_protection', dac: '15180' },
  { code: 'social_protection', dac: '16010' },
  { code: 'housing', dac: '16030' },
  { code: 'employment', dac: '16020' },
  { code: 'livelihoods', dac: '250' },
  { code: 'agriculture_food', dac: '311' },
  { code: 'fisheries', dac: '313' },
  { code: 'environment', dac: '410' },
  { code: 'disaster_risk_reduction', dac: '74020' },
  { code: 'humanitarian', dac: '720' },
  { code: 'culture', dac: '16061' },
  { code: 'other', dac: '998' },
] as const;
export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as unknown as readonly [SectorCode, ...SectorCode[]];

/** The levels of a results framework, each the parent of the next. */
export const RESULT_LEVELS = ['goal', 'outcome', 'output', 'activity'] as const;
export type ResultLevel = (typeof RESULT_LEVELS)[number];

/** The level a new result under `parent` takes, or null when nothing can go under it. */
export function childLevel(parent: ResultLevel | null): ResultLevel | null {
  if (parent === null) return 'goal';
  return RESULT_LEVELS[RESULT_LEVELS.indexOf(parent) + 1] ?? null;
}

/**
 * The numbers of a framework's results from their order: outcomes 1, 2; their outputs 1.1, 1.2;
 * activities 1.1.1. The goal has none. `rows` in any order; positions are among siblings.
 */
export function resultCodes<T extends { id: string; parentId: string | null; level: ResultLevel; position: number }>(rows: T[]): Map<string, string> {
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const codes = new Map<string, string>();
  const walk = (parentId: string | null, prefix: string) => {
    const list = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position);
    list.forEach((r, i) => {
      const code = r.level === 'goal' ? '' : prefix ? `${prefix}.${i + 1}` : String(i + 1);
      codes.set(r.id, code);
      walk(r.id, code);
    });
  };
  walk(null, '');
  return codes;
}

/** Risk categories of a program's risk register. */
export const RISK_CATEGORIES = ['policy_change', 'funding', 'security', 'community_conflict', 'internal_conflict', 'delay', 'environment', 'other'] as const;
export const RISK_STATUSES = ['open', 'monitoring', 'closed'] as const;
export type RiskLevel = 'low' | 'medium' | 'high' | 'extreme';

/** The usual 5 × 5 matrix: score = likelihood × impact; 1–4 low, 5–9 medium, 10–16 high, 20–25 extreme. */
export function riskLevel(likelihood: number, impact: number): { score: number; level: RiskLevel } {
  const score = likelihood * impact;
  return { score, level: score >= 20 ? 'extreme' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low' };
}

/** An issue of a program's issue log is open until someone resolves it. */
export const ISSUE_STATUSES = ['open', 'resolved'] as const;
