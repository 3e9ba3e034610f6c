import { open } from 'node:fs/promises';
import { readCsv } from './csv.ts';
import { SpreadsheetError } from './errors.ts';
import type { SheetRow, SpreadsheetFormat } from './types.ts';
import { readXlsx } from './xlsx.ts';

/** Decides the format from the first bytes: a zip (PK) is XLSX, anything else is read as CSV. */
export async function detectFormat(path: string): Promise<SpreadsheetFormat> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead === 0) throw new SpreadsheetError('empty_file', 'the file is empty');
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'xlsx';
    if (head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      // OLE2 compound file: an Excel 97–2003 .xls, or an encrypted (password-protected) .xlsx.
      throw new SpreadsheetError('unreadable_file', 'an old .xls or password-protected workbook; save it as .xlsx or CSV');
    }
    return 'csv';
  } finally {
    await fh.close();
  }
}

/**
 * Reads a CSV or XLSX file row by row with flat memory. The first row yielded is the header;
 * empty rows are skipped; `line` is the row number the user sees in their spreadsheet program.
 * Throws SpreadsheetError (`unreadable_file`, `empty_file`, `no_sheet`) for files that cannot
 * be read — possibly after some rows were yielded (e.g. a truncated file or an unclosed quote).
 */
export async function* readRows(path: string, opts: { format?: SpreadsheetFormat } = {}): AsyncGenerator<SheetRow> {
  const detected = await detectFormat(path); // also refuses empty files and old .xls ones
  const format = opts.format ?? detected;
  yield* format === 'xlsx' ? readXlsx(path) : readCsv(path);
}
