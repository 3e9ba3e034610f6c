/**
 * Member roles of an organisation and what each may do. Checked on every API route.
 * finance keeps budgets and approves expenses, and otherwise works like staff (issue 6).
 */
export const MEMBER_ROLES = ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const PERMISSIONS = {
  'people.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'people.write': ['owner', 'admin', 'manager', 'finance', 'staff'],
  'people.delete': ['owner', 'admin', 'manager'],
  'people.reveal_nik': ['owner', 'admin', 'manager'],
  'people.import': ['owner', 'admin', 'manager'],
  'people.merge': ['owner', 'admin', 'manager'],
  'programs.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'programs.write': ['owner', 'admin', 'manager'],
  'programs.delete': ['owner', 'admin', 'manager'],
  // staff report results; managers check them before they count
  'results.enter': ['owner', 'admin', 'manager', 'staff'],
  'results.review': ['owner', 'admin', 'manager'],
  'activities.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'activities.write': ['owner', 'admin', 'manager', 'staff'],
  'activities.delete': ['owner', 'admin', 'manager'],
  'volunteers.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  // staff keep profiles, assign shifts and approve reported hours
  'volunteers.write': ['owner', 'admin', 'manager', 'staff'],
  'volunteers.delete': ['owner', 'admin', 'manager'],
  'tasks.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  // staff work their tasks: change, finish, comment, delete
  'tasks.write': ['owner', 'admin', 'manager', 'finance', 'staff'],
  // funders, the pipeline and grant agreements (issue 6)
  'funding.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'funding.write': ['owner', 'admin', 'manager', 'finance'],
  // budgets, expenses, budget vs actual; anyone who spends may submit an expense
  'finance.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'budgets.write': ['owner', 'admin', 'manager', 'finance'],
  'expenses.submit': ['owner', 'admin', 'manager', 'finance', 'staff'],
  // never one's own expense: the service refuses self-approval whatever the role
  'expenses.approve': ['owner', 'admin', 'finance'],
  'donations.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'donations.write': ['owner', 'admin', 'manager', 'finance', 'staff'],
  'audit.read': ['owner', 'admin'],
  'members.read': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
  'members.manage': ['owner', 'admin'],
  'org.update': ['owner', 'admin'],
  'tokens.own': ['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'],
} as const satisfies Record<string, readonly MemberRole[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly MemberRole[]).includes(role);
}

export function permissionsOf(role: MemberRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
