import { Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { resetSession } from '../../session.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { OrgFields, useOrgFields } from '../../ui/OrgFields.tsx';

export function SetupPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const org = useOrgFields();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/setup', { organization: { name: org.name, slug: org.slug }, user: { name, email, password }, locale: currentLocale() });
      await resetSession(qc);
      await navigate({ to: '/' });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')} width={520}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['organization.name', 'organization.slug', 'user.name', 'user.email', 'user.password']} />
          <Text fw={600} component="h2" fz="md" m={0}>
            {t('setup.organization')}
          </Text>
          <OrgFields f={org} nameError={errors.field('organization.name')} slugError={errors.field('organization.slug')} autoFocus />
          <Divider my={4} />
          <Text fw={600} component="h2" fz="md" m={0}>
            {t('setup.owner')}
          </Text>
          <TextInput label={t('auth.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('user.name')} autoComplete="name" />
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.field('user.email')} autoComplete="email" />
          <PasswordInput label={t('auth.password')} description={t('auth.passwordHelp')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.field('user.password')} autoComplete="new-password" />
          <Button type="submit" loading={busy} mt="xs">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
