import { Box, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { TaskModal } from './TaskForm.tsx';
import { TaskRow, useTaskList } from './TaskList.tsx';

/** The tasks of one program: open ones first, the overdue at the top. */
export function ProgramTasks({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const [adding, setAdding] = useState(false);
  const { list, items, total } = useTaskList({ programId });
  return (
    <Box component="section" aria-labelledby="tasks-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="tasks-title">
          {t('tasks.title')}
          {total ? (
            <Text span c="dimmed" fz="sm" fw={400} ml={8}>
              {t('tasks.total', { count: total, formatted: f.number(total) })}
            </Text>
          ) : null}
        </Title>
        {can('tasks.write') && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('tasks.add')}
          </Button>
        )}
      </Group>
      {list.isLoading && <Skeleton h={80} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('tasks.empty')}
          </Text>
        </Paper>
      )}
      <Stack gap={6} data-testid="tasks">
        {items.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
      </Stack>
      <LoadMore list={list} shown={items.length} total={total} />
      {adding && <TaskModal programId={programId} onClose={() => setAdding(false)} />}
    </Box>
  );
}
