import { Alert, Badge, Box, Button, Group, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgDashboard, OrgReach } from '../../../domain/contracts/values.ts';
import { STATUSES } from '../../../domain/contracts/values.ts';
import { byCategory } from '../../../domain/indicators.ts';
import { addDays } from '../../../domain/recurrence.ts';
import { get, withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { CHART_COLORS } from '../../ui/Chart.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { STATUS_LIGHT } from './api.ts';
import { Headline } from './ProgramsListPage.tsx';
import { SeriesView } from './Series.tsx';

type Frequency = OrgReach['frequency'];
const SPANS = ['12m', 'year', '2y', '5y'] as const;
type Span = (typeof SPANS)[number];

/** The first day a span covers, counted back from the organisation's today. */
function spanStart(span: Span, today: string) {
  const year = Number(today.slice(0, 4));
  if (span === 'year') return `${year}-01-01`;
  if (span === '2y') return `${year - 1}-01-01`;
  if (span === '5y') return `${year - 4}-01-01`;
  return `${addDays(today, -365).slice(0, 7)}-01`;
}

/**
 * The organisation at a glance: every program's traffic lights and headline indicator, and the
 * people its activities reached — each person once across programs — over time, by breakdown
 * and by area.
 */
export function OrgDashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [frequency, setFrequency] = useState<Frequency>('quarter');
  const [span, setSpan] = useState<Span>('2y');
  const [programIds, setProgramIds] = useState<string[]>([]);
  const lights = useQuery({ queryKey: ['org-dashboard'], queryFn: () => get<OrgDashboard>('/api/dashboard') });
  const today = lights.data?.today;
  const params = { frequency, from: today ? spanStart(span, today) : undefined, programIds: programIds.length ? programIds.join(',') : undefined };
  const reach = useQuery({ queryKey: ['org-reach', params], queryFn: () => get<OrgReach>('/api/dashboard/reach', params), enabled: !!today });

  const d = lights.data;
  const last = reach.data?.series.periods.at(-1);
  const areas = Object.entries(last?.parts.area ?? {})
    .map(([code, v]) => ({ code, name: reach.data?.areaNames[code] ?? code, people: v.toDate ?? 0 }))
    .sort((a, b) => b.people - a.people || byCategory(a.code, b.code));

  return (
    <>
      <PageHeader title={t('orgDashboard.title')}>
        <Text size="sm" c="dimmed">
          {t('orgDashboard.intro')}
        </Text>
      </PageHeader>
      <Stack gap="md">
        {lights.isError && <Alert color="red">{(lights.error as Error).message}</Alert>}
        <Paper withBorder p="md" component="section" aria-labelledby="org-programs">
          <Title order={2} fz="md" id="org-programs">
            {t('orgDashboard.programs')}
          </Title>
          {d && (
            <Text size="xs" c="dimmed" mb="xs">
              {t('dashboard.ruleLong', { onTrack: Math.round(d.rule.onTrack * 100), atRisk: Math.round(d.rule.atRisk * 100) })}
            </Text>
          )}
          {!d ? (
            <Skeleton h={80} />
          ) : !d.programs.length ? (
            <Text size="sm" c="dimmed">
              {t('orgDashboard.noPrograms')}
            </Text>
          ) : (
            <Stack gap="sm">
              <Group gap="xs" data-testid="org-counts">
                {STATUSES.filter((k) => d.counts[k] && k !== 'no_target').map((k) => (
                  <Badge key={k} color={STATUS_LIGHT[k]} variant={k === 'no_data' ? 'outline' : 'filled'} size="lg">
                    {t(`dashboard.status.${k}`)}: {d.counts[k]}
                  </Badge>
                ))}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {d.programs.map((g) => (
                  <Paper key={g.id} withBorder p="sm" data-testid="org-program">
                    <Link to="/programs/$programId" params={{ programId: g.id }} search={{ tab: 'dashboard' }} style={{ fontWeight: 600 }}>
                      {g.name}
                    </Link>
                    <Text size="xs" c="dimmed" mb={4}>
                      {t(`programs.status.${g.status}`)}
                    </Text>
                    <Headline s={g} />
                    {!g.headline && !STATUSES.some((k) => g.counts[k] && k !== 'no_target') && (
                      <Text size="xs" c="dimmed">
                        {t('orgDashboard.noIndicators')}
                      </Text>
                    )}
                  </Paper>
                ))}
              </SimpleGrid>
            </Stack>
          )}
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="org-reach">
          <Group justify="space-between" align="flex-start" mb="xs">
            <Box maw={620}>
              <Title order={2} fz="md" id="org-reach">
                {t('orgDashboard.reach')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('orgDashboard.reachHelp')}
              </Text>
            </Box>
            <Button
              component="a"
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              href={withQuery('/api/dashboard/reach.xlsx', { ...params, lang: currentLocale() })}
              download
              data-testid="reach-xlsx"
            >
              {t('dashboard.downloadXlsx')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="sm">
            <Select label={t('orgDashboard.span')} allowDeselect={false} value={span} onChange={(v) => v && setSpan(v as Span)} data={SPANS.map((s) => ({ value: s, label: t(`orgDashboard.spans.${s}`) }))} comboboxProps={{ withinPortal: true }} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="reach-frequency">
                {t('orgDashboard.frequency')}
              </Text>
              <SegmentedControl aria-labelledby="reach-frequency" value={frequency} onChange={(v) => setFrequency(v as Frequency)} data={(['month', 'quarter', 'year'] as const).map((x) => ({ value: x, label: t(`indicators.frequencies.${x}`) }))} />
            </Stack>
            <MultiSelect
              label={t('orgDashboard.onlyPrograms')}
              placeholder={programIds.length ? undefined : t('orgDashboard.allPrograms')}
              value={programIds}
              onChange={setProgramIds}
              data={(d?.programs ?? []).map((g) => ({ value: g.id, label: g.name }))}
              clearable
              searchable
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {reach.isError && <Alert color="red">{(reach.error as Error).message}</Alert>}
          {!reach.data ? (
            <Skeleton h={260} />
          ) : (
            <Stack gap="md" data-testid="reach">
              <Text size="sm" data-testid="reach-total">
                {t('orgDashboard.reachedSoFar', { count: last?.toDate ?? 0, people: f.number(last?.toDate ?? 0) })}
              </Text>
              <SeriesView indicator={{ code: t('orgDashboard.reachCode'), name: t('orgDashboard.reachName'), unit: null, type: 'count' }} series={reach.data.series} areaNames={reach.data.areaNames} testId="reach-series" table={false} />
              {areas.length > 0 && (
                <Box data-testid="reach-areas">
                  <Title order={3} fz="sm" mb={4}>
                    {t('orgDashboard.byArea')}
                  </Title>
                  <Table striped fz="sm" mt="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('orgDashboard.area')}</Table.Th>
                        <Table.Th ta="right">{t('orgDashboard.people')}</Table.Th>
                        <Table.Th w="40%" aria-hidden />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {areas.map((a) => (
                        <Table.Tr key={a.code}>
                          <Table.Td>{a.name}</Table.Td>
                          <Table.Td ta="right">{f.number(a.people)}</Table.Td>
                          <Table.Td aria-hidden>
                            <Box h={10} bg={CHART_COLORS[2]} w={`${Math.max(1, Math.round((a.people / (areas[0]?.people || 1)) * 100))}%`} style={{ borderRadius: 2 }} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Box>
              )}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
