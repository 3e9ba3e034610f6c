import { ActionIcon, Badge, Button, Group, ScrollArea, SegmentedControl, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../domain/contracts/values.ts';
import { byCategory } from '../../../domain/indicators.ts';
import { BarChart, CHART_COLORS, type ChartBar, savePng } from '../../ui/Chart.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { STATUS_LIGHT } from './api.ts';

export type SeriesIndicator = { code: string; name: string; unit: string | null; type: string };
export type Mode = 'period' | 'toDate';

/** A category's name: sex and disability translated, areas by name, age bands as written. */
export function useCategoryLabel(areaNames: Record<string, string> = {}) {
  const { t } = useTranslation();
  return (dim: string, cat: string) => (dim === 'sex' || dim === 'disability' ? t(`indicators.cat.${cat}`) : dim === 'area' ? (areaNames[cat] ?? cat) : cat);
}

/** Short period label: Q1 2026, Jan 2026, 2026, or the dates of a custom period. */
export function usePeriodLabel() {
  const { i18n } = useTranslation();
  const f = useFormat();
  return (p: { start: string; end: string }) => {
    const [y, m] = [Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7))];
    const months = (Number(p.end.slice(0, 4)) - y) * 12 + Number(p.end.slice(5, 7)) - m + 1;
    if (p.start.endsWith('-01-01') && p.end === `${y}-12-31`) return String(y);
    if (p.start.endsWith('-01') && months === 3 && (m - 1) % 3 === 0) return `${i18n.language === 'en' ? 'Q' : 'TW'}${(m - 1) / 3 + 1} ${y}`;
    if (p.start.endsWith('-01') && months === 1) return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
    return `${f.date(p.start)} – ${f.date(p.end)}`;
  };
}

export function StatusBadge({ status, progress }: { status: Series['status']; progress: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_LIGHT[status]} variant={status === 'no_data' || status === 'no_target' ? 'outline' : 'filled'} data-status={status} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {t(`dashboard.status.${status}`)}
      {progress != null ? ` · ${Math.round(progress * 100)}%` : ''}
    </Badge>
  );
}

/**
 * An indicator's figures as a chart and a table: per period or to date, the total or broken down
 * by one dimension; the chart downloads as a PNG.
 */
export function SeriesView({ indicator, series, areaNames, testId, table: tableShown = true }: { indicator: SeriesIndicator; series: Series; areaNames?: Record<string, string>; testId?: string; table?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = usePeriodLabel();
  const catLabel = useCategoryLabel(areaNames);
  const [mode, setMode] = useState<Mode>('period');
  const dims = [...new Set(series.periods.flatMap((p) => Object.keys(p.parts)))];
  const [dim, setDim] = useState<string | null>(null);
  const [table, setTable] = useState(tableShown);
  const svg = useRef<HTMLDivElement>(null);
  const cats = dim ? [...new Set(series.periods.flatMap((p) => Object.keys(p.parts[dim] ?? {})))].sort(byCategory) : [];
  const pct = indicator.type === 'percentage';
  const fmt = (n: number | null | undefined) => (n == null ? '—' : pct ? `${f.number(Math.round(n * 10) / 10)}%` : f.number(Math.round(n * 100) / 100));
  const value = (p: Series['periods'][number]) => (mode === 'period' ? p.figure.value : p.toDate);
  const target = (p: Series['periods'][number]) => (mode === 'period' ? p.target : p.targetToDate);
  // a breakdown stacks only where parts add up (counts); otherwise the total stands alone
  const stack = !!dim && indicator.type === 'count';
  const bars: ChartBar[] = series.periods.map((p) => ({
    label: label(p),
    line: target(p),
    segments: stack ? cats.map((c) => ({ key: c, value: (mode === 'period' ? p.parts[dim!]?.[c]?.value : p.parts[dim!]?.[c]?.toDate) ?? null })) : [{ key: 'total', value: value(p) }],
  }));
  const legend = stack ? cats.map((c, i) => ({ key: c, label: catLabel(dim!, c), color: CHART_COLORS[i % CHART_COLORS.length] })) : [{ key: 'total', label: t('dashboard.actual'), color: CHART_COLORS[0] }];
  const title = `${indicator.code} ${indicator.name} — ${mode === 'period' ? t('dashboard.perPeriod') : t('dashboard.toDate')}`;

  if (!series.periods.length) return <Text size="sm" c="dimmed">{t('dashboard.noPeriods')}</Text>;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <SegmentedControl size="xs" value={mode} onChange={(m) => setMode(m as Mode)} data={[{ value: 'period', label: t('dashboard.perPeriod') }, { value: 'toDate', label: t('dashboard.toDate') }]} aria-label={t('dashboard.mode')} />
          {dims.length > 0 && (
            <Select
              size="xs"
              w={170}
              aria-label={t('dashboard.breakdown')}
              placeholder={t('dashboard.noBreakdown')}
              clearable
              value={dim}
              onChange={setDim}
              data={dims.map((d) => ({ value: d, label: t('dashboard.by', { dim: t(`indicators.by.${d}`) }) }))}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Group>
        <Group gap={4}>
        {!tableShown && (
          <Button size="compact-xs" variant="subtle" onClick={() => setTable((x) => !x)} aria-expanded={table}>
            {table ? t('dashboard.hideTable') : t('dashboard.showTable')}
          </Button>
        )}
        <Tooltip label={t('dashboard.savePng')}>
          <ActionIcon variant="subtle" aria-label={t('dashboard.savePngNamed', { name: indicator.code })} onClick={() => svg.current?.querySelector('svg') && savePng(svg.current.querySelector('svg')!, `${indicator.code}-${mode}.png`)}>
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
        </Group>
      </Group>
      <div ref={svg}>
        <BarChart whole={indicator.type === 'count'} bars={bars} legend={legend} lineLabel={mode === 'period' ? t('dashboard.target') : t('dashboard.targetToDate')} title={title} format={(n) => (pct ? `${n}%` : f.number(n))} />
      </div>
      {table && (
      <ScrollArea type="auto">
        <Table withTableBorder striped fz="xs" verticalSpacing={2} data-testid="series-table" miw={cats.length ? 200 + 80 * cats.length : undefined}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicators.period')}</Table.Th>
              <Table.Th ta="right">{mode === 'period' ? t('dashboard.actual') : t('dashboard.actualToDate')}</Table.Th>
              <Table.Th ta="right">{mode === 'period' ? t('dashboard.target') : t('dashboard.targetToDate')}</Table.Th>
              {cats.map((c) => (
                <Table.Th key={c} ta="right">
                  {catLabel(dim!, c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {series.periods.map((p) => (
              <Table.Tr key={p.start}>
                <Table.Td>{label(p)}</Table.Td>
                <Table.Td ta="right">
                  {fmt(value(p))}
                  {mode === 'period' && p.figure.updates > 1 ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({t('dashboard.updates', { count: p.figure.updates })})
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{fmt(target(p))}</Table.Td>
                {cats.map((c) => (
                  <Table.Td key={c} ta="right">
                    {fmt(mode === 'period' ? p.parts[dim!]?.[c]?.value : p.parts[dim!]?.[c]?.toDate)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      )}
    </Stack>
  );
}
