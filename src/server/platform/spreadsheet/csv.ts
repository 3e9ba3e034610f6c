import { createReadStream } from 'node:fs';
import { SpreadsheetError } from './errors.ts';
import type { SheetRow } from './types.ts';

/**
 * Streaming CSV reading: RFC 4180 quoting (quoted delimiters, doubled quotes, embedded newlines),
 * CRLF/LF/CR line ends, delimiter `,` `;` or tab detected from the header line, and encoding
 * UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode Text"), else windows-1252.
 * Lenient like spreadsheet programs: text after a closing quote is kept (`"a"b` → `ab`) and a
 * quote inside an unquoted field is literal. An unclosed quote is an error, since it would
 * swallow the rest of the file into one cell.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** A record longer than this is refused (an unbalanced quote, or not a CSV file at all). */
const MAX_RECORD_CHARS = 10_000_000;
/** How much of the file the delimiter detection looks at if the header line has no end. */
const MAX_HEADER_CHARS = 1_000_000;

const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const;
type State = (typeof State)[keyof typeof State];

/** Picks `,` `;` or tab, whichever occurs most (outside quotes) in the first line; null = need more text. */
export function detectDelimiter(text: string, final: boolean): string | null {
  let inQuotes = false;
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let complete = final || text.length >= MAX_HEADER_CHARS;
  let start = 0; // blank lines before the header do not count
  while (start < text.length && (text.charCodeAt(start) === CR || text.charCodeAt(start) === LF)) start++;
  if (start === text.length && !final) return null;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === CR || c === LF) {
      complete = true;
      break;
    } else if (c === 0x2c) comma++;
    else if (c === 0x3b) semicolon++;
    else if (c === 0x09) tab++;
  }
  if (!complete) return null;
  // On a tie, the character least likely to be part of a column name wins.
  const best = Math.max(comma, semicolon, tab);
  if (best === 0 || comma > Math.max(semicolon, tab)) return ',';
  return tab === best ? '\t' : ';';
}

export class CsvParser {
  /** Complete rows parsed so far; the caller takes them out (splice) as it goes. */
  readonly rows: SheetRow[] = [];
  private delimiter: number;
  private pending = '';
  private state: State = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private afterCR = false;
  private first = true;

  constructor(delimiter?: string) {
    this.delimiter = delimiter ? delimiter.charCodeAt(0) : -1;
  }

  push(text: string): void {
    if (this.delimiter < 0) {
      this.pending += text;
      const d = detectDelimiter(this.pending, false);
      if (d === null) return;
      this.delimiter = d.charCodeAt(0);
      text = this.pending;
      this.pending = '';
    }
    this.parse(text);
  }

  end(): void {
    if (this.delimiter < 0) {
      this.delimiter = detectDelimiter(this.pending, true)!.charCodeAt(0);
      const text = this.pending;
      this.pending = '';
      this.parse(text);
    }
    if (this.state === State.Quoted) {
      throw new SpreadsheetError('unreadable_file', `unclosed quote in the record starting on line ${this.recordLine}`, { line: this.recordLine });
    }
    if (this.state !== State.FieldStart || this.record.length > 0 || this.field !== '') {
      this.endField();
      this.endRecord();
    }
  }

  private grow(n: number): void {
    this.recordChars += n;
    if (this.recordChars > MAX_RECORD_CHARS) {
      throw new SpreadsheetError('unreadable_file', `the record starting on line ${this.recordLine} is too long (unbalanced quote?)`, { line: this.recordLine });
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
  }

  private endRecord(): void {
    const cells = this.record;
    this.record = [];
    this.recordChars = 0;
    if (cells.some((c) => c !== '')) {
      if (this.first) {
        if (cells[0].charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
        this.first = false;
      }
      this.rows.push({ line: this.recordLine, cells });
    }
    this.recordLine = this.line;
  }

  /** A line end outside quotes: ends the record, except the LF of a CRLF (already ended at CR). */
  private lineEnd(c: number): void {
    if (c === LF && this.afterCR) {
      this.afterCR = false;
      return;
    }
    this.afterCR = c === CR;
    this.line++;
    this.endField();
    this.endRecord();
  }

  private parse(s: string): void {
    const d = this.delimiter;
    const n = s.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          const c = s.charCodeAt(i);
          if (c === CR || c === LF) {
            // A line end right after a delimiter or at a record start ends the (possibly empty) record.
            this.lineEnd(c);
            i++;
          } else if (c === QUOTE) {
            this.afterCR = false;
            this.state = State.Quoted;
            i++;
          } else if (c === d) {
            this.afterCR = false;
            this.endField();
            i++;
          } else {
            this.afterCR = false;
            this.state = State.Unquoted;
          }
          break;
        }
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === d || c === CR || c === LF) break;
            j++;
          }
          if (j > i) {
            this.grow(j - i);
            this.field += s.slice(i, j);
            this.afterCR = false;
          }
          if (j === n) {
            i = n;
            break;
          }
          this.state = State.FieldStart;
          if (c === d) this.endField();
          else this.lineEnd(c);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === QUOTE) break;
            if (c === LF) {
              if (!this.afterCR) this.line++;
              this.afterCR = false;
            } else if (c === CR) {
              this.line++;
              this.afterCR = true;
            } else this.afterCR = false;
            j++;
          }
          if (j > i) {
            this.grow(j - i);
            this.field += s.slice(i, j);
          }
          if (j === n) {
            i = n;
            break;
          }
          this.afterCR = false;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            this.grow(1);
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === d) {
            this.endField();
            this.state = State.FieldStart;
            i++;
          } else if (c === CR || c === LF) {
            this.state = State.FieldStart;
            this.lineEnd(c);
            i++;
          } else {
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
  }
}

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** WHATWG windows-1252 for bytes 0x80–0x9F (Node ≥ 20.18.3 decodes them as Latin-1, nodejs/node#60888). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(buf: Uint8Array): string {
  const latin1 = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80]));
}

/** Decides the encoding: BOMs first, then a full pass checking the bytes are valid UTF-8. */
async function sniffEncoding(path: string): Promise<{ encoding: Encoding; skip: number }> {
  const validator = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let valid = true;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return { encoding: 'utf-8-bom', skip: 3 };
        if (chunk[0] === 0xff && chunk[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
        if (chunk[0] === 0xfe && chunk[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
        // Text files have no NUL bytes; this is an image, a PDF, an old .xls or some other binary.
        if (chunk.subarray(0, 8192).includes(0)) throw new SpreadsheetError('unreadable_file', 'not a text (CSV) file');
      }
      try {
        validator.decode(chunk, { stream: true });
      } catch {
        valid = false;
        break;
      }
    }
    if (valid) {
      try {
        validator.decode();
      } catch {
        valid = false;
      }
    }
  } finally {
    stream.destroy();
  }
  return { encoding: valid ? 'utf-8' : 'windows-1252', skip: 0 };
}

function makeDecoder(encoding: Encoding): (chunk?: Uint8Array) => string {
  if (encoding === 'windows-1252') return (chunk) => (chunk ? decodeWindows1252(chunk) : '');
  // A file that declares UTF-8 with a BOM is decoded as UTF-8 even if a few bytes are invalid (U+FFFD).
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: true });
  return (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
}

export async function* readCsv(path: string): AsyncGenerator<SheetRow> {
  const { encoding, skip } = await sniffEncoding(path);
  const decode = makeDecoder(encoding);
  const parser = new CsvParser();
  const stream = createReadStream(path, { start: skip, highWaterMark: 64 * 1024 });
  let yielded = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.push(decode(chunk));
      if (parser.rows.length > 0) {
        yielded = true;
        for (const row of parser.rows.splice(0)) yield row;
      }
    }
    parser.push(decode());
    parser.end();
    if (parser.rows.length > 0) {
      yielded = true;
      for (const row of parser.rows.splice(0)) yield row;
    }
  } finally {
    stream.destroy();
  }
  if (!yielded) throw new SpreadsheetError('empty_file', 'the file has no rows');
}
