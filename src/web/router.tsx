import type { QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import type { AgeBandKey } from '../domain/people.ts';
import { TASK_STATUSES } from '../domain/tasks.ts';
import { meQuery, setupQuery } from './session.ts';
import type { TaskShow } from './features/tasks/MyTasksPage.tsx';
import type { Module } from './ui/ComingSoon.tsx';
import { NotFoundPage, PageLoader, RouteError } from './ui/RouteStates.tsx';
import type { BvaSearch } from './features/finance/BudgetVsActualPage.tsx';
import type { ExpensesSearch } from './features/finance/ExpensesPage.tsx';

type Ctx = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<Ctx>()({
  component: () => <Outlet />,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * Search params stay plain strings in the URL (`?q=3204…&area=32`), never JSON: a NIK typed as a
 * query must not become a number, and shared links stay readable.
 */
function parseSearch(search: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(search.startsWith('?') ? search.slice(1) : search));
}
function stringifySearch(search: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
const bool = (v: unknown) => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

/** Where to go after sign-in: only paths of this app. */
const safeNext = (next: string | undefined) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

// ---- before sign-in ----
const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'setup',
  beforeLoad: async ({ context }) => {
    const s = await context.queryClient.fetchQuery(setupQuery);
    if (!s.needsSetup) throw redirect({ to: '/signin' });
  },
  component: lazyRouteComponent(() => import('./features/auth/SetupPage.tsx'), 'SetupPage'),
});

const signinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signin',
  validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: str(s.next) }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeNext(search.next) });
    const s = await context.queryClient.fetchQuery(setupQuery);
    if (s.needsSetup) throw redirect({ to: '/setup' });
  },
  component: lazyRouteComponent(() => import('./features/auth/SignInPage.tsx'), 'SignInPage'),
});

const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signup',
  validateSearch: (s: Record<string, unknown>): { email?: string; invite?: string } => ({ email: str(s.email), invite: str(s.invite) }),
  component: lazyRouteComponent(() => import('./features/auth/SignUpPage.tsx'), 'SignUpPage'),
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invite/$token',
  component: lazyRouteComponent(() => import('./features/auth/InvitePage.tsx'), 'InvitePage'),
});

// the public registration form of an activity: no session, outside the app
const publicRegistrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'daftar/$token',
  component: lazyRouteComponent(() => import('./features/participation/PublicRegistrationPage.tsx'), 'PublicRegistrationPage'),
});

const welcomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'welcome',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/signin' });
    if (me.organization) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('./features/auth/WelcomePage.tsx'), 'WelcomePage'),
});

// ---- the app (signed in, with a current organisation) ----
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) {
      const s = await context.queryClient.fetchQuery(setupQuery);
      if (s.needsSetup) throw redirect({ to: '/setup' });
      throw redirect({ to: '/signin', search: { next: location.href === '/' ? undefined : location.href } });
    }
    if (!me.organization) throw redirect({ to: '/welcome' });
  },
  component: lazyRouteComponent(() => import('./features/shell/AppLayout.tsx'), 'AppLayout'),
});

// the home screen, where members land: what needs their attention (tasks, this week's activities, approvals, funding deadlines)
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/home/HomePage.tsx'), 'HomePage'),
});

export type PeopleSearch = {
  q?: string;
  area?: string;
  sex?: 'female' | 'male';
  age?: AgeBandKey;
  role?: string;
  tag?: string;
  disability?: boolean;
  consent?: boolean;
  sort?: 'name' | '-name' | 'created' | '-created';
  bin?: boolean;
};

const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'people',
  validateSearch: (s: Record<string, unknown>): PeopleSearch => ({
    q: str(s.q),
    area: str(s.area),
    sex: s.sex === 'female' || s.sex === 'male' ? s.sex : undefined,
    age: str(s.age) as AgeBandKey | undefined,
    role: str(s.role),
    tag: str(s.tag),
    disability: bool(s.disability),
    consent: bool(s.consent),
    sort: s.sort === 'name' || s.sort === '-name' || s.sort === 'created' || s.sort === '-created' ? s.sort : undefined,
    bin: bool(s.bin) || undefined,
  }),
  component: lazyRouteComponent(() => import('./features/people/PeopleListPage.tsx'), 'PeopleListPage'),
});

const personNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'people/new',
  validateSearch: (s: Record<string, unknown>): { householdId?: string; relationship?: string } => ({ householdId: str(s.householdId), relationship: str(s.relationship) }),
  component: lazyRouteComponent(() => import('./features/people/PersonFormPage.tsx'), 'PersonNewPage'),
});

const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'people/$personId',
  component: lazyRouteComponent(() => import('./features/people/PersonDetailPage.tsx'), 'PersonDetailPage'),
});

const personEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'people/$personId/edit',
  component: lazyRouteComponent(() => import('./features/people/PersonFormPage.tsx'), 'PersonEditPage'),
});

export type HouseholdsSearch = { q?: string; area?: string; bin?: boolean };
const householdsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'households',
  validateSearch: (s: Record<string, unknown>): HouseholdsSearch => ({ q: str(s.q), area: str(s.area), bin: bool(s.bin) || undefined }),
  component: lazyRouteComponent(() => import('./features/households/HouseholdsListPage.tsx'), 'HouseholdsListPage'),
});
const householdNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'households/new',
  component: lazyRouteComponent(() => import('./features/households/HouseholdFormPage.tsx'), 'HouseholdNewPage'),
});
const householdRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'households/$householdId',
  component: lazyRouteComponent(() => import('./features/households/HouseholdDetailPage.tsx'), 'HouseholdDetailPage'),
});
const householdEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'households/$householdId/edit',
  component: lazyRouteComponent(() => import('./features/households/HouseholdFormPage.tsx'), 'HouseholdEditPage'),
});

const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'imports',
  component: lazyRouteComponent(() => import('./features/imports/ImportsPage.tsx'), 'ImportsPage'),
});
const importNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'imports/new',
  component: lazyRouteComponent(() => import('./features/imports/NewImportPage.tsx'), 'NewImportPage'),
});
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'imports/$importId',
  component: lazyRouteComponent(() => import('./features/imports/ImportPage.tsx'), 'ImportPage'),
});

export type DuplicatesSearch = { status?: 'merged' | 'not_duplicate' };
const duplicatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'duplicates',
  validateSearch: (s: Record<string, unknown>): DuplicatesSearch => ({ status: s.status === 'merged' || s.status === 'not_duplicate' ? s.status : undefined }),
  component: lazyRouteComponent(() => import('./features/duplicates/DuplicatesPage.tsx'), 'DuplicatesPage'),
});
const duplicatePairRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'duplicates/$pairId',
  component: lazyRouteComponent(() => import('./features/duplicates/PairPage.tsx'), 'PairPage'),
});

export type ProgramsSearch = { q?: string; status?: 'draft' | 'active' | 'closed'; sector?: string; area?: string; mine?: boolean; bin?: boolean };
const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs',
  validateSearch: (s: Record<string, unknown>): ProgramsSearch => ({
    q: str(s.q),
    status: s.status === 'draft' || s.status === 'active' || s.status === 'closed' ? s.status : undefined,
    sector: str(s.sector),
    area: str(s.area),
    mine: bool(s.mine) || undefined,
    bin: bool(s.bin) || undefined,
  }),
  component: lazyRouteComponent(() => import('./features/programs/ProgramsListPage.tsx'), 'ProgramsListPage'),
});
const orgDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'dashboard',
  component: lazyRouteComponent(() => import('./features/programs/OrgDashboardPage.tsx'), 'OrgDashboardPage'),
});
const programNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/new',
  component: lazyRouteComponent(() => import('./features/programs/ProgramFormPage.tsx'), 'ProgramNewPage'),
});
export const PROGRAM_TABS = ['overview', 'framework', 'dashboard', 'participation', 'risks', 'issues', 'tasks', 'budget', 'history'] as const;
export type ProgramTab = (typeof PROGRAM_TABS)[number];
const programRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId',
  validateSearch: (s: Record<string, unknown>): { tab?: ProgramTab } => ({ tab: PROGRAM_TABS.includes(s.tab as ProgramTab) ? (s.tab as ProgramTab) : undefined }),
  component: lazyRouteComponent(() => import('./features/programs/ProgramDetailPage.tsx'), 'ProgramDetailPage'),
});
const programEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'programs/$programId/edit',
  component: lazyRouteComponent(() => import('./features/programs/ProgramFormPage.tsx'), 'ProgramEditPage'),
});

export type TasksSearch = { q?: string; show?: TaskShow; overdue?: boolean; program?: string };
const TASK_SHOWS: readonly string[] = ['open', 'all', ...TASK_STATUSES];
const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tasks',
  validateSearch: (s: Record<string, unknown>): TasksSearch => ({
    q: str(s.q),
    show: TASK_SHOWS.includes(s.show as string) ? (s.show as TaskShow) : undefined,
    overdue: bool(s.overdue) || undefined,
    program: str(s.program),
  }),
  component: lazyRouteComponent(() => import('./features/tasks/MyTasksPage.tsx'), 'MyTasksPage'),
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tasks/$taskId',
  component: lazyRouteComponent(() => import('./features/tasks/TaskDetailPage.tsx'), 'TaskDetailPage'),
});

export type ActivitiesSearch = { view?: 'month' | 'week' | 'list'; d?: string; program?: string; type?: string; area?: string };
const ymd = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const activitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities',
  validateSearch: (s: Record<string, unknown>): ActivitiesSearch => ({
    view: s.view === 'month' || s.view === 'week' || s.view === 'list' ? s.view : undefined,
    d: ymd(s.d),
    program: str(s.program),
    type: str(s.type),
    area: str(s.area),
  }),
  component: lazyRouteComponent(() => import('./features/activities/ActivitiesPage.tsx'), 'ActivitiesPage'),
});
const activityNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities/new',
  validateSearch: (s: Record<string, unknown>): { date?: string } => ({ date: ymd(s.date) }),
  component: lazyRouteComponent(() => import('./features/activities/ActivityFormPage.tsx'), 'ActivityNewPage'),
});
// each capability of an activity adds its tab here (registrations, attendance, volunteers, report)
export const ACTIVITY_TABS = ['details', 'registrations', 'attendance', 'volunteers', 'report', 'history'] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];
const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities/$activityId',
  validateSearch: (s: Record<string, unknown>): { tab?: ActivityTab } => ({ tab: ACTIVITY_TABS.includes(s.tab as ActivityTab) ? (s.tab as ActivityTab) : undefined }),
  component: lazyRouteComponent(() => import('./features/activities/ActivityDetailPage.tsx'), 'ActivityDetailPage'),
});
// registration and attendance: the check-in screen and typing in a paper sheet
const activityCheckInRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities/$activityId/check-in',
  component: lazyRouteComponent(() => import('./features/participation/CheckInPage.tsx'), 'CheckInPage'),
});
const activitySheetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities/$activityId/sheet',
  component: lazyRouteComponent(() => import('./features/participation/SheetEntryPage.tsx'), 'SheetEntryPage'),
});
const activityEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'activities/$activityId/edit',
  component: lazyRouteComponent(() => import('./features/activities/ActivityFormPage.tsx'), 'ActivityEditPage'),
});

export type VolunteersSearch = { q?: string; skill?: string; area?: string; status?: 'pending' | 'active' | 'inactive'; weekday?: number; time?: string; bin?: boolean };
const volunteersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'volunteers',
  validateSearch: (s: Record<string, unknown>): VolunteersSearch => {
    const weekday = Number(s.weekday);
    return {
      q: str(s.q),
      skill: str(s.skill),
      area: str(s.area),
      status: s.status === 'pending' || s.status === 'active' || s.status === 'inactive' ? s.status : undefined,
      weekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : undefined,
      time: typeof s.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s.time) ? s.time : undefined,
      bin: bool(s.bin) || undefined,
    };
  },
  component: lazyRouteComponent(() => import('./features/volunteers/VolunteersPage.tsx'), 'VolunteersPage'),
});
const volunteerNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'volunteers/new',
  validateSearch: (s: Record<string, unknown>): { personId?: string } => ({ personId: str(s.personId) }),
  component: lazyRouteComponent(() => import('./features/volunteers/VolunteerFormPage.tsx'), 'VolunteerNewPage'),
});
const volunteerHoursRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'volunteers/hours',
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string; program?: string } => ({ from: ymd(s.from), to: ymd(s.to), program: str(s.program) }),
  component: lazyRouteComponent(() => import('./features/volunteers/HoursPage.tsx'), 'HoursPage'),
});
const volunteerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'volunteers/$volunteerId',
  component: lazyRouteComponent(() => import('./features/volunteers/VolunteerDetailPage.tsx'), 'VolunteerDetailPage'),
});
const volunteerEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'volunteers/$volunteerId/edit',
  component: lazyRouteComponent(() => import('./features/volunteers/VolunteerFormPage.tsx'), 'VolunteerEditPage'),
});
// a volunteer's own page through their personal link: no account
const volunteerSelfRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'v/$token',
  component: lazyRouteComponent(() => import('./features/volunteers/SelfPage.tsx'), 'SelfPage'),
});

// donor progress reports (issue 6): a grant's report for a period
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reports',
  // new + grantId/from/to: the grant page's "write the donor report" opens the form prefilled with that reporting period
  validateSearch: (s: Record<string, unknown>): { q?: string; grantId?: string; bin?: boolean; new?: boolean; from?: string; to?: string } => ({
    q: str(s.q),
    grantId: str(s.grantId),
    bin: bool(s.bin) || undefined,
    new: bool(s.new) || undefined,
    from: str(s.from),
    to: str(s.to),
  }),
  component: lazyRouteComponent(() => import('./features/reports/DonorReportsPage.tsx'), 'DonorReportsPage'),
});
const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reports/$reportId',
  component: lazyRouteComponent(() => import('./features/reports/DonorReportPage.tsx'), 'DonorReportPage'),
});
export type DonationsSearch = { tab?: 'pledges'; q?: string; campaign?: string; program?: string; kind?: 'money' | 'in_kind'; from?: string; to?: string; bin?: boolean };
const donationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'donations',
  validateSearch: (s: Record<string, unknown>): DonationsSearch => ({
    tab: s.tab === 'pledges' ? 'pledges' : undefined,
    q: str(s.q),
    campaign: str(s.campaign),
    program: str(s.program),
    kind: s.kind === 'money' || s.kind === 'in_kind' ? s.kind : undefined,
    from: ymd(s.from),
    to: ymd(s.to),
    bin: bool(s.bin) || undefined,
  }),
  component: lazyRouteComponent(() => import('./features/donations/DonationsPage.tsx'), 'DonationsPage'),
});
const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'donations/campaigns',
  component: lazyRouteComponent(() => import('./features/donations/CampaignsPage.tsx'), 'CampaignsPage'),
});

export const SETTINGS_TABS = ['organization', 'members', 'invitations', 'tokens', 'outbox', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  validateSearch: (s: Record<string, unknown>): { tab?: SettingsTab } => ({ tab: SETTINGS_TABS.includes(s.tab as SettingsTab) ? (s.tab as SettingsTab) : undefined }),
  component: lazyRouteComponent(() => import('./features/settings/SettingsPage.tsx'), 'SettingsPage'),
});

// budgets, expenses and budget vs actual (issue 6)
const financeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'finance',
  validateSearch: (s: Record<string, unknown>): BvaSearch => ({ program: str(s.program), grant: str(s.grant), period: ymd(s.period) }),
  component: lazyRouteComponent(() => import('./features/finance/BudgetVsActualPage.tsx'), 'BudgetVsActualPage'),
});
const financeExpensesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'finance/expenses',
  validateSearch: (s: Record<string, unknown>): ExpensesSearch => ({
    q: str(s.q),
    program: str(s.program),
    status: s.status === 'submitted' || s.status === 'approved' || s.status === 'rejected' ? s.status : undefined,
    line: str(s.line),
    from: ymd(s.from),
    to: ymd(s.to),
    waiting: bool(s.waiting) || undefined,
  }),
  component: lazyRouteComponent(() => import('./features/finance/ExpensesPage.tsx'), 'ExpensesPage'),
});

// funding (issue 6): the pipeline board, funders and grant agreements
export type PipelineSearch = { q?: string; funder?: string; owner?: string; program?: string };
const fundingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'funding',
  validateSearch: (s: Record<string, unknown>): PipelineSearch => ({ q: str(s.q), funder: str(s.funder), owner: str(s.owner), program: str(s.program) }),
  component: lazyRouteComponent(() => import('./features/funding/PipelinePage.tsx'), 'PipelinePage'),
});
export type FundersSearch = { q?: string; kind?: string };
const fundersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'funding/funders',
  validateSearch: (s: Record<string, unknown>): FundersSearch => ({ q: str(s.q), kind: str(s.kind) }),
  component: lazyRouteComponent(() => import('./features/funding/FundersPage.tsx'), 'FundersPage'),
});
const funderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'funding/funders/$funderId',
  component: lazyRouteComponent(() => import('./features/funding/FunderDetailPage.tsx'), 'FunderDetailPage'),
});
export type GrantsSearch = { q?: string; funder?: string; status?: string; program?: string; overdue?: boolean };
const grantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'funding/grants',
  validateSearch: (s: Record<string, unknown>): GrantsSearch => ({ q: str(s.q), funder: str(s.funder), status: str(s.status), program: str(s.program), overdue: bool(s.overdue) || undefined }),
  component: lazyRouteComponent(() => import('./features/funding/GrantsPage.tsx'), 'GrantsPage'),
});
const grantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'funding/grants/$grantId',
  component: lazyRouteComponent(() => import('./features/funding/GrantDetailPage.tsx'), 'GrantDetailPage'),
});

const MODULES = ['partners'] as const satisfies readonly Module[];
const comingSoon = lazyRouteComponent(() => import('./ui/ComingSoonPages.tsx'), 'ComingSoonPage');
const moduleRoutes = MODULES.map((m) => createRoute({ getParentRoute: () => appRoute, path: m, component: comingSoon }));

const routeTree = rootRoute.addChildren([
  setupRoute,
  signinRoute,
  signupRoute,
  inviteRoute,
  publicRegistrationRoute,
  volunteerSelfRoute,
  welcomeRoute,
  appRoute.addChildren([
    indexRoute,
    fundingRoute,
    fundersRoute,
    funderRoute,
    grantsRoute,
    grantRoute,
    peopleRoute,
    personNewRoute,
    personRoute,
    personEditRoute,
    householdsRoute,
    householdNewRoute,
    householdRoute,
    householdEditRoute,
    importsRoute,
    importNewRoute,
    importRoute,
    duplicatesRoute,
    duplicatePairRoute,
    programsRoute,
    programNewRoute,
    programRoute,
    programEditRoute,
    tasksRoute,
    taskRoute,
    activitiesRoute,
    orgDashboardRoute,
    activityNewRoute,
    activityRoute,
    activityEditRoute,
    activityCheckInRoute,
    activitySheetRoute,
    volunteersRoute,
    volunteerNewRoute,
    volunteerHoursRoute,
    volunteerRoute,
    volunteerEditRoute,
    reportsRoute,
    reportRoute,
    donationsRoute,
    campaignsRoute,
    settingsRoute,
    financeRoute,
    financeExpensesRoute,
    ...moduleRoutes,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPreload: 'intent',
    defaultPendingComponent: PageLoader,
    defaultPendingMs: 150,
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
