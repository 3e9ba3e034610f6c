import { Alert, Box, Group, Paper, ScrollArea, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramParticipation as Data } from '../../../domain/contracts/participation.ts';
import { get } from '../../api.ts';
import { CHART_COLORS } from '../../ui/Chart.tsx';
import { useFormat } from '../../ui/format.ts';
import { SeriesView, usePeriodLabel } from '../programs/Series.tsx';

type Frequency = Data['frequency'];

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
    </Paper>
  );
}

/**
 * A program's participation, counted from its activities' registrations and attendance: who
 * registered and who came, how often people come back, new vs returning people per period, and
 * the people reached by breakdown.
 */
export function ProgramParticipation({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const periodLabel = usePeriodLabel();
  const [frequency, setFrequency] = useState<Frequency>('month');
  const q = useQuery({ queryKey: ['program-participation', programId, frequency], queryFn: () => get<Data>(`/api/programs/${programId}/participation`, { frequency }) });
  if (q.isError) return <Alert color="red">{(q.error as Error).message}</Alert>;
  if (!q.data) return <Skeleton h={300} />;
  const d = q.data;
  const most = Math.max(1, ...d.repeat.map((r) => r.count));
  return (
    <Stack gap="md" data-testid="program-participation">
      <Paper withBorder p="md" component="section" aria-labelledby="pp-totals">
        <Title order={2} fz="md" id="pp-totals">
          {t('participation.program.title')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('participation.program.help')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Stat testId="pp-activities" label={t('participation.program.activities')} value={f.number(d.totals.activities)} />
          <Stat testId="pp-registered" label={t('participation.program.registered')} value={f.number(d.totals.registered)} />
          <Stat testId="pp-attended" label={t('participation.program.attended')} value={f.number(d.totals.attended)} />
          <Stat testId="pp-rate" label={t('participation.program.rate')} value={d.totals.attendanceRate == null ? '—' : `${f.number(Math.round(d.totals.attendanceRate * 100))}%`} />
          <Stat testId="pp-walkins" label={t('participation.program.walkIns')} value={f.number(d.totals.walkIns)} />
          <Stat testId="pp-people" label={t('participation.program.people')} value={f.number(d.totals.people)} />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="pp-periods">
        <Group justify="space-between" align="flex-end" mb="xs">
          <Title order={2} fz="md" id="pp-periods">
            {t('participation.program.overTime')}
          </Title>
          <SegmentedControl size="xs" aria-label={t('orgDashboard.frequency')} value={frequency} onChange={(v) => setFrequency(v as Frequency)} data={(['month', 'quarter', 'year'] as const).map((x) => ({ value: x, label: t(`indicators.frequencies.${x}`) }))} />
        </Group>
        {!d.periods.length ? (
          <Text size="sm" c="dimmed">
            {t('participation.program.nothingYet')}
          </Text>
        ) : (
          <ScrollArea type="auto" viewportProps={{ tabIndex: 0, 'aria-label': t('participation.program.overTime') }}>
            <Table striped fz="sm" miw={520} data-testid="pp-period-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indicators.period')}</Table.Th>
                  <Table.Th ta="right">{t('participation.program.activities')}</Table.Th>
                  <Table.Th ta="right">{t('participation.program.attended')}</Table.Th>
                  <Table.Th ta="right">{t('participation.program.people')}</Table.Th>
                  <Table.Th ta="right">{t('participation.program.new')}</Table.Th>
                  <Table.Th ta="right">{t('participation.program.returning')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...d.periods].reverse().map((p) => (
                  <Table.Tr key={p.start}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodLabel(p)}</Table.Td>
                    <Table.Td ta="right">{f.number(p.activities)}</Table.Td>
                    <Table.Td ta="right">{f.number(p.attended)}</Table.Td>
                    <Table.Td ta="right">{f.number(p.people)}</Table.Td>
                    <Table.Td ta="right">{f.number(p.newPeople)}</Table.Td>
                    <Table.Td ta="right">{f.number(p.returningPeople)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="pp-repeat">
          <Title order={2} fz="md" id="pp-repeat" mb={4}>
            {t('participation.program.repeat')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('participation.program.repeatHelp')}
          </Text>
          <Table fz="sm" data-testid="pp-repeat">
            <Table.Tbody>
              {d.repeat.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{t('participation.program.cameTo', { n: r.key })}</Table.Td>
                  <Table.Td ta="right" w={70}>
                    {f.number(r.count)}
                  </Table.Td>
                  <Table.Td w="40%" aria-hidden>
                    <Box h={10} bg={CHART_COLORS[0]} w={`${Math.round((r.count / most) * 100)}%`} style={{ borderRadius: 2, minWidth: r.count ? 2 : 0 }} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="pp-reach">
          <Title order={2} fz="md" id="pp-reach" mb={4}>
            {t('orgDashboard.reachName')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('participation.program.reachHelp')}
          </Text>
          <SeriesView indicator={{ code: t('orgDashboard.reachCode'), name: t('orgDashboard.reachName'), unit: null, type: 'count' }} series={d.reach.series} areaNames={d.reach.areaNames} testId="pp-reach" table={false} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
