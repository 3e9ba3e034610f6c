import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MemberRole, Permission } from '../domain/roles.ts';
import { ApiError, get, patch } from './api.ts';
import { type Locale, applyLocale } from './i18n/index.ts';

export type Me = {
  user: { id: string; name: string; email: string; locale: Locale };
  organization: { id: string; name: string; slug: string; role: MemberRole; permissions: Permission[] } | null;
  memberships: { orgId: string; name: string; slug: string; role: MemberRole }[];
  via: 'session' | 'token';
};

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await get<Me>('/api/auth/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 5 * 60_000,
});

export const setupQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => get<{ needsSetup: boolean }>('/api/setup'),
  staleTime: 30_000,
});

export type Org = { id: string; name: string; slug: string; timeZone: string; hasLogo: boolean; version: number };
export const orgQuery = queryOptions({ queryKey: ['org'], queryFn: () => get<Org>('/api/org'), staleTime: 5 * 60_000 });

export function useMe(): Me | null {
  return useQuery(meQuery).data ?? null;
}

export function useCan(): (p: Permission) => boolean {
  const me = useMe();
  return useCallback((p: Permission) => !!me?.organization?.permissions.includes(p), [me]);
}

/**
 * After signing in or out, or switching organisation: forget everything cached (it belonged to
 * another user or organisation), then load who we are and take over the account's language.
 */
export async function resetSession(qc: QueryClient, opts: { adoptLocale?: boolean } = {}): Promise<Me | null> {
  // clear() would leave mounted observers on removed queries (stale header, lists); instead drop
  // what nobody shows and reset (refetch) what is on screen, so every view follows the new session.
  await qc.cancelQueries();
  qc.removeQueries({ type: 'inactive' });
  await qc.resetQueries();
  const me = await qc.fetchQuery(meQuery);
  if (me && opts.adoptLocale) await applyLocale(me.user.locale);
  return me;
}

/** Switches the language; saved on the account when signed in. */
export function useChangeLocale() {
  const qc = useQueryClient();
  return useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      const me = qc.getQueryData(meQuery.queryKey);
      if (me && me.user.locale !== locale) {
        qc.setQueryData(meQuery.queryKey, { ...me, user: { ...me.user, locale } } as Me);
        try {
          await patch('/api/auth/me', { locale });
        } catch {
          // the language still changes for this browser
        }
      }
    },
    [qc],
  );
}
