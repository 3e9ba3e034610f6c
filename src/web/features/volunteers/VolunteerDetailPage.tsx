import { Alert, Anchor, Badge, Button, FileButton, Grid, Group, NativeSelect, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../domain/volunteers.ts';
import { del, get, post, upload } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus, IconUpload } from '../../ui/icons.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { History } from '../history/History.tsx';
import { areaText } from '../people/labels.ts';
import { CopyField } from '../settings/CopyField.tsx';
import { AddHoursDialog, HoursTable } from './HoursParts.tsx';
import { type HoursPage, STATUS_COLORS, type Volunteer, type VolunteerLink, hoursText, shiftText, slotText, useSkills, volunteerKey } from './api.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, sm: 6 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Grid.Col>
  );
}

function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="md">
          {title}
        </Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}

/** The personal link: made here and shown once (only its hash is kept), or turned off. */
function PersonalLink({ v }: { v: Volunteer }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const can = useCan();
  const [link, setLink] = useState<VolunteerLink | null>(null);
  const make = async () => {
    try {
      setLink(await post<VolunteerLink>(`/api/volunteers/${v.id}/link`));
      await qc.invalidateQueries({ queryKey: volunteerKey(v.id) });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  };
  const ask = () =>
    v.linkCreatedAt
      ? modals.openConfirmModal({
          title: t('volunteers.linkNewTitle'),
          children: <Text size="sm">{t('volunteers.linkNewConfirm')}</Text>,
          labels: { confirm: t('volunteers.linkMake'), cancel: t('common.cancel') },
          closeButtonProps: { 'aria-label': t('common.close') },
          onConfirm: () => void make(),
        })
      : void make();
  const off = () =>
    modals.openConfirmModal({
      title: t('volunteers.linkOffTitle'),
      children: <Text size="sm">{t('volunteers.linkOffConfirm')}</Text>,
      labels: { confirm: t('volunteers.linkOff'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('common.close') },
      onConfirm: async () => {
        try {
          await del(`/api/volunteers/${v.id}/link`);
          setLink(null);
          await qc.invalidateQueries({ queryKey: volunteerKey(v.id) });
          notify({ color: 'brand', message: t('volunteers.linkOffDone') });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });
  return (
    <Section
      title={t('volunteers.link')}
      testId="volunteer-link"
      actions={
        can('volunteers.write') && (
          <>
            <Button size="xs" variant={v.linkCreatedAt ? 'default' : 'filled'} onClick={ask} data-testid="make-link">
              {v.linkCreatedAt ? t('volunteers.linkNew') : t('volunteers.linkMake')}
            </Button>
            {v.linkCreatedAt && (
              <Button size="xs" variant="subtle" color="red" onClick={off}>
                {t('volunteers.linkOff')}
              </Button>
            )}
          </>
        )
      }
    >
      <Text size="sm" c="dimmed" mb="xs">
        {t('volunteers.linkHelp')}
      </Text>
      {link ? (
        <Stack gap={4}>
          <CopyField label={t('volunteers.linkLabel')} value={link.url} testId="link-url" />
          <Text size="xs" c="orange.9">
            {t('volunteers.linkOnce')}
          </Text>
        </Stack>
      ) : (
        <Text size="sm">{v.linkCreatedAt ? t('volunteers.linkSince', { date: f.dateTime(v.linkCreatedAt) }) : t('volunteers.linkNone')}</Text>
      )}
    </Section>
  );
}

function Documents({ v }: { v: Volunteer }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const can = useCan();
  const [kind, setKind] = useState<string>('code_of_conduct');
  const [busy, setBusy] = useState(false);
  async function send(file: File | null) {
    if (!file) return;
    setBusy(true);
    try {
      await upload(`/api/volunteers/${v.id}/documents`, file, { kind });
      await qc.invalidateQueries({ queryKey: volunteerKey(v.id) });
      notify({ color: 'brand', message: t('volunteers.docAdded', { name: file.name }) });
    } catch (e) {
      notify({ color: 'red', title: file.name, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }
  const remove = (d: Volunteer['documents'][number]) =>
    modals.openConfirmModal({
      title: t('volunteers.docDeleteTitle'),
      children: <Text size="sm">{t('volunteers.docDeleteConfirm', { name: d.fileName })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('common.close') },
      onConfirm: async () => {
        try {
          await del(`/api/volunteer-documents/${d.id}`);
          await qc.invalidateQueries({ queryKey: volunteerKey(v.id) });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });
  return (
    <Section title={t('volunteers.documents')} testId="volunteer-documents">
      {v.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('volunteers.noDocuments')}
        </Text>
      ) : (
        <Stack gap={6} mb="sm">
          {v.documents.map((d) => (
            <Group key={d.id} justify="space-between" gap="xs" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                {/* an ID card shows the NIK: only those who may see NIKs can open it (the server says the same) */}
                {d.kind === 'id_card' && !can('people.reveal_nik') ? (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {d.fileName}{' '}
                    <Text span size="xs" c="dimmed">
                      ({t('volunteers.docIdCardLocked')})
                    </Text>
                  </Text>
                ) : (
                  <Anchor href={`/api/volunteer-documents/${d.id}`} target="_blank" rel="noopener" size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {d.fileName}
                  </Anchor>
                )}
                <Text size="xs" c="dimmed">
                  {t(`volunteers.docKind.${d.kind}`)} · {f.dateTime(d.createdAt)} · {Math.max(1, Math.round(d.size / 1024))} KB
                </Text>
              </div>
              {can('volunteers.write') && (
                <Button size="xs" variant="subtle" color="red" onClick={() => remove(d)} aria-label={t('volunteers.docDelete', { name: d.fileName })}>
                  {t('common.delete')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {can('volunteers.write') && (
        <Group gap="xs" align="flex-end" mt="sm">
          <NativeSelect label={t('volunteers.docKindLabel')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`volunteers.docKind.${k}`) }))} />
          <FileButton onChange={(file) => void send(file)} accept="application/pdf,image/jpeg,image/png,image/webp">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy} data-testid="upload-document">
                {t('volunteers.docUpload')}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {t('volunteers.docHelp')}
      </Text>
    </Section>
  );
}

export function VolunteerDetailPage() {
  const { t, i18n } = useTranslation();
  const { volunteerId } = useParams({ from: '/app/volunteers/$volunteerId' });
  const q = useQuery({ queryKey: volunteerKey(volunteerId), queryFn: () => get<Volunteer>(`/api/volunteers/${volunteerId}`) });
  const hours = useQuery({ queryKey: ['volunteer-hours', 'of', volunteerId], queryFn: () => get<HoursPage>('/api/volunteer-hours', { volunteerId, limit: 50 }) });
  const can = useCan();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const skills = useSkills();
  const [adding, setAdding] = useState(false);
  if (q.isLoading) return <Skeleton h={300} />;
  if (!q.data) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {q.error?.message}
      </Alert>
    );
  }
  const v = q.data;
  const today = f.today();
  const remove = () =>
    deleteWithUndo(t, {
      title: t('volunteers.deleteTitle'),
      message: t('volunteers.deleteConfirm', { name: v.person.fullName }),
      deleted: t('volunteers.deleted', { name: v.person.fullName }),
      restored: t('volunteers.restored', { name: v.person.fullName }),
      remove: () => del(`/api/volunteers/${v.id}`),
      restore: async () => {
        await post(`/api/volunteers/${v.id}/restore`);
        await qc.invalidateQueries({ queryKey: ['volunteers'] });
        await navigate({ to: '/volunteers/$volunteerId', params: { volunteerId: v.id } });
      },
      after: async () => {
        await qc.invalidateQueries({ queryKey: ['volunteers'] });
        qc.removeQueries({ queryKey: volunteerKey(v.id) });
        await navigate({ to: '/volunteers' });
      },
    });
  return (
    <>
      <PageHeader
        title={v.person.fullName}
        actions={
          <>
            {can('volunteers.write') && (
              <ButtonLink to="/volunteers/$volunteerId/edit" params={{ volunteerId: v.id }} variant="default">
                {t('common.edit')}
              </ButtonLink>
            )}
            {can('volunteers.delete') && (
              <Button variant="subtle" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      >
        <Group gap={6}>
          <Badge color={STATUS_COLORS[v.status]} variant="light" data-testid="volunteer-status">
            {t(`volunteers.status.${v.status}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('volunteers.hoursGiven', { hours: hoursText(t, i18n.language, v.hours) })}
          </Text>
        </Group>
      </PageHeader>
      <Stack gap="md">
        <Section title={t('volunteers.profile')}>
          <Grid gap="sm">
            <Row label={t('volunteers.registryPerson')}>
              <AnchorLink to="/people/$personId" params={{ personId: v.person.id }}>
                {v.person.fullName}
              </AnchorLink>
            </Row>
            <Row label={t('volunteers.contact')}>{[v.person.phone, v.person.email].filter(Boolean).join(' · ') || '—'}</Row>
            <Row label={t('volunteers.skills')}>{[...v.skills.map(skills.label), ...v.tags].join(', ') || '—'}</Row>
            <Row label={t('volunteers.languages')}>{v.languages.join(', ') || '—'}</Row>
            <Row label={t('volunteers.availability')}>{v.availability.length ? v.availability.map((s) => slotText(t, s)).join(', ') : t('volunteers.availabilityNone')}</Row>
            <Row label={t('volunteers.areas')}>{v.areas.length ? v.areas.map((a) => areaText(a.path)).join('; ') : '—'}</Row>
            <Row label={t('volunteers.emergency')}>{v.emergencyName || v.emergencyPhone ? [v.emergencyName, v.emergencyPhone].filter(Boolean).join(' · ') : '—'}</Row>
            {v.notes && <Row label={t('volunteers.notes')}>{v.notes}</Row>}
          </Grid>
        </Section>
        <Section title={t('volunteers.upcomingShifts')} testId="volunteer-shifts">
          {v.upcomingShifts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('volunteers.noShifts')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="xs">
                <Table.Tbody>
                  {v.upcomingShifts.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td className="gotong-nowrap">{shiftText(s, f.date)}</Table.Td>
                      <Table.Td>
                        <AnchorLink to="/activities/$activityId" params={{ activityId: s.activity.id }} search={{ tab: 'volunteers' }} size="sm">
                          {s.activity.title}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{s.roleName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
        <Section
          title={t('volunteers.hoursTitle')}
          testId="volunteer-hours"
          actions={
            can('volunteers.write') && (
              <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="add-hours">
                {t('volunteers.addHours')}
              </Button>
            )
          }
        >
          {hours.data ? <HoursTable items={hours.data.items} review={can('volunteers.write')} showVolunteer={false} /> : <Skeleton h={80} />}
        </Section>
        <Documents v={v} />
        <PersonalLink v={v} />
        <History type="volunteer" id={v.id} />
      </Stack>
      <AddHoursDialog volunteerId={v.id} opened={adding} onClose={() => setAdding(false)} today={today} />
    </>
  );
}
