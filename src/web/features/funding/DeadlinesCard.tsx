import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { HomeCard, HomeList } from '../../ui/HomeCard.tsx';
import type { Deadlines } from './api.ts';

/** Home: proposal deadlines in the next 30 days and grant reports due or overdue. */
export function FundingDeadlinesCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['funding-deadlines'], queryFn: () => get<Deadlines>('/api/funding/deadlines'), staleTime: 0 });
  const items = q.data?.items ?? [];
  return (
    <HomeCard id="funding-deadlines" title={t('home.fundingDeadlines')} loading={q.isPending} error={q.error} empty={items.length === 0 && t('home.noDeadlines')}>
      <HomeList>
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
      </HomeList>
    </HomeCard>
  );
}
