import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type Stage } from '../../../domain/funding.ts';
import { del, get, patch, post } from '../../api.ts';
import type { PipelineSearch } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconChevronDown, IconPlus, IconSearch } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { useMemberOptions } from '../settings/MembersTab.tsx';
import { STAGE_COLORS, type Opportunity, type Pipeline, useFunderOptions, useMoney, useProgramOptions } from './api.ts';
import { FundingTabs, GrantModal, OpportunityModal } from './Forms.tsx';

export function PipelinePage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/funding' });
  const navigate = useNavigate({ from: '/funding' });
  const can = useCan();
  const qc = useQueryClient();
  const money = useMoney();
  const funders = useFunderOptions();
  const programs = useProgramOptions();
  const members = useMemberOptions();
  const [text, setText] = useState(search.q ?? '');
  useEffect(() => setText(search.q ?? ''), [search.q]);
  const set = (p: Partial<PipelineSearch>) => void navigate({ search: (prev) => ({ ...prev, ...p }), replace: true });
  const setQ = useDebouncedCallback((v: string) => set({ q: v.trim() || undefined }), 300);
  const query = { q: search.q, funderId: search.funder, ownerId: search.owner, programId: search.program };
  const board = useQuery({ queryKey: ['opportunities', 'board', query], queryFn: () => get<Pipeline>('/api/opportunities', query) });
  const [editing, setEditing] = useState<Opportunity | 'new' | null>(null);
  const [offer, setOffer] = useState<Opportunity | null>(null);
  const [grantFrom, setGrantFrom] = useState<Opportunity | null>(null);
  const [dragOver, setDragOver] = useState<Stage | null>(null);
  const writable = can('funding.write');

  async function move(o: Opportunity, stage: Stage) {
    if (o.stage === stage) return;
    try {
      const moved = await patch<Opportunity>(`/api/opportunities/${o.id}`, { stage, version: o.version });
      await qc.invalidateQueries({ queryKey: ['opportunities'] });
      notify({ color: 'brand', message: t('funding.moved', { title: o.title, stage: t(`funding.stage.${stage}`) }) });
      if (stage === 'awarded' && !moved.grantId) setOffer(moved);
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
      await qc.invalidateQueries({ queryKey: ['opportunities'] });
    }
  }
  function remove(o: Opportunity) {
    deleteWithUndo(t, {
      title: t('funding.deleteOpportunity'),
      message: t('funding.deleteOpportunityConfirm', { title: o.title }),
      deleted: t('funding.deletedOpportunity'),
      restored: t('funding.restoredOpportunity'),
      remove: () => del(`/api/opportunities/${o.id}`),
      restore: async () => {
        await post(`/api/opportunities/${o.id}/restore`);
        await qc.invalidateQueries({ queryKey: ['opportunities'] });
      },
      after: () => qc.invalidateQueries({ queryKey: ['opportunities'] }),
    });
  }

  const items = board.data?.items ?? [];
  const rows = board.data?.forecast.rows ?? [];
  return (
    <>
      <PageHeader
        title={t('funding.pipelineTitle')}
        actions={
          writable ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('funding.addOpportunity')}
            </Button>
          ) : null
        }
      />
      <FundingTabs current="pipeline" />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('funding.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('funding.search')}
            type="search"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
          />
          <Select label={t('funding.funder')} placeholder={t('common.all')} clearable searchable data={funders} value={search.funder ?? null} onChange={(v) => set({ funder: v ?? undefined })} />
          <Select label={t('funding.owner')} placeholder={t('common.all')} clearable searchable data={members} value={search.owner ?? null} onChange={(v) => set({ owner: v ?? undefined })} />
          <Select label={t('funding.program')} placeholder={t('common.all')} clearable searchable data={programs} value={search.program ?? null} onChange={(v) => set({ program: v ?? undefined })} />
        </SimpleGrid>
      </Paper>
      {board.data && board.data.forecast.open.length > 0 && (
        <Paper withBorder p="sm" mb="md" data-testid="forecast">
          <Text size="sm" fw={600}>
            {t('funding.forecastTitle')}
          </Text>
          {board.data.forecast.open.map((o) => (
            <Text size="sm" key={o.currency}>
              {t('funding.forecastLine', { weighted: money(o.weighted, o.currency), amount: money(o.amount, o.currency) })}
            </Text>
          ))}
        </Paper>
      )}
      {board.isPending ? (
        <Skeleton h={300} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" data-testid="board">
          {STAGES.map((stage) => {
            const cards = items.filter((o) => o.stage === stage);
            const totals = rows.filter((r) => r.stage === stage);
            return (
              <Paper
                key={stage}
                withBorder
                p="xs"
                bg={dragOver === stage ? 'var(--mantine-color-gray-1)' : 'var(--mantine-color-gray-0)'}
                component="section"
                aria-labelledby={`stage-${stage}`}
                data-testid={`stage-${stage}`}
                onDragOver={(e) => {
                  if (!writable) return;
                  e.preventDefault();
                  setDragOver(stage);
                }}
                onDragLeave={() => setDragOver(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  setDragOver(null);
                  const o = items.find((x) => x.id === e.dataTransfer.getData('text/plain'));
                  if (o) void move(o, stage);
                }}
              >
                <Group justify="space-between" mb={4} gap={4}>
                  <Title order={2} size="h5" id={`stage-${stage}`}>
                    {t(`funding.stage.${stage}`)}
                  </Title>
                  <Badge variant="light" color={STAGE_COLORS[stage]}>
                    {cards.length}
                  </Badge>
                </Group>
                {totals.map((r) => (
                  <Text key={r.currency} size="xs" c="dimmed">
                    {money(r.amount, r.currency)}
                    {stage !== 'awarded' && stage !== 'declined' ? ` · ${t('funding.weighted')} ${money(r.weighted, r.currency)}` : ''}
                  </Text>
                ))}
                <Stack gap="xs" mt="xs" mih={40}>
                  {cards.map((o) => (
                    <OpportunityCard key={o.id} o={o} writable={writable} onMove={move} onEdit={() => setEditing(o)} onDelete={() => remove(o)} onGrant={() => setGrantFrom(o)} />
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
      {board.data?.truncated && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('funding.truncated')}
        </Text>
      )}
      {editing && <OpportunityModal opportunity={editing === 'new' ? undefined : editing} funderId={search.funder} onClose={() => setEditing(null)} />}
      {offer && (
        <Modal opened onClose={() => setOffer(null)} title={t('funding.awardedTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
          <Text size="sm">{t('funding.awardedText', { title: offer.title })}</Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setOffer(null)}>
              {t('funding.later')}
            </Button>
            <Button
              onClick={() => {
                setGrantFrom(offer);
                setOffer(null);
              }}
            >
              {t('funding.createGrant')}
            </Button>
          </Group>
        </Modal>
      )}
      {grantFrom && <GrantModal from={grantFrom} onClose={() => setGrantFrom(null)} />}
    </>
  );
}

function OpportunityCard({ o, writable, onMove, onEdit, onDelete, onGrant }: { o: Opportunity; writable: boolean; onMove: (o: Opportunity, s: Stage) => void; onEdit: () => void; onDelete: () => void; onGrant: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = useMoney();
  return (
    <Card withBorder padding="xs" draggable={writable} onDragStart={(e) => e.dataTransfer.setData('text/plain', o.id)} data-testid="opportunity-card" style={{ cursor: writable ? 'grab' : undefined }}>
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {o.title}
          </Text>
          {writable && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" size="sm" aria-label={t('funding.cardMenu', { title: o.title })}>
                  <IconChevronDown size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('funding.moveTo')}</Menu.Label>
                {STAGES.filter((s) => s !== o.stage).map((s) => (
                  <Menu.Item key={s} onClick={() => onMove(o, s)}>
                    {t(`funding.stage.${s}`)}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={onEdit}>{t('common.edit')}</Menu.Item>
                <Menu.Item color="red" onClick={onDelete}>
                  {t('common.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <Link to="/funding/funders/$funderId" params={{ funderId: o.funder.id }} className="gotong-row-link" style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
          {o.funder.name}
        </Link>
        <Text size="xs">
          {money(o.amount, o.currency)} · {o.probability}%
        </Text>
        {o.deadline && (
          <Text size="xs" c="dimmed">
            {t('funding.deadline')}: {f.date(o.deadline)}
          </Text>
        )}
        {o.owner && (
          <Text size="xs" c="dimmed">
            {o.owner.name}
          </Text>
        )}
        {o.stage === 'awarded' &&
          (o.grantId ? (
            <Link to="/funding/grants/$grantId" params={{ grantId: o.grantId }} style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
              {t('funding.openGrant')}
            </Link>
          ) : (
            writable && (
              <Button size="compact-xs" variant="light" onClick={onGrant}>
                {t('funding.createGrant')}
              </Button>
            )
          ))}
      </Stack>
    </Card>
  );
}
