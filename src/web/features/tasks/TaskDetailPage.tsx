import { Alert, Badge, Box, Button, Grid, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type FieldDisplay, History } from '../history/History.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { PRIORITY_COLORS, TASKS, refreshTasks, type Task, type TaskComment, taskKey } from './api.ts';
import { TaskModal } from './TaskForm.tsx';
import { DueText, TaskStatusSelect } from './TaskList.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Box>
  );
}

/** A task's conversation: oldest first; members write, authors (and admins) delete. */
function Comments({ task }: { task: Task }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const f = useFormat();
  const qc = useQueryClient();
  const key = [...TASKS, 'comments', task.id];
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: TaskComment[] }>(`/api/tasks/${task.id}/comments`) });
  const [body, setBody] = useState('');
  const refresh = () => refreshTasks(qc);
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/tasks/${task.id}/comments`, { body });
    setBody('');
    await refresh();
  });
  const admin = me?.organization?.role === 'owner' || me?.organization?.role === 'admin';
  const remove = (c: TaskComment) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('tasks.deleteCommentTitle'),
      children: <Text size="sm">{t('tasks.deleteCommentConfirm')}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await del(`/api/task-comments/${c.id}`);
          notify({ color: 'brand', message: t('tasks.commentDeleted') });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
        await refresh();
      },
    });
  const items = q.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="comments-title">
      <Title order={2} fz="md" mb="sm" id="comments-title">
        {t('tasks.comments')}
      </Title>
      {q.isLoading && <Skeleton h={60} />}
      {q.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('tasks.noComments')}
        </Text>
      )}
      <Stack gap="sm" mb="sm" data-testid="comments">
        {items.map((c) => (
          <Box key={c.id} data-testid="comment" pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
            <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" style={{ minWidth: 0 }}>
                <Text span fw={600} c="var(--mantine-color-text)">
                  {c.author.name}
                </Text>{' '}
                · {f.dateTime(c.createdAt)}
              </Text>
              {can('tasks.write') && (c.author.id === me?.user.id || admin) && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(c)} style={{ flexShrink: 0 }} aria-label={`${t('tasks.deleteComment')}: ${c.author.name}, ${f.dateTime(c.createdAt)}`}>
                  {t('tasks.deleteComment')}
                </Button>
              )}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {c.body}
            </Text>
          </Box>
        ))}
      </Stack>
      {can('tasks.write') && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <ErrorAlert error={errors.error} shown={['body']} />
            <Textarea label={t('tasks.comment')} autosize minRows={2} maxLength={4000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.field('body')} />
            <Group justify="flex-end">
              <Button type="submit" size="sm" loading={busy}>
                {t('tasks.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

export function TaskDetailPage() {
  const { t } = useTranslation();
  const { taskId } = useParams({ from: '/app/tasks/$taskId' });
  const q = useQuery({ queryKey: taskKey(taskId), queryFn: () => get<Task>(`/api/tasks/${taskId}`) });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const members = useMemberOptions();

  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const task = q.data;
  const remove = () =>
    deleteWithUndo(t, {
      title: t('tasks.deleteTitle'),
      message: t('tasks.deleteConfirm', { name: task.title }),
      deleted: t('tasks.deleted'),
      restored: t('tasks.restored'),
      remove: () => del(`/api/tasks/${task.id}`),
      restore: async () => {
        await post(`/api/tasks/${task.id}/restore`);
        await refreshTasks(qc);
      },
      // the program's page lists its tasks, finished ones too: the undo shows there
      after: async () => {
        await refreshTasks(qc);
        await navigate({ to: '/programs/$programId', params: { programId: task.programId }, search: { tab: 'tasks' } });
      },
    });

  const historyFields: FieldDisplay = {
    title: { label: t('tasks.name') },
    description: { label: t('tasks.description') },
    assigneeId: { label: t('tasks.assignee'), value: (v) => members.find((m) => m.value === v)?.label ?? '—' },
    dueDate: { label: t('tasks.dueDate'), value: (v) => f.date(String(v)) },
    status: { label: t('tasks.status'), value: (v) => t(`tasks.statuses.${v}`) },
    priority: { label: t('tasks.priority'), value: (v) => t(`tasks.priorities.${v}`) },
    link: { label: t('tasks.link'), value: (v) => `${t(`tasks.linkTypes.${String(v).split(':')[0]}`)}${task.link && v === `${task.link.type}:${task.link.id}` ? `: ${task.link.label}` : ''}` },
    programId: { label: t('tasks.program'), value: (v) => (v === task.programId ? task.programName : String(v)) },
  };

  return (
    <>
      <PageHeader
        title={task.title}
        actions={
          can('tasks.write') ? (
            <>
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Button variant="subtle" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            </>
          ) : null
        }
      >
        <Group gap="xs">
          <AnchorLink to="/programs/$programId" params={{ programId: task.programId }} search={{ tab: 'tasks' }} size="sm">
            {t('tasks.backToProgram', { name: task.programName })}
          </AnchorLink>
        </Group>
      </PageHeader>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-label={t('tasks.details')}>
            <Stack gap="sm">
              <Fact label={t('tasks.status')}>
                <TaskStatusSelect task={task} />
              </Fact>
              <Fact label={t('tasks.dueDate')}>{task.dueDate ? task.overdue ? <DueText task={task} /> : f.date(task.dueDate) : '—'}</Fact>
              <Fact label={t('tasks.assignee')}>{task.assignee?.name ?? t('tasks.unassigned')}</Fact>
              <Fact label={t('tasks.priority')}>
                <Badge variant="light" color={PRIORITY_COLORS[task.priority]}>
                  {t(`tasks.priorities.${task.priority}`)}
                </Badge>
              </Fact>
              <Fact label={t('tasks.link')}>
                {task.link ? `${t(`tasks.linkTypes.${task.link.type}`)}: ${task.link.label}${task.link.deleted ? ` ${t('tasks.linkDeleted')}` : ''}` : t('tasks.linkNone')}
              </Fact>
              {task.completedAt && task.status === 'done' && <Fact label={t('tasks.statuses.done')}>{f.dateTime(task.completedAt)}</Fact>}
              <Text size="xs" c="dimmed">
                {t('person.createdUpdated', { created: f.dateTime(task.createdAt), updated: f.dateTime(task.updatedAt) })}
              </Text>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="task-details-title">
              <Title order={2} fz="md" mb={6} id="task-details-title">
                {t('tasks.description')}
              </Title>
              <Text size="sm" c={task.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {task.description ?? t('tasks.noDescription')}
              </Text>
            </Paper>
            <Comments task={task} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12} order={3}>
          <History type="task" id={task.id} fields={historyFields} />
        </Grid.Col>
      </Grid>
      {editing && <TaskModal task={task} onClose={() => setEditing(false)} />}
    </>
  );
}
