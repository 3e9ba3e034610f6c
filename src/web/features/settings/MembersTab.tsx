import { Badge, Button, Card, Group, NativeSelect, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES, type MemberRole } from '../../../domain/roles.ts';
import { del, get, patch } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';

export type Member = { userId: string; name: string; email: string; role: MemberRole; version: number; joinedAt: string };
export const membersQuery = { queryKey: ['members'], queryFn: () => get<{ items: Member[] }>('/api/members').then((r) => r.items) };
/** The organisation's members as choices for a manager, owner or responsible person. */
export function useMemberOptions() {
  return (useQuery(membersQuery).data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }));
}

export function MembersTab() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const f = useFormat();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const q = useQuery(membersQuery);
  const manage = can('members.manage');
  const isOwner = me?.organization?.role === 'owner';
  const editable = (m: Member) => manage && m.userId !== me?.user.id && (isOwner || m.role !== 'owner');
  const roleChoices = MEMBER_ROLES.filter((r) => isOwner || r !== 'owner').map((r) => ({ value: r, label: t(`memberRole.${r}`) }));

  function changeRole(m: Member, role: MemberRole) {
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('settings.members.changeRoleTitle'),
      children: <Text size="sm">{t('settings.members.changeRoleConfirm', { name: m.name, role: t(`memberRole.${role}`) })}</Text>,
      labels: { confirm: t('common.confirm'), cancel: t('common.cancel') },
      onConfirm: async () => {
        try {
          await patch(`/api/members/${m.userId}`, { role, version: m.version });
          notify({ color: 'brand', message: t('settings.members.roleChanged', { name: m.name }) });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
        await qc.invalidateQueries({ queryKey: ['members'] });
      },
    });
  }
  function remove(m: Member) {
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('settings.members.removeTitle'),
      children: <Text size="sm">{t('settings.members.removeConfirm', { name: m.name })}</Text>,
      labels: { confirm: t('settings.members.remove'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await del(`/api/members/${m.userId}`);
          notify({ color: 'brand', message: t('settings.members.removed', { name: m.name }) });
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
        await qc.invalidateQueries({ queryKey: ['members'] });
      },
    });
  }
  if (!q.data) return q.error ? <Text c="red">{q.error.message}</Text> : <Skeleton h={160} />;
  const role = (m: Member) =>
    editable(m) ? (
      <NativeSelect size="xs" aria-label={t('settings.members.roleOf', { name: m.name })} value={m.role} data={roleChoices} onChange={(e) => changeRole(m, e.currentTarget.value as MemberRole)} />
    ) : (
      <Badge variant="light">{t(`memberRole.${m.role}`)}</Badge>
    );
  const removeBtn = (m: Member) =>
    editable(m) ? (
      <Button size="compact-xs" color="red" variant="subtle" onClick={() => remove(m)} aria-label={t('settings.members.removeNamed', { name: m.name })}>
        {t('settings.members.remove')}
      </Button>
    ) : null;
  if (phone) {
    return (
      <Stack gap="xs" data-testid="members-list">
        {q.data.map((m) => (
          <Card withBorder padding="sm" key={m.userId}>
            <Text fw={600}>{m.name}</Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {m.email}
            </Text>
            <Group justify="space-between" mt={6}>
              {role(m)}
              {removeBtn(m)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="members-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('auth.name')}</Table.Th>
            <Table.Th>{t('auth.email')}</Table.Th>
            <Table.Th>{t('settings.members.role')}</Table.Th>
            <Table.Th>{t('settings.members.joined')}</Table.Th>
            {manage && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td fw={600}>{m.name}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>{role(m)}</Table.Td>
              <Table.Td>{f.dateTime(m.joinedAt)}</Table.Td>
              {manage && <Table.Td>{removeBtn(m)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
