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
