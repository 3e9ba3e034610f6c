import type { z } from 'zod';
import { DEFAULT_BUDGET_CATEGORIES, budgetPeriods, diffVersions, spread } from '../../../domain/budgets.ts';
import type { Budget, BudgetCategories, BudgetCategoriesUpdate, BudgetCreate, BudgetLinesUpdate, BudgetRevise, FundingSources } from '../../../domain/contracts/finance.ts';
import { minorFromDb as n, sum } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

/**
 * Budgets (issue 6 point 4): one per program, in one currency, with versions (1 = the original,
 * then revisions that start as a copy; all but the latest are locked) of lines by category, each
 * funded by a grant linked to the program or by unrestricted funds, with amounts per period.
 */

type Row = Record<string, any>;

// ---- categories (organizations.settings.budgetCategories) ----

export async function budgetCategories(tx: Queryable, orgId: string): Promise<BudgetCategories> {
  const { rows } = await tx.query<{ settings: { budgetCategories?: BudgetCategories['categories'] } }>('SELECT settings FROM organizations WHERE id = $1', [orgId]);
  return { categories: rows[0]?.settings?.budgetCategories ?? DEFAULT_BUDGET_CATEGORIES };
}

export async function setBudgetCategories(tx: Queryable, actor: Actor, input: z.output<typeof BudgetCategoriesUpdate>): Promise<BudgetCategories> {
  const before = await budgetCategories(tx, actor.orgId);
  const fields: Record<string, FieldProblem> = {};
  const seen = new Set<string>();
  input.categories.forEach((c, i) => {
    if (seen.has(c.code)) fields[`categories.${i}.code`] = { code: 'type_code_taken' };
    seen.add(c.code);
  });
  failOn(fields);
  await tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{budgetCategories}', $2::jsonb), updated_at = now() WHERE id = $1`, [actor.orgId, JSON.stringify(input.categories)]);
  await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { budgetCategories: before.categories }, after: { budgetCategories: input.categories } });
  return { categories: input.categories };
}

// ---- funding sources ----

/** The grants linked to a program (grant_programs), then the organisation's unrestricted funds. */
export async function fundingSources(tx: Queryable, orgId: string, programId: string): Promise<FundingSources> {
  await liveProgram(tx, orgId, programId);
  const { rows } = await tx.query<Row>(
    `SELECT g.id, g.title, f.name AS funder, g.currency, g.amount, g.start_date::text AS start_date, g.end_date::text AS end_date, g.allowed_categories
       FROM grant_programs gp JOIN grants g ON g.org_id = gp.org_id AND g.id = gp.grant_id AND g.deleted_at IS NULL
       JOIN funders f ON f.org_id = g.org_id AND f.id = g.funder_id
      WHERE gp.org_id = $1 AND gp.program_id = $2 AND g.status <> 'closed' ORDER BY g.title, g.id`,
    [orgId, programId],
  );
  return {
    sources: [
      ...rows.map((r) => ({ grantId: r.id, title: r.title, funder: r.funder, currency: r.currency, amount: n(r.amount), startDate: r.start_date, endDate: r.end_date, allowedCategories: r.allowed_categories ?? [] })),
      { grantId: null, title: 'unrestricted', funder: null, currency: null, amount: null, startDate: null, endDate: null, allowedCategories: [] },
    ],
  };
}

/**
 * Checks a funding source for a program and a category: the grant must be linked to the
 * program, and its allowed categories (when it has any) must include the category.
 */
export async function checkFunding(tx: Queryable, orgId: string, programId: string, grantId: string | null, category: string, field: string, fields: Record<string, FieldProblem>) {
  if (!grantId) return;
  const { rows } = await tx.query<{ title: string; allowed_categories: string[] }>(
    `SELECT g.title, g.allowed_categories FROM grants g JOIN grant_programs gp ON gp.org_id = g.org_id AND gp.grant_id = g.id AND gp.program_id = $3
      WHERE g.org_id = $1 AND g.id = $2 AND g.deleted_at IS NULL`,
    [orgId, grantId, programId],
  );
  if (!rows[0]) fields[field] = { code: 'grant_not_for_program' };
  else if (rows[0].allowed_categories?.length && !rows[0].allowed_categories.includes(category)) fields[field] = { code: 'grant_category_not_allowed', params: { grant: rows[0].title, category } };
}

// ---- budgets ----

async function liveProgram(tx: Queryable, orgId: string, programId: string) {
  const { rows } = await tx.query<{ name: string; start_date: string | null; end_date: string | null }>(
    'SELECT name, start_date::text AS start_date, end_date::text AS end_date FROM programs WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL',
    [orgId, programId],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

type BudgetRow = { id: string; program_id: string; program_name: string; currency: string; period_kind: 'month' | 'quarter' | 'year'; start_date: string; end_date: string; version: number; deleted_at: string | null };

export async function budgetRow(tx: Queryable, orgId: string, programId: string, includeDeleted = false): Promise<BudgetRow | null> {
  const { rows } = await tx.query<BudgetRow>(
    `SELECT b.id, b.program_id, p.name AS program_name, b.currency, b.period_kind, b.start_date::text AS start_date, b.end_date::text AS end_date, b.version, b.deleted_at
       FROM budgets b JOIN programs p ON p.org_id = b.org_id AND p.id = b.program_id AND p.deleted_at IS NULL
      WHERE b.org_id = $1 AND b.program_id = $2 ${includeDeleted ? '' : 'AND b.deleted_at IS NULL'} ORDER BY b.deleted_at DESC NULLS FIRST LIMIT 1`,
    [orgId, programId],
  );
  return rows[0] ?? null;
}

type LineRow = { id: string; line_key: string; category: string; description: string; grant_id: string | null; grant_title: string | null; amounts: unknown; amount: string | number };

export async function versionLines(tx: Queryable, orgId: string, versionId: string) {
  const { rows } = await tx.query<LineRow>(
    `SELECT l.id, l.line_key, l.category, l.description, l.grant_id, g.title AS grant_title, l.amounts, l.amount
       FROM budget_lines l LEFT JOIN grants g ON g.org_id = l.org_id AND g.id = l.grant_id
      WHERE l.org_id = $1 AND l.version_id = $2 ORDER BY l.position, l.id`,
    [orgId, versionId],
  );
  return rows.map((r) => ({
    id: r.id,
    lineKey: r.line_key,
    category: r.category,
    description: r.description,
    grant: r.grant_id ? { id: r.grant_id, title: r.grant_title ?? '' } : null,
    amounts: ((typeof r.amounts === 'string' ? JSON.parse(r.amounts) : r.amounts) as { period: string; amount: number }[]).map((a) => ({ period: a.period, amount: n(a.amount) })),
    amount: n(r.amount),
  }));
}

async function versionsOf(tx: Queryable, orgId: string, budgetId: string) {
  const { rows } = await tx.query<Row>(
    `SELECT v.id, v.number, v.note, v.locked, v.created_at, coalesce((SELECT sum(l.amount) FROM budget_lines l WHERE l.org_id = v.org_id AND l.version_id = v.id), 0)::text AS total
       FROM budget_versions v WHERE v.org_id = $1 AND v.budget_id = $2 ORDER BY v.number`,
    [orgId, budgetId],
  );
  return rows.map((r) => ({ id: r.id as string, number: r.number as number, note: r.note as string | null, locked: r.locked as boolean, total: n(r.total), createdAt: r.created_at as string }));
}

/** The program's budget with the lines of a version (the latest unless asked) and its difference from the one before; null when none. */
export async function findBudget(tx: Queryable, orgId: string, programId: string, versionNumber?: number): Promise<Budget | null> {
  await liveProgram(tx, orgId, programId);
  const b = await budgetRow(tx, orgId, programId);
  if (!b) return null;
  return budgetView(tx, orgId, b, versionNumber);
}

async function budgetView(tx: Queryable, orgId: string, b: BudgetRow, versionNumber?: number): Promise<Budget> {
  const versions = await versionsOf(tx, orgId, b.id);
  const current = versionNumber ? versions.find((v) => v.number === versionNumber) : versions[versions.length - 1];
  if (!current) throw notFound();
  const lines = await versionLines(tx, orgId, current.id);
  const prev = versions.find((v) => v.number === current.number - 1);
  let diff: Budget['diff'] = null;
  if (prev) diff = { from: prev.number, to: current.number, ...diffVersions(await versionLines(tx, orgId, prev.id), lines) };
  return {
    id: b.id,
    program: { id: b.program_id, name: b.program_name },
    currency: b.currency,
    periodKind: b.period_kind,
    startDate: b.start_date,
    endDate: b.end_date,
    periods: budgetPeriods(b.start_date, b.end_date, b.period_kind),
    versions,
    current,
    lines,
    total: sum(lines.map((l) => l.amount)),
    diff,
    version: b.version,
    deletedAt: b.deleted_at,
  };
}

export async function getBudget(tx: Queryable, orgId: string, programId: string) {
  const b = await findBudget(tx, orgId, programId);
  if (!b) throw notFound();
  return b;
}

export async function createBudget(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof BudgetCreate>) {
  const program = await liveProgram(tx, actor.orgId, programId);
  if (await budgetRow(tx, actor.orgId, programId)) throw new AppError(409, 'budget_exists');
  const start = input.startDate ?? program.start_date;
  const end = input.endDate ?? program.end_date;
  const fields: Record<string, FieldProblem> = {};
  if (!start) fields.startDate = { code: 'required' };
  if (!end) fields.endDate = { code: 'required' };
  if (start && end && end < start) fields.endDate = { code: 'end_before_start' };
  if (start && end && budgetPeriods(start, end, input.periodKind).length > 120) fields.periodKind = { code: 'too_many_periods', params: { max: 120 } };
  failOn(fields);
  const id = uuidv7();
  await tx.query('DELETE FROM budgets WHERE org_id = $1 AND program_id = $2 AND deleted_at IS NOT NULL', [actor.orgId, programId]);
  await tx.query(
    'INSERT INTO budgets (org_id, id, program_id, currency, period_kind, start_date, end_date, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [actor.orgId, id, programId, input.currency, input.periodKind, start, end, actor.userId || null],
  );
  await tx.query('INSERT INTO budget_versions (org_id, id, budget_id, number, created_by) VALUES ($1, $2, $3, 1, $4)', [actor.orgId, uuidv7(), id, actor.userId || null]);
  await audit(tx, actor, { action: 'create', entityType: 'budget', entityId: id, after: { programId, currency: input.currency, periodKind: input.periodKind, startDate: start, endDate: end } });
  return getBudget(tx, actor.orgId, programId);
}

/** Replaces the lines of the latest version (refused once it is locked by a revision). */
export async function setBudgetLines(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof BudgetLinesUpdate>) {
  const before = await getBudget(tx, actor.orgId, programId);
  if (before.version !== input.version) throw conflict();
  if (before.current.locked) throw new AppError(409, 'budget_version_locked');
  const known = new Set((await budgetCategories(tx, actor.orgId)).categories.map((c) => c.code));
  const periods = new Set(before.periods);
  const currentKeys = new Set(before.lines.map((l) => l.lineKey));
  const fields: Record<string, FieldProblem> = {};
  const seen = new Set<string>();
  const lines: { lineKey: string; category: string; description: string; grantId: string | null; amounts: { period: string; amount: number }[]; amount: number }[] = [];
  for (const [i, l] of input.lines.entries()) {
    if (!known.has(l.category) && !before.lines.some((b) => b.lineKey === l.lineKey && b.category === l.category)) fields[`lines.${i}.category`] = { code: 'invalid_option' };
    if (l.lineKey && !currentKeys.has(l.lineKey)) fields[`lines.${i}.lineKey`] = { code: 'not_found' };
    if (l.lineKey && seen.has(l.lineKey)) fields[`lines.${i}.lineKey`] = { code: 'duplicate' };
    if (l.lineKey) seen.add(l.lineKey);
    await checkFunding(tx, actor.orgId, programId, l.grantId, l.category, `lines.${i}.grantId`, fields);
    let amounts: { period: string; amount: number }[];
    if (l.spreadTotal !== undefined) amounts = spread(l.spreadTotal, before.periods);
    else {
      const byPeriod = new Map<string, number>();
      l.amounts.forEach((a, k) => {
        if (!periods.has(a.period)) fields[`lines.${i}.amounts.${k}.period`] = { code: 'not_a_budget_period' };
        else if (byPeriod.has(a.period)) fields[`lines.${i}.amounts.${k}.period`] = { code: 'duplicate' };
        byPeriod.set(a.period, a.amount);
      });
      amounts = before.periods.map((p) => ({ period: p, amount: byPeriod.get(p) ?? 0 }));
    }
    let amount = 0;
    try {
      amount = sum(amounts.map((a) => a.amount));
    } catch {
      fields[`lines.${i}.amounts`] = { code: 'amount_too_large' };
    }
    lines.push({ lineKey: l.lineKey ?? uuidv7(), category: l.category, description: l.description, grantId: l.grantId, amounts, amount });
  }
  failOn(fields);
  const { rows } = await tx.query('UPDATE budgets SET version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id', [actor.orgId, before.id, input.version]);
  if (!rows.length) throw conflict();
  // expenses point at lines by key: a line with expenses cannot go
  const removed = before.lines.filter((b) => !lines.some((l) => l.lineKey === b.lineKey)).map((b) => b.lineKey);
  if (removed.length) {
    const { rows: used } = await tx.query('SELECT 1 FROM expenses WHERE org_id = $1 AND budget_id = $2 AND line_key = ANY($3::uuid[]) AND deleted_at IS NULL LIMIT 1', [actor.orgId, before.id, removed]);
    if (used.length) throw new AppError(409, 'budget_line_has_expenses');
  }
  await tx.query('DELETE FROM budget_lines WHERE org_id = $1 AND version_id = $2', [actor.orgId, before.current.id]);
  await insertLines(tx, actor.orgId, before.current.id, lines);
  const after = await getBudget(tx, actor.orgId, programId);
  await audit(tx, actor, {
    action: 'update',
    entityType: 'budget',
    entityId: before.id,
    before: { version: before.current.number, lines: before.lines.map(lineAudit) },
    after: { version: after.current.number, lines: after.lines.map(lineAudit) },
  });
  return after;
}

const lineAudit = (l: { lineKey: string; category: string; description: string; grant: { id: string } | null; amount: number }) => ({ lineKey: l.lineKey, category: l.category, description: l.description, grantId: l.grant?.id ?? null, amount: l.amount });

async function insertLines(tx: Queryable, orgId: string, versionId: string, lines: { lineKey: string; category: string; description: string; grantId: string | null; amounts: { period: string; amount: number }[]; amount: number }[]) {
  for (const [i, l] of lines.entries()) {
    await tx.query(
      'INSERT INTO budget_lines (org_id, id, version_id, line_key, category, description, grant_id, amounts, amount, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)',
      [orgId, uuidv7(), versionId, l.lineKey, l.category, l.description, l.grantId, JSON.stringify(l.amounts), l.amount, i],
    );
  }
}

/** Starts a revision: the latest version is locked and copied into a new one, which is then edited. */
export async function reviseBudget(tx: Queryable, actor: Actor, programId: string, input: z.output<typeof BudgetRevise>) {
  const before = await getBudget(tx, actor.orgId, programId);
  if (before.version !== input.version) throw conflict();
  const { rows } = await tx.query('UPDATE budgets SET version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id', [actor.orgId, before.id, input.version]);
  if (!rows.length) throw conflict();
  await tx.query('UPDATE budget_versions SET locked = true WHERE org_id = $1 AND id = $2', [actor.orgId, before.current.id]);
  const vid = uuidv7();
  await tx.query('INSERT INTO budget_versions (org_id, id, budget_id, number, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [actor.orgId, vid, before.id, before.current.number + 1, input.note ?? null, actor.userId || null]);
  await insertLines(tx, actor.orgId, vid, before.lines.map((l) => ({ ...l, grantId: l.grant?.id ?? null })));
  await audit(tx, actor, { action: 'revise', entityType: 'budget', entityId: before.id, after: { version: before.current.number + 1, note: input.note ?? null } });
  return getBudget(tx, actor.orgId, programId);
}

export async function setBudgetDeleted(tx: Queryable, actor: Actor, programId: string, deleted: boolean) {
  await liveProgram(tx, actor.orgId, programId);
  if (!deleted && (await budgetRow(tx, actor.orgId, programId))) throw new AppError(409, 'budget_exists');
  const b = await budgetRow(tx, actor.orgId, programId, true);
  if (!b || Boolean(b.deleted_at) === deleted) throw notFound();
  await tx.query(`UPDATE budgets SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2`, [actor.orgId, b.id]);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'budget', entityId: b.id });
  const after = await budgetRow(tx, actor.orgId, programId, true);
  return budgetView(tx, actor.orgId, after!);
}
