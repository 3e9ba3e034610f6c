import { Button, Paper, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES } from '../../../domain/tasks.ts';
import { get } from '../../api.ts';
import type { TasksSearch } from '../../router.tsx';
import { useCan, useMe } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import type { ProgramsPage } from '../programs/api.ts';
import { TASKS, type TasksPage } from './api.ts';
import { TaskModal } from './TaskForm.tsx';
import { TaskRow, useTaskList } from './TaskList.tsx';

export const SHOW_OPTIONS = ['open', 'all', ...TASK_STATUSES] as const;
export type TaskShow = (typeof SHOW_OPTIONS)[number];
const statusOf = (show: TaskShow | undefined) => (show === 'all' ? undefined : !show || show === 'open' ? 'todo,in_progress' : show);

/** Tasks assigned to me across programs: not finished ones by default, the overdue at the top. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/tasks' });
  const navigate = useNavigate({ from: '/tasks' });
  const can = useCan();
  const me = useMe();
  const f = useFormat();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (patch: Partial<TasksSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);

  const query = { assignee: 'me' as const, q: search.q, status: statusOf(search.show), overdue: search.overdue ? ('true' as const) : undefined, programId: search.program };
  const { list, items, total, capped } = useTaskList(query);
  const overdue = useQuery({ queryKey: [...TASKS, 'overdue-count', 'me'], queryFn: () => get<TasksPage>('/api/tasks', { assignee: 'me', overdue: 'true', limit: 1 }) }).data?.total ?? 0;
  const programs = useQuery({ queryKey: ['programs', 'list', { forTasks: true }], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }) });
  const filtered = !!(search.q || (search.show && search.show !== 'open') || search.overdue || search.program);

  return (
    <>
      <PageHeader
        title={t('tasks.myTitle')}
        actions={
          can('tasks.write') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('tasks.add')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('tasks.filters')}>
        <Stack gap="sm">
          <TextInput
            label={t('tasks.search')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('tasks.show')}
              allowDeselect={false}
              value={search.show ?? 'open'}
              onChange={(v) => set({ show: v === 'open' ? undefined : (v as TaskShow) })}
              data={SHOW_OPTIONS.map((s) => ({ value: s, label: t(`tasks.showOptions.${s}`) }))}
            />
            <Select
              label={t('tasks.program')}
              placeholder={t('tasks.allPrograms')}
              clearable
              searchable
              value={search.program ?? null}
              onChange={(v) => set({ program: v ?? undefined })}
              data={(programs.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </SimpleGrid>
          <Switch label={t('tasks.overdueOnly')} checked={!!search.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked || undefined })} />
        </Stack>
      </Paper>
      <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
        {total === undefined ? '\u00a0' : t('tasks.total', { count: total, formatted: `${f.number(total)}${capped ? '+' : ''}` })}
        {overdue > 0 && (
          <Text span c="red.8" fw={600}>
            {' · '}
            {t('tasks.overdueCount', { count: overdue })}
          </Text>
        )}
      </Text>
      {list.isLoading && <Skeleton h={160} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{filtered ? t('tasks.noneMatch') : t('tasks.myEmpty')}</Text>
        </Paper>
      )}
      <Stack gap={6} data-testid="tasks">
        {items.map((task) => (
          <TaskRow key={task.id} task={task} mine />
        ))}
      </Stack>
      <LoadMore list={list} shown={items.length} total={total} />
      {adding && <TaskModal preset={{ assigneeId: me?.user.id ?? null, programId: search.program ?? null }} onClose={() => setAdding(false)} />}
    </>
  );
}
