import { Alert, Badge, Button, Grid, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
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
import { Framework } from './Framework.tsx';
import { Risks } from './Risks.tsx';
import { Issues } from './Issues.tsx';
import { ProgramTasks } from '../tasks/ProgramTasks.tsx';
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

  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const g = q.data;
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
        <Grid.Col span={12}>
          <Framework programId={g.id} goalText={g.goal} period={{ start: g.startDate, end: g.endDate }} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Risks programId={g.id} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Issues programId={g.id} />
        </Grid.Col>
        <Grid.Col span={12}>
          <ProgramTasks programId={g.id} />
        </Grid.Col>
        <Grid.Col span={12}>
          <History type="program" id={g.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
