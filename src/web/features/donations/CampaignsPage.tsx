import { Badge, Button, Card, Group, Modal, Progress, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES } from '../../../domain/donations.ts';
import { CURRENCY_RE, toMinor } from '../../../domain/money.ts';
import { ApiError, del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type Campaign, type CampaignsPage as Page, amountText, campaignsKey, useMoney } from './api.ts';

const STATUS_COLORS = { planned: 'blue', active: 'brand', closed: 'gray' } as const;

function CampaignDialog({ campaign, onClose, onSaved }: { campaign: Campaign | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    name: campaign?.name ?? '',
    description: campaign?.description ?? '',
    goal: campaign?.goalAmount != null ? amountText(campaign.goalAmount, campaign.currency) : '',
    currency: campaign?.currency ?? 'IDR',
    startDate: campaign?.startDate ?? '',
    endDate: campaign?.endDate ?? '',
    status: campaign?.status ?? 'active',
  });
  const [goalError, setGoalError] = useState<string | null>(null);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((p) => ({ ...p, [k]: value }));
  const { errors, busy, submit } = useFormSubmit(async () => {
    setGoalError(null);
    let goalAmount: number | null = null;
    if (v.goal.trim()) {
      try {
        if (!CURRENCY_RE.test(v.currency)) throw new Error();
        goalAmount = toMinor(v.goal.replace(/\s/g, '').replace(',', '.'), v.currency);
        if (goalAmount < 0) throw new Error();
      } catch {
        setGoalError(t('donations.amountInvalid'));
        throw new ApiError(400, 'validation_failed', t('donations.checkFields'));
      }
    }
    const body = { name: v.name, description: v.description, goalAmount, currency: v.currency, startDate: v.startDate || null, endDate: v.endDate || null, status: v.status };
    if (campaign) await patch(`/api/campaigns/${campaign.id}`, { ...body, version: campaign.version });
    else await post('/api/campaigns', body);
    onSaved();
  });
  return (
    <Modal opened onClose={onClose} title={campaign ? t('donations.editCampaign') : t('donations.addCampaign')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="campaign-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'description', 'goalAmount', 'currency', 'startDate', 'endDate', 'status']} />
          <TextInput label={t('donations.campaignName')} required maxLength={200} value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.field('name')} />
          <Textarea label={t('donations.description')} autosize minRows={2} maxLength={5000} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.field('description')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput style={{ gridColumn: 'span 2' }} label={t('donations.goal')} description={t('donations.amountHelp')} inputMode="decimal" value={v.goal} onChange={(e) => set('goal', e.currentTarget.value)} error={goalError ?? errors.field('goalAmount')} />
            <TextInput label={t('donations.currency')} maxLength={3} value={v.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} error={errors.field('currency')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput type="date" label={t('donations.startDate')} value={v.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.field('startDate')} />
            <TextInput type="date" label={t('donations.endDate')} value={v.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.field('endDate')} />
            <Select
              label={t('donations.status')}
              allowDeselect={false}
              value={v.status}
              onChange={(x) => set('status', (x ?? 'active') as Campaign['status'])}
              data={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`donations.campaignStatus.${s}`) }))}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Campaigns (appeals) as cards: what each raised against its goal. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const money = useMoney();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Campaign | null | 'new'>(null);
  const list = useQuery({ queryKey: [...campaignsKey, 'cards'], queryFn: () => get<Page>('/api/campaigns', { limit: 200 }) });
  const refresh = () => qc.invalidateQueries({ queryKey: campaignsKey });
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('donations.campaigns')}
        actions={
          <>
            <ButtonLink to="/donations" variant="default">
              {t('donations.title')}
            </ButtonLink>
            {can('donations.write') && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-campaign">
                {t('donations.addCampaign')}
              </Button>
            )}
          </>
        }
      />
      {list.isPending ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('donations.noCampaigns')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {items.map((c) => {
            const pct = c.goalAmount ? Math.min(100, Math.floor((c.raised * 100) / c.goalAmount)) : null;
            return (
              <Card key={c.id} withBorder padding="md" data-testid="campaign-card">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                    {c.name}
                  </Text>
                  <Badge color={STATUS_COLORS[c.status]} variant="light" style={{ flexShrink: 0 }}>
                    {t(`donations.campaignStatus.${c.status}`)}
                  </Badge>
                </Group>
                {(c.startDate || c.endDate) && (
                  <Text size="xs" c="dimmed">
                    {f.date(c.startDate)} – {f.date(c.endDate)}
                  </Text>
                )}
                {c.description && (
                  <Text size="sm" mt={4} lineClamp={3}>
                    {c.description}
                  </Text>
                )}
                <Text size="xl" fw={700} mt="sm" data-testid="campaign-raised">
                  {money(c.raised, c.currency)}
                </Text>
                {c.goalAmount != null ? (
                  <>
                    <Progress value={pct ?? 0} mt={4} aria-label={t('donations.progressLabel', { pct })} />
                    <Text size="xs" c="dimmed" mt={4}>
                      {t('donations.ofGoal', { pct, goal: money(c.goalAmount, c.currency) })}
                    </Text>
                  </>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('donations.noGoal')}
                  </Text>
                )}
                {c.raisedOther.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('donations.alsoRaised', { amounts: c.raisedOther.map((x) => money(x.amount, x.currency)).join(', ') })}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {t('donations.giftsDonors', { gifts: c.gifts, donors: c.donors })}
                </Text>
                <Group gap={6} mt="sm" justify="flex-end">
                  <ButtonLink to="/donations" search={{ campaign: c.id }} size="xs" variant="default">
                    {t('donations.seeGifts')}
                  </ButtonLink>
                  {can('donations.write') && (
                    <>
                      <Button size="xs" variant="default" onClick={() => setEditing(c)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          deleteWithUndo(t, {
                            title: t('donations.deleteCampaignTitle'),
                            message: t('donations.deleteCampaignMessage', { name: c.name }),
                            deleted: t('donations.campaignDeleted'),
                            restored: t('donations.campaignRestored'),
                            remove: () => del(`/api/campaigns/${c.id}`),
                            restore: () => post(`/api/campaigns/${c.id}/restore`).then(refresh),
                            after: refresh,
                          })
                        }
                      >
                        {t('common.delete')}
                      </Button>
                    </>
                  )}
                </Group>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
      {editing && (
        <CampaignDialog
          campaign={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            notify({ color: 'brand', message: t('donations.campaignSaved') });
            await refresh();
          }}
        />
      )}
    </>
  );
}
