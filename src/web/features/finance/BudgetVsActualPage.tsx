import { Alert, Button, Card, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { majorNumber } from '../../../domain/money.ts';
import { get, put, withQuery } from '../../api.ts';
import { useCan } from '../../session.ts';
import { BarChart } from '../../ui/Chart.tsx';
import { CodeListDialog } from '../../ui/CodeListDialog.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type BudgetCategories, type BudgetVsActual, categoriesKey, periodLabel, useCategories, useMoney } from './api.ts';
import { grantOptionsQuery } from '../funding/api.ts';

export type BvaSearch = { program?: string; grant?: string; period?: string };

/** Budget vs actual (issue 6 point 7): by program or grant, per line and period, with a chart, warnings and XLSX. */
export function BudgetVsActualPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const search = useSearch({ from: '/app/finance' });
  const navigate = useNavigate({ from: '/finance' });
  const set = (patch: Partial<BvaSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const money = useMoney();
  const cats = useCategories();
  const phone = useMediaQuery('(max-width: 48em)');
  const [by, setBy] = useState<'program' | 'grant'>(search.grant ? 'grant' : 'program');
  const programs = useQuery({ queryKey: ['programs', 'pick'], queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/programs', { limit: 200 }) });
  const grants = useQuery({ ...grantOptionsQuery, enabled: by === 'grant', select: (d) => d.items.map((g) => ({ value: g.id, label: g.title })) });
  const query = by === 'program' ? (search.program ? { programId: search.program } : null) : search.grant ? { grantId: search.grant } : null;
  const full = query ? { ...query, period: search.period } : null;
  const bva = useQuery({ queryKey: ['bva', full], queryFn: () => get<BudgetVsActual>('/api/finance/budget-vs-actual', full!), enabled: !!full, retry: false });
  const d = bva.data;
  const lang = i18n.language === 'en' ? 'en' : 'id';
  return (
    <>
      <PageHeader title={t('finance.bva.title')}>
        <Group gap="xs">
          <AnchorLink to="/finance/expenses" search={search.program ? { program: search.program } : {}} size="sm">
            {t('finance.expenses.title')}
          </AnchorLink>
          {can('org.update') && <CategoriesButton />}
        </Group>
      </PageHeader>
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-label={t('finance.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('finance.bva.by')}
              </Text>
              <SegmentedControl
                fullWidth
                value={by}
                onChange={(v) => {
                  setBy(v as 'program' | 'grant');
                  set({ period: undefined });
                }}
                data={[
                  { value: 'program', label: t('finance.program') },
                  { value: 'grant', label: t('finance.grant') },
                ]}
              />
            </div>
            {by === 'program' ? (
              <NativeSelect label={t('finance.program')} value={search.program ?? ''} onChange={(e) => set({ program: e.currentTarget.value || undefined, period: undefined })} data={[{ value: '', label: '—' }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]} data-testid="bva-program" />
            ) : (
              <NativeSelect label={t('finance.grant')} value={search.grant ?? ''} onChange={(e) => set({ grant: e.currentTarget.value || undefined, period: undefined })} data={[{ value: '', label: grants.isLoading ? '…' : '—' }, ...(grants.data ?? [])]} data-testid="bva-grant" />
            )}
            <NativeSelect
              label={t('finance.bva.period')}
              value={search.period ?? ''}
              disabled={!d}
              onChange={(e) => set({ period: e.currentTarget.value || undefined })}
              data={[{ value: '', label: t('finance.bva.allPeriods') }, ...(d?.periods ?? []).map((p) => ({ value: p.period, label: periodLabel(p.period, d!.periodKind, lang) }))]}
              data-testid="bva-period"
            />
          </SimpleGrid>
        </Paper>
        {!full && <Text c="dimmed">{t('finance.bva.pick')}</Text>}
        {bva.isLoading && <Skeleton h={240} />}
        {bva.error && (
          <Alert color="orange" data-testid="bva-error">
            {(bva.error as { status?: number }).status === 404 ? t('finance.bva.noBudget') : bva.error.message}
          </Alert>
        )}
        {d && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" data-testid="bva-totals">
              {(
                [
                  ['budget', d.totals.budget],
                  ['spent', d.totals.spent],
                  ['committed', d.totals.committed],
                  ['remaining', d.totals.remaining],
                  ['forecast', d.totals.forecast],
                ] as const
              ).map(([k, v]) => (
                <Card key={k} withBorder padding="sm">
                  <Text size="xs" c="dimmed">
                    {t(`finance.bva.${k}`)}
                  </Text>
                  <Text fw={700} c={k === 'remaining' && v < 0 ? 'red' : undefined} data-testid={`bva-${k}`}>
                    {money(v, d.currency)}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('finance.bva.burn', { perDay: money(d.totals.perDay, d.currency), forecast: money(d.totals.forecast, d.currency) })}
            </Text>
            {d.warnings.length > 0 && (
              <Alert color="orange" title={t('finance.bva.warnings')} data-testid="bva-warnings">
                <Stack gap={4}>
                  {d.warnings.map((w) => (
                    <Text key={`${w.kind}-${w.lineKey ?? w.grantId}`} size="sm">
                      {w.message}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <Paper withBorder p="md" component="section" aria-label={t('finance.bva.chartTitle')}>
              <Group justify="space-between" mb="sm">
                <Title order={2} fz="md">
                  {t('finance.bva.chartTitle')}
                </Title>
                <Button component="a" href={withQuery('/api/finance/budget-vs-actual.xlsx', { ...full!, lang })} variant="default" size="xs" leftSection={<IconDownload size={14} />} data-testid="bva-xlsx">
                  {t('finance.bva.xlsx')}
                </Button>
              </Group>
              <BarChart
                title={t('finance.bva.chartTitle')}
                bars={d.periods.map((p) => ({
                  label: periodLabel(p.period, d.periodKind, lang),
                  segments: [
                    { key: 'spent', value: majorNumber(p.spent, d.currency) },
                    { key: 'committed', value: majorNumber(p.committed, d.currency) },
                  ],
                  line: majorNumber(p.budget, d.currency),
                }))}
                legend={[
                  { key: 'spent', label: t('finance.bva.spent'), color: '#1c7ed6' },
                  { key: 'committed', label: t('finance.bva.committed'), color: '#f08c00' },
                ]}
                lineLabel={t('finance.bva.budget')}
                format={(n) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { notation: 'compact', maximumFractionDigits: 1 }).format(n)}
              />
            </Paper>
            <Paper withBorder p="md" component="section" aria-label={t('finance.bva.linesTitle')}>
              <Title order={2} fz="md" mb="sm">
                {t('finance.bva.linesTitle')}
              </Title>
              {phone ? (
                <Stack gap="xs" data-testid="bva-lines">
                  {d.lines.map((l) => (
                    <Card key={l.lineKey} withBorder padding="sm">
                      <Text fw={600} size="sm">
                        {l.description}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {cats.label(l.category)} · {l.grant?.title ?? t('finance.unrestricted')}
                      </Text>
                      <SimpleGrid cols={2} spacing={4} mt={4}>
                        {(['budget', 'spent', 'committed', 'remaining'] as const).map((k) => (
                          <Text key={k} size="xs" c={k === 'remaining' && l.remaining < 0 ? 'red' : undefined}>
                            {t(`finance.bva.${k}`)}: {money(l[k], d.currency)}
                          </Text>
                        ))}
                      </SimpleGrid>
                    </Card>
                  ))}
                </Stack>
              ) : (
                <Table.ScrollContainer minWidth={720}>
                  <Table striped verticalSpacing="xs" data-testid="bva-lines">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('finance.line')}</Table.Th>
                        {by === 'grant' && <Table.Th>{t('finance.program')}</Table.Th>}
                        <Table.Th>{t('finance.source')}</Table.Th>
                        {(['budget', 'spent', 'committed', 'remaining'] as const).map((k) => (
                          <Table.Th key={k} ta="right">
                            {t(`finance.bva.${k}`)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.lines.map((l) => (
                        <Table.Tr key={l.lineKey}>
                          <Table.Td>
                            {l.description}
                            <Text size="xs" c="dimmed">
                              {cats.label(l.category)}
                            </Text>
                          </Table.Td>
                          {by === 'grant' && <Table.Td>{l.program.name}</Table.Td>}
                          <Table.Td>{l.grant?.title ?? t('finance.unrestricted')}</Table.Td>
                          {(['budget', 'spent', 'committed', 'remaining'] as const).map((k) => (
                            <Table.Td key={k} ta="right" className="gotong-nowrap" c={k === 'remaining' && l.remaining < 0 ? 'red' : undefined}>
                              {money(l[k], d.currency)}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            {d.grants.length > 0 && (
              <Paper withBorder p="md" component="section" aria-label={t('finance.bva.grantsTitle')}>
                <Title order={2} fz="md" mb="sm">
                  {t('finance.bva.grantsTitle')}
                </Title>
                <Stack gap="xs">
                  {d.grants.map((g) => (
                    <Text key={g.id} size="sm">
                      <b>{g.title}</b> ({g.startDate} – {g.endDate}): {t('finance.bva.grantLine', { spent: money(g.spent, d.currency), budget: money(g.budget, d.currency), forecast: money(g.forecast, d.currency) })}
                    </Text>
                  ))}
                </Stack>
              </Paper>
            )}
          </>
        )}
      </Stack>
    </>
  );
}

/** Admins keep the organisation's budget categories (code and names in both languages). */
function CategoriesButton() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { list } = useCategories();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpen(true)}>
        {t('finance.categories.button')}
      </Button>
      <CodeListDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t('finance.categories.title')}
        help={t('finance.categories.help')}
        list={list}
        field="categories"
        addLabel={t('finance.categories.add')}
        save={async (rows) => {
          qc.setQueryData(categoriesKey, await put<BudgetCategories>('/api/finance/categories', { categories: rows }));
          notify({ color: 'brand', message: t('finance.categories.saved') });
        }}
      />
    </>
  );
}
