import { Alert, Button, Card, Group, NativeSelect, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES, type MemberRole } from '../../../domain/roles.ts';
import { del, get, post } from '../../api.ts';
import { useMe } from '../../session.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { CopyField } from './CopyField.tsx';
import { notify } from '../../ui/notify.ts';

type Invitation = { id: string; email: string; role: MemberRole; invitedBy: string; expiresAt: string; acceptedAt: string | null; createdAt: string };

export function InvitationsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['invitations'], queryFn: () => get<{ items: Invitation[] }>('/api/invitations').then((r) => r.items) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('staff');
  const [link, setLink] = useState<{ email: string; link: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const roles = MEMBER_ROLES.filter((r) => me?.organization?.role === 'owner' || r !== 'owner').map((r) => ({ value: r, label: t(`memberRole.${r}`) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const inv = await post<Invitation & { link: string }>('/api/invitations', { email, role });
      setLink({ email: inv.email, link: inv.link });
      setEmail('');
      await qc.invalidateQueries({ queryKey: ['invitations'] });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  function revoke(inv: Invitation) {
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('settings.invitations.revokeTitle'),
      children: <Text size="sm">{t('settings.invitations.revokeConfirm', { email: inv.email })}</Text>,
      labels: { confirm: t('settings.invitations.revoke'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await del(`/api/invitations/${inv.id}`);
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
        await qc.invalidateQueries({ queryKey: ['invitations'] });
      },
    });
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
        <Title order={2} fz="lg" id="invite-title" mb="sm">
          {t('settings.invitations.new')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={errors.error} shown={['email', 'role']} />
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.field('email')} style={{ flex: '1 1 240px' }} autoComplete="off" />
              <NativeSelect label={t('settings.members.role')} value={role} onChange={(e) => setRole(e.currentTarget.value as MemberRole)} data={roles} error={errors.field('role')} style={{ flex: '0 1 180px' }} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('settings.invitations.rolesHelp')}
            </Text>
            <Group>
              <Button type="submit" loading={busy}>
                {t('settings.invitations.send')}
              </Button>
            </Group>
          </Stack>
        </form>
        {link && (
          <Alert color="brand" variant="light" mt="md" title={t('settings.invitations.created', { email: link.email })} data-testid="invite-link-box">
            <Text size="sm" mb="xs">
              {t('settings.invitations.linkHelp')}
            </Text>
            <CopyField label={t('settings.invitations.link')} value={link.link} testId="invite-link" />
          </Alert>
        )}
      </Paper>
      <section aria-labelledby="open-invites">
        <Title order={2} fz="lg" id="open-invites" mb="sm">
          {t('settings.invitations.open')}
        </Title>
        {!q.data && !q.error && <Skeleton h={80} />}
        {q.error && <Text c="red">{q.error.message}</Text>}
        {q.data?.length === 0 && <Text c="dimmed">{t('settings.invitations.none')}</Text>}
        <Stack gap="xs">
          {q.data?.map((inv) => (
            <Card key={inv.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {inv.email}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('settings.invitations.meta', { role: t(`memberRole.${inv.role}`), by: inv.invitedBy, expires: f.dateTime(inv.expiresAt) })}
                  </Text>
                </div>
                <Button size="xs" color="red" variant="subtle" onClick={() => revoke(inv)} aria-label={t('settings.invitations.revokeNamed', { email: inv.email })}>
                  {t('settings.invitations.revoke')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
