import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCode } from '../../../domain/participation.ts';
import { ApiError, get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { IconSearch } from '../../ui/icons.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import type { Activity } from '../activities/api.ts';
import { type Registration, type RegistrationChange, type RegistrationLink, type RegistrationsPage, REGISTRATION_COLORS, attendanceKey, linkKey, registrationsKey } from './api.ts';
import { LinkPanel } from './LinkPanel.tsx';
import { PickerPanel } from './parts.tsx';
import { QrCode } from './QrCode.tsx';
import { printCode } from './print.ts';

type Filter = '' | 'registered' | 'waitlisted' | 'cancelled' | 'review';

/** Whom the waitlist moved up, as a sentence ("Citra Dewi got a place"). */
function movedText(t: (k: string, o?: Record<string, unknown>) => string, res: RegistrationChange) {
  return res.movedUp.length ? ` ${t('participation.movedUp', { names: res.movedUp.map((m) => m.fullName).join(', '), count: res.movedUp.length })}` : '';
}

function CodeDialog({ r, title, onClose }: { r: Registration | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!r} onClose={onClose} title={t('participation.codeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
      {r && (
        <Stack align="center" gap="xs">
          <Text fw={600} ta="center">
            {r.person.fullName}
          </Text>
          <QrCode code={r.code} size={220} label={t('participation.qrLabel', { code: formatCode(r.code) })} />
          <Text ff="monospace" fz={22} fw={700} data-testid="registration-code">
            {formatCode(r.code)}
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('participation.codeHelp')}
          </Text>
          <Button variant="default" onClick={() => printCode({ name: r.person.fullName, activity: title, code: r.code, label: t('participation.codeTitle') })}>
            {t('participation.print')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}

export function RegistrationsTab({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [filter, setFilter] = useState<Filter>('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [shown, setShown] = useState<Registration | null>(null);
  const id = activity.id;
  const query = { q: debounced || undefined, status: filter && filter !== 'review' ? filter : undefined, needsReview: filter === 'review' ? 'true' : undefined };
  const list = useInfiniteQuery({
    queryKey: [...registrationsKey(id), query],
    queryFn: ({ pageParam }) => get<RegistrationsPage>(`/api/activities/${id}/registrations`, { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const link = useQuery({ queryKey: linkKey(id), queryFn: () => get<{ link: RegistrationLink | null }>(`/api/activities/${id}/registration-link`) });
  const questions = new Map((link.data?.link?.questions ?? []).map((x) => [x.id, x.label]));
  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = first?.counts;
  const writable = can('activities.write');
  const closed = activity.status === 'cancelled';
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: registrationsKey(id) });
    await qc.invalidateQueries({ queryKey: attendanceKey(id) });
    void qc.invalidateQueries({ queryKey: ['history', 'activity', id] });
  };

  const register = async (p: { id: string; fullName: string }) => {
    setBusyId(p.id);
    try {
      const res = await post<RegistrationChange>(`/api/activities/${id}/registrations`, { personId: p.id });
      notify({
        color: res.item.status === 'waitlisted' ? 'orange' : 'brand',
        message: res.item.status === 'waitlisted' ? t('participation.waitlistedAs', { name: p.fullName, position: res.item.waitlistPosition }) : t('participation.registeredAs', { name: p.fullName }),
      });
      await refresh();
    } catch (e) {
      notify({ color: e instanceof ApiError && e.code === 'already_registered' ? 'orange' : 'red', message: (e as Error).message });
    } finally {
      setBusyId(null);
    }
  };

  const restore = async (r: Registration, version: number) => {
    const res = await post<RegistrationChange>(`/api/registrations/${r.id}/restore`, { version });
    notify({ color: 'brand', message: res.item.status === 'waitlisted' ? t('participation.restoredWaitlisted', { name: r.person.fullName, position: res.item.waitlistPosition }) : t('participation.restored', { name: r.person.fullName }) });
    await refresh();
  };

  const cancel = (r: Registration) => {
    let reason = '';
    modals.openConfirmModal({
      title: t('participation.cancelTitle'),
      closeButtonProps: { 'aria-label': t('common.close') },
      children: (
        <Stack gap="xs">
          <Text size="sm">{t('participation.cancelConfirm', { name: r.person.fullName })}</Text>
          <Textarea label={t('participation.cancelReason')} autosize minRows={2} maxLength={500} onChange={(e) => (reason = e.currentTarget.value)} />
        </Stack>
      ),
      labels: { confirm: t('participation.cancelRegistration'), cancel: t('common.close') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          const res = await post<RegistrationChange>(`/api/registrations/${r.id}/cancel`, { version: r.version, reason: reason.trim() || null });
          await refresh();
          const nid = notify({
            color: 'brand',
            autoClose: 12_000,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" data-testid="cancel-notice">
                  {t('participation.cancelled', { name: r.person.fullName })}
                  {movedText(t, res)}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={async () => {
                    notifications.hide(nid);
                    try {
                      await restore(r, res.item.version);
                    } catch (e) {
                      notify({ color: 'red', message: (e as Error).message });
                    }
                  }}
                >
                  {t('common.undo')}
                </Button>
              </Group>
            ),
          });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });
  };

  const confirm = async (r: Registration) => {
    try {
      await post(`/api/registrations/${r.id}/confirm`, { version: r.version });
      notify({ color: 'brand', message: t('participation.confirmed', { name: r.person.fullName }) });
      await refresh();
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  };

  return (
    <Stack gap="md">
      {closed && (
        <Alert color="gray" title={t('participation.closedTitle')}>
          {t('participation.closedHelp')}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-label={t('participation.summary')}>
        <Group gap="lg" wrap="wrap" data-testid="registration-counts">
          <Text size="sm">
            <Text span fw={700} fz="lg" data-testid="count-registered">
              {counts ? f.number(counts.registered) : '…'}
            </Text>{' '}
            {activity.capacity != null ? t('participation.ofCapacity', { capacity: f.number(activity.capacity) }) : t('participation.registeredNoCap')}
          </Text>
          <Text size="sm">
            <Text span fw={700} fz="lg" data-testid="count-waitlisted">
              {counts ? f.number(counts.waitlisted) : '…'}
            </Text>{' '}
            {t('participation.onWaitlist')}
          </Text>
          <Text size="sm">
            <Text span fw={700} fz="lg">
              {counts ? f.number(counts.attended) : '…'}
            </Text>{' '}
            {t('participation.cameLower')}
          </Text>
          {!!counts?.needsReview && (
            <Badge color="orange" variant="light" tt="none">
              {t('participation.needsReviewCount', { count: counts.needsReview })}
            </Badge>
          )}
        </Group>
        <Group gap="xs" mt="sm">
          <ButtonLink to="/activities/$activityId/check-in" params={{ activityId: id }} size="xs" variant="light" disabled={closed}>
            {t('participation.openCheckIn')}
          </ButtonLink>
          <Button component="a" href={`/api/activities/${id}/sign-in-sheet.pdf`} size="xs" variant="default" download>
            {t('participation.sheetPdf')}
          </Button>
        </Group>
      </Paper>

      <LinkPanel key={link.data?.link ? `${link.data.link.version}` : "none"} activity={activity} link={link.data?.link ?? null} loading={link.isLoading} />

      {writable && !closed && (
        <PickerPanel
          title={t('participation.registerPeople')}
          picker={{
            actionLabel: t('participation.register'),
            addLabel: t('participation.addAndRegister'),
            busyId,
            exclude: new Map(items.filter((r) => r.status !== 'cancelled').map((r) => [r.person.id, t(`participation.status.${r.status}`)])),
            consentPurpose: activity.title,
            onPick: register,
          }}
        />
      )}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('participation.searchLabel')}
          placeholder={t('participation.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <NativeSelect
          label={t('participation.statusFilter')}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as Filter)}
          data={[
            { value: '', label: t('common.all') },
            { value: 'registered', label: t('participation.status.registered') },
            { value: 'waitlisted', label: t('participation.status.waitlisted') },
            { value: 'cancelled', label: t('participation.status.cancelled') },
            { value: 'review', label: t('participation.needsReview') },
          ]}
        />
      </Group>

      {list.isLoading ? (
        <Skeleton h={120} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {debounced || filter ? t('common.nothingFound') : t('participation.none')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('participation.listLabel')} data-testid="registration-list">
          {items.map((r) => (
            <li key={r.id} data-testid="registration-row" data-status={r.status} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', padding: '10px 0' }}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                  <Group gap={6} wrap="wrap">
                    {r.person.deleted ? (
                      <Text fw={600}>{r.person.fullName}</Text>
                    ) : (
                      <AnchorLink to="/people/$personId" params={{ personId: r.person.id }} fw={600}>
                        {r.person.fullName}
                      </AnchorLink>
                    )}
                    <Badge color={REGISTRATION_COLORS[r.status]} variant="light" tt="none" data-testid="registration-status">
                      {r.status === 'waitlisted' ? t('participation.waitlistPosition', { position: r.waitlistPosition }) : t(`participation.status.${r.status}`)}
                    </Badge>
                    {r.checkedInAt && (
                      <Badge color="teal" variant="light" tt="none">
                        ✓ {t('participation.checkedIn')}
                      </Badge>
                    )}
                    {r.source === 'public' && (
                      <Badge color="gray" variant="outline" tt="none">
                        {t('participation.viaLink')}
                      </Badge>
                    )}
                    {r.needsReview && r.status !== 'cancelled' && (
                      <Badge color="orange" variant="outline" tt="none" data-testid="needs-review">
                        {t('participation.needsReview')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[r.person.sex ? t(`sex.${r.person.sex}`) : null, r.person.birthYear, r.person.areaName, r.person.phone].filter(Boolean).join(' · ') || '—'}
                    {' · '}
                    {t('participation.registeredOn', { date: f.dateTime(r.createdAt) })}
                  </Text>
                  {Object.entries(r.answers).map(([k, v]) => (
                    <Text key={k} size="xs">
                      <Text span c="dimmed" size="xs">
                        {questions.get(k) ?? k}:
                      </Text>{' '}
                      {v}
                    </Text>
                  ))}
                  {r.status === 'cancelled' && r.cancelReason && (
                    <Text size="xs" c="dimmed">
                      {t('participation.cancelReason')}: {r.cancelReason}
                    </Text>
                  )}
                  {r.needsReview && r.status !== 'cancelled' && (
                    <Text size="xs" c="orange.9">
                      {t('participation.reviewHelp')}{' '}
                      {r.duplicatePairId && (
                        <AnchorLink to="/duplicates/$pairId" params={{ pairId: r.duplicatePairId }} size="xs">
                          {t('participation.openReview')}
                        </AnchorLink>
                      )}
                    </Text>
                  )}
                </div>
                <Group gap={6} wrap="wrap">
                  <Button size="compact-sm" variant="default" onClick={() => setShown(r)} aria-label={`${formatCode(r.code)}, ${t('participation.showCode')}: ${r.person.fullName}`}>
                    <Text span ff="monospace" size="sm">
                      {formatCode(r.code)}
                    </Text>
                  </Button>
                  {writable && r.needsReview && r.status !== 'cancelled' && (
                    <Button size="compact-sm" variant="light" color="orange" onClick={() => void confirm(r)}>
                      {t('participation.confirmMatch')}
                    </Button>
                  )}
                  {writable && r.status !== 'cancelled' && (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => cancel(r)} aria-label={`${t('participation.cancelRegistration')}: ${r.person.fullName}`}>
                      {t('participation.cancelRegistration')}
                    </Button>
                  )}
                  {writable && r.status === 'cancelled' && !closed && (
                    <Button size="compact-sm" variant="subtle" onClick={() => void restore(r, r.version).catch((e) => notify({ color: 'red', message: (e as Error).message }))}>
                      {t('participation.registerAgain')}
                    </Button>
                  )}
                </Group>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <LoadMore list={list} shown={items.length} total={first?.total} />
      <CodeDialog r={shown} title={activity.title} onClose={() => setShown(null)} />
    </Stack>
  );
}
