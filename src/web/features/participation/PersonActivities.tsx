import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useTypeOptions } from '../activities/api.ts';
import { type PersonParticipationPage, REGISTRATION_COLORS, participationKey } from './api.ts';

/** A person's page: every activity they registered for or came to, newest first. */
export function PersonActivities({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { label } = useTypeOptions();
  const list = useInfiniteQuery({
    queryKey: participationKey(personId),
    queryFn: ({ pageParam }) => get<PersonParticipationPage>(`/api/people/${personId}/participation`, { limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.counts;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="person-activities">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg" id="person-activities">
          {t('participation.personTitle')}
        </Title>
        {counts && (
          <Text size="sm" c="dimmed" data-testid="person-participation-counts">
            {t('participation.personCounts', { registered: counts.registered, attended: counts.attended })}
          </Text>
        )}
      </Group>
      {list.isLoading ? (
        <Skeleton h={60} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('participation.personNone')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="person-activities">
          {items.map((x) => (
            <li key={x.activity.id} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', padding: '6px 0' }}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  {x.activity.deleted ? (
                    <Text size="sm" fw={600}>
                      {x.activity.title}
                    </Text>
                  ) : (
                    <AnchorLink to="/activities/$activityId" params={{ activityId: x.activity.id }} size="sm" fw={600}>
                      {x.activity.title}
                    </AnchorLink>
                  )}
                  <Text size="xs" c="dimmed">
                    {[f.date(x.activity.startDate), label(x.activity.type), x.activity.programName, x.activity.status === 'cancelled' ? t('activities.status.cancelled') : null].filter(Boolean).join(' · ')}
                  </Text>
                </div>
                <Group gap={4}>
                  {x.registrationStatus && (
                    <Badge size="sm" variant="light" tt="none" color={REGISTRATION_COLORS[x.registrationStatus]}>
                      {t(`participation.status.${x.registrationStatus}`)}
                    </Badge>
                  )}
                  <Badge size="sm" variant={x.attended ? 'light' : 'outline'} color={x.attended ? 'teal' : 'gray'} tt="none">
                    {x.attended ? t('participation.came') : t('participation.didNotCome')}
                  </Badge>
                </Group>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <LoadMore list={list} />
    </Paper>
  );
}
