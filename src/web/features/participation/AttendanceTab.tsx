import { Badge, Button, Group, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, put } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconSearch } from '../../ui/icons.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import type { Activity } from '../activities/api.ts';
import { PickerPanel } from './parts.tsx';
import { type Attendance, type AttendancePage, attendanceKey, registrationsKey } from './api.ts';

/** Who came: the list, corrections afterwards (remove with undo, add), and the ways to record it. */
export function AttendanceTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [busyId, setBusyId] = useState<string | null>(null);
  const id = activity.id;
  const list = useInfiniteQuery({
    queryKey: [...attendanceKey(id), debounced],
    queryFn: ({ pageParam }) => get<AttendancePage>(`/api/activities/${id}/attendance`, { q: debounced || undefined, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const writable = can('activities.write');
  const cancelled = activity.status === 'cancelled';
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: attendanceKey(id) });
    await qc.invalidateQueries({ queryKey: registrationsKey(id) });
    void qc.invalidateQueries({ queryKey: ['history', 'activity', id] });
  };
  const add = async (p: { id: string; fullName: string }) => {
    setBusyId(p.id);
    try {
      const res = await put<{ created: boolean }>(`/api/activities/${id}/attendance/${p.id}`, { method: 'correction' });
      notify({ color: res.created ? 'brand' : 'orange', message: res.created ? t('participation.attendanceAdded', { name: p.fullName }) : t('participation.alreadyIn', { name: p.fullName }) });
      await refresh();
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    } finally {
      setBusyId(null);
    }
  };
  const remove = (a: Attendance) =>
    deleteWithUndo(t, {
      title: t('participation.removeTitle'),
      message: t('participation.removeConfirm', { name: a.person.fullName }),
      deleted: t('participation.removed', { name: a.person.fullName }),
      restored: t('participation.putBack', { name: a.person.fullName }),
      remove: async () => {
        await del(`/api/activities/${id}/attendance/${a.person.id}`);
        await refresh();
      },
      restore: async () => {
        await put(`/api/activities/${id}/attendance/${a.person.id}`, { method: a.method, checkedInAt: a.checkedInAt });
        await refresh();
      },
    });

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-label={t('participation.attendanceTools')}>
        <Text size="sm" mb="xs">
          {t('participation.attendanceIntro')}
        </Text>
        <Group gap="xs" wrap="wrap">
          {!cancelled && writable && (
            <ButtonLink to="/activities/$activityId/check-in" params={{ activityId: id }} size="sm">
              {t('participation.openCheckIn')}
            </ButtonLink>
          )}
          <Button component="a" href={`/api/activities/${id}/sign-in-sheet.pdf`} size="sm" variant="default" download>
            {t('participation.sheetPdf')}
          </Button>
          {!cancelled && writable && (
            <ButtonLink to="/activities/$activityId/sheet" params={{ activityId: id }} size="sm" variant="default">
              {t('participation.typeSheet')}
            </ButtonLink>
          )}
        </Group>
      </Paper>
      {writable && !cancelled && (
        <PickerPanel
          title={t('participation.addAttendance')}
          picker={{
            actionLabel: t('participation.markCame'),
            addLabel: t('participation.addAndMark'),
            busyId,
            exclude: new Map(items.map((a) => [a.person.id, t('participation.checkedIn')])),
            consentPurpose: activity.title,
            onPick: add,
          }}
        />
      )}
      <TextInput label={t('participation.searchAttendance')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={420} />
      <Text size="sm" data-testid="attendance-total">
        {total !== undefined ? t('participation.attendedCount', { count: total }) : ''}
      </Text>
      {list.isLoading ? (
        <Skeleton h={100} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {debounced ? t('common.nothingFound') : t('participation.noAttendance')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('participation.attendanceList')} data-testid="attendance-list">
          {items.map((a) => (
            <li key={a.person.id} data-testid="attendance-row" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <AnchorLink to="/people/$personId" params={{ personId: a.person.id }} fw={600}>
                      {a.person.fullName}
                    </AnchorLink>
                    <Badge variant="light" color="gray" tt="none">
                      {t(`participation.method.${a.method}`)}
                    </Badge>
                    {a.registrationStatus !== 'registered' && (
                      <Badge variant="outline" color="orange" tt="none">
                        {a.registrationStatus ? t(`participation.status.${a.registrationStatus}`) : t('participation.notRegistered')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {f.dateTime(a.checkedInAt)}
                    {a.recordedByName ? ` · ${a.recordedByName}` : ''}
                  </Text>
                </div>
                {writable && (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove(a)} aria-label={`${t('participation.remove')}: ${a.person.fullName}`}>
                    {t('participation.remove')}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
    </Stack>
  );
}
