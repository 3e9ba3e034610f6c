import { Badge, Box, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { historyKey } from '../people/api.ts';

/** Registration and attendance changes, written into the activity's history (participation feature). */
const PARTICIPATION_ACTIONS = ['register', 'cancel_registration', 'restore_registration', 'move_up', 'confirm_registration', 'check_in', 'check_in_sheet', 'remove_attendance', 'create_registration_link', 'update_registration_link', 'rotate_registration_link'];

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  entityLabel?: string | null;
  via: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

const ACTION_COLORS: Record<string, string> = { create: 'brand', update: 'gray', delete: 'red', restore: 'brand', reveal: 'orange', merge: 'orange', unmerge: 'gray' };
/** Actions of other features, labelled in their own part of the translations. */
const ACTION_KEYS: Record<string, string> = { export: 'exports.audit.action', merge: 'duplicates.history.merge', unmerge: 'duplicates.history.unmerge', not_duplicate: 'duplicates.history.not_duplicate', reopen: 'duplicates.history.reopen', scan: 'duplicates.history.scan',
  ...Object.fromEntries(PARTICIPATION_ACTIONS.map((a) => [a, `participation.history.${a}`])),
};

export function fieldLabel(t: TFunction, key: string): string {
  return t(`fields.${key}`, { defaultValue: key });
}

/** Fields whose stored values are codes with a label in the UI. */
const ENUMS: Record<string, string> = { sex: 'sex', roles: 'personRole', relationship: 'relationship', role: 'memberRole' };
const WG = new Set(['seeing', 'hearing', 'walking', 'cognition', 'selfcare', 'communication']);

/** A stored value, readable: codes translated, lists joined, objects as "key: value", booleans as yes/no. */
export function showValue(t: TFunction, v: unknown, key?: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(t, x, key)).join(', ') : '—';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined);
    return entries.length ? entries.map(([k, x]) => `${fieldLabel(t, k)}: ${showValue(t, x, k)}`).join('; ') : '—';
  }
  if (key && ENUMS[key] && typeof v === 'string') return t(`${ENUMS[key]}.${v}`, { defaultValue: v });
  if (key && WG.has(key) && typeof v === 'number') return `${v} — ${t(`wg.answer${v}`, { defaultValue: '' })}`;
  return String(v);
}

/** How a record type shows its own fields (labels and coded values) where the shared ones do not fit. */
export type FieldDisplay = Record<string, { label: string; value?: (v: unknown) => string }>;

export function Changes({ before, after, fields = {} }: { before: unknown; after: unknown; fields?: FieldDisplay }) {
  const { t } = useTranslation();
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'id');
  if (!keys.length) return null;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.field')}</Table.Th>
            <Table.Th>{t('history.before')}</Table.Th>
            <Table.Th>{t('history.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{fields[k]?.label ?? fieldLabel(t, k)}</Table.Td>
              <Table.Td c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {b[k] != null && fields[k]?.value ? fields[k].value(b[k]) : showValue(t, b[k], k)}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{a[k] != null && fields[k]?.value ? fields[k].value(a[k]) : showValue(t, a[k], k)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function EntryHeader({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group gap="xs" wrap="wrap">
      <Badge color={ACTION_COLORS[e.action] ?? 'gray'} variant="light">
        {t(`history.action.${e.action}`, { defaultValue: ACTION_KEYS[e.action] ? t(ACTION_KEYS[e.action]) : e.action })}
      </Badge>
      <Text size="sm" fw={600}>
        {e.actorName ?? t('history.system')}
      </Text>
      <Text size="sm" c="dimmed">
        {f.dateTime(e.at)}
        {e.via !== 'session' ? ` · ${t(`history.via.${e.via}`, { defaultValue: e.via })}` : ''}
      </Text>
    </Group>
  );
}

/** Whom a registration or attendance entry concerns (the names it recorded). */
function participantText(e: AuditEntry): string {
  const x = { ...((e.before as Record<string, unknown>) ?? {}), ...((e.after as Record<string, unknown>) ?? {}) };
  return typeof x.person === 'string' ? x.person : Array.isArray(x.people) ? x.people.join(', ') : '';
}

/** A merge entry: which values came from the other record (merge fields are snake_case). */
function mergeText(t: TFunction, after: unknown): string {
  const took = ((after as { took?: string[] } | null)?.took ?? []).map((f) => fieldLabel(t, f.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())));
  return took.length ? t('duplicates.history.took', { fields: took.join(', ') }) : t('duplicates.history.tookNone');
}

export function History({ type, id, fields, titleKey = 'history.title' }: { type: 'person' | 'household' | 'program' | 'task' | 'activity' | 'volunteer' | 'activity_report' | 'donor_report'; id: string; fields?: FieldDisplay; titleKey?: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: historyKey(type, id), queryFn: () => get<{ items: AuditEntry[] }>(`/api/history/${type}/${id}`) });
  return (
    <Box component="section" aria-labelledby="history-title">
      <Title order={2} fz="lg" id="history-title" mb="sm">
        {t(titleKey)}
      </Title>
      {q.isLoading && <Skeleton h={80} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      <Stack gap="sm" data-testid="history">
        {q.data?.items.length === 0 && <Text c="dimmed">{t('history.empty')}</Text>}
        {q.data?.items.map((e) => (
          <Paper key={e.id} withBorder p="sm">
            <EntryHeader e={e} />
            {e.action === 'update' && (
              <Box mt={6}>
                <Changes before={e.before} after={e.after} fields={fields} />
              </Box>
            )}
            {e.action === 'reveal' && (
              <Text size="sm" mt={4}>
                {t('history.revealedNik')}
              </Text>
            )}
            {PARTICIPATION_ACTIONS.includes(e.action) && participantText(e) && (
              <Text size="sm" mt={4}>
                {participantText(e)}
              </Text>
            )}
            {e.action.startsWith('photo_') && (
              <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
                {((e.after ?? e.before) as { caption?: string } | null)?.caption}
              </Text>
            )}
            {e.action === 'merge' && (
              <Text size="sm" mt={4}>
                {mergeText(t, e.after)}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}
