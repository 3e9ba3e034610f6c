import { Badge, Button, Card, Group, Paper, Stack, Select, SimpleGrid, Skeleton, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRANT_STATUSES } from '../../../domain/funding.ts';
import { get } from '../../api.ts';
import type { GrantsSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { GRANT_STATUS_COLORS, type GrantsPage as Page, useFunderOptions, useMoney, useProgramOptions } from './api.ts';
import { FundingTabs, GrantModal } from './Forms.tsx';

export function GrantsPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/funding/grants' });
  const navigate = useNavigate({ from: '/funding/grants' });
  const can = useCan();
  const f = useFormat();
  const money = useMoney();
  const funders = useFunderOptions();
  const programs = useProgramOptions();
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (p: Partial<GrantsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...p }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);
  const [adding, setAdding] = useState(false);
  // a phone gets one card per grant (a table squeezes the overdue badge)
  const phone = useMediaQuery('(max-width: 48em)');
  const query = { q: search.q, funderId: search.funder, status: search.status, programId: search.program, overdue: search.overdue ? true : undefined };
  const list = useInfiniteQuery({
    queryKey: ['grants', 'list', query],
    queryFn: ({ pageParam }) => get<Page>('/api/grants', { ...query, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  return (
    <>
      <PageHeader
        title={t('funding.grantsTitle')}
        actions={
          can('funding.write') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('funding.addGrant')}
            </Button>
          ) : null
        }
      />
      <FundingTabs current="grants" />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('funding.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('funding.searchGrants')}
            type="search"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <Select label={t('funding.funder')} placeholder={t('common.all')} clearable searchable data={funders} value={search.funder ?? null} onChange={(v) => set({ funder: v ?? undefined })} />
          <Select label={t('funding.grantStatusLabel')} placeholder={t('common.all')} clearable data={GRANT_STATUSES.map((s) => ({ value: s, label: t(`funding.grantStatus.${s}`) }))} value={search.status ?? null} onChange={(v) => set({ status: v ?? undefined })} />
          <Select label={t('funding.program')} placeholder={t('common.all')} clearable searchable data={programs} value={search.program ?? null} onChange={(v) => set({ program: v ?? undefined })} />
        </SimpleGrid>
        <Switch mt="sm" label={t('funding.onlyOverdue')} checked={!!search.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked || undefined })} />
      </Paper>
      {total !== undefined && (
        <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
          {t('funding.grantCount', { count: total })}
        </Text>
      )}
      {list.isPending ? (
        <Skeleton h={200} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('common.nothingFound')}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {items.map((g) => (
            <Card key={g.id} withBorder padding="sm" data-testid="grant-row">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Link to="/funding/grants/$grantId" params={{ grantId: g.id }} className="gotong-row-link" style={{ overflowWrap: 'anywhere' }}>
                  {g.title}
                </Link>
                <Badge variant="light" color={GRANT_STATUS_COLORS[g.status]} style={{ flexShrink: 0 }}>
                  {t(`funding.grantStatus.${g.status}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {g.funder.name}
              </Text>
              <Text size="sm">
                {money(g.amount, g.currency)} · {f.date(g.startDate)} – {f.date(g.endDate)}
              </Text>
              {g.overdueReports > 0 && (
                <Badge mt={4} color="red" size="sm" data-testid="overdue-badge">
                  {t('funding.overdueCount', { count: g.overdueReports })}
                </Badge>
              )}
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('funding.title')}</Table.Th>
                <Table.Th>{t('funding.funder')}</Table.Th>
                <Table.Th>{t('funding.amount')}</Table.Th>
                <Table.Th>{t('funding.period')}</Table.Th>
                <Table.Th>{t('funding.grantStatusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((g) => (
                <Table.Tr key={g.id} data-testid="grant-row">
                  <Table.Td>
                    <Link to="/funding/grants/$grantId" params={{ grantId: g.id }} className="gotong-row-link">
                      {g.title}
                    </Link>
                    {g.overdueReports > 0 && (
                      <Badge ml={6} color="red" size="sm" data-testid="overdue-badge">
                        {t('funding.overdueCount', { count: g.overdueReports })}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{g.funder.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(g.amount, g.currency)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {f.date(g.startDate)} – {f.date(g.endDate)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={GRANT_STATUS_COLORS[g.status]}>
                      {t(`funding.grantStatus.${g.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
      {adding && <GrantModal onClose={() => setAdding(false)} />}
    </>
  );
}
