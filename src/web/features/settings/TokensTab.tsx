import { Alert, Button, Card, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../api.ts';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { CopyField } from './CopyField.tsx';
import { notify } from '../../ui/notify.ts';

type Token = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

export function TokensTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['tokens'], queryFn: () => get<{ items: Token[] }>('/api/tokens').then((r) => r.items) });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const tok = await post<Token & { token: string }>('/api/tokens', { name });
      setCreated({ name: tok.name, token: tok.token });
      setName('');
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  function revoke(tok: Token) {
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('common.close') },
      title: t('settings.tokens.revokeTitle'),
      children: <Text size="sm">{t('settings.tokens.revokeConfirm', { name: tok.name })}</Text>,
      labels: { confirm: t('settings.tokens.revoke'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await del(`/api/tokens/${tok.id}`);
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
        await qc.invalidateQueries({ queryKey: ['tokens'] });
      },
    });
  }
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="token-new">
        <Title order={2} fz="lg" id="token-new" mb="xs">
          {t('settings.tokens.new')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('settings.tokens.help')}
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={errors.error} shown={['name']} />
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput label={t('settings.tokens.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('name')} maxLength={80} style={{ flex: '1 1 240px' }} />
              <Button type="submit" loading={busy}>
                {t('settings.tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
        {created && (
          <Alert color="orange" variant="light" mt="md" title={t('settings.tokens.showOnce', { name: created.name })}>
            <CopyField label={t('settings.tokens.token')} value={created.token} testId="new-token" />
          </Alert>
        )}
      </Paper>
      <section aria-labelledby="tokens-list">
        <Title order={2} fz="lg" id="tokens-list" mb="sm">
          {t('settings.tokens.mine')}
        </Title>
        {!q.data && !q.error && <Skeleton h={80} />}
        {q.error && <Text c="red">{q.error.message}</Text>}
        {q.data?.length === 0 && <Text c="dimmed">{t('settings.tokens.none')}</Text>}
        <Stack gap="xs">
          {q.data?.map((tok) => (
            <Card key={tok.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs">
                <div>
                  <Text fw={600}>{tok.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t('settings.tokens.meta', { created: f.dateTime(tok.createdAt), used: tok.lastUsedAt ? f.dateTime(tok.lastUsedAt) : t('settings.tokens.never') })}
                  </Text>
                </div>
                <Button size="xs" color="red" variant="subtle" onClick={() => revoke(tok)} aria-label={t('settings.tokens.revokeNamed', { name: tok.name })}>
                  {t('settings.tokens.revoke')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
