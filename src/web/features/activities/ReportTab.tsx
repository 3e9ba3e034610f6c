import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post, withQuery } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { DownloadMenu } from '../../ui/DownloadMenu.tsx';
import { notify } from '../../ui/notify.ts';
import { History } from '../history/History.tsx';
import { historyKey } from '../people/api.ts';
import type { Activity } from './api.ts';
import { ReportFigures } from './ReportFigures.tsx';
import { ReportPhotos } from './ReportPhotos.tsx';
import { type ActivityReport, figuresKey, reportKey } from './reportApi.ts';

const TEXT_MAX = 20_000;
const SECTIONS = ['summary', 'outcomes', 'followUps'] as const;

/** Write or change the report's text sections; the input stays after a refusal (a stale version too). */
function ReportForm({ activityId, report, onClose, onSaved }: { activityId: string; report: ActivityReport | null; onClose: () => void; onSaved: (r: ActivityReport) => Promise<void> }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ summary: report?.summary ?? '', outcomes: report?.outcomes ?? '', followUps: report?.followUps ?? '' });
  const { errors, busy, submit } = useFormSubmit(async () => {
    const body = { summary: v.summary.trim(), outcomes: v.outcomes.trim() || null, followUps: v.followUps.trim() || null };
    const url = `/api/activities/${activityId}/report`;
    await onSaved(report ? await patch<ActivityReport>(url, { ...body, version: report.version }) : await post<ActivityReport>(url, body));
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-form-title">
      <form onSubmit={submit} noValidate data-testid="report-form">
        <Stack gap="sm">
          <Title order={2} fz="md" id="report-form-title">
            {report ? t('report.editTitle') : t('report.writeTitle')}
          </Title>
          <ErrorAlert error={errors.error} shown={[...SECTIONS]} />
          {SECTIONS.map((s) => (
            <Textarea
              key={s}
              label={t(`report.${s}`)}
              description={t(`report.${s}Help`)}
              required={s === 'summary'}
              // opening the form on a phone brings it into view
              autoFocus={s === 'summary'}
              autosize
              minRows={s === 'summary' ? 4 : 2}
              maxRows={16}
              maxLength={TEXT_MAX}
              value={v[s]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setV((p) => ({ ...p, [s]: value }));
              }}
              error={errors.field(s)}
            />
          ))}
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Paper>
  );
}

/** Download the report as PDF or DOCX in the UI's language; the server records each export. */
function ReportExport({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const href = (format: 'pdf' | 'docx') => withQuery(`/api/activities/${activityId}/report.${format}`, { lang: currentLocale() });
  const recorded = () => setTimeout(() => void qc.invalidateQueries({ queryKey: historyKey('activity_report', activityId) }), 1500);
  return (
    <DownloadMenu
      label={t('report.export')}
      hint={t('report.exportHint')}
      testId="report-export"
      size="sm"
      onDownload={recorded}
      items={[
        { label: t('report.pdf'), href: href('pdf') },
        { label: t('report.docx'), href: href('docx') },
      ]}
    />
  );
}

function Section({ title, text }: { title: string; text: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={3} fz="sm" mb={4}>
        {title}
      </Title>
      {text ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('report.empty')}
        </Text>
      )}
    </div>
  );
}

/**
 * The activity's "Report" tab: attendance figures counted from registrations and attendance, the
 * report's sections (what happened, outcomes, follow-ups), its captioned photos, exports to PDF and
 * DOCX, and the report's own history.
 */
export function ReportTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const id = activity.id;
  const q = useQuery({ queryKey: reportKey(id), queryFn: () => get<ActivityReport | null>(`/api/activities/${id}/report`) });
  const [editing, setEditing] = useState(false);
  const canWrite = can('activities.write');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: reportKey(id) });
    await qc.invalidateQueries({ queryKey: figuresKey(id) });
    await qc.invalidateQueries({ queryKey: historyKey('activity_report', id) });
  };
  const report = q.data ?? null;
  const remove = () =>
    deleteWithUndo(t, {
      title: t('report.deleteTitle'),
      message: t('report.deleteConfirm'),
      deleted: t('report.deleted'),
      restored: t('report.restored'),
      remove: () => del(`/api/activities/${id}/report`),
      restore: async () => {
        await post(`/api/activities/${id}/report/restore`);
        await refresh();
      },
      after: refresh,
    });

  return (
    <Stack gap="md" data-testid="report-tab">
      <ReportFigures activityId={id} />
      {q.isLoading && <Skeleton h={160} />}
      {q.error && (
        <Alert color="red" title={t('common.errorTitle')}>
          {q.error.message}
        </Alert>
      )}
      {q.isSuccess && editing && (
        <ReportForm
          activityId={id}
          report={report}
          onClose={() => setEditing(false)}
          onSaved={async (saved) => {
            qc.setQueryData(reportKey(id), saved);
            setEditing(false);
            await refresh();
            notify({ color: 'brand', message: report ? t('report.saved') : t('report.created') });
          }}
        />
      )}
      {q.isSuccess && !editing && !report && (
        <Paper withBorder p="md" component="section" aria-labelledby="no-report-title">
          <Title order={2} fz="md" id="no-report-title">
            {t('report.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {activity.status === 'planned' ? t('report.noneYetPlanned') : t('report.noneYet')}
          </Text>
          {canWrite && (
            <Button mt="sm" onClick={() => setEditing(true)}>
              {t('report.write')}
            </Button>
          )}
        </Paper>
      )}
      {report && !editing && (
        <Paper withBorder p="md" component="section" aria-labelledby="report-title">
          <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
            <div>
              <Title order={2} fz="md" id="report-title">
                {t('report.title')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('report.byline', { name: report.updatedBy?.name ?? report.createdBy?.name ?? '—', date: f.dateTime(report.updatedAt) })}
              </Text>
            </div>
            <Group gap="xs">
              <ReportExport activityId={id} />
              {canWrite && (
                <Button size="sm" variant="default" onClick={() => setEditing(true)}>
                  {t('report.editButton')}
                </Button>
              )}
              {can('activities.delete') && (
                <Button size="sm" variant="subtle" color="red" onClick={remove}>
                  {t('report.deleteButton')}
                </Button>
              )}
            </Group>
          </Group>
          <Stack gap="md">
            <Section title={t('report.summary')} text={report.summary} />
            <Section title={t('report.outcomes')} text={report.outcomes} />
            <Section title={t('report.followUps')} text={report.followUps} />
            <ReportPhotos report={report} canWrite={canWrite} />
          </Stack>
        </Paper>
      )}
      {report && <History type="activity_report" id={id} titleKey="report.history" />}
    </Stack>
  );
}
