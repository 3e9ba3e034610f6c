import { Badge, Box, Button, Group, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../domain/contracts/issues.ts';
import { ISSUE_STATUSES } from '../../../domain/programs.ts';
import { del, get, patch, post } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { TASKS, issuesKey } from '../tasks/api.ts';
import { TaskModal } from '../tasks/TaskForm.tsx';
import { FormActions } from '../../ui/FormActions.tsx';

type Values = { description: string; impact: string; decision: string; ownerId: string | null; status: string; raisedDate: string; resolvedDate: string };
const fromIssue = (i?: Issue): Values => ({
  description: i?.description ?? '',
  impact: i?.impact ?? '',
  decision: i?.decision ?? '',
  ownerId: i?.owner?.id ?? null,
  status: i?.status ?? 'open',
  raisedDate: i?.raisedDate ?? '',
  resolvedDate: i?.resolvedDate ?? '',
});
const toBody = (v: Values) => ({
  description: v.description.trim(),
  impact: v.impact.trim() || null,
  decision: v.decision.trim() || null,
  ownerId: v.ownerId,
  status: v.status,
  // left empty: today (the server's date where the organisation works)
  ...(v.raisedDate ? { raisedDate: v.raisedDate } : {}),
  resolvedDate: v.resolvedDate || null,
});

function IssueModal({ title, initial, onClose, onSubmit }: { title: string; initial: Values; onClose: () => void; onSubmit: (v: Values) => Promise<void> }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  const memberOptions = useMemberOptions();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="issue-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={Object.keys(initial)} />
          <Textarea label={t('issues.description')} required autosize minRows={2} maxLength={2000} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.field('description')} data-autofocus />
          <Textarea label={t('issues.impact')} autosize minRows={2} maxLength={3000} value={v.impact} onChange={(e) => set('impact', e.currentTarget.value)} error={errors.field('impact')} />
          <Textarea label={t('issues.decision')} autosize minRows={2} maxLength={3000} value={v.decision} onChange={(e) => set('decision', e.currentTarget.value)} error={errors.field('decision')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('issues.owner')} clearable searchable value={v.ownerId} onChange={(x) => set('ownerId', x)} data={memberOptions} error={errors.field('ownerId')} comboboxProps={{ withinPortal: true }} />
            <Select
              label={t('issues.status')}
              allowDeselect={false}
              value={v.status}
              onChange={(x) => set('status', x ?? 'open')}
              data={ISSUE_STATUSES.map((s) => ({ value: s, label: t(`issues.statuses.${s}`) }))}
              error={errors.field('status')}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('issues.raisedDate')} type="date" value={v.raisedDate} onChange={(e) => set('raisedDate', e.currentTarget.value)} error={errors.field('raisedDate')} />
            <TextInput label={t('issues.resolvedDate')} description={t('issues.resolvedDateHelp')} type="date" value={v.resolvedDate} onChange={(e) => set('resolvedDate', e.currentTarget.value)} error={errors.field('resolvedDate')} />
          </SimpleGrid>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A program's issue log: what happened, its impact, what was decided, who follows it up. */
export function Issues({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const f = useFormat();
  const qc = useQueryClient();
  const key = issuesKey(programId);
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: Issue[] }>(`/api/programs/${programId}/issues`) });
  const [dialog, setDialog] = useState<{ issue?: Issue } | null>(null);
  const [taskFor, setTaskFor] = useState<Issue | null>(null);
  const editable = can('programs.write');
  // a task's link shows the issue's description
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: TASKS })]);
  const items = q.data?.items ?? [];
  const setStatus = async (i: Issue, status: 'open' | 'resolved') => {
    try {
      await patch(`/api/issues/${i.id}`, { status, version: i.version });
      notify({ color: 'brand', message: status === 'resolved' ? t('issues.resolvedDone') : t('issues.reopened') });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
    await refresh();
  };
  const remove = (i: Issue) =>
    deleteWithUndo(t, {
      title: t('issues.deleteTitle'),
      message: t('issues.deleteConfirm', { name: i.description }),
      deleted: t('issues.deleted'),
      restored: t('issues.restored'),
      remove: async () => {
        await del(`/api/issues/${i.id}`);
        await refresh();
      },
      restore: async () => {
        await post(`/api/issues/${i.id}/restore`);
        await refresh();
      },
    });
  return (
    <Box component="section" aria-labelledby="issues-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="issues-title">
          {t('issues.title')}
        </Title>
        {editable && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({})}>
            {t('issues.add')}
          </Button>
        )}
      </Group>
      {q.isLoading && <Skeleton h={80} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {q.isSuccess && items.length === 0 && (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('issues.empty')}
          </Text>
        </Paper>
      )}
      <Stack gap={6} data-testid="issues">
        {items.map((i) => (
          <Paper key={i.id} withBorder p="sm" data-testid="issue">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={i.status === 'open' ? 'orange' : 'green'} variant="light" style={{ flexShrink: 0 }}>
                {t(`issues.statuses.${i.status}`)}
              </Badge>
              <Box style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {i.description}
                </Text>
                <Text size="xs" c="dimmed">
                  {[t('issues.raisedOn', { date: f.date(i.raisedDate) }), i.resolvedDate ? t('issues.resolvedOn', { date: f.date(i.resolvedDate) }) : null, i.owner?.name].filter(Boolean).join(' · ')}
                </Text>
                {i.impact && (
                  <Text size="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    {t('issues.impact')}: {i.impact}
                  </Text>
                )}
                {i.decision && (
                  <Text size="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    {t('issues.decision')}: {i.decision}
                  </Text>
                )}
                <Group gap={4} mt={4}>
                  {editable && (
                    <>
                      <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ issue: i })} aria-label={t('issues.editNamed', { name: i.description })}>
                        {t('common.edit')}
                      </Button>
                      {i.status === 'open' ? (
                        <Button size="compact-xs" variant="subtle" onClick={() => void setStatus(i, 'resolved')} aria-label={t('issues.resolveNamed', { name: i.description })}>
                          {t('issues.resolve')}
                        </Button>
                      ) : (
                        <Button size="compact-xs" variant="subtle" onClick={() => void setStatus(i, 'open')} aria-label={t('issues.reopenNamed', { name: i.description })}>
                          {t('issues.reopen')}
                        </Button>
                      )}
                    </>
                  )}
                  {can('tasks.write') && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setTaskFor(i)} aria-label={t('issues.addTaskNamed', { name: i.description })}>
                      {t('tasks.add')}
                    </Button>
                  )}
                  {editable && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(i)} aria-label={t('issues.deleteNamed', { name: i.description })}>
                      {t('common.delete')}
                    </Button>
                  )}
                </Group>
              </Box>
            </Group>
          </Paper>
        ))}
      </Stack>
      {dialog && (
        <IssueModal
          title={dialog.issue ? t('issues.editTitle') : t('issues.newTitle')}
          initial={fromIssue(dialog.issue)}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            if (dialog.issue) await patch(`/api/issues/${dialog.issue.id}`, { ...toBody(v), version: dialog.issue.version });
            else await post(`/api/programs/${programId}/issues`, toBody(v));
            await refresh();
            setDialog(null);
          }}
        />
      )}
      {taskFor && <TaskModal programId={programId} preset={{ link: `issue:${taskFor.id}`, assigneeId: me?.user.id ?? null }} onClose={() => setTaskFor(null)} />}
    </Box>
  );
}
