import { Box, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { get } from '../../api.ts';
import { type AuditEntry, Changes, EntryHeader, showValue } from '../history/History.tsx';
import { membersQuery } from './MembersTab.tsx';
import { AnchorLink } from '../../ui/links.tsx';

const TYPES = ['person', 'household', 'organization', 'member', 'invitation', 'api_token', 'program', 'result', 'indicator', 'indicator_value', 'value_evidence', 'risk', 'issue', 'task', 'task_comment'];

function Target({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  const rec = ((e.after ?? e.before ?? {}) as Record<string, unknown>) || {};
  const name = e.entityLabel ?? (typeof rec.fullName === 'string' ? rec.fullName : typeof rec.name === 'string' && e.entityType === 'household' ? rec.name : null);
  const label = `${t(`settings.audit.types.${e.entityType}`, { defaultValue: t(`exports.audit.${e.entityType}`, { defaultValue: t(`duplicates.audit.${e.entityType}`, { defaultValue: e.entityType }) }) })}${name ? `: ${name}` : ''}`;
  if (e.entityType === 'person' && e.action !== 'delete')
    return (
      <AnchorLink to="/people/$personId" params={{ personId: e.entityId }} size="sm">
        {label}
      </AnchorLink>
    );
  if (e.entityType === 'household' && e.action !== 'delete')
    return (
      <AnchorLink to="/households/$householdId" params={{ householdId: e.entityId }} size="sm">
        {label}
      </AnchorLink>
    );
  return <Text size="sm">{label}</Text>;
}

export function AuditTab() {
  const { t } = useTranslation();
  const exportSummary = (a: { count?: number; format?: string; nikRevealed?: boolean }) =>
    [t('exports.audit.summary', { count: a.count ?? 0, format: (a.format ?? '').toUpperCase() }), a.nikRevealed ? t('exports.audit.nikRevealed') : null].filter(Boolean).join(' · ');
  const members = useQuery(membersQuery);
  const [actorId, setActorId] = useState('');
  const [entityType, setEntityType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = { actorId: actorId || undefined, entityType: entityType || undefined, from: from || undefined, to: to || undefined };
  const q = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => get<{ items: AuditEntry[]; nextCursor: string | null }>('/api/audit', { ...filters, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-label={t('people.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect label={t('settings.audit.person')} value={actorId} onChange={(e) => setActorId(e.currentTarget.value)} data={[{ value: '', label: t('common.all') }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))]} />
          <NativeSelect label={t('settings.audit.recordType')} value={entityType} onChange={(e) => setEntityType(e.currentTarget.value)} data={[{ value: '', label: t('common.all') }, ...TYPES.map((x) => ({ value: x, label: t(`settings.audit.types.${x}`) }))]} />
          <TextInput label={t('settings.audit.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label={t('settings.audit.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </SimpleGrid>
      </Paper>
      {q.isLoading && <Skeleton h={160} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {q.isSuccess && items.length === 0 && <Text c="dimmed">{t('settings.audit.none')}</Text>}
      <Stack gap="xs" data-testid="audit-list">
        {items.map((e) => (
          <Paper key={e.id} withBorder p="sm">
            <Group justify="space-between" gap="xs" align="flex-start">
              <EntryHeader e={e} />
              <Target e={e} />
            </Group>
            {e.action === 'update' ? (
              <Box mt={6}>
                <Changes before={e.before} after={e.after} />
              </Box>
            ) : e.action === 'export' && e.after ? (
              <Text size="sm" mt={4} c="dimmed">
                {exportSummary(e.after as { count?: number; format?: string; nikRevealed?: boolean })}
              </Text>
            ) : e.action === 'create' && e.after && e.entityType !== 'person' ? (
              <Text size="sm" mt={4} c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {showValue(t, e.after)}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
      <LoadMore list={q} mt="0" />
    </Stack>
  );
}
