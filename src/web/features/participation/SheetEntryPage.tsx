import { Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, put } from '../../api.ts';
import { IconSearch } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { type Activity, activityKey } from '../activities/api.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { ActivityScreenHeader } from './parts.tsx';
import { type AttendancePage, type RegistrationsPage, type SheetResult, attendanceKey, registrationsKey } from './api.ts';

/**
 * Typing in a paper sign-in sheet afterwards: the registered people in the sheet's order (by
 * name), a tick for each signature, one save for all (method "sheet"); names written on the blank
 * rows are found or added with the person picker.
 */
export function SheetEntryPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { activityId } = useParams({ from: '/app/activities/$activityId/sheet' });
  const [filter, setFilter] = useState('');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [walkIns, setWalkIns] = useState<{ id: string; fullName: string }[]>([]);
  const activity = useQuery({ queryKey: activityKey(activityId), queryFn: () => get<Activity>(`/api/activities/${activityId}`) });
  const regs = useQuery({ queryKey: [...registrationsKey(activityId), 'sheet'], queryFn: () => get<RegistrationsPage>(`/api/activities/${activityId}/registrations`, { limit: 1000 }) });
  const came = useQuery({ queryKey: [...attendanceKey(activityId), 'sheet'], queryFn: () => get<AttendancePage>(`/api/activities/${activityId}/attendance`, { limit: 1000 }) });
  const already = useMemo(() => new Set((came.data?.items ?? []).map((a) => a.person.id)), [came.data]);
  const people = useMemo(
    () =>
      (regs.data?.items ?? [])
        .filter((r) => r.status !== 'cancelled')
        // the printed sheet's order: registered by name, then the waitlist by name
        .sort((a, b) => Number(a.status === 'waitlisted') - Number(b.status === 'waitlisted') || a.person.fullName.localeCompare(b.person.fullName)),
    [regs.data],
  );
  if (activity.isLoading || regs.isLoading || came.isLoading) return <Skeleton h={300} />;
  if (!activity.data) return <Alert color="red">{activity.error?.message}</Alert>;
  const a = activity.data;
  const needle = filter.trim().toLowerCase();
  const shown = needle ? people.filter((r) => r.person.fullName.toLowerCase().includes(needle)) : people;
  const toggle = (id: string, on: boolean) =>
    setTicked((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const save = async () => {
    if (!ticked.size) return;
    setBusy(true);
    try {
      const res = await post<SheetResult>(`/api/activities/${activityId}/attendance/sheet`, { personIds: [...ticked] });
      notify({ color: 'brand', message: t('participation.sheetSaved', { count: res.added }) });
      await qc.invalidateQueries({ queryKey: attendanceKey(activityId) });
      await qc.invalidateQueries({ queryKey: registrationsKey(activityId) });
      await navigate({ to: '/activities/$activityId', params: { activityId }, search: { tab: 'attendance' } });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ActivityScreenHeader title={t('participation.sheetTitle', { title: a.title })} activity={a} />
      <Stack gap="md">
        <Text size="sm">{t('participation.sheetIntro')}</Text>
        <TextInput label={t('participation.findPerson')} leftSection={<IconSearch size={16} />} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={420} />
        <Paper withBorder p="sm">
          <Stack gap={6} data-testid="sheet-list">
            {shown.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('participation.none')}
              </Text>
            )}
            {shown.map((r) => (
              <Checkbox
                key={r.id}
                label={`${r.person.fullName}${r.status === 'waitlisted' ? ` (${t('participation.status.waitlisted')})` : ''}`}
                description={already.has(r.person.id) ? t('participation.alreadyCame') : r.person.areaName ?? undefined}
                checked={already.has(r.person.id) || ticked.has(r.person.id)}
                disabled={already.has(r.person.id)}
                onChange={(e) => toggle(r.person.id, e.currentTarget.checked)}
              />
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="sm">
          <Title order={2} fz="md" mb="xs">
            {t('participation.sheetWalkIns')}
          </Title>
          {walkIns.length > 0 && (
            <Text size="sm" mb="xs">
              {t('participation.sheetWalkInsDone', { names: walkIns.map((w) => w.fullName).join(', ') })}
            </Text>
          )}
          <PersonPicker
            actionLabel={t('participation.markCame')}
            addLabel={t('participation.addAndMark')}
            consentPurpose={a.title}
            exclude={new Map([...already, ...walkIns.map((w) => w.id)].map((id) => [id, t('participation.came')]))}
            onPick={async (p) => {
              try {
                await put(`/api/activities/${activityId}/attendance/${p.id}`, { method: 'sheet' });
                setWalkIns((w) => [...w, p]);
                await qc.invalidateQueries({ queryKey: attendanceKey(activityId) });
              } catch (e) {
                notify({ color: 'red', message: (e as Error).message });
              }
            }}
          />
        </Paper>
        <Group justify="flex-end" gap="sm" style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', padding: '8px 0' }}>
          <Text size="sm">{t('participation.tickedCount', { count: ticked.size })}</Text>
          <Button onClick={() => void save()} loading={busy} disabled={!ticked.size}>
            {t('participation.saveSheet')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
