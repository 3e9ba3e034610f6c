import type { z } from 'zod';
import { expenseAmounts } from '../../../domain/budgets.ts';
import type { Expense, ExpenseCreate, ExpenseReview, ExpenseUpdate, ExpensesQuery } from '../../../domain/contracts/finance.ts';
import { MoneyError, fromMinor, minorFromDb as num } from '../../../domain/money.ts';
import { can } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { IMAGE_AND_PDF_TYPES, checkUpload, cleanFileName } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { CursorShapes, cappedCount, capTotal, decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { budgetRow, checkFunding } from './budgets.service.ts';

/**
 * Expenses (issue 6 point 5): the original amount and currency, the rate used and the amount in
 * the budget's currency; a budget line (by key, whatever version is current), a funding source,
 * an optional activity, a payee and a receipt (photo or PDF checked by its bytes). Submitted,
 * then approved or rejected with a reason, never by the member who submitted it.
 */

type Row = Record<string, any>;

const COLUMNS = `e.id, e.budget_id, b.program_id, p.name AS program_name, e.line_key, l.description AS line_description, l.category AS line_category,
  e.expense_date::text AS expense_date, e.original_amount, e.original_currency, e.rate, e.amount, e.currency, e.grant_id, g.title AS grant_title,
  e.activity_id, a.title AS activity_title, e.payee, e.description, e.status, e.review_reason, e.reviewed_by, ru.name AS reviewed_by_name, e.reviewed_at,
  e.receipt_name, e.receipt_type, e.receipt_size, e.source, e.created_by, cu.name AS created_by_name, e.version, e.created_at, e.deleted_at`;
/** The line as the latest version of its budget has it. */
const FROM = `expenses e JOIN budgets b ON b.org_id = e.org_id AND b.id = e.budget_id JOIN programs p ON p.org_id = b.org_id AND p.id = b.program_id
  LEFT JOIN LATERAL (SELECT l.description, l.category FROM budget_lines l JOIN budget_versions v ON v.org_id = l.org_id AND v.id = l.version_id
     WHERE l.org_id = e.org_id AND v.budget_id = e.budget_id AND l.line_key = e.line_key ORDER BY v.number DESC LIMIT 1) l ON true
  LEFT JOIN grants g ON g.org_id = e.org_id AND g.id = e.grant_id
  LEFT JOIN activities a ON a.org_id = e.org_id AND a.id = e.activity_id AND a.deleted_at IS NULL
  LEFT JOIN users ru ON ru.id = e.reviewed_by LEFT JOIN users cu ON cu.id = e.created_by`;

const toExpense = (r: Row): Expense => ({
  id: r.id,
  program: { id: r.program_id, name: r.program_name },
  budgetId: r.budget_id,
  line: { lineKey: r.line_key, description: r.line_description ?? '', category: r.line_category ?? '' },
  date: r.expense_date,
  originalAmount: num(r.original_amount),
  originalCurrency: r.original_currency,
  rate: r.rate,
  amount: num(r.amount),
  currency: r.currency,
  grant: r.grant_id ? { id: r.grant_id, title: r.grant_title ?? '' } : null,
  activity: r.activity_title != null ? { id: r.activity_id, title: r.activity_title } : null,
  payee: r.payee,
  description: r.description,
  status: r.status,
  reviewReason: r.review_reason,
  reviewedBy: r.reviewed_by ? { id: r.reviewed_by, name: r.reviewed_by_name ?? '' } : null,
  reviewedAt: r.reviewed_at,
  receipt: r.receipt_name ? { fileName: r.receipt_name, contentType: r.receipt_type, size: r.receipt_size } : null,
  source: r.source,
  submittedBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  version: r.version,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

export async function getExpense(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.org_id = $1 AND e.id = $2 AND b.deleted_at IS NULL ${includeDeleted ? '' : 'AND e.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toExpense(rows[0]);
}

/** Newest expense date first; search in description and payee; the approval queue is what others submitted. */
export async function listExpenses(tx: Queryable, actor: Actor, q: z.output<typeof ExpensesQuery>) {
  const params: unknown[] = [actor.orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['e.org_id = $1', 'e.deleted_at IS NULL', 'b.deleted_at IS NULL', 'p.deleted_at IS NULL'];
  if (q.q) where.push(`(e.description ILIKE ${p(`%${q.q.replace(/[\\%_]/g, '\\$&')}%`)} OR e.payee ILIKE $${params.length})`);
  if (q.programId) where.push(`b.program_id = ${p(q.programId)}`);
  if (q.status) where.push(`e.status = ${p(q.status)}`);
  if (q.lineKey) where.push(`e.line_key = ${p(q.lineKey)}`);
  if (q.grantId) where.push(`e.grant_id = ${p(q.grantId)}`);
  if (q.from) where.push(`e.expense_date >= ${p(q.from)}::date`);
  if (q.to) where.push(`e.expense_date <= ${p(q.to)}::date`);
  if (q.waitingForMe) {
    if (!can(actor.role, 'expenses.approve')) where.push('false');
    where.push(`e.status = 'submitted' AND e.created_by IS DISTINCT FROM ${p(actor.userId || null)}::uuid`);
  }
  const filterParams = params.length;
  const { rows: count } = await tx.query<{ count: number }>(cappedCount(`FROM ${FROM} WHERE ${where.join(' AND ')}`), params.slice(0, filterParams));
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  if (cursor) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cursor[0])) throw new AppError(400, 'validation_failed', {}, { cursor: { code: 'invalid' } });
    where.push(`(e.expense_date, e.id) < (${p(cursor[0])}::date, ${p(cursor[1])}::uuid)`);
  }
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY e.expense_date DESC, e.id DESC LIMIT ${p(q.limit + 1)}`, params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(toExpense), nextCursor: more ? encodeCursor([page[page.length - 1].expense_date, page[page.length - 1].id]) : null, ...capTotal(count[0].count) };
}

const auditView = (e: Expense) => ({
  programId: e.program.id,
  lineKey: e.line.lineKey,
  date: e.date,
  originalAmount: e.originalAmount,
  originalCurrency: e.originalCurrency,
  rate: e.rate,
  amount: e.amount,
  currency: e.currency,
  grantId: e.grant?.id ?? null,
  activityId: e.activity?.id ?? null,
  payee: e.payee,
  description: e.description,
  status: e.status,
});

type Resolved = { budgetId: string; lineKey: string; category: string; grantId: string | null; amounts: ReturnType<typeof expenseAmounts>; activityId: string | null };

/** Checks an expense's references and works out its amounts: the line of the program's budget, the funding source, the activity, the conversion. */
export async function resolveExpense(
  tx: Queryable,
  orgId: string,
  input: { programId: string; lineKey: string; date: string; amount: string; currency: string; rate?: string | null; grantId?: string | null; activityId?: string | null },
): Promise<Resolved> {
  const fields: Record<string, FieldProblem> = {};
  const budget = await budgetRow(tx, orgId, input.programId);
  const { rows: prog } = await tx.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.programId]);
  if (!prog.length) failOn({ programId: { code: 'not_found' } });
  if (!budget) failOn({ programId: { code: 'no_budget' } });
  const { rows: lines } = await tx.query<{ category: string; grant_id: string | null }>(
    `SELECT l.category, l.grant_id FROM budget_lines l JOIN budget_versions v ON v.org_id = l.org_id AND v.id = l.version_id
      WHERE l.org_id = $1 AND v.budget_id = $2 AND l.line_key = $3 ORDER BY v.number DESC LIMIT 1`,
    [orgId, budget!.id, input.lineKey],
  );
  if (!lines[0]) failOn({ lineKey: { code: 'not_found' } });
  const line = lines[0];
  const grantId = input.grantId === undefined ? line.grant_id : input.grantId;
  await checkFunding(tx, orgId, input.programId, grantId, line.category, 'grantId', fields);
  if (input.activityId) {
    const { rows } = await tx.query('SELECT 1 FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, input.activityId]);
    if (!rows.length) fields.activityId = { code: 'not_found' };
  }
  if (input.date > (await orgToday(tx, orgId))) fields.date = { code: 'future_date' };
  let amounts: ReturnType<typeof expenseAmounts> | null = null;
  try {
    if (input.currency !== budget!.currency && !input.rate) fields.rate = { code: 'rate_required', params: { from: input.currency, to: budget!.currency } };
    else amounts = expenseAmounts({ amount: input.amount, currency: input.currency, rate: input.rate }, budget!.currency);
    if (amounts && amounts.originalAmount <= 0) fields.amount = { code: 'too_small', params: { min: 0 } };
  } catch (err) {
    if (!(err instanceof MoneyError)) throw err;
    if (err.code === 'invalid_rate') fields.rate = { code: 'invalid_rate' };
    else fields.amount = { code: err.code === 'amount_too_large' ? 'amount_too_large' : 'invalid_amount' };
  }
  failOn(fields);
  return { budgetId: budget!.id, lineKey: input.lineKey, category: line.category, grantId, amounts: amounts!, activityId: input.activityId ?? null };
}

export async function insertExpense(tx: Queryable, actor: Actor, r: Resolved, input: { date: string; payee?: string | null; description: string }, source: 'form' | 'import') {
  const id = uuidv7();
  const a = r.amounts;
  await tx.query(
    `INSERT INTO expenses (org_id, id, budget_id, line_key, expense_date, original_amount, original_currency, rate, amount, currency, grant_id, activity_id, payee, description, source, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [actor.orgId, id, r.budgetId, r.lineKey, input.date, a.originalAmount, a.originalCurrency, a.rate, a.amount, a.currency, r.grantId, r.activityId, input.payee ?? null, input.description, source, actor.userId || null],
  );
  return id;
}

export async function createExpense(tx: Queryable, actor: Actor, input: z.output<typeof ExpenseCreate>) {
  const r = await resolveExpense(tx, actor.orgId, input);
  const id = await insertExpense(tx, actor, r, input, 'form');
  const created = await getExpense(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'expense', entityId: id, after: auditView(created) });
  return created;
}

/** Only the submitter or an approver may change an expense: a submitted one is corrected, a rejected one corrected and sent again; an approved one is in the books. */
function mayChange(actor: Actor, e: Expense) {
  if (e.submittedBy?.id !== actor.userId && !can(actor.role, 'expenses.approve')) throw new AppError(403, 'not_your_expense');
  if (e.status === 'approved') throw new AppError(409, 'expense_reviewed');
}

export async function updateExpense(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ExpenseUpdate>) {
  const before = await getExpense(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  mayChange(actor, before);
  const amountChanged = input.amount !== undefined || input.currency !== undefined || input.rate !== undefined;
  const r = await resolveExpense(tx, actor.orgId, {
    programId: before.program.id,
    lineKey: input.lineKey ?? before.line.lineKey,
    date: input.date ?? before.date,
    amount: input.amount ?? fromMinor(before.originalAmount, before.originalCurrency),
    currency: input.currency ?? before.originalCurrency,
    rate: amountChanged ? input.rate : before.rate,
    grantId: input.grantId !== undefined ? input.grantId : before.grant?.id ?? null,
    activityId: input.activityId !== undefined ? input.activityId : before.activity?.id ?? null,
  });
  const a = r.amounts;
  const { rows } = await tx.query(
    // a change to a rejected expense sends it back for review, without the old decision
    `UPDATE expenses SET line_key = $4, expense_date = $5, original_amount = $6, original_currency = $7, rate = $8, amount = $9, grant_id = $10, activity_id = $11, payee = $12, description = $13,
            status = 'submitted', review_reason = NULL, reviewed_by = NULL, reviewed_at = NULL, edited_by = $14, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL AND status IN ('submitted', 'rejected') RETURNING id`,
    [actor.orgId, id, input.version, r.lineKey, input.date ?? before.date, a.originalAmount, a.originalCurrency, a.rate, a.amount, r.grantId, r.activityId, input.payee !== undefined ? input.payee : before.payee, input.description ?? before.description, actor.userId],
  );
  if (!rows.length) throw conflict();
  const after = await getExpense(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'expense', entityId: id, ...changed(auditView(before), auditView(after)) });
  return after;
}

/** Approve or reject (with a reason). Nobody reviews their own expense, whatever their role. */
export async function reviewExpense(tx: Queryable, actor: Actor, id: string, input: z.output<typeof ExpenseReview>) {
  const before = await getExpense(tx, actor.orgId, id);
  if (before.submittedBy?.id && before.submittedBy.id === actor.userId) throw new AppError(403, 'own_expense');
  // whoever last changed the figures does not review them either
  const { rows: editor } = await tx.query<{ edited_by: string | null }>('SELECT edited_by FROM expenses WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
  if (editor[0]?.edited_by === actor.userId) throw new AppError(403, 'edited_expense');
  if (before.version !== input.version) throw conflict();
  if (before.status !== 'submitted') throw new AppError(409, 'expense_reviewed');
  if (input.decision === 'reject' && !input.reason) failOn({ reason: { code: 'reject_reason_required' } });
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const { rows } = await tx.query(
    `UPDATE expenses SET status = $4, review_reason = $5, reviewed_by = $6, reviewed_at = now(), version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL AND status = 'submitted' AND created_by IS DISTINCT FROM $6 AND edited_by IS DISTINCT FROM $6 RETURNING id`,
    [actor.orgId, id, input.version, status, status === 'rejected' ? input.reason : null, actor.userId],
  );
  if (!rows.length) throw conflict();
  await audit(tx, actor, { action: input.decision, entityType: 'expense', entityId: id, before: { status: before.status }, after: { status, reason: status === 'rejected' ? input.reason : null } });
  return getExpense(tx, actor.orgId, id);
}

export async function setExpenseDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  const e = await getExpense(tx, actor.orgId, id, true);
  if (Boolean(e.deletedAt) === deleted) throw notFound();
  // an approved expense is part of the books: only an approver may remove it
  if (e.status === 'approved' && !can(actor.role, 'expenses.approve')) throw new AppError(403, 'forbidden');
  if (e.submittedBy?.id !== actor.userId && !can(actor.role, 'expenses.approve')) throw new AppError(403, 'not_your_expense');
  await tx.query(`UPDATE expenses SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'expense', entityId: id });
  return getExpense(tx, actor.orgId, id, true);
}

/** Attaches (or replaces) the receipt: a photo or a PDF, checked by its first bytes. */
export async function setReceipt(tx: Queryable, actor: Actor, id: string, file: { fileName: string; contentType: string; content: Buffer }) {
  const before = await getExpense(tx, actor.orgId, id);
  mayChange(actor, before);
  checkUpload(file, IMAGE_AND_PDF_TYPES);
  const name = cleanFileName(file.fileName, file.contentType);
  await tx.query(
    'UPDATE expenses SET receipt_name = $3, receipt_type = $4, receipt_size = $5, receipt = $6, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2',
    [actor.orgId, id, name, file.contentType, file.content.length, file.content],
  );
  await audit(tx, actor, { action: 'attach_receipt', entityType: 'expense', entityId: id, after: { fileName: name, contentType: file.contentType, size: file.content.length } });
  return getExpense(tx, actor.orgId, id);
}

export async function getReceipt(tx: Queryable, orgId: string, id: string) {
  await getExpense(tx, orgId, id);
  const { rows } = await tx.query<{ file_name: string; content_type: string; content: Uint8Array }>(
    'SELECT receipt_name AS file_name, receipt_type AS content_type, receipt AS content FROM expenses WHERE org_id = $1 AND id = $2 AND receipt IS NOT NULL',
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}
