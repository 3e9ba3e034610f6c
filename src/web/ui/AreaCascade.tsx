import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';

export type Area = { code: string; name: string; level: 'province' | 'regency' | 'district' | 'village'; parentCode: string | null };
const LEVELS = ['province', 'regency', 'district', 'village'] as const;

/** endpoint: '/api/public/areas' on pages without a session (the public registration form). */
export function areaChildrenQuery(parent: string | null, endpoint = '/api/areas') {
  return {
    queryKey: ['areas', parent ?? '', ...(endpoint === '/api/areas' ? [] : [endpoint])],
    queryFn: () => get<{ items: Area[] }>(endpoint, { parent: parent ?? undefined }).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
  };
}

/** Kemendagri codes are hierarchical: "32.04.05.2001" → ["32", "32.04", "32.04.05", "32.04.05.2001"]. */
export function codePath(code: string | null | undefined): string[] {
  if (!code) return [];
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

function Level({ level, parent, value, onChange, disabled, error, endpoint }: { level: (typeof LEVELS)[number]; parent: string | null; value: string; onChange: (v: string) => void; disabled: boolean; error?: string; endpoint?: string }) {
  const { t } = useTranslation();
  const q = useQuery({ ...areaChildrenQuery(parent, endpoint), enabled: !disabled });
  const items = q.data ?? [];
  return (
    <NativeSelect
      label={t(`area.${level}`)}
      value={value}
      disabled={disabled || (q.isSuccess && items.length === 0)}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data={[{ value: '', label: q.isLoading ? t('common.loading') : t('area.any') }, ...items.map((a) => ({ value: a.code, label: a.name }))]}
    />
  );
}

/**
 * Province → regency/city → district → village. The value is the deepest chosen code (or null).
 * `depth` limits how far down the cascade goes (filters may stop at district).
 */
export function AreaCascade({ value, onChange, error, depth = 4, cols, endpoint }: { value: string | null; onChange: (code: string | null) => void; error?: string; depth?: number; cols?: { base: number; sm?: number; lg?: number }; endpoint?: string }) {
  const path = codePath(value);
  return (
    <SimpleGrid cols={cols ?? { base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
      {LEVELS.slice(0, depth).map((level, i) => {
        const parent = i === 0 ? null : (path[i - 1] ?? null);
        return (
          <Level
            key={level}
            level={level}
            parent={parent}
            value={path[i] ?? ''}
            disabled={i > 0 && !parent}
            error={i === depth - 1 ? error : undefined}
            endpoint={endpoint}
            onChange={(v) => onChange(v || (i === 0 ? null : path[i - 1]))}
          />
        );
      })}
    </SimpleGrid>
  );
}
