import { Badge, Box, Button, Card, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Switch, Table, Tabs, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProgramsPage } from '../../../domain/contracts/programs.ts';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api.ts';
import type { DonationsSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type Donation, type DonationsPage as Page, donationsKey, useCampaignOptions, useMoney } from './api.ts';
import { DonationDialog } from './DonationDialog.tsx';
import { PledgesTab } from './PledgesTab.tsx';
import { ReceiptMenu } from './ReceiptMenu.tsx';

const PAGE = 25;

/** Totals of the filtered gifts, one card per currency (exact sums from the server). */
export function Totals({ totals }: { totals: Page['totals'] }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (!totals.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: Math.min(totals.length, 3) }} spacing="sm" data-testid="donation-totals">
      {totals.map((x) => (
        <Card key={x.currency} withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('donations.totalIn', { currency: x.currency, count: x.gifts })}
          </Text>
          <Text fw={700} size="lg">
            {money(x.amount, x.currency)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** A list of gifts with edit, receipt and delete; shared by the donations page and a person's page. */
export function DonationRows({ items, bin, onEdit, compact }: { items: Donation[]; bin?: boolean; onEdit?: (d: Donation) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = useMoney();
  const can = useCan();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const refresh = () => qc.invalidateQueries({ queryKey: donationsKey }).then(() => qc.invalidateQueries({ queryKey: ['campaigns'] }));
  const remove = (d: Donation) =>
    deleteWithUndo(t, {
      title: t('donations.deleteTitle'),
      message: t('donations.deleteMessage', { amount: money(d.amount, d.currency), name: d.donor.name }),
      deleted: t('donations.deleted'),
      restored: t('donations.restoredMsg'),
      remove: () => del(`/api/donations/${d.id}`),
      restore: () => post(`/api/donations/${d.id}/restore`).then(refresh),
      after: refresh,
    });
  const restore = async (d: Donation) => {
    try {
      await post(`/api/donations/${d.id}/restore`);
      notify({ color: 'brand', message: t('donations.restoredMsg') });
      await refresh();
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  };
  const donor = (d: Donation) => (
    <>
      {d.donor.type === 'person' ? (
        <Link to="/people/$personId" params={{ personId: d.donor.id }} className="gotong-row-link">
          {d.donor.name}
        </Link>
      ) : (
        <Link to="/funding/funders/$funderId" params={{ funderId: d.donor.id }} className="gotong-row-link">
          {d.donor.name}
        </Link>
      )}
      {d.anonymous && (
        <Badge size="xs" variant="light" color="gray" ml={6} tt="none">
          {t('donations.anonymousBadge')}
        </Badge>
      )}
    </>
  );
  const what = (d: Donation) => (
    <>
      <Text size="sm" fw={600} span>
        {money(d.amount, d.currency)}
      </Text>
      {d.kind === 'in_kind' && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t('donations.kinds.in_kind')}: {d.goods}
        </Text>
      )}
    </>
  );
  const actions = (d: Donation) => (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      {bin ? (
        can('donations.write') && (
          <Button size="xs" variant="default" onClick={() => void restore(d)}>
            {t('common.restore')}
          </Button>
        )
      ) : (
        <>
          <ReceiptMenu donation={d} />
          {can('donations.write') && onEdit && (
            <Button size="xs" variant="default" onClick={() => onEdit(d)} aria-label={`${t('common.edit')}: ${d.donor.name}, ${f.date(d.receivedOn)}`}>
              {t('common.edit')}
            </Button>
          )}
          {can('donations.write') && (
            <Button size="xs" variant="subtle" color="red" onClick={() => remove(d)} aria-label={`${t('common.delete')}: ${d.donor.name}, ${f.date(d.receivedOn)}`}>
              {t('common.delete')}
            </Button>
          )}
        </>
      )}
    </Group>
  );
  if (phone || compact)
    return (
      <Stack gap="xs" data-testid="donation-list">
        {items.map((d) => (
          <Paper key={d.id} withBorder p="sm" data-testid="donation-row">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Box style={{ minWidth: 0 }}>
                {!compact && <div>{donor(d)}</div>}
                {what(d)}
                <Text size="xs" c="dimmed">
                  {[f.date(d.receivedOn), d.campaign?.name, d.receiptNumber ? `№ ${d.receiptNumber}` : null].filter(Boolean).join(' · ')}
                </Text>
              </Box>
            </Group>
            <Box mt={6}>{actions(d)}</Box>
          </Paper>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="donation-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('donations.receivedOn')}</Table.Th>
            <Table.Th>{t('donations.donor')}</Table.Th>
            <Table.Th>{t('donations.amount')}</Table.Th>
            <Table.Th>{t('donations.campaign')}</Table.Th>
            <Table.Th>{t('donations.receiptNumber')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="donation-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(d.receivedOn)}</Table.Td>
              <Table.Td>{donor(d)}</Table.Td>
              <Table.Td>{what(d)}</Table.Td>
              <Table.Td>{d.campaign?.name ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.receiptNumber ?? '—'}</Table.Td>
              <Table.Td>{actions(d)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function GiftsTab() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/donations' });
  const navigate = useNavigate({ from: '/donations' });
  const can = useCan();
  const qc = useQueryClient();
  const campaigns = useCampaignOptions();
  const programs = useQuery({ queryKey: ['programs', 'list', 'options'], queryFn: () => get<ProgramsPage>('/api/programs', { limit: 200 }), staleTime: 60_000 });
  const [text, setText] = useState(search.q ?? '');
  const [editing, setEditing] = useState<Donation | null | 'new'>(null);
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (patch: Partial<DonationsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);
  const query = { q: search.q, campaignId: search.campaign, programId: search.program, kind: search.kind, from: search.from, to: search.to, deleted: search.bin ? true : undefined };
  const list = useInfiniteQuery({
    queryKey: [...donationsKey, query],
    queryFn: ({ pageParam }) => get<Page>('/api/donations', { ...query, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = list.data?.pages[0];
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          label={t('donations.search')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setQ(e.currentTarget.value);
          }}
        />
        {can('donations.write') && !search.bin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-donation">
            {t('donations.add')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <NativeSelect
          label={t('donations.campaign')}
          value={search.campaign ?? ''}
          onChange={(e) => set({ campaign: e.currentTarget.value || undefined })}
          data={[{ value: '', label: t('common.all') }, ...campaigns]}
        />
        <NativeSelect
          label={t('donations.programFilter')}
          value={search.program ?? ''}
          onChange={(e) => set({ program: e.currentTarget.value || undefined })}
          data={[{ value: '', label: t('common.all') }, ...(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
        />
        <NativeSelect
          label={t('donations.kind')}
          value={search.kind ?? ''}
          onChange={(e) => set({ kind: (e.currentTarget.value || undefined) as DonationsSearch['kind'] })}
          data={[
            { value: '', label: t('common.all') },
            { value: 'money', label: t('donations.kinds.money') },
            { value: 'in_kind', label: t('donations.kinds.in_kind') },
          ]}
        />
        <TextInput type="date" label={t('donations.from')} value={search.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        <TextInput type="date" label={t('donations.to')} value={search.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
      </SimpleGrid>
      <Switch label={t('donations.showBin')} checked={!!search.bin} onChange={(e) => set({ bin: e.currentTarget.checked || undefined })} />
      {first && <Totals totals={first.totals} />}
      {list.isPending ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Text c="dimmed" py="md">
          {search.q || search.campaign || search.program || search.kind || search.from || search.to ? t('common.nothingFound') : t('donations.empty')}
        </Text>
      ) : (
        <DonationRows items={items} bin={search.bin} onEdit={(d) => setEditing(d)} />
      )}
      <LoadMore list={list} shown={items.length} total={first?.total} />
      {editing && (
        <DonationDialog
          donation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async (d) => {
            setEditing(null);
            notify({ color: 'brand', message: d.receiptNumber ? t('donations.savedWithReceipt', { number: d.receiptNumber }) : t('donations.saved') });
            await qc.invalidateQueries({ queryKey: donationsKey });
            await qc.invalidateQueries({ queryKey: ['campaigns'] });
            await qc.invalidateQueries({ queryKey: ['pledges'] });
          }}
        />
      )}
    </Stack>
  );
}

export function DonationsPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/donations' });
  const navigate = useNavigate({ from: '/donations' });
  const tab = search.tab ?? 'gifts';
  return (
    <>
      <PageHeader
        title={t('donations.title')}
        actions={
          <ButtonLink to="/donations/campaigns" variant="default" data-testid="campaigns-link">
            {t('donations.campaigns')}
          </ButtonLink>
        }
      />
      <Tabs value={tab} onChange={(v) => void navigate({ search: () => ({ tab: v === 'pledges' ? 'pledges' : undefined }), replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="gifts">{t('donations.gifts')}</Tabs.Tab>
          <Tabs.Tab value="pledges" data-testid="pledges-tab">
            {t('donations.pledges')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="gifts">
          <GiftsTab />
        </Tabs.Panel>
        <Tabs.Panel value="pledges">
          <PledgesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
