import { Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { type DonorReport, type DonorReportsSearch, donorReportsKey, donorReportsQuery } from './api.ts';
import { grantOptionsQuery } from '../funding/api.ts';

/** Start a report: which grant, which period (a quarter of the grant by default), a title. */
function NewReportDialog({ opened, onClose, initial }: { opened: boolean; onClose: () => void; initial: { grantId?: string; from?: string; to?: string } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const grants = useQuery({ ...grantOptionsQuery, enabled: opened });
  const [v, setV] = useState({ grantId: initial.grantId ?? '', title: '', periodStart: initial.from ?? '', periodEnd: initial.to ?? '' });
  const { errors, busy, submit } = useFormSubmit(async () => {
    const made = await post<DonorReport>('/api/donor-reports', v);
    await qc.invalidateQueries({ queryKey: donorReportsKey });
    onClose();
    await navigate({ to: '/reports/$reportId', params: { reportId: made.id } });
  });
  const options = (grants.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.title} · ${g.funder.name}` }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('donorReports.newTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="new-donor-report">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['grantId', 'title', 'periodStart', 'periodEnd']} />
          <Select
            label={t('donorReports.grant')}
            data={options}
            value={v.grantId || null}
            onChange={(x) => setV((p) => ({ ...p, grantId: x ?? '' }))}
            searchable
            required
            nothingFoundMessage={t('donorReports.noGrants')}
            error={errors.field('grantId')}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('donorReports.title')} required maxLength={300} value={v.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} error={errors.field('title')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput type="date" label={t('donorReports.periodStart')} required value={v.periodStart} onChange={(e) => setV({ ...v, periodStart: e.currentTarget.value })} error={errors.field('periodStart')} />
            <TextInput type="date" label={t('donorReports.periodEnd')} required value={v.periodEnd} onChange={(e) => setV({ ...v, periodEnd: e.currentTarget.value })} error={errors.field('periodEnd')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('donorReports.newHelp')}
          </Text>
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('donorReports.create')} />
        </Stack>
      </form>
    </Modal>
  );
}

export function DonorReportsPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/reports' });
  const routerNavigate = useNavigate();
  const onSearch = (next: DonorReportsSearch & { new?: boolean }) => void routerNavigate({ to: '/reports', search: next, replace: true });
  const f = useFormat();
  const can = useCan();
  const list = useInfiniteQuery(donorReportsQuery({ q: search.q, grantId: search.grantId, bin: search.bin }));
  const [q, setQ] = useState(search.q ?? '');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('donorReports.heading')}
        actions={
          can('funding.write') && (
            <Button onClick={() => onSearch({ ...search, new: true })} data-testid="new-report">
              {t('donorReports.new')}
            </Button>
          )
        }
      >
        <Text c="dimmed" size="sm">
          {t('donorReports.intro')}
        </Text>
      </PageHeader>
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSearch({ ...search, q: q.trim() || undefined });
          }}
          style={{ flex: '1 1 240px' }}
        >
          <TextInput type="search" label={t('donorReports.search')} placeholder={t('donorReports.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        </form>
        <Switch label={t('donorReports.showBin')} checked={!!search.bin} onChange={(e) => onSearch({ ...search, bin: e.currentTarget.checked || undefined })} />
      </Group>
      {list.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="no-reports">
          {search.q || search.bin ? t('donorReports.noMatches') : t('donorReports.empty')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="donor-reports">
          {items.map((r) => (
            <Link key={r.id} to="/reports/$reportId" params={{ reportId: r.id }} style={{ textDecoration: 'none', color: 'inherit' }}>
            <Card withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {r.title}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {r.grantTitle} · {r.funderName}
                  </Text>
                  <Text size="sm">{`${f.date(r.periodStart)} – ${f.date(r.periodEnd)}`}</Text>
                </div>
                <Badge color={r.status === 'final' ? 'teal' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
                  {t(`donorReports.status.${r.status}`)}
                </Badge>
              </Group>
            </Card>
            </Link>
          ))}
        </Stack>
      )}
      <LoadMore list={list} />
      {search.new && <NewReportDialog opened onClose={() => onSearch({ ...search, new: undefined, from: undefined, to: undefined })} initial={search} />}
    </>
  );
}
