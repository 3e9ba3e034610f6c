import { Alert, Badge, Box, Button, Card, Grid, Group, Modal, NativeSelect, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { del, get, post, put } from '../../api.ts';
import { useCan } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { History } from '../history/History.tsx';
import { type HouseholdDetail, type PeoplePage, type Person, householdKey } from '../people/api.ts';
import { areaText, relationshipOptions } from '../people/labels.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';

function AddExistingModal({ household, opened, onClose }: { household: HouseholdDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [personId, setPersonId] = useState<string | null>(null);
  const [relationship, setRelationship] = useState('other_family');
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const people = useQuery({ queryKey: ['people', 'pick', debounced], queryFn: () => get<PeoplePage>('/api/people', { q: debounced || undefined, limit: 20 }), enabled: opened });
  const data = useMemo(
    () =>
      (people.data?.items ?? [])
        .filter((p) => p.householdId !== household.id)
        .map((p) => ({ value: p.id, label: `${p.fullName}${p.age !== null ? ` (${p.age})` : ''}${p.householdName ? ` · ${p.householdName}` : ''}` })),
    [people.data, household.id],
  );
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!personId) return;
    setBusy(true);
    errors.clear();
    try {
      const saved = await put<HouseholdDetail>(`/api/households/${household.id}/members/${personId}`, { relationship });
      qc.setQueryData(householdKey(household.id), saved);
      await qc.invalidateQueries({ queryKey: ['people'] });
      await qc.invalidateQueries({ queryKey: ['households', 'list'] });
      onClose();
      setPersonId(null);
      setSearch('');
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('households.addExisting')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['relationship']} />
          <Select
            label={t('households.person')}
            placeholder={t('households.personSearch')}
            searchable
            value={personId}
            onChange={setPersonId}
            searchValue={search}
            onSearchChange={setSearch}
            data={data}
            filter={({ options }) => options}
            nothingFoundMessage={people.isFetching ? t('common.loading') : t('common.nothingFound')}
            required
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="xs" c="dimmed">
            {t('households.moveNote')}
          </Text>
          <NativeSelect label={t('fields.relationship')} value={relationship} onChange={(e) => setRelationship(e.currentTarget.value)} data={relationshipOptions(t)} error={errors.field('relationship')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!personId}>
              {t('households.addMember')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function HouseholdDetailPage() {
  const { t } = useTranslation();
  const { householdId } = useParams({ from: '/app/households/$householdId' });
  const q = useQuery({ queryKey: householdKey(householdId), queryFn: () => get<HouseholdDetail>(`/api/households/${householdId}`) });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const [addOpen, add] = useDisclosure(false);

  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const h = q.data;

  async function refresh() {
    await qc.invalidateQueries({ queryKey: householdKey(householdId) });
    await qc.invalidateQueries({ queryKey: ['people'] });
    await qc.invalidateQueries({ queryKey: ['households', 'list'] });
  }
  async function setRelationship(p: Person, relationship: string) {
    try {
      qc.setQueryData(householdKey(householdId), await put<HouseholdDetail>(`/api/households/${householdId}/members/${p.id}`, { relationship }));
      await qc.invalidateQueries({ queryKey: ['people'] });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }
  function remove(p: Person) {
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('households.removeTitle'),
      children: <Text size="sm">{t('households.removeConfirm', { name: p.fullName, household: h.name })}</Text>,
      labels: { confirm: t('households.remove'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          qc.setQueryData(householdKey(householdId), await del<HouseholdDetail>(`/api/households/${householdId}/members/${p.id}`));
          await refresh();
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });
  }
  function deleteHousehold() {
    deleteWithUndo(t, {
      title: t('households.deleteTitle'),
      message: t('households.deleteConfirm', { name: h.name }),
      deleted: t('households.deleted', { name: h.name }),
      restored: t('households.restored', { name: h.name }),
      remove: async () => {
        await del(`/api/households/${householdId}`);
        await qc.invalidateQueries({ queryKey: ['households'] });
      },
      restore: async () => {
        await post(`/api/households/${householdId}/restore`);
        await qc.invalidateQueries({ queryKey: ['households'] });
        await qc.invalidateQueries({ queryKey: householdKey(householdId) });
      },
      after: () => navigate({ to: '/households' }),
    });
  }

  const relSelect = (p: Person) =>
    can('people.write') ? (
      <NativeSelect size="xs" miw={150} aria-label={t('households.relationshipOf', { name: p.fullName })} value={p.relationship ?? ''} onChange={(e) => void setRelationship(p, e.currentTarget.value)} data={relationshipOptions(t)} />
    ) : p.relationship ? (
      t(`relationship.${p.relationship}`)
    ) : (
      '—'
    );
  const summary = (p: Person) => [p.sex ? t(`sex.${p.sex}`) : null, p.age !== null ? t('people.years', { count: p.age }) : null].filter(Boolean).join(' · ') || '—';

  return (
    <>
      <PageHeader
        title={h.name}
        actions={
          <>
            {can('people.write') && (
              <ButtonLink to="/households/$householdId/edit" params={{ householdId }} variant="default">
                {t('common.edit')}
              </ButtonLink>
            )}
            {can('people.delete') && (
              <Button color="red" variant="light" onClick={deleteHousehold}>
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      >
        <Text c="dimmed">{[t('households.memberCount', { count: h.memberCount }), areaText(h.area)].filter(Boolean).join(' · ')}</Text>
      </PageHeader>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="members-title">
            <Group justify="space-between" mb="sm" gap="xs">
              <Title order={2} fz="lg" id="members-title">
                {t('households.members')}
              </Title>
              {can('people.write') && (
                <Group gap="xs">
                  <ButtonLink size="xs" leftSection={<IconPlus size={14} />} to="/people/new" search={{ householdId, relationship: h.memberCount === 0 ? 'head' : 'child' }}>
                    {t('households.addNew')}
                  </ButtonLink>
                  <Button size="xs" variant="default" onClick={add.open}>
                    {t('households.addExisting')}
                  </Button>
                </Group>
              )}
            </Group>
            {h.members.length === 0 && <Text c="dimmed">{t('households.noMembers')}</Text>}
            {h.members.length > 0 && !phone && (
              <Table verticalSpacing="xs" data-testid="members-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.fullName')}</Table.Th>
                    <Table.Th>{t('fields.relationship')}</Table.Th>
                    <Table.Th>{t('people.sexAge')}</Table.Th>
                    <Table.Th>{t('fields.nik')}</Table.Th>
                    {can('people.write') && <Table.Th>{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {h.members.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Link to="/people/$personId" params={{ personId: p.id }} className="gotong-row-link">
                          {p.fullName}
                        </Link>
                      </Table.Td>
                      <Table.Td>{relSelect(p)}</Table.Td>
                      <Table.Td className="gotong-nowrap">{summary(p)}</Table.Td>
                      <Table.Td ff="monospace">{p.nikMasked ?? '—'}</Table.Td>
                      {can('people.write') && (
                        <Table.Td>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(p)} aria-label={t('households.removeNamed', { name: p.fullName })}>
                            {t('households.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {h.members.length > 0 && phone && (
              <Stack gap="xs" data-testid="members-cards">
                {h.members.map((p) => (
                  <Card key={p.id} withBorder padding="sm">
                    <Link to="/people/$personId" params={{ personId: p.id }} className="gotong-row-link">
                      {p.fullName}
                    </Link>
                    <Text size="sm" c="dimmed">
                      {summary(p)}
                    </Text>
                    <Group justify="space-between" mt={6} gap="xs" wrap="nowrap">
                      <Box style={{ flex: 1 }}>{relSelect(p)}</Box>
                      {can('people.write') && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(p)} aria-label={t('households.removeNamed', { name: p.fullName })}>
                          {t('households.remove')}
                        </Button>
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="hh-details">
            <Title order={2} fz="lg" id="hh-details" mb="sm">
              {t('households.details')}
            </Title>
            <div className="gotong-dl-box">
            <dl className="gotong-dl">
              <dt>{t('households.kk')}</dt>
              <dd style={{ fontFamily: 'monospace' }}>{h.kkMasked ?? '—'}</dd>
              <dt>{t('households.head')}</dt>
              <dd>{h.headName ?? '—'}</dd>
              <dt>{t('fields.address')}</dt>
              <dd>{h.address ?? '—'}</dd>
              <dt>{t('fields.area')}</dt>
              <dd>{areaText(h.area) || '—'}</dd>
              <dt>{t('fields.notes')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{h.notes ?? '—'}</dd>
            </dl>
            </div>
            {h.deletedAt && (
              <Badge color="red" mt="sm">
                {t('households.inBin')}
              </Badge>
            )}
            <Text size="xs" c="dimmed" mt="sm">
              {t('person.createdUpdated', { created: f.dateTime(h.createdAt), updated: f.dateTime(h.updatedAt) })}
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={12}>
          <History type="household" id={h.id} />
        </Grid.Col>
      </Grid>
      <AddExistingModal household={h} opened={addOpen} onClose={add.close} />
    </>
  );
}
