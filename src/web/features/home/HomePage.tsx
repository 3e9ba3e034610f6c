import { Badge, Group, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useCan, useMe } from '../../session.ts';
import { HomeCard, HomeList } from '../../ui/HomeCard.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { UpcomingActivitiesCard } from '../activities/UpcomingActivitiesCard.tsx';
import type { PendingByProgram } from '../../../domain/contracts/values.ts';
import type { ExpensesPage } from '../finance/api.ts';
import { FundingDeadlinesCard } from '../funding/DeadlinesCard.tsx';
import { MyTasksCard } from '../tasks/MyTasksCard.tsx';
import type { HoursPage } from '../volunteers/api.ts';

/** The home screen, where members land after signing in: what needs their attention today, each card from its own feature and shown to those who may act on it. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('home.title', { name: me?.user.name ?? '' })} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {can('tasks.read') && <MyTasksCard />}
        {can('activities.read') && <UpcomingActivitiesCard />}
        {(can('expenses.approve') || can('volunteers.write') || can('results.review')) && <ApprovalsCard />}
        {can('funding.read') && <FundingDeadlinesCard />}
      </SimpleGrid>
    </>
  );
}

const PENDING_HOURS_PAGE = 50;

/** What waits for this member's decision: indicator values per program, others' expenses (never their own) and hours volunteers reported. */
function ApprovalsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const expenses = useQuery({
    queryKey: ['expenses', 'home'],
    queryFn: () => get<ExpensesPage>('/api/finance/expenses', { waitingForMe: 'true', limit: 1 }),
    staleTime: 0,
    enabled: can('expenses.approve'),
  });
  const hours = useQuery({
    queryKey: ['volunteer-hours', 'home'],
    queryFn: () => get<HoursPage>('/api/volunteer-hours', { status: 'pending', limit: PENDING_HOURS_PAGE }),
    staleTime: 0,
    enabled: can('volunteers.write'),
  });
  const values = useQuery({ queryKey: ['values', 'pending', 'home'], queryFn: () => get<PendingByProgram>('/api/values/pending'), staleTime: 0, enabled: can('results.review') });
  const rows = [
    ...(can('results.review') ? (values.data?.items ?? []) : []).slice(0, 5).map((p) => ({ key: `values-${p.programId}`, to: '/programs/$programId' as const, params: { programId: p.programId }, search: { tab: 'dashboard' as const }, label: t('home.valuesWaiting', { program: p.programName }), count: String(p.count) })),
    can('expenses.approve') && expenses.data && expenses.data.total > 0 && { key: 'expenses', to: '/finance/expenses' as const, search: { waiting: true }, label: t('home.expensesWaiting'), count: `${expenses.data.total}${expenses.data.totalCapped ? '+' : ''}` },
    can('volunteers.write') && hours.data && hours.data.items.length > 0 && { key: 'hours', to: '/volunteers/hours' as const, search: {}, label: t('home.hoursWaiting'), count: `${hours.data.items.length}${hours.data.nextCursor ? '+' : ''}` },
  ].filter((r) => !!r);
  return (
    <HomeCard id="home-approvals" title={t('home.approvals')} loading={expenses.isLoading || hours.isLoading || values.isLoading} error={expenses.error ?? hours.error ?? values.error} empty={rows.length === 0 && t('home.noApprovals')}>
      <HomeList>
        {rows.map((r) => (
          <Group key={r.key} component="li" justify="space-between" gap="xs" wrap="nowrap" data-testid={`home-approvals-${r.key}`}>
            <AnchorLink to={r.to} params={'params' in r ? r.params : undefined} search={r.search} fw={600} size="sm">
              {r.label}
            </AnchorLink>
            <Badge color="orange" variant="light" style={{ minWidth: 'max-content' }}>
              {r.count}
            </Badge>
          </Group>
        ))}
      </HomeList>
    </HomeCard>
  );
}
