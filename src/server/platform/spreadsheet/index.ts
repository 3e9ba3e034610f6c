/**
 * Streaming spreadsheet reading (CSV, XLSX) for bulk imports and writing (CSV, XLSX) for
 * exports, in flat memory for up to a million rows.
 */
export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.ts';
export type { SheetRow, SpreadsheetFormat } from './types.ts';
export { readRows, detectFormat } from './read.ts';
export { writeCsv, writeXlsx, neutraliseFormula, type WriteOptions, type CsvWriteOptions, type XlsxWriteOptions } from './write.ts';
