import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../../domain/tasks.ts';
import { get, patch, post } from '../../api.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import type { ProgramsPage } from '../programs/api.ts';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { refreshTasks, type Task, linkBody, linkValue, useLinkOptions } from './api.ts';
import { FormActions } from '../../ui/FormActions.tsx';

type Values = { programId: string | null; title: string; description: string; link: string | null; assigneeId: string | null; dueDate: string; priority: string; status: string };
const FIELDS = ['programId', 'title', 'description', 'resultId', 'riskId', 'issueId', 'assigneeId', 'dueDate', 'priority', 'status'];

/** Programs to choose from when a task is added outside a program's page. */
function useProgramOptions(enabled: boolean) {
  const q = useQuery({ queryKey: ['programs', 'list', { forTasks: true }], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }), enabled });
  return (q.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }));
}

/**
 * Adds or changes a task. `programId` fixes the program (the program's page); without it the user
 * chooses one. `preset` fills a new task (a link to an issue, me as the assignee).
 */
export function TaskModal({ task, programId, preset, onClose, onSaved }: { task?: Task; programId?: string; preset?: Partial<Values>; onClose: () => void; onSaved?: (t: Task) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<Values>(() => ({
    programId: task?.programId ?? programId ?? null,
    title: task?.title ?? '',
    description: task?.description ?? '',
    link: linkValue(task?.link),
    assigneeId: task?.assignee?.id ?? null,
    dueDate: task?.dueDate ?? '',
    priority: task?.priority ?? 'normal',
    status: task?.status ?? 'todo',
    ...preset,
  }));
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const members = useMemberOptions();
  const programs = useProgramOptions(!task && !programId);
  const links = useLinkOptions(v.programId);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const body = { title: v.title.trim(), description: v.description.trim() || null, ...linkBody(v.link), assigneeId: v.assigneeId, dueDate: v.dueDate || null, priority: v.priority, status: v.status };
    const saved = task ? await patch<Task>(`/api/tasks/${task.id}`, { ...body, version: task.version }) : await post<Task>('/api/tasks', { ...body, programId: v.programId });
    await refreshTasks(qc);
    onSaved?.(saved);
    onClose();
  });
  const linkError = errors.field('resultId') ?? errors.field('riskId') ?? errors.field('issueId');
  return (
    <Modal opened onClose={onClose} title={task ? t('tasks.editTitle') : t('tasks.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="task-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={FIELDS} />
          {!task && !programId && (
            <Select
              label={t('tasks.program')}
              required
              searchable
              value={v.programId}
              onChange={(x) => setV((p) => ({ ...p, programId: x, link: null }))}
              data={programs}
              error={errors.field('programId')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <TextInput label={t('tasks.name')} required maxLength={300} value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.field('title')} data-autofocus />
          <Select
            label={t('tasks.link')}
            placeholder={t('tasks.linkNone')}
            clearable
            searchable
            disabled={!v.programId}
            value={v.link}
            onChange={(x) => set('link', x)}
            data={links}
            error={linkError}
            comboboxProps={{ withinPortal: true }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('tasks.assignee')} placeholder={t('tasks.unassigned')} clearable searchable value={v.assigneeId} onChange={(x) => set('assigneeId', x)} data={members} error={errors.field('assigneeId')} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('tasks.dueDate')} type="date" value={v.dueDate} onChange={(e) => set('dueDate', e.currentTarget.value)} error={errors.field('dueDate')} />
            <Select
              label={t('tasks.priority')}
              allowDeselect={false}
              value={v.priority}
              onChange={(x) => set('priority', x ?? 'normal')}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
              error={errors.field('priority')}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('tasks.status')}
              allowDeselect={false}
              value={v.status}
              onChange={(x) => set('status', x ?? 'todo')}
              data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
              error={errors.field('status')}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <Textarea label={t('tasks.description')} autosize minRows={2} maxLength={5000} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.field('description')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
