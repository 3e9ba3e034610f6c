import { Alert, Badge, Box, Button, Card, Group, NativeSelect, NumberInput, Paper, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { notify } from '../../ui/notify.ts';
import { HOURS_COLORS, type OpenRole, type SelfView, type Shift, hoursText, shiftText } from './api.ts';

/** Dates as written (YYYY-MM-DD → "12 Mar 2026"), with no sign-in needed. */
function useDate() {
  const { i18n } = useTranslation();
  return useCallback(
    (ymd: string) => {
      const [y, m, d] = ymd.split('-').map(Number);
      return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    },
    [i18n.language],
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Box component="section" aria-label={title} data-testid={testId}>
      <Title order={2} fz="lg" mb="xs">
        {title}
      </Title>
      {children}
    </Box>
  );
}

function ReportHours({ view, token }: { view: SelfView; token: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ date: view.today, hours: 2 as number | string, activityId: '', note: '' });
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/v/${encodeURIComponent(token)}/hours`, { date: v.date, hours: Number(v.hours), activityId: v.activityId || null, note: v.note.trim() || null });
    await qc.invalidateQueries({ queryKey: ['volunteer-self', token] });
    notify({ color: 'brand', message: t('volunteerSelf.hoursSent') });
    setV({ date: view.today, hours: 2, activityId: '', note: '' });
  });
  return (
    <Paper withBorder p="sm">
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="report-hours">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['date', 'hours', 'activityId', 'note']} />
          <Group grow gap="xs" align="flex-start">
            <TextInput label={t('volunteerSelf.date')} type="date" required max={view.today} value={v.date} onChange={(e) => setV({ ...v, date: e.currentTarget.value })} error={errors.field('date')} />
            <NumberInput label={t('volunteerSelf.hours')} required min={0.25} max={24} step={0.25} decimalScale={2} value={v.hours} onChange={(x) => setV({ ...v, hours: x })} error={errors.field('hours')} />
          </Group>
          <NativeSelect
            label={t('volunteerSelf.activity')}
            value={v.activityId}
            onChange={(e) => setV({ ...v, activityId: e.currentTarget.value })}
            data={[{ value: '', label: t('volunteerSelf.noActivity') }, ...view.activities.map((a) => ({ value: a.id, label: `${a.title} (${a.date})` }))]}
            error={errors.field('activityId')}
          />
          <Textarea label={t('volunteerSelf.note')} description={t('volunteerSelf.noteHelp')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} maxLength={1000} error={errors.field('note')} />
          <Button type="submit" loading={busy}>
            {t('volunteerSelf.sendHours')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A volunteer's own page through their personal link: no account, a phone is enough. */
export function SelfPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams({ from: '/v/$token' });
  const qc = useQueryClient();
  const date = useDate();
  const q = useQuery({ queryKey: ['volunteer-self', token], queryFn: () => get<SelfView>(`/api/v/${encodeURIComponent(token)}`), retry: false });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['volunteer-self', token] });

  async function signUp(r: OpenRole) {
    setBusy(r.id);
    setError(null);
    try {
      await post(`/api/v/${encodeURIComponent(token)}/roles/${r.id}/signup`);
      notify({ color: 'brand', message: t('volunteerSelf.signedUp', { role: r.name, activity: r.activity.title }) });
      await refresh();
    } catch (e) {
      setError((e as Error).message);
      await refresh();
    } finally {
      setBusy(null);
    }
  }
  const withdraw = (s: Shift) =>
    modals.openConfirmModal({
      title: t('volunteerSelf.withdrawTitle'),
      children: <Text size="sm">{t('volunteerSelf.withdrawConfirm', { role: s.roleName, activity: s.activity.title })}</Text>,
      labels: { confirm: t('volunteerSelf.withdraw'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('common.close') },
      onConfirm: async () => {
        try {
          await post(`/api/v/${encodeURIComponent(token)}/shifts/${s.id}/cancel`);
          await refresh();
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });

  if (q.isLoading)
    return (
      <AuthLayout title={t('volunteerSelf.title')} width={640}>
        <Skeleton h={200} />
      </AuthLayout>
    );
  if (!q.data)
    return (
      <AuthLayout title={t('volunteerSelf.title')} width={640}>
        <Alert color="red" title={t('volunteerSelf.badLinkTitle')}>
          {t('volunteerSelf.badLink')}
        </Alert>
      </AuthLayout>
    );
  const v = q.data;
  const skill = (code: string) => v.skillLabels.find((s) => s.code === code)?.label[i18n.language === 'en' ? 'en' : 'id'] ?? code;
  return (
    <AuthLayout title={t('volunteerSelf.hello', { name: v.name })} subtitle={t('volunteerSelf.subtitle', { org: v.organization, hours: hoursText(t, i18n.language, v.approvedHours) })} width={640}>
      <Stack gap="lg">
        {v.status !== 'active' && (
          <Alert color="orange" data-testid="not-active">
            {t(`volunteerSelf.status_${v.status}`)}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="signup-error" withCloseButton onClose={() => setError(null)} closeButtonLabel={t('common.close')}>
            {error}
          </Alert>
        )}
        <Section title={t('volunteerSelf.myShifts')} testId="my-shifts">
          {v.shifts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('volunteerSelf.noShifts')}
            </Text>
          ) : (
            <Stack gap="xs">
              {v.shifts.map((s) => (
                <Card key={s.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
                    <Box style={{ minWidth: 0, flex: '1 1 200px' }}>
                      <Text fw={600}>{s.activity.title}</Text>
                      <Text size="sm">
                        {s.roleName} · {shiftText(s, date)}
                      </Text>
                      {s.activity.venue && (
                        <Text size="sm" c="dimmed">
                          {s.activity.venue}
                        </Text>
                      )}
                    </Box>
                    {Date.parse(s.startsAt) > Date.now() && (
                      <Button size="xs" variant="subtle" color="red" style={{ flexShrink: 0 }} onClick={() => withdraw(s)} aria-label={t('volunteerSelf.withdrawFrom', { role: s.roleName, activity: s.activity.title })}>
                        {t('volunteerSelf.withdraw')}
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
        </Section>
        {v.status === 'active' && (
          <Section title={t('volunteerSelf.openRoles')} testId="open-roles">
            {v.openRoles.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('volunteerSelf.noOpenRoles')}
              </Text>
            ) : (
              <Stack gap="xs">
                {v.openRoles.map((r) => (
                  <Card key={r.id} withBorder padding="sm" data-testid="open-role">
                    <Text fw={600}>{r.activity.title}</Text>
                    <Text size="sm">
                      {r.name} · {shiftText(r, date)}
                    </Text>
                    {(r.activity.venue || r.activity.area) && (
                      <Text size="sm" c="dimmed">
                        {[r.activity.venue, r.activity.area].filter(Boolean).join(' — ')}
                      </Text>
                    )}
                    <Group justify="space-between" mt={6} gap="xs">
                      <Group gap={4}>
                        <Badge variant="light" tt="none">
                          {t('volunteerSelf.places', { count: r.needed - r.taken })}
                        </Badge>
                        {r.skills.map((s) => (
                          <Badge key={s} variant="outline" color="gray" tt="none">
                            {skill(s)}
                          </Badge>
                        ))}
                      </Group>
                      {r.clash ? (
                        <Text size="xs" c="orange.9">
                          {t('volunteerSelf.clash')}
                        </Text>
                      ) : (
                        <Button size="xs" loading={busy === r.id} onClick={() => void signUp(r)} aria-label={t('volunteerSelf.signUpFor', { role: r.name, activity: r.activity.title })}>
                          {t('volunteerSelf.signUp')}
                        </Button>
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            )}
          </Section>
        )}
        <Section title={t('volunteerSelf.reportHours')} testId="report-section">
          <ReportHours view={v} token={token} />
        </Section>
        <Section title={t('volunteerSelf.myHours')} testId="my-hours">
          {v.hours.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('volunteerSelf.noHours')}
            </Text>
          ) : (
            <Stack gap={6}>
              {v.hours.map((h) => (
                <Group key={h.id} justify="space-between" wrap="wrap" align="flex-start" gap={4}>
                  <Box style={{ minWidth: 0, flex: '1 1 180px' }}>
                    <Text size="sm">
                      {date(h.date)} · {hoursText(t, i18n.language, h.hours)}
                    </Text>
                    {(h.activity || h.note) && (
                      <Text size="xs" c="dimmed">
                        {[h.activity?.title, h.note].filter(Boolean).join(' — ')}
                      </Text>
                    )}
                    {h.reviewReason && (
                      <Text size="xs" c="red.8">
                        {t('volunteerSelf.reason', { reason: h.reviewReason })}
                      </Text>
                    )}
                  </Box>
                  <Badge color={HOURS_COLORS[h.status]} variant="light" style={{ flexShrink: 0, minWidth: 'max-content' }}>
                    {t(`volunteers.hoursStatus.${h.status}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
        <Text size="xs" c="dimmed">
          {t('volunteerSelf.privacy', { org: v.organization, tz: v.timeZone })}
        </Text>
      </Stack>
    </AuthLayout>
  );
}
