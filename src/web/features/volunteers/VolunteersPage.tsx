import { Badge, Box, Button, Card, Collapse, Group, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_STATUSES } from '../../../domain/volunteers.ts';
import { get, post, put } from '../../api.ts';
import type { VolunteersSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconFilter, IconPlus, IconSearch } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { CodeListDialog } from '../../ui/CodeListDialog.tsx';
import { STATUS_COLORS, type Skills as SkillList, type VolunteerListItem, type VolunteersPage as Page, WEEKDAYS, hoursText, skillsKey, slotText, useSkills } from './api.ts';

const PAGE = 25;

/** The organisation's skill list: a code and a label in both languages per skill. */
function SkillsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { list } = useSkills();
  return (
    <CodeListDialog
      opened={opened}
      onClose={onClose}
      title={t('volunteers.skillsTitle')}
      help={t('volunteers.skillsHelp')}
      list={list}
      field="skills"
      addLabel={t('volunteers.addSkill')}
      save={async (skills) => {
        qc.setQueryData(skillsKey, await put<SkillList>('/api/volunteers/skills', { skills }));
        notify({ color: 'brand', message: t('volunteers.skillsSaved') });
      }}
    />
  );
}

function SkillBadges({ v }: { v: VolunteerListItem }) {
  const { label } = useSkills();
  return (
    <Group gap={4}>
      {v.skills.map((s) => (
        <Badge key={s} size="sm" variant="light" tt="none">
          {label(s)}
        </Badge>
      ))}
      {v.tags.map((s) => (
        <Badge key={`tag-${s}`} size="sm" variant="outline" color="gray" tt="none">
          {s}
        </Badge>
      ))}
    </Group>
  );
}

export function VolunteersPage() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ from: '/app/volunteers' });
  const navigate = useNavigate({ from: '/volunteers' });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const skills = useSkills();
  const [text, setText] = useState(search.q ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [skillsOpen, setSkillsOpen] = useState(false);
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (patch: Partial<VolunteersSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);

  const query = { q: search.q, skill: search.skill, areaCode: search.area, status: search.status, weekday: search.weekday, time: search.weekday ? search.time : undefined, deleted: search.bin ? true : undefined };
  const list = useInfiniteQuery({
    queryKey: ['volunteers', query],
    queryFn: ({ pageParam }) => get<Page>('/api/volunteers', { ...query, cursor: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const activeFilters = [search.skill, search.area, search.status, search.weekday].filter((v) => v !== undefined).length;

  async function restore(v: VolunteerListItem) {
    try {
      await post(`/api/volunteers/${v.id}/restore`);
      notify({ color: 'brand', message: t('volunteers.restored', { name: v.person.fullName }) });
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }

  const name = (v: VolunteerListItem) =>
    search.bin ? (
      <Text fw={600}>{v.person.fullName}</Text>
    ) : (
      <Link to="/volunteers/$volunteerId" params={{ volunteerId: v.id }} className="gotong-row-link">
        {v.person.fullName}
      </Link>
    );
  const status = (v: VolunteerListItem) => (
    <Badge color={STATUS_COLORS[v.status]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`volunteers.status.${v.status}`)}
    </Badge>
  );
  const availability = (v: VolunteerListItem) => (v.availability.length ? v.availability.map((s) => slotText(t, s)).join(', ') : '—');

  return (
    <>
      <PageHeader
        title={search.bin ? t('volunteers.binTitle') : t('volunteers.title')}
        actions={
          <>
            <ButtonLink to="/volunteers/hours" variant="default" data-testid="volunteer-hours-link">
              {t('volunteers.hoursNav')}
            </ButtonLink>
            {can('org.update') && (
              <Button variant="default" onClick={() => setSkillsOpen(true)} data-testid="edit-skills">
                {t('volunteers.skillsButton')}
              </Button>
            )}
            {can('volunteers.write') && !search.bin && (
              <ButtonLink to="/volunteers/new" leftSection={<IconPlus size={16} />}>
                {t('volunteers.add')}
              </ButtonLink>
            )}
          </>
        }
      />
      <Stack gap="sm" mb="sm">
        <TextInput
          label={t('volunteers.search')}
          description={t('volunteers.searchHelp')}
          leftSection={<IconSearch size={16} />}
          value={text}
          type="search"
          onChange={(e) => {
            setText(e.currentTarget.value);
            setQ(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: text.trim() || undefined });
          }}
        />
        <Group justify="space-between" gap="xs">
          <Button variant={filtersOpen ? 'light' : 'default'} size="xs" leftSection={<IconFilter size={14} />} onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="volunteer-filters">
            {t('volunteers.filters')}
            {activeFilters > 0 ? ` (${activeFilters})` : ''}
          </Button>
          {can('volunteers.delete') && <Switch label={t('volunteers.showBin')} checked={!!search.bin} onChange={(e) => set({ bin: e.currentTarget.checked || undefined })} />}
        </Group>
      </Stack>
      <Collapse expanded={filtersOpen} id="volunteer-filters">
        <Paper withBorder p="sm" mb="md" component="section" aria-label={t('volunteers.filters')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
              <NativeSelect
                label={t('volunteers.statusLabel')}
                value={search.status ?? ''}
                onChange={(e) => set({ status: (e.currentTarget.value || undefined) as VolunteersSearch['status'] })}
                data={[{ value: '', label: t('common.all') }, ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))]}
              />
              <NativeSelect label={t('volunteers.skill')} value={search.skill ?? ''} onChange={(e) => set({ skill: e.currentTarget.value || undefined })} data={[{ value: '', label: t('common.all') }, ...skills.options]} />
              <NativeSelect
                label={t('volunteers.freeOn')}
                value={search.weekday ? String(search.weekday) : ''}
                onChange={(e) => set({ weekday: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}
                data={[{ value: '', label: t('common.all') }, ...WEEKDAYS.map((d) => ({ value: String(d), label: t(`volunteers.weekday.${d}`) }))]}
              />
              <TextInput label={t('volunteers.freeAt')} type="time" disabled={!search.weekday} value={search.time ?? ''} onChange={(e) => set({ time: e.currentTarget.value || undefined })} />
            </SimpleGrid>
            <AreaCascade value={search.area ?? null} onChange={(code) => set({ area: code ?? undefined })} cols={{ base: 2, lg: 4 }} />
            {activeFilters > 0 && (
              <Group>
                <Button variant="subtle" size="xs" onClick={() => set({ skill: undefined, area: undefined, status: undefined, weekday: undefined, time: undefined })}>
                  {t('volunteers.clearFilters')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      </Collapse>

      <Text size="sm" c="dimmed" mb="xs" aria-live="polite" data-testid="volunteers-total">
        {total === undefined ? '\u00a0' : t('volunteers.total', { count: total, formatted: `${f.number(total)}${list.data?.pages[0]?.totalCapped ? '+' : ''}` })}
      </Text>
      {list.isLoading && <Skeleton h={200} />}
      {list.error && <Text c="red">{list.error.message}</Text>}
      {list.isSuccess && items.length === 0 && (
        <Paper withBorder p="lg">
          <Text c="dimmed">{search.bin ? t('volunteers.binEmpty') : activeFilters || search.q ? t('volunteers.noMatch') : t('volunteers.empty')}</Text>
        </Paper>
      )}
      {items.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="volunteers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteers.name')}</Table.Th>
                <Table.Th>{t('volunteers.statusLabel')}</Table.Th>
                <Table.Th>{t('volunteers.skills')}</Table.Th>
                <Table.Th>{t('volunteers.availability')}</Table.Th>
                <Table.Th>{t('volunteers.areas')}</Table.Th>
                <Table.Th>{t('volunteers.emergency')}</Table.Th>
                <Table.Th ta="right">{t('volunteers.hours')}</Table.Th>
                {search.bin && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{name(v)}</Table.Td>
                  <Table.Td>{status(v)}</Table.Td>
                  <Table.Td>
                    <SkillBadges v={v} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{availability(v)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.areas.map((a) => a.name).join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.emergencyName ?? '—'}</Text>
                    {v.emergencyPhoneMasked && (
                      <Text size="xs" c="dimmed" className="gotong-nowrap">
                        {v.emergencyPhoneMasked}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="gotong-nowrap">
                    {hoursText(t, i18n.language, v.hours)}
                  </Table.Td>
                  {search.bin && (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => void restore(v)}>
                        {t('common.restore')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && phone && (
        <Stack gap="xs" data-testid="volunteers-cards">
          {items.map((v) => (
            <Card key={v.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Box style={{ minWidth: 0 }}>
                  {name(v)}
                  {v.availability.length > 0 && (
                    <Text size="sm" c="dimmed">
                      {availability(v)}
                    </Text>
                  )}
                  {v.areas.length > 0 && <Text size="sm">{v.areas.map((a) => a.name).join(', ')}</Text>}
                  <Box mt={4}>
                    <SkillBadges v={v} />
                  </Box>
                </Box>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  {status(v)}
                  <Text size="sm" className="gotong-nowrap">
                    {hoursText(t, i18n.language, v.hours)}
                  </Text>
                  {search.bin && (
                    <Button size="xs" variant="light" onClick={() => void restore(v)}>
                      {t('common.restore')}
                    </Button>
                  )}
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore list={list} shown={items.length} total={total} />
      <SkillsDialog opened={skillsOpen} onClose={() => setSkillsOpen(false)} />
    </>
  );
}
