/**
 * One non-empty row of a spreadsheet. `line` is the row number the user sees in their
 * spreadsheet program (1 = the header row; for CSV the physical line where the record starts).
 * Cells are strings; a row may be shorter than the header (missing cells are empty).
 * `lossy` lists the column indexes of XLSX numeric cells with 16 or more digits, which Excel
 * stores with 15 significant digits only (a NIK typed into a number-formatted column loses its
 * last digit): the importer should ask the user to format that column as text.
 */
export type SheetRow = { line: number; cells: string[]; lossy?: number[] };

export type SpreadsheetFormat = 'csv' | 'xlsx';
