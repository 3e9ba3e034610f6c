import { Badge, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './Page.tsx';

export type Module = 'activities' | 'volunteers' | 'funding' | 'partners' | 'reports';

export function ComingSoon({ module }: { module: Module }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${module}`)} />
      <Paper withBorder p="xl" radius="md" data-testid="coming-soon">
        <Stack gap="sm" align="flex-start">
          <Badge color="teal" size="lg" variant="light">
            {t('comingSoon.badge')}
          </Badge>
          <Text>{t(`comingSoon.${module}`)}</Text>
          <Text c="dimmed" size="sm">
            {t('comingSoon.note')}
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
