import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { Program, ProgramsPage } from '../../../domain/contracts/programs.ts';
import type { Framework, Result } from '../../../domain/contracts/results.ts';
import { SECTORS } from '../../../domain/programs.ts';
import { get } from '../../api.ts';

export type { Program, ProgramsPage };
export const programKey = (id: string) => ['program', id] as const;
export const frameworkKey = (programId: string) => ['framework', programId] as const;
/** A program's results framework (none asked: nothing fetched). */
export const useFramework = (programId: string | null | undefined) =>
  useQuery({ queryKey: frameworkKey(programId ?? ''), queryFn: () => get<Framework>(`/api/programs/${programId}/results`), enabled: !!programId });
/** "1.2 Farmers trained": a result as people refer to it. */
export const resultLabel = (r: Pick<Result, 'code' | 'statement'>) => `${r.code ? `${r.code} ` : ''}${r.statement}`;

export const sectorOptions = (t: TFunction) => SECTORS.map((s) => ({ value: s.code, label: t(`programs.sector.${s.code}`) }));
export const STATUS_COLORS = { draft: 'gray', active: 'brand', closed: 'dark' } as const;

export const dashboardKey = (programId: string) => ['dashboard', programId] as const;
export const valuesKey = (indicatorId: string) => ['values', indicatorId] as const;
export const pendingKey = (programId: string) => ['values-pending', programId] as const;
export const monitoringSettingsKey = ['monitoring-settings'] as const;
export const STATUS_LIGHT = { on_track: 'green', at_risk: 'yellow', off_track: 'red', no_data: 'gray', no_target: 'gray' } as const;
export const VALUE_STATUS_COLORS = { submitted: 'blue', approved: 'green', returned: 'orange' } as const;
