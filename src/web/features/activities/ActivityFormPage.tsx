import { Alert, Button, Checkbox, Chip, Fieldset, Group, MultiSelect, NumberInput, Radio, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../../domain/activities.ts';
import type { Framework } from '../../../domain/contracts/results.ts';
import type { ProgramsPage } from '../../../domain/contracts/programs.ts';
import { get, patch, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { type Activity, type ActivityChange, activityKey, minorDigits, useTypeOptions } from './api.ts';

type Values = {
  title: string;
  type: string;
  programId: string | null;
  resultId: string | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  allDay: boolean;
  venue: string;
  areaCode: string | null;
  latitude: number | string;
  longitude: number | string;
  capacity: number | string;
  facilitatorIds: string[];
  status: ActivityStatus;
  cancelReason: string;
  description: string;
  /** in major units (rupiah), converted to minor units for the API */
  plannedCost: number | string;
  currency: string;
};
type Repeat = { freq: 'none' | 'weekly' | 'monthly'; interval: number | string; weekdays: string[]; monthMode: 'day' | 'nth'; ends: 'count' | 'until'; count: number | string; until: string };

const fromActivity = (a: Activity | undefined, date: string): Values => ({
  title: a?.title ?? '',
  type: a?.type ?? 'meeting',
  programId: a?.program?.id ?? null,
  resultId: a?.result?.id ?? null,
  startDate: a?.startDate ?? date,
  startTime: a && !a.allDay ? a.startTime : '09:00',
  endDate: a?.endDate ?? date,
  endTime: a && !a.allDay ? a.endTime : '11:00',
  allDay: a?.allDay ?? false,
  venue: a?.venue ?? '',
  areaCode: a?.area?.code ?? null,
  latitude: a?.latitude ?? '',
  longitude: a?.longitude ?? '',
  capacity: a?.capacity ?? '',
  facilitatorIds: a?.facilitators.map((f) => f.id) ?? [],
  status: a?.status ?? 'planned',
  cancelReason: a?.cancelReason ?? '',
  description: a?.description ?? '',
  plannedCost: a?.plannedCost != null ? a.plannedCost / 10 ** minorDigits(a.currency) : '',
  currency: a?.currency ?? 'IDR',
});
const blank = (s: string) => (s.trim() ? s.trim() : null);
const num = (v: number | string) => (v === '' || v == null ? null : Number(v));
const toBody = (v: Values) => ({
  title: v.title.trim(),
  type: v.type,
  programId: v.programId,
  resultId: v.programId ? v.resultId : null,
  startDate: v.startDate,
  startTime: v.allDay ? null : v.startTime || null,
  endDate: v.endDate || v.startDate,
  endTime: v.allDay ? null : v.endTime || null,
  allDay: v.allDay,
  venue: blank(v.venue),
  areaCode: v.areaCode,
  latitude: num(v.latitude),
  longitude: num(v.longitude),
  capacity: num(v.capacity),
  facilitatorIds: v.facilitatorIds,
  status: v.status,
  cancelReason: v.status === 'cancelled' ? blank(v.cancelReason) : null,
  description: blank(v.description),
  plannedCost: num(v.plannedCost) == null ? null : Math.round(Number(v.plannedCost) * 10 ** minorDigits(v.currency)),
  currency: v.currency,
});
const repeatBody = (r: Repeat, startDate: string) => {
  if (r.freq === 'none') return undefined;
  const end = r.ends === 'count' ? { count: num(r.count) } : { until: r.until || null };
  if (r.freq === 'weekly') return { freq: 'weekly', interval: num(r.interval) ?? 1, weekdays: r.weekdays.map(Number), ...end };
  const d = new Date(`${startDate}T00:00:00Z`);
  const nth = { week: Math.min(4, Math.ceil(d.getUTCDate() / 7)), weekday: ((d.getUTCDay() + 6) % 7) + 1 };
  return { freq: 'monthly', interval: num(r.interval) ?? 1, ...(r.monthMode === 'nth' ? { nth } : { monthDay: d.getUTCDate() }), ...end };
};

function ActivityForm({ initial, current, onSubmit, onCancel, onReload }: { initial: Values; current?: Activity; onSubmit: (v: Values, r: Repeat, scope: 'one' | 'following') => Promise<void>; onCancel: () => void; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState(initial);
  const [r, setR] = useState<Repeat>({ freq: 'none', interval: 1, weekdays: [], monthMode: 'day', ends: 'count', count: 4, until: '' });
  const [scope, setScope] = useState<'one' | 'following'>('one');
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v, r, scope));
  const members = useMemberOptions();
  const types = useTypeOptions();
  const programs = useQuery({ queryKey: ['programs', 'list', 'options'], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }), staleTime: 60_000 });
  const results = useQuery({ queryKey: ['framework', v.programId], queryFn: () => get<Framework>(`/api/programs/${v.programId}/results`), enabled: !!v.programId });
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const setRep = <K extends keyof Repeat>(k: K, value: Repeat[K]) => setR((p) => ({ ...p, [k]: value }));
  const listError = (key: string) => Object.entries(errors.error?.fields ?? {}).find(([k]) => k === key || k.startsWith(`${key}.`))?.[1].message;
  const weekdayNames = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  const repeatKeys = Object.keys(errors.error?.fields ?? {}).filter((k) => k.startsWith('repeat'));
  return (
    <form onSubmit={submit} noValidate data-testid="activity-form">
      <Stack gap="sm" maw={820}>
        <ErrorAlert
          error={errors.error}
          shown={['title', 'type', 'programId', 'resultId', 'startDate', 'startTime', 'endDate', 'endTime', 'venue', 'areaCode', 'latitude', 'longitude', 'capacity', 'facilitatorIds', 'status', 'cancelReason', 'description', 'plannedCost', 'currency', ...repeatKeys, ...Object.keys(errors.error?.fields ?? {}).filter((k) => k.startsWith('facilitatorIds.'))]}
        />
        {errors.error?.code === 'version_conflict' && onReload && (
          <Alert color="orange" title={t('person.conflictTitle')}>
            <Button size="xs" variant="default" onClick={onReload}>
              {t('common.reload')}
            </Button>
          </Alert>
        )}
        {current?.series && (
          <Radio.Group label={t('activities.scope.label')} value={scope} onChange={(s) => setScope(s as 'one' | 'following')} data-testid="scope">
            <Group gap="lg" mt={4}>
              <Radio value="one" label={t('activities.scope.one')} />
              <Radio value="following" label={t('activities.scope.following')} />
            </Group>
          </Radio.Group>
        )}
        <TextInput label={t('activities.name')} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.field('title')} maxLength={200} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('activities.typeLabel')} value={v.type} allowDeselect={false} onChange={(s) => set('type', s ?? 'meeting')} data={types.options} error={errors.field('type')} />
          <Select
            label={t('activities.statusLabel')}
            value={v.status}
            allowDeselect={false}
            onChange={(s) => set('status', (s as ActivityStatus) ?? 'planned')}
            data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.status.${s}`) }))}
            error={errors.field('status')}
          />
        </SimpleGrid>
        {v.status === 'cancelled' && <Textarea label={t('activities.cancelReason')} required value={v.cancelReason} onChange={(e) => set('cancelReason', e.currentTarget.value)} error={errors.field('cancelReason')} autosize minRows={2} maxLength={1000} />}
        <Fieldset legend={t('activities.when')} p="sm">
          <Stack gap="sm">
            <Switch label={t('activities.allDay')} checked={v.allDay} onChange={(e) => set('allDay', e.currentTarget.checked)} />
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              <TextInput
                label={t('activities.startDate')}
                type="date"
                required
                value={v.startDate}
                onChange={(e) => {
                  const d = e.currentTarget.value;
                  setV((p) => ({ ...p, startDate: d, endDate: !p.endDate || p.endDate < d || p.endDate === p.startDate ? d : p.endDate }));
                }}
                error={errors.field('startDate')}
              />
              {!v.allDay && <TextInput label={t('activities.startTime')} type="time" required value={v.startTime} onChange={(e) => set('startTime', e.currentTarget.value)} error={errors.field('startTime')} />}
              <TextInput label={t('activities.endDate')} type="date" value={v.endDate} min={v.startDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.field('endDate')} />
              {!v.allDay && <TextInput label={t('activities.endTime')} type="time" required value={v.endTime} onChange={(e) => set('endTime', e.currentTarget.value)} error={errors.field('endTime')} />}
            </SimpleGrid>
            {!current && (
              <Stack gap="xs" data-testid="repeat">
                <SegmentedControl
                  value={r.freq}
                  onChange={(s) => setRep('freq', s as Repeat['freq'])}
                  aria-label={t('activities.repeat.label')}
                  data={(['none', 'weekly', 'monthly'] as const).map((x) => ({ value: x, label: t(`activities.repeat.${x}`) }))}
                />
                {r.freq !== 'none' && (
                  <>
                    <NumberInput label={t(`activities.repeat.every_${r.freq}`)} min={1} max={r.freq === 'weekly' ? 52 : 12} value={r.interval} onChange={(x) => setRep('interval', x)} w={200} error={errors.field('repeat.interval')} />
                    {r.freq === 'weekly' && (
                      <Chip.Group multiple value={r.weekdays} onChange={(x) => setRep('weekdays', x)}>
                        <Group gap={4} role="group" aria-label={t('activities.repeat.onDays')}>
                          {weekdayNames.map((n, i) => (
                            <Chip key={n} value={String(i + 1)} size="xs">
                              {n}
                            </Chip>
                          ))}
                        </Group>
                      </Chip.Group>
                    )}
                    {r.freq === 'monthly' && (
                      <Radio.Group value={r.monthMode} onChange={(x) => setRep('monthMode', x as Repeat['monthMode'])} label={t('activities.repeat.monthly')}>
                        <Stack gap={4} mt={4}>
                          <Radio value="day" label={t('activities.repeat.byDay', { day: Number(v.startDate.slice(8)) || 1 })} />
                          <Radio value="nth" label={t('activities.repeat.byNth', { week: Math.min(4, Math.ceil((Number(v.startDate.slice(8)) || 1) / 7)), day: weekdayNames[(((new Date(`${v.startDate || '2024-01-01'}T00:00:00Z`).getUTCDay() + 6) % 7))] })} />
                        </Stack>
                      </Radio.Group>
                    )}
                    <Group gap="sm" align="flex-end">
                      <Radio.Group value={r.ends} onChange={(x) => setRep('ends', x as Repeat['ends'])} label={t('activities.repeat.ends')}>
                        <Group gap="md" mt={4}>
                          <Radio value="count" label={t('activities.repeat.afterCount')} />
                          <Radio value="until" label={t('activities.repeat.onDate')} />
                        </Group>
                      </Radio.Group>
                      {r.ends === 'count' ? (
                        <NumberInput aria-label={t('activities.repeat.count')} label={t('activities.repeat.count')} min={1} max={200} value={r.count} onChange={(x) => setRep('count', x)} w={140} error={errors.field('repeat.count')} />
                      ) : (
                        <TextInput label={t('activities.repeat.until')} type="date" min={v.startDate} value={r.until} onChange={(e) => setRep('until', e.currentTarget.value)} error={errors.field('repeat.until') ?? errors.field('repeat.count')} />
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('activities.repeat.help')}
                    </Text>
                  </>
                )}
              </Stack>
            )}
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('activities.program')}
            clearable
            searchable
            value={v.programId}
            onChange={(s) => setV((p) => ({ ...p, programId: s, resultId: null }))}
            data={(programs.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            error={errors.field('programId')}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('activities.result')}
            clearable
            searchable
            disabled={!v.programId}
            value={v.resultId}
            onChange={(s) => set('resultId', s)}
            data={(results.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code ? `${x.code} ` : ''}${x.statement}` }))}
            error={errors.field('resultId')}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Fieldset legend={t('activities.where')} p="sm">
          <Stack gap="sm">
            <TextInput label={t('activities.venue')} value={v.venue} onChange={(e) => set('venue', e.currentTarget.value)} error={errors.field('venue')} maxLength={200} />
            <AreaCascade value={v.areaCode} onChange={(c) => set('areaCode', c)} cols={{ base: 1, sm: 2, lg: 4 }} />
            {errors.field('areaCode') && <Text c="red" size="sm">{errors.field('areaCode')}</Text>}
            <SimpleGrid cols={{ base: 2 }} spacing="sm">
              <NumberInput label={t('activities.latitude')} decimalScale={6} min={-90} max={90} value={v.latitude} onChange={(x) => set('latitude', x)} error={errors.field('latitude')} />
              <NumberInput label={t('activities.longitude')} decimalScale={6} min={-180} max={180} value={v.longitude} onChange={(x) => set('longitude', x)} error={errors.field('longitude')} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput label={t('activities.capacity')} min={1} allowDecimal={false} value={v.capacity} onChange={(x) => set('capacity', x)} error={errors.field('capacity')} />
          <NumberInput label={t('activities.plannedCost')} min={0} thousandSeparator={i18n.language === 'en' ? ',' : '.'} decimalSeparator={i18n.language === 'en' ? '.' : ','} value={v.plannedCost} onChange={(x) => set('plannedCost', x)} error={errors.field('plannedCost')} />
          <TextInput label={t('activities.currency')} value={v.currency} maxLength={3} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} error={errors.field('currency')} />
        </SimpleGrid>
        <MultiSelect label={t('activities.facilitators')} searchable value={v.facilitatorIds} onChange={(s) => set('facilitatorIds', s)} data={members} error={listError('facilitatorIds')} comboboxProps={{ withinPortal: true }} />
        <Textarea label={t('activities.description')} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.field('description')} autosize minRows={3} maxLength={5000} />
        <FormActions onCancel={onCancel} busy={busy} />
      </Stack>
    </form>
  );
}

export function ActivityNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const f = useFormat();
  const { date } = useSearch({ from: '/app/activities/new' });
  return (
    <>
      <PageHeader title={t('activities.newTitle')} />
      <ActivityForm
        initial={fromActivity(undefined, date ?? f.today())}
        onCancel={() => void navigate({ to: '/activities' })}
        onSubmit={async (v, r) => {
          const body = toBody(v);
          const res = await post<ActivityChange>('/api/activities', { ...body, repeat: repeatBody(r, body.startDate) });
          await qc.invalidateQueries({ queryKey: ['activities'] });
          notify({ color: 'brand', message: res.affected > 1 ? t('activities.createdSeries', { count: res.affected }) : t('activities.created', { name: res.item.title }) });
          await navigate({ to: '/activities/$activityId', params: { activityId: res.item.id } });
        }}
      />
    </>
  );
}

export function ActivityEditPage() {
  const { t } = useTranslation();
  const { activityId } = useParams({ from: '/app/activities/$activityId/edit' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: activityKey(activityId), queryFn: () => get<Activity>(`/api/activities/${activityId}`) });
  if (q.isLoading) return <Skeleton h={240} />;
  if (!q.data) return <Text c="red">{q.error?.message}</Text>;
  const a = q.data;
  const before = toBody(fromActivity(a, a.startDate));
  return (
    <>
      <PageHeader title={t('activities.editTitle', { name: a.title })} />
      <ActivityForm
        key={a.version}
        current={a}
        initial={fromActivity(a, a.startDate)}
        onReload={() => void q.refetch()}
        onCancel={() => void navigate({ to: '/activities/$activityId', params: { activityId } })}
        onSubmit={async (v, _r, scope) => {
          // only what changed, so "this and following" carries exactly this change
          const after = toBody(v);
          const body: Record<string, unknown> = { version: a.version };
          for (const k of Object.keys(after) as (keyof typeof after)[]) if (JSON.stringify(after[k]) !== JSON.stringify(before[k])) body[k] = after[k];
          if (Object.keys(body).length > 1) {
            const saved = await patch<ActivityChange>(`/api/activities/${activityId}?scope=${scope}`, body);
            qc.setQueryData(activityKey(activityId), saved.item);
            await qc.invalidateQueries({ queryKey: ['activities'] });
            await qc.invalidateQueries({ queryKey: ['history', 'activity'] });
            notify({ color: 'brand', message: saved.affected > 1 ? t('activities.savedMany', { count: saved.affected }) : t('activities.saved') });
          }
          await navigate({ to: '/activities/$activityId', params: { activityId } });
        }}
      />
    </>
  );
}
