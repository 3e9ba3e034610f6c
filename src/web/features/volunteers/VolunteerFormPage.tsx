import { ActionIcon, Badge, Button, CloseButton, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_STATUSES } from '../../../domain/volunteers.ts';
import { get, patch, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { notify } from '../../ui/notify.ts';
import type { Person } from '../people/api.ts';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { areaText } from '../people/labels.ts';
import { type Volunteer, WEEKDAYS, useSkills, volunteerKey } from './api.ts';

type SlotRow = { weekday: number; from: string; to: string };
type Values = {
  personId: string | null;
  status: string;
  skills: string[];
  tags: string[];
  languages: string[];
  availability: SlotRow[];
  areas: { code: string; label: string }[];
  emergencyName: string;
  emergencyPhone: string;
  notes: string;
};

const fromVolunteer = (v: Volunteer): Values => ({
  personId: v.person.id,
  status: v.status,
  skills: v.skills,
  tags: v.tags,
  languages: v.languages,
  availability: v.availability,
  areas: v.areas.map((a) => ({ code: a.code, label: areaText(a.path) })),
  emergencyName: v.emergencyName ?? '',
  emergencyPhone: v.emergencyPhone ?? '',
  notes: v.notes ?? '',
});

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} fz="md" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function VolunteerForm({ initial, volunteer, person }: { initial: Values; volunteer?: Volunteer; person?: Person }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const skills = useSkills();
  const [v, setV] = useState<Values>(initial);
  const [areaPick, setAreaPick] = useState<string | null>(null);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((x) => ({ ...x, [k]: value }));
  const setSlot = (i: number, patch: Partial<SlotRow>) => set('availability', v.availability.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const { errors, busy, submit } = useFormSubmit(async () => {
    const body = {
      status: v.status,
      skills: v.skills,
      tags: v.tags,
      languages: v.languages,
      availability: v.availability,
      areaCodes: v.areas.map((a) => a.code),
      emergencyName: v.emergencyName.trim() || null,
      emergencyPhone: v.emergencyPhone.trim() || null,
      notes: v.notes.trim() || null,
    };
    const saved = volunteer ? await patch<Volunteer>(`/api/volunteers/${volunteer.id}`, { ...body, version: volunteer.version }) : await post<Volunteer>('/api/volunteers', { ...body, personId: v.personId });
    qc.setQueryData(volunteerKey(saved.id), saved);
    await qc.invalidateQueries({ queryKey: ['volunteers'] });
    await qc.invalidateQueries({ queryKey: ['person-volunteer'] });
    notify({ color: 'brand', message: volunteer ? t('volunteers.saved') : t('volunteers.created', { name: saved.person.fullName }) });
    await navigate({ to: '/volunteers/$volunteerId', params: { volunteerId: saved.id } });
  });
  const cancel = () => void (volunteer ? navigate({ to: '/volunteers/$volunteerId', params: { volunteerId: volunteer.id } }) : navigate({ to: '/volunteers' }));
  const addArea = async () => {
    if (!areaPick || v.areas.some((a) => a.code === areaPick)) return;
    const path = await Promise.all(
      areaPick.split('.').map((_, i, parts) => {
        const code = parts.slice(0, i + 1).join('.');
        const parent = i === 0 ? undefined : parts.slice(0, i).join('.');
        return qc
          .fetchQuery({ queryKey: ['areas', parent ?? ''], queryFn: () => get<{ items: { code: string; name: string }[] }>('/api/areas', { parent }).then((r) => r.items), staleTime: Number.POSITIVE_INFINITY })
          .then((items) => items.find((a) => a.code === code)?.name ?? code);
      }),
    );
    set('areas', [...v.areas, { code: areaPick, label: path.reverse().join(', ') }]);
    setAreaPick(null);
  };
  const shown = ['personId', 'status', 'emergencyName', 'emergencyPhone', 'notes', ...v.skills.map((_, i) => `skills.${i}`), ...v.areas.map((_, i) => `areaCodes.${i}`), ...v.availability.flatMap((_, i) => [`availability.${i}.from`, `availability.${i}.to`, `availability.${i}`])];
  return (
    <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="volunteer-form">
      <Stack gap="md">
        <ErrorAlert error={errors.error} shown={shown} />
        <Section title={t('volunteers.profile')}>
          <Group justify="space-between" gap="xs">
            <Text fw={600} data-testid="volunteer-person">
              {volunteer?.person.fullName ?? person?.fullName}
            </Text>
            {!volunteer && (
              <ButtonLink to="/volunteers/new" search={{}} variant="subtle" size="xs">
                {t('volunteers.changePerson')}
              </ButtonLink>
            )}
          </Group>
          {errors.field('personId') && (
            <Text size="sm" c="red.7">
              {errors.field('personId')}
            </Text>
          )}
          <NativeSelect label={t('volunteers.statusLabel')} value={v.status} onChange={(e) => set('status', e.currentTarget.value)} data={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))} error={errors.field('status')} />
          <MultiSelect
            label={t('volunteers.skills')}
            description={skills.options.length ? undefined : t('volunteers.noSkillsYet')}
            data={[...skills.options, ...v.skills.filter((s) => !skills.options.some((o) => o.value === s)).map((s) => ({ value: s, label: s }))]}
            value={v.skills}
            onChange={(x) => set('skills', x)}
            searchable
            error={v.skills.map((_, i) => errors.field(`skills.${i}`)).find(Boolean)}
            data-testid="volunteer-skills"
          />
          <TagsInput label={t('volunteers.tags')} description={t('volunteers.tagsHelp')} value={v.tags} onChange={(x) => set('tags', x)} maxTags={30} />
          <TagsInput label={t('volunteers.languages')} description={t('volunteers.languagesHelp')} value={v.languages} onChange={(x) => set('languages', x)} maxTags={20} data={['Bahasa Indonesia', 'English', 'Jawa', 'Sunda', 'Madura', 'Minang', 'Bugis', 'Batak', 'Bali']} />
        </Section>
        <Section title={t('volunteers.availability')}>
          <Text size="sm" c="dimmed">
            {t('volunteers.availabilityHelp')}
          </Text>
          {v.availability.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list being edited
            <Group key={i} gap="xs" align="flex-end" wrap="wrap" data-testid="slot">
              <NativeSelect
                label={t('volunteers.weekdayLabel')}
                value={String(s.weekday)}
                onChange={(e) => setSlot(i, { weekday: Number(e.currentTarget.value) })}
                data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`volunteers.weekday.${d}`) }))}
                style={{ flex: '1 1 140px' }}
              />
              <Group gap="xs" align="flex-end" wrap="nowrap" style={{ flex: '1 1 220px', minWidth: 0 }}>
                <TextInput label={t('volunteers.from')} type="time" value={s.from} onChange={(e) => setSlot(i, { from: e.currentTarget.value })} error={errors.field(`availability.${i}.from`)} style={{ flex: 1, minWidth: 0 }} />
                <TextInput label={t('volunteers.to')} type="time" value={s.to === '24:00' ? '23:59' : s.to} onChange={(e) => setSlot(i, { to: e.currentTarget.value })} error={errors.field(`availability.${i}.to`) ?? errors.field(`availability.${i}`)} style={{ flex: 1, minWidth: 0 }} />
                <CloseButton aria-label={t('volunteers.removeSlot')} onClick={() => set('availability', v.availability.filter((_, k) => k !== i))} mb={6} />
              </Group>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set('availability', [...v.availability, { weekday: 6, from: '08:00', to: '12:00' }])} data-testid="add-slot">
              {t('volunteers.addSlot')}
            </Button>
          </Group>
        </Section>
        <Section title={t('volunteers.areas')}>
          <Text size="sm" c="dimmed">
            {t('volunteers.areasHelp')}
          </Text>
          {v.areas.length > 0 && (
            <Group gap={6}>
              {v.areas.map((a, i) => (
                <Badge
                  key={a.code}
                  variant="light"
                  tt="none"
                  color={errors.field(`areaCodes.${i}`) ? 'red' : undefined}
                  rightSection={
                    <ActionIcon size="xs" variant="transparent" aria-label={t('volunteers.removeArea', { name: a.label })} onClick={() => set('areas', v.areas.filter((x) => x.code !== a.code))}>
                      ×
                    </ActionIcon>
                  }
                >
                  {a.label}
                </Badge>
              ))}
            </Group>
          )}
          <AreaCascade value={areaPick} onChange={setAreaPick} cols={{ base: 1, sm: 2, lg: 4 }} />
          <Group>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} disabled={!areaPick} onClick={() => void addArea()} data-testid="add-area">
              {t('volunteers.addArea')}
            </Button>
          </Group>
        </Section>
        <Section title={t('volunteers.emergency')}>
          <Text size="sm" c="dimmed">
            {t('volunteers.emergencyHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('volunteers.emergencyName')} value={v.emergencyName} onChange={(e) => set('emergencyName', e.currentTarget.value)} error={errors.field('emergencyName')} maxLength={200} />
            <TextInput label={t('volunteers.emergencyPhone')} type="tel" value={v.emergencyPhone} onChange={(e) => set('emergencyPhone', e.currentTarget.value)} error={errors.field('emergencyPhone')} maxLength={40} />
          </SimpleGrid>
          <Textarea label={t('volunteers.notes')} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={2} maxLength={5000} error={errors.field('notes')} />
        </Section>
        <FormActions onCancel={cancel} busy={busy} submitLabel={volunteer ? t('common.save') : t('volunteers.create')} />
      </Stack>
    </form>
  );
}

const EMPTY: Values = { personId: null, status: 'active', skills: [], tags: [], languages: [], availability: [], areas: [], emergencyName: '', emergencyPhone: '', notes: '' };

export function VolunteerNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { personId } = useSearch({ from: '/app/volunteers/new' });
  const person = useQuery({ queryKey: ['person', personId], queryFn: () => get<Person>(`/api/people/${personId}`), enabled: !!personId });
  return (
    <>
      <PageHeader title={t('volunteers.newTitle')} />
      {!personId ? (
        <Paper withBorder p="md" component="section" aria-label={t('volunteers.person')}>
          <Title order={2} fz="md" mb={4}>
            {t('volunteers.person')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('volunteers.personHelp')}
          </Text>
          <PersonPicker actionLabel={t('volunteers.choose')} addLabel={t('volunteers.addAndChoose')} onPick={(p) => navigate({ to: '/volunteers/new', search: { personId: p.id } })} />
        </Paper>
      ) : person.isLoading ? (
        <Skeleton h={300} />
      ) : person.data ? (
        <VolunteerForm key={person.data.id} initial={{ ...EMPTY, personId: person.data.id }} person={person.data} />
      ) : (
        <Text c="red">{person.error?.message}</Text>
      )}
    </>
  );
}

export function VolunteerEditPage() {
  const { t } = useTranslation();
  const { volunteerId } = useParams({ from: '/app/volunteers/$volunteerId/edit' });
  const q = useQuery({ queryKey: volunteerKey(volunteerId), queryFn: () => get<Volunteer>(`/api/volunteers/${volunteerId}`) });
  return (
    <>
      <PageHeader title={q.data ? t('volunteers.editTitle', { name: q.data.person.fullName }) : t('volunteers.title')} />
      {q.isLoading && <Skeleton h={300} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {q.data && <VolunteerForm key={q.data.version} initial={fromVolunteer(q.data)} volunteer={q.data} />}
    </>
  );
}
