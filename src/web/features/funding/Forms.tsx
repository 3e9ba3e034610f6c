import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Space, Switch, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FREQUENCIES } from '../../../domain/funding.ts';
import { useCategories } from '../finance/api.ts';
import { patch, post } from '../../api.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { CURRENCIES, type Funder, type GrantDetail, type Opportunity, amountText, kindOptions, parseAmount, stageOptions, useFunderOptions, useProgramOptions } from './api.ts';

/** Field errors the browser can give before the server (an amount that is not one). */
function useAmount(initialMinor: number | undefined, currency: string) {
  const { i18n } = useTranslation();
  const [text, setText] = useState(initialMinor ? amountText(initialMinor, currency, i18n.language) : '');
  return { text, setText, minor: (cur: string) => parseAmount(text, cur, i18n.language) };
}

export function FunderModal({ funder, onClose }: { funder?: Funder; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({ kind: funder?.kind ?? 'foundation', name: funder?.name ?? '', email: funder?.email ?? '', phone: funder?.phone ?? '', website: funder?.website ?? '', address: funder?.address ?? '', notes: funder?.notes ?? '' });
  const set = (k: keyof typeof v, x: string) => setV((p) => ({ ...p, [k]: x }));
  // an individual donor is a person of the registry (linking gives them the donor role)
  const [person, setPerson] = useState<{ id: string; name: string } | null>(funder?.person ?? null);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const body = { ...v, name: v.name.trim(), personId: v.kind === 'individual' ? (person?.id ?? null) : null };
    const saved = funder ? await patch<Funder>(`/api/funders/${funder.id}`, { ...body, version: funder.version }) : await post<Funder>('/api/funders', body);
    await qc.invalidateQueries({ queryKey: ['funders'] });
    await qc.invalidateQueries({ queryKey: ['funder'] });
    onClose();
    if (!funder) await navigate({ to: '/funding/funders/$funderId', params: { funderId: saved.id } });
  });
  return (
    <Modal opened onClose={onClose} title={funder ? t('funding.editFunder') : t('funding.addFunder')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {/* outside the form: the picker's quick add is a form of its own */}
      {v.kind === 'individual' &&
        (person ? (
          <Group gap="xs" data-testid="funder-person">
            <Text size="sm">
              {t('funding.registryPerson')}: <b>{person.name}</b>
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setPerson(null)}>
              {t('funding.changePerson')}
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('funding.pickPerson')}
            </Text>
            <PersonPicker
              actionLabel={t('funding.choosePerson')}
              addLabel={t('funding.addAndChoosePerson')}
              onPick={(p) => {
                setPerson({ id: p.id, name: p.fullName });
                if (!v.name.trim()) set('name', p.fullName);
              }}
            />
          </Stack>
        ))}
      {v.kind === 'individual' && <Space h="sm" />}
      <form onSubmit={submit} noValidate data-testid="funder-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={[...Object.keys(v), 'personId']} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('funding.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} maxLength={300} />
            <Select label={t('funding.kindLabel')} allowDeselect={false} value={v.kind} onChange={(x) => set('kind', x ?? 'foundation')} data={kindOptions(t)} error={errors.field('kind')} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('funding.email')} type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.field('email')} />
            <TextInput label={t('funding.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.field('phone')} />
          </SimpleGrid>
          {errors.field('personId') && (
            <Text size="sm" c="red" role="alert">
              {errors.field('personId')}
            </Text>
          )}
          <TextInput label={t('funding.website')} value={v.website} onChange={(e) => set('website', e.currentTarget.value)} error={errors.field('website')} />
          <Textarea label={t('funding.address')} autosize minRows={1} value={v.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.field('address')} />
          <Textarea label={t('funding.notes')} autosize minRows={2} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.field('notes')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

export function OpportunityModal({ opportunity, funderId, onClose }: { opportunity?: Opportunity; funderId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const funders = useFunderOptions();
  const programs = useProgramOptions();
  const members = useMemberOptions();
  const o = opportunity;
  const [v, setV] = useState({
    funderId: o?.funder.id ?? funderId ?? null,
    title: o?.title ?? '',
    stage: o?.stage ?? 'identified',
    currency: o?.currency ?? 'IDR',
    probability: o?.probability ?? 10,
    deadline: o?.deadline ?? '',
    decisionDate: o?.decisionDate ?? '',
    programIds: o?.programs.map((p) => p.id) ?? [],
    ownerId: o?.owner?.id ?? null,
    notes: o?.notes ?? '',
  });
  const amount = useAmount(o?.amount, v.currency);
  const set = <K extends keyof typeof v>(k: K, x: (typeof v)[K]) => setV((p) => ({ ...p, [k]: x }));
  const [amountError, setAmountError] = useState<string | null>(null);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const minor = amount.minor(v.currency);
    setAmountError(minor === null ? t('funding.amountInvalid') : null);
    if (minor === null) return;
    const body = { ...v, amount: minor, deadline: v.deadline || null, decisionDate: v.decisionDate || null, title: v.title.trim() };
    if (o) await patch(`/api/opportunities/${o.id}`, { ...body, version: o.version });
    else await post('/api/opportunities', { ...body, ownerId: v.ownerId ?? undefined });
    await qc.invalidateQueries({ queryKey: ['opportunities'] });
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={o ? t('funding.editOpportunity') : t('funding.addOpportunity')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="opportunity-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={[...Object.keys(v), 'amount']} />
          <TextInput label={t('funding.title')} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.field('title')} maxLength={300} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('funding.funder')} required searchable value={v.funderId} onChange={(x) => set('funderId', x)} data={funders} error={errors.field('funderId')} comboboxProps={{ withinPortal: true }} />
            <Select label={t('funding.stageLabel')} allowDeselect={false} value={v.stage} onChange={(x) => set('stage', (x ?? 'identified') as typeof v.stage)} data={stageOptions(t)} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('funding.amount')} inputMode="decimal" value={amount.text} onChange={(e) => amount.setText(e.currentTarget.value)} error={amountError ?? errors.field('amount')} />
            <Select label={t('funding.currency')} allowDeselect={false} value={v.currency} onChange={(x) => set('currency', x ?? 'IDR')} data={CURRENCIES} error={errors.field('currency')} comboboxProps={{ withinPortal: true }} />
            <NumberInput label={t('funding.probability')} min={0} max={100} suffix=" %" allowDecimal={false} value={v.probability} onChange={(x) => set('probability', typeof x === 'number' ? x : 0)} error={errors.field('probability')} />
            <Select label={t('funding.owner')} clearable value={v.ownerId} onChange={(x) => set('ownerId', x)} data={members} error={errors.field('ownerId')} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('funding.deadline')} type="date" value={v.deadline} onChange={(e) => set('deadline', e.currentTarget.value)} error={errors.field('deadline')} />
            <TextInput label={t('funding.decisionDate')} type="date" value={v.decisionDate} onChange={(e) => set('decisionDate', e.currentTarget.value)} error={errors.field('decisionDate')} />
          </SimpleGrid>
          <MultiSelect label={t('funding.programs')} searchable data={programs} value={v.programIds} onChange={(x) => set('programIds', x)} error={errors.field('programIds')} comboboxProps={{ withinPortal: true }} />
          <Textarea label={t('funding.notes')} autosize minRows={2} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.field('notes')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A grant agreement: new (optionally from an awarded opportunity, prefilled) or edited. */
export function GrantModal({ grant, from, funderId, onClose }: { grant?: GrantDetail; from?: Opportunity; funderId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const funders = useFunderOptions();
  const categories = useCategories();
  const programs = useProgramOptions();
  const members = useMemberOptions();
  const g = grant;
  const [v, setV] = useState({
    funderId: g?.funder.id ?? from?.funder.id ?? funderId ?? null,
    title: g?.title ?? from?.title ?? '',
    reference: g?.reference ?? '',
    currency: g?.currency ?? from?.currency ?? 'IDR',
    startDate: g?.startDate ?? '',
    endDate: g?.endDate ?? '',
    restricted: g?.restricted ?? true,
    allowedCategories: g?.allowedCategories ?? [],
    status: g?.status ?? 'active',
    programIds: g?.programs.map((p) => p.id) ?? from?.programs.map((p) => p.id) ?? [],
    responsibleId: g?.responsible?.id ?? from?.owner?.id ?? null,
    notes: g?.notes ?? '',
  });
  const [schedule, setSchedule] = useState({ frequency: 'quarterly', dueDays: 30, finalDays: 60, narrative: true, financial: true });
  const amount = useAmount(g?.amount ?? from?.amount, v.currency);
  const [amountError, setAmountError] = useState<string | null>(null);
  const set = <K extends keyof typeof v>(k: K, x: (typeof v)[K]) => setV((p) => ({ ...p, [k]: x }));
  const { errors, busy, submit } = useFormSubmit(async () => {
    const minor = amount.minor(v.currency);
    setAmountError(minor === null ? t('funding.amountInvalid') : null);
    if (minor === null) return;
    const body = { ...v, amount: minor, title: v.title.trim() };
    if (g) {
      await patch(`/api/grants/${g.id}`, { ...body, version: g.version });
      await qc.invalidateQueries({ queryKey: ['grant', g.id] });
    } else {
      const kinds = [...(schedule.narrative ? ['narrative'] : []), ...(schedule.financial ? ['financial'] : [])];
      const created = await post<GrantDetail>('/api/grants', {
        ...body,
        opportunityId: from?.id,
        schedule: kinds.length ? { frequency: schedule.frequency, dueDays: schedule.dueDays, finalDays: schedule.finalDays, kinds } : null,
      });
      await qc.invalidateQueries({ queryKey: ['opportunities'] });
      await navigate({ to: '/funding/grants/$grantId', params: { grantId: created.id } });
    }
    await qc.invalidateQueries({ queryKey: ['grants'] });
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={g ? t('funding.editGrant') : from ? t('funding.grantFrom', { title: from.title }) : t('funding.addGrant')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="grant-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={[...Object.keys(v), 'amount']} />
          <TextInput label={t('funding.title')} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.field('title')} maxLength={300} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('funding.funder')} required searchable value={v.funderId} onChange={(x) => set('funderId', x)} data={funders} error={errors.field('funderId')} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('funding.reference')} value={v.reference} onChange={(e) => set('reference', e.currentTarget.value)} error={errors.field('reference')} />
            <TextInput label={t('funding.amount')} required inputMode="decimal" value={amount.text} onChange={(e) => amount.setText(e.currentTarget.value)} error={amountError ?? errors.field('amount')} />
            <Select label={t('funding.currency')} allowDeselect={false} value={v.currency} onChange={(x) => set('currency', x ?? 'IDR')} data={CURRENCIES} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('funding.startDate')} required type="date" value={v.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.field('startDate')} />
            <TextInput label={t('funding.endDate')} required type="date" value={v.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.field('endDate')} />
            <Select label={t('funding.responsible')} clearable value={v.responsibleId} onChange={(x) => set('responsibleId', x)} data={members} error={errors.field('responsibleId')} comboboxProps={{ withinPortal: true }} />
            <Select label={t('funding.grantStatusLabel')} allowDeselect={false} value={v.status} onChange={(x) => set('status', (x ?? 'active') as typeof v.status)} data={(['draft', 'active', 'closed'] as const).map((s) => ({ value: s, label: t(`funding.grantStatus.${s}`) }))} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <MultiSelect label={t('funding.programsFunded')} searchable data={programs} value={v.programIds} onChange={(x) => set('programIds', x)} error={errors.field('programIds')} comboboxProps={{ withinPortal: true }} />
          <Switch label={t('funding.restricted')} description={t('funding.restrictedHelp')} checked={v.restricted} onChange={(e) => set('restricted', e.currentTarget.checked)} />
          <MultiSelect label={t('funding.allowedCategories')} description={t('funding.allowedCategoriesHelp')} data={categories.options} value={v.allowedCategories} onChange={(x) => set('allowedCategories', x)} error={errors.field('allowedCategories')} comboboxProps={{ withinPortal: true }} />
          {!g && (
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select label={t('funding.reportFrequency')} allowDeselect={false} value={schedule.frequency} onChange={(x) => setSchedule((p) => ({ ...p, frequency: x ?? 'quarterly' }))} data={REPORT_FREQUENCIES.map((f) => ({ value: f, label: t(`funding.frequency.${f}`) }))} comboboxProps={{ withinPortal: true }} />
                <NumberInput label={t('funding.dueDays')} min={0} max={365} allowDecimal={false} value={schedule.dueDays} onChange={(x) => setSchedule((p) => ({ ...p, dueDays: typeof x === 'number' ? x : 0 }))} />
                <NumberInput label={t('funding.finalDays')} min={0} max={365} allowDecimal={false} value={schedule.finalDays} onChange={(x) => setSchedule((p) => ({ ...p, finalDays: typeof x === 'number' ? x : 0 }))} />
              </SimpleGrid>
              <Group gap="md">
                <Checkbox label={t('funding.reportKind.narrative')} checked={schedule.narrative} onChange={(e) => setSchedule((p) => ({ ...p, narrative: e.currentTarget.checked }))} />
                <Checkbox label={t('funding.reportKind.financial')} checked={schedule.financial} onChange={(e) => setSchedule((p) => ({ ...p, financial: e.currentTarget.checked }))} />
              </Group>
            </Stack>
          )}
          <Textarea label={t('funding.notes')} autosize minRows={2} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.field('notes')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The three funding pages share a small switcher. */
export function FundingTabs({ current }: { current: 'pipeline' | 'funders' | 'grants' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = { pipeline: '/funding', funders: '/funding/funders', grants: '/funding/grants' } as const;
  return (
    <Tabs value={current} onChange={(v) => v && void navigate({ to: to[v as keyof typeof to] })} mb="md" keepMounted={false}>
      <Tabs.List>
        {(['pipeline', 'funders', 'grants'] as const).map((k) => (
          <Tabs.Tab key={k} value={k}>
            {t(`funding.tabs.${k}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
