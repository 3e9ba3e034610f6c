import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { DonorReport, DonorReportContent } from '../../../domain/contracts/donorReports.ts';
import { get } from '../../api.ts';

export type { DonorReport, DonorReportContent };
export { NARRATIVE_SECTIONS, NARRATIVE_MAX } from '../../../domain/contracts/donorReports.ts';

export type DonorReportsSearch = { q?: string; grantId?: string; bin?: boolean; from?: string; to?: string };

export const donorReportsKey = ['donor-reports'] as const;
export const donorReportKey = (id: string) => ['donor-reports', id] as const;

export const donorReportsQuery = (s: DonorReportsSearch) =>
  infiniteQueryOptions({
    queryKey: [...donorReportsKey, 'list', s],
    queryFn: ({ pageParam }) => get<{ items: DonorReport[]; nextCursor: string | null }>('/api/donor-reports', { q: s.q, grantId: s.grantId, deleted: s.bin ? 'true' : undefined, cursor: pageParam, limit: 25 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const donorReportQuery = (id: string) => queryOptions({ queryKey: donorReportKey(id), queryFn: () => get<DonorReport>(`/api/donor-reports/${id}`) });
export const donorContentQuery = (id: string) => queryOptions({ queryKey: [...donorReportKey(id), 'content'], queryFn: () => get<DonorReportContent>(`/api/donor-reports/${id}/content`) });

