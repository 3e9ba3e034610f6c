import { Badge, Box, Button, Card, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { HOURS_COLORS, type Hours, hoursText } from './api.ts';

/** Staff add hours a volunteer gave: they count at once. */
export function AddHoursDialog({ volunteerId, opened, onClose, today }: { volunteerId: string; opened: boolean; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const programs = useQuery({ queryKey: ['programs', 'pick'], queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/programs', { limit: 200 }), enabled: opened });
  const [v, setV] = useState({ date: today, hours: 1 as number | string, programId: '', note: '' });
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post<Hours>('/api/volunteer-hours', { volunteerId, date: v.date, hours: Number(v.hours), programId: v.programId || null, note: v.note.trim() || null });
    await qc.invalidateQueries({ queryKey: ['volunteer-hours'] });
    await qc.invalidateQueries({ queryKey: ['volunteer', volunteerId] });
    notify({ color: 'brand', message: t('volunteers.hoursAdded') });
    setV({ date: today, hours: 1, programId: '', note: '' });
    onClose();
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('volunteers.addHours')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['date', 'hours', 'programId', 'note']} />
          <TextInput label={t('volunteers.workDate')} type="date" required max={today} value={v.date} onChange={(e) => setV({ ...v, date: e.currentTarget.value })} error={errors.field('date')} />
          <NumberInput label={t('volunteers.hoursLabel')} description={t('volunteers.hoursHelp')} required min={0.25} max={24} step={0.25} decimalScale={2} value={v.hours} onChange={(x) => setV({ ...v, hours: x })} error={errors.field('hours')} />
          <NativeSelect
            label={t('volunteers.program')}
            value={v.programId}
            onChange={(e) => setV({ ...v, programId: e.currentTarget.value })}
            data={[{ value: '', label: t('volunteers.noProgram') }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
            error={errors.field('programId')}
          />
          <Textarea label={t('volunteers.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} maxLength={1000} error={errors.field('note')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Rejecting reported hours asks why. */
export function RejectDialog({ hours, onClose }: { hours: Hours | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/volunteer-hours/${hours!.id}/review`, { decision: 'reject', reason: reason.trim() || null, version: hours!.version });
    await qc.invalidateQueries({ queryKey: ['volunteer-hours'] });
    notify({ color: 'brand', message: t('volunteers.rejected') });
    setReason('');
    onClose();
  });
  return (
    <Modal opened={!!hours} onClose={onClose} title={t('volunteers.rejectTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['reason']} />
          <Textarea label={t('volunteers.rejectReason')} required data-autofocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('reason')} autosize minRows={2} maxLength={1000} />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('volunteers.reject')} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}

/** A table of hours entries; with `review`, pending ones get Approve and Reject. */
export function HoursTable({ items, review, showVolunteer = true, testId }: { items: Hours[]; review?: boolean; showVolunteer?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [rejecting, setRejecting] = useState<Hours | null>(null);
  async function approve(h: Hours) {
    try {
      await post(`/api/volunteer-hours/${h.id}/review`, { decision: 'approve', version: h.version });
      await qc.invalidateQueries({ queryKey: ['volunteer-hours'] });
      notify({ color: 'brand', message: t('volunteers.approved', { name: h.volunteer.name }) });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }
  const phone = useMediaQuery('(max-width: 48em)');
  if (!items.length) return <Text c="dimmed" size="sm">{t('volunteers.noHours')}</Text>;
  const what = (h: Hours) => (
    <>
      {(h.activity || h.program) && <Text size="sm">{[h.activity?.title, h.program?.name].filter(Boolean).join(' · ')}</Text>}
      {h.note && (
        <Text size="xs" c="dimmed">
          {h.note}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t(`volunteers.source.${h.source}`)}
      </Text>
    </>
  );
  const status = (h: Hours) => (
    <>
      <Badge color={HOURS_COLORS[h.status]} variant="light" style={{ minWidth: 'max-content' }}>
        {t(`volunteers.hoursStatus.${h.status}`)}
      </Badge>
      {h.reviewReason && (
        <Text size="xs" c="dimmed">
          {h.reviewReason}
        </Text>
      )}
    </>
  );
  const actions = (h: Hours) =>
    review &&
    h.status === 'pending' && (
      <Group gap={4} wrap="nowrap">
        <Button size="xs" onClick={() => void approve(h)} aria-label={t('volunteers.approveOf', { name: h.volunteer.name, date: f.date(h.date) })}>
          {t('volunteers.approve')}
        </Button>
        <Button size="xs" variant="default" color="red" onClick={() => setRejecting(h)} aria-label={t('volunteers.rejectOf', { name: h.volunteer.name, date: f.date(h.date) })}>
          {t('volunteers.reject')}
        </Button>
      </Group>
    );
  if (phone)
    return (
      <>
        <Stack gap="xs" data-testid={testId}>
          {items.map((h) => (
            <Card key={h.id} withBorder padding="sm">
              <Text size="sm" fw={600}>
                {showVolunteer ? `${h.volunteer.name} · ` : ''}
                {hoursText(t, i18n.language, h.hours)}
              </Text>
              <Text size="sm" c="dimmed">
                {f.date(h.date)}
              </Text>
              {what(h)}
              <Group justify="space-between" align="center" gap="xs" mt="xs">
                <Box>{status(h)}</Box>
                {actions(h)}
              </Group>
            </Card>
          ))}
        </Stack>
        <RejectDialog hours={rejecting} onClose={() => setRejecting(null)} />
      </>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('volunteers.workDate')}</Table.Th>
              {showVolunteer && <Table.Th>{t('volunteers.name')}</Table.Th>}
              <Table.Th ta="right">{t('volunteers.hours')}</Table.Th>
              <Table.Th>{t('volunteers.forWhat')}</Table.Th>
              <Table.Th>{t('volunteers.statusLabel')}</Table.Th>
              {review && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td className="gotong-nowrap">{f.date(h.date)}</Table.Td>
                {showVolunteer && <Table.Td>{h.volunteer.name}</Table.Td>}
                <Table.Td ta="right" className="gotong-nowrap">
                  {hoursText(t, i18n.language, h.hours)}
                </Table.Td>
                <Table.Td>{what(h)}</Table.Td>
                <Table.Td>{status(h)}</Table.Td>
                {review && <Table.Td>{actions(h)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RejectDialog hours={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
