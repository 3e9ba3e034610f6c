import { Alert, Anchor, Badge, Box, Button, Card, FileInput, Group, Modal, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post, upload } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconUpload } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type Budget, EXPENSE_COLORS, type Expense, type ExpenseImportPreview, type ExpensesPage as Page, amountInput, budgetKey, useFundingSources, useMoney } from './api.ts';

export type ExpensesSearch = { q?: string; program?: string; status?: 'submitted' | 'approved' | 'rejected'; line?: string; from?: string; to?: string; waiting?: boolean };

const usePrograms = () => useQuery({ queryKey: ['programs', 'pick'], queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/programs', { limit: 200 }) });
const useBudget = (programId: string | undefined) =>
  useQuery({ queryKey: [...budgetKey(programId ?? ''), 'latest'], queryFn: () => get<Budget | null>(`/api/programs/${programId}/budget`), enabled: !!programId });

/** Expenses (issue 6 point 5): the list with search and filters, the approval queue, the form with a receipt, and the CSV import. */
export function ExpensesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = useSearch({ from: '/app/finance/expenses' });
  const navigate = useNavigate({ from: '/finance/expenses' });
  const set = (patch: Partial<ExpensesSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const programs = usePrograms();
  const budget = useBudget(search.program);
  const [q, setQ] = useState(search.q ?? '');
  useEffect(() => {
    const id = setTimeout(() => q !== (search.q ?? '') && set({ q: q.trim() || undefined }), 300);
    return () => clearTimeout(id);
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const query = { q: search.q, programId: search.program, status: search.status, lineKey: search.line, from: search.from, to: search.to, waitingForMe: search.waiting ? 'true' : undefined };
  const list = useInfiniteQuery({
    queryKey: ['expenses', query],
    queryFn: ({ pageParam }) => get<Page>('/api/finance/expenses', { ...query, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0];
  return (
    <>
      <PageHeader title={t('finance.expenses.title')}>
        <Group gap="xs">
          <AnchorLink to="/finance" size="sm">
            {t('finance.bva.title')}
          </AnchorLink>
          {can('expenses.submit') && (
            <>
              <Button variant="default" leftSection={<IconUpload size={14} />} onClick={() => setImporting(true)}>
                {t('finance.import.button')}
              </Button>
              <Button leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)} data-testid="expense-new">
                {t('finance.expenses.new')}
              </Button>
            </>
          )}
        </Group>
      </PageHeader>
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-label={t('finance.filters')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TextInput label={t('finance.search')} placeholder={t('finance.expenses.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <NativeSelect label={t('finance.program')} value={search.program ?? ''} onChange={(e) => set({ program: e.currentTarget.value || undefined, line: undefined })} data={[{ value: '', label: t('common.all') }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
            <NativeSelect label={t('finance.expenses.status')} value={search.status ?? ''} onChange={(e) => set({ status: (e.currentTarget.value || undefined) as ExpensesSearch['status'] })} data={[{ value: '', label: t('common.all') }, ...(['submitted', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`finance.status.${s}`) }))]} />
            <NativeSelect label={t('finance.line')} disabled={!budget.data} value={search.line ?? ''} onChange={(e) => set({ line: e.currentTarget.value || undefined })} data={[{ value: '', label: t('common.all') }, ...(budget.data?.lines ?? []).map((l) => ({ value: l.lineKey, label: l.description }))]} />
            <TextInput type="date" label={t('finance.from')} value={search.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
            <TextInput type="date" label={t('finance.to')} value={search.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
            {can('expenses.approve') && (
              <Switch mt={{ md: 30 }} label={t('finance.expenses.waitingForMe')} checked={!!search.waiting} onChange={(e) => set({ waiting: e.currentTarget.checked || undefined })} data-testid="waiting-for-me" />
            )}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('finance.expenses.title')}>
          {total && (
            <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
              {t('finance.expenses.count', { count: total.total, plus: total.totalCapped ? '+' : '' })}
            </Text>
          )}
          {list.isLoading ? <Skeleton h={120} /> : <ExpenseList items={items} />}
          <LoadMore list={list} />
        </Paper>
      </Stack>
      <ExpenseDialog opened={creating} onClose={() => setCreating(false)} programId={search.program} />
      <ImportDialog opened={importing} onClose={() => setImporting(false)} programId={search.program} />
    </>
  );
}

function ExpenseList({ items }: { items: Expense[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = useMoney();
  const can = useCan();
  const me = useMe();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [rejecting, setRejecting] = useState<Expense | null>(null);
  const [editing, setEditing] = useState<Expense | null>(null);
  if (!items.length) return <Text c="dimmed" size="sm">{t('finance.expenses.none')}</Text>;
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['expenses'] }), qc.invalidateQueries({ queryKey: ['bva'] })]);
  async function approve(e: Expense) {
    try {
      await post(`/api/finance/expenses/${e.id}/review`, { decision: 'approve', version: e.version });
      await refresh();
      notify({ color: 'brand', message: t('finance.expenses.approved') });
    } catch (err) {
      notify({ color: 'red', message: (err as Error).message });
    }
  }
  const remove = (e: Expense) =>
    deleteWithUndo(t, {
      title: t('finance.expenses.deleteTitle'),
      message: t('finance.expenses.deleteConfirm', { name: e.description }),
      deleted: t('finance.expenses.deleted'),
      restored: t('finance.expenses.restored'),
      remove: () => del(`/api/finance/expenses/${e.id}`),
      restore: () => post(`/api/finance/expenses/${e.id}/restore`),
      after: refresh,
    });
  const mine = (e: Expense) => e.submittedBy?.id === me?.user.id;
  const amount = (e: Expense) => (
    <>
      <Text size="sm" fw={600} className="gotong-nowrap">
        {money(e.amount, e.currency)}
      </Text>
      {e.originalCurrency !== e.currency && (
        <Text size="xs" c="dimmed" className="gotong-nowrap">
          {money(e.originalAmount, e.originalCurrency)} × {e.rate}
        </Text>
      )}
    </>
  );
  const what = (e: Expense) => (
    <>
      <Text size="sm">{e.description}</Text>
      <Text size="xs" c="dimmed">
        {[e.payee, e.program.name, e.line.description, e.grant?.title ?? t('finance.unrestricted')].filter(Boolean).join(' · ')}
      </Text>
      {e.receipt && (
        <Anchor href={`/api/finance/expenses/${e.id}/receipt`} target="_blank" size="xs">
          {t('finance.expenses.receipt')}: {e.receipt.fileName}
        </Anchor>
      )}
    </>
  );
  const status = (e: Expense) => (
    <>
      <Badge color={EXPENSE_COLORS[e.status]} variant="light" style={{ minWidth: 'max-content' }}>
        {t(`finance.status.${e.status}`)}
      </Badge>
      {e.reviewReason && (
        <Text size="xs" c="dimmed">
          {e.reviewReason}
        </Text>
      )}
      {e.submittedBy && (
        <Text size="xs" c="dimmed">
          {t('finance.expenses.by', { name: e.submittedBy.name })}
        </Text>
      )}
    </>
  );
  const actions = (e: Expense) => (
    <Group gap={4} wrap="nowrap">
      {can('expenses.approve') && e.status === 'submitted' && !mine(e) && (
        <>
          <Button size="xs" onClick={() => void approve(e)} aria-label={t('finance.expenses.approveOf', { name: e.description })}>
            {t('finance.expenses.approve')}
          </Button>
          <Button size="xs" variant="default" color="red" onClick={() => setRejecting(e)} aria-label={t('finance.expenses.rejectOf', { name: e.description })}>
            {t('finance.expenses.reject')}
          </Button>
        </>
      )}
      {e.status !== 'approved' && (mine(e) || can('expenses.approve')) && (
        <Button size="xs" variant="default" onClick={() => setEditing(e)} aria-label={t(e.status === 'rejected' ? 'finance.expenses.resubmitOf' : 'finance.expenses.editOf', { name: e.description })}>
          {t(e.status === 'rejected' ? 'finance.expenses.resubmit' : 'common.edit')}
        </Button>
      )}
      {(can('expenses.approve') || (mine(e) && e.status === 'submitted')) && (
        <Button size="xs" variant="subtle" color="red" onClick={() => remove(e)} aria-label={t('finance.expenses.deleteOf', { name: e.description })}>
          {t('common.delete')}
        </Button>
      )}
    </Group>
  );
  return (
    <>
      {phone ? (
        <Stack gap="xs" data-testid="expense-list">
          {items.map((e) => (
            <Card key={e.id} withBorder padding="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Box>{what(e)}</Box>
                <Box ta="right">{amount(e)}</Box>
              </Group>
              <Text size="xs" c="dimmed">
                {f.date(e.date)}
              </Text>
              <Group justify="space-between" mt="xs" gap="xs">
                <Box>{status(e)}</Box>
                {actions(e)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="expense-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.date')}</Table.Th>
                <Table.Th>{t('finance.expenses.what')}</Table.Th>
                <Table.Th ta="right">{t('finance.amount')}</Table.Th>
                <Table.Th>{t('finance.expenses.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="gotong-nowrap">{f.date(e.date)}</Table.Td>
                  <Table.Td>{what(e)}</Table.Td>
                  <Table.Td ta="right">{amount(e)}</Table.Td>
                  <Table.Td>{status(e)}</Table.Td>
                  <Table.Td>{actions(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RejectDialog expense={rejecting} onClose={() => setRejecting(null)} />
      {editing && <ExpenseDialog key={editing.id} opened expense={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RejectDialog({ expense, onClose }: { expense: Expense | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/finance/expenses/${expense!.id}/review`, { decision: 'reject', reason: reason.trim() || null, version: expense!.version });
    await qc.invalidateQueries({ queryKey: ['expenses'] });
    notify({ color: 'brand', message: t('finance.expenses.rejected') });
    setReason('');
    onClose();
  });
  return (
    <Modal opened={!!expense} onClose={onClose} title={t('finance.expenses.rejectTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['reason']} />
          <Textarea label={t('finance.expenses.rejectReason')} required data-autofocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('reason')} autosize minRows={2} maxLength={1000} />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('finance.expenses.reject')} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The expense form: in the budget's currency, or another with the rate used; the receipt is sent after the expense is saved.
 * With an expense it corrects that one (its program stays); a rejected one goes back for review.
 */
function ExpenseDialog({ opened, onClose, programId, expense }: { opened: boolean; onClose: () => void; programId?: string; expense?: Expense }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const f = useFormat();
  const today = f.today();
  const programs = usePrograms();
  const empty = { programId: programId ?? '', lineKey: '', date: today, amount: '', currency: '', rate: '', grantId: '__line', payee: '', description: '' };
  const [v, setV] = useState(
    expense
      ? {
          programId: expense.program.id,
          lineKey: expense.line.lineKey,
          date: expense.date,
          amount: amountInput(expense.originalAmount, expense.originalCurrency, i18n.language),
          currency: expense.originalCurrency,
          rate: expense.rate ?? '',
          grantId: expense.grant?.id ?? '',
          payee: expense.payee ?? '',
          description: expense.description,
        }
      : empty,
  );
  const [file, setFile] = useState<File | null>(null);
  const budget = useBudget(v.programId || undefined);
  const sources = useFundingSources(v.programId || undefined);
  const currency = v.currency || budget.data?.currency || 'IDR';
  const foreign = !!budget.data && currency !== budget.data.currency;
  const { errors, busy, submit } = useFormSubmit(async () => {
    const fields = {
      lineKey: v.lineKey,
      date: v.date,
      amount: v.amount.trim().replace(',', '.'),
      currency,
      rate: foreign ? v.rate.trim().replace(',', '.') || null : null,
      // a new expense may leave the source to the server; a change must say it, or the old grant would stay
      ...(v.grantId !== '__line' ? { grantId: v.grantId || null } : expense ? { grantId: budget.data?.lines.find((l) => l.lineKey === v.lineKey)?.grant?.id ?? null } : {}),
      payee: v.payee,
      description: v.description,
    };
    const saved = expense
      ? await patch<Expense>(`/api/finance/expenses/${expense.id}`, { ...fields, version: expense.version })
      : await post<Expense>('/api/finance/expenses', { programId: v.programId, ...fields });
    if (file) {
      try {
        await upload(`/api/finance/expenses/${saved.id}/receipt`, file);
      } catch (e) {
        notify({ color: 'red', message: `${t('finance.expenses.receiptFailed')} ${(e as Error).message}` });
      }
    }
    await qc.invalidateQueries({ queryKey: ['expenses'] });
    await qc.invalidateQueries({ queryKey: ['bva'] });
    notify({ color: 'brand', message: t(expense && expense.status === 'submitted' ? 'finance.expenses.saved' : 'finance.expenses.submitted') });
    setV({ ...empty, programId: v.programId });
    setFile(null);
    onClose();
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t(expense ? 'finance.expenses.edit' : 'finance.expenses.new')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="expense-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['programId', 'lineKey', 'date', 'amount', 'currency', 'rate', 'grantId', 'payee', 'description']} />
          {expense?.reviewReason && (
            <Alert color="orange" title={t('finance.expenses.rejectedBecause')}>
              {expense.reviewReason}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect label={t('finance.program')} required disabled={!!expense} value={v.programId} onChange={(e) => setV({ ...v, programId: e.currentTarget.value, lineKey: '', grantId: '__line' })} data={[{ value: '', label: '—' }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]} error={errors.field('programId')} />
            <NativeSelect
              label={t('finance.line')}
              required
              value={v.lineKey}
              onChange={(e) => setV({ ...v, lineKey: e.currentTarget.value })}
              data={[{ value: '', label: budget.data === null ? t('finance.budget.none') : '—' }, ...(budget.data?.lines ?? []).map((l) => ({ value: l.lineKey, label: l.description }))]}
              error={errors.field('lineKey')}
            />
            <TextInput label={t('finance.date')} type="date" required max={today} value={v.date} onChange={(e) => setV({ ...v, date: e.currentTarget.value })} error={errors.field('date')} />
            <NativeSelect
              label={t('finance.source')}
              value={v.grantId}
              onChange={(e) => setV({ ...v, grantId: e.currentTarget.value })}
              data={[
                { value: '__line', label: t('finance.expenses.lineSource') },
                ...(sources.data?.sources ?? []).map((s) => ({ value: s.grantId ?? '', label: s.grantId ? s.title : t('finance.unrestricted') })),
                // the expense's grant, even when it no longer funds the program (closed, unlinked)
                ...(expense?.grant && sources.data && !sources.data.sources.some((s) => s.grantId === expense.grant!.id) ? [{ value: expense.grant.id, label: expense.grant.title }] : []),
              ]}
              error={errors.field('grantId')}
            />
            <TextInput label={t('finance.amount')} description={t('finance.expenses.amountHelp')} required inputMode="decimal" value={v.amount} onChange={(e) => setV({ ...v, amount: e.currentTarget.value })} error={errors.field('amount')} />
            <TextInput label={t('finance.currency')} maxLength={3} value={currency} onChange={(e) => setV({ ...v, currency: e.currentTarget.value.toUpperCase() })} error={errors.field('currency')} />
            {foreign && (
              <TextInput
                label={t('finance.expenses.rate', { from: currency, to: budget.data!.currency })}
                required
                inputMode="decimal"
                value={v.rate}
                onChange={(e) => setV({ ...v, rate: e.currentTarget.value })}
                error={errors.field('rate')}
              />
            )}
            <TextInput label={t('finance.expenses.payee')} value={v.payee} maxLength={200} onChange={(e) => setV({ ...v, payee: e.currentTarget.value })} error={errors.field('payee')} />
          </SimpleGrid>
          <Textarea label={t('finance.expenses.description')} required value={v.description} maxLength={500} autosize minRows={2} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} error={errors.field('description')} />
          <FileInput label={t(expense?.receipt ? 'finance.expenses.receiptReplace' : 'finance.expenses.receipt')} description={t('finance.expenses.receiptHelp')} accept="image/jpeg,image/png,image/webp,application/pdf" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('finance.expenses.receiptClear') }} data-testid="receipt-input" />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t(expense?.status === 'submitted' ? 'common.save' : expense ? 'finance.expenses.submitAgain' : 'finance.expenses.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** CSV import: pick the file and the budget line, map the columns, check every row, then import the good ones as submitted expenses. */
function ImportDialog({ opened, onClose, programId }: { opened: boolean; onClose: () => void; programId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const money = useMoney();
  const programs = usePrograms();
  const [v, setV] = useState({ programId: programId ?? '', lineKey: '', currency: '', rate: '' });
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ExpenseImportPreview['mapping'] | null>(null);
  const [preview, setPreview] = useState<ExpenseImportPreview | null>(null);
  const budget = useBudget(v.programId || undefined);
  const currency = v.currency || budget.data?.currency || 'IDR';
  const body = () => ({
    programId: v.programId,
    lineKey: v.lineKey,
    currency,
    rate: budget.data && currency !== budget.data.currency ? v.rate.trim() || null : null,
    csv,
    ...(mapping && mapping.date != null && mapping.amount != null && mapping.description != null ? { mapping: { date: mapping.date, amount: mapping.amount, description: mapping.description, payee: mapping.payee } } : {}),
  });
  const check = useFormSubmit(async () => {
    const p = await post<ExpenseImportPreview>('/api/finance/expense-imports/preview', body());
    setPreview(p);
    setMapping(p.mapping);
  });
  const run = useFormSubmit(async () => {
    const r = await post<{ imported: number; skipped: number }>('/api/finance/expense-imports', body());
    await qc.invalidateQueries({ queryKey: ['expenses'] });
    notify({ color: 'brand', message: t('finance.import.done', { imported: r.imported, skipped: r.skipped }) });
    setPreview(null);
    setCsv(null);
    setFileName(null);
    setMapping(null);
    onClose();
  });
  const errors = run.errors.error ? run.errors : check.errors;
  const columns = [{ value: '', label: '—' }, ...(preview?.headers ?? []).map((h, i) => ({ value: String(i), label: h || `#${i + 1}` }))];
  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.import.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void check.submit(e)} noValidate data-testid="import-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('finance.import.help')}
          </Text>
          <ErrorAlert error={errors.error} shown={['programId', 'lineKey', 'currency', 'rate', 'csv']} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect label={t('finance.program')} required value={v.programId} onChange={(e) => setV({ ...v, programId: e.currentTarget.value, lineKey: '' })} data={[{ value: '', label: '—' }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]} error={errors.field('programId')} />
            <NativeSelect label={t('finance.line')} required value={v.lineKey} onChange={(e) => setV({ ...v, lineKey: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...(budget.data?.lines ?? []).map((l) => ({ value: l.lineKey, label: l.description }))]} error={errors.field('lineKey')} />
            <TextInput label={t('finance.currency')} maxLength={3} value={currency} onChange={(e) => setV({ ...v, currency: e.currentTarget.value.toUpperCase() })} error={errors.field('currency')} />
            {budget.data && currency !== budget.data.currency && (
              <TextInput label={t('finance.expenses.rate', { from: currency, to: budget.data.currency })} required value={v.rate} onChange={(e) => setV({ ...v, rate: e.currentTarget.value })} error={errors.field('rate')} />
            )}
            <FileInput
              label={t('finance.import.file')}
              required
              accept=".csv,text/csv"
              value={fileName}
              onChange={async (file) => {
                setFileName(file);
                setPreview(null);
                setMapping(null);
                setCsv(file ? await file.text() : null);
              }}
              error={errors.field('csv')}
              data-testid="import-file"
            />
          </SimpleGrid>
          {preview && (
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              {(['date', 'amount', 'description', 'payee'] as const).map((k) => (
                <NativeSelect
                  key={k}
                  label={t(`finance.import.field.${k}`)}
                  value={mapping?.[k] == null ? '' : String(mapping[k])}
                  onChange={(e) => setMapping({ ...(mapping ?? preview.mapping), [k]: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
                  data={columns}
                />
              ))}
            </SimpleGrid>
          )}
          <Group justify="flex-end">
            <Button type="submit" variant={preview ? 'default' : 'filled'} loading={check.busy} disabled={!csv}>
              {preview ? t('finance.import.recheck') : t('finance.import.check')}
            </Button>
          </Group>
          {preview && (
            <>
              <Text size="sm" aria-live="polite" data-testid="import-summary">
                {t('finance.import.summary', { valid: preview.valid, invalid: preview.invalid })}
              </Text>
              <Table.ScrollContainer minWidth={560} mah={320}>
                <Table striped verticalSpacing={4} fz="sm" data-testid="import-preview">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('finance.import.line')}</Table.Th>
                      <Table.Th>{t('finance.date')}</Table.Th>
                      <Table.Th ta="right">{t('finance.amount')}</Table.Th>
                      <Table.Th>{t('finance.expenses.description')}</Table.Th>
                      <Table.Th>{t('finance.expenses.payee')}</Table.Th>
                      <Table.Th>{t('finance.import.problems')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.map((r) => (
                      <Table.Tr key={r.line}>
                        <Table.Td>{r.line}</Table.Td>
                        <Table.Td className="gotong-nowrap">{r.date ?? '—'}</Table.Td>
                        <Table.Td ta="right" className="gotong-nowrap">{r.amount != null ? money(r.amount, currency) : '—'}</Table.Td>
                        <Table.Td>{r.description}</Table.Td>
                        <Table.Td>{r.payee}</Table.Td>
                        <Table.Td c="red">{r.errors.map((e) => `${t(`finance.import.field.${e.field}`)}: ${e.message}`).join('; ')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button onClick={(e) => void run.submit(e as unknown as FormEvent)} loading={run.busy} disabled={!preview.valid} data-testid="import-run">
                  {t('finance.import.run', { count: preview.valid })}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
