import { Alert, Badge, Button, Grid, Group, List, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { PROGRAM_TABS, type ProgramTab } from '../../router.tsx';
import { ProgramParticipation } from '../participation/ProgramParticipation.tsx';
import { type ReactNode, useState } from 'react';
import type { Indicator } from '../../../domain/contracts/indicators.ts';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { useFormat } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { History } from '../history/History.tsx';
import { areaText } from '../people/labels.ts';
import { type Program, STATUS_COLORS, programKey } from './api.ts';
import { ProgramDashboard } from './Dashboard.tsx';
import { Framework, indicatorsKey } from './Framework.tsx';
import { IndicatorDrawer } from './IndicatorData.tsx';
import { LogframeExport } from './LogframeExport.tsx';
import { Risks } from './Risks.tsx';
import { Issues } from './Issues.tsx';
import { ProgramTasks } from '../tasks/ProgramTasks.tsx';
import { ProgramBudget } from '../finance/ProgramBudget.tsx';
import { usePeriod } from './ProgramsListPage.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} fz="md" mb={6}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const prose = (text: string | null, none: string) =>
  text ? (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {text}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {none}
    </Text>
  );

export function ProgramDetailPage() {
  const { t } = useTranslation();
  const { programId } = useParams({ from: '/app/programs/$programId' });
  const q = useQuery({ queryKey: programKey(programId), queryFn: () => get<Program>(`/api/programs/${programId}`) });
  const can = useCan();
  const f = useFormat();
  const period = usePeriod();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // the tab is in the address, so a link can open a program's dashboard
  const tab = useSearch({ from: '/app/programs/$programId' }).tab ?? 'overview';
  const setTab = (v: string | null) => v && PROGRAM_TABS.includes(v as ProgramTab) && void navigate({ to: '/programs/$programId', params: { programId }, search: { tab: v as ProgramTab }, replace: true });
  const [open, setOpen] = useState<Indicator | null>(null);
  const indicators = useQuery({ queryKey: indicatorsKey(programId), queryFn: () => get<{ items: Indicator[] }>(`/api/programs/${programId}/indicators`) });

  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const g = q.data;
  const areas = g.targetAreas.map((a) => ({ code: a.code, name: areaText(a.path) || a.code }));
  const remove = () =>
    deleteWithUndo(t, {
      title: t('programs.deleteTitle'),
      message: t('programs.deleteConfirm', { name: g.name }),
      deleted: t('programs.deleted', { name: g.name }),
      restored: t('programs.restored', { name: g.name }),
      remove: () => del(`/api/programs/${programId}`),
      restore: async () => {
        await post(`/api/programs/${programId}/restore`);
        await qc.invalidateQueries({ queryKey: ['programs'] });
        await qc.invalidateQueries({ queryKey: programKey(programId) });
      },
      after: async () => {
        await qc.invalidateQueries({ queryKey: ['programs'] });
        await navigate({ to: '/programs' });
      },
    });

  return (
    <>
      <PageHeader
        title={g.name}
        actions={
          <>
            <LogframeExport programId={programId} />
            {can('programs.write') && (
              <ButtonLink to="/programs/$programId/edit" params={{ programId }} variant="default">
                {t('common.edit')}
              </ButtonLink>
            )}
            {can('programs.delete') && (
              <Button variant="subtle" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      >
        <Group gap="xs">
          <Badge color={STATUS_COLORS[g.status]} variant="light">
            {t(`programs.status.${g.status}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {period(g)}
          </Text>
        </Group>
      </PageHeader>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('programs.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="framework">{t('programs.tabs.framework')}</Tabs.Tab>
          <Tabs.Tab value="dashboard">{t('programs.tabs.dashboard')}</Tabs.Tab>
          <Tabs.Tab value="participation">{t('programs.tabs.participation')}</Tabs.Tab>
          <Tabs.Tab value="risks">{t('programs.tabs.risks')}</Tabs.Tab>
          <Tabs.Tab value="issues">{t('programs.tabs.issues')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('programs.tabs.tasks')}</Tabs.Tab>
          <Tabs.Tab value="budget">{t('finance.budget.tab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('programs.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <Section title={t('programs.summary')}>{prose(g.summary, t('programs.notWritten'))}</Section>
                <Section title={t('programs.problemStatement')}>{prose(g.problemStatement, t('programs.notWritten'))}</Section>
                <Section title={t('programs.goal')}>{prose(g.goal, t('programs.notWritten'))}</Section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <Section title={t('programs.sectors')}>
                  {g.sectors.length ? (
                    <Group gap={4}>
                      {g.sectors.map((s) => (
                        <Badge key={s} variant="outline" color="gray" tt="none">
                          {t(`programs.sector.${s}`)}
                        </Badge>
                      ))}
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Section>
                <Section title={t('programs.targetAreas')}>
                  {g.targetAreas.length ? (
                    <List size="sm" spacing={2}>
                      {g.targetAreas.map((a) => (
                        <List.Item key={a.code}>{areaText(a.path) || a.code}</List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('programs.noAreas')}
                    </Text>
                  )}
                </Section>
                <Section title={t('programs.targetGroups')}>
                  {g.targetGroups.length ? (
                    <Group gap={4}>
                      {g.targetGroups.map((x) => (
                        <Badge key={x} variant="light" color="gray" tt="none">
                          {x}
                        </Badge>
                      ))}
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Section>
                <Section title={t('programs.people')}>
                  <Text size="sm">{g.manager ? t('programs.managedBy', { name: g.manager.name }) : t('programs.noManager')}</Text>
                  <Text size="sm" c={g.team.length ? undefined : 'dimmed'}>
                    {g.team.length ? `${t('programs.team')}: ${g.team.map((m) => m.name).join(', ')}` : t('programs.noTeam')}
                  </Text>
                  <Text size="xs" c="dimmed" mt="sm">
                    {t('person.createdUpdated', { created: f.dateTime(g.createdAt), updated: f.dateTime(g.updatedAt) })}
                  </Text>
                </Section>
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="framework">
          <Framework programId={g.id} goalText={g.goal} period={{ start: g.startDate, end: g.endDate }} onOpenIndicator={setOpen} />
        </Tabs.Panel>
        <Tabs.Panel value="dashboard">
          <ProgramDashboard programId={g.id} indicators={indicators.data?.items ?? []} areas={areas} onOpen={setOpen} />
        </Tabs.Panel>
        <Tabs.Panel value="participation">
          <ProgramParticipation programId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <Risks programId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="issues">
          <Issues programId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <ProgramTasks programId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="budget">
          <ProgramBudget programId={g.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <History type="program" id={g.id} />
        </Tabs.Panel>
      </Tabs>
      <IndicatorDrawer indicator={open && (indicators.data?.items.find((i) => i.id === open.id) ?? open)} areas={areas} onClose={() => setOpen(null)} />
    </>
  );
}
