import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import type { Person } from '../people/api.ts';
import { type DedupeSettings, type Pair, type ScanStatus, scanActive, scanKey, settingsKey } from './api.ts';
import { type FieldRow, KEY_ROWS, differs } from './fields.ts';
import { nikDifference, percent, splitReasons } from './reasons.ts';
import './duplicates.css';

/** The organisation's thresholds (a pair at or above likelyThreshold is a "likely duplicate"). */
export function useDedupeSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => get<DedupeSettings>('/api/duplicates/settings'), staleTime: 5 * 60_000 });
}

/** "87% match" and whether that makes it a likely duplicate. */
export function ScoreBadge({ score, likely }: { score: number; likely: number | undefined }) {
  const { t } = useTranslation();
  const isLikely = likely !== undefined && score >= likely;
  return (
    <Group gap={8} wrap="wrap" data-testid="pair-score">
      <Text fw={700} fz="lg" lh={1.2}>
        {t('duplicates.score', { pct: percent(score) })}
      </Text>
      {likely !== undefined && (
        <Badge color={isLikely ? 'orange' : 'gray'} variant={isLikely ? 'filled' : 'light'} size="md" styles={{ label: { overflow: 'visible' } }}>
          {isLikely ? t('duplicates.likely') : t('duplicates.possible')}
        </Badge>
      )}
    </Group>
  );
}

/** Where a pair came from, and who decided it when. */
export function PairMeta({ pair }: { pair: Pair }) {
  const { t } = useTranslation();
  const f = useFormat();
  const found = t(`duplicates.source.${pair.source}`, { defaultValue: t('duplicates.source.other'), when: f.dateTime(pair.createdAt) });
  const decided =
    pair.status !== 'open' && pair.decidedAt ? t(`duplicates.decided.${pair.status}`, { by: pair.decidedByName ?? t('history.system'), when: f.dateTime(pair.decidedAt) }) : null;
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {found}
      </Text>
      {decided && (
        <Text size="sm" fw={600} data-testid="pair-decided">
          {decided}
        </Text>
      )}
    </Stack>
  );
}

/** The evidence in plain sentences: for the same person, and against. */
export function ReasonLists({ reasons, names, compact }: { reasons: Pair['reasons']; names: [string, string]; compact?: boolean }) {
  const { t } = useTranslation();
  const { pro, con } = splitReasons(t, reasons, names);
  const proId = useId();
  const conId = useId();
  return (
    <SimpleGrid cols={{ base: 1, sm: compact ? 1 : 2 }} spacing="sm" verticalSpacing="xs" data-testid="pair-reasons">
      {pro.length > 0 && (
        <div>
          <Text size="sm" fw={700} id={proId} mb={2}>
            {t('duplicates.reasonsFor')}
          </Text>
          <ul className="gotong-dup-reasons" aria-labelledby={proId} data-testid="reasons-for">
            {pro.map((r) => (
              <li key={r.key}>
                <span className="gotong-dup-mark" aria-hidden="true" style={{ color: 'var(--mantine-color-brand-7)' }}>
                  ✓
                </span>
                <span>{r.text}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {con.length > 0 && (
        <div>
          <Text size="sm" fw={700} id={conId} mb={2}>
            {t('duplicates.reasonsAgainst')}
          </Text>
          <ul className="gotong-dup-reasons" aria-labelledby={conId} data-testid="reasons-against">
            {con.map((r) => (
              <li key={r.key}>
                <span className="gotong-dup-mark" aria-hidden="true" style={{ color: 'var(--mantine-color-red-7)' }}>
                  ✗
                </span>
                <span>{r.text}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </SimpleGrid>
  );
}

/** A person's name as a link to their page; a merged (binned) record has no page to open. */
export function PersonName({ p, merged }: { p: Person; merged?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      {p.deletedAt ? (
        <Text span fw={600} size="sm">
          {p.fullName}
        </Text>
      ) : (
        <AnchorLink to="/people/$personId" params={{ personId: p.id }} fw={600} size="sm" data-testid="pair-person-link">
          {p.fullName}
        </AnchorLink>
      )}
      <Text size="xs" c="dimmed" fw={400}>
        {p.deletedAt ? (merged ? t('duplicates.mergedAway') : t('duplicates.inBin')) : t('duplicates.added', { when: f.date(p.createdAt.slice(0, 10)) })}
      </Text>
    </>
  );
}

/**
 * Both people side by side, one field a row; rows where they differ are marked (not by colour alone).
 * On a phone each field's name goes above its two values (a row group), so the values get the width.
 */
export function PairTable({ pair, rows = KEY_ROWS }: { pair: Pair; rows?: FieldRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const narrow = useMediaQuery('(max-width: 36em)');
  const merged = pair.status === 'merged';
  const nikHint = nikDifference(t, pair.reasons);
  const lines = rows
    .map((row) => ({ row, diff: differs(row, pair), a: row.show(pair.a, t, f), b: row.show(pair.b, t, f) }))
    .filter((l) => (l.a !== null || l.b !== null) && (l.diff || !l.row.onlyIfDiffers));
  const label = ({ row, diff }: (typeof lines)[number]) => (
    <>
      {row.label(t)}
      {diff && <span className="gotong-dup-flag">{row.key === 'nik' && nikHint ? nikHint : t('duplicates.differs')}</span>}
    </>
  );
  const values = ({ row, a, b }: (typeof lines)[number]) =>
    [a, b].map((v, i) => (
      <Table.Td key={i} ff={row.mono && v ? 'monospace' : undefined} style={row.multiline ? { whiteSpace: 'pre-wrap' } : undefined}>
        {v ?? '—'}
      </Table.Td>
    ));
  const head = (
    <Table.Thead>
      <Table.Tr>
        {!narrow && <Table.Td />}
        <Table.Th scope="col">
          <PersonName p={pair.a} merged={merged} />
        </Table.Th>
        <Table.Th scope="col">
          <PersonName p={pair.b} merged={merged} />
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  if (narrow)
    return (
      <Table className="gotong-dup-table gotong-dup-stacked" verticalSpacing={4} horizontalSpacing={6} data-testid="pair-table">
        {head}
        {lines.map((l) => (
          <Table.Tbody key={l.row.key} className={l.diff ? 'gotong-dup-diff' : undefined} data-field={l.row.key} data-differs={l.diff || undefined}>
            <Table.Tr>
              <Table.Th scope="rowgroup" colSpan={2}>
                {label(l)}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>{values(l)}</Table.Tr>
          </Table.Tbody>
        ))}
      </Table>
    );
  return (
    <Table className="gotong-dup-table" verticalSpacing={6} horizontalSpacing="xs" data-testid="pair-table">
      {head}
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr key={l.row.key} className={l.diff ? 'gotong-dup-diff' : undefined} data-field={l.row.key} data-differs={l.diff || undefined}>
            <Table.Th scope="row">{label(l)}</Table.Th>
            {values(l)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

// ---------------------------------------------------------------------------------------------
// The registry scan

function phaseText(t: ReturnType<typeof useTranslation>['t'], s: ScanStatus, number: (n: number) => string): string {
  const job = s.job;
  if (!job || job.status === 'queued') return t('duplicates.scan.queued');
  const people = job.total ? Math.round(job.total / 2) : null;
  if (job.phase === 'read' && people !== null) return t('duplicates.scan.reading', { done: number(Math.min(job.done, people)), total: number(people) });
  if (job.phase === 'compare') return t('duplicates.scan.comparing');
  if (job.phase === 'done') return t('duplicates.scan.finishing');
  return t('duplicates.scan.starting');
}

/** Scan the whole registry: start it, follow its progress, see the last result. */
export function ScanPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: scanKey,
    queryFn: () => get<ScanStatus>('/api/duplicates/scan'),
    // the job runs on the server: while it does, ask every second (also after leaving and coming back)
    refetchInterval: (query) => (scanActive(query.state.data) ? 1000 : false),
    staleTime: 0,
  });
  const s = q.data;
  const job = s?.job ?? null;
  const active = scanActive(s);

  // When a scan ends, the queue may have new pairs.
  const last = useRef<string | null>(null);
  const jobKey = job ? `${job.id}:${job.status}` : '';
  useEffect(() => {
    if (last.current !== null && last.current !== jobKey && job && !scanActive(s)) void qc.invalidateQueries({ predicate: (x) => x.queryKey[0] === 'duplicates' && x.queryKey[1] !== 'scan' });
    last.current = jobKey;
  }, [jobKey, job, s, qc]);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(scanKey, await post<ScanStatus>('/api/duplicates/scan'));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const r = (job?.result ?? {}) as { people?: number; pairsFound?: number; pairsQueued?: number };
  let summary: string;
  if (!s) summary = '\u00a0';
  else if (!job) summary = t('duplicates.scan.never');
  else if (active) summary = t('duplicates.scan.running');
  else if (job.status === 'failed') summary = t('duplicates.scan.failed', { when: f.dateTime(job.finishedAt) });
  else
    summary = t('duplicates.scan.result', {
      when: f.dateTime(job.finishedAt),
      people: t('duplicates.scan.people', { count: r.people ?? 0, formatted: f.number(r.people ?? 0) }),
      found: t('duplicates.scan.found', { count: r.pairsFound ?? 0, formatted: f.number(r.pairsFound ?? 0) }),
      queued: t('duplicates.scan.queuedNew', { count: r.pairsQueued ?? 0, formatted: f.number(r.pairsQueued ?? 0) }),
    });

  const pct = active && job && job.status === 'running' && job.total ? Math.min(100, Math.floor((job.done / job.total) * 100)) : null;
  const count = s && active ? phaseText(t, s, f.number) : '';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="scan" mb="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Title order={2} fz="lg" id={titleId}>
            {t('duplicates.scan.title')}
          </Title>
          <Text size="sm" c={job?.status === 'failed' && !active ? 'red.7' : undefined} aria-live="polite" data-testid="scan-summary">
            {summary}
          </Text>
        </Stack>
        {can('people.merge') && (
          <Button variant="default" onClick={() => void start()} loading={busy} disabled={active} data-testid="scan-start">
            {t('duplicates.scan.action')}
          </Button>
        )}
      </Group>
      {active && (
        <Stack gap={4} mt="sm">
          <Progress.Root
            size="lg"
            role="progressbar"
            aria-labelledby={titleId}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            aria-valuetext={pct === null ? count : `${count} (${pct}%)`}
            data-testid="scan-progress"
          >
            <Progress.Section value={pct ?? 100} withAria={false} striped={pct === null} animated={pct === null} color={pct === null ? 'gray.6' : 'brand'} />
          </Progress.Root>
          <Text size="sm" fw={600} data-testid="scan-count">
            {count}
            {pct !== null && ` · ${pct}%`}
          </Text>
          <Text size="xs" c="dimmed">
            {t('duplicates.scan.canLeave')}
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" variant="light" mt="sm" role="alert">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
