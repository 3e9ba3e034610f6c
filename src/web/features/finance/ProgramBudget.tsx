import { ActionIcon, Alert, Badge, Button, Card, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allocate } from '../../../domain/money.ts';
import { del, get, post, put } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { type Budget, amountInput, budgetKey, parseAmount, periodLabel, useCategories, useFundingSources, useMoney } from './api.ts';

/** The Budget tab of a program (issue 6 point 4): lines by category and funding source per period, versions and their difference. */
export function ProgramBudget({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [versionNo, setVersionNo] = useState<number | undefined>();
  const q = useQuery({ queryKey: [...budgetKey(programId), versionNo ?? 'latest'], queryFn: () => get<Budget | null>(`/api/programs/${programId}/budget`, { version: versionNo }) });
  if (q.isLoading) return <Skeleton h={200} />;
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!q.data) return can('budgets.write') ? <CreateBudget programId={programId} /> : <Text c="dimmed">{t('finance.budget.none')}</Text>;
  return <BudgetView budget={q.data} programId={programId} versionNo={versionNo} setVersionNo={setVersionNo} />;
}

function CreateBudget({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ currency: 'IDR', periodKind: 'quarter', startDate: '', endDate: '' });
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/programs/${programId}/budget`, { currency: v.currency.trim().toUpperCase(), periodKind: v.periodKind, startDate: v.startDate || undefined, endDate: v.endDate || undefined });
    await qc.invalidateQueries({ queryKey: budgetKey(programId) });
    notify({ color: 'brand', message: t('finance.budget.created') });
  });
  return (
    <Paper withBorder p="md" component="section" aria-label={t('finance.budget.start')}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="budget-create">
        <Stack gap="sm">
          <Title order={2} fz="md">
            {t('finance.budget.start')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('finance.budget.startHelp')}
          </Text>
          <ErrorAlert error={errors.error} shown={['currency', 'periodKind', 'startDate', 'endDate']} />
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput label={t('finance.currency')} value={v.currency} maxLength={3} onChange={(e) => setV({ ...v, currency: e.currentTarget.value })} error={errors.field('currency')} />
            <NativeSelect label={t('finance.budget.periodKind')} value={v.periodKind} onChange={(e) => setV({ ...v, periodKind: e.currentTarget.value })} data={['month', 'quarter', 'year'].map((k) => ({ value: k, label: t(`finance.periodKind.${k}`) }))} error={errors.field('periodKind')} />
            <TextInput type="date" label={t('finance.budget.startDate')} description={t('finance.budget.datesHelp')} value={v.startDate} onChange={(e) => setV({ ...v, startDate: e.currentTarget.value })} error={errors.field('startDate')} />
            <TextInput type="date" label={t('finance.budget.endDate')} description={t('finance.budget.datesHelp')} value={v.endDate} onChange={(e) => setV({ ...v, endDate: e.currentTarget.value })} error={errors.field('endDate')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('finance.budget.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function BudgetView({ budget: b, programId, versionNo, setVersionNo }: { budget: Budget; programId: string; versionNo?: number; setVersionNo: (n: number | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const money = useMoney();
  const f = useFormat();
  const cats = useCategories();
  const phone = useMediaQuery('(max-width: 48em)');
  const [editing, setEditing] = useState(false);
  const [revising, setRevising] = useState(false);
  const latest = b.versions[b.versions.length - 1];
  const isLatest = b.current.number === latest.number;
  const write = can('budgets.write');
  const versionName = (n: number) => (n === 1 ? t('finance.budget.original') : t('finance.budget.revision', { n: n - 1 }));
  const source = (g: Budget['lines'][number]['grant']) => g?.title ?? t('finance.unrestricted');
  const remove = () =>
    deleteWithUndo(t, {
      title: t('finance.budget.deleteTitle'),
      message: t('finance.budget.deleteConfirm'),
      deleted: t('finance.budget.deleted'),
      restored: t('finance.budget.restored'),
      remove: () => del(`/api/programs/${programId}/budget`),
      restore: () => post(`/api/programs/${programId}/budget/restore`),
      after: () => qc.invalidateQueries({ queryKey: budgetKey(programId) }),
    });
  return (
    <Stack gap="md" data-testid="budget">
      <Paper withBorder p="md" component="section" aria-label={t('finance.budget.title')}>
        <Group justify="space-between" align="flex-end" gap="sm" mb="sm">
          <div>
            <Title order={2} fz="md">
              {t('finance.budget.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('finance.budget.summary', { currency: b.currency, kind: t(`finance.periodKind.${b.periodKind}`), from: f.date(b.startDate), to: f.date(b.endDate) })}
            </Text>
          </div>
          <Group gap="xs" align="flex-end">
            <NativeSelect
              label={t('finance.budget.version')}
              size="xs"
              value={String(b.current.number)}
              onChange={(e) => {
                setEditing(false);
                const n = Number(e.currentTarget.value);
                setVersionNo(n === latest.number ? undefined : n);
              }}
              data={b.versions.map((v) => ({ value: String(v.number), label: `${versionName(v.number)}${v.locked ? ` · ${t('finance.budget.locked')}` : ''}` }))}
            />
            {write && isLatest && !editing && (
              <Button size="xs" onClick={() => setEditing(true)} data-testid="budget-edit">
                {t('finance.budget.editLines')}
              </Button>
            )}
            {write && isLatest && !editing && b.lines.length > 0 && (
              <Button size="xs" variant="default" onClick={() => setRevising(true)}>
                {t('finance.budget.revise')}
              </Button>
            )}
            {write && (
              <Button size="xs" variant="subtle" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            )}
          </Group>
        </Group>
        {b.current.note && (
          <Text size="sm" mb="xs">
            {b.current.note}
          </Text>
        )}
        {editing ? (
          <LinesEditor budget={b} programId={programId} onDone={() => setEditing(false)} />
        ) : b.lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.budget.noLines')}
          </Text>
        ) : phone ? (
          <Stack gap="xs">
            {b.lines.map((l) => (
              <Card key={l.id} withBorder padding="sm">
                <Text fw={600} size="sm">
                  {l.description}
                </Text>
                <Text size="xs" c="dimmed">
                  {cats.label(l.category)} · {source(l.grant)}
                </Text>
                <Text size="sm">{money(l.amount, b.currency)}</Text>
              </Card>
            ))}
            <Text fw={600} size="sm" data-testid="budget-total">
              {t('finance.total')}: {money(b.total, b.currency)}
            </Text>
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="budget-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('finance.line')}</Table.Th>
                  <Table.Th>{t('finance.category')}</Table.Th>
                  <Table.Th>{t('finance.source')}</Table.Th>
                  {b.periods.map((p) => (
                    <Table.Th key={p} ta="right">
                      {periodLabel(p, b.periodKind, i18n.language)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{t('finance.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.lines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.description}</Table.Td>
                    <Table.Td>{cats.label(l.category)}</Table.Td>
                    <Table.Td>{source(l.grant)}</Table.Td>
                    {l.amounts.map((a) => (
                      <Table.Td key={a.period} ta="right" className="gotong-nowrap">
                        {money(a.amount, b.currency)}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600} className="gotong-nowrap">
                      {money(l.amount, b.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td colSpan={3 + b.periods.length} fw={600}>
                    {t('finance.total')}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} className="gotong-nowrap" data-testid="budget-total">
                    {money(b.total, b.currency)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group mt="sm" gap="md">
          <AnchorLink to="/finance" search={{ program: programId }} size="sm">
            {t('finance.bva.open')}
          </AnchorLink>
          <AnchorLink to="/finance/expenses" search={{ program: programId }} size="sm">
            {t('finance.expenses.open')}
          </AnchorLink>
        </Group>
      </Paper>
      {b.diff && (
        <Paper withBorder p="md" component="section" aria-label={t('finance.budget.diffTitle')} data-testid="budget-diff">
          <Title order={2} fz="md" mb="sm">
            {t('finance.budget.diffTitle', { from: versionName(b.diff.from), to: versionName(b.diff.to) })}
          </Title>
          <Table.ScrollContainer minWidth={phone ? 0 : 520}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('finance.line')}</Table.Th>
                  {!phone && <Table.Th ta="right">{versionName(b.diff.from)}</Table.Th>}
                  {!phone && <Table.Th ta="right">{versionName(b.diff.to)}</Table.Th>}
                  <Table.Th ta="right">{t('finance.budget.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.diff.lines.map((l) => (
                  <Table.Tr key={l.lineKey}>
                    <Table.Td>
                      {l.description}{' '}
                      {l.status !== 'same' && (
                        <Badge size="xs" variant="light" color={l.status === 'added' ? 'brand' : l.status === 'removed' ? 'red' : 'orange'}>
                          {t(`finance.budget.status.${l.status}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    {!phone && <Table.Td ta="right" className="gotong-nowrap">{money(l.before, b.currency)}</Table.Td>}
                    {!phone && <Table.Td ta="right" className="gotong-nowrap">{money(l.after, b.currency)}</Table.Td>}
                    <Table.Td ta="right" className="gotong-nowrap" c={l.change < 0 ? 'red' : undefined}>
                      {l.change > 0 ? '+' : ''}
                      {money(l.change, b.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={600}>{t('finance.total')}</Table.Td>
                  {!phone && <Table.Td ta="right" className="gotong-nowrap">{money(b.diff.totalBefore, b.currency)}</Table.Td>}
                  {!phone && <Table.Td ta="right" className="gotong-nowrap">{money(b.diff.totalAfter, b.currency)}</Table.Td>}
                  <Table.Td ta="right" fw={700} className="gotong-nowrap" data-testid="diff-total">
                    {b.diff.totalChange > 0 ? '+' : ''}
                    {money(b.diff.totalChange, b.currency)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ReviseDialog budget={b} programId={programId} opened={revising} onClose={() => setRevising(false)} onDone={() => setVersionNo(undefined)} />
    </Stack>
  );
}

function ReviseDialog({ budget, programId, opened, onClose, onDone }: { budget: Budget; programId: string; opened: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/programs/${programId}/budget/revisions`, { note: note.trim() || null, version: budget.version });
    await qc.invalidateQueries({ queryKey: budgetKey(programId) });
    notify({ color: 'brand', message: t('finance.budget.revised') });
    setNote('');
    onDone();
    onClose();
  });
  if (!opened) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('finance.budget.revise')}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="md">
            {t('finance.budget.revise')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('finance.budget.reviseHelp')}
          </Text>
          <ErrorAlert error={errors.error} shown={['note']} />
          <Textarea label={t('finance.budget.reviseNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} error={errors.field('note')} />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('finance.budget.revise')} />
        </Stack>
      </form>
    </Paper>
  );
}

type Row = { lineKey?: string; category: string; description: string; grantId: string; amounts: string[]; spread: string };

function LinesEditor({ budget: b, programId, onDone }: { budget: Budget; programId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const qc = useQueryClient();
  const cats = useCategories();
  const sources = useFundingSources(programId);
  const money = useMoney();
  const [rows, setRows] = useState<Row[]>(() =>
    b.lines.length
      ? b.lines.map((l) => ({ lineKey: l.lineKey, category: l.category, description: l.description, grantId: l.grant?.id ?? '', amounts: l.amounts.map((a) => amountInput(a.amount, b.currency, lng)), spread: '' }))
      : [{ category: cats.list[0]?.code ?? 'personnel', description: '', grantId: '', amounts: b.periods.map(() => ''), spread: '' }],
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const spreadRow = (i: number) => {
    const total = parseAmount(rows[i].spread, b.currency, lng);
    if (total == null) return setLocal({ [`lines.${i}.spread`]: t('finance.badAmount') });
    setLocal({});
    set(i, { amounts: allocate(total, b.periods.map(() => 1)).map((m) => amountInput(m, b.currency, lng)) });
  };
  const { errors, busy, submit } = useFormSubmit(async () => {
    const bad: Record<string, string> = {};
    const lines = rows.map((r, i) => ({
      ...(r.lineKey ? { lineKey: r.lineKey } : {}),
      category: r.category,
      description: r.description.trim(),
      grantId: r.grantId || null,
      amounts: b.periods.map((p, k) => {
        const m = parseAmount(r.amounts[k] ?? '', b.currency, lng);
        if (m == null) bad[`lines.${i}.amounts.${k}`] = t('finance.badAmount');
        return { period: p, amount: m ?? 0 };
      }),
    }));
    setLocal(bad);
    if (Object.keys(bad).length) return;
    await put(`/api/programs/${programId}/budget/lines`, { version: b.version, lines });
    await qc.invalidateQueries({ queryKey: budgetKey(programId) });
    notify({ color: 'brand', message: t('finance.budget.saved') });
    onDone();
  });
  const field = (k: string) => local[k] ?? errors.field(k);
  const sourceOptions = [...(sources.data?.sources ?? []).filter((s) => s.grantId).map((s) => ({ value: s.grantId!, label: s.title })), { value: '', label: t('finance.unrestricted') }];
  const shown = rows.flatMap((_, i) => [`lines.${i}.category`, `lines.${i}.description`, `lines.${i}.grantId`, ...b.periods.map((_, k) => `lines.${i}.amounts.${k}.period`)]);
  return (
    <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="lines-editor">
      <Stack gap="sm">
        <ErrorAlert error={errors.error} shown={shown} />
        {rows.map((r, i) => {
          const total = r.amounts.reduce((s, a) => s + (parseAmount(a, b.currency, lng) ?? 0), 0);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: new rows have no key until saved
            <Card key={i} withBorder padding="sm" data-testid={`line-${i}`}>
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput label={t('finance.line')} required value={r.description} onChange={(e) => set(i, { description: e.currentTarget.value })} error={field(`lines.${i}.description`)} maxLength={300} />
                  <NativeSelect label={t('finance.category')} value={r.category} onChange={(e) => set(i, { category: e.currentTarget.value })} data={cats.options.some((o) => o.value === r.category) ? cats.options : [...cats.options, { value: r.category, label: r.category }]} error={field(`lines.${i}.category`)} />
                  <NativeSelect label={t('finance.source')} value={r.grantId} onChange={(e) => set(i, { grantId: e.currentTarget.value })} data={sourceOptions} error={field(`lines.${i}.grantId`)} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 2, sm: Math.min(6, Math.max(2, b.periods.length)) }} spacing="xs">
                  {b.periods.map((p, k) => (
                    <TextInput
                      key={p}
                      label={periodLabel(p, b.periodKind, lng)}
                      inputMode="decimal"
                      value={r.amounts[k] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setRows((rs) => rs.map((x, j) => (j === i ? { ...x, amounts: x.amounts.map((a, m) => (m === k ? v : a)) } : x)));
                      }}
                      error={field(`lines.${i}.amounts.${k}`) ?? field(`lines.${i}.amounts.${k}.period`)}
                    />
                  ))}
                </SimpleGrid>
                <Group align="flex-end" gap="xs" justify="space-between">
                  <Group align="flex-end" gap="xs">
                    <TextInput label={t('finance.budget.spreadLabel')} inputMode="decimal" w={180} value={r.spread} onChange={(e) => set(i, { spread: e.currentTarget.value })} error={field(`lines.${i}.spread`)} />
                    <Button variant="default" onClick={() => spreadRow(i)}>
                      {t('finance.budget.spread')}
                    </Button>
                  </Group>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t('finance.total')}: {money(total, b.currency)}
                    </Text>
                    <ActionIcon variant="subtle" color="red" aria-label={t('finance.budget.removeLine', { name: r.description || i + 1 })} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Group>
                </Group>
              </Stack>
            </Card>
          );
        })}
        <Group justify="space-between">
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRows((rs) => [...rs, { category: cats.list[0]?.code ?? 'other', description: '', grantId: '', amounts: b.periods.map(() => ''), spread: '' }])}>
            {t('finance.budget.addLine')}
          </Button>
        </Group>
        <FormActions onCancel={onDone} busy={busy} />
      </Stack>
    </form>
  );
}
