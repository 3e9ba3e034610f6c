import { Badge, Paper, Progress, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { type ImportDetail, type ImportJob, type ImportStatus, type ImportSummary, importKey } from './api.ts';
import { STATUS_BADGE, durationText, statusLabel } from './labels.ts';
import './imports.css';

const STEPS = ['upload', 'columns', 'check', 'import'] as const;

/** Which step an import is at: 0 upload … 3 import; 4 when everything is done. */
export function stepOf(imp: Pick<ImportSummary, 'status' | 'job'> | null): number {
  if (!imp) return 0;
  switch (imp.status) {
    case 'uploaded':
      return 1;
    case 'validating':
      return 2;
    case 'validated':
    case 'importing':
      return 3;
    case 'done':
    case 'undone':
      return 4;
    default:
      return imp.job?.kind === 'import.validate' ? 2 : imp.job ? 3 : 1;
  }
}

/** The four steps as an ordered list; the current one is marked for screen readers too. */
export function ImportSteps({ current }: { current: number }) {
  const { t } = useTranslation();
  return (
    <ol className="gotong-steps" aria-label={t('imports.steps.label')} data-testid="import-steps">
      {STEPS.map((s, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={s} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="gotong-step-num" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className="gotong-step-label">{t(`imports.steps.${s}`)}</span>
            {state === 'done' && <VisuallyHidden>{` (${t('imports.steps.done')})`}</VisuallyHidden>}
          </li>
        );
      })}
    </ol>
  );
}

export function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_BADGE[status].color} variant={STATUS_BADGE[status].variant} size="sm" style={{ flex: 'none', maxWidth: 'none' }} styles={{ label: { overflow: 'visible' } }} data-testid="import-status">
      {statusLabel(t, status)}
    </Badge>
  );
}

/** Progress of a background job: a bar with done/total (indeterminate while the total is unknown), speed and time left. */
export function JobProgress({ job, title, compact }: { job: ImportJob | null; title: string; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const waiting = !job || job.status === 'queued';
  const total = job?.total ?? null;
  const done = job?.done ?? 0;
  const pct = !waiting && total ? Math.min(100, Math.floor((done / total) * 100)) : null;
  const ofTotal = job?.kind === 'import.undo' || job?.kind === 'import.duplicates' ? 'imports.job.recordsOfTotal' : 'imports.job.doneOfTotal';
  const count = waiting
    ? t('imports.job.queued')
    : total
      ? t(ofTotal, { done: f.number(done), total: f.number(total) })
      : done === 0
        ? t('imports.job.starting')
        : t('imports.job.doneSoFar', { done: f.number(done) });
  const speed = [
    job?.rowsPerSecond ? t('imports.job.rate', { rate: f.number(job.rowsPerSecond) }) : null,
    job?.secondsLeft !== null && job?.secondsLeft !== undefined && job.status === 'running' ? t('imports.job.left', { time: durationText(t, job.secondsLeft) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const bar = (
    <Progress.Root
      size={compact ? 'sm' : 'lg'}
      role="progressbar"
      aria-labelledby={compact ? undefined : titleId}
      aria-label={compact ? title : undefined}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      aria-valuetext={count}
      data-testid="job-progress"
    >
      <Progress.Section value={pct ?? 100} withAria={false} striped={pct === null} animated={pct === null} color={pct === null ? 'gray.6' : 'brand'} />
    </Progress.Root>
  );
  if (compact)
    return (
      <Stack gap={2} miw={140}>
        {bar}
        <Text size="xs" c="dimmed">
          {count}
        </Text>
      </Stack>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="job">
      <Title order={2} fz="lg" id={titleId} mb="sm">
        {title}
      </Title>
      <Stack gap={6}>
        {bar}
        <Text size="sm" fw={600} data-testid="job-count">
          {count}
        </Text>
        {speed && (
          <Text size="sm" c="dimmed" data-testid="job-speed">
            {speed}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('imports.job.canLeave')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Undo a finished import, or cancel one not imported yet, each after a confirmation. */
export function useImportActions() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const run = async (imp: ImportSummary, action: 'undo' | 'cancel') => {
    try {
      const r = await post<ImportDetail>(`/api/imports/${imp.id}/${action}`, { version: imp.version });
      qc.setQueryData(importKey(imp.id), r);
      notify({ color: 'brand', message: action === 'undo' ? t('imports.undo.started') : t('imports.cancel.done') });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
      await qc.invalidateQueries({ queryKey: importKey(imp.id) });
    }
    await qc.invalidateQueries({ queryKey: ['imports'] });
  };
  const undo = (imp: ImportSummary) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('imports.undo.title'),
      children: (
        <Stack gap="xs">
          <Text size="sm" data-testid="undo-confirm">
            {t('imports.undo.confirm', {
              people: t('imports.count.people', { count: imp.importedRows, formatted: f.number(imp.importedRows) }),
              households: t('imports.count.households', { count: imp.householdsCreated, formatted: f.number(imp.householdsCreated) }),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.undo.note')}
          </Text>
        </Stack>
      ),
      labels: { confirm: t('imports.undo.action'), cancel: t('imports.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => void run(imp, 'undo'),
    });
  const cancel = (imp: ImportSummary) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('imports.cancel.title'),
      children: <Text size="sm">{t('imports.cancel.confirm', { file: imp.fileName })}</Text>,
      labels: { confirm: t('imports.cancel.action'), cancel: t('imports.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => void run(imp, 'cancel'),
    });
  return { undo, cancel };
}
