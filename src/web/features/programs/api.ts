import type { Program, ProgramsPage } from '../../../domain/contracts/programs.ts';
import { SECTORS } from '../../../domain/programs.ts';
import type { TFunction } from 'i18next';

export type { Program, ProgramsPage };
export const programKey = (id: string) => ['program', id] as const;

export const sectorOptions = (t: TFunction) => SECTORS.map((s) => ({ value: s.code, label: t(`programs.sector.${s.code}`) }));
export const STATUS_COLORS = { draft: 'gray', active: 'brand', closed: 'dark' } as const;

export const dashboardKey = (programId: string) => ['dashboard', programId] as const;
export const valuesKey = (indicatorId: string) => ['values', indicatorId] as const;
export const pendingKey = (programId: string) => ['values-pending', programId] as const;
export const monitoringSettingsKey = ['monitoring-settings'] as const;
export const STATUS_LIGHT = { on_track: 'green', at_risk: 'yellow', off_track: 'red', no_data: 'gray', no_target: 'gray' } as const;
export const VALUE_STATUS_COLORS = { submitted: 'blue', approved: 'green', returned: 'orange' } as const;
