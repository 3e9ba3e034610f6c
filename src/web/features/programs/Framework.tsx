import { ActionIcon, Anchor, Badge, Box, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator } from '../../../domain/contracts/indicators.ts';
import type { Framework as FrameworkData, Result } from '../../../domain/contracts/results.ts';
import { cumulativeTargets } from '../../../domain/indicators.ts';
import { RESULT_LEVELS, childLevel } from '../../../domain/programs.ts';
import { del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { IndicatorModal, fromIndicator, toBody } from './IndicatorForm.tsx';
import { frameworkKey, resultLabel, useFramework } from './api.ts';

export const indicatorsKey = (programId: string) => ['indicators', programId] as const;

type Values = { statement: string; assumptions: string; meansOfVerification: string };
const blank = (s: string) => (s.trim() ? s.trim() : null);

/** The form of one result, in place: keeps what was typed when the server refuses it. */
function ResultForm({ initial, submitLabel, onSubmit, onCancel, testId }: { initial: Values; submitLabel: string; onSubmit: (v: Values) => Promise<void>; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  return (
    <form onSubmit={submit} noValidate data-testid={testId}>
      <Stack gap="xs" mt="xs">
        <ErrorAlert error={errors.error} shown={['statement', 'assumptions', 'meansOfVerification']} />
        <Textarea label={t('framework.statement')} required autosize minRows={1} maxLength={1000} value={v.statement} onChange={(e) => setV({ ...v, statement: e.currentTarget.value })} error={errors.field('statement')} data-autofocus />
        <Textarea label={t('framework.assumptions')} description={t('framework.assumptionsHelp')} autosize minRows={1} maxLength={2000} value={v.assumptions} onChange={(e) => setV({ ...v, assumptions: e.currentTarget.value })} error={errors.field('assumptions')} />
        <Textarea label={t('framework.meansOfVerification')} description={t('framework.meansHelp')} autosize minRows={1} maxLength={2000} value={v.meansOfVerification} onChange={(e) => setV({ ...v, meansOfVerification: e.currentTarget.value })} error={errors.field('meansOfVerification')} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const LEVEL_COLORS = { goal: 'brand', outcome: 'blue', output: 'grape', activity: 'gray' } as const;

/** A program's results framework as an outline, edited in place. */
export function Framework({ programId, goalText, period, onOpenIndicator }: { programId: string; goalText: string | null; period: { start: string | null; end: string | null }; onOpenIndicator: (i: Indicator) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const q = useFramework(programId);
  const indicators = useQuery({ queryKey: indicatorsKey(programId), queryFn: () => get<{ items: Indicator[] }>(`/api/programs/${programId}/indicators`) });
  // the indicator dialog: a new one on a result, or one to change
  const [dialog, setDialog] = useState<{ result: Result; indicator?: Indicator } | null>(null);
  const refreshIndicators = () => qc.invalidateQueries({ queryKey: indicatorsKey(programId) });
  const removeIndicator = (i: Indicator) =>
    deleteWithUndo(t, {
      title: t('indicators.deleteTitle'),
      message: t('indicators.deleteConfirm', { name: `${i.code} ${i.name}` }),
      deleted: t('indicators.deleted', { name: `${i.code} ${i.name}` }),
      restored: t('indicators.restored', { name: `${i.code} ${i.name}` }),
      remove: async () => {
        await del(`/api/indicators/${i.id}`);
        await refreshIndicators();
      },
      restore: async () => {
        await post(`/api/indicators/${i.id}/restore`);
        await refreshIndicators();
      },
    });
  // which form is open: `edit:<id>` or `add:<parent id or 'root'>`
  const [open, setOpen] = useState<string | null>(null);
  const editable = can('programs.write');
  const items = q.data?.items ?? [];
  const set = (f: FrameworkData) => qc.setQueryData(frameworkKey(programId), f);
  const refresh = () => qc.invalidateQueries({ queryKey: frameworkKey(programId) });

  const add = async (parent: Result | null, v: Values) => {
    set(await post<FrameworkData>(`/api/programs/${programId}/results`, { parentId: parent?.id ?? null, statement: v.statement.trim(), assumptions: blank(v.assumptions), meansOfVerification: blank(v.meansOfVerification) }));
    setOpen(null);
  };
  const save = async (r: Result, v: Values) => {
    set(await patch<FrameworkData>(`/api/results/${r.id}`, { version: r.version, statement: v.statement.trim(), assumptions: blank(v.assumptions), meansOfVerification: blank(v.meansOfVerification) }));
    setOpen(null);
  };
  const move = async (r: Result, by: number) => {
    try {
      set(await post<FrameworkData>(`/api/results/${r.id}/move`, { position: r.position + by, version: r.version }));
    } catch {
      await refresh();
    }
  };
  const remove = (r: Result) =>
    deleteWithUndo(t, {
      title: t('framework.deleteTitle'),
      message: t('framework.deleteConfirm', { name: label(r) }),
      deleted: t('framework.deleted', { name: label(r) }),
      restored: t('framework.restored', { name: label(r) }),
      remove: async () => {
        set((await del<{ framework: FrameworkData }>(`/api/results/${r.id}`)).framework);
        await refreshIndicators();
      },
      restore: async () => {
        set((await post<{ framework: FrameworkData }>(`/api/results/${r.id}/restore`)).framework);
        await refreshIndicators();
      },
    });
  const label = resultLabel;
  const siblings = (r: Result) => items.filter((x) => x.parentId === r.parentId).length;

  return (
    <Box component="section" aria-labelledby="framework-title">
      <Title order={2} fz="lg" id="framework-title" mb="sm">
        {t('framework.title')}
      </Title>
      {q.isLoading && <Skeleton h={120} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {q.isSuccess && items.length === 0 && (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed" mb={editable ? 'xs' : 0}>
            {t('framework.empty')}
          </Text>
          {editable &&
            (open === 'add:root' ? (
              <ResultForm testId="result-form" initial={{ statement: goalText ?? '', assumptions: '', meansOfVerification: '' }} submitLabel={t('framework.add.goal')} onSubmit={(v) => add(null, v)} onCancel={() => setOpen(null)} />
            ) : (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setOpen('add:root')}>
                {t('framework.add.goal')}
              </Button>
            ))}
        </Paper>
      )}
      <Stack gap={6} data-testid="framework">
        {items.map((r) => {
          const depth = RESULT_LEVELS.indexOf(r.level);
          const next = childLevel(r.level);
          const n = siblings(r);
          return (
            <Paper key={r.id} withBorder p="sm" ml={{ base: depth * 10, sm: depth * 28 }} data-testid="result" data-level={r.level} style={{ borderLeft: `3px solid var(--mantine-color-${LEVEL_COLORS[r.level]}-5)` }}>
              {open === `edit:${r.id}` ? (
                <ResultForm
                  testId="result-form"
                  initial={{ statement: r.statement, assumptions: r.assumptions ?? '', meansOfVerification: r.meansOfVerification ?? '' }}
                  submitLabel={t('common.save')}
                  onSubmit={(v) => save(r, v)}
                  onCancel={() => setOpen(null)}
                />
              ) : (
                <>
                  <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                    <Box style={{ minWidth: 0 }}>
                      <Group gap={6} mb={2}>
                        <Badge size="sm" variant="light" color={LEVEL_COLORS[r.level]}>
                          {t(`framework.level.${r.level}`)} {r.code}
                        </Badge>
                      </Group>
                      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {r.statement}
                      </Text>
                      {r.assumptions && (
                        <Text size="xs" c="dimmed">
                          {t('framework.assumptions')}: {r.assumptions}
                        </Text>
                      )}
                      {r.meansOfVerification && (
                        <Text size="xs" c="dimmed">
                          {t('framework.meansOfVerification')}: {r.meansOfVerification}
                        </Text>
                      )}
                    </Box>
                    {editable && r.level !== 'goal' && (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t('framework.moveUp')}>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('framework.moveUpNamed', { name: label(r) })} disabled={r.position === 0} onClick={() => void move(r, -1)}>
                            ↑
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('framework.moveDown')}>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('framework.moveDownNamed', { name: label(r) })} disabled={r.position >= n - 1} onClick={() => void move(r, 1)}>
                            ↓
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Group>
                  <IndicatorList items={(indicators.data?.items ?? []).filter((i) => i.resultId === r.id)} editable={editable} onEdit={(i) => setDialog({ result: r, indicator: i })} onDelete={removeIndicator} onOpen={onOpenIndicator} />
                  {editable && (
                    <Group gap={4} mt={6}>
                      <Button size="compact-xs" variant="subtle" onClick={() => setOpen(`edit:${r.id}`)} aria-label={t('framework.editNamed', { name: label(r) })}>
                        {t('common.edit')}
                      </Button>
                      {next && (
                        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setOpen(`add:${r.id}`)}>
                          {t(`framework.add.${next}`)}
                        </Button>
                      )}
                      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setDialog({ result: r })} aria-label={t('indicators.addTo', { name: label(r) })}>
                        {t('indicators.add')}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(r)} aria-label={t('framework.deleteNamed', { name: label(r) })}>
                        {t('common.delete')}
                      </Button>
                    </Group>
                  )}
                  {next && open === `add:${r.id}` && (
                    <ResultForm testId="result-form" initial={{ statement: '', assumptions: '', meansOfVerification: '' }} submitLabel={t(`framework.add.${next}`)} onSubmit={(v) => add(r, v)} onCancel={() => setOpen(null)} />
                  )}
                </>
              )}
            </Paper>
          );
        })}
      </Stack>
      {dialog && (
        <IndicatorModal
          opened
          title={dialog.indicator ? t('indicators.editTitle', { name: `${dialog.indicator.code} ${dialog.indicator.name}` }) : t('indicators.newTitle', { name: label(dialog.result) })}
          initial={fromIndicator(dialog.indicator)}
          period={period}
          results={items.map((r) => ({ value: r.id, label: label(r) }))}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            if (dialog.indicator) await patch(`/api/indicators/${dialog.indicator.id}`, { ...toBody(v), version: dialog.indicator.version });
            else await post(`/api/results/${dialog.result.id}/indicators`, toBody(v));
            await refreshIndicators();
            setDialog(null);
          }}
        />
      )}
    </Box>
  );
}

/** The indicators of one result: code, name, what is measured and the latest target. */
function IndicatorList({ items, editable, onEdit, onDelete, onOpen }: { items: Indicator[]; editable: boolean; onEdit: (i: Indicator) => void; onDelete: (i: Indicator) => void; onOpen: (i: Indicator) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!items.length) return null;
  return (
    <Stack gap={4} mt={6} data-testid="indicators">
      {items.map((i) => {
        // the target to date at the last period: a summed count's period targets add up
        const last = i.targets.length ? { value: cumulativeTargets(i.targets.map((x) => x.value), i.type, i.aggregation).at(-1) ?? 0, end: i.targets[i.targets.length - 1].end } : null;
        return (
          <Group key={i.id} gap="xs" wrap="nowrap" align="flex-start" justify="space-between" style={{ borderTop: '1px dashed var(--mantine-color-gray-3)', paddingTop: 4 }}>
            <Box style={{ minWidth: 0 }}>
              <Text size="sm">
                <Text span ff="monospace" size="xs" c="dimmed">
                  {i.code}
                </Text>{' '}
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(i)} ta="left" data-testid="open-indicator">
                  {i.name}
                </Anchor>
                {i.computed && (
                  <Badge ml={6} size="xs" variant="light">
                    {t('computed.badge')}
                  </Badge>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {[
                  t(`indicators.types.${i.type}`),
                  i.unit,
                  i.baselineValue != null ? t('indicators.baselineShort', { value: f.number(i.baselineValue) }) : null,
                  last ? t('indicators.targetShort', { value: f.number(last.value), date: f.date(last.end) }) : t('indicators.noTargets'),
                  i.disaggregations.length ? t('indicators.byShort', { list: i.disaggregations.map((d) => t(`indicators.by.${d}`)).join(', ') }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Box>
            {editable && (
              <Group gap={2} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" onClick={() => onEdit(i)} aria-label={t('indicators.editNamed', { name: `${i.code} ${i.name}` })}>
                  {t('common.edit')}
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => onDelete(i)} aria-label={t('indicators.deleteNamed', { name: `${i.code} ${i.name}` })}>
                  {t('common.delete')}
                </Button>
              </Group>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
