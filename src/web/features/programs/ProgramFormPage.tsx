import { Alert, Button, Fieldset, Group, MultiSelect, Pill, Select, SimpleGrid, Skeleton, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRAM_STATUSES, type ProgramStatus } from '../../../domain/programs.ts';
import { get, patch, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { type Program, programKey, sectorOptions } from './api.ts';
import { FormActions } from '../../ui/FormActions.tsx';

type Values = {
  name: string;
  status: ProgramStatus;
  startDate: string;
  endDate: string;
  summary: string;
  problemStatement: string;
  goal: string;
  sectors: string[];
  targetAreas: string[];
  targetGroups: string[];
  managerId: string | null;
  teamIds: string[];
};

const fromProgram = (g?: Program): Values => ({
  name: g?.name ?? '',
  status: g?.status ?? 'draft',
  startDate: g?.startDate ?? '',
  endDate: g?.endDate ?? '',
  summary: g?.summary ?? '',
  problemStatement: g?.problemStatement ?? '',
  goal: g?.goal ?? '',
  sectors: g?.sectors ?? [],
  targetAreas: g?.targetAreas.map((a) => a.code) ?? [],
  targetGroups: g?.targetGroups ?? [],
  managerId: g?.manager?.id ?? null,
  teamIds: g?.team.map((m) => m.id) ?? [],
});
const blank = (s: string) => (s.trim() ? s.trim() : null);
const toBody = (v: Values) => ({
  name: v.name.trim(),
  status: v.status,
  startDate: v.startDate || null,
  endDate: v.endDate || null,
  summary: blank(v.summary),
  problemStatement: blank(v.problemStatement),
  goal: blank(v.goal),
  sectors: v.sectors,
  targetAreas: v.targetAreas,
  targetGroups: v.targetGroups,
  managerId: v.managerId,
  teamIds: v.teamIds,
});

/** An area's name with its parents ("Kec. Cangkuang, Kab. Bandung"), looked up once. */
function AreaName({ code }: { code: string }) {
  const q = useQuery({ queryKey: ['area', code], queryFn: () => get<{ path: { name: string }[] }>(`/api/areas/${code}`), staleTime: Number.POSITIVE_INFINITY });
  return <>{q.data ? [...q.data.path].reverse().slice(0, 2).map((a) => a.name).join(', ') : code}</>;
}

function ProgramForm({ initial, onSubmit, onCancel, onReload }: { initial: Values; onSubmit: (v: Values) => Promise<void>; onCancel: () => void; onReload?: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const [area, setArea] = useState<string | null>(null);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  const memberOptions = useMemberOptions();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  // list fields report the item at fault ("teamIds.1"): shown beside the list
  const listError = (key: string) => Object.entries(errors.error?.fields ?? {}).find(([k]) => k === key || k.startsWith(`${key}.`))?.[1].message;
  const listKeys = Object.keys(errors.error?.fields ?? {}).filter((k) => /^(targetAreas|teamIds|sectors|targetGroups)\./.test(k));
  return (
    <form onSubmit={submit} noValidate data-testid="program-form">
      <Stack gap="sm" maw={820}>
        <ErrorAlert error={errors.error} shown={['name', 'status', 'startDate', 'endDate', 'summary', 'problemStatement', 'goal', 'sectors', 'targetAreas', 'targetGroups', 'managerId', 'teamIds', ...listKeys]} />
        {errors.error?.code === 'version_conflict' && onReload && (
          <Alert color="orange" title={t('person.conflictTitle')}>
            <Button size="xs" variant="default" onClick={onReload}>
              {t('common.reload')}
            </Button>
          </Alert>
        )}
        <TextInput label={t('programs.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} maxLength={200} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('programs.statusLabel')}
            value={v.status}
            allowDeselect={false}
            onChange={(s) => set('status', (s as ProgramStatus) ?? 'draft')}
            data={PROGRAM_STATUSES.map((s) => ({ value: s, label: t(`programs.status.${s}`) }))}
            error={errors.field('status')}
          />
          <TextInput label={t('programs.startDate')} type="date" value={v.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.field('startDate')} />
          <TextInput label={t('programs.endDate')} type="date" value={v.endDate} min={v.startDate || undefined} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.field('endDate')} />
        </SimpleGrid>
        <Textarea label={t('programs.summary')} description={t('programs.summaryHelp')} value={v.summary} onChange={(e) => set('summary', e.currentTarget.value)} error={errors.field('summary')} autosize minRows={2} maxLength={2000} />
        <Textarea label={t('programs.problemStatement')} description={t('programs.problemHelp')} value={v.problemStatement} onChange={(e) => set('problemStatement', e.currentTarget.value)} error={errors.field('problemStatement')} autosize minRows={2} maxLength={5000} />
        <Textarea label={t('programs.goal')} description={t('programs.goalHelp')} value={v.goal} onChange={(e) => set('goal', e.currentTarget.value)} error={errors.field('goal')} autosize minRows={2} maxLength={2000} />
        <MultiSelect label={t('programs.sectors')} searchable value={v.sectors} onChange={(s) => set('sectors', s)} data={sectorOptions(t)} error={listError('sectors')} comboboxProps={{ withinPortal: true }} />
        <Fieldset legend={t('programs.targetAreas')} p="sm">
          <Text size="xs" c="dimmed" mb="xs">
            {t('programs.targetAreasHelp')}
          </Text>
          {v.targetAreas.length > 0 && (
            <Group gap={6} mb="xs" data-testid="program-areas">
              {v.targetAreas.map((code) => (
                <Pill key={code} withRemoveButton onRemove={() => set('targetAreas', v.targetAreas.filter((c) => c !== code))} removeButtonProps={{ 'aria-label': t('programs.removeArea', { code }) }}>
                  <AreaName code={code} />
                </Pill>
              ))}
            </Group>
          )}
          <AreaCascade value={area} onChange={setArea} cols={{ base: 1, sm: 2, lg: 4 }} />
          <Group mt="xs">
            <Button
              size="xs"
              variant="light"
              disabled={!area || v.targetAreas.includes(area)}
              onClick={() => {
                if (area) set('targetAreas', [...v.targetAreas, area]);
                setArea(null);
              }}
            >
              {t('programs.addArea')}
            </Button>
          </Group>
          {listError('targetAreas') && (
            <Text c="red" size="sm" mt={4}>
              {listError('targetAreas')}
            </Text>
          )}
        </Fieldset>
        <TagsInput label={t('programs.targetGroups')} description={t('programs.targetGroupsHelp')} value={v.targetGroups} onChange={(s) => set('targetGroups', s)} error={listError('targetGroups')} maxTags={30} clearable />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('programs.manager')} clearable searchable value={v.managerId} onChange={(s) => set('managerId', s)} data={memberOptions} error={errors.field('managerId')} comboboxProps={{ withinPortal: true }} />
          <MultiSelect label={t('programs.team')} searchable value={v.teamIds} onChange={(s) => set('teamIds', s)} data={memberOptions} error={listError('teamIds')} comboboxProps={{ withinPortal: true }} />
        </SimpleGrid>
        <FormActions onCancel={onCancel} busy={busy} />
      </Stack>
    </form>
  );
}

export function ProgramNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <>
      <PageHeader title={t('programs.newTitle')} />
      <ProgramForm
        initial={fromProgram()}
        onCancel={() => void navigate({ to: '/programs' })}
        onSubmit={async (v) => {
          const g = await post<Program>('/api/programs', toBody(v));
          await qc.invalidateQueries({ queryKey: ['programs'] });
          notify({ color: 'brand', message: t('programs.created', { name: g.name }) });
          await navigate({ to: '/programs/$programId', params: { programId: g.id } });
        }}
      />
    </>
  );
}

export function ProgramEditPage() {
  const { t } = useTranslation();
  const { programId } = useParams({ from: '/app/programs/$programId/edit' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: programKey(programId), queryFn: () => get<Program>(`/api/programs/${programId}`) });
  if (q.isLoading) return <Skeleton h={240} />;
  if (!q.data) return <Text c="red">{q.error?.message}</Text>;
  const g = q.data;
  const before = toBody(fromProgram(g));
  return (
    <>
      <PageHeader title={t('programs.editTitle', { name: g.name })} />
      <ProgramForm
        key={g.version}
        initial={fromProgram(g)}
        onReload={() => void q.refetch()}
        onCancel={() => void navigate({ to: '/programs/$programId', params: { programId } })}
        onSubmit={async (v) => {
          // only what changed, so a colleague's change to another field is not overwritten
          const after = toBody(v);
          const body: Record<string, unknown> = { version: g.version };
          for (const k of Object.keys(after) as (keyof typeof after)[]) if (JSON.stringify(after[k]) !== JSON.stringify(before[k])) body[k] = after[k];
          if (Object.keys(body).length > 1) {
            const saved = await patch<Program>(`/api/programs/${programId}`, body);
            qc.setQueryData(programKey(programId), saved);
            await qc.invalidateQueries({ queryKey: ['programs', 'list'] });
            await qc.invalidateQueries({ queryKey: ['history', 'program', programId] });
            notify({ color: 'brand', message: t('programs.saved') });
          }
          await navigate({ to: '/programs/$programId', params: { programId } });
        }}
      />
    </>
  );
}
