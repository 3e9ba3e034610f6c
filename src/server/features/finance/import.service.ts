import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { amountText, dateText } from '../../../domain/budgets.ts';
import type { ExpenseImport, ExpenseImportPreview } from '../../../domain/contracts/finance.ts';
import { toMinor } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import { orgToday } from '../../platform/org.service.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, failOn } from '../../platform/errors.ts';
import { type Locale, type MessageCode, t } from '../../platform/i18n/messages.ts';
import { readRows, SpreadsheetError } from '../../platform/spreadsheet/index.ts';
import { insertExpense, resolveExpense } from './expenses.service.ts';

/**
 * Expenses from a bank or spreadsheet CSV (issue 6 point 5): the file's columns are mapped to
 * date, amount, description and payee (guessed from the headers), every row is checked and shown
 * with its problems, then the good rows become submitted expenses on one budget line. Rows are
 * read with the people import's reader (platform/spreadsheet: delimiter, quoting and encoding
 * detection); a bank statement is small, so it is sent in the request rather than as a job.
 */

const MAX_ROWS = 2000;
const GUESS: Record<'date' | 'amount' | 'description' | 'payee', RegExp> = {
  date: /^(tanggal|tgl|date|transaction date|posting date)/i,
  amount: /(jumlah|nominal|amount|debit|debet|mutasi|nilai)/i,
  description: /(keterangan|uraian|deskripsi|description|memo|remark|berita)/i,
  payee: /(penerima|payee|vendor|pihak|kepada|counterparty|nama)/i,
};

async function sheet(csv: string, dataDir: string) {
  const path = join(dataDir, `expense-import-${randomUUID()}.csv`);
  await writeFile(path, csv, 'utf8');
  try {
    const rows: { line: number; cells: string[] }[] = [];
    for await (const r of readRows(path, { format: 'csv' })) {
      rows.push(r);
      if (rows.length > MAX_ROWS + 1) throw new AppError(400, 'validation_failed', {}, { csv: { code: 'too_many_rows', params: { max: MAX_ROWS } } });
    }
    return rows;
  } catch (err) {
    if (err instanceof SpreadsheetError) throw new AppError(400, 'validation_failed', {}, { csv: { code: 'unreadable_csv' } });
    throw err;
  } finally {
    await rm(path, { force: true });
  }
}

type Mapping = { date: number | null; amount: number | null; description: number | null; payee: number | null };

export async function previewImport(tx: Queryable, orgId: string, input: z.output<typeof ExpenseImport>, dataDir: string, locale: Locale): Promise<ExpenseImportPreview & { good: { date: string; amount: string; description: string; payee: string | null }[] }> {
  const rows = await sheet(input.csv, dataDir);
  if (!rows.length) failOn({ csv: { code: 'empty_file' } });
  const headers = rows[0].cells.map((c) => c.trim());
  const guess = (f: keyof typeof GUESS) => {
    const i = headers.findIndex((h) => GUESS[f].test(h));
    return i >= 0 ? i : null;
  };
  const mapping: Mapping = input.mapping
    ? { date: input.mapping.date, amount: input.mapping.amount, description: input.mapping.description, payee: input.mapping.payee ?? null }
    : { date: guess('date'), amount: guess('amount'), description: guess('description'), payee: guess('payee') };
  const out: ExpenseImportPreview['rows'] = [];
  const good: { date: string; amount: string; description: string; payee: string | null }[] = [];
  const msg = (field: string, code: MessageCode, params: Record<string, string | number> = {}) => ({ field, code, message: t(locale, code, params) });
  // the line and currency are the same for every row: checked once, with a sample amount
  const today = await orgToday(tx, orgId);
  for (const r of rows.slice(1)) {
    const cell = (i: number | null) => (i == null ? '' : (r.cells[i] ?? '').trim());
    const errors: ExpenseImportPreview['rows'][number]['errors'] = [];
    const date = dateText(cell(mapping.date));
    if (mapping.date == null) errors.push(msg('date', 'column_not_mapped'));
    else if (!date) errors.push(msg('date', 'invalid_date'));
    let amount = amountText(cell(mapping.amount));
    let minor: number | null = null;
    if (mapping.amount == null) errors.push(msg('amount', 'column_not_mapped'));
    else if (!amount) errors.push(msg('amount', 'invalid_amount'));
    else {
      try {
        minor = toMinor(amount, input.currency);
        if (minor <= 0) errors.push(msg('amount', 'invalid_amount'));
      } catch {
        amount = null;
        errors.push(msg('amount', 'invalid_amount'));
      }
    }
    const description = cell(mapping.description).slice(0, 500);
    if (!description) errors.push(msg('description', mapping.description == null ? 'column_not_mapped' : 'required'));
    const payee = cell(mapping.payee).slice(0, 200) || null;
    if (date && date > today) errors.push(msg('date', 'future_date'));
    out.push({ line: r.line, date, amount: minor, description, payee, errors });
    if (!errors.length && date && amount) good.push({ date, amount, description, payee });
  }
  // the line, funding and conversion are checked once for the whole file (a bad line is a 400)
  await resolveExpense(tx, orgId, { programId: input.programId, lineKey: input.lineKey, date: '1900-01-01', amount: '1', currency: input.currency, rate: input.rate });
  return { headers, mapping, rows: out, valid: good.length, invalid: out.length - good.length, good };
}

/** Imports the rows without problems as submitted expenses (the others are left out and counted). */
export async function runImport(tx: Queryable, actor: Actor, input: z.output<typeof ExpenseImport>, dataDir: string, locale: Locale) {
  const preview = await previewImport(tx, actor.orgId, input, dataDir, locale);
  if (!preview.good.length) throw new AppError(400, 'nothing_to_import');
  let imported = 0;
  for (const g of preview.good) {
    const r = await resolveExpense(tx, actor.orgId, { programId: input.programId, lineKey: input.lineKey, date: g.date, amount: g.amount, currency: input.currency, rate: input.rate });
    await insertExpense(tx, actor, r, g, 'import');
    imported++;
  }
  await audit(tx, actor, { action: 'import', entityType: 'expense', entityId: input.lineKey, after: { programId: input.programId, lineKey: input.lineKey, imported, skipped: preview.invalid } });
  return { imported, skipped: preview.invalid };
}
