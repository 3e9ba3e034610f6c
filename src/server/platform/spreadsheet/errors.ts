export type SpreadsheetErrorCode = 'unreadable_file' | 'empty_file' | 'no_sheet';

/**
 * A file that cannot be read as a spreadsheet: corrupt or not a spreadsheet at all
 * (`unreadable_file`), no rows at all (`empty_file`), or a workbook without a worksheet
 * (`no_sheet`). `line` is set when the problem is at a known row (e.g. an unclosed quote).
 * The message is English and meant for logs; callers map `code` to a translated message.
 */
export class SpreadsheetError extends Error {
  readonly code: SpreadsheetErrorCode;
  readonly line?: number;

  constructor(code: SpreadsheetErrorCode, message: string, opts?: { line?: number; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SpreadsheetError';
    this.code = code;
    if (opts?.line !== undefined) this.line = opts.line;
  }
}
