import { Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One card of the home screen: a titled section, a link to the whole list, and its loading and empty states. */
export function HomeCard({ id, title, more, loading, error, empty, children }: { id: string; title: string; more?: ReactNode; loading?: boolean; error?: Error | null; empty?: string | false; children?: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`${id}-title`} data-testid={id}>
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {more}
      </Group>
      {loading ? (
        <Skeleton h={60} />
      ) : error ? (
        // a failed load is said as such, never shown as "nothing here"
        <Text c="red.8" size="sm" role="alert">
          {error.message}
        </Text>
      ) : empty ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

/** The rows of a home card, as a list for screen readers. */
export function HomeList({ children }: { children: ReactNode }) {
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {children}
    </Stack>
  );
}
