import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api.ts';
import { meQuery, resetSession } from '../../session.ts';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { clearUserStorage } from '../../storage.ts';

type Invitation = { organization: string; email: string; role: string };

export function InvitePage() {
  const { t } = useTranslation();
  const { token } = useParams({ from: '/invite/$token' });
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(meQuery).data ?? null;
  const inv = useQuery({ queryKey: ['invitation', token], queryFn: () => get<Invitation>(`/api/invitations/lookup/${encodeURIComponent(token)}`), retry: false });
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);

  async function accept() {
    setBusy(true);
    errors.clear();
    try {
      await post('/api/invitations/accept', { token });
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
  }

  const data = inv.data;
  const emailMatches = !!(me && data && me.user.email.toLowerCase() === data.email.toLowerCase());

  return (
    <AuthLayout title={t('invite.title')}>
      <Stack gap="md">
        {inv.isLoading && <Skeleton h={60} />}
        {inv.error && (
          <Alert color="red" role="alert" title={t('invite.invalidTitle')}>
            {inv.error.message}
          </Alert>
        )}
        {data && (
          <>
            <Text data-testid="invite-summary">
              {t('invite.summary', { organization: data.organization, role: t(`memberRole.${data.role}`), email: data.email })}
            </Text>
            <ErrorAlert error={errors.error} />
            {!me && (
              <Stack gap="xs">
                <Text size="sm">{t('invite.signedOutHint')}</Text>
                <Stack gap="xs">
                  <ButtonLink to="/signup" search={{ email: data.email, invite: token }} fullWidth>
                    {t('invite.signUp')}
                  </ButtonLink>
                  <ButtonLink to="/signin" search={{ next: `/invite/${token}` }} variant="default" fullWidth>
                    {t('invite.signIn')}
                  </ButtonLink>
                </Stack>
              </Stack>
            )}
            {me && emailMatches && (
              <Stack gap="xs">
                <Text size="sm">{t('invite.signedInAs', { email: me.user.email })}</Text>
                <Button onClick={accept} loading={busy}>
                  {t('invite.accept')}
                </Button>
              </Stack>
            )}
            {me && !emailMatches && (
              <Alert color="orange" title={t('invite.otherEmailTitle')}>
                <Text size="sm" mb="sm">
                  {t('invite.otherEmail', { email: me.user.email, invited: data.email })}
                </Text>
                <Button size="xs" variant="default" onClick={signOut}>
                  {t('auth.signOut')}
                </Button>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </AuthLayout>
  );
}
