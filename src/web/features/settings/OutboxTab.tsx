import { Accordion, Badge, Group, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';

type Mail = { id: string; to: string; subject: string; body: string; status: string; createdAt: string };
const STATUS_COLOR: Record<string, string> = { sent: 'brand', logged: 'gray', pending: 'orange', sending: 'orange', failed: 'red' };

export function OutboxTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['outbox'], queryFn: () => get<{ items: Mail[] }>('/api/outbox').then((r) => r.items) });
  if (!q.data) return q.error ? <Text c="red">{q.error.message}</Text> : <Skeleton h={120} />;
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.outbox.help')}
      </Text>
      {q.data.length === 0 && <Text c="dimmed">{t('settings.outbox.none')}</Text>}
      <Accordion variant="separated">
        {q.data.map((m) => (
          <Accordion.Item key={m.id} value={m.id}>
            <Accordion.Control>
              <Group gap="xs" wrap="wrap">
                <Badge color={STATUS_COLOR[m.status] ?? 'gray'} variant="light">
                  {t(`settings.outbox.status.${m.status}`, { defaultValue: m.status })}
                </Badge>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {m.subject}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('settings.outbox.to', { to: m.to, at: f.dateTime(m.createdAt) })}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} ff="monospace">
                {m.body}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </>
  );
}
