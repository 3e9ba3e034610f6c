import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { HomeCard, HomeList } from '../../ui/HomeCard.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { type ActivitiesPage, TYPE_COLORS, timeText, useTypeOptions } from './api.ts';

const addDays = (ymd: string, days: number) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** Home: the planned activities of today and the next six days, in the organisation's calendar. */
export function UpcomingActivitiesCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const from = f.today();
  const to = addDays(from, 6);
  const types = useTypeOptions();
  const q = useQuery({ queryKey: ['activities', 'home', from], queryFn: () => get<ActivitiesPage>('/api/activities', { from, to, status: 'planned', limit: 6 }), staleTime: 0 });
  const items = q.data?.items ?? [];
  return (
    <HomeCard
      id="home-activities"
      title={t('home.thisWeek')}
      loading={q.isPending}
      error={q.error}
      empty={items.length === 0 && t('home.noActivities')}
      more={
        <AnchorLink to="/activities" size="sm">
          {t('home.calendar')}
        </AnchorLink>
      }
    >
      <HomeList>
        {items.map((a) => (
          <Group key={a.id} component="li" justify="space-between" wrap="wrap" gap="xs" data-testid="home-activity">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <AnchorLink to="/activities/$activityId" params={{ activityId: a.id }} fw={600} size="sm">
                {a.title}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {[a.startDate === from ? t('home.today') : f.date(a.startDate), timeText(t, a, f.date), a.venue].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            <Badge color={TYPE_COLORS[a.type] ?? 'gray'} variant="light" style={{ minWidth: 'max-content' }}>
              {types.label(a.type)}
            </Badge>
          </Group>
        ))}
      </HomeList>
    </HomeCard>
  );
}
