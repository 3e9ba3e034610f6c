import { Alert, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../domain/contracts/indicators.ts';
import { AGGREGATIONS, type Aggregation, DISAGGREGATIONS, type Direction, INDICATOR_FREQUENCIES, INDICATOR_TYPES, type IndicatorFrequency, type IndicatorType, periodsBetween } from '../../../domain/indicators.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { COMPUTED_DIMENSIONS, COMPUTED_SOURCES, type ComputedSource } from '../../../domain/computed.ts';
import { PERSON_ROLES } from '../../../domain/people.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { useTypeOptions } from '../activities/api.ts';

type TargetRow = { start: string; end: string; value: number | '' };
type Values = {
  code: string;
  name: string;
  definition: string;
  unit: string;
  type: IndicatorType;
  direction: Direction;
  aggregation: Aggregation;
  baselineValue: number | '';
  baselineDate: string;
  frequency: IndicatorFrequency;
  disaggregations: string[];
  dataSource: string;
  responsibleId: string | null;
  targets: TargetRow[];
  /** entered by staff, or counted from the registry */
  source: 'entered' | ComputedSource;
  roles: string[];
  inProgramAreas: boolean;
  /** counted from attendance: which activities, and how many of them make a person count */
  activityTypes: string[];
  resultId: string | null;
  minActivities: number | '';
};

export const fromIndicator = (i?: Indicator): Values => ({
  code: i?.code ?? '',
  name: i?.name ?? '',
  definition: i?.definition ?? '',
  unit: i?.unit ?? '',
  type: i?.type ?? 'count',
  direction: i?.direction ?? 'increase',
  aggregation: i?.aggregation ?? 'sum',
  baselineValue: i?.baselineValue ?? '',
  baselineDate: i?.baselineDate ?? '',
  frequency: i?.frequency ?? 'quarter',
  disaggregations: i?.disaggregations ?? [],
  dataSource: i?.dataSource ?? '',
  responsibleId: i?.responsible?.id ?? null,
  targets: i?.targets ?? [],
  source: i?.computation?.source ?? 'entered',
  roles: i?.computation?.roles ?? [],
  inProgramAreas: i?.computation?.inProgramAreas ?? true,
  activityTypes: i?.computation?.activityTypes ?? [],
  resultId: i?.computation?.resultId ?? null,
  minActivities: i?.computation?.minActivities ?? 1,
});

const blank = (s: string) => (s.trim() ? s.trim() : null);
const isSent = (t: TargetRow) => t.value !== '' && !!t.start && !!t.end;
export const toBody = (v: Values) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  definition: blank(v.definition),
  unit: blank(v.unit),
  type: v.type,
  direction: v.direction,
  aggregation: v.aggregation,
  baselineValue: v.baselineValue === '' ? null : v.baselineValue,
  baselineDate: v.baselineDate || null,
  frequency: v.frequency,
  disaggregations: v.disaggregations,
  dataSource: blank(v.dataSource),
  responsibleId: v.responsibleId,
  // a period left empty has no target
  targets: v.targets.filter(isSent).map((t) => ({ start: t.start, end: t.end, value: Number(t.value) })),
  computation:
    v.source === 'entered'
      ? null
      : {
          source: v.source,
          roles: v.roles as (typeof PERSON_ROLES)[number][],
          inProgramAreas: v.inProgramAreas,
          ...(v.source === 'attendance' ? { activityTypes: v.activityTypes, resultId: v.resultId, minActivities: v.minActivities === '' ? 1 : v.minActivities } : {}),
        },
});

/**
 * The targets of an indicator. For a monthly, quarterly or yearly one, every period of the
 * program (or of the next two years when the program has no dates) is listed with a box for its
 * target; for a custom one, periods are added one by one.
 */
function Targets({ v, set, period, error }: { v: Values; set: (t: TargetRow[]) => void; period: { start: string | null; end: string | null }; error: (i: number) => string | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = new Date().toISOString().slice(0, 10);
  // the program's periods, widened to any target already set outside them (a moved end date)
  const starts = [period.start ?? today, ...v.targets.map((x) => x.start)].filter(Boolean).sort();
  const ends = [period.end ?? `${Number(today.slice(0, 4)) + 1}-12-31`, ...v.targets.map((x) => x.end)].filter(Boolean).sort();
  const rows: TargetRow[] =
    v.frequency === 'custom' ? v.targets : periodsBetween(starts[0], ends[ends.length - 1], v.frequency).map((p) => ({ ...p, value: v.targets.find((x) => x.start === p.start)?.value ?? '' }));
  const update = (i: number, patch: Partial<TargetRow>) => {
    const next = rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
    set(v.frequency === 'custom' ? next : next.filter((r) => r.value !== ''));
  };
  // the server numbers the targets it was sent: the rows with a value and both dates
  const sentIndex = (i: number) => (isSent(rows[i]) ? rows.slice(0, i).filter(isSent).length : -1);
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">
        {t('indicators.targets')}
      </Text>
      <Text size="xs" c="dimmed">
        {v.frequency === 'custom' ? t('indicators.targetsCustomHelp') : t('indicators.targetsHelp')}
      </Text>
      <Table withTableBorder verticalSpacing={4} data-testid="targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicators.period')}</Table.Th>
            <Table.Th w={140}>{t('indicators.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={v.frequency === 'custom' ? i : r.start}>
              <Table.Td>
                {v.frequency === 'custom' ? (
                  <Group gap={4} wrap="wrap">
                    <TextInput size="xs" type="date" aria-label={t('indicators.periodStart')} value={r.start} onChange={(e) => update(i, { start: e.currentTarget.value })} />
                    <TextInput size="xs" type="date" aria-label={t('indicators.periodEnd')} value={r.end} onChange={(e) => update(i, { end: e.currentTarget.value })} />
                  </Group>
                ) : (
                  <Text size="sm">{`${f.date(r.start)} – ${f.date(r.end)}`}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" aria-label={t('indicators.targetFor', { period: `${f.date(r.start)} – ${f.date(r.end)}` })} value={r.value} onChange={(n) => update(i, { value: n === '' ? '' : Number(n) })} error={error(sentIndex(i))} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.frequency === 'custom' && (
        <Group>
          <Button size="compact-xs" variant="light" onClick={() => set([...v.targets, { start: '', end: '', value: '' }])}>
            {t('indicators.addPeriod')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Add or change an indicator, in a dialog that keeps what was typed when the server refuses it. */
export function IndicatorModal({
  opened,
  title,
  initial,
  period,
  results,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  initial: Values;
  period: { start: string | null; end: string | null };
  /** the program's results, for counting attendance at the activities serving one of them */
  results: { value: string; label: string }[];
  onClose: () => void;
  onSubmit: (v: Values) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  const memberOptions = useMemberOptions();
  const types = useTypeOptions();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="indicator-form">
        <Stack gap="sm">
          {/* target problems are listed here too: beside a box, and here in case the box is not on screen */}
          <ErrorAlert error={errors.error} shown={Object.keys(initial)} labels={Object.fromEntries(Object.keys(errors.error?.fields ?? {}).map((k) => [k, k.startsWith('targets.') ? t('indicators.targetNumber', { n: Number(k.split('.')[1]) + 1 }) : k]))} />
          {errors.error?.code === 'version_conflict' && <Alert color="orange">{t('person.conflictTitle')}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput label={t('indicators.code')} required maxLength={20} value={v.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.field('code')} />
            <TextInput label={t('indicators.name')} required maxLength={300} value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} style={{ gridColumn: 'span 3' }} />
          </SimpleGrid>
          <Textarea label={t('indicators.definition')} description={t('indicators.definitionHelp')} autosize minRows={2} maxLength={3000} value={v.definition} onChange={(e) => set('definition', e.currentTarget.value)} error={errors.field('definition')} />
          <Stack gap={4}>
            <Text fw={500} size="sm" id="source-label">
              {t('computed.source')}
            </Text>
            <SegmentedControl
              aria-labelledby="source-label"
              value={v.source}
              onChange={(x) => setV((p) => ({ ...p, source: x as Values['source'], ...(x === 'entered' ? {} : { type: 'count', aggregation: 'latest', disaggregations: p.disaggregations.filter((d) => COMPUTED_DIMENSIONS[x as ComputedSource].includes(d)) }) }))}
              data={[{ value: 'entered', label: t('computed.entered') }, ...COMPUTED_SOURCES.map((x) => ({ value: x, label: t(`computed.from.${x}`) }))]}
              data-testid="indicator-source"
            />
            {v.source !== 'entered' && (
              <Stack gap="xs">
                <Text size="xs" c="dimmed">
                  {t(v.source === 'attendance' ? 'computed.helpAttendance' : 'computed.help')}
                </Text>
                {v.source === 'attendance' && (
                  <>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <MultiSelect label={t('computed.activityTypes')} description={t('computed.activityTypesHelp')} value={v.activityTypes} onChange={(x) => set('activityTypes', x)} data={types.options} error={errors.field('computation.activityTypes')} comboboxProps={{ withinPortal: true }} />
                      <NumberInput label={t('computed.minActivities')} description={t('computed.minActivitiesHelp')} min={1} max={100} allowDecimal={false} value={v.minActivities} onChange={(x) => set('minActivities', typeof x === 'number' ? x : '')} error={errors.field('computation.minActivities')} />
                    </SimpleGrid>
                    <Select label={t('computed.result')} description={t('computed.resultHelp')} placeholder={t('computed.wholeProgram')} clearable value={v.resultId} onChange={(x) => set('resultId', x)} data={results} error={errors.field('computation.resultId')} comboboxProps={{ withinPortal: true }} />
                  </>
                )}
                <MultiSelect label={t('computed.roles')} description={t('computed.rolesHelp')} value={v.roles} onChange={(x) => set('roles', x)} data={PERSON_ROLES.map((r) => ({ value: r, label: t(`personRole.${r}`) }))} comboboxProps={{ withinPortal: true }} />
                <Checkbox label={t('computed.inProgramAreas')} checked={v.inProgramAreas} onChange={(e) => set('inProgramAreas', e.currentTarget.checked)} />
              </Stack>
            )}
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select disabled={v.source !== 'entered'} label={t('indicators.type')} allowDeselect={false} value={v.type} onChange={(x) => set('type', (x as IndicatorType) ?? 'count')} data={INDICATOR_TYPES.map((x) => ({ value: x, label: t(`indicators.types.${x}`) }))} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('indicators.unit')} description={t('indicators.unitHelp')} maxLength={50} value={v.unit} onChange={(e) => set('unit', e.currentTarget.value)} error={errors.field('unit')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Stack gap={4}>
              <Text fw={500} size="sm" id="direction-label">
                {t('indicators.direction')}
              </Text>
              <SegmentedControl aria-labelledby="direction-label" value={v.direction} onChange={(x) => set('direction', x as Direction)} data={[{ value: 'increase', label: t('indicators.increase') }, { value: 'decrease', label: t('indicators.decrease') }]} />
            </Stack>
            <Select
              label={t('indicators.aggregation')}
              description={t('indicators.aggregationHelp')}
              allowDeselect={false}
              value={v.aggregation}
              disabled={v.source !== 'entered'}
              onChange={(x) => set('aggregation', (x as Aggregation) ?? 'sum')}
              data={AGGREGATIONS.map((x) => ({ value: x, label: t(`indicators.aggregations.${x}`) }))}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput label={t('indicators.baseline')} value={v.baselineValue} onChange={(n) => set('baselineValue', n === '' ? '' : Number(n))} error={errors.field('baselineValue')} />
            <TextInput label={t('indicators.baselineDate')} type="date" value={v.baselineDate} onChange={(e) => set('baselineDate', e.currentTarget.value)} error={errors.field('baselineDate')} />
          </SimpleGrid>
          <Checkbox.Group label={t('indicators.disaggregations')} value={v.disaggregations} onChange={(x) => set('disaggregations', x)}>
            <Group gap="md" mt={4}>
              {DISAGGREGATIONS.map((d) => (
                <Checkbox key={d} value={d} label={t(`indicators.by.${d}`)} disabled={v.source !== 'entered' && !COMPUTED_DIMENSIONS[v.source].includes(d)} />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('indicators.dataSource')} maxLength={500} value={v.dataSource} onChange={(e) => set('dataSource', e.currentTarget.value)} error={errors.field('dataSource')} />
            <Select
              label={t('indicators.responsible')}
              clearable
              searchable
              value={v.responsibleId}
              onChange={(x) => set('responsibleId', x)}
              data={memberOptions}
              error={errors.field('responsibleId')}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <Select
            label={t('indicators.frequency')}
            allowDeselect={false}
            value={v.frequency}
            onChange={(x) => setV((p) => ({ ...p, frequency: (x as IndicatorFrequency) ?? 'quarter', targets: [] }))}
            data={INDICATOR_FREQUENCIES.map((x) => ({ value: x, label: t(`indicators.frequencies.${x}`) }))}
            comboboxProps={{ withinPortal: true }}
          />
          <Targets v={v} set={(x) => set('targets', x)} period={period} error={(i) => (i >= 0 ? errors.field(`targets.${i}`) : undefined)} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
