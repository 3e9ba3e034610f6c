import { Alert, Badge, Box, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { del, get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { PersonDuplicates } from '../duplicates/PersonDuplicates.tsx';
import { History } from '../history/History.tsx';
import { PersonActivities } from '../participation/PersonActivities.tsx';
import { type Person, householdKey, personKey } from './api.ts';
import { WG_DOMAINS, areaText } from './labels.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PersonVolunteer } from '../volunteers/PersonVolunteer.tsx';
import { DonorGifts } from '../donations/DonorGifts.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} fz="lg" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <div className="gotong-dl-box">
    <dl className="gotong-dl">
      {rows.map(([k, v]) => (
        <Box key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </Box>
      ))}
    </dl>
    </div>
  );
}

/** Deletes (to the bin) and offers Undo in a notification. */
export function useDeletePerson() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (p: Person, after?: () => void) =>
    deleteWithUndo(t, {
      title: t('person.deleteTitle'),
      message: t('person.deleteConfirm', { name: p.fullName }),
      deleted: t('person.deleted', { name: p.fullName }),
      restored: t('people.restored', { name: p.fullName }),
      remove: async () => {
        await del(`/api/people/${p.id}`);
        await qc.invalidateQueries({ queryKey: ['people'] });
        if (p.householdId) await qc.invalidateQueries({ queryKey: householdKey(p.householdId) });
      },
      restore: async () => {
        await post(`/api/people/${p.id}/restore`);
        await qc.invalidateQueries({ queryKey: ['people'] });
        await qc.invalidateQueries({ queryKey: personKey(p.id) });
        if (p.householdId) await qc.invalidateQueries({ queryKey: householdKey(p.householdId) });
      },
      after,
    });
}

function NikValue({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [nik, setNik] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!person.nikMasked) return <>—</>;
  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      setNik((await post<{ nik: string | null }>(`/api/people/${person.id}/reveal-nik`)).nik);
      void qc.invalidateQueries({ queryKey: ['history', 'person', person.id] });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Group gap="xs" wrap="wrap">
      <Text ff="monospace" data-testid="nik-value">
        {nik ?? person.nikMasked}
      </Text>
      {can('people.reveal_nik') &&
        (nik ? (
          <Button size="compact-xs" variant="subtle" onClick={() => setNik(null)}>
            {t('person.hideNik')}
          </Button>
        ) : (
          <Button size="compact-xs" variant="light" onClick={() => void reveal()} loading={busy} data-testid="reveal-nik">
            {t('person.revealNik')}
          </Button>
        ))}
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Group>
  );
}

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { personId } = useParams({ from: '/app/people/$personId' });
  const q = useQuery({ queryKey: personKey(personId), queryFn: () => get<Person>(`/api/people/${personId}`) });
  const can = useCan();
  const f = useFormat();
  const navigate = useNavigate();
  const deletePerson = useDeletePerson();

  if (q.isLoading) return <Skeleton h={300} />;
  if (q.error || !q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const p = q.data;
  const birth = p.birthDate ? f.date(p.birthDate) : p.birthYear ? t('person.aboutYear', { year: p.birthYear }) : null;
  const answered = WG_DOMAINS.filter((d) => p.disability?.[d]);

  return (
    <>
      <PageHeader
        title={p.fullName}
        actions={
          <>
            <PersonVolunteer personId={personId} />
            {can('people.write') && (
              <ButtonLink to="/people/$personId/edit" params={{ personId }} variant="default">
                {t('common.edit')}
              </ButtonLink>
            )}
            {can('people.delete') && (
              <Button color="red" variant="light" onClick={() => deletePerson(p, () => void navigate({ to: '/people' }))}>
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      >
        <Group gap={6}>
          {p.preferredName && <Text c="dimmed">“{p.preferredName}”</Text>}
          {p.roles.map((r) => (
            <Badge key={r} variant="light">
              {t(`personRole.${r}`)}
            </Badge>
          ))}
          {p.hasDisability && (
            <Badge color="orange" variant="light">
              {t('person.withDisability')}
            </Badge>
          )}
        </Group>
      </PageHeader>
      <PersonDuplicates personId={p.id} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Section title={t('person.identity')}>
              <Rows
                rows={[
                  [t('fields.sex'), p.sex ? t(`sex.${p.sex}`) : null],
                  [t('fields.birthDate'), birth],
                  [t('people.age'), p.age !== null ? t('people.years', { count: p.age }) : null],
                  [t('fields.nik'), <NikValue key="nik" person={p} />],
                  [t('fields.phone'), p.phone],
                  [t('fields.email'), p.email],
                ]}
              />
            </Section>
            <Section title={t('person.addressSection')}>
              <Rows
                rows={[
                  [t('fields.address'), p.address],
                  [t('fields.area'), areaText(p.area)],
                  [
                    t('fields.household'),
                    p.householdId && p.householdName ? (
                      <AnchorLink to="/households/$householdId" params={{ householdId: p.householdId }}>
                        {p.householdName}
                      </AnchorLink>
                    ) : null,
                  ],
                  [t('fields.relationship'), p.relationship ? t(`relationship.${p.relationship}`) : null],
                ]}
              />
            </Section>
            <Section title={t('wg.title')}>
              {answered.length === 0 ? (
                <Text c="dimmed">{t('wg.none')}</Text>
              ) : (
                <Rows rows={answered.map((d) => [t(`wg.short.${d}`), `${p.disability?.[d]} — ${t(`wg.answer${p.disability?.[d]}`)}`] as [string, ReactNode])} />
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Section title={t('person.programSection')}>
              <Rows
                rows={[
                  [t('fields.welfareDecile'), p.welfareDecile],
                  [t('fields.roles'), p.roles.map((r) => t(`personRole.${r}`)).join(', ')],
                  [t('fields.tags'), p.tags.join(', ')],
                ]}
              />
            </Section>
            <Section title={t('fields.consent')}>
              <Rows
                rows={[
                  [t('person.consentGiven'), p.consent.given ? t('common.yes') : t('common.no')],
                  [t('fields.consentDate'), p.consent.date ? f.date(p.consent.date) : null],
                  [t('fields.consentPurpose'), p.consent.purpose],
                  [t('person.recordedBy'), p.consent.recordedBy],
                ]}
              />
            </Section>
            <Section title={t('fields.notes')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{p.notes || '—'}</Text>
            </Section>
            <Text size="xs" c="dimmed">
              {t('person.createdUpdated', { created: f.dateTime(p.createdAt), updated: f.dateTime(p.updatedAt) })}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <PersonActivities personId={p.id} />
        </Grid.Col>
        <Grid.Col span={12}>
          <DonorGifts donor={{ type: 'person', id: p.id, name: p.fullName }} alwaysShown={p.roles.includes('donor')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <History type="person" id={p.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
