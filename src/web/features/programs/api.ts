import type { Program, ProgramsPage } from '../../../domain/contracts/programs.ts';
import { SECTORS } from '../../../domain/programs.ts';
import type { TFunction } from 'i18next';

export type { Program, ProgramsPage };
export const programKey = (id: string) => ['program', id] as const;

export const sectorOptions = (t: TFunction) => SECTORS.map((s) => ({ value: s.code, label: t(`programs.sector.${s.code}`) }));
export const STATUS_COLORS = { draft: 'gray', active: 'brand', closed: 'dark' } as const;
