import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  Budget,
  BudgetCategories,
  BudgetCategoriesUpdate,
  BudgetCreate,
  BudgetLinesUpdate,
  BudgetQuery,
  BudgetRevise,
  BudgetVsActual,
  BvaQuery,
  Expense,
  ExpenseCreate,
  ExpenseImport,
  ExpenseImportPreview,
  ExpenseImportResult,
  ExpenseReview,
  ExpenseUpdate,
  ExpensesPage,
  ExpensesQuery,
  FundingSources,
  FundingSourcesQuery,
} from '../../../domain/contracts/finance.ts';
import { majorNumber } from '../../../domain/money.ts';
import { audit } from '../../platform/audit.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { IMAGE_AND_PDF_TYPES, UploadName, acceptRawFiles, contentTypeOf, downloadName, sendStoredFile, sendXlsx } from '../../platform/files.ts';
import { budgetCategories, createBudget, fundingSources, findBudget, reviseBudget, setBudgetCategories, setBudgetDeleted, setBudgetLines } from './budgets.service.ts';
import { budgetVsActual } from './bva.service.ts';
import { createExpense, getExpense, getReceipt, listExpenses, reviewExpense, setExpenseDeleted, setReceipt, updateExpense } from './expenses.service.ts';
import { previewImport, runImport } from './import.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['finance'];

const XLSX_WORDS = {
  id: { sheet: 'Anggaran vs realisasi', lines: ['Program', 'Kategori', 'Pos anggaran', 'Sumber dana', 'Anggaran', 'Terpakai', 'Terikat', 'Sisa'], periods: ['Periode', 'Anggaran', 'Terpakai', 'Terikat', 'Sisa'], unrestricted: 'Dana tidak terikat', total: 'Total', currency: 'Mata uang', period: 'Periode', all: 'Seluruh periode', warnings: 'Peringatan', forecast: 'Perkiraan di akhir', perDay: 'Laju per hari' },
  en: { sheet: 'Budget vs actual', lines: ['Program', 'Category', 'Budget line', 'Funding source', 'Budget', 'Spent', 'Committed', 'Remaining'], periods: ['Period', 'Budget', 'Spent', 'Committed', 'Remaining'], unrestricted: 'Unrestricted funds', total: 'Total', currency: 'Currency', period: 'Period', all: 'All periods', warnings: 'Warnings', forecast: 'Forecast at the end', perDay: 'Burn rate per day' },
};

/** Budgets, expenses and budget vs actual (issue 6 points 4, 5, 7). */
export async function financeRoutes(app: App) {
  const { db, config } = app.services;
  acceptRawFiles(app, IMAGE_AND_PDF_TYPES);

  // ---- categories and funding sources ----

  app.get('/api/finance/categories', { schema: { tags, summary: "The organisation's budget categories (defaults: personnel, activities, travel, equipment, administration, other)", response: { 200: BudgetCategories } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => budgetCategories(tx, actor.orgId));
  });

  app.put('/api/finance/categories', { schema: { tags, summary: "Set the organisation's budget categories (codes with names in both languages)", body: BudgetCategoriesUpdate, response: { 200: BudgetCategories } } }, async (req) => {
    const actor = requireOrg(req, 'org.update');
    return withTenant(db, actor.orgId, (tx) => setBudgetCategories(tx, actor, req.body));
  });

  app.get('/api/finance/funding-sources', { schema: { tags, summary: "A program's funding sources: the grants linked to it, then unrestricted funds (grantId null)", querystring: FundingSourcesQuery, response: { 200: FundingSources } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => fundingSources(tx, actor.orgId, req.query.programId));
  });

  // ---- budgets ----

  app.get('/api/programs/:id/budget', { schema: { tags, summary: "The program's budget: versions, the lines of the latest (or asked) version and its difference from the one before; null when none", params: IdParams, querystring: BudgetQuery, response: { 200: Budget.nullable() } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => findBudget(tx, actor.orgId, req.params.id, req.query.version));
  });

  app.post('/api/programs/:id/budget', { schema: { tags, summary: 'Start the program budget (currency, periods by month, quarter or year over the program period)', params: IdParams, body: BudgetCreate, response: { 201: Budget } } }, async (req, reply) => {
    const actor = requireOrg(req, 'budgets.write');
    const created = await withTenant(db, actor.orgId, (tx) => createBudget(tx, actor, req.params.id, req.body));
    reply.status(201);
    return created;
  });

  app.put('/api/programs/:id/budget/lines', { schema: { tags, summary: 'Replace the lines of the latest budget version (versioned; a locked version is refused): category, funding source, amounts per period or a total spread over the periods', params: IdParams, body: BudgetLinesUpdate, response: { 200: Budget } } }, async (req) => {
    const actor = requireOrg(req, 'budgets.write');
    return withTenant(db, actor.orgId, (tx) => setBudgetLines(tx, actor, req.params.id, req.body));
  });

  app.post('/api/programs/:id/budget/revisions', { schema: { tags, summary: 'Start a revision: the latest version is locked and copied into a new one (versioned)', params: IdParams, body: BudgetRevise, response: { 200: Budget } } }, async (req) => {
    const actor = requireOrg(req, 'budgets.write');
    return withTenant(db, actor.orgId, (tx) => reviseBudget(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/programs/:id/budget', { schema: { tags, summary: 'Move the program budget to the bin (restorable)', params: IdParams, response: { 200: Budget } } }, async (req) => {
    const actor = requireOrg(req, 'budgets.write');
    return withTenant(db, actor.orgId, (tx) => setBudgetDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/programs/:id/budget/restore', { schema: { tags, summary: 'Undo the budget delete', params: IdParams, response: { 200: Budget } } }, async (req) => {
    const actor = requireOrg(req, 'budgets.write');
    return withTenant(db, actor.orgId, (tx) => setBudgetDeleted(tx, actor, req.params.id, false));
  });

  // ---- expenses ----

  app.get('/api/finance/expenses', { schema: { tags, summary: 'Expenses: search (description, payee), filters (program, status, line, grant, dates, waiting for my approval), paging', querystring: ExpensesQuery, response: { 200: ExpensesPage } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => listExpenses(tx, actor, req.query));
  });

  app.post('/api/finance/expenses', { schema: { tags, summary: 'Submit an expense: amount and currency (with the rate when not the budget currency), budget line, funding source, activity, payee', body: ExpenseCreate, response: { 201: Expense } } }, async (req, reply) => {
    const actor = requireOrg(req, 'expenses.submit');
    const created = await withTenant(db, actor.orgId, (tx) => createExpense(tx, actor, req.body));
    reply.status(201);
    return created;
  });

  app.get('/api/finance/expenses/:id', { schema: { tags, summary: 'An expense', params: IdParams, response: { 200: Expense } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => getExpense(tx, actor.orgId, req.params.id));
  });

  app.patch('/api/finance/expenses/:id', { schema: { tags, summary: 'Change a submitted or rejected expense (its submitter or an approver; versioned); a rejected one goes back for review', params: IdParams, body: ExpenseUpdate, response: { 200: Expense } } }, async (req) => {
    const actor = requireOrg(req, 'expenses.submit');
    return withTenant(db, actor.orgId, (tx) => updateExpense(tx, actor, req.params.id, req.body));
  });

  app.delete('/api/finance/expenses/:id', { schema: { tags, summary: 'Move an expense to the bin (restorable; an approved one only by an approver)', params: IdParams, response: { 200: Expense } } }, async (req) => {
    const actor = requireOrg(req, 'expenses.submit');
    return withTenant(db, actor.orgId, (tx) => setExpenseDeleted(tx, actor, req.params.id, true));
  });

  app.post('/api/finance/expenses/:id/restore', { schema: { tags, summary: 'Undo an expense delete', params: IdParams, response: { 200: Expense } } }, async (req) => {
    const actor = requireOrg(req, 'expenses.submit');
    return withTenant(db, actor.orgId, (tx) => setExpenseDeleted(tx, actor, req.params.id, false));
  });

  app.post('/api/finance/expenses/:id/review', { schema: { tags, summary: 'Approve or reject (with a reason) a submitted expense; nobody reviews their own (403)', params: IdParams, body: ExpenseReview, response: { 200: Expense } } }, async (req) => {
    const actor = requireOrg(req, 'expenses.approve');
    return withTenant(db, actor.orgId, (tx) => reviewExpense(tx, actor, req.params.id, req.body));
  });

  app.post(
    '/api/finance/expenses/:id/receipt',
    { schema: { tags, summary: 'Attach the receipt (raw body: JPEG, PNG, WebP or PDF, at most 10 MB; checked by its first bytes)', params: IdParams, querystring: z.object({ fileName: UploadName }), response: { 200: Expense } } },
    async (req) => {
      const actor = requireOrg(req, 'expenses.submit');
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_file_type', { types: 'JPG, PNG, WEBP, PDF' });
      const file = { fileName: req.query.fileName, contentType: contentTypeOf(req.headers['content-type']), content: req.body as Buffer };
      return withTenant(db, actor.orgId, (tx) => setReceipt(tx, actor, req.params.id, file));
    },
  );

  app.get('/api/finance/expenses/:id/receipt', { schema: { tags, summary: "An expense's receipt", params: IdParams } }, async (req, reply) => {
    const actor = requireOrg(req, 'finance.read');
    const file = await withTenant(db, actor.orgId, (tx) => getReceipt(tx, actor.orgId, req.params.id));
    return sendStoredFile(reply, file);
  });

  app.post('/api/finance/expense-imports/preview', { schema: { tags, summary: 'Check a bank or spreadsheet CSV: columns mapped (or guessed) to date, amount, description, payee; every row with its problems; nothing saved', body: ExpenseImport, response: { 200: ExpenseImportPreview } } }, async (req) => {
    const actor = requireOrg(req, 'expenses.submit');
    const { good: _g, ...preview } = await withTenant(db, actor.orgId, (tx) => previewImport(tx, actor.orgId, req.body, config.dataDir, localeOf(req)));
    return preview;
  });

  app.post('/api/finance/expense-imports', { schema: { tags, summary: 'Import the rows of a CSV without problems as submitted expenses on one budget line', body: ExpenseImport, response: { 201: ExpenseImportResult } } }, async (req, reply) => {
    const actor = requireOrg(req, 'expenses.submit');
    const result = await withTenant(db, actor.orgId, (tx) => runImport(tx, actor, req.body, config.dataDir, localeOf(req)));
    reply.status(201);
    return result;
  });

  // ---- budget vs actual ----

  app.get('/api/finance/budget-vs-actual', { schema: { tags, summary: 'Budget vs actual by program or grant: per line and period budget, spent (approved), committed (submitted), remaining; burn rate, forecast and warnings', querystring: BvaQuery, response: { 200: BudgetVsActual } } }, async (req) => {
    const actor = requireOrg(req, 'finance.read');
    return withTenant(db, actor.orgId, (tx) => budgetVsActual(tx, actor.orgId, req.query, req.query.lang ?? localeOf(req)));
  });

  app.get('/api/finance/budget-vs-actual.xlsx', { exposeHeadRoute: false, schema: { tags, summary: 'Budget vs actual as XLSX (lines, periods, grants, warnings); audited', querystring: BvaQuery } }, async (req, reply) => {
    const actor = requireOrg(req, 'finance.read');
    const locale = req.query.lang ?? localeOf(req);
    const r = await withTenant(db, actor.orgId, async (tx) => {
      const bva = await budgetVsActual(tx, actor.orgId, req.query, locale);
      await audit(tx, actor, { action: 'export', entityType: 'budget_vs_actual', entityId: (req.query.programId ?? req.query.grantId)!, after: { format: 'xlsx', period: req.query.period ?? null } });
      return bva;
    });
    const w = XLSX_WORDS[locale];
    const m = (x: number) => majorNumber(x, r.currency);
    function* rows(): Generator<unknown[]> {
      yield [r.title, `${w.currency}: ${r.currency}`, `${w.period}: ${r.period ?? w.all}`];
      yield w.lines;
      for (const l of r.lines) yield [l.program.name, l.category, l.description, l.grant?.title ?? w.unrestricted, m(l.budget), m(l.spent), m(l.committed), m(l.remaining)];
      yield [w.total, '', '', '', m(r.totals.budget), m(r.totals.spent), m(r.totals.committed), m(r.totals.remaining)];
      yield [];
      yield [w.perDay, m(r.totals.perDay), w.forecast, m(r.totals.forecast)];
      yield [];
      yield w.periods;
      for (const p of r.periods) yield [p.period, m(p.budget), m(p.spent), m(p.committed), m(p.remaining)];
      if (r.warnings.length) {
        yield [];
        yield [w.warnings];
        for (const x of r.warnings) yield [x.message];
      }
    }
    const name = downloadName(locale === 'id' ? 'anggaran-realisasi' : 'budget-vs-actual', r.title, r.today, 'xlsx');
    return sendXlsx(reply, name, rows(), { sheetName: w.sheet, headerRows: 2, columnWidths: [28, 16, 30, 26, 16, 16, 16, 16] });
  });
}
