import { Button, Card, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { IconUpload } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { type ImportSummary, type ImportsPage as Page, canCancel, canUndo, importsListKey, jobActive } from './api.ts';
import { ImportGate } from './ImportGate.tsx';
import { JobProgress, StatusBadge, useImportActions } from './parts.tsx';

function counts(t: TFunction, n: (x: number) => string, imp: ImportSummary): string {
  const parts: string[] = [];
  if (imp.totalRows !== null) parts.push(t('imports.list.rows', { count: imp.totalRows, formatted: n(imp.totalRows) }));
  if (imp.invalidRows) parts.push(t('imports.list.bad', { count: imp.invalidRows, formatted: n(imp.invalidRows) }));
  if (imp.status === 'done' || imp.status === 'undone' || imp.importedRows > 0) {
    parts.push(t('imports.list.imported', { count: imp.importedRows, formatted: n(imp.importedRows) }));
    if (imp.householdsCreated) parts.push(t('imports.list.households', { count: imp.householdsCreated, formatted: n(imp.householdsCreated) }));
  }
  return parts.join(' · ') || '—';
}

const jobTitle = (t: TFunction, imp: ImportSummary) =>
  ({ 'import.undo': t('imports.job.undoing'), 'import.apply': t('imports.job.importing'), 'import.duplicates': t('imports.job.duplicates') })[imp.job?.kind ?? ''] ?? t('imports.job.checking');

/** The history of imports: who, when, what came of it; undo a finished one, cancel one not imported. */
export function ImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 48em)');
  const { undo, cancel } = useImportActions();
  const list = useInfiniteQuery({
    queryKey: importsListKey,
    queryFn: ({ pageParam }) => get<Page>('/api/imports', { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(jobActive)) ? 1500 : false),
    staleTime: 0,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const status = (imp: ImportSummary) => (jobActive(imp) ? <JobProgress job={imp.job} title={jobTitle(t, imp)} compact /> : <StatusBadge status={imp.status} />);
  const actions = (imp: ImportSummary) => (
    <Group gap={6} wrap="wrap">
      <ButtonLink to="/imports/$importId" params={{ importId: imp.id }} size="xs" variant="default" aria-label={t('imports.list.openNamed', { file: imp.fileName })}>
        {t('imports.list.open')}
      </ButtonLink>
      {canUndo(imp) && (
        <Button size="xs" variant="light" color="red" onClick={() => undo(imp)} aria-label={t('imports.list.undoNamed', { file: imp.fileName })}>
          {t('imports.undo.action')}
        </Button>
      )}
      {canCancel(imp) && (
        <Button size="xs" variant="subtle" color="red" onClick={() => cancel(imp)} aria-label={t('imports.list.cancelNamed', { file: imp.fileName })}>
          {t('imports.cancel.short')}
        </Button>
      )}
    </Group>
  );
  const name = (imp: ImportSummary) => (
    <Link to="/imports/$importId" params={{ importId: imp.id }} className="gotong-row-link" style={{ overflowWrap: 'anywhere' }}>
      {imp.fileName}
    </Link>
  );

  return (
    <ImportGate>
      <PageHeader
        title={t('imports.title')}
        actions={
          <ButtonLink to="/imports/new" leftSection={<IconUpload size={16} />}>
            {t('imports.newTitle')}
          </ButtonLink>
        }
      >
        <Text size="sm" c="dimmed">
          {t('imports.intro')}
        </Text>
      </PageHeader>
      {list.isLoading && <Skeleton h={200} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Stack gap="sm" align="flex-start">
            <Text c="dimmed">{t('imports.list.empty')}</Text>
            <ButtonLink to="/imports/new" variant="light" leftSection={<IconUpload size={16} />}>
              {t('imports.newTitle')}
            </ButtonLink>
          </Stack>
        </Paper>
      )}
      {items.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs" data-testid="imports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.list.file')}</Table.Th>
                <Table.Th>{t('imports.list.by')}</Table.Th>
                <Table.Th>{t('imports.list.when')}</Table.Th>
                <Table.Th>{t('imports.list.status')}</Table.Th>
                <Table.Th>{t('imports.list.counts')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((imp) => (
                <Table.Tr key={imp.id} data-testid="import-row">
                  <Table.Td maw={240}>{name(imp)}</Table.Td>
                  <Table.Td>{imp.createdByName ?? '—'}</Table.Td>
                  <Table.Td className="gotong-nowrap">{f.dateTime(imp.createdAt)}</Table.Td>
                  <Table.Td className="gotong-nowrap">{status(imp)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{counts(t, f.number, imp)}</Text>
                  </Table.Td>
                  <Table.Td>{actions(imp)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="imports-cards">
          {items.map((imp) => (
            <Card key={imp.id} withBorder padding="sm" data-testid="import-row">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb={4}>
                <div style={{ minWidth: 0 }}>{name(imp)}</div>
                {status(imp)}
              </Group>
              <Text size="sm" c="dimmed">
                {imp.createdByName ?? '—'} · {f.dateTime(imp.createdAt)}
              </Text>
              <Text size="sm" mb="xs">
                {counts(t, f.number, imp)}
              </Text>
              {actions(imp)}
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore list={list} />
    </ImportGate>
  );
}
