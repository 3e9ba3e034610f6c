import { z } from 'zod';
import { BUDGET_PERIOD_KINDS, EXPENSE_STATUSES } from '../budgets.ts';
import { CURRENCY_RE, MAX_MINOR } from '../money.ts';
import { TypeCode } from './activities.ts';
import { IsoDate, Version, boolParam, line, multiline, optionalText } from './common.ts';

/** API contracts of budgets, expenses and budget vs actual (issue 6). The web app imports the types only. */

const Currency = z.string().regex(CURRENCY_RE, 'invalid_currency');
/** An amount in minor units (IDR 150000000 = Rp 1.500.000,00). */
const Minor = z.number().int().min(0).max(MAX_MINOR);
/** An amount as the user typed it, in major units with a dot as decimal point ("1500000.50"). */
const AmountText = z.string().trim().regex(/^\d{1,16}(\.\d{1,3})?$/, 'invalid_amount');
const RateText = z.string().trim().regex(/^\d{1,12}(\.\d{1,10})?$/, 'invalid_rate');
const Ref = z.object({ id: z.string(), name: z.string() });

// ---- categories ----

const Label = z.object({ id: z.string(), en: z.string() });
export const BudgetCategories = z.object({ categories: z.array(z.object({ code: z.string(), label: Label })) });
export type BudgetCategories = z.infer<typeof BudgetCategories>;
export const BudgetCategoriesUpdate = z
  .object({ categories: z.array(z.object({ code: TypeCode, label: z.object({ id: line(60).min(1), en: line(60).min(1) }).strict() }).strict()).min(1).max(50) })
  .strict();
export type BudgetCategoriesUpdate = z.input<typeof BudgetCategoriesUpdate>;

// ---- funding sources ----

export const FundingSource = z.object({
  /** null: the organisation's unrestricted funds */
  grantId: z.string().nullable(),
  title: z.string(),
  funder: z.string().nullable(),
  currency: z.string().nullable(),
  amount: z.number().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  allowedCategories: z.array(z.string()),
});
export type FundingSource = z.infer<typeof FundingSource>;
export const FundingSources = z.object({ sources: z.array(FundingSource) });
export type FundingSources = z.infer<typeof FundingSources>;
export const FundingSourcesQuery = z.object({ programId: z.uuid() });

// ---- budgets ----

export const BudgetCreate = z
  .object({
    currency: Currency.default('IDR'),
    periodKind: z.enum(BUDGET_PERIOD_KINDS).default('quarter'),
    /** default: the program's start and end dates */
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
  })
  .strict();
export type BudgetCreate = z.input<typeof BudgetCreate>;

export const LineInput = z
  .object({
    /** the line's key across versions; absent for a new line */
    lineKey: z.uuid().optional(),
    category: TypeCode,
    description: line(300).min(1),
    grantId: z.uuid().nullable(),
    /** amounts per period start; missing periods are 0 */
    amounts: z.array(z.object({ period: IsoDate, amount: Minor }).strict()).max(1200).default([]),
    /** or a total spread evenly over the budget's periods (money.allocate) */
    spreadTotal: Minor.optional(),
  })
  .strict();
export type LineInput = z.input<typeof LineInput>;
export const BudgetLinesUpdate = z.object({ lines: z.array(LineInput).max(500), version: Version }).strict();
export type BudgetLinesUpdate = z.input<typeof BudgetLinesUpdate>;
export const BudgetRevise = z.object({ note: optionalText(500, multiline), version: Version }).strict();
export type BudgetRevise = z.input<typeof BudgetRevise>;

export const BudgetLine = z.object({
  id: z.string(),
  lineKey: z.string(),
  category: z.string(),
  description: z.string(),
  grant: z.object({ id: z.string(), title: z.string() }).nullable(),
  amounts: z.array(z.object({ period: z.string(), amount: z.number() })),
  amount: z.number(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;
export const BudgetVersion = z.object({ id: z.string(), number: z.number(), note: z.string().nullable(), locked: z.boolean(), total: z.number(), createdAt: z.string() });
export const VersionDiff = z.object({
  from: z.number(),
  to: z.number(),
  lines: z.array(z.object({ lineKey: z.string(), description: z.string(), category: z.string(), before: z.number(), after: z.number(), change: z.number(), status: z.enum(['added', 'removed', 'changed', 'same']) })),
  totalBefore: z.number(),
  totalAfter: z.number(),
  totalChange: z.number(),
});
export const Budget = z.object({
  id: z.string(),
  program: Ref,
  currency: z.string(),
  periodKind: z.enum(BUDGET_PERIOD_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  periods: z.array(z.string()),
  versions: z.array(BudgetVersion),
  /** the version shown (the latest unless asked) */
  current: BudgetVersion,
  lines: z.array(BudgetLine),
  total: z.number(),
  /** the shown version against the one before it */
  diff: VersionDiff.nullable(),
  version: z.number(),
  deletedAt: z.string().nullable(),
});
export type Budget = z.infer<typeof Budget>;
export const BudgetQuery = z.object({ version: z.coerce.number().int().min(1).max(10000).optional() });

// ---- expenses ----

const ExpenseFields = {
  programId: z.uuid(),
  lineKey: z.uuid(),
  date: IsoDate,
  amount: AmountText,
  currency: Currency.default('IDR'),
  /** units of the budget's currency per one unit of `currency`; required when they differ */
  rate: RateText.nullish(),
  /** absent: the line's funding source; null: unrestricted funds */
  grantId: z.uuid().nullish(),
  activityId: z.uuid().nullish(),
  payee: optionalText(200),
  description: line(500).min(1),
};
export const ExpenseCreate = z.object(ExpenseFields).strict();
export type ExpenseCreate = z.input<typeof ExpenseCreate>;
export const ExpenseUpdate = z
  .object({
    lineKey: ExpenseFields.lineKey.optional(),
    date: ExpenseFields.date.optional(),
    amount: ExpenseFields.amount.optional(),
    currency: Currency.optional(),
    rate: ExpenseFields.rate,
    grantId: ExpenseFields.grantId,
    activityId: ExpenseFields.activityId,
    payee: ExpenseFields.payee,
    description: ExpenseFields.description.optional(),
    version: Version,
  })
  .strict();
export type ExpenseUpdate = z.input<typeof ExpenseUpdate>;
export const ExpenseReview = z.object({ decision: z.enum(['approve', 'reject']), reason: optionalText(1000, multiline), version: Version }).strict();
export type ExpenseReview = z.input<typeof ExpenseReview>;

export const Expense = z.object({
  id: z.string(),
  program: Ref,
  budgetId: z.string(),
  line: z.object({ lineKey: z.string(), description: z.string(), category: z.string() }),
  date: z.string(),
  originalAmount: z.number(),
  originalCurrency: z.string(),
  rate: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  grant: z.object({ id: z.string(), title: z.string() }).nullable(),
  activity: z.object({ id: z.string(), title: z.string() }).nullable(),
  payee: z.string().nullable(),
  description: z.string(),
  status: z.enum(EXPENSE_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedBy: Ref.nullable(),
  reviewedAt: z.string().nullable(),
  receipt: z.object({ fileName: z.string(), contentType: z.string(), size: z.number() }).nullable(),
  source: z.enum(['form', 'import']),
  submittedBy: Ref.nullable(),
  version: z.number(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Expense = z.infer<typeof Expense>;
export const ExpensesQuery = z.object({
  q: line(100).optional(),
  programId: z.uuid().optional(),
  status: z.enum(EXPENSE_STATUSES).optional(),
  lineKey: z.uuid().optional(),
  grantId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** submitted by someone else, for an approver: the approval queue */
  waitingForMe: boolParam.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ExpensesQuery = z.input<typeof ExpensesQuery>;
export const ExpensesPage = z.object({ items: z.array(Expense), nextCursor: z.string().nullable(), total: z.number(), totalCapped: z.boolean() });
export type ExpensesPage = z.infer<typeof ExpensesPage>;

// ---- CSV import ----

export const EXPENSE_IMPORT_FIELDS = ['date', 'amount', 'description', 'payee'] as const;
export const ExpenseImport = z
  .object({
    programId: z.uuid(),
    lineKey: z.uuid(),
    currency: Currency.default('IDR'),
    rate: RateText.nullish(),
    /** the file's text (CSV; `,` `;` or tab) */
    csv: z.string().min(1).max(900_000),
    /** column index (0-based) per field; payee optional */
    mapping: z
      .object({ date: z.number().int().min(0).max(200), amount: z.number().int().min(0).max(200), description: z.number().int().min(0).max(200), payee: z.number().int().min(0).max(200).nullish() })
      .strict()
      .optional(),
  })
  .strict();
export type ExpenseImport = z.input<typeof ExpenseImport>;
export const ExpenseImportPreview = z.object({
  headers: z.array(z.string()),
  /** the mapping used (guessed from the headers when none was sent) */
  mapping: z.object({ date: z.number().nullable(), amount: z.number().nullable(), description: z.number().nullable(), payee: z.number().nullable() }),
  rows: z.array(z.object({ line: z.number(), date: z.string().nullable(), amount: z.number().nullable(), description: z.string(), payee: z.string().nullable(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })) })),
  valid: z.number(),
  invalid: z.number(),
});
export type ExpenseImportPreview = z.infer<typeof ExpenseImportPreview>;
export const ExpenseImportResult = z.object({ imported: z.number(), skipped: z.number() });

// ---- budget vs actual ----

export const BvaQuery = z.object({
  programId: z.uuid().optional(),
  grantId: z.uuid().optional(),
  /** one period (its start date); absent: the whole budget */
  period: IsoDate.optional(),
  lang: z.enum(['id', 'en']).optional(),
});
export type BvaQuery = z.input<typeof BvaQuery>;
const Figures = { budget: z.number(), spent: z.number(), committed: z.number(), remaining: z.number() };
export const BudgetVsActual = z.object({
  title: z.string(),
  currency: z.string(),
  today: z.string(),
  periodKind: z.enum(BUDGET_PERIOD_KINDS),
  periods: z.array(z.object({ period: z.string(), ...Figures })),
  period: z.string().nullable(),
  lines: z.array(z.object({ lineKey: z.string(), program: Ref, category: z.string(), description: z.string(), grant: z.object({ id: z.string(), title: z.string() }).nullable(), ...Figures })),
  grants: z.array(z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string(), ...Figures, perDay: z.number(), forecast: z.number() })),
  totals: z.object({ ...Figures, perDay: z.number(), forecast: z.number() }),
  warnings: z.array(z.object({ kind: z.string(), message: z.string(), lineKey: z.string().optional(), grantId: z.string().optional() })),
});
export type BudgetVsActual = z.infer<typeof BudgetVsActual>;
