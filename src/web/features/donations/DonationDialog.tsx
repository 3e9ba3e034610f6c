import { Alert, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DonorRef } from '../../../domain/contracts/donations.ts';
import type { ProgramsPage } from '../../../domain/contracts/programs.ts';
import { DONATION_METHODS } from '../../../domain/donations.ts';
import { CURRENCY_RE, MoneyError, toMinor } from '../../../domain/money.ts';
import { ApiError, get, patch, post } from '../../api.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { type Donation, type PledgesPage, amountText, useCampaignOptions } from './api.ts';
import { DonorField } from './DonorField.tsx';

type Values = {
  donor: DonorRef | null;
  kind: 'money' | 'in_kind';
  amount: string;
  currency: string;
  goods: string;
  receivedOn: string;
  method: string | null;
  campaignId: string | null;
  programId: string | null;
  pledgeId: string | null;
  note: string;
  anonymous: boolean;
};

const fromDonation = (today: string, d?: Donation | null, preset?: Partial<Values>): Values => ({
  donor: d?.donor ?? null,
  kind: d?.kind ?? 'money',
  amount: d ? amountText(d.amount, d.currency) : '',
  currency: d?.currency ?? 'IDR',
  goods: d?.goods ?? '',
  receivedOn: d?.receivedOn ?? today,
  method: d?.method ?? (d ? null : 'transfer'),
  campaignId: d?.campaign?.id ?? null,
  programId: d?.program?.id ?? null,
  pledgeId: d?.pledgeId ?? null,
  note: d?.note ?? '',
  anonymous: d?.anonymous ?? false,
  ...preset,
});

/** Record or change a gift. The input stays as typed when the server refuses it. */
export function DonationDialog({ donation, preset, onClose, onSaved }: { donation?: Donation | null; preset?: Partial<Values>; onClose: () => void; onSaved: (d: Donation) => void }) {
  const { t } = useTranslation();
  const { today } = useFormat();
  const [v, setV] = useState(() => fromDonation(today(), donation, preset));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [donorMissing, setDonorMissing] = useState(false);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const campaigns = useCampaignOptions();
  const programs = useQuery({ queryKey: ['programs', 'list', 'options'], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }), staleTime: 60_000 });
  const pledges = useQuery({
    queryKey: ['pledges', 'of', v.donor?.id],
    queryFn: () => get<PledgesPage>('/api/pledges', v.donor?.type === 'person' ? { personId: v.donor.id } : { funderId: v.donor?.id }),
    enabled: !!v.donor,
  });
  const { errors, busy, submit } = useFormSubmit(async () => {
    setAmountError(null);
    setDonorMissing(!v.donor);
    const currency = v.currency.trim().toUpperCase();
    let amount = -1;
    try {
      if (!CURRENCY_RE.test(currency)) throw new MoneyError('invalid_amount');
      amount = toMinor(v.amount.replace(/\s/g, '').replace(',', '.'), currency);
      if (amount < 0) throw new MoneyError('invalid_amount');
    } catch {
      setAmountError(t('donations.amountInvalid'));
    }
    // checked here first (an amount is text until it is minor units), everything else by the server
    if (amount < 0 || !v.donor) throw new ApiError(400, 'validation_failed', t('donations.checkFields'));
    const body = {
      personId: v.donor?.type === 'person' ? v.donor.id : null,
      funderId: v.donor?.type === 'funder' ? v.donor.id : null,
      kind: v.kind,
      amount,
      currency,
      goods: v.kind === 'in_kind' ? v.goods : null,
      receivedOn: v.receivedOn,
      method: v.kind === 'money' ? v.method : null,
      campaignId: v.campaignId,
      programId: v.programId,
      pledgeId: v.pledgeId,
      note: v.note,
      anonymous: v.anonymous,
    };
    const saved = donation ? await patch<Donation>(`/api/donations/${donation.id}`, { ...body, version: donation.version }) : await post<Donation>('/api/donations', body);
    onSaved(saved);
  });
  const donorError = errors.field('personId') ?? errors.field('funderId') ?? (donorMissing && !v.donor ? t('donations.donorMissing') : undefined);
  return (
    <Modal opened onClose={onClose} title={donation ? t('donations.editTitle') : t('donations.addTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        {/* the picker has its own quick-add form: it stays outside the gift's form */}
        <DonorField donor={v.donor} onChange={(d) => setV((p) => ({ ...p, donor: d, pledgeId: null }))} error={donorError} />
        <form onSubmit={submit} noValidate data-testid="donation-form">
          <Stack gap="sm">
            <ErrorAlert error={errors.error} shown={['personId', 'funderId', 'amount', 'currency', 'goods', 'receivedOn', 'method', 'campaignId', 'programId', 'pledgeId', 'note']} />
            <SegmentedControl
              value={v.kind}
              onChange={(x) => set('kind', x as Values['kind'])}
              data={[
                { value: 'money', label: t('donations.kinds.money') },
                { value: 'in_kind', label: t('donations.kinds.in_kind') },
              ]}
              aria-label={t('donations.kind')}
            />
            {v.kind === 'in_kind' && (
              <Textarea label={t('donations.goods')} description={t('donations.goodsHelp')} required autosize minRows={2} maxLength={2000} value={v.goods} onChange={(e) => set('goods', e.currentTarget.value)} error={errors.field('goods')} />
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                style={{ gridColumn: 'span 2' }}
                label={v.kind === 'money' ? t('donations.amount') : t('donations.estimatedValue')}
                description={t('donations.amountHelp')}
                required
                inputMode="decimal"
                value={v.amount}
                onChange={(e) => set('amount', e.currentTarget.value)}
                error={amountError ?? errors.field('amount')}
              />
              <TextInput label={t('donations.currency')} description="IDR, USD…" maxLength={3} value={v.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} error={errors.field('currency')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput type="date" label={t('donations.receivedOn')} required value={v.receivedOn} onChange={(e) => set('receivedOn', e.currentTarget.value)} error={errors.field('receivedOn')} />
              {v.kind === 'money' && (
                <Select
                  label={t('donations.method')}
                  clearable
                  value={v.method}
                  onChange={(x) => set('method', x)}
                  data={DONATION_METHODS.map((m) => ({ value: m, label: t(`donations.methods.${m}`) }))}
                  error={errors.field('method')}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select label={t('donations.campaign')} clearable searchable value={v.campaignId} onChange={(x) => set('campaignId', x)} data={campaigns} error={errors.field('campaignId')} comboboxProps={{ withinPortal: true }} />
              <Select
                label={t('donations.program')}
                description={t('donations.programHelp')}
                clearable
                searchable
                value={v.programId}
                onChange={(x) => set('programId', x)}
                data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                error={errors.field('programId')}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
            {(pledges.data?.items.length ?? 0) > 0 && (
              <Select
                label={t('donations.pledge')}
                clearable
                value={v.pledgeId}
                onChange={(x) => set('pledgeId', x)}
                data={(pledges.data?.items ?? []).map((p) => ({ value: p.id, label: `${t(`donations.frequencies.${p.frequency}`)} · ${amountText(p.amount, p.currency)} ${p.currency}` }))}
                error={errors.field('pledgeId')}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            <Textarea label={t('donations.note')} autosize minRows={1} maxLength={2000} value={v.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.field('note')} />
            <Switch label={t('donations.anonymous')} description={t('donations.anonymousHelp')} checked={v.anonymous} onChange={(e) => set('anonymous', e.currentTarget.checked)} />
            {!donation && (
              <Alert variant="light" color="gray" p="xs">
                <Text size="xs">{t('donations.receiptNote')}</Text>
              </Alert>
            )}
            <FormActions onCancel={onClose} busy={busy} />
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
