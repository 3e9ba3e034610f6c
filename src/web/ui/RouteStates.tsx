import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../ui/links.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
    <Group component="header" justify="flex-end" p="sm">
      <LanguageSwitch />
    </Group>
    <Center component="main" mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={1} fz={24}>
          {t('errors.pageNotFound')}
        </Title>
        <ButtonLink to="/people" variant="light">
          {t('errors.backHome')}
        </ButtonLink>
      </Stack>
    </Center>
    </>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Center component="main" mih="40vh" p="md">
      <Alert color="red" title={t('common.errorTitle')} role="alert" maw={520}>
        <Text size="sm" mb="sm">
          {error instanceof Error ? error.message : String(error)}
        </Text>
        <Button size="xs" variant="light" onClick={() => reset()}>
          {t('common.retry')}
        </Button>
      </Alert>
    </Center>
  );
}

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={200}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
