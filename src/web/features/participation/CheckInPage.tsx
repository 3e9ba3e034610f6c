import { Alert, Badge, Button, CloseButton, Group, Paper, SegmentedControl, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCode, normaliseCode } from '../../../domain/participation.ts';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { IconSearch } from '../../ui/icons.tsx';
import { type Activity, activityKey } from '../activities/api.ts';
import type { PeoplePage } from '../people/api.ts';
import { PersonPicker, personFacts } from '../people/PersonPicker.tsx';
import { type AttendancePage, type Registration, attendanceKey, registrationsKey } from './api.ts';
import { ActivityScreenHeader } from './parts.tsx';
import { QrScanner } from './QrScanner.tsx';
import { type QueuedCheckIn, useCheckInQueue } from './queue.ts';

/** Every page of a cursor-paged list (an activity's registrations and attendance: hundreds at most). */
async function all<T>(url: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: T[]; nextCursor: string | null }>(url, { limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

type Mode = 'search' | 'scan' | 'walkin';

/**
 * The check-in screen, for a phone at the door or a laptop on the registration desk: tick people
 * (registered first, then the registry), scan their QR code, type a code, add walk-ins. Every
 * check-in goes through the device's queue (queue.ts), so a lost connection only delays it.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { activityId } = useParams({ from: '/app/activities/$activityId/check-in' });
  const online = useOnline();
  const [mode, setMode] = useState<Mode>('search');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [lastScan, setLastScan] = useState<{ text: string; ok: boolean } | null>(null);
  const [came, setCame] = useState<Set<string>>(new Set());

  const activity = useQuery({ queryKey: activityKey(activityId), queryFn: () => get<Activity>(`/api/activities/${activityId}`) });
  const regs = useQuery({ queryKey: [...registrationsKey(activityId), 'all'], queryFn: () => all<Registration>(`/api/activities/${activityId}/registrations`), staleTime: 60_000 });
  const attendance = useQuery({ queryKey: [...attendanceKey(activityId), 'all'], queryFn: () => all<AttendancePage['items'][number]>(`/api/activities/${activityId}/attendance`), staleTime: 60_000 });
  const registry = useQuery({
    queryKey: ['people', 'checkin', debounced],
    queryFn: () => get<PeoplePage>('/api/people', { q: debounced, limit: 10 }),
    enabled: mode === 'search' && debounced.length >= 2 && online,
    placeholderData: keepPreviousData,
  });

  const byCode = useMemo(() => new Map((regs.data ?? []).map((r) => [r.code, r])), [regs.data]);
  const inSet = useMemo(() => {
    const s = new Set(came);
    for (const a of attendance.data ?? []) s.add(a.person.id);
    for (const r of regs.data ?? []) if (r.checkedInAt) s.add(r.person.id);
    return s;
  }, [came, attendance.data, regs.data]);

  const queue = useCheckInQueue(activityId, (item: QueuedCheckIn, res) => {
    setCame((s) => new Set(s).add(res.item.person.id));
    if (item.code) setLastScan({ text: t(res.created ? 'participation.scanOk' : 'participation.scanAgain', { name: res.item.person.fullName }), ok: true });
    void qc.invalidateQueries({ queryKey: registrationsKey(activityId), refetchType: 'none' });
    void qc.invalidateQueries({ queryKey: attendanceKey(activityId), refetchType: 'none' });
  });
  const pendingPeople = new Set(queue.pending.map((x) => x.personId).filter(Boolean));
  const pendingCodes = new Set(queue.pending.map((x) => x.code).filter(Boolean));

  const tick = (p: { id: string; fullName: string }, method: 'list' | 'walk_in') => queue.enqueue({ personId: p.id, method, label: p.fullName });
  const takeCode = (text: string) => {
    const c = normaliseCode(text);
    if (!c) {
      setLastScan({ text: t('participation.notACode'), ok: false });
      return false;
    }
    const r = byCode.get(c);
    if (r && inSet.has(r.person.id)) {
      setLastScan({ text: t('participation.scanAgain', { name: r.person.fullName }), ok: true });
      return true;
    }
    queue.enqueue({ code: c, method: 'qr', label: r ? r.person.fullName : formatCode(c) });
    setLastScan({ text: r ? t('participation.scanQueued', { name: r.person.fullName }) : t('participation.scanQueued', { name: formatCode(c) }), ok: true });
    return true;
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    setCodeError(null);
    if (takeCode(code)) setCode('');
    else setCodeError(t('participation.notACode'));
  };

  if (activity.isLoading) return <Skeleton h={300} />;
  if (!activity.data) return <Alert color="red">{activity.error?.message}</Alert>;
  const a = activity.data;
  const needle = debounced.toLowerCase();
  const active = (regs.data ?? []).filter((r) => r.status !== 'cancelled');
  const shown = needle ? active.filter((r) => r.person.fullName.toLowerCase().includes(needle) || r.code === normaliseCode(debounced) || (r.person.phone ?? '').includes(needle.replace(/^0/, ''))) : active;
  const registeredIds = new Set(active.map((r) => r.person.id));
  const others = (registry.data?.items ?? []).filter((p) => !registeredIds.has(p.id));

  const stateOf = (personId: string) => (inSet.has(personId) ? 'in' : pendingPeople.has(personId) ? 'pending' : 'out');
  const tickButton = (p: { id: string; fullName: string }, method: 'list' | 'walk_in') => {
    const s = stateOf(p.id);
    if (s === 'in')
      return (
        <Badge color="teal" variant="light" tt="none" data-testid="came">
          ✓ {t('participation.came')}
        </Badge>
      );
    if (s === 'pending')
      return (
        <Badge color="orange" variant="light" tt="none" data-testid="pending">
          {t('participation.pending')}
        </Badge>
      );
    return (
      <Button size="xs" onClick={() => tick(p, method)} aria-label={`${t('participation.checkIn')}: ${p.fullName}`}>
        {t('participation.checkIn')}
      </Button>
    );
  };

  return (
    <>
      <ActivityScreenHeader title={t('participation.checkInTitle', { title: a.title })} activity={a} />
      <Stack gap="md">
        {a.status === 'cancelled' && <Alert color="gray">{t('participation.closedHelp')}</Alert>}
        <Paper withBorder p="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" data-testid="checkin-count">
              <Text span fw={700} fz="lg">
                {f.number(inSet.size)}
              </Text>{' '}
              {t('participation.cameOf', { count: active.filter((r) => r.status === 'registered').length })}
            </Text>
            <Group gap={6}>
              <Badge color={online ? 'teal' : 'red'} variant="light" tt="none" data-testid="connection">
                {online ? t('participation.online') : t('participation.offline')}
              </Badge>
              {queue.pending.length > 0 && (
                <Badge color="orange" variant="outline" tt="none" data-testid="pending-count">
                  {t('participation.pendingCount', { count: queue.pending.length })}
                </Badge>
              )}
            </Group>
          </Group>
          {queue.pending.length > 0 && (
            <Group gap="xs" mt={6} wrap="wrap">
              <Text size="xs" c="dimmed">
                {t('participation.pendingHelp')}
              </Text>
              <Button size="compact-xs" variant="default" onClick={() => void queue.flush()}>
                {t('participation.sendNow')}
              </Button>
            </Group>
          )}
          {queue.failed.map((x) => (
            <Alert key={x.key} color="red" mt="xs" p="xs" withCloseButton={false}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">
                  {x.label}: {x.error}
                </Text>
                <CloseButton size="sm" aria-label={t('common.close')} onClick={() => queue.dismiss(x.key)} />
              </Group>
            </Alert>
          ))}
        </Paper>

        <form onSubmit={submitCode} noValidate>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('participation.codeInput')}
              description={t('participation.codeInputHelp')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={codeError}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              data-testid="code-input"
            />
            <Button type="submit" mt={46} variant="default">
              {t('participation.checkIn')}
            </Button>
          </Group>
        </form>

        <SegmentedControl
          fullWidth
          value={mode}
          onChange={(v) => setMode(v as Mode)}
          data={[
            { value: 'search', label: t('participation.modes.search') },
            { value: 'scan', label: t('participation.modes.scan') },
            { value: 'walkin', label: t('participation.modes.walkin') },
          ]}
          aria-label={t('participation.modes.label')}
        />

        {lastScan && (
          <Alert color={lastScan.ok ? 'teal' : 'orange'} data-testid="scan-result" p="xs">
            {lastScan.text}
          </Alert>
        )}

        {mode === 'scan' && <QrScanner onCode={(text) => void takeCode(text)} />}

        {mode === 'walkin' && (
          <PersonPicker
            actionLabel={t('participation.checkIn')}
            addLabel={t('participation.addAndCheckIn')}
            consentPurpose={a.title}
            exclude={new Map([...inSet].map((id) => [id, t('participation.came')]))}
            onPick={(p) => tick(p, 'walk_in')}
          />
        )}

        {mode === 'search' && (
          <Stack gap="xs">
            <TextInput label={t('participation.findPerson')} placeholder={t('participation.findPlaceholder')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} autoComplete="off" />
            {regs.isLoading ? (
              <Skeleton h={80} />
            ) : (
              <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('participation.registeredList')} data-testid="checkin-registered">
                {shown.length === 0 && (
                  <Text size="sm" c="dimmed" component="li">
                    {needle ? t('participation.noRegisteredMatch') : t('participation.none')}
                  </Text>
                )}
                {shown.map((r) => (
                  <Group key={r.id} component="li" justify="space-between" gap="xs" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="checkin-row">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {r.person.fullName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[r.status === 'waitlisted' ? t('participation.status.waitlisted') : null, r.person.areaName, r.person.birthYear].filter(Boolean).join(' · ') || formatCode(r.code)}
                      </Text>
                    </div>
                    {pendingCodes.has(r.code) && stateOf(r.person.id) === 'out' ? (
                      <Badge color="orange" variant="light" tt="none">
                        {t('participation.pending')}
                      </Badge>
                    ) : (
                      tickButton(r.person, 'list')
                    )}
                  </Group>
                ))}
              </Stack>
            )}
            {debounced.length >= 2 && online && (
              <Stack gap={4} mt="xs">
                <Text size="sm" fw={600}>
                  {t('participation.fromRegistry')}
                </Text>
                {others.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {registry.isFetching ? t('common.loading') : t('participation.noRegistryMatch')}
                  </Text>
                ) : (
                  <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('participation.fromRegistry')}>
                    {others.map((p) => (
                      <Group key={p.id} component="li" justify="space-between" gap="xs" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="checkin-registry-row">
                        <div style={{ minWidth: 0 }}>
                          <Text fw={600} size="sm">
                            {p.fullName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {personFacts(t, p) || '—'} · {t('participation.notRegistered')}
                          </Text>
                        </div>
                        {tickButton(p, 'walk_in')}
                      </Group>
                    ))}
                  </Stack>
                )}
              </Stack>
            )}
            {!online && debounced.length >= 2 && (
              <Text size="xs" c="dimmed">
                {t('participation.registryOffline')}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </>
  );
}
