import { Button, Card, Group, Paper, Skeleton, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { get, post } from '../../api.ts';
import type { HouseholdsSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import type { Household, HouseholdsPage } from '../people/api.ts';
import { areaText } from '../people/labels.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { ExportButton } from '../exports/ExportButton.tsx';

export function HouseholdsListPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/households' });
  const navigate = useNavigate({ from: '/households' });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (patch: Partial<HouseholdsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);

  const query = { q: search.q, areaCode: search.area, deleted: search.bin ? true : undefined };
  const list = useInfiniteQuery({
    queryKey: ['households', 'list', query],
    queryFn: ({ pageParam }) => get<HouseholdsPage>('/api/households', { ...query, cursor: pageParam, limit: 25 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  async function restore(h: Household) {
    try {
      await post(`/api/households/${h.id}/restore`);
      notify({ color: 'brand', message: t('households.restored', { name: h.name }) });
      await qc.invalidateQueries({ queryKey: ['households'] });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }
  const name = (h: Household) =>
    search.bin ? (
      <Text fw={600}>{h.name}</Text>
    ) : (
      <Link to="/households/$householdId" params={{ householdId: h.id }} className="gotong-row-link">
        {h.name}
      </Link>
    );

  return (
    <>
      <PageHeader
        title={search.bin ? t('households.binTitle') : t('households.title')}
        actions={
          <>
            <ExportButton kind="households" query={query} total={total} />
            {can('people.write') && !search.bin ? (
              <ButtonLink to="/households/new" leftSection={<IconPlus size={16} />}>
                {t('households.add')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('people.filters')}>
        <Stack gap="sm">
          <TextInput
            label={t('households.search')}
            description={t('households.searchHelp')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <AreaCascade value={search.area ?? null} onChange={(code) => set({ area: code ?? undefined })} cols={{ base: 2, lg: 4 }} />
          {can('people.delete') && <Switch label={t('people.showBin')} checked={!!search.bin} onChange={(e) => set({ bin: e.currentTarget.checked || undefined })} />}
        </Stack>
      </Paper>
      <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
        {total === undefined ? '\u00a0' : t('households.total', { count: total, formatted: `${f.number(total)}${list.data?.pages[0]?.totalCapped ? '+' : ''}` })}
      </Text>
      {list.isLoading && <Skeleton h={160} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{t('households.empty')}</Text>
        </Paper>
      )}
      {items.length > 0 && !phone && (
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="households-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('households.name')}</Table.Th>
              <Table.Th>{t('households.head')}</Table.Th>
              <Table.Th>{t('households.members')}</Table.Th>
              <Table.Th>{t('households.kk')}</Table.Th>
              <Table.Th>{t('fields.area')}</Table.Th>
              {search.bin && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{name(h)}</Table.Td>
                <Table.Td>{h.headName ?? '—'}</Table.Td>
                <Table.Td>{h.memberCount}</Table.Td>
                <Table.Td ff="monospace">{h.kkMasked ?? '—'}</Table.Td>
                <Table.Td>{areaText(h.area.slice(-2)) || '—'}</Table.Td>
                {search.bin && (
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => void restore(h)}>
                      {t('common.restore')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {items.length > 0 && phone && (
        <Stack gap="xs">
          {items.map((h) => (
            <Card key={h.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  {name(h)}
                  <Text size="sm" c="dimmed">
                    {t('households.memberCount', { count: h.memberCount })}
                    {h.headName ? ` · ${h.headName}` : ''}
                  </Text>
                  {h.area.length > 0 && <Text size="sm">{areaText(h.area.slice(-2))}</Text>}
                </div>
                {search.bin && (
                  <Button size="xs" variant="light" onClick={() => void restore(h)}>
                    {t('common.restore')}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
    </>
  );
}
