import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { HomeCard, HomeList } from '../../ui/HomeCard.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { TASKS, type TasksPage } from './api.ts';
import { DueText } from './TaskList.tsx';

/** Home: my unfinished tasks, the overdue and the soonest due first. */
export function MyTasksCard() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...TASKS, 'home'], queryFn: () => get<TasksPage>('/api/tasks', { assignee: 'me', status: 'todo,in_progress', limit: 5 }), staleTime: 0 });
  const items = q.data?.items ?? [];
  return (
    <HomeCard
      id="home-tasks"
      title={t('home.myTasks')}
      loading={q.isPending}
      error={q.error}
      empty={items.length === 0 && t('home.noTasks')}
      more={
        <AnchorLink to="/tasks" size="sm">
          {q.data && q.data.total > items.length ? t('home.allTasks', { count: q.data.total }) : t('home.seeAll')}
        </AnchorLink>
      }
    >
      <HomeList>
        {items.map((task) => (
          <Group key={task.id} component="li" justify="space-between" wrap="wrap" gap="xs" data-testid="home-task" data-overdue={task.overdue || undefined}>
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <AnchorLink to="/tasks/$taskId" params={{ taskId: task.id }} fw={600} size="sm">
                {task.title}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {task.programName}
              </Text>
            </Stack>
            <DueText task={task} />
          </Group>
        ))}
      </HomeList>
    </HomeCard>
  );
}
