import { Alert, Button, Group, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { type HouseholdDetail, householdKey } from '../people/api.ts';
import { notify } from '../../ui/notify.ts';
import { FormActions } from '../../ui/FormActions.tsx';

type Values = { name: string; kkNumber: string; address: string; areaCode: string | null; notes: string };

function HouseholdForm({ initial, kkMasked, onSubmit, onCancel, onReload }: { initial: Values; kkMasked?: string | null; onSubmit: (v: Values) => Promise<void>; onCancel: () => void; onReload?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={760}>
        <ErrorAlert error={errors.error} shown={['name', 'kkNumber', 'address', 'areaCode', 'notes']} />
        {errors.error?.code === 'version_conflict' && onReload && (
          <Alert color="orange" title={t('person.conflictTitle')}>
            <Button size="xs" variant="default" onClick={onReload}>
              {t('common.reload')}
            </Button>
          </Alert>
        )}
        <TextInput label={t('households.name')} description={t('households.nameHelp')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} maxLength={200} />
        <TextInput
          label={t('households.kk')}
          description={kkMasked ? t('households.kkKeep', { masked: kkMasked }) : t('households.kkHelp')}
          value={v.kkNumber}
          onChange={(e) => set('kkNumber', e.currentTarget.value)}
          error={errors.field('kkNumber')}
          inputMode="numeric"
          maxLength={24}
        />
        <Textarea label={t('fields.address')} value={v.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.field('address')} autosize minRows={2} maxLength={500} />
        <AreaCascade value={v.areaCode} onChange={(c) => set('areaCode', c)} error={errors.field('areaCode')} />
        <Textarea label={t('fields.notes')} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.field('notes')} autosize minRows={2} maxLength={5000} />
        <FormActions onCancel={onCancel} busy={busy} />
      </Stack>
    </form>
  );
}

const blank = (s: string) => (s.trim() ? s.trim() : null);

export function HouseholdNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <>
      <PageHeader title={t('households.newTitle')} />
      <HouseholdForm
        initial={{ name: '', kkNumber: '', address: '', areaCode: null, notes: '' }}
        onCancel={() => void navigate({ to: '/households' })}
        onSubmit={async (v) => {
          const h = await post<HouseholdDetail>('/api/households', { name: v.name.trim(), kkNumber: blank(v.kkNumber), address: blank(v.address), areaCode: v.areaCode, notes: blank(v.notes) });
          await qc.invalidateQueries({ queryKey: ['households'] });
          notify({ color: 'brand', message: t('households.created', { name: h.name }) });
          await navigate({ to: '/households/$householdId', params: { householdId: h.id } });
        }}
      />
    </>
  );
}

export function HouseholdEditPage() {
  const { t } = useTranslation();
  const { householdId } = useParams({ from: '/app/households/$householdId/edit' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: householdKey(householdId), queryFn: () => get<HouseholdDetail>(`/api/households/${householdId}`) });
  if (q.isLoading) return <Skeleton h={240} />;
  if (!q.data) return <Text c="red">{q.error?.message}</Text>;
  const h = q.data;
  const initial = { name: h.name, kkNumber: '', address: h.address ?? '', areaCode: h.areaCode, notes: h.notes ?? '' };
  return (
    <>
      <PageHeader title={t('households.editTitle', { name: h.name })} />
      <HouseholdForm
        key={h.version}
        initial={initial}
        kkMasked={h.kkMasked}
        onReload={() => void q.refetch()}
        onCancel={() => void navigate({ to: '/households/$householdId', params: { householdId } })}
        onSubmit={async (v) => {
          const body: Record<string, unknown> = { version: h.version };
          if (v.name.trim() !== h.name) body.name = v.name.trim();
          if (v.kkNumber.trim()) body.kkNumber = v.kkNumber.trim();
          if (blank(v.address) !== h.address) body.address = blank(v.address);
          if (v.areaCode !== h.areaCode) body.areaCode = v.areaCode;
          if (blank(v.notes) !== h.notes) body.notes = blank(v.notes);
          if (Object.keys(body).length > 1) {
            const saved = await patch<HouseholdDetail>(`/api/households/${householdId}`, body);
            qc.setQueryData(householdKey(householdId), saved);
            await qc.invalidateQueries({ queryKey: ['households', 'list'] });
            await qc.invalidateQueries({ queryKey: ['history', 'household', householdId] });
            notify({ color: 'brand', message: t('households.saved') });
          }
          await navigate({ to: '/households/$householdId', params: { householdId } });
        }}
      />
    </>
  );
}
