import { Paper, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { type ActivityFigures, figuresKey } from './reportApi.ts';

type Count = { key: string; count: number; label?: string | null };

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" lh={1.3}>
        {label}
      </Text>
      <Text fz={22} fw={700} lh={1.3}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function Breakdown({ title, rows, total, name, testId }: { title: string; rows: Count[]; total: number; name: (c: Count) => string; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    // in a grid row, each table keeps its own height
    <div>
      <Table fz="sm" verticalSpacing={4} withTableBorder data-testid={testId} captionSide="top">
        <Table.Caption style={{ textAlign: 'left', fontWeight: 600, color: 'var(--mantine-color-text)', marginBottom: 4 }}>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.category')}</Table.Th>
            <Table.Th ta="right">{t('report.count')}</Table.Th>
            <Table.Th ta="right">{t('report.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{name(c)}</Table.Td>
              <Table.Td ta="right">{f.number(c.count)}</Table.Td>
              <Table.Td ta="right" c="dimmed">
                {total ? `${f.number(Math.round((1000 * c.count) / total) / 10)}%` : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Attendance figures counted from registrations and attendance (never typed in), with the breakdowns of who came. */
export function ReportFigures({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: figuresKey(activityId), queryFn: () => get<ActivityFigures>(`/api/activities/${activityId}/figures`) });
  const x = q.data;
  const unknown = t('report.unknown');
  const ageName = (c: Count) => (c.key === 'unknown' ? unknown : c.key === 'other' ? t('report.otherAge') : t('report.ageYears', { band: c.key.replace('-', '–') }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="figures-title">
      <Title order={2} fz="md" id="figures-title">
        {t('report.figuresTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('report.figuresNote')}
      </Text>
      {q.isLoading && <Skeleton h={120} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {x && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="figures">
            <Stat testId="figure-registered" label={t('report.registered')} value={f.number(x.registered)} />
            <Stat testId="figure-waitlisted" label={t('report.waitlisted')} value={f.number(x.waitlisted)} />
            <Stat testId="figure-cancelled" label={t('report.cancelled')} value={f.number(x.cancelled)} />
            <Stat testId="figure-attended" label={t('report.attended')} value={f.number(x.attended)} />
            <Stat testId="figure-rate" label={t('report.rate')} value={x.attendanceRate == null ? '—' : `${f.number(Math.round(x.attendanceRate * 1000) / 10)}%`}
              note={x.registered ? t('report.rateOf', { attended: f.number(x.attendedRegistered), registered: f.number(x.registered) }) : undefined}
            />
            <Stat testId="figure-walkins" label={t('report.walkIns')} value={f.number(x.walkIns)} />
            <Stat testId="figure-new" label={t('report.newParticipants')} value={f.number(x.newParticipants)} />
            <Stat testId="figure-returning" label={t(`report.returning_${x.returningScope}`)} value={f.number(x.returningParticipants)} />
          </SimpleGrid>
          {x.attended === 0 ? (
            <Text size="sm" c="dimmed" mt="sm">
              {t('report.nobody')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt="md">
              <Breakdown testId="by-sex" title={t('report.bySex')} rows={x.bySex} total={x.attended} name={(c) => (c.key === 'unknown' ? unknown : t(`sex.${c.key}`))} />
              <Breakdown testId="by-age" title={t('report.byAge')} rows={x.byAge} total={x.attended} name={ageName} />
              <Breakdown testId="by-disability" title={t('report.byDisability')} rows={x.byDisability} total={x.attended} name={(c) => (c.key === 'unknown' ? unknown : t(`report.disability.${c.key}`))} />
              <Breakdown testId="by-area" title={t('report.byArea')} rows={x.byArea} total={x.attended} name={(c) => (c.key === 'unknown' ? unknown : (c.label ?? c.key))} />
            </SimpleGrid>
          )}
        </>
      )}
    </Paper>
  );
}
