import { Badge, Button, Card, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunderKind } from '../../../domain/funding.ts';
import { get } from '../../api.ts';
import type { FundersSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { type FundersPage as Page, kindOptions } from './api.ts';
import { FunderModal, FundingTabs } from './Forms.tsx';

export function FundersPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/funding/funders' });
  const navigate = useNavigate({ from: '/funding/funders' });
  const can = useCan();
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (p: Partial<FundersSearch>) => void navigate({ search: (prev) => ({ ...prev, ...p }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);
  const [adding, setAdding] = useState(false);
  const query = { q: search.q, kind: search.kind };
  const list = useInfiniteQuery({
    queryKey: ['funders', 'list', query],
    queryFn: ({ pageParam }) => get<Page>('/api/funders', { ...query, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  return (
    <>
      <PageHeader
        title={t('funding.fundersTitle')}
        actions={
          can('funding.write') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('funding.addFunder')}
            </Button>
          ) : null
        }
      />
      <FundingTabs current="funders" />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('funding.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('funding.searchFunders')}
            type="search"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <Select label={t('funding.kindLabel')} placeholder={t('common.all')} clearable data={kindOptions(t)} value={search.kind ?? null} onChange={(v) => set({ kind: v ?? undefined })} />
        </SimpleGrid>
      </Paper>
      {total !== undefined && (
        <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
          {t('funding.funderCount', { count: total })}
        </Text>
      )}
      {list.isPending ? (
        <Skeleton h={200} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('common.nothingFound')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {items.map((f) => (
            <Card key={f.id} withBorder padding="sm" data-testid="funder-card">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Link to="/funding/funders/$funderId" params={{ funderId: f.id }} className="gotong-row-link" style={{ overflowWrap: 'anywhere' }}>
                    {f.name}
                  </Link>
                  <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                    {t(`funding.kind.${f.kind as FunderKind}`)}
                  </Badge>
                </Group>
                {(f.email || f.phone) && (
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {[f.email, f.phone].filter(Boolean).join(' · ')}
                  </Text>
                )}
                <Text size="sm">{t('funding.funderSummary', { grants: f.grantCount, open: f.openOpportunityCount })}</Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
      {adding && <FunderModal onClose={() => setAdding(false)} />}
    </>
  );
}
