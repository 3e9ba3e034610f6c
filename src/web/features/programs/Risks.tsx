import { Badge, Box, Button, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../domain/contracts/risks.ts';
import { RISK_CATEGORIES, RISK_STATUSES, type RiskLevel, riskLevel } from '../../../domain/programs.ts';
import { del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { FormActions } from '../../ui/FormActions.tsx';

const LEVEL_COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'yellow', high: 'orange', extreme: 'red' };
const SCALE = ['1', '2', '3', '4', '5'];

type Values = { description: string; category: string; likelihood: string; impact: string; mitigation: string; ownerId: string | null; reviewDate: string; status: string };
const fromRisk = (k?: Risk): Values => ({
  description: k?.description ?? '',
  category: k?.category ?? 'delay',
  likelihood: String(k?.likelihood ?? 3),
  impact: String(k?.impact ?? 3),
  mitigation: k?.mitigation ?? '',
  ownerId: k?.owner?.id ?? null,
  reviewDate: k?.reviewDate ?? '',
  status: k?.status ?? 'open',
});
const toBody = (v: Values) => ({
  description: v.description.trim(),
  category: v.category,
  likelihood: Number(v.likelihood),
  impact: Number(v.impact),
  mitigation: v.mitigation.trim() || null,
  ownerId: v.ownerId,
  reviewDate: v.reviewDate || null,
  status: v.status,
});

function RiskModal({ title, initial, onClose, onSubmit }: { title: string; initial: Values; onClose: () => void; onSubmit: (v: Values) => Promise<void> }) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const { errors, busy, submit } = useFormSubmit(() => onSubmit(v));
  const memberOptions = useMemberOptions();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));
  const { score, level } = riskLevel(Number(v.likelihood), Number(v.impact));
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="risk-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={Object.keys(initial)} />
          <Textarea label={t('risks.description')} required autosize minRows={2} maxLength={2000} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.field('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('risks.category')} allowDeselect={false} value={v.category} onChange={(x) => set('category', x ?? 'other')} data={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`risks.categories.${c}`) }))} comboboxProps={{ withinPortal: true }} />
            <Select label={t('risks.status')} allowDeselect={false} value={v.status} onChange={(x) => set('status', x ?? 'open')} data={RISK_STATUSES.map((c) => ({ value: c, label: t(`risks.statuses.${c}`) }))} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="likelihood-label">
                {t('risks.likelihood')}
              </Text>
              <SegmentedControl aria-labelledby="likelihood-label" value={v.likelihood} onChange={(x) => set('likelihood', x)} data={SCALE} />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="impact-label">
                {t('risks.impact')}
              </Text>
              <SegmentedControl aria-labelledby="impact-label" value={v.impact} onChange={(x) => set('impact', x)} data={SCALE} />
            </Stack>
          </SimpleGrid>
          <Group gap="xs">
            <Badge color={LEVEL_COLORS[level]} variant="filled">
              {t('risks.scoreLabel', { score })}
            </Badge>
            <Text size="sm">{t(`risks.levels.${level}`)}</Text>
          </Group>
          <Textarea label={t('risks.mitigation')} autosize minRows={2} maxLength={3000} value={v.mitigation} onChange={(e) => set('mitigation', e.currentTarget.value)} error={errors.field('mitigation')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('risks.owner')}
              clearable
              searchable
              value={v.ownerId}
              onChange={(x) => set('ownerId', x)}
              data={memberOptions}
              error={errors.field('ownerId')}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('risks.reviewDate')} type="date" value={v.reviewDate} onChange={(e) => set('reviewDate', e.currentTarget.value)} error={errors.field('reviewDate')} />
          </SimpleGrid>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Likelihood (rows, 5 at the top) by impact (columns): how many open risks sit in each cell. */
function HeatMap({ risks }: { risks: Risk[] }) {
  const { t } = useTranslation();
  const open = risks.filter((k) => k.status !== 'closed');
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table withTableBorder withColumnBorders w="auto" data-testid="heat-map" captionSide="bottom">
        <Table.Caption>{t('risks.rule')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Text size="xs">{t('risks.likelihoodByImpact')}</Text>
            </Table.Th>
            {SCALE.map((i) => (
              <Table.Th key={i} ta="center">
                {i}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...SCALE].reverse().map((l) => (
            <Table.Tr key={l}>
              <Table.Th ta="center">{l}</Table.Th>
              {SCALE.map((i) => {
                const n = open.filter((k) => k.likelihood === Number(l) && k.impact === Number(i)).length;
                const { level } = riskLevel(Number(l), Number(i));
                return (
                  <Table.Td key={i} ta="center" w={44} h={36} bg={`var(--mantine-color-${LEVEL_COLORS[level]}-${n ? 5 : 1})`} c={n ? 'white' : 'dimmed'} fw={700} aria-label={t('risks.cell', { count: n, likelihood: l, impact: i })}>
                    {n || ''}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

/** A program's risk register with its heat map. */
export function Risks({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const key = ['risks', programId];
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: Risk[] }>(`/api/programs/${programId}/risks`) });
  const [dialog, setDialog] = useState<{ risk?: Risk } | null>(null);
  const editable = can('programs.write');
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const items = q.data?.items ?? [];
  const remove = (k: Risk) =>
    deleteWithUndo(t, {
      title: t('risks.deleteTitle'),
      message: t('risks.deleteConfirm', { name: k.description }),
      deleted: t('risks.deleted', { name: k.description }),
      restored: t('risks.restored', { name: k.description }),
      remove: async () => {
        await del(`/api/risks/${k.id}`);
        await refresh();
      },
      restore: async () => {
        await post(`/api/risks/${k.id}/restore`);
        await refresh();
      },
    });
  return (
    <Box component="section" aria-labelledby="risks-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="risks-title">
          {t('risks.title')}
        </Title>
        {editable && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({})}>
            {t('risks.add')}
          </Button>
        )}
      </Group>
      {q.isLoading && <Skeleton h={120} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {q.isSuccess && items.length === 0 && (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t('risks.empty')}
          </Text>
        </Paper>
      )}
      {items.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <HeatMap risks={items} />
          <Stack gap={6} data-testid="risks">
            {items.map((k) => (
              <Paper key={k.id} withBorder p="sm" data-testid="risk" opacity={k.status === 'closed' ? 0.7 : 1}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge color={LEVEL_COLORS[k.level]} variant="filled" style={{ flexShrink: 0 }} aria-label={t('risks.scoreAria', { score: k.score, level: t(`risks.levels.${k.level}`) })}>
                    {k.score}
                  </Badge>
                  <Box style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {k.description}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[t(`risks.categories.${k.category}`), t(`risks.statuses.${k.status}`), t('risks.lxi', { likelihood: k.likelihood, impact: k.impact }), k.owner?.name, k.reviewDate ? t('risks.reviewOn', { date: f.date(k.reviewDate) }) : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    {k.mitigation && (
                      <Text size="xs">
                        {t('risks.mitigation')}: {k.mitigation}
                      </Text>
                    )}
                    {editable && (
                      <Group gap={4} mt={4}>
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ risk: k })} aria-label={t('risks.editNamed', { name: k.description })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(k)} aria-label={t('risks.deleteNamed', { name: k.description })}>
                          {t('common.delete')}
                        </Button>
                      </Group>
                    )}
                  </Box>
                </Group>
              </Paper>
            ))}
          </Stack>
        </SimpleGrid>
      )}
      {dialog && (
        <RiskModal
          title={dialog.risk ? t('risks.editTitle') : t('risks.newTitle')}
          initial={fromRisk(dialog.risk)}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            if (dialog.risk) await patch(`/api/risks/${dialog.risk.id}`, { ...toBody(v), version: dialog.risk.version });
            else await post(`/api/programs/${programId}/risks`, toBody(v));
            await refresh();
            setDialog(null);
          }}
        />
      )}
    </Box>
  );
}
