import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { resetSession } from '../../session.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { AnchorLink } from '../../ui/links.tsx';

export function SignUpPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ from: '/signup' });
  const [name, setName] = useState('');
  const [email, setEmail] = useState(search.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/auth/signup', { name, email, password, locale: currentLocale() });
      await resetSession(qc);
      if (search.invite) await navigate({ to: '/invite/$token', params: { token: search.invite } });
      else await navigate({ to: '/welcome' });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('auth.signUpTitle')} subtitle={search.invite ? t('invite.signUpHint') : undefined}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'email', 'password']} />
          <TextInput label={t('auth.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('name')} autoComplete="name" autoFocus />
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.field('email')} autoComplete="email" />
          <PasswordInput label={t('auth.password')} description={t('auth.passwordHelp')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.field('password')} autoComplete="new-password" />
          <Button type="submit" loading={busy} mt="xs">
            {t('auth.signUp')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.haveAccount')}{' '}
            <AnchorLink to="/signin" search={search.invite ? { next: `/invite/${search.invite}` } : {}}>
              {t('auth.signIn')}
            </AnchorLink>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
