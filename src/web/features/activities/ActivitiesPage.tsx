import { Badge, Box, Button, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramsPage } from '../../../domain/contracts/programs.ts';
import { addDays, daysInMonth, weekdayOf } from '../../../domain/recurrence.ts';
import { get, post, put } from '../../api.ts';
import { ACTIVITY_TYPES } from '../../../domain/activities.ts';
import type { ActivityTypes } from '../../../domain/contracts/activities.ts';
import { CodeListDialog } from '../../ui/CodeListDialog.tsx';
import type { ActivitiesSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type ActivitiesPage as Page, type Activity, STATUS_COLORS, TYPE_COLORS, activityTypesKey, timeText, useTypeOptions } from './api.ts';

const tag = (lng: string) => (lng === 'en' ? 'en-GB' : 'id-ID');
const monthStart = (d: string) => `${d.slice(0, 8)}01`;
const monday = (d: string) => addDays(d, 1 - weekdayOf(d));

/** The dates a view shows: a month grid (whole weeks), a week, or the month as a list. */
function rangeOf(view: 'month' | 'week' | 'list', anchor: string): [string, string] {
  if (view === 'week') return [monday(anchor), addDays(monday(anchor), 6)];
  const first = monthStart(anchor);
  const last = `${anchor.slice(0, 8)}${String(daysInMonth(Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)))).padStart(2, '0')}`;
  if (view === 'list') return [first, last];
  return [monday(first), addDays(monday(last), 6)];
}

function shiftAnchor(view: 'month' | 'week' | 'list', anchor: string, dir: -1 | 1) {
  if (view === 'week') return addDays(anchor, 7 * dir);
  const y = Number(anchor.slice(0, 4));
  const m = Number(anchor.slice(5, 7)) - 1 + dir;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${String(((m % 12) + 12) % 12 + 1).padStart(2, '0')}-01`;
}

/** The activities touching a day (a multi-day activity shows on each of its days). */
const onDay = (items: Activity[], d: string) => items.filter((a) => a.startDate <= d && a.endDate >= d);

function ActivityChip({ a, compact }: { a: Activity; compact?: boolean }) {
  const { label } = useTypeOptions();
  const { t } = useTranslation();
  const cancelled = a.status === 'cancelled';
  const color = `var(--mantine-color-${TYPE_COLORS[a.type] ?? 'cyan'}-6)`;
  const name = `${a.allDay ? '' : `${a.startTime} `}${a.title} · ${label(a.type)}${cancelled ? ` · ${t('activities.status.cancelled')}` : ''}`;
  if (compact) {
    // phones: a dot per activity (the list view has the words)
    return (
      <Link to="/activities/$activityId" params={{ activityId: a.id }} data-testid="calendar-activity" aria-label={name} title={name} style={{ display: 'inline-block', padding: 4 }}>
        <Box component="span" w={10} h={10} style={{ display: 'block', borderRadius: 10, background: cancelled ? 'transparent' : color, border: `2px solid ${color}` }} />
      </Link>
    );
  }
  return (
    <Link
      to="/activities/$activityId"
      params={{ activityId: a.id }}
      className="gotong-row-link"
      data-testid="calendar-activity"
      style={{ display: 'block', fontSize: 13, lineHeight: 1.3, textDecoration: cancelled ? 'line-through' : undefined, overflowWrap: 'anywhere' }}
      title={name}
    >
      <Box component="span" w={8} h={8} mr={4} style={{ display: 'inline-block', borderRadius: 8, background: color }} />
      {!a.allDay && <b>{a.startTime} </b>}
      {a.title}
    </Link>
  );
}

function MonthGrid({ items, days, anchor, today, compact }: { items: Activity[]; days: string[]; anchor: string; today: string; compact: boolean }) {
  const { i18n, t } = useTranslation();
  const names = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(tag(i18n.language), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  return (
    <Box component="section" aria-label={t('activities.views.month')} data-testid="month-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6, overflow: 'hidden' }}>
      {names.map((n) => (
        <Text key={n} aria-hidden size="xs" fw={600} ta="center" py={4} bg="gray.0" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          {n}
        </Text>
      ))}
      {days.map((d) => {
        const list = onDay(items, d);
        const other = d.slice(0, 7) !== anchor.slice(0, 7);
        return (
          <Box key={d} data-date={d} p={4} mih={compact ? 56 : 96} style={{ borderTop: '1px solid var(--mantine-color-gray-2)', borderLeft: '1px solid var(--mantine-color-gray-2)', background: other ? 'var(--mantine-color-gray-0)' : undefined }}>
            <Text size="xs" fw={d === today ? 700 : 400} c={other ? 'dimmed' : d === today ? 'brand' : undefined} aria-current={d === today ? 'date' : undefined}>
              {Number(d.slice(8))}
            </Text>
            <Stack gap={2} style={compact ? { flexDirection: 'row', flexWrap: 'wrap' } : undefined}>
              {list.slice(0, compact ? 6 : 3).map((a) => (
                <ActivityChip key={a.id} a={a} compact={compact} />
              ))}
              {!compact && list.length > 3 && (
                <Text size="xs" c="dimmed">
                  {t('activities.more', { count: list.length - 3 })}
                </Text>
              )}
            </Stack>
          </Box>
        );
      })}
    </Box>
  );
}

function DayList({ items, days, today }: { items: Activity[]; days: string[]; today: string }) {
  const { t, i18n } = useTranslation();
  const dayName = (d: string) => new Intl.DateTimeFormat(tag(i18n.language), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const f = useFormat();
  const { label } = useTypeOptions();
  const shown = days.filter((d) => onDay(items, d).length);
  if (!shown.length) return <Paper withBorder p="lg"><Text c="dimmed">{t('activities.noneInRange')}</Text></Paper>;
  return (
    <Stack gap="sm" data-testid="activity-list">
      {shown.map((d) => (
        <Paper key={d} withBorder p="sm" component="section" aria-label={dayName(d)}>
          <Title order={2} fz="sm" mb={6} c={d === today ? 'brand' : undefined}>
            {dayName(d)}
            {d === today ? ` · ${t('activities.today')}` : ''}
          </Title>
          <Stack gap={6}>
            {onDay(items, d).map((a) => (
              <Group key={a.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="list-activity">
                <Text size="sm" w={92} style={{ flexShrink: 0 }} c="dimmed">
                  {timeText(t, a, f.date)}
                </Text>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Link to="/activities/$activityId" params={{ activityId: a.id }} className="gotong-row-link" style={{ fontWeight: 600, overflowWrap: 'anywhere', textDecoration: a.status === 'cancelled' ? 'line-through' : undefined }}>
                    {a.title}
                  </Link>
                  <Group gap={4}>
                    <Badge size="xs" variant="outline" color="gray" tt="none">
                      {label(a.type)}
                    </Badge>
                    {a.status !== 'planned' && (
                      <Badge size="xs" variant="light" color={STATUS_COLORS[a.status]}>
                        {t(`activities.status.${a.status}`)}
                      </Badge>
                    )}
                    {a.series && (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {t('activities.recurring')}
                      </Badge>
                    )}
                    {(a.venue || a.area) && (
                      <Text size="xs" c="dimmed">
                        {[a.venue, a.area?.path.at(-1)?.name].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Group>
                </Stack>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** My calendar feed links: made on request (the secret is not kept, so it is shown once). */
/** The organisation's own activity types beside the built-in ones (admins). */
function TypesButton() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { custom } = useTypeOptions();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('activities.types.button')}
      </Button>
      <CodeListDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t('activities.types.title')}
        help={t('activities.types.help', { builtIn: ACTIVITY_TYPES.map((c) => t(`activities.type.${c}`)).join(', ') })}
        list={custom}
        field="custom"
        addLabel={t('activities.types.add')}
        save={async (rows) => {
          qc.setQueryData(activityTypesKey, await put<ActivityTypes>('/api/activities/types', { custom: rows }));
          notify({ color: 'brand', message: t('activities.types.saved') });
        }}
      />
    </>
  );
}

function FeedButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState<{ orgUrl: string; meUrl: string } | null>(null);
  const feed = useQuery({ queryKey: ['calendar-feed'], queryFn: () => get<{ createdAt: string | null }>('/api/calendar/feed'), enabled: open });
  const f = useFormat();
  async function make() {
    try {
      setLinks(await post<{ orgUrl: string; meUrl: string }>('/api/calendar/feed'));
      void feed.refetch();
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('activities.feed.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('activities.feed.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="sm">
          <Text size="sm">{t('activities.feed.help')}</Text>
          {feed.data?.createdAt && !links && <Text size="sm" c="dimmed">{t('activities.feed.exists', { date: f.dateTime(feed.data.createdAt) })}</Text>}
          {links && (
            <>
              <TextInput label={t('activities.feed.org')} value={links.orgUrl} readOnly onFocus={(e) => e.currentTarget.select()} />
              <TextInput label={t('activities.feed.me')} value={links.meUrl} readOnly onFocus={(e) => e.currentTarget.select()} />
              <Text size="xs" c="dimmed">{t('activities.feed.secret')}</Text>
            </>
          )}
          <Group justify="flex-end">
            <Button onClick={() => void make()}>{feed.data?.createdAt || links ? t('activities.feed.rotate') : t('activities.feed.make')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ from: '/app/activities' });
  const navigate = useNavigate({ from: '/activities' });
  const can = useCan();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 48em)');
  const today = f.today();
  const view = search.view ?? (phone ? 'list' : 'month');
  const anchor = search.d ?? today;
  const [from, to] = rangeOf(view, anchor);
  const set = (patch: Partial<ActivitiesSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const types = useTypeOptions();
  const programs = useQuery({ queryKey: ['programs', 'list', 'options'], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }), staleTime: 60_000 });
  const query = { from, to, programId: search.program, type: search.type, areaCode: search.area };
  const list = useQuery({ queryKey: ['activities', 'list', query], queryFn: () => get<Page>('/api/activities', { ...query, limit: 1000 }) });
  const items = list.data?.items ?? [];
  const heading =
    view === 'week'
      ? `${f.date(from)} – ${f.date(to)}`
      : new Intl.DateTimeFormat(tag(i18n.language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${monthStart(anchor)}T00:00:00Z`));
  const days = Array.from({ length: 1 + Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) }, (_, i) => addDays(from, i));

  return (
    <>
      <PageHeader
        title={t('activities.title')}
        actions={
          <>
            <FeedButton />
            {can('org.update') && <TypesButton />}
            {can('activities.write') && (
              <ButtonLink to="/activities/new" search={{ date: anchor === today || view === 'week' ? undefined : anchor }} leftSection={<IconPlus size={16} />}>
                {t('activities.add')}
              </ButtonLink>
            )}
          </>
        }
      />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('activities.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('activities.program')} placeholder={t('common.all')} clearable searchable value={search.program ?? null} onChange={(v) => set({ program: v ?? undefined })} data={(programs.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
            <Select label={t('activities.typeLabel')} placeholder={t('common.all')} clearable value={search.type ?? null} onChange={(v) => set({ type: v ?? undefined })} data={types.options} />
          </SimpleGrid>
          <AreaCascade value={search.area ?? null} onChange={(code) => set({ area: code ?? undefined })} cols={{ base: 2, lg: 4 }} />
        </Stack>
      </Paper>
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => set({ d: shiftAnchor(view, anchor, -1) })} aria-label={t('activities.previous')}>
            ‹
          </Button>
          <Button variant="default" size="xs" onClick={() => set({ d: undefined })}>
            {t('activities.today')}
          </Button>
          <Button variant="default" size="xs" onClick={() => set({ d: shiftAnchor(view, anchor, 1) })} aria-label={t('activities.next')}>
            ›
          </Button>
          <Title order={2} fz="md" aria-live="polite" data-testid="calendar-heading">
            {heading}
          </Title>
        </Group>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => set({ view: v as ActivitiesSearch['view'] })}
          data={(['month', 'week', 'list'] as const).map((v) => ({ value: v, label: t(`activities.views.${v}`) }))}
          aria-label={t('activities.viewLabel')}
        />
      </Group>
      {list.isLoading && <Skeleton h={300} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && view === 'month' && <MonthGrid items={items} days={days} anchor={anchor} today={today} compact={!!phone} />}
      {list.isSuccess && view !== 'month' && <DayList items={items} days={days} today={today} />}
      {list.isSuccess && (
        <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
          {t('activities.count', { count: items.length })} · {t('activities.timeZone', { tz: f.timeZone })}
        </Text>
      )}
    </>
  );
}
