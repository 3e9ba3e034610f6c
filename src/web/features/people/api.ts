import type { HouseholdDetail, HouseholdsPage, PeoplePage, Person } from '../../../domain/contracts/people.ts';

export type { HouseholdDetail, HouseholdsPage, PeoplePage, Person };
export type Household = HouseholdsPage['items'][number];

export const personKey = (id: string) => ['person', id] as const;
export const householdKey = (id: string) => ['household', id] as const;
export const historyKey = (type: 'person' | 'household' | 'program' | 'task' | 'activity' | 'volunteer' | 'activity_report' | 'donor_report', id: string) => ['history', type, id] as const;
