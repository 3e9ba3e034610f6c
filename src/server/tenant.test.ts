import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from './platform/context.ts';
import { PNG } from './features/activities/report.fixtures.ts';
import { DATABASES, type TestContext, addMember, signUpWithOrg, testApp } from './testing.ts';
import { insertGrant } from './features/finance/finance.fixtures.ts';

/**
 * Tenant isolation. Every route of the OpenAPI document is called as an owner of organisation B
 * with the ids of organisation A; nothing of A may be read, changed or deleted. A new route is
 * picked up automatically; a new route with a request body needs a sample body here (the test
 * fails until it has one), so that it is exercised past validation.
 */
const SAMPLE_BODIES: Record<string, (a: Ids) => unknown> = {
  'POST /api/funders': (a) => ({ kind: 'individual', name: 'B funder', personId: a.personId }),
  'PATCH /api/funders/{id}': () => ({ name: 'Hacked', version: 1 }),
  'POST /api/funders/{id}/contacts': () => ({ name: 'B contact' }),
  'PATCH /api/funder-contacts/{id}': () => ({ name: 'Hacked', version: 1 }),
  'POST /api/funders/{id}/interactions': () => ({ date: '2026-01-10', kind: 'call', summary: 'B call' }),
  'PATCH /api/funder-interactions/{id}': () => ({ summary: 'Hacked', version: 1 }),
  'POST /api/opportunities': (a) => ({ funderId: a.funderId, title: 'B opportunity', ownerId: a.adminId, programIds: [a.programId] }),
  'PATCH /api/opportunities/{id}': () => ({ stage: 'declined', version: 1 }),
  'POST /api/grants': (a) => ({ funderId: a.funderId, title: 'B grant', amount: 1, startDate: '2026-01-01', endDate: '2026-12-31', opportunityId: a.opportunityId, programIds: [a.programId] }),
  'PATCH /api/grants/{id}': () => ({ title: 'Hacked', version: 1 }),
  'POST /api/grants/{id}/schedule': () => ({ frequency: 'yearly', version: 1 }),
  'POST /api/grants/{id}/reports': () => ({ kind: 'narrative', periodStart: '2026-01-01', periodEnd: '2026-03-31', dueDate: '2026-04-30' }),
  'PATCH /api/grant-reports/{id}': () => ({ status: 'accepted', version: 1 }),
  'POST /api/campaigns': () => ({ name: 'B campaign' }),
  'PATCH /api/campaigns/{id}': () => ({ name: 'Hacked', version: 1 }),
  'POST /api/donations': (a) => ({ personId: a.personId, amount: 100, campaignId: a.campaignId, receivedOn: '2026-01-10' }),
  'PATCH /api/donations/{id}': () => ({ amount: 1, note: 'Hacked', version: 2 }),
  'POST /api/pledges': (a) => ({ personId: a.personId, amount: 100, frequency: 'monthly', startDate: '2026-01-01' }),
  'PATCH /api/pledges/{id}': () => ({ amount: 1, note: 'Hacked', version: 1 }),
  'PATCH /api/donor-reports/{id}': () => ({ title: 'Hacked', narrative: { summary: 'Hacked' }, version: 1 }),
  'POST /api/donor-reports': (a) => ({ grantId: a.grantId, title: 'B report', periodStart: '2026-01-01', periodEnd: '2026-03-31' }),
  'POST /api/setup': () => ({ organization: { name: 'Evil Org', slug: 'evil-org' }, user: { name: 'E', email: 'e@example.org', password: 'evil-password-1' } }),
  'POST /api/auth/signup': () => undefined, // creates a new account only; covered elsewhere
  'POST /api/auth/signin': (a) => ({ email: a.adminEmail, password: 'wrong-password' }),
  'PATCH /api/auth/me': () => ({ name: 'Still B' }),
  'POST /api/auth/password': () => ({ currentPassword: 'wrong-password', newPassword: 'another-password' }),
  'POST /api/orgs': () => ({ name: 'B Two', slug: `b-two-${Date.now()}` }),
  'POST /api/auth/switch-org': (a) => ({ orgId: a.orgId }),
  'PATCH /api/org': () => ({ name: 'B renamed', version: 1 }),
  'PATCH /api/members/{userId}': () => ({ role: 'viewer', version: 1 }),
  'POST /api/invitations': () => ({ email: 'invited-by-b@example.org', role: 'admin' }),
  'POST /api/invitations/accept': (a) => ({ token: a.invitationToken }),
  'POST /api/tokens': () => ({ name: 'b token' }),
  'POST /api/people': (a) => ({ fullName: 'B person', householdId: a.householdId, relationship: 'child' }),
  'PATCH /api/people/{id}': () => ({ fullName: 'Hacked', version: 1 }),
  'POST /api/households': () => ({ name: 'B household' }),
  'PATCH /api/households/{id}': () => ({ name: 'Hacked', version: 1 }),
  'PUT /api/households/{id}/members/{personId}': () => ({ relationship: 'head' }),
  'POST /api/imports': () => undefined, // a raw file upload creating B's own import; covered in imports.api.test.ts
  'PUT /api/imports/{id}/mapping': () => ({ mapping: { fullName: 0 }, version: 1 }),
  'POST /api/imports/{id}/validate': () => ({ version: 1 }),
  'POST /api/imports/{id}/start': () => ({ version: 1, mode: 'skip_bad' }),
  'POST /api/imports/{id}/undo': () => ({ version: 1 }),
  'POST /api/imports/{id}/cancel': () => ({ version: 1 }),
  'POST /api/duplicates/{id}/not-duplicate': () => ({ version: 1 }),
  'POST /api/duplicates/{id}/reopen': () => ({ version: 1 }),
  'POST /api/duplicates/{id}/merge': (a) => ({ version: 1, keepId: a.personId, take: { phone: 'merged' } }),
  'POST /api/people/check-duplicates': () => ({ fullName: 'Orang Rahasia A', birthDate: '1990-05-12', sex: 'female' }),
  'PUT /api/duplicates/settings': () => ({ reviewThreshold: 0.2, likelyThreshold: 0.6 }),
  'POST /api/programs': (a) => ({ name: 'B program', managerId: a.adminId, teamIds: [a.adminId] }),
  'PATCH /api/programs/{id}': () => ({ name: 'Hacked', version: 1 }),
  'POST /api/programs/{id}/results': (a) => ({ parentId: a.resultId, statement: 'B outcome' }),
  'PATCH /api/results/{id}': () => ({ statement: 'Hacked', version: 1 }),
  'POST /api/results/{id}/move': () => ({ position: 0, version: 1 }),
  'POST /api/results/{id}/indicators': () => ({ code: 'B1', name: 'B indicator', type: 'count' }),
  'PATCH /api/indicators/{id}': () => ({ name: 'Hacked', version: 1 }),
  'POST /api/programs/{id}/risks': (a) => ({ description: 'B risk', category: 'delay', likelihood: 2, impact: 2, ownerId: a.adminId }),
  'PATCH /api/risks/{id}': () => ({ description: 'Hacked', version: 1 }),
  'POST /api/indicators/{id}/values': () => ({ date: '2026-01-10', value: 1 }),
  'PATCH /api/values/{id}': () => ({ value: 99, version: 1 }),
  'POST /api/values/{id}/review': () => ({ decision: 'approve', version: 1 }),
  'PUT /api/monitoring/settings': () => ({ ageBands: [{ min: 0, max: null }], rule: { onTrack: 0.5, atRisk: 0.1 } }),
  'POST /api/programs/{id}/issues': (a) => ({ description: 'B issue', ownerId: a.adminId }),
  'PATCH /api/issues/{id}': () => ({ description: 'Hacked', status: 'resolved', version: 1 }),
  'POST /api/tasks': (a) => ({ programId: a.programId, title: 'B task', assigneeId: a.adminId, issueId: a.issueId }),
  'PATCH /api/tasks/{id}': (a) => ({ title: 'Hacked', status: 'done', resultId: a.resultId, version: 1 }),
  'POST /api/tasks/{id}/comments': () => ({ body: 'B was here' }),
  'POST /api/activities': (a) => ({ title: 'B activity', programId: a.programId, resultId: a.resultId, facilitatorIds: [a.adminId], startDate: '2026-03-02', startTime: '09:00', endTime: '10:00' }),
  'PATCH /api/activities/{id}': () => ({ title: 'Hacked', status: 'cancelled', cancelReason: 'B', version: 1 }),
  'PUT /api/activities/types': () => ({ custom: [{ code: 'b_type', label: { id: 'B', en: 'B' } }] }),
  'POST /api/activities/{id}/registrations': (a) => ({ personId: a.personId }),
  'POST /api/registrations/{id}/cancel': () => ({ version: 1, reason: 'B' }),
  'POST /api/registrations/{id}/restore': () => ({ version: 2 }),
  'POST /api/registrations/{id}/confirm': () => ({ version: 1 }),
  'PUT /api/activities/{id}/registration-link': () => ({ enabled: true, fields: [{ field: 'phone', required: true }], questions: [{ id: 'q1', label: 'B?' }] }),
  'POST /api/activities/{id}/registration-link/rotate': () => ({ version: 1 }),
  'POST /api/public/registration/{token}': () => ({ fullName: 'B visitor', consent: true, formToken: `${Date.now() - 60_000}.guessed` }),
  'PUT /api/activities/{id}/attendance/{personId}': () => ({ method: 'list' }),
  'POST /api/activities/{id}/attendance/code': (a) => ({ code: a.registrationCode }),
  'POST /api/activities/{id}/attendance/sheet': (a) => ({ personIds: [a.personId] }),
  'POST /api/volunteers': (a) => ({ personId: a.personId }),
  'PATCH /api/volunteers/{id}': () => ({ status: 'inactive', emergencyName: 'Hacked', version: 1 }),
  'PUT /api/volunteers/skills': () => ({ skills: [{ code: 'b_skill', label: { id: 'B', en: 'B' } }] }),
  'POST /api/activities/{id}/volunteer-roles': () => ({ name: 'B role', needed: 1 }),
  'PATCH /api/volunteer-roles/{id}': () => ({ name: 'Hacked', needed: 9, version: 1 }),
  'POST /api/volunteer-roles/{id}/assignments': (a) => ({ volunteerId: a.volunteerId }),
  'POST /api/volunteer-hours': (a) => ({ volunteerId: a.volunteerId, date: '2026-01-10', hours: 2, activityId: a.activityId, programId: a.programId }),
  'POST /api/volunteer-hours/{id}/review': () => ({ decision: 'reject', reason: 'B', version: 1 }),
  'PUT /api/finance/categories': () => ({ categories: [{ code: 'b_cat', label: { id: 'B', en: 'B' } }] }),
  'POST /api/programs/{id}/budget': () => ({ currency: 'IDR', periodKind: 'quarter', startDate: '2026-01-01', endDate: '2026-12-31' }),
  'PUT /api/programs/{id}/budget/lines': () => ({ version: 1, lines: [{ category: 'other', description: 'Hacked', grantId: null, spreadTotal: 1 }] }),
  'POST /api/programs/{id}/budget/revisions': () => ({ note: 'Hacked', version: 1 }),
  'POST /api/finance/expenses': (a) => ({ programId: a.programId, lineKey: a.lineKey, date: '2026-01-10', amount: '1', description: 'Hacked' }),
  'PATCH /api/finance/expenses/{id}': () => ({ description: 'Hacked', version: 1 }),
  'POST /api/finance/expenses/{id}/review': () => ({ decision: 'reject', reason: 'B', version: 1 }),
  'POST /api/finance/expenses/{id}/receipt': () => undefined, // a raw file upload; B's own id space is covered by the 404s of the other expense routes
  'POST /api/finance/expense-imports/preview': (a) => ({ programId: a.programId, lineKey: a.lineKey, csv: 'Tanggal,Keterangan,Jumlah\n2026-01-10,B,1\n' }),
  'POST /api/finance/expense-imports': (a) => ({ programId: a.programId, lineKey: a.lineKey, csv: 'Tanggal,Keterangan,Jumlah\n2026-01-10,B,1\n' }),
  'POST /api/v/{token}/hours': () => ({ date: '2026-01-10', hours: 1 }),
  'POST /api/activities/{id}/report': () => ({ summary: 'B report' }),
  'PATCH /api/activities/{id}/report': () => ({ summary: 'Hacked', version: 1 }),
  'PATCH /api/report-photos/{id}': () => ({ caption: 'Hacked', version: 1 }),
};

/** Routes answering a file, zipped or compressed: a leaked marker would not show in the bytes, so B must get no file. */
const FILE_ROUTES = ['GET /api/activities/{id}/sign-in-sheet.pdf', 'GET /api/programs/{id}/logframe.xlsx', 'GET /api/programs/{id}/logframe.pdf', 'GET /api/programs/{id}/dashboard.xlsx', 'GET /api/evidence/{id}', 'GET /api/volunteer-documents/{id}', 'GET /api/report-photos/{id}', 'GET /api/activities/{id}/report.pdf', 'GET /api/activities/{id}/report.docx', 'GET /api/finance/expenses/{id}/receipt', 'GET /api/finance/budget-vs-actual.xlsx', 'GET /api/donor-reports/{id}/report.pdf', 'GET /api/donor-reports/{id}/report.docx', 'GET /api/donor-reports/{id}/report.xlsx', 'GET /api/donations/{id}/receipt.pdf'];

/** The ids of A's records, by name (each feature adds its own). */
type Ids = Record<string, string>;

/** Which of A's ids fills `{id}` in a path, by the path's start (first match wins). */
const ID_BY_PREFIX: [string, string][] = [
  ['/api/funders', 'funderId'],
  ['/api/funder-contacts', 'contactId'],
  ['/api/funder-interactions', 'interactionId'],
  ['/api/opportunities', 'opportunityId'],
  ['/api/grants', 'grantId'],
  ['/api/grant-reports', 'grantReportId'],
  ['/api/campaigns', 'campaignId'],
  ['/api/donations', 'donationId'],
  ['/api/pledges', 'pledgeId'],
  ['/api/donor-reports', 'donorReportId'],
  ['/api/finance/expenses', 'expenseId'],
  ['/api/volunteers', 'volunteerId'],
  ['/api/volunteer-documents', 'documentId'],
  ['/api/volunteer-roles', 'roleId'],
  ['/api/volunteer-assignments', 'assignmentId'],
  ['/api/volunteer-hours', 'hoursId'],
  ['/api/v/', 'assignmentId'],
  ['/api/duplicates', 'pairId'],
  ['/api/merges', 'mergeId'],
  ['/api/imports', 'importId'],
  ['/api/people', 'personId'],
  ['/api/households', 'householdId'],
  ['/api/programs', 'programId'],
  ['/api/results', 'resultId'],
  ['/api/indicators', 'indicatorId'],
  ['/api/risks', 'riskId'],
  ['/api/values', 'valueId'],
  ['/api/evidence', 'evidenceId'],
  ['/api/report-photos', 'reportPhotoId'],
  ['/api/issues', 'issueId'],
  ['/api/tasks', 'taskId'],
  ['/api/activities', 'activityId'],
  ['/api/task-comments', 'commentId'],
  ['/api/registrations', 'registrationId'],
  ['/api/invitations', 'invitationId'],
];

function fillPath(path: string, a: Ids): string {
  return path
    .replace('{id}', a[ID_BY_PREFIX.find(([p]) => path.startsWith(p))?.[1] ?? 'tokenId'])
    .replace('{personId}', a.personId)
    .replace('{roleId}', a.roleId)
    .replace('{userId}', a.adminId)
    .replace('{entityType}/{entityId}', `person/${a.personId}`)
    // invitation tokens are secrets held by the invitee, not ids: B tries a guess
    .replace('{token}', 'i_guessed-token-of-someone-else')
    .replace('{code}', '32.04');
}

const QUERIES: Record<string, (a: Ids) => string> = {
  '/api/funders': () => '?q=Rahasia',
  '/api/opportunities': (a) => `?funderId=${a.funderId}&programId=${a.programId}&ownerId=${a.adminId}`,
  '/api/grants': (a) => `?funderId=${a.funderId}&programId=${a.programId}`,
  '/api/donations': (a) => `?q=Rahasia&personId=${a.personId}&campaignId=${a.campaignId}`,
  '/api/pledges': (a) => `?personId=${a.personId}`,
  '/api/people': (a) => `?householdId=${a.householdId}`,
  '/api/audit': (a) => `?entityId=${a.personId}`,
  '/api/households': () => '?q=Rahasia',
  '/api/programs': (a) => `?q=Rahasia&managerId=${a.adminId}`,
  '/api/activities': (a) => `?from=2026-01-01&to=2026-12-31&programId=${a.programId}&q=Rahasia`,
  // feed tokens are secrets held by the member, not ids: B tries a guess
  '/api/calendar/org.ics': () => '?token=cal_guessed',
  '/api/calendar/me.ics': () => '?token=cal_guessed',
  '/api/volunteers': (a) => `?q=Rahasia&personId=${a.personId}&skill=a_skill`,
  '/api/volunteer-hours': (a) => `?volunteerId=${a.volunteerId}&programId=${a.programId}`,
  '/api/volunteer-hours/report': (a) => `?from=2020-01-01&to=2030-12-31&volunteerId=${a.volunteerId}`,
  '/api/volunteer-hours/report.xlsx': (a) => `?from=2020-01-01&to=2030-12-31&programId=${a.programId}`,
  '/api/finance/funding-sources': (a) => `?programId=${a.programId}`,
  '/api/finance/expenses': (a) => `?programId=${a.programId}&lineKey=${a.lineKey}&grantId=${a.grantId}&q=Rahasia`,
  '/api/finance/budget-vs-actual': (a) => `?programId=${a.programId}`,
  '/api/finance/budget-vs-actual.xlsx': (a) => `?grantId=${a.grantId}`,
  '/api/tasks': (a) => `?programId=${a.programId}&assignee=${a.adminId}&issueId=${a.issueId}&q=Rahasia`,
};

describe.each(DATABASES)('tenant isolation on %s', (kind) => {
  let t: TestContext;
  let ids: Ids;
  let markers: string[];
  beforeAll(async () => {
    t = await testApp(kind);
    const a = await signUpWithOrg(t.app);
    const admin = await addMember(t.app, a, 'admin');
    const h = (await t.app.inject({ method: 'POST', url: '/api/households', headers: a.headers, payload: { name: 'Rumah Rahasia A', kkNumber: '3204050101100099' } })).json();
    const p = (
      await t.app.inject({
        method: 'POST',
        url: '/api/people',
        headers: a.headers,
        payload: { fullName: 'Orang Rahasia A', nik: '3204055205900009', sex: 'female', birthDate: '1990-05-12', householdId: h.id, relationship: 'head', phone: '081311112222' },
      })
    ).json();
    const inv = (await t.app.inject({ method: 'POST', url: '/api/invitations', headers: a.headers, payload: { email: 'undangan-a@example.org', role: 'staff' } })).json();
    const tok = (await t.app.inject({ method: 'POST', url: '/api/tokens', headers: a.headers, payload: { name: 'token A' } })).json();
    const imp = (
      await t.app.inject({ method: 'POST', url: '/api/imports?fileName=a.csv', headers: { ...a.headers, 'content-type': 'text/csv' }, payload: 'Nama,NIK\nOrang Rahasia A,3204055205900009\n' })
    ).json();
    // a duplicate pair of A's, merged once and undone (so A has a pair and a merge record)
    await t.app.inject({ method: 'POST', url: '/api/people', headers: a.headers, payload: { fullName: 'Orang Rahasia A', sex: 'female', birthDate: '1990-05-12', phone: '081399998888' } });
    const pair = (await t.app.inject({ url: '/api/duplicates', headers: a.headers })).json().items[0];
    const merged = (await t.app.inject({ method: 'POST', url: `/api/duplicates/${pair.id}/merge`, headers: a.headers, payload: { version: pair.version, keepId: p.id } })).json();
    await t.app.inject({ method: 'POST', url: `/api/merges/${merged.mergeId}/undo`, headers: a.headers, payload: {} });
    const program = (
      await t.app.inject({ method: 'POST', url: '/api/programs', headers: a.headers, payload: { name: 'Program Rahasia A', managerId: admin.userId, teamIds: [admin.userId], targetAreas: ['32.04'] } })
    ).json();
    const framework = (await t.app.inject({ method: 'POST', url: `/api/programs/${program.id}/results`, headers: a.headers, payload: { parentId: null, statement: 'Tujuan Rahasia A' } })).json();
    const indicator = (
      await t.app.inject({ method: 'POST', url: `/api/results/${framework.items[0].id}/indicators`, headers: a.headers, payload: { code: 'A1', name: 'Indikator Rahasia A', type: 'count', targets: [{ start: '2026-01-01', end: '2026-03-31', value: 5 }] } })
    ).json();
    const risk = (
      await t.app.inject({ method: 'POST', url: `/api/programs/${program.id}/risks`, headers: a.headers, payload: { description: 'Risiko Rahasia A', category: 'security', likelihood: 3, impact: 4, ownerId: admin.userId } })
    ).json();
    const value = (await t.app.inject({ method: 'POST', url: `/api/indicators/${indicator.id}/values`, headers: a.headers, payload: { date: '2026-01-10', value: 3, comment: 'Nilai Rahasia A' } })).json();
    const evidence = (
      await t.app.inject({ method: 'POST', url: `/api/values/${value.id}/evidence?fileName=bukti.pdf`, headers: { ...a.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 Bukti Rahasia A') })
    ).json();
    expect(evidence.id, 'A has evidence to hide').toEqual(expect.any(String));
    const issue = (await t.app.inject({ method: 'POST', url: `/api/programs/${program.id}/issues`, headers: a.headers, payload: { description: 'Isu Rahasia A', ownerId: admin.userId } })).json();
    const task = (
      await t.app.inject({ method: 'POST', url: '/api/tasks', headers: a.headers, payload: { programId: program.id, title: 'Tugas Rahasia A', assigneeId: admin.userId, issueId: issue.id, dueDate: '2020-01-01' } })
    ).json();
    const comment = (await t.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/comments`, headers: a.headers, payload: { body: 'Komentar Rahasia A' } })).json();
    const activity = (
      await t.app.inject({ method: 'POST', url: '/api/activities', headers: a.headers, payload: { title: 'Kegiatan Rahasia A', programId: program.id, resultId: framework.items[0].id, facilitatorIds: [admin.userId], startDate: '2026-03-02', startTime: '09:00', endTime: '10:00', repeat: { freq: 'weekly', weekdays: [1], count: 2 } } })
    ).json().item;
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/feed', headers: a.headers })).statusCode).toBe(200);
    // A's registration (with its code), attendance and public link
    const registration = (await t.app.inject({ method: 'POST', url: `/api/activities/${activity.id}/registrations`, headers: a.headers, payload: { personId: p.id } })).json().item;
    expect(registration.code, 'A has a registration to hide').toEqual(expect.any(String));
    expect((await t.app.inject({ method: 'PUT', url: `/api/activities/${activity.id}/attendance/${p.id}`, headers: a.headers, payload: { method: 'list' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PUT', url: `/api/activities/${activity.id}/registration-link`, headers: a.headers, payload: { enabled: true, fields: [], questions: [{ id: 'q1', label: 'Pertanyaan Rahasia A' }] } })).statusCode).toBe(200);
    // a volunteer of A's with a document, a role on A's activity, a shift, hours and a personal link
    await t.app.inject({ method: 'PUT', url: '/api/volunteers/skills', headers: a.headers, payload: { skills: [{ code: 'a_skill', label: { id: 'Keahlian Rahasia A', en: 'A' } }] } });
    const volunteer = (await t.app.inject({ method: 'POST', url: '/api/volunteers', headers: a.headers, payload: { personId: p.id, skills: ['a_skill'], emergencyName: 'Kontak Rahasia A', emergencyPhone: '081377776666' } })).json();
    const document = (
      await t.app.inject({ method: 'POST', url: `/api/volunteers/${volunteer.id}/documents?fileName=kode.pdf&kind=code_of_conduct`, headers: { ...a.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4 Dokumen Rahasia A') })
    ).json();
    const vrole = (await t.app.inject({ method: 'POST', url: `/api/activities/${activity.id}/volunteer-roles`, headers: a.headers, payload: { name: 'Peran Rahasia A', needed: 2 } })).json();
    const shift = (await t.app.inject({ method: 'POST', url: `/api/volunteer-roles/${vrole.id}/assignments`, headers: a.headers, payload: { volunteerId: volunteer.id } })).json();
    const hours = (await t.app.inject({ method: 'POST', url: '/api/volunteer-hours', headers: a.headers, payload: { volunteerId: volunteer.id, date: '2026-01-10', hours: 2, programId: program.id, note: 'Jam Rahasia A' } })).json();
    expect((await t.app.inject({ method: 'POST', url: `/api/volunteers/${volunteer.id}/link`, headers: a.headers })).statusCode).toBe(200);
    expect([volunteer.id, document.id, vrole.id, shift.id, hours.id].every((x) => typeof x === 'string'), 'A has volunteer records to hide').toBe(true);
    expect((await t.app.inject({ method: 'POST', url: `/api/activities/${activity.id}/report`, headers: a.headers, payload: { summary: 'Laporan Rahasia A' } })).statusCode).toBe(201);
    const photo = (await t.app.inject({ method: 'POST', url: `/api/activities/${activity.id}/report/photos?fileName=a.png&caption=Foto%20Rahasia%20A`, headers: { ...a.headers, 'content-type': 'image/png' }, payload: PNG })).json();
    expect(photo.id, 'A has a report photo to hide').toEqual(expect.any(String));
    // a budget of A's with a grant-funded line and an expense with a receipt
    const grantId = await insertGrant(t.db, a.orgId, { title: 'Hibah Rahasia A', programIds: [program.id] });
    await t.app.inject({ method: 'PATCH', url: `/api/programs/${program.id}`, headers: a.headers, payload: { startDate: '2026-01-01', endDate: '2026-12-31', version: program.version } });
    const bud = (await t.app.inject({ method: 'POST', url: `/api/programs/${program.id}/budget`, headers: a.headers, payload: { currency: 'IDR', periodKind: 'quarter' } })).json();
    const lines = (await t.app.inject({ method: 'PUT', url: `/api/programs/${program.id}/budget/lines`, headers: a.headers, payload: { version: bud.version, lines: [{ category: 'personnel', description: 'Pos Rahasia A', grantId, spreadTotal: 1000 }] } })).json();
    const expense = (await t.app.inject({ method: 'POST', url: '/api/finance/expenses', headers: a.headers, payload: { programId: program.id, lineKey: lines.lines[0].lineKey, date: '2026-01-10', amount: '5', payee: 'Penerima Rahasia A', description: 'Belanja Rahasia A' } })).json();
    expect(expense.id, 'A has a budget and an expense to hide').toEqual(expect.any(String));
    expect((await t.app.inject({ method: 'POST', url: `/api/finance/expenses/${expense.id}/receipt?fileName=struk.png`, headers: { ...a.headers, 'content-type': 'image/png' }, payload: PNG })).statusCode).toBe(200);
    // A's donor report on that grant
    const donorReport = (await t.app.inject({ method: 'POST', url: '/api/donor-reports', headers: a.headers, payload: { grantId, title: 'Laporan Donor Rahasia A', periodStart: '2026-01-01', periodEnd: '2026-03-31' } })).json();
    expect(donorReport.id, 'A has a donor report to hide').toEqual(expect.any(String));
    // a campaign of A's, a pledge and a gift with its receipt
    const campaign = (await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: a.headers, payload: { name: 'Kampanye Rahasia A', goalAmount: 100000 } })).json();
    const pledge = (await t.app.inject({ method: 'POST', url: '/api/pledges', headers: a.headers, payload: { personId: p.id, amount: 5000, frequency: 'monthly', startDate: '2026-01-31', note: 'Janji Rahasia A' } })).json();
    const donation = (await t.app.inject({ method: 'POST', url: '/api/donations', headers: a.headers, payload: { personId: p.id, amount: 5000, receivedOn: '2026-01-31', campaignId: campaign.id, pledgeId: pledge.id, note: 'Donasi Rahasia A' } })).json();
    expect([campaign.id, pledge.id, donation.receiptNumber].every((x) => typeof x === 'string'), 'A has donations to hide').toBe(true);
    // a funder of A's with a contact and a note, an awarded opportunity, a grant with its reports
    const funder = (await t.app.inject({ method: 'POST', url: '/api/funders', headers: a.headers, payload: { kind: 'foundation', name: 'Donor Rahasia A' } })).json();
    const contact = (await t.app.inject({ method: 'POST', url: `/api/funders/${funder.id}/contacts`, headers: a.headers, payload: { name: 'Kontak Donor Rahasia A' } })).json();
    const interaction = (await t.app.inject({ method: 'POST', url: `/api/funders/${funder.id}/interactions`, headers: a.headers, payload: { date: '2026-01-05', kind: 'meeting', summary: 'Catatan Rahasia A' } })).json();
    const opportunity = (await t.app.inject({ method: 'POST', url: '/api/opportunities', headers: a.headers, payload: { funderId: funder.id, title: 'Peluang Rahasia A', stage: 'awarded', deadline: '2026-01-20' } })).json();
    const grant = (await t.app.inject({ method: 'POST', url: '/api/grants', headers: a.headers, payload: { funderId: funder.id, title: 'Hibah Rahasia A', amount: 100, startDate: '2025-01-01', endDate: '2025-12-31', programIds: [program.id], schedule: { frequency: 'quarterly' } } })).json();
    expect([funder.id, contact.id, interaction.id, opportunity.id, grant.id].every((x) => typeof x === 'string'), 'A has funding records to hide').toBe(true);
    ids = { funderId: funder.id, contactId: contact.id, interactionId: interaction.id, opportunityId: opportunity.id, grantReportId: grant.reports[0].id, campaignId: campaign.id, donationId: donation.id, pledgeId: pledge.id, donorReportId: donorReport.id, expenseId: expense.id, lineKey: lines.lines[0].lineKey, grantId, reportPhotoId: photo.id, volunteerId: volunteer.id, documentId: document.id, roleId: vrole.id, assignmentId: shift.id, hoursId: hours.id, registrationId: registration.id, registrationCode: registration.code, activityId: activity.id, issueId: issue.id, taskId: task.id, commentId: comment.id, valueId: value.id, evidenceId: evidence.id, riskId: risk.id, indicatorId: indicator.id, resultId: framework.items[0].id, programId: program.id, pairId: pair.id, mergeId: merged.mergeId, importId: imp.id, orgId: a.orgId, personId: p.id, householdId: h.id, adminId: admin.userId, adminEmail: admin.email, invitationId: inv.id, invitationToken: inv.link.split('/invite/')[1], tokenId: tok.id };
    markers = ['Donor Rahasia A', 'Kontak Donor Rahasia A', 'Catatan Rahasia A', 'Peluang Rahasia A', 'Kampanye Rahasia A', 'Janji Rahasia A', 'Donasi Rahasia A', 'Laporan Donor Rahasia A', 'Pos Rahasia A', 'Penerima Rahasia A', 'Belanja Rahasia A', 'Hibah Rahasia A', 'Laporan Rahasia A', 'Foto Rahasia A', 'Peran Rahasia A', 'Jam Rahasia A', 'Dokumen Rahasia A', 'Kontak Rahasia A', 'Keahlian Rahasia A', 'Pertanyaan Rahasia A', 'Kegiatan Rahasia A', 'Nilai Rahasia A', 'Bukti Rahasia A', 'Orang Rahasia A', 'Rumah Rahasia A', 'Program Rahasia A', 'Tujuan Rahasia A', 'Indikator Rahasia A', 'Risiko Rahasia A', 'Isu Rahasia A', 'Tugas Rahasia A', 'Komentar Rahasia A', 'undangan-a@example.org', admin.email, '3204055205900009', '+6281311112222', `Org `];
  });
  afterAll(() => t?.close());

  async function snapshotA() {
    const out: Record<string, unknown> = {};
    for (const table of ['people', 'households', 'memberships', 'invitations', 'api_tokens', 'audit_log', 'mail_outbox', 'imports', 'import_problems', 'import_mappings', 'jobs', 'person_keys', 'duplicate_pairs', 'merges', 'programs', 'program_team', 'results', 'indicators', 'indicator_targets', 'risks', 'indicator_values', 'value_evidence', 'program_issues', 'tasks', 'task_comments', 'data_versions', 'computed_results', 'activity_series', 'activities', 'activity_facilitators', 'calendar_feeds', 'activity_registrations', 'attendance', 'registration_links', 'volunteers', 'volunteer_documents', 'volunteer_roles', 'volunteer_assignments', 'volunteer_hours', 'activity_reports', 'activity_report_photos', 'budgets', 'budget_versions', 'budget_lines', 'expenses', 'funders', 'grants', 'grant_programs', 'donor_reports', 'campaigns', 'pledges', 'donations', 'receipt_counters', 'funder_contacts', 'funder_interactions', 'opportunities', 'grant_reports']) {
      out[table] = (await t.db.query(`SELECT * FROM ${table} WHERE org_id = $1 ORDER BY 1, 2`, [ids.orgId])).rows;
    }
    out.organization = (await t.db.query('SELECT * FROM organizations WHERE id = $1', [ids.orgId])).rows;
    return JSON.stringify(out);
  }

  it('every route refuses organisation A’s ids to a member of organisation B', async () => {
    const b = await signUpWithOrg(t.app);
    const bToken = (await t.app.inject({ method: 'POST', url: '/api/tokens', headers: b.headers, payload: { name: 'b' } })).json().token;
    const before = await snapshotA();
    const doc = (await t.app.inject('/api/openapi.json')).json();
    const calls: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, { requestBody?: unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        let payload: unknown;
        if (op.requestBody) {
          const sample = SAMPLE_BODIES[key];
          expect(sample, `add a sample body for ${key} to tenant.test.ts`).toBeDefined();
          payload = sample(ids);
          if (payload === undefined) continue;
        }
        const url = fillPath(path, ids) + (method === 'get' ? (QUERIES[path]?.(ids) ?? '') : '');
        for (const auth of [b.headers, { authorization: `Bearer ${bToken}`, 'accept-language': 'en' }]) {
          const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: auth, payload: payload as object });
          calls.push(`${key} ${res.statusCode}`);
          expect(res.statusCode, `${key} answered ${res.statusCode}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (FILE_ROUTES.includes(key)) expect([401, 404], key).toContain(res.statusCode); // 401 once B's cookie signed out
          for (const m of markers.slice(0, -5)) expect(res.body, `${key} leaked ${m}`).not.toContain(m);
          if (res.statusCode >= 400) expect(res.json().error.code, key).toEqual(expect.any(String));
        }
      }
    }
    expect(calls.length).toBeGreaterThan(40);
    for (const route of FILE_ROUTES) expect(calls).toContain(`${route} 404`);
    expect(await snapshotA()).toBe(before);
    // what B can read is only B's own data (the cookie session ended at signout; the token remains)
    const people = (await t.app.inject({ url: '/api/people', headers: { authorization: `Bearer ${bToken}` } })).json();
    expect(people.total).toBe(0); // 'B person' pointed at A's household and was refused
    expect(calls).toContain('POST /api/people 400');
    // a task pointing at A's program (and its issue) is refused as a field error; A's task is not found
    expect(calls).toContain('POST /api/tasks 400');
    expect(calls).toContain('PATCH /api/tasks/{id} 404');
    expect(calls).toContain('DELETE /api/task-comments/{id} 404');
    // funding: A's funder, person, program and opportunity are refused as fields; A's records are not found
    expect(calls).toContain('POST /api/funders 400');
    expect(calls).toContain('POST /api/opportunities 400');
    expect(calls).toContain('POST /api/grants 400');
    expect(calls).toContain('GET /api/funders/{id} 404');
    expect(calls).toContain('PATCH /api/grant-reports/{id} 404');
    expect(calls).toContain('POST /api/grants/{id}/schedule 404');
    // an activity pointing at A's program, result and member is refused; A's activity is not found
    expect(calls).toContain('POST /api/activities 400');
    expect(calls).toContain('PATCH /api/activities/{id} 404');
    expect(calls).toContain('DELETE /api/activities/{id} 404');
    expect(calls).toContain('GET /api/calendar/org.ics 404');
    // A's registration, its code, its attendance and its link are out of B's reach
    expect(calls).toContain('GET /api/registrations/{id} 404');
    expect(calls).toContain('POST /api/registrations/{id}/cancel 404');
    expect(calls).toContain('POST /api/activities/{id}/registrations 404');
    expect(calls).toContain('POST /api/activities/{id}/attendance/code 404');
    expect(calls).toContain('DELETE /api/activities/{id}/attendance/{personId} 404');
    expect(calls).toContain('GET /api/activities/{id}/registration-link 404');
    expect(calls).toContain('GET /api/people/{id}/participation 404');
    expect(calls).toContain('GET /api/public/registration/{token} 404');
    // volunteers: A's person, volunteer, role, shift, hours and link are out of B's reach
    expect(calls).toContain('POST /api/volunteers 400');
    expect(calls).toContain('PATCH /api/volunteers/{id} 404');
    expect(calls).toContain('POST /api/volunteers/{id}/link 404');
    expect(calls).toContain('GET /api/activities/{id}/volunteer-roles 404');
    expect(calls).toContain('POST /api/activities/{id}/volunteer-roles 404');
    expect(calls).toContain('GET /api/volunteer-roles/{id}/suggestions 404');
    expect(calls).toContain('POST /api/volunteer-roles/{id}/assignments 404');
    expect(calls).toContain('DELETE /api/volunteer-assignments/{id} 404');
    expect(calls).toContain('POST /api/volunteer-hours 400');
    expect(calls).toContain('POST /api/volunteer-hours/{id}/review 404');
    expect(calls).toContain('GET /api/v/{token} 404');
    // A's activity report, its figures and photos are not found
    for (const c of ['GET /api/activities/{id}/figures 404', 'GET /api/activities/{id}/report 404', 'POST /api/activities/{id}/report 404', 'PATCH /api/activities/{id}/report 404', 'DELETE /api/activities/{id}/report 404', 'POST /api/activities/{id}/report/restore 404', 'PATCH /api/report-photos/{id} 404', 'DELETE /api/report-photos/{id} 404', 'POST /api/report-photos/{id}/restore 404']) expect(calls).toContain(c);
    const photo = await t.app.inject({ method: 'POST', url: `/api/activities/${ids.activityId}/report/photos?fileName=b.png&caption=B`, headers: { authorization: `Bearer ${bToken}`, 'content-type': 'image/png' }, payload: PNG });
    expect(photo.statusCode, 'a photo added to A’s report').toBe(404);
    expect(people.items.every((p: { fullName: string }) => p.fullName !== 'Orang Rahasia A')).toBe(true);
  });

  it('row-level security hides other organisations even from a query without org_id', async () => {
    const b = await signUpWithOrg(t.app);
    const seen = await withTenant(t.db, b.orgId, async (tx) => (await tx.query<{ org_id: string }>('SELECT org_id FROM people UNION ALL SELECT org_id FROM households UNION ALL SELECT org_id FROM audit_log')).rows);
    expect(seen.every((r) => r.org_id === b.orgId)).toBe(true);
    const write = withTenant(t.db, b.orgId, (tx) => tx.query(`UPDATE people SET full_name = 'x' WHERE id = $1 RETURNING id`, [ids.personId]));
    expect((await write).rows).toEqual([]);
    await expect(withTenant(t.db, b.orgId, (tx) => tx.query(`INSERT INTO people (org_id, id, full_name, search_name) VALUES ($1, gen_random_uuid(), 'x', 'x')`, [ids.orgId]))).rejects.toThrow(/row-level security/);
  });
});
