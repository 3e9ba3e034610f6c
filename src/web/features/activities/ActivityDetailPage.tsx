import { Alert, Badge, Button, Grid, Group, Modal, Paper, Radio, Skeleton, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post } from '../../api.ts';
import { ACTIVITY_TABS, type ActivityTab } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { History } from '../history/History.tsx';
import { AttendanceTab } from '../participation/AttendanceTab.tsx';
import { RegistrationsTab } from '../participation/RegistrationsTab.tsx';
import { areaText } from '../people/labels.ts';
import { type Activity, type ActivityChange, STATUS_COLORS, activityKey, money, timeText, useTypeOptions } from './api.ts';
import { ActivityVolunteers } from '../volunteers/ActivityVolunteers.tsx';
import { ReportTab } from './ReportTab.tsx';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, sm: 6 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Grid.Col>
  );
}

/** Cancelling asks why (and, in a series, whether the following occurrences are cancelled too). */
function CancelDialog({ a, opened, onClose, onDone }: { a: Activity; opened: boolean; onClose: () => void; onDone: (res: ActivityChange) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const { errors, busy, submit } = useFormSubmit(async () => onDone(await patch<ActivityChange>(`/api/activities/${a.id}?scope=${scope}`, { status: 'cancelled', cancelReason: reason.trim() || null, version: a.version })));
  return (
    <Modal opened={opened} onClose={onClose} title={t('activities.cancelTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="cancel-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['cancelReason']} />
          <Textarea label={t('activities.cancelReason')} required data-autofocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('cancelReason')} autosize minRows={2} maxLength={1000} />
          {a.series && (
            <Radio.Group label={t('activities.scope.label')} value={scope} onChange={(s) => setScope(s as 'one' | 'following')}>
              <Stack gap={4} mt={4}>
                <Radio value="one" label={t('activities.scope.one')} />
                <Radio value="following" label={t('activities.scope.following')} />
              </Stack>
            </Radio.Group>
          )}
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('activities.cancelConfirm')} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}

export function ActivityDetailPage() {
  const { t, i18n } = useTranslation();
  const { activityId } = useParams({ from: '/app/activities/$activityId' });
  const q = useQuery({ queryKey: activityKey(activityId), queryFn: () => get<Activity>(`/api/activities/${activityId}`) });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { label } = useTypeOptions();
  const [cancelling, setCancelling] = useState(false);
  const tab = useSearch({ from: '/app/activities/$activityId' }).tab ?? 'details';
  const setTab = (v: string | null) => v && ACTIVITY_TABS.includes(v as ActivityTab) && void navigate({ to: '/activities/$activityId', params: { activityId }, search: { tab: v as ActivityTab }, replace: true });

  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const a = q.data;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['activities'] });
    await qc.invalidateQueries({ queryKey: activityKey(activityId) });
    await qc.invalidateQueries({ queryKey: ['history', 'activity', activityId] });
  };
  const remove = (scope: 'one' | 'following') =>
    deleteWithUndo(t, {
      title: t('activities.deleteTitle'),
      message: scope === 'following' ? t('activities.deleteFollowingConfirm', { name: a.title }) : t('activities.deleteConfirm', { name: a.title }),
      deleted: scope === 'following' ? t('activities.deletedMany') : t('activities.deleted', { name: a.title }),
      restored: t('activities.restored', { name: a.title }),
      remove: () => del(`/api/activities/${activityId}?scope=${scope}`),
      restore: async () => {
        await post(`/api/activities/${activityId}/restore`);
        await qc.invalidateQueries({ queryKey: ['activities'] });
        await navigate({ to: '/activities/$activityId', params: { activityId } });
      },
      after: async () => {
        await qc.invalidateQueries({ queryKey: ['activities'] });
        qc.removeQueries({ queryKey: activityKey(activityId) });
        await navigate({ to: '/activities', search: { d: a.startDate } });
      },
    });
  const rule = a.series?.rule as { freq?: string; interval?: number } | undefined;
  return (
    <>
      <PageHeader
        title={a.title}
        actions={
          <>
            {can('activities.write') && (
              <ButtonLink to="/activities/$activityId/edit" params={{ activityId }} variant="default">
                {t('common.edit')}
              </ButtonLink>
            )}
            {can('activities.write') && a.status !== 'cancelled' && (
              <Button variant="default" color="red" onClick={() => setCancelling(true)}>
                {t('activities.cancelActivity')}
              </Button>
            )}
            {can('activities.delete') && (
              <Button variant="subtle" color="red" onClick={() => remove('one')}>
                {a.series ? t('activities.deleteOne') : t('common.delete')}
              </Button>
            )}
            {can('activities.delete') && a.series && (
              <Button variant="subtle" color="red" onClick={() => remove('following')}>
                {t('activities.deleteFollowing')}
              </Button>
            )}
          </>
        }
      >
        <Group gap={6}>
          <Badge variant="light" tt="none">
            {label(a.type)}
          </Badge>
          <Badge color={STATUS_COLORS[a.status]} variant="light" data-testid="activity-status">
            {t(`activities.status.${a.status}`)}
          </Badge>
          {a.series && (
            <Badge variant="outline" color="gray" tt="none">
              {a.series.detached ? t('activities.detached') : t('activities.recurring')}
            </Badge>
          )}
        </Group>
      </PageHeader>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details">{t('activities.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="registrations">{t('activities.tabs.registrations')}</Tabs.Tab>
          <Tabs.Tab value="attendance">{t('activities.tabs.attendance')}</Tabs.Tab>
          <Tabs.Tab value="volunteers">{t('volunteers.tab')}</Tabs.Tab>
          <Tabs.Tab value="report">{t('report.tab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('activities.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack gap="md">
            {a.status === 'cancelled' && (
              <Alert color="gray" title={t('activities.cancelledTitle')} data-testid="cancel-reason">
                {a.cancelReason}
              </Alert>
            )}
            <Paper withBorder p="md" component="section" aria-label={t('activities.details')}>
              <Grid gap="sm">
                <Row label={t('activities.when')}>
                  {f.date(a.startDate)}
                  {a.startDate === a.endDate || a.allDay ? ' · ' : ' '}
                  {timeText(t, a, f.date)} <Text span size="xs" c="dimmed">({a.timeZone})</Text>
                </Row>
                <Row label={t('activities.repeat.label')}>{rule?.freq ? t(`activities.repeat.summary_${rule.freq}_${(rule.interval ?? 1) > 1 ? 'other' : 'one'}`, { count: rule.interval ?? 1 }) : t('activities.repeat.none')}</Row>
                <Row label={t('activities.program')}>
                  {a.program ? (
                    <Link to="/programs/$programId" params={{ programId: a.program.id }}>
                      {a.program.name}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Row>
                <Row label={t('activities.result')}>{a.result ? a.result.statement : '—'}</Row>
                <Row label={t('activities.venue')}>{a.venue ?? '—'}</Row>
                <Row label={t('activities.area')}>{a.area ? areaText(a.area.path) : '—'}</Row>
                {a.latitude != null && (
                  <Row label={t('activities.mapPoint')}>
                    <a href={`https://www.openstreetmap.org/?mlat=${a.latitude}&mlon=${a.longitude}#map=16/${a.latitude}/${a.longitude}`} target="_blank" rel="noreferrer">
                      {a.latitude}, {a.longitude}
                    </a>
                  </Row>
                )}
                <Row label={t('activities.capacity')}>{a.capacity != null ? f.number(a.capacity) : '—'}</Row>
                <Row label={t('activities.facilitators')}>{a.facilitators.length ? a.facilitators.map((m) => m.name).join(', ') : '—'}</Row>
                <Row label={t('activities.plannedCost')}>{a.plannedCost != null ? money(i18n.language, a.plannedCost, a.currency) : '—'}</Row>
              </Grid>
            </Paper>
            <Paper withBorder p="md" component="section" aria-label={t('activities.description')}>
              <Title order={2} fz="md" mb={6}>
                {t('activities.description')}
              </Title>
              {a.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Text> : <Text size="sm" c="dimmed">{t('activities.noDescription')}</Text>}
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="registrations">
          <RegistrationsTab activity={a} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance">
          <AttendanceTab activity={a} />
        </Tabs.Panel>
        <Tabs.Panel value="volunteers">
          <ActivityVolunteers activity={a} />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ReportTab activity={a} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <History type="activity" id={a.id} />
        </Tabs.Panel>
      </Tabs>
      <CancelDialog
        key={a.version}
        a={a}
        opened={cancelling}
        onClose={() => setCancelling(false)}
        onDone={async (res) => {
          setCancelling(false);
          qc.setQueryData(activityKey(activityId), res.item);
          await refresh();
          notify({ color: 'brand', message: res.affected > 1 ? t('activities.cancelledMany', { count: res.affected }) : t('activities.cancelled') });
        }}
      />
    </>
  );
}
