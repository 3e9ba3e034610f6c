import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { resetSession, useMe } from '../../session.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { OrgFields, useOrgFields } from '../../ui/OrgFields.tsx';
import { clearUserStorage } from '../../storage.ts';

/** Signed in but in no organisation yet: create one (or open an invitation link). */
export function WelcomePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const org = useOrgFields();
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/orgs', { name: org.name, slug: org.slug });
      await resetSession(qc);
      await navigate({ to: '/' });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  async function signOut() {
    await post('/api/auth/signout').catch(() => undefined);
    clearUserStorage();
    await resetSession(qc);
    await navigate({ to: '/signin' });
  }

  return (
    <AuthLayout title={t('welcome.title', { name: me?.user.name ?? '' })} subtitle={t('welcome.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'slug']} />
          <OrgFields f={org} nameError={errors.field('name')} slugError={errors.field('slug')} autoFocus />
          <Button type="submit" loading={busy} mt="xs">
            {t('org.create')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('welcome.invited')}
          </Text>
          <Anchor component="button" type="button" size="sm" onClick={signOut} ta="left">
            {t('auth.signOut')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
