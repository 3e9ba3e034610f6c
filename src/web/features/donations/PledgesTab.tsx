import { Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DonorRef } from '../../../domain/contracts/donations.ts';
import { PLEDGE_FREQUENCIES, PLEDGE_STATUSES } from '../../../domain/donations.ts';
import { CURRENCY_RE, toMinor } from '../../../domain/money.ts';
import { ApiError, del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import { type Pledge, type PledgesPage, amountText, pledgesKey, useCampaignOptions, useMoney } from './api.ts';
import { DonorField } from './DonorField.tsx';

const STATUS_COLORS = { active: 'brand', paused: 'orange', ended: 'gray' } as const;

function PledgeDialog({ pledge, onClose, onSaved }: { pledge: Pledge | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [donorMissing, setDonorMissing] = useState(false);
  const campaigns = useCampaignOptions();
  const [v, setV] = useState({
    donor: (pledge?.donor ?? null) as DonorRef | null,
    amount: pledge ? amountText(pledge.amount, pledge.currency) : '',
    currency: pledge?.currency ?? 'IDR',
    frequency: pledge?.frequency ?? 'monthly',
    startDate: pledge?.startDate ?? f.today(),
    endDate: pledge?.endDate ?? '',
    status: pledge?.status ?? 'active',
    campaignId: pledge?.campaign?.id ?? null,
    note: pledge?.note ?? '',
  });
  const [amountError, setAmountError] = useState<string | null>(null);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((p) => ({ ...p, [k]: value }));
  const { errors, busy, submit } = useFormSubmit(async () => {
    setAmountError(null);
    setDonorMissing(!v.donor);
    let amount = 0;
    try {
      if (!CURRENCY_RE.test(v.currency)) throw new Error();
      amount = toMinor(v.amount.replace(/\s/g, '').replace(',', '.'), v.currency);
      if (amount <= 0) throw new Error();
    } catch {
      setAmountError(t('donations.amountInvalid'));
    }
    if (amount <= 0 || !v.donor) throw new ApiError(400, 'validation_failed', t('donations.checkFields'));
    const body = {
      personId: v.donor?.type === 'person' ? v.donor.id : null,
      funderId: v.donor?.type === 'funder' ? v.donor.id : null,
      amount,
      currency: v.currency,
      frequency: v.frequency,
      startDate: v.startDate,
      endDate: v.endDate || null,
      status: v.status,
      campaignId: v.campaignId,
      note: v.note,
    };
    if (pledge) await patch(`/api/pledges/${pledge.id}`, { ...body, version: pledge.version });
    else await post('/api/pledges', body);
    onSaved();
  });
  return (
    <Modal opened onClose={onClose} title={pledge ? t('donations.editPledge') : t('donations.addPledge')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <DonorField donor={v.donor} onChange={(d) => set('donor', d)} error={errors.field('personId') ?? errors.field('funderId') ?? (donorMissing && !v.donor ? t('donations.donorMissing') : undefined)} />
        <form onSubmit={submit} noValidate data-testid="pledge-form">
          <Stack gap="sm">
            <ErrorAlert error={errors.error} shown={['personId', 'funderId', 'amount', 'currency', 'frequency', 'startDate', 'endDate', 'status', 'campaignId', 'note']} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput label={t('donations.amount')} required inputMode="decimal" value={v.amount} onChange={(e) => set('amount', e.currentTarget.value)} error={amountError ?? errors.field('amount')} />
              <TextInput label={t('donations.currency')} maxLength={3} value={v.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} error={errors.field('currency')} />
              <Select
                label={t('donations.frequency')}
                allowDeselect={false}
                value={v.frequency}
                onChange={(x) => set('frequency', (x ?? 'monthly') as Pledge['frequency'])}
                data={PLEDGE_FREQUENCIES.map((f) => ({ value: f, label: t(`donations.frequencies.${f}`) }))}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput type="date" label={t('donations.startDate')} required value={v.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.field('startDate')} />
              <TextInput type="date" label={t('donations.endDate')} value={v.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.field('endDate')} />
              <Select
                label={t('donations.status')}
                allowDeselect={false}
                value={v.status}
                onChange={(x) => set('status', (x ?? 'active') as Pledge['status'])}
                data={PLEDGE_STATUSES.map((s) => ({ value: s, label: t(`donations.pledgeStatus.${s}`) }))}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
            <Select label={t('donations.campaign')} clearable searchable value={v.campaignId} onChange={(x) => set('campaignId', x)} data={campaigns} error={errors.field('campaignId')} comboboxProps={{ withinPortal: true }} />
            <Textarea label={t('donations.note')} autosize minRows={1} maxLength={2000} value={v.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.field('note')} />
            <FormActions onCancel={onClose} busy={busy} />
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}

/** Recurring pledges: what each should have brought so far against what arrived, and when the next gift is due. */
export function PledgesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const money = useMoney();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Pledge | null | 'new'>(null);
  const list = useInfiniteQuery({
    queryKey: [...pledgesKey, 'list'],
    queryFn: ({ pageParam }) => get<PledgesPage>('/api/pledges', { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: pledgesKey });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 200 }}>
          {t('donations.pledgesHelp')}
        </Text>
        {can('donations.write') && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-pledge">
            {t('donations.addPledge')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Skeleton h={120} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('donations.noPledges')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {items.map((p) => (
            <Paper key={p.id} withBorder p="sm" data-testid="pledge-card">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {p.donor.name}
                  </Text>
                  <Text size="sm">
                    {money(p.amount, p.currency)} · {t(`donations.frequencies.${p.frequency}`)}
                  </Text>
                </div>
                <Badge color={STATUS_COLORS[p.status]} variant="light" style={{ flexShrink: 0 }}>
                  {t(`donations.pledgeStatus.${p.status}`)}
                </Badge>
              </Group>
              <SimpleGrid cols={3} spacing={4} mt="xs">
                <div>
                  <Text size="xs" c="dimmed">
                    {t('donations.expected')}
                  </Text>
                  <Text size="sm">{money(p.progress.expected, p.currency)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('donations.received')}
                  </Text>
                  <Text size="sm">{money(p.progress.received, p.currency)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('donations.behind')}
                  </Text>
                  <Text size="sm" c={p.progress.behind > 0 ? 'orange.8' : undefined}>
                    {money(p.progress.behind, p.currency)}
                  </Text>
                </div>
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={4}>
                {p.progress.nextDueDate ? t('donations.nextDue', { date: f.date(p.progress.nextDueDate) }) : t('donations.noNextDue')}
                {p.campaign ? ` · ${p.campaign.name}` : ''}
              </Text>
              {can('donations.write') && (
                <Group gap={6} mt="xs" justify="flex-end">
                  <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      deleteWithUndo(t, {
                        title: t('donations.deletePledgeTitle'),
                        message: t('donations.deletePledgeMessage', { name: p.donor.name }),
                        deleted: t('donations.pledgeDeleted'),
                        restored: t('donations.pledgeRestored'),
                        remove: () => del(`/api/pledges/${p.id}`),
                        restore: () => post(`/api/pledges/${p.id}/restore`).then(refresh),
                        after: refresh,
                      })
                    }
                  >
                    {t('common.delete')}
                  </Button>
                </Group>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <LoadMore list={list} shown={items.length} total={list.data?.pages[0]?.total} />
      {editing && (
        <PledgeDialog
          pledge={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            notify({ color: 'brand', message: t('donations.pledgeSaved') });
            await refresh();
          }}
        />
      )}
    </Stack>
  );
}
