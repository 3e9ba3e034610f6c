import { Skeleton, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../../api.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type HouseholdDetail, type Person, householdKey, personKey } from './api.ts';
import { PersonForm, initialValues, toPayload } from './PersonForm.tsx';
import { notify } from '../../ui/notify.ts';

export function PersonNewPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/people/new' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const household = useQuery({ queryKey: householdKey(search.householdId ?? ''), queryFn: () => get<HouseholdDetail>(`/api/households/${search.householdId}`), enabled: !!search.householdId });
  if (search.householdId && household.isLoading) return <Skeleton h={300} />;
  const initial = initialValues(null, { householdId: household.data?.id, householdName: household.data?.name, relationship: search.relationship });

  return (
    <>
      <PageHeader title={household.data ? t('person.newInHousehold', { household: household.data.name }) : t('person.newTitle')} />
      <PersonForm
        initial={initial}
        submitLabel={t('common.save')}
        onCancel={() => (household.data ? void navigate({ to: '/households/$householdId', params: { householdId: household.data.id } }) : void navigate({ to: '/people' }))}
        onSubmit={async (payload, confirmNikMismatch) => {
          const created = await post<Person>('/api/people', { ...payload, ...(confirmNikMismatch ? { confirmNikMismatch: true } : {}) });
          await qc.invalidateQueries({ queryKey: ['people'] });
          // saving may have put the person in the duplicate review
          void qc.invalidateQueries({ queryKey: ['duplicates'] });
          await qc.invalidateQueries({ queryKey: ['households'] });
          notify({ color: 'brand', message: t('person.created', { name: created.fullName }) });
          if (created.householdId && search.householdId) {
            await qc.invalidateQueries({ queryKey: householdKey(created.householdId) });
            await navigate({ to: '/households/$householdId', params: { householdId: created.householdId } });
          } else await navigate({ to: '/people/$personId', params: { personId: created.id } });
        }}
      />
    </>
  );
}

/** Keys sent together: changing one of a group sends the whole group. */
const GROUPS = [['birthDate', 'birthYear'], ['householdId', 'relationship']];

export function PersonEditPage() {
  const { t } = useTranslation();
  const { personId } = useParams({ from: '/app/people/$personId/edit' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: personKey(personId), queryFn: () => get<Person>(`/api/people/${personId}`) });
  if (q.isLoading) return <Skeleton h={300} />;
  if (q.error || !q.data) return <Text c="red">{q.error?.message}</Text>;
  const person = q.data;
  const initial = initialValues(person);
  const before = toPayload(initial) as Record<string, unknown>;

  return (
    <>
      <PageHeader title={t('person.editTitle', { name: person.fullName })} />
      <PersonForm
        key={`${person.id}:${person.version}`}
        initial={initial}
        person={person}
        onReload={() => void q.refetch()}
        submitLabel={t('common.save')}
        onCancel={() => void navigate({ to: '/people/$personId', params: { personId } })}
        onSubmit={async (payload, confirmNikMismatch) => {
          const after = payload as Record<string, unknown>;
          const changed: Record<string, unknown> = {};
          for (const k of Object.keys(after)) if (JSON.stringify(after[k]) !== JSON.stringify(before[k])) changed[k] = after[k];
          for (const g of GROUPS) if (g.some((k) => k in changed)) for (const k of g) changed[k] = after[k];
          if (Object.keys(changed).length) {
            const saved = await patch<Person>(`/api/people/${personId}`, { ...changed, version: person.version, ...(confirmNikMismatch ? { confirmNikMismatch: true } : {}) });
            qc.setQueryData(personKey(personId), saved);
            await qc.invalidateQueries({ queryKey: ['people'] });
            await qc.invalidateQueries({ queryKey: ['history', 'person', personId] });
            void qc.invalidateQueries({ queryKey: ['duplicates'] });
            if (person.householdId) await qc.invalidateQueries({ queryKey: householdKey(person.householdId) });
            notify({ color: 'brand', message: t('person.saved') });
          }
          await navigate({ to: '/people/$personId', params: { personId } });
        }}
      />
    </>
  );
}
