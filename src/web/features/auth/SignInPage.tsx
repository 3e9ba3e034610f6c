import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { resetSession } from '../../session.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { AnchorLink } from '../../ui/links.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ from: '/signin' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/auth/signin', { email, password });
      const me = await resetSession(qc, { adoptLocale: true });
      const next = search.next && search.next.startsWith('/') && !search.next.startsWith('//') ? search.next : null;
      if (next) await navigate({ href: next });
      else await navigate({ to: me?.organization ? '/' : '/welcome' });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['email', 'password']} />
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.field('email')} autoComplete="username" autoFocus />
          <PasswordInput label={t('auth.password')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.field('password')} autoComplete="current-password" />
          <Button type="submit" loading={busy} mt="xs">
            {t('auth.signIn')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.noAccount')}{' '}
            <AnchorLink to="/signup">
              {t('auth.signUp')}
            </AnchorLink>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
