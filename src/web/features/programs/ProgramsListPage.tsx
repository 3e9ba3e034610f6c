import { Badge, Button, Card, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRAM_STATUSES } from '../../../domain/programs.ts';
import { get, post } from '../../api.ts';
import type { ProgramsSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { areaText } from '../people/labels.ts';
import type { OrgDashboard } from '../../../domain/contracts/values.ts';
import { STATUSES } from '../../../domain/contracts/values.ts';
import { type Program, type ProgramsPage, STATUS_COLORS, STATUS_LIGHT, sectorOptions } from './api.ts';

type Summary = OrgDashboard['programs'][number];

/** A program's indicators by traffic light, and its headline indicator against its target to date. */
export function Headline({ s }: { s: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = STATUSES.filter((k) => s.counts[k] && k !== 'no_target');
  if (!shown.length && !s.headline) return null;
  const fmt = (n: number | null) => (n == null ? '—' : s.headline?.type === 'percentage' ? `${f.number(Math.round(n * 10) / 10)}%` : f.number(Math.round(n * 100) / 100));
  return (
    <Stack gap={2} data-testid="program-headline">
      {s.headline && (
        <Text size="sm">
          <Text span ff="monospace" size="xs" c="dimmed">
            {s.headline.code}
          </Text>{' '}
          {s.headline.name}: <b>{fmt(s.headline.actualToDate)}</b> / {fmt(s.headline.targetToDate)}
        </Text>
      )}
      <Group gap={4}>
        {shown.map((k) => (
          <Badge key={k} size="sm" color={STATUS_LIGHT[k]} variant={k === 'no_data' ? 'outline' : 'filled'}>
            {t(`dashboard.status.${k}`)}: {s.counts[k]}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

/** "Jan 2026 – Dec 2028", or one end, or nothing. */
export function usePeriod() {
  const { t } = useTranslation();
  const f = useFormat();
  return (g: Pick<Program, 'startDate' | 'endDate'>) =>
    g.startDate && g.endDate ? `${f.date(g.startDate)} – ${f.date(g.endDate)}` : g.startDate ? t('programs.from', { date: f.date(g.startDate) }) : g.endDate ? t('programs.until', { date: f.date(g.endDate) }) : t('programs.noPeriod');
}

function ProgramCard({ g, bin, onRestore, summary }: { g: Program; bin: boolean; onRestore: (g: Program) => void; summary?: Summary }) {
  const { t } = useTranslation();
  const period = usePeriod();
  const areas = g.targetAreas.map((a) => areaText(a.path.slice(-2))).filter(Boolean);
  return (
    <Card withBorder padding="md" data-testid="program-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          {bin ? (
            <Text fw={600}>{g.name}</Text>
          ) : (
            <Link to="/programs/$programId" params={{ programId: g.id }} className="gotong-row-link" style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {g.name}
            </Link>
          )}
          <Badge color={STATUS_COLORS[g.status]} variant="light" style={{ flexShrink: 0 }}>
            {t(`programs.status.${g.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {period(g)}
        </Text>
        {g.summary && (
          <Text size="sm" lineClamp={2}>
            {g.summary}
          </Text>
        )}
        {g.sectors.length > 0 && (
          <Group gap={4}>
            {g.sectors.map((s) => (
              <Badge key={s} size="sm" variant="outline" color="gray" tt="none">
                {t(`programs.sector.${s}`)}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="sm">
          {areas.length ? (areas.length > 2 ? `${areas.slice(0, 2).join(' · ')} ${t('programs.andMore', { count: areas.length - 2 })}` : areas.join(' · ')) : t('programs.noAreas')}
        </Text>
        {summary && <Headline s={summary} />}
        <Text size="sm" c="dimmed">
          {g.manager ? t('programs.managedBy', { name: g.manager.name }) : t('programs.noManager')}
          {g.team.length > 0 ? ` · ${t('programs.teamCount', { count: g.team.length })}` : ''}
        </Text>
        {bin && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={() => onRestore(g)}>
              {t('common.restore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function ProgramsListPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/programs' });
  const navigate = useNavigate({ from: '/programs' });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (patch: Partial<ProgramsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);

  const query = { q: search.q, status: search.status, sector: search.sector, areaCode: search.area, mine: search.mine ? true : undefined, deleted: search.bin ? true : undefined };
  const list = useInfiniteQuery({
    queryKey: ['programs', 'list', query],
    queryFn: ({ pageParam }) => get<ProgramsPage>('/api/programs', { ...query, cursor: pageParam, limit: 24 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // traffic lights: of the programs shown, and across the organisation
  const ids = search.bin ? [] : items.map((g) => g.id);
  const summaries = useQuery({ queryKey: ['org-dashboard', ids], queryFn: () => get<OrgDashboard>('/api/dashboard', { programIds: ids.join(',') }), enabled: ids.length > 0 });
  const orgWide = useQuery({ queryKey: ['org-dashboard'], queryFn: () => get<OrgDashboard>('/api/dashboard'), enabled: !search.bin });
  const total = list.data?.pages[0]?.total;

  async function restore(g: Program) {
    try {
      await post(`/api/programs/${g.id}/restore`);
      notify({ color: 'brand', message: t('programs.restored', { name: g.name }) });
      await qc.invalidateQueries({ queryKey: ['programs'] });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }

  return (
    <>
      <PageHeader
        title={search.bin ? t('programs.binTitle') : t('programs.title')}
        actions={
          can('programs.write') && !search.bin ? (
            <ButtonLink to="/programs/new" leftSection={<IconPlus size={16} />}>
              {t('programs.add')}
            </ButtonLink>
          ) : null
        }
      >
        {!search.bin && orgWide.data && Object.values(orgWide.data.counts).some(Boolean) && (
          <Group gap={6} component="span" data-testid="org-status">
            <Text span size="sm" c="dimmed">
              {t('dashboard.acrossOrg')}
            </Text>
            {STATUSES.filter((k) => orgWide.data!.counts[k] && k !== 'no_target').map((k) => (
              <Badge key={k} size="sm" color={STATUS_LIGHT[k]} variant={k === 'no_data' ? 'outline' : 'filled'}>
                {t(`dashboard.status.${k}`)}: {orgWide.data!.counts[k]}
              </Badge>
            ))}
          </Group>
        )}
      </PageHeader>
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('programs.filters')}>
        <Stack gap="sm">
          <TextInput
            label={t('programs.search')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('programs.statusLabel')}
              placeholder={t('common.all')}
              clearable
              value={search.status ?? null}
              onChange={(v) => set({ status: (v as ProgramsSearch['status']) ?? undefined })}
              data={PROGRAM_STATUSES.map((s) => ({ value: s, label: t(`programs.status.${s}`) }))}
            />
            <Select label={t('programs.sectorLabel')} placeholder={t('common.all')} clearable searchable value={search.sector ?? null} onChange={(v) => set({ sector: v ?? undefined })} data={sectorOptions(t)} />
          </SimpleGrid>
          <AreaCascade value={search.area ?? null} onChange={(code) => set({ area: code ?? undefined })} cols={{ base: 2, lg: 4 }} />
          <Group gap="lg">
            <Switch label={t('programs.mine')} checked={!!search.mine} onChange={(e) => set({ mine: e.currentTarget.checked || undefined })} />
            {can('programs.delete') && <Switch label={t('programs.showBin')} checked={!!search.bin} onChange={(e) => set({ bin: e.currentTarget.checked || undefined })} />}
          </Group>
        </Stack>
      </Paper>
      <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
        {total === undefined ? '\u00a0' : t('programs.total', { count: total, formatted: `${f.number(total)}${list.data?.pages[0]?.totalCapped ? '+' : ''}` })}
      </Text>
      {list.isLoading && <Skeleton h={160} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{search.q || search.status || search.sector || search.area || search.mine || search.bin ? t('programs.noneMatch') : t('programs.empty')}</Text>
        </Paper>
      )}
      {items.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {items.map((g) => (
            <ProgramCard key={g.id} g={g} bin={!!search.bin} onRestore={(x) => void restore(x)} summary={summaries.data?.programs.find((p) => p.id === g.id)} />
          ))}
        </SimpleGrid>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
    </>
  );
}
