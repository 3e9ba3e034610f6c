import { Anchor, Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <Box w={28} h={28} bg="teal.8" c="white" style={{ borderRadius: 7, display: 'grid', placeItems: 'center', fontWeight: 700 }} aria-hidden="true">
        G
      </Box>
      <Text fw={700} fz="lg">
        Gotong
      </Text>
    </Group>
  );
}

/** Pages before sign-in: a header with the language switch, one card in the middle. */
export function AuthLayout({ title, subtitle, children, width = 440 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Gotong`;
  }, [title]);
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" px="md" py="sm">
        <Group justify="space-between">
          <Anchor href="/" underline="never" c="inherit">
            <Brand />
          </Anchor>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" size={width} px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }} mt={{ base: 'xs', sm: 'xl' }}>
          <Title order={1} fz={24} mb={subtitle ? 4 : 'md'}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mb="md">
              {subtitle}
            </Text>
          )}
          {children}
        </Paper>
        <Text ta="center" size="xs" c="dimmed" mt="md">
          {t('auth.footer')}
        </Text>
      </Container>
    </Box>
  );
}
