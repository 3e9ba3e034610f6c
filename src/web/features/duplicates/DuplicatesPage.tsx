import { Badge, Box, Button, Card, Group, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { PAIR_STATUSES, type Pair, type PairStatus, type PairsPage, pairsKey } from './api.ts';
import { useOpenPairCount } from './count.ts';
import { PairMeta, PairTable, ReasonLists, ScanPanel, ScoreBadge, useDedupeSettings } from './parts.tsx';

const PAGE = 20;

function PairCard({ pair, likely }: { pair: Pair; likely: number | undefined }) {
  const { t } = useTranslation();
  const names: [string, string] = [pair.a.fullName, pair.b.fullName];
  const label = t('duplicates.card.label', { a: pair.a.fullName, b: pair.b.fullName });
  return (
    <Card withBorder p={{ base: 'sm', xs: 'md' }} component="article" aria-label={label} data-testid="pair-card">
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <ScoreBadge score={pair.score} likely={likely} />
        <PairMeta pair={pair} />
      </Group>
      <Stack gap="sm">
        <ReasonLists reasons={pair.reasons} names={names} />
        <PairTable pair={pair} />
        <Group>
          <ButtonLink to="/duplicates/$pairId" params={{ pairId: pair.id }} variant={pair.status === 'open' ? 'filled' : 'default'} aria-label={`${pair.status === 'open' ? t('duplicates.card.review') : t('duplicates.card.open')}: ${label}`} data-testid="pair-review">
            {pair.status === 'open' ? t('duplicates.card.review') : t('duplicates.card.open')}
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}

function PairList({ status }: { status: PairStatus }) {
  const { t } = useTranslation();
  const f = useFormat();
  const settings = useDedupeSettings();
  const list = useInfiniteQuery({
    queryKey: pairsKey(status),
    queryFn: ({ pageParam }) => get<PairsPage>('/api/duplicates', { status, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" aria-live="polite" data-testid="pairs-total">
        {total === undefined ? '\u00a0' : t(`duplicates.total.${status}`, { count: total, formatted: f.number(total) })}
      </Text>
      {list.isLoading && <Skeleton h={240} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed" data-testid="pairs-empty">
            {t(`duplicates.empty.${status}`)}
          </Text>
        </Paper>
      )}
      <Stack gap="md" data-testid="pairs">
        {items.map((p) => (
          <PairCard key={p.id} pair={p} likely={settings.data?.likelyThreshold} />
        ))}
      </Stack>
      <LoadMore list={list} shown={items.length} total={total} />
    </>
  );
}

/** The review queue: open pairs most likely first, and the decided ones; the registry scan. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = useSearch({ from: '/app/duplicates' });
  const navigate = useNavigate({ from: '/duplicates' });
  const status: PairStatus = search.status ?? 'open';
  const open = useOpenPairCount().data;

  return (
    <>
      <PageHeader title={t('duplicates.title')}>
        <Text size="sm" c="dimmed">
          {t('duplicates.intro')}
        </Text>
      </PageHeader>
      <ScanPanel />
      <Tabs
        value={status}
        onChange={(v) => v && void navigate({ search: { status: v === 'merged' || v === 'not_duplicate' ? v : undefined }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {PAIR_STATUSES.map((s) => (
            <Tabs.Tab
              key={s}
              value={s}
              rightSection={
                s === 'open' && open ? (
                  <Badge size="sm" variant="light" color="orange" aria-hidden="true">
                    {f.number(open)}
                  </Badge>
                ) : null
              }
            >
              {t(`duplicates.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PAIR_STATUSES.map((s) => (
          <Tabs.Panel key={s} value={s}>
            <Box>{s === status && <PairList status={s} />}</Box>
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
