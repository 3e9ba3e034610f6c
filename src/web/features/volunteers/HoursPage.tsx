import { Button, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { get, withQuery } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { HoursTable } from './HoursParts.tsx';
import { type HoursPage as Page, type HoursReport, hoursText } from './api.ts';

/** Hours waiting for approval, then the hours report per volunteer and program for a period (with XLSX). */
export function HoursPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const search = useSearch({ from: '/app/volunteers/hours' });
  const navigate = useNavigate({ from: '/volunteers/hours' });
  const phone = useMediaQuery('(max-width: 48em)');
  const today = f.today();
  const from = search.from ?? `${today.slice(0, 4)}-01-01`;
  const to = search.to ?? today;
  const set = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const programs = useQuery({ queryKey: ['programs', 'pick'], queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/programs', { limit: 200 }) });
  const pending = useInfiniteQuery({
    queryKey: ['volunteer-hours', 'pending'],
    queryFn: ({ pageParam }) => get<Page>('/api/volunteer-hours', { status: 'pending', cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const query = { from, to, programId: search.program };
  const valid = from <= to;
  const report = useQuery({ queryKey: ['volunteer-hours', 'report', query], queryFn: () => get<HoursReport>('/api/volunteer-hours/report', query), enabled: valid });
  const pendingItems = pending.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('volunteers.hoursPageTitle')}>
        <AnchorLink to="/volunteers" size="sm">
          ← {t('volunteers.title')}
        </AnchorLink>
      </PageHeader>
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-label={t('volunteers.pendingTitle')} data-testid="pending-hours">
          <Title order={2} fz="md" mb="sm">
            {t('volunteers.pendingTitle')}
          </Title>
          {pending.isLoading ? <Skeleton h={80} /> : <HoursTable items={pendingItems} review={can('volunteers.write')} />}
          <LoadMore list={pending} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('volunteers.reportTitle')} data-testid="hours-report">
          <Group justify="space-between" mb="sm" gap="xs">
            <Title order={2} fz="md">
              {t('volunteers.reportTitle')}
            </Title>
            <Button
              component="a"
              href={withQuery('/api/volunteer-hours/report.xlsx', { ...query, lang: i18n.language === 'en' ? 'en' : 'id' })}
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
              data-disabled={!valid || undefined}
              onClick={(e) => !valid && e.preventDefault()}
              data-testid="report-xlsx"
            >
              {t('volunteers.exportXlsx')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm">
            <TextInput label={t('volunteers.periodFrom')} type="date" value={from} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
            <TextInput label={t('volunteers.periodTo')} type="date" value={to} onChange={(e) => set({ to: e.currentTarget.value || undefined })} error={valid ? undefined : t('volunteers.periodBad')} />
            <NativeSelect
              label={t('volunteers.program')}
              value={search.program ?? ''}
              onChange={(e) => set({ program: e.currentTarget.value || undefined })}
              data={[{ value: '', label: t('common.all') }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
            />
          </SimpleGrid>
          {report.isLoading && <Skeleton h={80} />}
          {report.error && <Text c="red">{report.error.message}</Text>}
          {report.data && (
            <>
              <Text size="sm" mb="xs" aria-live="polite" data-testid="report-total">
                {t('volunteers.reportTotal', { hours: hoursText(t, i18n.language, report.data.totalHours), count: report.data.volunteers })}
              </Text>
              {report.data.rows.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('volunteers.reportEmpty')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={phone ? 0 : 420}>
                  <Table striped verticalSpacing="xs" data-testid="report-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('volunteers.name')}</Table.Th>
                        {!phone && <Table.Th>{t('volunteers.program')}</Table.Th>}
                        {!phone && <Table.Th ta="right">{t('volunteers.entries')}</Table.Th>}
                        <Table.Th ta="right">{t('volunteers.hours')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {report.data.rows.map((r) => (
                        <Table.Tr key={`${r.volunteer.id}-${r.program?.id ?? ''}`}>
                          <Table.Td>
                            <AnchorLink to="/volunteers/$volunteerId" params={{ volunteerId: r.volunteer.id }} size="sm">
                              {r.volunteer.name}
                            </AnchorLink>
                            {phone && (
                              <Text size="xs" c="dimmed">
                                {r.program ? r.program.name : t('volunteers.noProgram')}
                              </Text>
                            )}
                          </Table.Td>
                          {!phone && <Table.Td>{r.program ? r.program.name : <Text span size="sm" c="dimmed">{t('volunteers.noProgram')}</Text>}</Table.Td>}
                          {!phone && <Table.Td ta="right">{f.number(r.entries)}</Table.Td>}
                          <Table.Td ta="right" className="gotong-nowrap">
                            {hoursText(t, i18n.language, r.hours)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </Paper>
      </Stack>
    </>
  );
}
