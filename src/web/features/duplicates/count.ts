import { useQuery } from '@tanstack/react-query';
import { get } from '../../api.ts';
import { type PairsPage, openCountKey } from './api.ts';

/**
 * How many pairs wait for review (the queue's own total, so the badge and the list agree). Small on
 * purpose: the navigation loads it on every page.
 */
export function useOpenPairCount(enabled = true) {
  return useQuery({ queryKey: openCountKey, queryFn: () => get<PairsPage>('/api/duplicates', { status: 'open', limit: 1 }).then((r) => r.total), staleTime: 60_000, enabled });
}
