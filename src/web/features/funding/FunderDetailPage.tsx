import { ActionIcon, Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_KINDS } from '../../../domain/funding.ts';
import { del, get, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { DonorGifts } from '../donations/DonorGifts.tsx';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { QueryState } from './QueryState.tsx';
import { GRANT_STATUS_COLORS, STAGE_COLORS, type FunderDetail, type GrantsPage, type Pipeline, useMoney } from './api.ts';
import { FunderModal, GrantModal, OpportunityModal } from './Forms.tsx';

export function FunderDetailPage() {
  const { t } = useTranslation();
  const { funderId } = useParams({ from: '/app/funding/funders/$funderId' });
  const q = useQuery({ queryKey: ['funder', funderId], queryFn: () => get<FunderDetail>(`/api/funders/${funderId}`) });
  return <QueryState q={q}>{(f) => <FunderView f={f} />}</QueryState>;
}

function FunderView({ f }: { f: FunderDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const fmt = useFormat();
  const money = useMoney();
  const writable = can('funding.write');
  const [dialog, setDialog] = useState<'edit' | 'contact' | 'interaction' | 'opportunity' | 'grant' | null>(null);
  const grants = useQuery({ queryKey: ['grants', 'funder', f.id], queryFn: () => get<GrantsPage>('/api/grants', { funderId: f.id, limit: 100 }) });
  const opps = useQuery({ queryKey: ['opportunities', 'funder', f.id], queryFn: () => get<Pipeline>('/api/opportunities', { funderId: f.id }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['funder', f.id] });

  const removeFunder = () =>
    deleteWithUndo(t, {
      title: t('funding.deleteFunder'),
      message: t('funding.deleteFunderConfirm', { name: f.name }),
      deleted: t('funding.deletedFunder'),
      restored: t('funding.restoredFunder'),
      remove: () => del(`/api/funders/${f.id}`),
      restore: async () => {
        await post(`/api/funders/${f.id}/restore`);
        await qc.invalidateQueries({ queryKey: ['funders'] });
      },
      after: async () => {
        await qc.invalidateQueries({ queryKey: ['funders'] });
        await navigate({ to: '/funding/funders' });
      },
    });
  const removeRow = (path: string, what: string) =>
    deleteWithUndo(t, {
      title: t('funding.deleteRow'),
      message: t('funding.deleteRowConfirm', { what }),
      deleted: t('funding.deletedRow'),
      restored: t('funding.restoredRow'),
      remove: () => del(path),
      restore: async () => {
        await post(`${path}/restore`);
        await refresh();
      },
      after: refresh,
    });

  return (
    <>
      <PageHeader
        title={f.name}
        actions={
          writable ? (
            <>
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
              <Button variant="default" color="red" onClick={removeFunder}>
                {t('common.delete')}
              </Button>
            </>
          ) : null
        }
      >
        <Group gap="xs">
          <AnchorLink to="/funding/funders" size="sm">
            ← {t('funding.fundersTitle')}
          </AnchorLink>
          <Badge variant="light" color="gray">
            {t(`funding.kind.${f.kind}`)}
          </Badge>
        </Group>
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('funding.details')}
          </Title>
          <Stack gap={4}>
            {f.person && (
              <Text size="sm">
                {t('funding.registryPerson')}:{' '}
                <AnchorLink to="/people/$personId" params={{ personId: f.person.id }}>
                  {f.person.name}
                </AnchorLink>
              </Text>
            )}
            {[['email', f.email], ['phone', f.phone], ['website', f.website], ['address', f.address], ['notes', f.notes]].map(([k, v]) =>
              v ? (
                <Text size="sm" key={k} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <Text span c="dimmed" size="sm">
                    {t(`funding.${k}`)}:
                  </Text>{' '}
                  {v}
                </Text>
              ) : null,
            )}
            {!f.person && !f.email && !f.phone && !f.website && !f.address && !f.notes && (
              <Text size="sm" c="dimmed">
                {t('funding.noDetails')}
              </Text>
            )}
          </Stack>
        </Card>
        <Card withBorder padding="md" data-testid="contacts">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('funding.contacts')}
            </Title>
            {writable && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog('contact')}>
                {t('funding.addContact')}
              </Button>
            )}
          </Group>
          {f.contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('funding.noContacts')}
            </Text>
          ) : (
            <Stack gap="xs">
              {f.contacts.map((c) => (
                <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {c.name}
                      {c.position ? ` · ${c.position}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {[c.email, c.phone].filter(Boolean).join(' · ')}
                    </Text>
                  </Stack>
                  {writable && (
                    <ActionIcon variant="subtle" color="red" aria-label={t('funding.removeNamed', { name: c.name })} onClick={() => removeRow(`/api/funder-contacts/${c.id}`, c.name)}>
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder padding="md" mt="md" data-testid="interactions">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('funding.interactions')}
          </Title>
          {writable && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog('interaction')}>
              {t('funding.addInteraction')}
            </Button>
          )}
        </Group>
        {f.interactions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('funding.noInteractions')}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2}>
            {f.interactions.map((i) => (
              <Timeline.Item
                key={i.id}
                title={
                  <Group gap={6} justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {fmt.date(i.date)} · {t(`funding.interactionKind.${i.kind}`)}
                    </Text>
                    {writable && (
                      <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('funding.removeNote')} onClick={() => removeRow(`/api/funder-interactions/${i.id}`, i.summary.slice(0, 60))}>
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                }
              >
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {i.summary}
                </Text>
                {i.nextStep && (
                  <Text size="sm" c="dimmed">
                    {t('funding.nextStep')}: {i.nextStep}
                  </Text>
                )}
                {i.by && (
                  <Text size="xs" c="dimmed">
                    {i.by.name}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="md">
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('funding.tabs.grants')}
            </Title>
            {writable && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog('grant')}>
                {t('funding.addGrant')}
              </Button>
            )}
          </Group>
          {grants.data?.items.length ? (
            <Stack gap="xs">
              {grants.data.items.map((g) => (
                <Group key={g.id} justify="space-between" wrap="wrap" gap={4}>
                  <Link to="/funding/grants/$grantId" params={{ grantId: g.id }} className="gotong-row-link">
                    {g.title}
                  </Link>
                  <Group gap={4}>
                    <Text size="sm">{money(g.amount, g.currency)}</Text>
                    <Badge size="sm" variant="light" color={GRANT_STATUS_COLORS[g.status]}>
                      {t(`funding.grantStatus.${g.status}`)}
                    </Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('funding.noGrants')}
            </Text>
          )}
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('funding.opportunities')}
            </Title>
            {writable && (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog('opportunity')}>
                {t('funding.addOpportunity')}
              </Button>
            )}
          </Group>
          {opps.data?.items.length ? (
            <Stack gap="xs">
              {opps.data.items.map((o) => (
                <Group key={o.id} justify="space-between" wrap="wrap" gap={4}>
                  <Link to="/funding" search={{ funder: f.id }} className="gotong-row-link">
                    {o.title}
                  </Link>
                  <Group gap={4}>
                    <Text size="sm">{money(o.amount, o.currency)}</Text>
                    <Badge size="sm" variant="light" color={STAGE_COLORS[o.stage]}>
                      {t(`funding.stage.${o.stage}`)}
                    </Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('funding.noOpportunities')}
            </Text>
          )}
        </Card>
      </SimpleGrid>

      {/* gifts (one-off or from pledges): an individual donor's are recorded on their registry person */}
      {can('donations.read') && (
        <Card withBorder padding="md" mt="md" data-testid="funder-gifts">
          <DonorGifts donor={f.person ? { type: 'person', id: f.person.id, name: f.person.name } : { type: 'funder', id: f.id, name: f.name }} alwaysShown />
        </Card>
      )}

      {dialog === 'edit' && <FunderModal funder={f} onClose={() => setDialog(null)} />}
      {dialog === 'contact' && <ContactModal funderId={f.id} onClose={() => setDialog(null)} />}
      {dialog === 'interaction' && <InteractionModal funderId={f.id} onClose={() => setDialog(null)} />}
      {dialog === 'opportunity' && <OpportunityModal funderId={f.id} onClose={() => setDialog(null)} />}
      {dialog === 'grant' && <GrantModal funderId={f.id} onClose={() => setDialog(null)} />}
    </>
  );
}

function ContactModal({ funderId, onClose }: { funderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ name: '', position: '', email: '', phone: '' });
  const set = (k: keyof typeof v, x: string) => setV((p) => ({ ...p, [k]: x }));
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/funders/${funderId}/contacts`, v);
    await qc.invalidateQueries({ queryKey: ['funder', funderId] });
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={t('funding.addContact')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="contact-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={Object.keys(v)} />
          <TextInput label={t('funding.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} />
          <TextInput label={t('funding.position')} value={v.position} onChange={(e) => set('position', e.currentTarget.value)} error={errors.field('position')} />
          <TextInput label={t('funding.email')} type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.field('email')} />
          <TextInput label={t('funding.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.field('phone')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

function InteractionModal({ funderId, onClose }: { funderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ date: new Date().toISOString().slice(0, 10), kind: 'meeting', summary: '', nextStep: '' });
  const set = (k: keyof typeof v, x: string) => setV((p) => ({ ...p, [k]: x }));
  const { errors, busy, submit } = useFormSubmit(async () => {
    await post(`/api/funders/${funderId}/interactions`, v);
    await qc.invalidateQueries({ queryKey: ['funder', funderId] });
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={t('funding.addInteraction')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="interaction-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={Object.keys(v)} />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('funding.date')} type="date" required value={v.date} onChange={(e) => set('date', e.currentTarget.value)} error={errors.field('date')} />
            <Select label={t('funding.interactionKindLabel')} allowDeselect={false} value={v.kind} onChange={(x) => set('kind', x ?? 'meeting')} data={INTERACTION_KINDS.map((k) => ({ value: k, label: t(`funding.interactionKind.${k}`) }))} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <Textarea label={t('funding.summary')} required autosize minRows={3} value={v.summary} onChange={(e) => set('summary', e.currentTarget.value)} error={errors.field('summary')} />
          <TextInput label={t('funding.nextStep')} value={v.nextStep} onChange={(e) => set('nextStep', e.currentTarget.value)} error={errors.field('nextStep')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
