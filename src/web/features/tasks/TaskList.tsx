import { Badge, Box, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type TaskStatus } from '../../../domain/tasks.ts';
import { get, patch } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { PRIORITY_COLORS, STATUS_COLORS, TASKS, refreshTasks, type Task, type TasksPage, type TasksQuery } from './api.ts';

/** A cursor-paged task list for a query (open tasks first, the overdue ones at the top). */
export function useTaskList(query: Omit<TasksQuery, 'cursor' | 'limit'>, limit = 25) {
  const list = useInfiniteQuery({
    queryKey: [...TASKS, 'list', query, limit],
    queryFn: ({ pageParam }) => get<TasksPage>('/api/tasks', { ...(query as Record<string, string>), cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { list, items: list.data?.pages.flatMap((p) => p.items) ?? [], total: list.data?.pages[0]?.total, capped: !!list.data?.pages[0]?.totalCapped };
}


/** Red when overdue, with the number of days; otherwise the due date. */
export function DueText({ task }: { task: Task }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (task.overdue)
    return (
      <Text span size="xs" c="red.8" fw={700} data-testid="overdue">
        {t('tasks.overdueDays', { count: task.daysOverdue })} · {t('tasks.dueOn', { date: f.date(task.dueDate) })}
      </Text>
    );
  if (!task.dueDate) return null;
  if (task.dueDate === f.today() && (task.status === 'todo' || task.status === 'in_progress'))
    return (
      <Text span size="xs" c="orange.9" fw={700}>
        {t('tasks.dueToday')}
      </Text>
    );
  return (
    <Text span size="xs" c="dimmed">
      {t('tasks.dueOn', { date: f.date(task.dueDate) })}
    </Text>
  );
}

/** The status of a task, changed in place (a versioned write; a conflict reloads the list). */
export function TaskStatusSelect({ task, onChanged }: { task: Task; onChanged?: (t: Task) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  if (!can('tasks.write'))
    return (
      <Badge color={STATUS_COLORS[task.status]} variant="light" style={{ flexShrink: 0 }}>
        {t(`tasks.statuses.${task.status}`)}
      </Badge>
    );
  const change = async (status: TaskStatus) => {
    try {
      const saved = await patch<Task>(`/api/tasks/${task.id}`, { status, version: task.version });
      notify({ color: 'brand', message: t('tasks.statusChanged', { name: task.title, status: t(`tasks.statuses.${status}`) }) });
      onChanged?.(saved);
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
    await refreshTasks(qc);
  };
  return (
    <Select
      size="xs"
      w={170}
      allowDeselect={false}
      aria-label={t('tasks.statusNamed', { name: task.title })}
      value={task.status}
      onChange={(x) => x && x !== task.status && void change(x as TaskStatus)}
      data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
      comboboxProps={{ withinPortal: true }}
      style={{ flexShrink: 0 }}
    />
  );
}

/** `mine`: a list of my own tasks, so their program is named and I am not. */
export function TaskRow({ task, mine }: { task: Task; mine?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const facts = [
    mine ? task.programName : null,
    task.link ? `${t(`tasks.linkTypes.${task.link.type}`)}: ${task.link.label}${task.link.deleted ? ` ${t('tasks.linkDeleted')}` : ''}` : null,
    mine ? null : (task.assignee?.name ?? t('tasks.unassigned')),
    task.completedAt && task.status === 'done' ? t('tasks.completedOn', { date: f.dateTime(task.completedAt) }) : null,
    task.commentCount ? t('tasks.commentCount', { count: task.commentCount }) : null,
  ].filter(Boolean);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="task"
      data-overdue={task.overdue || undefined}
      style={task.overdue ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Box style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Link to="/tasks/$taskId" params={{ taskId: task.id }} className="gotong-row-link" style={{ fontWeight: 600, overflowWrap: 'anywhere', textDecoration: task.status === 'cancelled' ? 'line-through' : undefined }}>
              {task.title}
            </Link>
            {task.priority !== 'normal' && (
              <Badge size="sm" variant="light" color={PRIORITY_COLORS[task.priority]} style={{ flexShrink: 0 }}>
                {t(`tasks.priorities.${task.priority}`)}
              </Badge>
            )}
          </Group>
          <Stack gap={0}>
            <DueText task={task} />
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {facts.join(' · ')}
            </Text>
          </Stack>
        </Box>
        <TaskStatusSelect task={task} />
      </Group>
    </Paper>
  );
}
