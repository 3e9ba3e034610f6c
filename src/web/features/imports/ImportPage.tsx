import { Alert, Badge, Box, Button, Card, Collapse, Fieldset, Flex, Group, NativeSelect, Paper, Radio, SimpleGrid, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { Fragment, type MouseEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { ApiError, get, post, put } from '../../api.ts';
import i18n from '../../i18n/index.ts';
import { useCan } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import {
  IMPORT_FIELDS,
  type ImportDetail,
  type ImportField,
  type ImportMode,
  type ImportSummary,
  type PreviewRow,
  type PreviewValues,
  type Problem,
  type ProblemsPage,
  canCancel,
  canUndo,
  checkingDuplicates,
  downloadReport,
  importKey,
  isWarning,
  jobActive,
  problemsKey,
  undoing,
} from './api.ts';
import { ImportGate } from './ImportGate.tsx';
import { columnName, columnOf, failureText, fieldLabel, fileSize, problemText } from './labels.ts';
import { ImportSteps, JobProgress, StatusBadge, stepOf, useImportActions } from './parts.tsx';

const PHONE = '(max-width: 48em)';

// ---------------------------------------------------------------------------------------------
// Column mapping

const GROUPS: { key: string; fields: ImportField[] }[] = [
  { key: 'person', fields: ['fullName', 'preferredName', 'sex', 'birthDate', 'birthYear', 'nik', 'phone', 'email', 'notes'] },
  { key: 'household', fields: ['kk', 'relationship', 'address'] },
  { key: 'area', fields: ['areaCode', 'province', 'regency', 'district', 'village'] },
  { key: 'programme', fields: ['roles', 'tags', 'consent'] },
];

type Draft = Record<ImportField, string>;
const toDraft = (m: Record<string, number>): Draft => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, m[f] === undefined ? '' : String(m[f])])) as Draft;
const toMapping = (d: Draft) => Object.fromEntries(Object.entries(d).flatMap(([k, v]) => (v === '' ? [] : [[k, Number(v)]])));
const sameMapping = (d: Draft, m: Record<string, number>) => IMPORT_FIELDS.every((f) => d[f] === (m[f] === undefined ? '' : String(m[f])));

/** The draft mapping of an import; it follows the server's whenever the import's version changes. */
function useMappingDraft(imp: ImportDetail) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(imp.mapping));
  const [version, setVersion] = useState(imp.version);
  if (version !== imp.version) {
    setVersion(imp.version);
    setDraft(toDraft(imp.mapping));
  }
  const errors = useServerErrors();
  const save = async () => {
    const r = await put<ImportDetail>(`/api/imports/${imp.id}/mapping`, { mapping: toMapping(draft), version: imp.version });
    qc.setQueryData(importKey(imp.id), r);
    void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    return r;
  };
  const reload = async () => {
    errors.clear();
    await qc.invalidateQueries({ queryKey: importKey(imp.id) });
    setDraft(toDraft((qc.getQueryData(importKey(imp.id)) as ImportDetail | undefined)?.mapping ?? imp.mapping));
  };
  return { draft, setDraft, dirty: !sameMapping(draft, imp.mapping), save, errors, reload };
}

function MappingEditor({ imp, draft, onChange, error }: { imp: ImportSummary; draft: Draft; onChange: (f: ImportField, v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const options = [{ value: '', label: t('imports.mapping.notInFile') }, ...imp.headers.map((_, i) => ({ value: String(i), label: columnName(imp.headers, i) }))];
  const used = new Set(Object.values(draft).filter((v) => v !== ''));
  const unused = imp.headers.map((_, i) => i).filter((i) => !used.has(String(i)) && imp.headers[i]?.trim());
  const matched = IMPORT_FIELDS.filter((f) => draft[f] !== '').length;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('imports.mapping.matched', { count: matched, total: IMPORT_FIELDS.length })}
        {unused.length > 0 && ` ${t('imports.mapping.unused', { columns: unused.map((i) => columnName(imp.headers, i)).join(', ') })}`}
      </Text>
      {GROUPS.map((g) => (
        <Fieldset key={g.key} legend={t(`imports.mapping.group.${g.key}`)} variant="unstyled" styles={{ legend: { fontWeight: 700, marginBottom: 6 } }}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
            {g.fields.map((f) => (
              <NativeSelect
                key={f}
                label={fieldLabel(t, f)}
                description={i18n.exists(`imports.fieldHelp.${f}`) ? t(`imports.fieldHelp.${f}`) : undefined}
                required={f === 'fullName'}
                value={draft[f]}
                onChange={(e) => onChange(f, e.currentTarget.value)}
                data={options}
                error={f === 'fullName' ? error : undefined}
                data-testid={`map-${f}`}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}

/** A save error: a stale version or another step offers a reload; field errors go beside the selects. */
function SaveError({ error, onReload }: { error: ApiError | null; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error.status === 409)
    return (
      <Alert color="orange" variant="light" role="alert" title={t('imports.mapping.conflictTitle')} data-testid="mapping-conflict">
        <Text size="sm" mb="xs">
          {error.message}
        </Text>
        <Button size="xs" variant="light" onClick={onReload}>
          {t('common.reload')}
        </Button>
      </Alert>
    );
  return <ErrorAlert error={error} shown={['mapping.fullName']} labels={Object.fromEntries(IMPORT_FIELDS.map((f) => [`mapping.${f}`, fieldLabel(t, f)]))} />;
}

// ---------------------------------------------------------------------------------------------
// Preview of the first rows

type PreviewCol = { key: string; fields: ImportField[]; value: (v: PreviewValues) => ReactNode; mono?: boolean };

function previewCols(t: TFunction, date: (d: string) => string): PreviewCol[] {
  return [
    { key: 'fullName', fields: ['fullName'], value: (v) => v.fullName },
    { key: 'sex', fields: ['sex'], value: (v) => (v.sex ? t(`sex.${v.sex}`) : null) },
    { key: 'birth', fields: ['birthDate', 'birthYear'], value: (v) => (v.birthDate ? date(v.birthDate) : v.birthYear ? t('person.aboutYear', { year: v.birthYear }) : null) },
    { key: 'nik', fields: ['nik'], value: (v) => v.nikMasked, mono: true },
    { key: 'kk', fields: ['kk'], value: (v) => v.kkMasked, mono: true },
    { key: 'relationship', fields: ['relationship'], value: (v) => (v.relationship ? t(`relationship.${v.relationship}`) : null) },
    { key: 'phone', fields: ['phone'], value: (v) => v.phone },
    { key: 'email', fields: ['email'], value: (v) => v.email },
    { key: 'address', fields: ['address'], value: (v) => v.address },
    { key: 'area', fields: ['areaCode', 'province', 'regency', 'district', 'village'], value: (v) => (v.areaName ? v.areaName.split(', ').reverse().join(', ') : null) },
    { key: 'roles', fields: ['roles'], value: (v) => (v.roles.length ? v.roles.map((r) => t(`personRole.${r}`)).join(', ') : null) },
    { key: 'tags', fields: ['tags'], value: (v) => (v.tags.length ? v.tags.join(', ') : null) },
  ];
}

function RowProblems({ row }: { row: PreviewRow }) {
  const { t } = useTranslation();
  if (!row.problems.length)
    return (
      <Text size="sm" c="brand.7">
        {t('imports.preview.ok')}
      </Text>
    );
  return (
    <ul className="gotong-problem-list">
      {row.problems.map((p) => (
        <li key={`${p.field}-${p.code}`}>
          <Text span size="sm" c={isWarning(p) ? 'orange.7' : 'red.7'}>
            {isWarning(p) && `${t('imports.severity.warning')}: `}
            <b>{fieldLabel(t, p.field)}</b>: {problemText(t, p.code)}
          </Text>
        </li>
      ))}
    </ul>
  );
}

const rowClass = (row: PreviewRow) => (row.problems.some((p) => !isWarning(p)) ? 'gotong-bad-row' : row.problems.length ? 'gotong-warn-row' : undefined);

function Preview({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery(PHONE);
  const titleId = useId();
  const cols = previewCols(t, f.date).filter((c) => c.fields.some((x) => imp.mapping[x] !== undefined));
  const bad = imp.preview.filter((r) => r.problems.some((p) => !isWarning(p))).length;
  const cell = (row: PreviewRow, c: PreviewCol) => {
    const v = c.value(row.values);
    return v === null || v === undefined || v === '' ? '—' : v;
  };
  const problemIn = (row: PreviewRow, c: PreviewCol) => {
    const here = row.problems.filter((p) => (c.fields as string[]).includes(p.field));
    return here.some((p) => !isWarning(p)) ? 'gotong-bad-cell' : here.length ? 'gotong-warn-cell' : undefined;
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="preview">
      <Title order={2} fz="lg" id={titleId}>
        {t('imports.preview.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {imp.preview.length ? t('imports.preview.help', { count: imp.preview.length }) : t('imports.preview.empty')}
        {bad > 0 && ` ${t('imports.preview.bad', { count: bad })}`}
      </Text>
      {imp.preview.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={Math.max(560, 130 * (cols.length + 1))}>
          <Table verticalSpacing="xs" withTableBorder data-testid="preview-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.line')}</Table.Th>
                {cols.map((c) => (
                  <Table.Th key={c.key}>{t(`imports.preview.col.${c.key}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.preview.map((row) => (
                <Fragment key={row.line}>
                  <Table.Tr className={[rowClass(row), row.problems.length ? 'gotong-has-sub' : ''].join(' ').trim() || undefined} data-bad={rowClass(row) === 'gotong-bad-row' || undefined}>
                    <Table.Td>{row.line}</Table.Td>
                    {cols.map((c) => (
                      <Table.Td key={c.key} className={problemIn(row, c)} ff={c.mono ? 'monospace' : undefined}>
                        {cell(row, c)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                  {row.problems.length > 0 && (
                    <Table.Tr className={rowClass(row)}>
                      <Table.Td />
                      <Table.Td colSpan={cols.length} pt={0}>
                        <VisuallyHidden>{t('imports.preview.problemsOn', { line: row.line })}</VisuallyHidden>
                        <RowProblems row={row} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {imp.preview.length > 0 && phone && (
        <Stack gap="xs" data-testid="preview-cards">
          {imp.preview.map((row) => (
            <Card key={row.line} withBorder padding="sm" className={rowClass(row)} data-bad={rowClass(row) === 'gotong-bad-row' || undefined}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={700} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {row.values.fullName || '—'}
                </Text>
                <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                  {t('imports.lineN', { line: row.line })}
                </Text>
              </Group>
              {cols
                .filter((c) => c.key !== 'fullName' && (problemIn(row, c) || cell(row, c) !== '—'))
                .map((c) => (
                  <Text key={c.key} size="sm" className={problemIn(row, c)} pl={problemIn(row, c) ? 8 : undefined}>
                    <Text span size="sm" c="dimmed">
                      {t(`imports.preview.col.${c.key}`)}:
                    </Text>{' '}
                    <Text span size="sm" ff={c.mono ? 'monospace' : undefined}>
                      {cell(row, c)}
                    </Text>
                  </Text>
                ))}
              {row.problems.length > 0 && (
                <Box mt={4}>
                  <RowProblems row={row} />
                </Box>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Step 2 (and the way into step 3): match columns, see the preview, then check every row. */
function ColumnsStep({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const m = useMappingDraft(imp);
  const [busy, setBusy] = useState<'save' | 'check' | null>(null);
  const titleId = useId();
  const checkId = useId();

  async function saveOnly() {
    setBusy('save');
    m.errors.clear();
    try {
      await m.save();
    } catch (e) {
      m.errors.capture(e);
    } finally {
      setBusy(null);
    }
  }
  async function check() {
    setBusy('check');
    m.errors.clear();
    try {
      const current = m.dirty ? await m.save() : imp;
      const r = await post<ImportDetail>(`/api/imports/${imp.id}/validate`, { version: current.version });
      qc.setQueryData(importKey(imp.id), r);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    } catch (e) {
      m.errors.capture(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
        <Title order={2} fz="lg" id={titleId}>
          {t('imports.mapping.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('imports.mapping.help')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveOnly();
          }}
          noValidate
        >
          <Stack gap="md">
            <MappingEditor imp={imp} draft={m.draft} onChange={(f, v) => m.setDraft((d) => ({ ...d, [f]: v }))} error={m.errors.field('mapping.fullName')} />
            <SaveError error={m.errors.error} onReload={() => void m.reload()} />
            <Group gap="sm">
              <Button type="submit" variant="default" loading={busy === 'save'} disabled={!m.dirty || busy !== null} data-testid="save-mapping">
                {t('imports.mapping.save')}
              </Button>
              {m.dirty && (
                <Text size="sm" c="dimmed">
                  {t('imports.mapping.unsaved')}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>

      <Preview imp={imp} />

      <Paper withBorder p="md" component="section" aria-labelledby={checkId}>
        <Title order={2} fz="lg" id={checkId}>
          {t('imports.check.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('imports.check.help')}
        </Text>
        <Button onClick={() => void check()} loading={busy === 'check'} disabled={busy !== null} data-testid="check-rows">
          {t('imports.check.action')}
        </Button>
      </Paper>
    </Stack>
  );
}

/** After the check: the mapping can still be changed (the check then starts over). */
function ChangeColumns({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const m = useMappingDraft(imp);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  async function save() {
    setBusy(true);
    m.errors.clear();
    try {
      await m.save();
    } catch (e) {
      m.errors.capture(e);
    } finally {
      setBusy(false);
    }
  }
  const matched = Object.keys(imp.mapping).length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" gap="xs">
        <div>
          <Title order={2} fz="lg" id={titleId}>
            {t('imports.mapping.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('imports.mapping.matched', { count: matched, total: IMPORT_FIELDS.length })}
          </Text>
        </div>
        <Button variant="default" size="sm" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="change-columns">
          {open ? t('imports.mapping.hide') : t('imports.mapping.change')}
        </Button>
      </Group>
      <Collapse expanded={open} id="change-columns">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          noValidate
        >
          <Stack gap="md" mt="md">
            <Alert color="orange" variant="light">
              {t('imports.mapping.recheck')}
            </Alert>
            <MappingEditor imp={imp} draft={m.draft} onChange={(f, v) => m.setDraft((d) => ({ ...d, [f]: v }))} error={m.errors.field('mapping.fullName')} />
            <SaveError error={m.errors.error} onReload={() => void m.reload()} />
            <Group>
              <Button type="submit" loading={busy} disabled={!m.dirty}>
                {t('imports.mapping.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Collapse>
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------
// Check results and the problem list

function Stat({ label, value, color, testId }: { label: string; value: string; color?: string; testId?: string }) {
  return (
    <Paper bg="gray.0" px="sm" py={{ base: 6, sm: 'sm' }} radius="md" data-testid={testId}>
      <Flex direction={{ base: 'row', sm: 'column' }} align={{ base: 'baseline', sm: 'flex-start' }} gap={{ base: 'sm', sm: 0 }}>
        <Text fz={{ base: 20, sm: 26 }} fw={700} c={color} lh={1.2} miw={{ base: 48, sm: 0 }}>
          {value}
        </Text>
        <Text size="sm" c="dimmed" lh={1.3}>
          {label}
        </Text>
      </Flex>
    </Paper>
  );
}

function ReportLink({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const href = `/api/imports/${imp.id}/problems.csv`;
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      size="sm"
      leftSection={<IconDownload size={16} />}
      loading={busy}
      data-testid="download-report"
      onClick={async (e: MouseEvent) => {
        e.preventDefault();
        setBusy(true);
        try {
          await downloadReport(imp.id, `${imp.fileName.replace(/\.[^.]+$/, '')}-${t('imports.check.reportSuffix')}.csv`);
        } catch (err) {
          notify({ color: 'red', message: (err as Error).message });
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('imports.check.download')}
    </Button>
  );
}

function Severity({ p }: { p: Problem }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={isWarning(p) ? 'orange' : 'red'} mr={6} style={{ verticalAlign: 'text-bottom' }}>
      {isWarning(p) ? t('imports.severity.warning') : t('imports.severity.error')}
    </Badge>
  );
}

function ProblemList({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const list = useInfiniteQuery({
    queryKey: problemsKey(imp.id),
    queryFn: ({ pageParam }) => get<ProblemsPage>(`/api/imports/${imp.id}/problems`, { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const column = (field: string) => columnOf(imp, field);
  return (
    <>
      {list.isLoading && <Skeleton h={120} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {items.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing="xs" data-testid="problems-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.line')}</Table.Th>
                <Table.Th>{t('imports.problems.column')}</Table.Th>
                <Table.Th>{t('imports.problems.value')}</Table.Th>
                <Table.Th>{t('imports.problems.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={`${p.line}-${p.field}`}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{column(p.field) ?? fieldLabel(t, p.field)}</Text>
                    {column(p.field) && (
                      <Text size="xs" c="dimmed">
                        {fieldLabel(t, p.field)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.value ?? <Text span c="dimmed">{t('imports.problems.empty')}</Text>}</Table.Td>
                  <Table.Td>
                    <Severity p={p} />
                    {problemText(t, p.code, p.message)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="problems-cards">
          {items.map((p) => (
            <Card key={`${p.line}-${p.field}`} withBorder padding="sm">
              <Text size="sm" fw={700}>
                {t('imports.lineN', { line: p.line })} · {column(p.field) ?? fieldLabel(t, p.field)}
              </Text>
              <Text size="sm">
                {t('imports.problems.value')}: {p.value ?? t('imports.problems.empty')}
              </Text>
              <Text size="sm" c={isWarning(p) ? 'orange.7' : 'red.7'}>
                <Severity p={p} />
                {problemText(t, p.code, p.message)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore list={list} mt="sm" />
    </>
  );
}

function CheckResults({ imp, skipped }: { imp: ImportSummary; skipped?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const total = imp.totalRows ?? 0;
  const good = imp.validRows ?? 0;
  const bad = imp.invalidRows ?? 0;
  const warned = imp.warningRows ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="check-results">
      <Title order={2} fz="lg" id={titleId} mb="sm">
        {skipped ? t('imports.check.reportTitle') : t('imports.check.resultsTitle')}
      </Title>
      {!skipped && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing={6} mb="md">
          <Stat label={t('imports.check.total')} value={f.number(total)} testId="count-total" />
          <Stat label={t('imports.check.good')} value={f.number(good)} color="brand.7" testId="count-good" />
          <Stat label={t('imports.check.bad')} value={f.number(bad)} color={bad ? 'red.7' : undefined} testId="count-bad" />
        </SimpleGrid>
      )}
      {!skipped && warned > 0 && (
        <Text size="sm" c="orange.8" mb="sm" data-testid="count-warnings">
          {t('imports.check.warnings', { count: warned, formatted: f.number(warned) })}
        </Text>
      )}
      {bad > 0 || warned > 0 ? (
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={3} fz="md">
              {t('imports.problems.title')}
            </Title>
            <ReportLink imp={imp} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('imports.problems.help')}
          </Text>
          <ProblemList imp={imp} />
        </Stack>
      ) : (
        <Text size="sm">{t('imports.check.allGood')}</Text>
      )}
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 4: import, and what comes after

function ImportChoice({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const titleId = useId();
  const good = imp.validRows ?? 0;
  const bad = imp.invalidRows ?? 0;
  const [mode, setMode] = useState<ImportMode>('skip_bad');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(m: ImportMode) {
    setBusy(true);
    setError(null);
    try {
      const r = await post<ImportDetail>(`/api/imports/${imp.id}/start`, { version: imp.version, mode: m });
      qc.setQueryData(importKey(imp.id), r);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unexpected', String(e)));
      if (e instanceof ApiError && e.code !== 'import_has_errors') void qc.invalidateQueries({ queryKey: importKey(imp.id) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="import-choice">
      <Title order={2} fz="lg" id={titleId} mb="sm">
        {t('imports.start.title')}
      </Title>
      {good === 0 ? (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('imports.start.noneGood')}</Text>
          <ButtonLink to="/imports/new" variant="default">
            {t('imports.start.uploadFixed')}
          </ButtonLink>
        </Stack>
      ) : bad === 0 ? (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('imports.start.allGood', { count: good, formatted: f.number(good) })}</Text>
          <Button onClick={() => void start('all_or_nothing')} loading={busy} data-testid="start-import">
            {t('imports.start.importAll', { count: good, formatted: f.number(good) })}
          </Button>
        </Stack>
      ) : (
        <Stack gap="md" align="flex-start">
          <Radio.Group value={mode} onChange={(v) => setMode(v as ImportMode)} label={t('imports.start.question')}>
            <Stack gap="sm" mt="xs">
              <Radio value="skip_bad" label={t('imports.start.skipBad', { count: good, good: f.number(good), bad: f.number(bad) })} description={t('imports.start.skipBadHelp')} />
              <Radio value="all_or_nothing" label={t('imports.start.allOrNothing')} description={t('imports.start.allOrNothingHelp', { bad: f.number(bad) })} />
            </Stack>
          </Radio.Group>
          <Button onClick={() => void start(mode)} loading={busy} data-testid="start-import">
            {t('imports.start.action')}
          </Button>
        </Stack>
      )}
      {error && (
        <Alert color="red" variant="light" mt="md" role="alert" title={t('common.errorTitle')} data-testid="start-error">
          <Text size="sm">{error.message}</Text>
          {error.code === 'import_has_errors' && (
            <Group mt="sm" gap="xs">
              <ButtonLink to="/imports/new" size="xs" variant="light">
                {t('imports.start.uploadFixed')}
              </ButtonLink>
            </Group>
          )}
        </Alert>
      )}
    </Paper>
  );
}

function DoneSummary({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { undo } = useImportActions();
  const titleId = useId();
  const skipped = Math.max(0, (imp.totalRows ?? 0) - imp.importedRows);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="import-summary">
      <Title order={2} fz="lg" id={titleId} mb="sm">
        {t('imports.done.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing={6} mb="sm">
        <Stat label={t('imports.done.people')} value={f.number(imp.importedRows)} color="brand.7" testId="done-people" />
        <Stat label={t('imports.done.households')} value={f.number(imp.householdsCreated)} testId="done-households" />
        <Stat label={t('imports.done.skipped')} value={f.number(skipped)} color={skipped ? 'red.7' : undefined} testId="done-skipped" />
      </SimpleGrid>
      <Text size="sm" c="dimmed" mb="md">
        {t('imports.done.finished', { when: f.dateTime(imp.finishedAt) })}
      </Text>
      {checkingDuplicates(imp) ? (
        <Box mb="md">
          <JobProgress job={imp.job} title={t('imports.job.duplicates')} compact />
        </Box>
      ) : (
        imp.duplicateRows > 0 && (
          <Alert color="orange" variant="light" mb="md" data-testid="done-duplicates">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('imports.done.duplicates', { count: imp.duplicateRows, formatted: f.number(imp.duplicateRows) })}</Text>
              <ButtonLink to="/duplicates" size="xs" variant="light" color="orange">
                {t('imports.done.reviewDuplicates')}
              </ButtonLink>
            </Stack>
          </Alert>
        )
      )}
      <Group gap="sm">
        <ButtonLink to="/people" search={{ sort: '-created' }}>
          {t('imports.done.openPeople')}
        </ButtonLink>
        {canUndo(imp) && (
          <Button variant="light" color="red" onClick={() => undo(imp)}>
            {t('imports.undo.action')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function Notice({ color, title, children, testId }: { color: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Alert color={color} variant="light" title={title} data-testid={testId}>
      <Stack gap="sm" align="flex-start">
        {children}
      </Stack>
    </Alert>
  );
}

function Outcome({ imp }: { imp: ImportDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const { cancel } = useImportActions();
  const people = t('imports.count.people', { count: imp.importedRows, formatted: f.number(imp.importedRows) });
  const households = t('imports.count.households', { count: imp.householdsCreated, formatted: f.number(imp.householdsCreated) });
  switch (imp.status) {
    case 'uploaded':
      return <ColumnsStep imp={imp} />;
    case 'validating':
      return <JobProgress job={imp.job} title={t('imports.job.checking')} />;
    case 'validated':
      return (
        <Stack gap="md">
          <CheckResults imp={imp} />
          <ImportChoice imp={imp} />
          <ChangeColumns imp={imp} />
        </Stack>
      );
    case 'importing':
      return <JobProgress job={imp.job} title={t('imports.job.importing')} />;
    case 'done':
      return (
        <Stack gap="md">
          {undoing(imp) ? <JobProgress job={imp.job} title={t('imports.job.undoing')} /> : <DoneSummary imp={imp} />}
          {((imp.invalidRows ?? 0) > 0 || (imp.warningRows ?? 0) > 0) && <CheckResults imp={imp} skipped />}
        </Stack>
      );
    case 'undone':
      return (
        <Notice color="orange" title={t('imports.undone.title')} testId="import-undone">
          <Text size="sm">{t('imports.undone.text', { when: f.dateTime(imp.undoneAt), people, households })}</Text>
          {can('people.delete') && (
            <ButtonLink to="/people" search={{ bin: true }} variant="light" size="xs">
              {t('imports.undone.openBin')}
            </ButtonLink>
          )}
        </Notice>
      );
    case 'cancelled':
      return (
        <Notice color="gray" title={t('imports.cancelled.title')} testId="import-cancelled">
          <Text size="sm">{t('imports.cancelled.text')}</Text>
          <ButtonLink to="/imports/new" variant="light" size="xs">
            {t('imports.newTitle')}
          </ButtonLink>
        </Notice>
      );
    case 'failed':
      return (
        <Notice color="red" title={t('imports.failed.title')} testId="import-failed">
          <Text size="sm">{failureText(t, imp.error ?? imp.job?.error ?? null)}</Text>
          {imp.importedRows > 0 && <Text size="sm">{t('imports.failed.partial', { people })}</Text>}
          <Group gap="xs">
            <ButtonLink to="/imports/new" variant="light" size="xs">
              {t('imports.newTitle')}
            </ButtonLink>
            {canCancel(imp) && (
              <Button size="xs" variant="subtle" color="red" onClick={() => cancel(imp)}>
                {t('imports.cancel.action')}
              </Button>
            )}
          </Group>
        </Notice>
      );
  }
}

/** When a job moves the import to another step, lists that depend on it are refreshed. */
function useFollowChanges(imp: ImportDetail | undefined) {
  const qc = useQueryClient();
  const last = useRef<string | null>(null);
  const key = imp ? `${imp.status}|${imp.job?.id ?? ''}|${imp.job?.status ?? ''}|${imp.version}` : null;
  useEffect(() => {
    if (!imp || !key) return;
    if (last.current !== null && last.current !== key) {
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
      void qc.invalidateQueries({ queryKey: problemsKey(imp.id) });
      if (imp.status === 'done' || imp.status === 'undone' || imp.status === 'failed') {
        void qc.invalidateQueries({ queryKey: ['people'] });
        void qc.invalidateQueries({ queryKey: ['households'] });
        void qc.invalidateQueries({ queryKey: ['duplicates'] });
      }
    }
    last.current = key;
  }, [key, imp, qc]);
}

export function ImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { importId } = useParams({ from: '/app/imports/$importId' });
  const { cancel } = useImportActions();
  const q = useQuery({
    queryKey: importKey(importId),
    queryFn: () => get<ImportDetail>(`/api/imports/${importId}`),
    // The server holds the state: while a job runs, ask it every second (also after leaving and coming back).
    refetchInterval: (query) => (query.state.data && jobActive(query.state.data) ? 1000 : false),
    staleTime: 0,
  });
  const imp = q.data;
  useFollowChanges(imp);

  return (
    <ImportGate>
      <PageHeader
        title={imp ? t('imports.detailTitle', { file: imp.fileName }) : t('imports.title')}
        actions={
          <>
            {imp && canCancel(imp) && imp.status !== 'failed' && (
              <Button variant="subtle" color="red" onClick={() => cancel(imp)} data-testid="cancel-import">
                {t('imports.cancel.action')}
              </Button>
            )}
            <ButtonLink to="/imports" variant="default">
              {t('imports.history')}
            </ButtonLink>
          </>
        }
      >
        {imp && (
          <Group gap="xs" wrap="wrap">
            <span aria-live="polite">
              <StatusBadge status={imp.status} />
            </span>
            <Text size="sm" c="dimmed">
              {t('imports.meta', { by: imp.createdByName ?? '—', when: f.dateTime(imp.createdAt), format: imp.format.toUpperCase(), size: fileSize(imp.fileSize, f.number) })}
            </Text>
          </Group>
        )}
      </PageHeader>
      {q.isLoading && <Skeleton h={240} />}
      {q.error && (
        <Alert color="red" variant="light" role="alert" title={t('common.errorTitle')}>
          {q.error.message}
        </Alert>
      )}
      {imp && (
        <>
          {imp.status !== 'cancelled' && <ImportSteps current={stepOf(imp)} />}
          <Outcome imp={imp} />
        </>
      )}
    </ImportGate>
  );
}

