import type {
  Attendance,
  AttendancePage,
  CheckInResult,
  PersonParticipationPage,
  PublicConfirmation,
  PublicForm,
  Registration,
  RegistrationChange,
  RegistrationLink,
  RegistrationsPage,
  SheetResult,
} from '../../../domain/contracts/participation.ts';

export type { Attendance, AttendancePage, CheckInResult, PersonParticipationPage, PublicConfirmation, PublicForm, Registration, RegistrationChange, RegistrationLink, RegistrationsPage, SheetResult };

export const registrationsKey = (activityId: string) => ['registrations', activityId] as const;
export const attendanceKey = (activityId: string) => ['attendance', activityId] as const;
export const linkKey = (activityId: string) => ['registration-link', activityId] as const;
export const participationKey = (personId: string) => ['participation', personId] as const;
export const REGISTRATION_COLORS = { registered: 'teal', waitlisted: 'orange', cancelled: 'gray' } as const;
