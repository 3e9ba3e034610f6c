import { Alert, Badge, Box, Button, Group, List, Paper, Radio, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type Pair, type PairsPage, type Take, pairKey } from './api.ts';
import { MERGE_ROWS, differs, filledCount, suggestedKeep } from './fields.ts';
import { PairMeta, PairTable, ReasonLists, ScoreBadge, useDedupeSettings } from './parts.tsx';

/** After a decision: every list and count of pairs, and both people, are stale. */
async function refreshAfterDecision(qc: QueryClient, pair: Pair) {
  await Promise.all([
    qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'duplicates' && q.queryKey[1] !== 'pair' }),
    qc.invalidateQueries({ queryKey: ['people'] }),
    qc.invalidateQueries({ queryKey: ['households'] }),
    ...[pair.a, pair.b].flatMap((p) => [
      qc.invalidateQueries({ queryKey: ['person', p.id] }),
      qc.invalidateQueries({ queryKey: ['history', 'person', p.id] }),
      ...(p.householdId ? [qc.invalidateQueries({ queryKey: ['household', p.householdId] })] : []),
    ]),
  ]);
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'unexpected', String((e as Error)?.message ?? e)));

/** A failed decision: when someone else got there first (409), the way out is a reload. */
function DecisionError({ error, onReload }: { error: ApiError | null; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = error.status === 409;
  return (
    <Alert color={stale ? 'orange' : 'red'} variant="light" role="alert" title={stale ? t('duplicates.pair.conflictTitle') : t('common.errorTitle')} data-testid="decision-error">
      <Text size="sm" mb={stale ? 'xs' : 0}>
        {error.message}
      </Text>
      {stale && (
        <Button size="xs" variant="light" onClick={onReload} data-testid="decision-reload">
          {t('common.reload')}
        </Button>
      )}
    </Alert>
  );
}

/** The next open pair, to go on reviewing without going back to the list. */
function NextPair({ pairId }: { pairId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['duplicates', 'next', pairId], queryFn: () => get<PairsPage>('/api/duplicates', { status: 'open', limit: 2 }), staleTime: 0 });
  if (!q.data) return null;
  const next = q.data.items.find((p) => p.id !== pairId);
  if (!next)
    return (
      <Group gap="sm">
        <Text size="sm" data-testid="queue-done">
          {t('duplicates.pair.noneLeft')}
        </Text>
        <ButtonLink to="/duplicates" variant="default" size="sm">
          {t('duplicates.pair.back')}
        </ButtonLink>
      </Group>
    );
  return (
    <Group>
      <Button onClick={() => void navigate({ to: '/duplicates/$pairId', params: { pairId: next.id } })} data-testid="next-pair">
        {t('duplicates.pair.next')}
      </Button>
    </Group>
  );
}

/** The kept person of a merged pair: the one not in the bin. */
const keptOf = (pair: Pair) => (pair.a.deletedAt && !pair.b.deletedAt ? pair.b : pair.a);

/** A decided pair: what was decided, undo, and the next pair. */
function Decided({ pair, fresh, onChanged }: { pair: Pair; fresh: boolean; onChanged: (p: Pair | null) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    // the decision replaced the form the reviewer was in: go to its outcome, at the top of the page
    if (!fresh) return;
    ref.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [fresh]);
  const merged = pair.status === 'merged';
  const kept = keptOf(pair);
  const other = kept.id === pair.a.id ? pair.b : pair.a;

  async function undo() {
    setBusy(true);
    setError(null);
    try {
      if (merged) {
        await post(`/api/merges/${pair.mergeId}/undo`);
        notify({ color: 'brand', message: t('duplicates.pair.mergeUndone') });
        onChanged(null);
      } else {
        onChanged(await post<Pair>(`/api/duplicates/${pair.id}/reopen`, { version: pair.version }));
        notify({ color: 'brand', message: t('duplicates.pair.reopened') });
      }
      await refreshAfterDecision(qc, pair);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p={{ base: 'sm', xs: 'md' }} component="section" ref={ref} tabIndex={-1} aria-labelledby="decided-title" data-testid="pair-outcome" style={{ outline: 'none', borderColor: 'var(--mantine-color-brand-6)' }}>
      <Title order={2} fz="lg" id="decided-title" mb={4}>
        {merged ? t('duplicates.pair.mergedTitle') : t('duplicates.pair.notDuplicateTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {merged ? t('duplicates.pair.mergedText', { kept: kept.fullName, other: other.fullName }) : t('duplicates.pair.notDuplicateText')}
      </Text>
      <Stack gap="sm">
        <DecisionError error={error} onReload={() => onChanged(null)} />
        <Group gap="sm">
          {merged && !kept.deletedAt && (
            <ButtonLink to="/people/$personId" params={{ personId: kept.id }} variant="light" data-testid="open-kept">
              {t('duplicates.pair.openKept', { name: kept.fullName })}
            </ButtonLink>
          )}
          {can('people.merge') && (merged ? !!pair.mergeId : true) && (
            <Button variant="default" color="red" onClick={() => void undo()} loading={busy} data-testid="undo-decision">
              {merged ? t('duplicates.pair.undoMerge') : t('duplicates.pair.undoNotDuplicate')}
            </Button>
          )}
        </Group>
        <NextPair pairId={pair.id} />
      </Stack>
    </Paper>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <Paper withBorder p={{ base: 'sm', xs: 'md' }} component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} fz="lg" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Which record stays: name, when added, how much it holds. */
function KeepChoice({ pair, keepId, onChange }: { pair: Pair; keepId: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const suggested = suggestedKeep(pair);
  const older = pair.b.createdAt < pair.a.createdAt ? pair.b.id : pair.a.id;
  return (
    <Radio.Group value={keepId} onChange={onChange} label={t('duplicates.merge.keepQuestion')} description={t('duplicates.merge.keepHelp')} data-testid="keep-choice">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt={6}>
        {[pair.a, pair.b].map((p) => (
          <Radio.Card key={p.id} value={p.id} className="gotong-dup-choice" p="sm" radius="md" withBorder>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <Box style={{ minWidth: 0 }}>
                <Text fw={700} size="sm">
                  {p.fullName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('duplicates.added', { when: f.date(p.createdAt.slice(0, 10)) })}
                  {p.id === older && pair.a.createdAt !== pair.b.createdAt ? ` · ${t('duplicates.merge.older')}` : ''}
                  {' · '}
                  {t('duplicates.merge.filled', { count: filledCount(p) })}
                </Text>
                {p.id === suggested && (
                  <Badge size="xs" variant="light" color="brand" mt={4}>
                    {t('duplicates.merge.suggested')}
                  </Badge>
                )}
              </Box>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

/** Merge (field by field) or "not a duplicate". */
function DecideForm({ pair, onDecided, onReload }: { pair: Pair; onDecided: (p: Pair) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [keepId, setKeepId] = useState(() => suggestedKeep(pair));
  /** Row → the person whose value was chosen; rows not chosen follow the kept person. */
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'merge' | 'not' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const kept = keepId === pair.a.id ? pair.a : pair.b;
  const other = keepId === pair.a.id ? pair.b : pair.a;
  const from = (key: string) => picked[key] ?? keepId;

  const rows = MERGE_ROWS.map((row) => ({ row, diff: differs(row, pair), a: row.show(pair.a, t, f), b: row.show(pair.b, t, f) }));
  const choose = rows.filter((r) => r.diff);
  const same = rows.filter((r) => !r.diff && (r.a !== null || r.b !== null));
  const taken = choose.filter((r) => from(r.row.key) !== keepId);
  const dropped = choose.filter((r) => from(r.row.key) === keepId && r.row.show(other, t, f) !== null);
  const nikReason = pair.reasons.find((r) => (r.code === 'nik_one_digit' || r.code === 'nik_transposed') && r.value);
  const nikHint = !nikReason
    ? t('duplicates.merge.nikHidden')
    : nikReason.code === 'nik_one_digit'
      ? t('duplicates.merge.nikHiddenDigit', { n: nikReason.value })
      : t('duplicates.merge.nikHiddenSwapped', { n: nikReason.value, m: (nikReason.value ?? 0) + 1 });
  const take: Take = {};
  for (const r of taken) for (const fld of r.row.fields) take[fld] = 'merged';

  async function decide(kind: 'merge' | 'not') {
    setBusy(kind);
    setError(null);
    try {
      const r =
        kind === 'merge'
          ? await post<Pair>(`/api/duplicates/${pair.id}/merge`, { version: pair.version, keepId, take })
          : await post<Pair>(`/api/duplicates/${pair.id}/not-duplicate`, { version: pair.version });
      onDecided(r);
      notify({ color: 'brand', message: kind === 'merge' ? t('duplicates.pair.mergedToast', { name: kept.fullName }) : t('duplicates.pair.notDuplicateToast') });
      await refreshAfterDecision(qc, pair);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  }

  const confirmMerge = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('duplicates.merge.confirmTitle'),
      children: (
        <Stack gap="xs" data-testid="merge-confirm">
          <Text size="sm">{t('duplicates.merge.confirmText', { kept: kept.fullName, other: other.fullName })}</Text>
          {taken.length > 0 && <Text size="sm">{t('duplicates.merge.confirmTaken', { other: other.fullName, fields: taken.map((r) => r.row.label(t)).join(', ') })}</Text>}
          {dropped.length > 0 && <Text size="sm">{t('duplicates.merge.confirmDropped', { other: other.fullName, fields: dropped.map((r) => r.row.label(t)).join(', ') })}</Text>}
          <Text size="sm" c="dimmed">
            {t('duplicates.merge.confirmUndo')}
          </Text>
        </Stack>
      ),
      labels: { confirm: t('duplicates.merge.action'), cancel: t('common.cancel') },
      onConfirm: () => void decide('merge'),
    });

  return (
    <Section title={t('duplicates.merge.title')} testId="merge-form">
      <Stack gap="lg">
        <KeepChoice pair={pair} keepId={keepId} onChange={setKeepId} />

        <Stack gap="sm">
          <div>
            <Title order={3} fz="md">
              {t('duplicates.merge.valuesTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {choose.length ? t('duplicates.merge.valuesHelp', { kept: kept.fullName }) : t('duplicates.merge.nothingToChoose')}
            </Text>
          </div>
          {choose.length > 0 && (
            <SimpleGrid cols={2} spacing="xs" className="gotong-dup-sticky" aria-hidden="true">
              {[pair.a, pair.b].map((p) => (
                <Text key={p.id} size="xs" fw={700} style={{ overflowWrap: 'anywhere' }}>
                  {p.fullName}
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' · '}
                    {p.id === keepId ? t('duplicates.merge.kept') : t('duplicates.merge.other')}
                  </Text>
                </Text>
              ))}
            </SimpleGrid>
          )}
          {choose.map(({ row }) => (
            <Radio.Group
              key={row.key}
              value={from(row.key)}
              onChange={(v) => setPicked((x) => ({ ...x, [row.key]: v }))}
              label={row.label(t)}
              description={row.key === 'nik' && pair.a.nikMasked && pair.b.nikMasked ? nikHint : undefined}
              data-testid={`choose-${row.key}`}
            >
              <SimpleGrid cols={2} spacing="xs" mt={4}>
                {[pair.a, pair.b].map((p) => {
                  const v = row.show(p, t, f);
                  return (
                    <Radio.Card key={p.id} value={p.id} className="gotong-dup-choice" p="xs" radius="md" withBorder>
                      <Group wrap="nowrap" gap={6}>
                        <Radio.Indicator size="sm" />
                        <Text size="xs" c="dimmed">
                          {p.id === keepId ? t('duplicates.merge.fromKept') : t('duplicates.merge.fromOther')}
                        </Text>
                      </Group>
                      <Text size={row.mono && v ? 'xs' : 'sm'} mt={4} ff={row.mono && v ? 'monospace' : undefined} fs={v ? undefined : 'italic'} style={{ overflowWrap: 'anywhere', whiteSpace: row.multiline ? 'pre-wrap' : undefined }}>
                        {v ?? t('duplicates.merge.empty')}
                      </Text>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>
          ))}
        </Stack>

        {same.length > 0 && (
          <div>
            <Title order={3} fz="md" mb={4}>
              {t('duplicates.merge.sameTitle')}
            </Title>
            <div className="gotong-dl-box">
              <dl className="gotong-dl" data-testid="same-values">
                {same.map(({ row, a, b }) => (
                  <Box key={row.key} style={{ display: 'contents' }}>
                    <dt>{row.label(t)}</dt>
                    <dd className="gotong-dup-same" style={{ fontFamily: row.mono ? 'monospace' : undefined, whiteSpace: row.multiline ? 'pre-wrap' : undefined }}>
                      {a ?? b}
                    </dd>
                  </Box>
                ))}
              </dl>
            </div>
          </div>
        )}

        <div>
          <Title order={3} fz="md" mb={4}>
            {t('duplicates.merge.alsoTitle')}
          </Title>
          <List size="sm" spacing={2}>
            <List.Item>{t('duplicates.merge.noteRoles')}</List.Item>
            <List.Item>
              {choose.some((r) => r.row.key === 'household') ? t('duplicates.merge.noteLinksHousehold', { kept: kept.fullName, other: other.fullName }) : t('duplicates.merge.noteLinks', { kept: kept.fullName, other: other.fullName })}
            </List.Item>
            <List.Item>{t('duplicates.merge.noteBin', { other: other.fullName })}</List.Item>
          </List>
        </div>

        <DecisionError error={error} onReload={onReload} />
        <Group gap="sm">
          <Button onClick={confirmMerge} loading={busy === 'merge'} disabled={busy !== null} data-testid="merge">
            {t('duplicates.merge.action')}
          </Button>
          <Button variant="default" onClick={() => void decide('not')} loading={busy === 'not'} disabled={busy !== null} data-testid="not-duplicate">
            {t('duplicates.pair.notDuplicate')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

/** One pair, side by side: merge it field by field, or mark it as two different people. */
export function PairPage() {
  const { t } = useTranslation();
  const { pairId } = useParams({ from: '/app/duplicates/$pairId' });
  const can = useCan();
  const qc = useQueryClient();
  const settings = useDedupeSettings();
  const q = useQuery({ queryKey: pairKey(pairId), queryFn: () => get<Pair>(`/api/duplicates/${pairId}`), staleTime: 0 });
  // a decision made on this page (focus goes to its outcome); a pair opened already decided has none
  const [fresh, setFresh] = useState<string | null>(null);
  const pair = q.data;
  const names: [string, string] | null = pair ? [pair.a.fullName, pair.b.fullName] : null;

  const changed = (p: Pair | null) => {
    if (p) {
      qc.setQueryData(pairKey(pairId), p);
      setFresh(p.status === 'open' ? null : `${p.id}:${p.version}`);
    } else {
      setFresh(null);
      void q.refetch();
    }
  };

  return (
    <>
      <PageHeader
        title={pair ? t('duplicates.pair.title', { a: pair.a.fullName, b: pair.b.fullName }) : t('duplicates.pair.titleShort')}
        actions={
          <ButtonLink to="/duplicates" variant="default">
            {t('duplicates.pair.back')}
          </ButtonLink>
        }
      >
        {pair && (
          <Group justify="space-between" align="flex-start" gap="xs">
            <ScoreBadge score={pair.score} likely={settings.data?.likelyThreshold} />
            <PairMeta pair={pair} />
          </Group>
        )}
      </PageHeader>
      {q.isLoading && <Skeleton h={320} />}
      {q.error && (
        <Alert color="red" variant="light" role="alert" title={t('common.errorTitle')}>
          {q.error.message}
        </Alert>
      )}
      {pair && names && (
        <Stack gap="md">
          {pair.status !== 'open' && <Decided key={`${pair.id}:${pair.version}`} pair={pair} fresh={fresh === `${pair.id}:${pair.version}`} onChanged={changed} />}
          <Section title={t('duplicates.pair.why')} testId="pair-why">
            <ReasonLists reasons={pair.reasons} names={names} />
          </Section>
          {pair.status === 'open' && can('people.merge') ? (
            <DecideForm key={`${pair.id}:${pair.version}`} pair={pair} onDecided={changed} onReload={() => changed(null)} />
          ) : (
            <Section title={pair.status === 'merged' ? t('duplicates.pair.sideBySideNow') : t('duplicates.pair.sideBySide')}>
              {pair.status === 'open' && (
                <Text size="sm" c="dimmed" mb="sm" data-testid="merge-forbidden">
                  {t('duplicates.pair.forbidden')}
                </Text>
              )}
              <PairTable pair={pair} rows={MERGE_ROWS} />
            </Section>
          )}
        </Stack>
      )}
    </>
  );
}

