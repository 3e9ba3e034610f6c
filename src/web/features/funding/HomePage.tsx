import { Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/Page.tsx';
import type { Deadlines } from './api.ts';

/** The home screen: what needs the signed-in member's attention. Other modules add their cards here. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('home.title', { name: me?.user.name ?? '' })} />
      <Stack gap="md">{can('funding.read') && <FundingDeadlinesCard />}</Stack>
    </>
  );
}

function FundingDeadlinesCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['funding-deadlines'], queryFn: () => get<Deadlines>('/api/funding/deadlines') });
  const items = q.data?.items ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="funding-deadlines-title" data-testid="funding-deadlines">
      <Title order={2} size="h4" id="funding-deadlines-title" mb="sm">
        {t('home.fundingDeadlines')}
      </Title>
      {q.isPending ? (
        <Skeleton h={60} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('home.noDeadlines')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((d) => (
            <Group key={`${d.kind}-${d.id}`} component="li" justify="space-between" wrap="wrap" gap="xs" data-testid="deadline" data-overdue={d.overdue || undefined}>
              <Stack gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
                {d.kind === 'report' && d.grantId ? (
                  <Link to="/funding/grants/$grantId" params={{ grantId: d.grantId }} className="gotong-row-link" style={{ fontWeight: 600 }}>
                    {t(`funding.reportKind.${d.reportKind}`)} · {d.title}
                  </Link>
                ) : (
                  <Link to="/funding" search={{ q: d.title }} className="gotong-row-link" style={{ fontWeight: 600 }}>
                    {d.title}
                  </Link>
                )}
                <Text size="sm" c="dimmed">
                  {d.funder} · {d.kind === 'report' ? t('home.reportDue') : t('home.proposalDeadline')}
                </Text>
              </Stack>
              <Group gap={6}>
                <Text size="sm">{f.date(d.date)}</Text>
                {d.overdue && (
                  <Badge color="red" variant="filled">
                    {t('funding.overdue')}
                  </Badge>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
