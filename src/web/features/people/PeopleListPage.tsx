import { Badge, Box, Button, Card, Collapse, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { get, post } from '../../api.ts';
import type { PeopleSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconFilter, IconPlus, IconSearch, IconUpload } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import type { PeoplePage, Person } from './api.ts';
import { ageBandOptions, areaText, roleOptions, sexOptions } from './labels.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { ExportButton } from '../exports/ExportButton.tsx';

const PAGE = 25;

function toQuery(s: PeopleSearch) {
  return {
    q: s.q,
    areaCode: s.area,
    sex: s.sex,
    ageBand: s.age,
    role: s.role,
    tag: s.tag,
    disability: s.disability,
    consent: s.consent,
    sort: s.sort,
    deleted: s.bin ? true : undefined,
  };
}

function PersonSummary({ p }: { p: Person }) {
  const { t } = useTranslation();
  const parts = [p.sex ? t(`sex.${p.sex}`) : null, p.age !== null ? t('people.years', { count: p.age }) : null].filter(Boolean);
  return <>{parts.join(' · ') || '—'}</>;
}

function Roles({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((r) => (
        <Badge key={r} size="sm" variant="light">
          {t(`personRole.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function PeopleListPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/people' });
  const navigate = useNavigate({ from: '/people' });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [text, setText] = useState(search.q ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);
  useEffect(() => setText(search.q ?? ''), [search.q]);

  const set = (patch: Partial<PeopleSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);

  const query = toQuery(search);
  const list = useInfiniteQuery({
    queryKey: ['people', query],
    queryFn: ({ pageParam }) => get<PeoplePage>('/api/people', { ...query, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const activeFilters = [search.area, search.sex, search.age, search.role, search.tag, search.disability, search.consent].filter((v) => v !== undefined).length;

  async function restore(p: Person) {
    try {
      await post(`/api/people/${p.id}/restore`);
      notify({ color: 'brand', message: t('people.restored', { name: p.fullName }) });
      await qc.invalidateQueries({ queryKey: ['people'] });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }

  const bool = (v: boolean | undefined) => (v === undefined ? '' : String(v));
  const parseBool = (v: string) => (v === '' ? undefined : v === 'true');

  const filters = (
    <Paper withBorder p="sm" mb="md" component="section" aria-label={t('people.filters')}>
      <Stack gap="sm">
        <AreaCascade value={search.area ?? null} onChange={(code) => set({ area: code ?? undefined })} cols={{ base: 2, lg: 4 }} />
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
          <NativeSelect label={t('fields.sex')} value={search.sex ?? ''} onChange={(e) => set({ sex: (e.currentTarget.value || undefined) as PeopleSearch['sex'] })} data={[{ value: '', label: t('common.all') }, ...sexOptions(t)]} />
          <NativeSelect label={t('people.age')} value={search.age ?? ''} onChange={(e) => set({ age: (e.currentTarget.value || undefined) as PeopleSearch['age'] })} data={[{ value: '', label: t('common.all') }, ...ageBandOptions(t)]} />
          <NativeSelect label={t('fields.roles')} value={search.role ?? ''} onChange={(e) => set({ role: e.currentTarget.value || undefined })} data={[{ value: '', label: t('common.all') }, ...roleOptions(t)]} />
          <TextInput label={t('fields.tag')} defaultValue={search.tag ?? ''} key={search.tag ?? ''} onBlur={(e) => set({ tag: e.currentTarget.value.trim() || undefined })} onKeyDown={(e) => e.key === 'Enter' && set({ tag: e.currentTarget.value.trim() || undefined })} />
          <NativeSelect
            label={t('fields.hasDisability')}
            value={bool(search.disability)}
            onChange={(e) => set({ disability: parseBool(e.currentTarget.value) })}
            data={[
              { value: '', label: t('common.all') },
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
          <NativeSelect
            label={t('fields.consent')}
            value={bool(search.consent)}
            onChange={(e) => set({ consent: parseBool(e.currentTarget.value) })}
            data={[
              { value: '', label: t('common.all') },
              { value: 'true', label: t('people.consentGiven') },
              { value: 'false', label: t('people.consentMissing') },
            ]}
          />
        </SimpleGrid>
        {activeFilters > 0 && (
          <Group>
            <Button variant="subtle" size="xs" onClick={() => set({ area: undefined, sex: undefined, age: undefined, role: undefined, tag: undefined, disability: undefined, consent: undefined })}>
              {t('people.clearFilters')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );

  return (
    <>
      <PageHeader
        title={search.bin ? t('people.binTitle') : t('people.title')}
        actions={
          <>
            {can('people.import') && !search.bin && (
              <ButtonLink to="/imports/new" variant="default" leftSection={<IconUpload size={16} />} data-testid="people-import">
                {t('imports.importButton')}
              </ButtonLink>
            )}
            <ExportButton kind="people" query={query} total={total} />
            {can('people.write') && !search.bin ? (
              <ButtonLink to="/people/new" leftSection={<IconPlus size={16} />}>
                {t('people.add')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Stack gap="sm" mb="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            style={{ flex: '1 1 260px' }}
            label={t('people.search')}
            description={t('people.searchHelp')}
            leftSection={<IconSearch size={16} />}
            value={text}
            type="search"
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set({ q: text.trim() || undefined });
            }}
          />
          <NativeSelect
            label={t('people.sort')}
            value={search.sort ?? 'name'}
            onChange={(e) => set({ sort: e.currentTarget.value === 'name' ? undefined : (e.currentTarget.value as PeopleSearch['sort']) })}
            data={[
              { value: 'name', label: t('people.sortName') },
              { value: '-name', label: t('people.sortNameDesc') },
              { value: '-created', label: t('people.sortNewest') },
              { value: 'created', label: t('people.sortOldest') },
            ]}
            disabled={!!search.q}
            style={{ flex: '0 1 200px' }}
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Button variant={filtersOpen ? 'light' : 'default'} size="xs" leftSection={<IconFilter size={14} />} onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="people-filters">
            {t('people.filters')}
            {activeFilters > 0 ? ` (${activeFilters})` : ''}
          </Button>
          {can('people.delete') && <Switch label={t('people.showBin')} checked={!!search.bin} onChange={(e) => set({ bin: e.currentTarget.checked || undefined })} />}
        </Group>
      </Stack>
      <Collapse expanded={filtersOpen} id="people-filters">
        {filters}
      </Collapse>

      <Text size="sm" c="dimmed" mb="xs" aria-live="polite" data-testid="people-total">
        {total === undefined ? '\u00a0' : t('people.total', { count: total, formatted: `${f.number(total)}${list.data?.pages[0]?.totalCapped ? '+' : ''}` })}
        {search.q ? ` · ${t('people.byRelevance')}` : ''}
      </Text>

      {list.isLoading && <Skeleton h={200} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{search.bin ? t('people.binEmpty') : t('people.empty')}</Text>
        </Paper>
      )}

      {items.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="people-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.fullName')}</Table.Th>
                <Table.Th>{t('people.sexAge')}</Table.Th>
                <Table.Th>{t('fields.area')}</Table.Th>
                <Table.Th>{t('fields.household')}</Table.Th>
                <Table.Th>{t('fields.roles')}</Table.Th>
                <Table.Th>{t('fields.consent')}</Table.Th>
                {search.bin && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {search.bin ? (
                      <Text fw={600}>{p.fullName}</Text>
                    ) : (
                      <Link to="/people/$personId" params={{ personId: p.id }} className="gotong-row-link">
                        {p.fullName}
                      </Link>
                    )}
                    {p.preferredName && (
                      <Text size="xs" c="dimmed">
                        {p.preferredName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="gotong-nowrap">
                    <PersonSummary p={p} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {areaText(p.area.slice(-2)) || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {p.householdId && p.householdName ? (
                      <AnchorLink to="/households/$householdId" params={{ householdId: p.householdId }} size="sm">
                        {p.householdName}
                      </AnchorLink>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Roles roles={p.roles} />
                  </Table.Td>
                  <Table.Td>{p.consent.given ? t('common.yes') : t('common.no')}</Table.Td>
                  {search.bin && (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => void restore(p)}>
                        {t('common.restore')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="people-cards">
          {items.map((p) => (
            <Card key={p.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Box style={{ minWidth: 0 }}>
                  {search.bin ? (
                    <Text fw={600}>{p.fullName}</Text>
                  ) : (
                    <Link to="/people/$personId" params={{ personId: p.id }} className="gotong-row-link">
                      {p.fullName}
                    </Link>
                  )}
                  <Text size="sm" c="dimmed">
                    <PersonSummary p={p} />
                  </Text>
                  {p.area.length > 0 && <Text size="sm">{areaText(p.area.slice(-2))}</Text>}
                  {p.householdName && (
                    <Text size="sm">
                      {t('fields.household')}: {p.householdName}
                    </Text>
                  )}
                </Box>
                {search.bin && (
                  <Button size="xs" variant="light" onClick={() => void restore(p)}>
                    {t('common.restore')}
                  </Button>
                )}
              </Group>
              {p.roles.length > 0 && (
                <Box mt={6}>
                  <Roles roles={p.roles} />
                </Box>
              )}
            </Card>
          ))}
        </Stack>
      )}

      <LoadMore list={list} shown={items.length} total={total} />
    </>
  );
}
