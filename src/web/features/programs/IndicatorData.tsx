import { Alert, Anchor, Badge, Box, Button, Drawer, FileButton, Group, Modal, NumberInput, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../domain/contracts/indicators.ts';
import type { IndicatorSeries, IndicatorValue } from '../../../domain/contracts/values.ts';
import { DISABILITY_CATEGORIES, type Parts, byCategory, checkValue } from '../../../domain/indicators.ts';
import { SEXES } from '../../../domain/people.ts';
import { ApiError, del, get, patch, post, upload } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, errorMessage, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconUpload } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { VALUE_STATUS_COLORS, dashboardKey, monitoringSettingsKey, pendingKey, resultLabel, useFramework, valuesKey } from './api.ts';
import { useTypeOptions } from '../activities/api.ts';
import { SeriesView, StatusBadge, useCategoryLabel } from './Series.tsx';
import { FormActions } from '../../ui/FormActions.tsx';

type Settings = { ageBands: { min: number; max: number | null }[]; rule: { onTrack: number; atRisk: number } };
const bandKey = (b: { min: number; max: number | null }) => (b.max == null ? `${b.min}+` : `${b.min}-${b.max}`);

export function useMonitoringSettings() {
  return useQuery({ queryKey: monitoringSettingsKey, queryFn: () => get<Settings>('/api/monitoring/settings'), staleTime: 5 * 60_000 });
}

/** The categories each breakdown offers in the form. */
function useCategories(areaCodes: string[]) {
  const settings = useMonitoringSettings().data;
  return (dim: string): string[] => (dim === 'sex' ? [...SEXES] : dim === 'age' ? (settings?.ageBands ?? []).map(bandKey) : dim === 'disability' ? [...DISABILITY_CATEGORIES] : areaCodes);
}

/** What a computed indicator counts, in a sentence. */
export function useComputationText(programId: string | undefined) {
  const { t } = useTranslation();
  const { label: typeLabel } = useTypeOptions();
  const results = (useFramework(programId).data?.items ?? []).map((r) => ({ id: r.id, label: resultLabel(r) }));
  return (i: Indicator) => {
    const c = i.computation;
    if (!c) return '';
    const roles = c.roles.length ? t('computed.withRoles', { roles: c.roles.map((r) => t(`personRole.${r}`).toLocaleLowerCase()).join(', ') }) : '';
    const types = c.activityTypes.length ? c.activityTypes.map(typeLabel).join(', ') : t('computed.anyType');
    const result = c.resultId ? t('computed.underResult', { result: results.find((r) => r.id === c.resultId)?.label ?? '?' }) : t('computed.inProgram');
    return t(`computed.sentence.${c.source}`, { roles, areas: c.inProgramAreas ? t('computed.inAreas') : '', types, result, n: c.minActivities }).replace(/\s+/g, ' ').trim();
  };
}

export const refreshMonitoring = (qc: ReturnType<typeof useQueryClient>, programId: string, indicatorId?: string) =>
  Promise.all([
    qc.invalidateQueries({ queryKey: dashboardKey(programId) }),
    qc.invalidateQueries({ queryKey: pendingKey(programId) }),
    indicatorId ? qc.invalidateQueries({ queryKey: valuesKey(indicatorId) }) : null,
    indicatorId ? qc.invalidateQueries({ queryKey: ['series', indicatorId] }) : null,
  ]);

/** An indicator's results: its figures per period and to date, and the values reported, with their review. */
export function IndicatorDrawer({ indicator, areas, onClose }: { indicator: Indicator | null; areas: { code: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const computationText = useComputationText(indicator?.programId);
  const can = useCan();
  const [entry, setEntry] = useState<{ value?: IndicatorValue } | null>(null);
  const qc = useQueryClient();
  const id = indicator?.id ?? '';
  const series = useQuery({ queryKey: ['series', id], queryFn: () => get<IndicatorSeries>(`/api/indicators/${id}/series`), enabled: !!indicator });
  const areaNames = Object.fromEntries(areas.map((a) => [a.code, a.name]));
  return (
    <Drawer opened={!!indicator} onClose={onClose} position="right" size={phone ? '100%' : 'xl'} title={indicator ? `${indicator.code} ${indicator.name}` : ''} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {indicator && (
        <Stack gap="md" data-testid="indicator-drawer">
          {indicator.definition && <Text size="sm">{indicator.definition}</Text>}
          {indicator.computed && (
            <Alert color="blue" variant="light" title={t('computed.title')} data-testid="computed-definition">
              {computationText(indicator)}
            </Alert>
          )}
          {series.data ? (
            <>
              <Group gap="xs">
                <StatusBadge status={series.data.series.status} progress={series.data.series.progress} />
                <Text size="xs" c="dimmed">
                  {t('dashboard.rule', { onTrack: Math.round(series.data.rule.onTrack * 100), atRisk: Math.round(series.data.rule.atRisk * 100) })}
                </Text>
              </Group>
              {series.data.series.pending > 0 && (
                <Text size="sm" c="blue.9">
                  {t('values.pendingNote', { count: series.data.series.pending })}
                </Text>
              )}
              <SeriesView indicator={indicator} series={series.data.series} areaNames={areaNames} testId="indicator-series" />
            </>
          ) : (
            <Skeleton h={240} />
          )}
          {!indicator.computed && (
            <>
              <Group justify="space-between">
                <Title order={3} fz="md">
                  {t('values.title')}
                </Title>
                {can('results.enter') && (
                  <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEntry({})}>
                    {t('values.add')}
                  </Button>
                )}
              </Group>
              <ValueList indicator={indicator} areaNames={areaNames} onEdit={(value) => setEntry({ value })} />
            </>
          )}
          {entry && (
            <ValueModal
              indicator={indicator}
              value={entry.value}
              areas={areas}
              onClose={() => setEntry(null)}
              onSaved={async () => {
                setEntry(null);
                await refreshMonitoring(qc, indicator.programId, indicator.id);
              }}
            />
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function ValueList({ indicator, areaNames, onEdit }: { indicator: Indicator; areaNames: Record<string, string>; onEdit: (v: IndicatorValue) => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: valuesKey(indicator.id), queryFn: () => get<{ items: IndicatorValue[] }>(`/api/indicators/${indicator.id}/values`) });
  if (q.isLoading) return <Skeleton h={80} />;
  if (!q.data?.items.length) return <Text size="sm" c="dimmed">{t('values.none')}</Text>;
  return (
    <Stack gap="xs" data-testid="values">
      {q.data.items.map((v) => (
        <ValueCard key={v.id} indicator={indicator} value={v} areaNames={areaNames} onEdit={() => onEdit(v)} />
      ))}
    </Stack>
  );
}

/** A value as reported: figure, breakdown, comment, evidence, review state and what the reader may do with it. */
export function ValueCard({ indicator, value: v, areaNames, onEdit }: { indicator: { id: string; programId: string; type: string; unit: string | null }; value: IndicatorValue; areaNames: Record<string, string>; onEdit?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const me = useMe();
  const qc = useQueryClient();
  const catLabel = useCategoryLabel(areaNames);
  const [returning, setReturning] = useState(false);
  const mine = v.enteredBy?.id === me?.user.id;
  const editable = can('results.review') || (can('results.enter') && mine && v.status !== 'approved');
  const refresh = () => refreshMonitoring(qc, indicator.programId, indicator.id);
  const figure = v.numerator != null && v.denominator != null ? `${f.number(v.numerator)} / ${f.number(v.denominator)}${v.denominator ? ` = ${f.number(Math.round((v.numerator / v.denominator) * 1000) / 10)}%` : ''}` : `${f.number(v.value ?? 0)}${indicator.type === 'percentage' ? '%' : ''}`;
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await refresh();
    } catch (e) {
      notify({ color: 'red', message: errorMessage(e) });
    }
  };
  const remove = () =>
    deleteWithUndo(t, {
      title: t('values.deleteTitle'),
      message: t('values.deleteConfirm', { date: f.date(v.date) }),
      deleted: t('values.deleted'),
      restored: t('values.restored'),
      remove: () => del(`/api/values/${v.id}`),
      restore: async () => {
        await post(`/api/values/${v.id}/restore`);
        await refresh();
      },
      after: refresh,
    });
  return (
    <Paper withBorder p="xs" data-testid="value" data-status={v.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Box style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600}>
              {figure} {indicator.unit && indicator.type !== 'percentage' ? <Text span size="sm" c="dimmed">{indicator.unit}</Text> : null}
            </Text>
            <Badge size="sm" variant="light" color={VALUE_STATUS_COLORS[v.status]}>
              {t(`values.status.${v.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('values.asOf', { date: f.date(v.date) })} · {t('values.enteredBy', { name: v.enteredBy?.name ?? '—' })}
            {v.reviewedBy ? ` · ${t(v.status === 'approved' ? 'values.approvedBy' : 'values.returnedBy', { name: v.reviewedBy.name })}` : ''}
          </Text>
          {Object.entries(v.parts).map(([dim, cats]) => (
            <Text key={dim} size="xs">
              {t(`indicators.by.${dim}`)}:{' '}
              {Object.entries(cats)
                .sort(([a], [b]) => byCategory(a, b))
                .map(([c, p]) => `${catLabel(dim, c)} ${typeof p === 'number' ? f.number(p) : `${f.number(p.numerator)}/${f.number(p.denominator)}`}`)
                .join(' · ')}
            </Text>
          ))}
          {v.partsNote && (
            <Text size="xs" c="dimmed" fs="italic">
              {v.partsNote}
            </Text>
          )}
          {v.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {v.comment}
            </Text>
          )}
          {v.status === 'returned' && v.reviewReason && (
            <Alert color="orange" p={6} mt={4} title={t('values.returnedReason')}>
              {v.reviewReason}
            </Alert>
          )}
          {v.evidence.length > 0 && (
            <Group gap="xs" mt={4}>
              {v.evidence.map((e) => (
                <Anchor key={e.id} size="xs" href={`/api/evidence/${e.id}`} target="_blank" rel="noopener">
                  📎 {e.fileName}
                </Anchor>
              ))}
            </Group>
          )}
        </Box>
      </Group>
      <Group gap={4} mt={6}>
        {v.status === 'submitted' && can('results.review') && (
          <>
            <Button size="compact-xs" onClick={() => act(() => post(`/api/values/${v.id}/review`, { decision: 'approve', version: v.version }))}>
              {t('values.approve')}
            </Button>
            <Button size="compact-xs" variant="light" color="orange" onClick={() => setReturning(true)}>
              {t('values.return')}
            </Button>
          </>
        )}
        {editable && (
          <>
            {onEdit && (
              <Button size="compact-xs" variant="subtle" onClick={onEdit}>
                {t('common.edit')}
              </Button>
            )}
            <Button size="compact-xs" variant="subtle" color="red" onClick={remove}>
              {t('common.delete')}
            </Button>
          </>
        )}
      </Group>
      {returning && <ReturnModal value={v} onClose={() => setReturning(false)} onDone={refresh} />}
    </Paper>
  );
}

function ReturnModal({ value, onClose, onDone }: { value: IndicatorValue; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/values/${value.id}/review`, { decision: 'return', reason, version: value.version });
    onClose();
    await onDone();
  });
  return (
    <Modal opened onClose={onClose} title={t('values.returnTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['reason']} />
          <Textarea label={t('values.returnReason')} required autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('reason')} data-autofocus />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('values.return')} color="orange" />
        </Stack>
      </form>
    </Modal>
  );
}

type PartInputs = Record<string, Record<string, { n: number | ''; d: number | '' }>>;
type Form = { date: string; value: number | ''; numerator: number | ''; denominator: number | ''; parts: PartInputs; partsNote: string; comment: string };

const num = (x: number | '') => (x === '' ? null : x);

/** Report or correct a value. The parts are checked as they are typed (the same check the server makes). */
function ValueModal({ indicator, value, areas, onClose, onSaved }: { indicator: Indicator; value?: IndicatorValue; areas: { code: string; name: string }[]; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const categories = useCategories(areas.map((a) => a.code));
  const catLabel = useCategoryLabel(Object.fromEntries(areas.map((a) => [a.code, a.name])));
  const pct = indicator.type === 'percentage';
  const dims = indicator.type === 'yes_no' ? [] : indicator.disaggregations.filter((d) => categories(d).length);
  const [v, setV] = useState<Form>(() => ({
    date: value?.date ?? f.today(),
    value: value?.value ?? '',
    numerator: value?.numerator ?? '',
    denominator: value?.denominator ?? '',
    parts: Object.fromEntries(Object.entries(value?.parts ?? {}).map(([d, cats]) => [d, Object.fromEntries(Object.entries(cats).map(([c, p]) => [c, typeof p === 'number' ? { n: p, d: '' } : { n: p.numerator, d: p.denominator }]))])) as PartInputs,
    partsNote: value?.partsNote ?? '',
    comment: value?.comment ?? '',
  }));
  const [files, setFiles] = useState<File[]>([]);
  const byParts = pct && (!value || value.numerator != null);
  const parts: Parts = Object.fromEntries(
    Object.entries(v.parts)
      .map(([d, cats]) => [d, Object.fromEntries(Object.entries(cats).filter(([, p]) => p.n !== '').map(([c, p]) => [c, byParts ? { numerator: Number(p.n), denominator: Number(p.d || 0) } : Number(p.n)]))] as const)
      .filter(([, cats]) => Object.keys(cats).length),
  );
  const body = { date: v.date, ...(byParts ? { numerator: num(v.numerator), denominator: num(v.denominator), value: null } : { value: num(v.value) }), parts, partsNote: v.partsNote.trim() || null, comment: v.comment.trim() || null };
  const live = checkValue(indicator, body, categories);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const saved = value ? await patch<IndicatorValue>(`/api/values/${value.id}`, { ...body, version: value.version }) : await post<IndicatorValue>(`/api/indicators/${indicator.id}/values`, body);
    // the value is saved; a file the server refuses is reported, and the value stays
    for (const file of files) {
      try {
        await upload(`/api/values/${saved.id}/evidence`, file);
      } catch (e) {
        notify({ color: 'red', title: file.name, message: e instanceof ApiError ? e.message : errorMessage(e) });
      }
    }
    await onSaved();
  });
  const setPart = (d: string, c: string, k: 'n' | 'd', x: number | '') => setV((p) => ({ ...p, parts: { ...p.parts, [d]: { ...p.parts[d], [c]: { ...(p.parts[d]?.[c] ?? { n: '', d: '' }), [k]: x } } } }));
  const partProblem = (d: string) => errors.field(`parts.${d}`) ?? (live[`parts.${d}`] === 'parts_exceed_total' ? t('values.partsOver') : undefined);
  const sumOf = (d: string) => Object.values(v.parts[d] ?? {}).reduce((s, p) => s + (p.n === '' ? 0 : Number(p.n)), 0);
  const total = byParts ? num(v.numerator) : num(v.value);
  const short = dims.some((d) => live[`parts.${d}`] === 'parts_below_total') || (!!v.partsNote && dims.some((d) => Object.keys(v.parts[d] ?? {}).length && sumOf(d) !== total));
  return (
    <Modal opened onClose={onClose} title={value ? t('values.editTitle', { code: indicator.code }) : t('values.newTitle', { code: indicator.code })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="value-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['date', 'value', 'numerator', 'denominator', 'partsNote', 'comment', ...dims.map((d) => `parts.${d}`)]} />
          {errors.error?.code === 'version_conflict' && <Alert color="orange">{t('person.conflictTitle')}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: pct ? 3 : 2 }} spacing="sm">
            <TextInput type="date" label={t('values.date')} description={t('values.dateHelp')} required value={v.date} onChange={(e) => setV({ ...v, date: e.currentTarget.value })} error={errors.field('date')} />
            {byParts ? (
              <>
                <NumberInput label={t('values.numerator')} min={0} required value={v.numerator} onChange={(n) => setV({ ...v, numerator: n === '' ? '' : Number(n) })} error={errors.field('numerator') ?? (live.numerator === 'value_range' && v.denominator !== '' ? t('values.numeratorOver') : undefined)} />
                <NumberInput label={t('values.denominator')} min={0} required value={v.denominator} onChange={(n) => setV({ ...v, denominator: n === '' ? '' : Number(n) })} error={errors.field('denominator')} />
              </>
            ) : (
              <NumberInput
                label={indicator.type === 'yes_no' ? t('values.yesNo') : t('values.value')}
                description={indicator.unit ?? undefined}
                min={indicator.type === 'average' ? undefined : 0}
                max={indicator.type === 'yes_no' ? 1 : undefined}
                required
                value={v.value}
                onChange={(n) => setV({ ...v, value: n === '' ? '' : Number(n) })}
                error={errors.field('value')}
              />
            )}
          </SimpleGrid>
          {dims.map((d) => (
            <Box key={d} data-testid={`parts-${d}`}>
              <Text size="sm" fw={500}>
                {t('values.partsBy', { dim: t(`indicators.by.${d}`) })}
                {indicator.type === 'count' || byParts ? (
                  <Text span size="xs" c={partProblem(d) ? 'red' : 'dimmed'}>
                    {' '}
                    — {t('values.partsSum', { sum: f.number(sumOf(d)), total: total == null ? '—' : f.number(total) })}
                  </Text>
                ) : null}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: byParts ? 2 : 4 }} spacing={6} mt={4}>
                {categories(d).map((c) => (
                  <Group key={c} gap={4} wrap="nowrap" align="flex-end">
                    <NumberInput size="xs" min={0} label={catLabel(d, c)} value={v.parts[d]?.[c]?.n ?? ''} onChange={(n) => setPart(d, c, 'n', n === '' ? '' : Number(n))} error={errors.field(`parts.${d}.${c}`)} />
                    {byParts && <NumberInput size="xs" min={0} label={t('values.of')} aria-label={t('values.ofNamed', { name: catLabel(d, c) })} value={v.parts[d]?.[c]?.d ?? ''} onChange={(n) => setPart(d, c, 'd', n === '' ? '' : Number(n))} />}
                  </Group>
                ))}
              </SimpleGrid>
              {partProblem(d) && (
                <Text size="xs" c="red" mt={2}>
                  {partProblem(d)}
                </Text>
              )}
            </Box>
          ))}
          {short && (
            <TextInput label={t('values.partsNote')} description={t('values.partsNoteHelp')} required maxLength={500} value={v.partsNote} onChange={(e) => setV({ ...v, partsNote: e.currentTarget.value })} error={errors.field('partsNote')} />
          )}
          <Textarea label={t('values.comment')} autosize minRows={2} maxLength={3000} value={v.comment} onChange={(e) => setV({ ...v, comment: e.currentTarget.value })} error={errors.field('comment')} />
          <Group gap="xs">
            <FileButton onChange={(fs) => setFiles((p) => [...p, ...fs].slice(0, 10))} accept="image/jpeg,image/png,image/webp,application/pdf,.csv,.xlsx,.docx" multiple>
              {(props) => (
                <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />}>
                  {t('values.attach')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {files.length ? files.map((x) => x.name).join(', ') : t('values.attachHelp')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('values.reviewNote')}
          </Text>
          <FormActions onCancel={onClose} busy={busy} submitLabel={value ? t('common.save') : t('values.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}
