import { Badge, Box, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../domain/contracts/indicators.ts';
import type { Dashboard as DashboardData, PendingValues } from '../../../domain/contracts/values.ts';
import { STATUSES } from '../../../domain/contracts/values.ts';
import { get, withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFormat } from '../../ui/format.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { STATUS_LIGHT, dashboardKey, pendingKey } from './api.ts';
import { ValueCard } from './IndicatorData.tsx';
import { SeriesView, StatusBadge } from './Series.tsx';

/**
 * A program's dashboard: how many indicators are on track, the values waiting for review, and
 * each indicator's figures against its targets (per period or to date, by breakdown).
 */
export function ProgramDashboard({ programId, indicators, areas, onOpen }: { programId: string; indicators: Indicator[]; areas: { code: string; name: string }[]; onOpen: (i: Indicator) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: dashboardKey(programId), queryFn: () => get<DashboardData>(`/api/programs/${programId}/dashboard`) });
  const pending = useQuery({ queryKey: pendingKey(programId), queryFn: () => get<PendingValues>(`/api/programs/${programId}/values/pending`) });
  const areaNames = Object.fromEntries(areas.map((a) => [a.code, a.name]));
  if (!q.data) return <Skeleton h={300} />;
  const d = q.data;
  const fmt = (n: number | null, type: string) => (n == null ? '—' : type === 'percentage' ? `${f.number(Math.round(n * 10) / 10)}%` : f.number(Math.round(n * 100) / 100));
  return (
    <Stack gap="md" data-testid="dashboard">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <Box>
            <Title order={2} fz="md">
              {t('dashboard.title')}
            </Title>
            <Text size="xs" c="dimmed" maw={560}>
              {t('dashboard.ruleLong', { onTrack: Math.round(d.rule.onTrack * 100), atRisk: Math.round(d.rule.atRisk * 100) })}
            </Text>
          </Box>
          <Button component="a" size="xs" variant="default" leftSection={<IconDownload size={14} />} href={withQuery(`/api/programs/${programId}/dashboard.xlsx`, { lang: currentLocale() })} download data-testid="dashboard-xlsx">
            {t('dashboard.downloadXlsx')}
          </Button>
        </Group>
        <Group gap="xs" mt="sm" data-testid="status-counts">
          {STATUSES.filter((s) => d.counts[s]).map((s) => (
            <Badge key={s} color={STATUS_LIGHT[s]} variant={s === 'no_data' || s === 'no_target' ? 'outline' : 'filled'} size="lg">
              {t(`dashboard.status.${s}`)}: {d.counts[s]}
            </Badge>
          ))}
          {!d.indicators.length && (
            <Text size="sm" c="dimmed">
              {t('dashboard.noIndicators')}
            </Text>
          )}
        </Group>
      </Paper>
      {!!pending.data?.items.length && (
        <Paper withBorder p="md" data-testid="review-queue">
          <Title order={2} fz="md" mb="xs">
            {t('values.queue', { count: pending.data.items.length })}
          </Title>
          <Stack gap="xs">
            {pending.data.items.map((v) => (
              <Box key={v.id}>
                <Text size="xs" c="dimmed">
                  {v.indicatorCode} {v.indicatorName}
                </Text>
                <ValueCard indicator={{ id: v.indicatorId, programId, type: v.indicatorType, unit: v.unit }} value={v} areaNames={areaNames} />
              </Box>
            ))}
          </Stack>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {d.indicators.map((i) => {
          const full = indicators.find((x) => x.id === i.id);
          return (
            <Paper key={i.id} withBorder p="md" data-testid="dashboard-indicator" data-code={i.code}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
                <Box style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    <Text span ff="monospace" size="xs" c="dimmed">
                      {i.code}
                    </Text>{' '}
                    {i.name}
                    {i.computed && (
                      <Badge ml={6} size="xs" variant="light">
                        {t('computed.badge')}
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="to-date">
                    {!i.series.statusPeriod
                      ? t('dashboard.nothingJudged')
                      : i.series.actualToDate == null && i.series.targetToDate == null
                        ? t('dashboard.nothingBy', { date: f.date(i.series.statusPeriod.end) })
                        : t('dashboard.toDateLine', { actual: fmt(i.series.actualToDate, i.type), target: fmt(i.series.targetToDate, i.type), date: f.date(i.series.statusPeriod.end) })}
                    {i.series.pending ? ` · ${t('values.pendingShort', { count: i.series.pending })}` : ''}
                  </Text>
                </Box>
                <StatusBadge status={i.series.status} progress={i.series.progress} />
              </Group>
              <SeriesView indicator={i} series={i.series} areaNames={areaNames} table={false} />
              {full && (
                <Button size="compact-xs" variant="subtle" mt={4} onClick={() => onOpen(full)} aria-label={`${full.computed ? t('dashboard.open') : t('dashboard.openValues')}: ${i.code} ${i.name}`}>
                  {full.computed ? t('dashboard.open') : t('dashboard.openValues')}
                </Button>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
