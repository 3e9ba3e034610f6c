import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SpreadsheetError } from './errors.ts';
import type { SheetRow } from './types.ts';
import { ZipReader, type ZipEntry } from './zip.ts';

/**
 * Streaming XLSX reading: the first worksheet (in workbook order) is inflated and parsed with
 * saxes chunk by chunk, so memory stays flat whatever the number of rows; the shared strings
 * table, the styles and the workbook are small parts read first.
 */

const MAX_SMALL_PART = 32 * 1024 * 1024;
/** Excel's limit: columns A..XFD. */
const MAX_COLUMNS = 16_384;

type DateKind = 'date' | 'datetime' | 'time';

type Workbook = {
  sheetPath: string;
  date1904: boolean;
  sharedStrings: string[];
  /** By cell style index (`s`): whether numbers in that style are dates or times. */
  styleKinds: (DateKind | null)[];
};

function unreadable(message: string, cause?: unknown): SpreadsheetError {
  return new SpreadsheetError('unreadable_file', message, { cause });
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const v = tag.attributes[name];
  if (v !== undefined) return v;
  // Attributes with a namespace prefix (r:id), whatever the prefix is called.
  for (const key of Object.keys(tag.attributes)) if (localName(key) === name) return tag.attributes[key];
  return undefined;
}

type Handlers = {
  open?: (name: string, tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

function newParser(h: Handlers): SaxesParser<{ xmlns: false; position: false }> {
  const p = new SaxesParser({ xmlns: false, position: false });
  if (h.open) {
    const open = h.open;
    p.on('opentag', (tag) => open(localName(tag.name), tag));
  }
  if (h.close) {
    const close = h.close;
    p.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
  return p;
}

/** Parses a part through saxes, streaming its bytes; XML errors become `unreadable_file`. */
async function parsePart(zip: ZipReader, entry: ZipEntry, h: Handlers): Promise<void> {
  const p = newParser(h);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of zip.stream(entry)) p.write(decoder.decode(chunk, { stream: true }));
    p.write(decoder.decode());
    p.close();
  } catch (err) {
    throw err instanceof SpreadsheetError ? err : unreadable(`${entry.name} is not valid XML`, err);
  }
}

async function parseSmallPart(zip: ZipReader, path: string, h: Handlers): Promise<boolean> {
  const entry = zip.get(path);
  if (!entry) return false;
  if (entry.size > MAX_SMALL_PART) throw unreadable(`${path} is too large`);
  await parsePart(zip, entry, h);
  return true;
}

type Rel = { type: string; target: string };

function relsPathFor(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolveTarget(partPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : partPath.split('/').slice(0, -1);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function safeDecodeUri(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

async function readRels(zip: ZipReader, partPath: string): Promise<Map<string, Rel>> {
  const rels = new Map<string, Rel>();
  await parseSmallPart(zip, relsPathFor(partPath), {
    open(name, tag) {
      if (name !== 'Relationship') return;
      const id = attr(tag, 'Id');
      const target = attr(tag, 'Target');
      if (id && target && attr(tag, 'TargetMode') !== 'External') rels.set(id, { type: attr(tag, 'Type') ?? '', target: resolveTarget(partPath, safeDecodeUri(target)) });
    },
  });
  return rels;
}

function relOfType(rels: Map<string, Rel>, suffix: string): Rel | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel;
  return undefined;
}

/** Excel escapes characters XML cannot hold as _xHHHH_ in strings (e.g. _x000D_ for a CR). */
function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function readSharedStrings(zip: ZipReader, path: string): Promise<string[]> {
  const entry = zip.get(path);
  if (!entry) return [];
  const strings: string[] = [];
  let current = '';
  let inT = false;
  let inPhonetic = 0;
  await parsePart(zip, entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && inPhonetic === 0) inT = true;
      else if (name === 'rPh') inPhonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'si') strings.push(unescapeOoxml(current));
    },
    text(t) {
      if (inT) current += t;
    },
  });
  return strings;
}

/**
 * Built-in number formats that are dates or times (ECMA-376 18.8.30, plus the East Asian date
 * formats 27–36 and 50–58 that Excel uses in those locales).
 */
function builtinKind(id: number): DateKind | null {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) return 'date';
  if (id === 22) return 'datetime';
  if ((id >= 18 && id <= 21) || id === 32 || id === 33 || (id >= 45 && id <= 47)) return 'time';
  return null;
}

/** Whether a custom format code (first section) shows a date, a date and time, a time, or a number. */
export function formatKind(code: string): DateKind | null {
  let s = code
    .replace(/"[^"]*"/g, '') // literal text
    .replace(/\\./g, '') // escaped characters
    .replace(/[_*]./g, ''); // padding and fill
  s = s.split(';')[0];
  const elapsed = /\[(h+|m+|s+)\]/i.test(s);
  s = s.replace(/\[[^\]]*\]/g, '').replace(/general/gi, '').toLowerCase();
  const date = /[dy]/.test(s);
  const time = elapsed || /[hs]/.test(s) || /am\/pm|a\/p/.test(s);
  if (date) return time ? 'datetime' : 'date';
  if (time) return 'time';
  if (/m/.test(s) && !/[0#?]/.test(s)) return 'date'; // month names alone ("mmmm")
  return null;
}

async function readStyles(zip: ZipReader, path: string | undefined): Promise<(DateKind | null)[]> {
  if (!path) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseSmallPart(zip, path, {
    open(name, tag) {
      if (name === 'numFmt') {
        const id = Number(attr(tag, 'numFmtId'));
        if (Number.isInteger(id)) custom.set(id, attr(tag, 'formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(tag, 'numFmtId') ?? 0) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfFormats.map((id) => (custom.has(id) ? formatKind(custom.get(id)!) : builtinKind(id)));
}

async function readWorkbook(zip: ZipReader): Promise<Workbook> {
  const rootRels = await readRels(zip, '');
  const wbPath = relOfType(rootRels, '/officeDocument')?.target ?? 'xl/workbook.xml';
  if (!zip.get(wbPath)) throw unreadable('not an Excel workbook (no workbook part)');
  const wbRels = await readRels(zip, wbPath);
  let date1904 = false;
  const sheetIds: string[] = [];
  await parseSmallPart(zip, wbPath, {
    open(name, tag) {
      if (name === 'workbookPr') {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const id = attr(tag, 'id');
        if (id) sheetIds.push(id);
      }
    },
  });
  // The first sheet in workbook order that is a worksheet (not a chart sheet or dialog sheet).
  let sheetPath: string | undefined;
  for (const id of sheetIds) {
    const rel = wbRels.get(id);
    if (rel && rel.type.endsWith('/worksheet') && zip.get(rel.target)) {
      sheetPath = rel.target;
      break;
    }
  }
  if (!sheetPath) throw new SpreadsheetError('no_sheet', 'the workbook has no worksheet');
  const sst = relOfType(wbRels, '/sharedStrings')?.target;
  const styles = relOfType(wbRels, '/styles')?.target;
  return {
    sheetPath,
    date1904,
    sharedStrings: sst ? await readSharedStrings(zip, sst) : [],
    styleKinds: await readStyles(zip, styles),
  };
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Writes a finite number in plain decimal notation (no exponent). */
function plainDecimal(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  let mant = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  let sign = '';
  if (mant.startsWith('-')) {
    sign = '-';
    mant = mant.slice(1);
  }
  const dot = mant.indexOf('.');
  const intPart = dot < 0 ? mant : mant.slice(0, dot);
  const digits = intPart + (dot < 0 ? '' : mant.slice(dot + 1));
  const point = intPart.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The text of a numeric cell as Excel shows it in a General cell, without exponent: integers
 * are kept digit for digit; other values are rounded to 15 significant digits (Excel's
 * precision), which removes binary noise such as 0.30000000000000004. `lossy` is true for
 * values of 16 or more integer digits, which Excel cannot have stored exactly.
 */
export function numberText(raw: string): { text: string; lossy: boolean } {
  const s = raw.trim();
  const m = NUMBER.exec(s);
  if (!m || (m[2] === '' && !m[3])) return { text: s, lossy: false };
  if (m[3] === undefined && m[4] === undefined) {
    const digits = m[2].replace(/^0+(?=\d)/, '');
    return { text: (m[1] === '-' && digits !== '0' ? '-' : '') + digits, lossy: digits.length >= 16 };
  }
  let n = Number(s);
  if (!Number.isFinite(n)) return { text: s, lossy: false };
  const significant = (m[2] + (m[3] ?? '')).replace(/^0+/, '').replace(/0+$/, '').length;
  if (significant > 15) n = Number(n.toPrecision(15));
  if (Object.is(n, -0)) n = 0;
  return { text: plainDecimal(n), lossy: Math.abs(n) >= 1e15 };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An Excel serial date as ISO text (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or `HH:MM:SS`), or null if out of range. */
export function serialToIso(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  const totalSeconds = Math.round(serial * 86_400);
  const days = Math.floor(totalSeconds / 86_400);
  const seconds = totalSeconds - days * 86_400;
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  if (kind === 'time') {
    const hours = days * 24 + Math.floor(seconds / 3600);
    return `${pad2(hours)}${time.slice(2)}`;
  }
  let date: string;
  if (date1904) date = new Date(Date.UTC(1904, 0, 1 + days)).toISOString().slice(0, 10);
  // Excel's 1900 system counts the nonexistent 1900-02-29 as day 60 (Lotus 1-2-3 compatibility).
  else if (days === 60) date = '1900-02-29';
  else if (days < 60) date = new Date(Date.UTC(1899, 11, 31 + days)).toISOString().slice(0, 10);
  else date = new Date(Date.UTC(1899, 11, 30 + days)).toISOString().slice(0, 10);
  if (kind === 'date' || seconds === 0) return date;
  return `${date}T${time}`;
}

function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

/** Turns worksheet XML events into rows; complete rows collect in `rows`. */
class SheetParser {
  readonly rows: SheetRow[] = [];
  private inRow = false;
  private rowNumber = 0;
  private cells: string[] = [];
  private lossy: number[] = [];
  private nextCol = 0;
  private col = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private inlineText = '';
  private capture: 'v' | 't' | null = null;
  private inIs = false;
  private inPhonetic = 0;

  constructor(private readonly wb: Workbook) {}

  open(name: string, tag: SaxesTagPlain): void {
    switch (name) {
      case 'row': {
        const r = Number(attr(tag, 'r'));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.inRow = true;
        this.cells = [];
        this.lossy = [];
        this.nextCol = 0;
        break;
      }
      case 'c': {
        if (!this.inRow) return;
        const ref = attr(tag, 'r');
        const col = ref ? columnIndex(ref) : -1;
        this.col = col >= 0 ? col : this.nextCol;
        if (this.col >= MAX_COLUMNS) throw unreadable(`cell ${ref} is beyond the last column`);
        this.type = attr(tag, 't') ?? 'n';
        this.style = Number(attr(tag, 's') ?? 0) || 0;
        this.value = '';
        this.inlineText = '';
        this.inIs = false;
        break;
      }
      case 'v':
        if (this.inRow) {
          this.capture = 'v';
          this.value = '';
        }
        break;
      case 'is':
        this.inIs = true;
        break;
      case 'rPh':
        this.inPhonetic++;
        break;
      case 't':
        if (this.inIs && this.inPhonetic === 0) this.capture = 't';
        break;
    }
  }

  text(t: string): void {
    if (this.capture === 'v') this.value += t;
    else if (this.capture === 't') this.inlineText += t;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = null;
        break;
      case 'rPh':
        this.inPhonetic--;
        break;
      case 'is':
        this.inIs = false;
        break;
      case 'c':
        if (this.inRow) this.endCell();
        break;
      case 'row':
        if (!this.inRow) return;
        this.inRow = false;
        if (this.cells.length > 0) {
          const row: SheetRow = { line: this.rowNumber, cells: this.cells };
          if (this.lossy.length > 0) row.lossy = this.lossy;
          this.rows.push(row);
        }
        break;
    }
  }

  private endCell(): void {
    const col = this.col;
    this.nextCol = col + 1;
    let text: string;
    let lossy = false;
    switch (this.type) {
      case 's':
        text = this.value.trim() === '' ? '' : (this.wb.sharedStrings[Number(this.value)] ?? '');
        break;
      case 'inlineStr':
        text = unescapeOoxml(this.inlineText || this.value);
        break;
      case 'str':
        text = unescapeOoxml(this.value);
        break;
      case 'b':
        text = this.value === '' ? '' : this.value === '1' || this.value === 'true' ? 'TRUE' : 'FALSE';
        break;
      case 'd': {
        // ISO 8601 date cells (strict OOXML); a midnight time is dropped.
        const m = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?Z?)?$/.exec(this.value);
        text = m ? m[1] : this.value;
        break;
      }
      case 'e':
        text = this.value;
        break;
      default: {
        if (this.value.trim() === '') {
          text = '';
          break;
        }
        const kind = this.wb.styleKinds[this.style];
        const date = kind ? serialToIso(Number(this.value), kind, this.wb.date1904) : null;
        if (date !== null) text = date;
        else ({ text, lossy } = numberText(this.value));
      }
    }
    if (text === '') return;
    const cells = this.cells;
    while (cells.length < col) cells.push('');
    cells[col] = text;
    if (lossy) this.lossy.push(col);
  }
}

export async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  const zip = await ZipReader.open(path);
  let yielded = false;
  try {
    const wb = await readWorkbook(zip);
    const entry = zip.get(wb.sheetPath)!;
    const sheet = new SheetParser(wb);
    const parser = newParser({
      open: (name, tag) => sheet.open(name, tag),
      close: (name) => sheet.close(name),
      text: (t) => sheet.text(t),
    });
    const decoder = new TextDecoder('utf-8');
    const feed = (text: string) => {
      try {
        parser.write(text);
      } catch (err) {
        throw err instanceof SpreadsheetError ? err : unreadable(`${entry.name} is not valid XML`, err);
      }
    };
    for await (const chunk of zip.stream(entry)) {
      feed(decoder.decode(chunk, { stream: true }));
      if (sheet.rows.length > 0) {
        yielded = true;
        for (const row of sheet.rows.splice(0)) yield row;
      }
    }
    feed(decoder.decode());
    try {
      parser.close();
    } catch (err) {
      throw unreadable(`${entry.name} is not valid XML`, err);
    }
    if (sheet.rows.length > 0) {
      yielded = true;
      for (const row of sheet.rows.splice(0)) yield row;
    }
  } finally {
    await zip.close();
  }
  if (!yielded) throw new SpreadsheetError('empty_file', 'the first worksheet has no rows');
}
