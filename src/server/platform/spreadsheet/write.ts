import { finished } from 'node:stream/promises';
import { constants, deflateRawSync } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * Streaming CSV and XLSX writers: rows are serialised as they arrive, and the output stream's
 * backpressure is respected (the writer waits for 'drain'), so exports of a million rows run in
 * flat memory. Both writers end `out` when done (unless `end: false`) and resolve once it has
 * finished; if the rows or the stream fail, the promise rejects and `out` is left un-ended for
 * the caller to destroy (an incomplete file must not look complete).
 *
 * Cell values: null/undefined and '' are empty; numbers and booleans are written as such (NaN
 * and ±Infinity as empty); bigint as digits; Dates (read in UTC) as `YYYY-MM-DD` when at
 * midnight, else full ISO — in XLSX as real date cells; anything else as text.
 *
 * XLSX limits (Excel's): text longer than 32,767 characters is cut; more than 1,048,576 rows or
 * 16,384 columns reject with a RangeError. Numbers in CSV use a decimal point whatever the locale.
 */

export type WriteOptions = {
  /** Apply neutraliseFormula to every text cell (default true). */
  neutralise?: boolean;
  /** End `out` when done (default true). */
  end?: boolean;
};

export type CsvWriteOptions = WriteOptions & {
  /** Start with a UTF-8 byte order mark so Excel reads the file as UTF-8 (default true). */
  bom?: boolean;
  /** Field delimiter (default ','); ';' suits Excel in locales with a decimal comma. */
  delimiter?: string;
};

export type XlsxWriteOptions = WriteOptions & {
  /** Worksheet name (default 'Sheet1'); characters Excel refuses are removed, at most 31 kept. */
  sheetName?: string;
  /** How many leading rows are headers: shown in bold and frozen (default 1). */
  headerRows?: number;
  /** Column widths in characters, from column A; a missing or non-positive width keeps the default. */
  columnWidths?: number[];
  /**
   * Wrap long text in the rows below the headers, aligned to the top (default false). Rows get a
   * height for their longest cell, since spreadsheet programs do not fit heights when opening.
   */
  wrap?: boolean;
  /** For printing: landscape, all columns on the page's width, header rows repeated on each page. */
  print?: { landscape?: boolean; fitToWidth?: boolean };
};

type Rows = AsyncIterable<unknown[]> | Iterable<unknown[]>;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/**
 * Defence against spreadsheet formula injection (OWASP "CSV Injection"; ASVS 5.0 V1.2.10): a
 * text value that begins with `=`, `+`, `-`, `@`, tab or carriage return (and NUL, per ASVS)
 * is prefixed with a single quote so that Excel, LibreOffice and Google Sheets show it as text
 * instead of evaluating it. As OWASP recommends, this applies to every such text value, also
 * harmless-looking ones such as "-5" or a phone number "+6281234567890": which values a
 * spreadsheet treats as formulas differs between programs, and the quote keeps the value
 * readable (Excel hides it as a "text" marker when typed, other readers show it). Numbers
 * written as number cells are not affected, so exports should keep numeric columns numeric.
 */
export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_START.has(value[0]) ? `'${value}` : value;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isMidnightUtc(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return isMidnightUtc(d) ? iso.slice(0, 10) : iso;
}

/** Writes to a Node stream, waiting for 'drain' when its buffer is full, and notices stream errors. */
class Sink {
  private error: Error | null = null;
  private readonly onError = (err: Error) => {
    this.error ??= err;
  };

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on('error', this.onError);
  }

  private check(): void {
    if (this.error) throw this.error;
    if ((this.out as { destroyed?: boolean }).destroyed) throw new Error('the output stream was closed');
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.check();
    if (this.out.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        this.out.removeListener('drain', onDrain);
        this.out.removeListener('error', onFail);
        this.out.removeListener('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onFail = (err: Error) => done(err);
      const onClose = () => done(this.error ?? new Error('the output stream was closed'));
      this.out.on('drain', onDrain);
      this.out.on('error', onFail);
      this.out.on('close', onClose);
    });
  }

  async finish(end: boolean): Promise<void> {
    this.check();
    if (end) {
      this.out.end();
      await finished(this.out);
    }
    this.out.removeListener('error', this.onError);
  }
}

// ---------------------------------------------------------------------------------------- CSV

const CSV_CHUNK = 64 * 1024;

export async function writeCsv(rows: Rows, out: NodeJS.WritableStream, opts: CsvWriteOptions = {}): Promise<void> {
  const delimiter = opts.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') throw new TypeError('the delimiter must be one character, not a quote or line end');
  const neutralise = opts.neutralise ?? true;
  const sink = new Sink(out);

  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v instanceof Date) return dateText(v);
    let s = String(v);
    if (neutralise) s = neutraliseFormula(s);
    // RFC 4180: fields with the delimiter, a quote or a line end are quoted, quotes doubled.
    if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) return `"${s.replace(/"/g, '""')}"`;
    return s;
  };

  let buffer = opts.bom === false ? '' : '\uFEFF';
  for await (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i > 0 ? delimiter : '') + cell(row[i]);
    buffer += `${line}\r\n`;
    if (buffer.length >= CSV_CHUNK) {
      await sink.write(Buffer.from(buffer, 'utf8'));
      buffer = '';
    }
  }
  if (buffer.length > 0) await sink.write(Buffer.from(buffer, 'utf8'));
  await sink.finish(opts.end ?? true);
}

// --------------------------------------------------------------------------------------- XLSX

/**
 * A zip entry deflated by Node's native zlib (about four times faster than fflate's JS deflate,
 * the bottleneck of large exports). fflate computes size and CRC of the raw bytes; each chunk is
 * compressed on its own and ends with a sync flush, so the segments concatenate into one valid
 * deflate stream (a segment never refers back into an earlier one), closed by an empty final block.
 */
class NativeZipDeflate extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly level = 6,
  ) {
    super(filename);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    const parts: Buffer[] = [];
    if (chunk.length > 0) parts.push(deflateRawSync(chunk, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH }));
    if (final) parts.push(deflateRawSync(Buffer.alloc(0), { level: this.level }));
    const out = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.ondata(null, out as Uint8Array<ArrayBuffer>, final); // zlib's Buffers are backed by an ArrayBuffer
  }
}

const XLSX_CHUNK = 128 * 1024;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_CHARS = 32_767;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles in styles.xml (cellXfs order). */
// quoted: text that would start a formula if typed, marked as text (Excel's "quote prefix")
const STYLE = { plain: 0, bold: 1, date: 2, dateTime: 3, boldDate: 4, boldDateTime: 5, quoted: 6, boldQuoted: 7 } as const;
/** The same eight styles again, wrapping text and aligned to the top: style + WRAPPED. */
const WRAPPED = 8;

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
const xf = (numFmtId: number, fontId: number) =>
  `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId ? ' applyFont="1"' : ''}${numFmtId ? ' applyNumberFormat="1"' : ''}/>`;
const BASE_XFS = [xf(0, 0), xf(0, 1), xf(164, 0), xf(165, 0), xf(164, 1), xf(165, 1), xf(0, 0).replace('/>', ' quotePrefix="1"/>'), xf(0, 1).replace('/>', ' quotePrefix="1"/>')];
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="16">${BASE_XFS.join('')}${BASE_XFS.map((x) => x.replace('/>', ' applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>')).join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Characters XML 1.0 cannot hold at all (control characters other than tab, LF, CR; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s.replace(XML_ILLEGAL, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Text for an inline string: XML-escaped, and literal `_xHHHH_` protected from Excel's unescaping. */
function cellTextXml(s: string): string {
  let t = s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
  if (t.includes('_x')) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  return escapeXml(t);
}

function sheetNameOf(name: string | undefined): string {
  const cleaned = (name ?? '').replace(XML_ILLEGAL, '').replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet1' : cleaned;
}

const columnNames: string[] = [];
function columnName(i: number): string {
  let name = columnNames[i];
  if (name === undefined) {
    name = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    if (i < 1024) columnNames[i] = name;
  }
  return name;
}

/** Days since 1899-12-30 (Excel's 1900 date system), or null before 1900-03-01 where Excel's calendar is off by one. */
function excelSerial(d: Date): number | null {
  const ms = d.getTime();
  if (Number.isNaN(ms) || ms < Date.UTC(1900, 2, 1) || ms >= Date.UTC(10000, 0, 1)) return null;
  return (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export async function writeXlsx(rows: Rows, out: NodeJS.WritableStream, opts: XlsxWriteOptions = {}): Promise<void> {
  const neutralise = opts.neutralise ?? true;
  const headerRows = Math.max(0, Math.min(MAX_ROWS - 1, Math.floor(opts.headerRows ?? 1)));
  const sink = new Sink(out);

  // fflate calls back synchronously while we push; chunks queue here and are written with backpressure.
  const pending: Uint8Array[] = [];
  let zipError: Error | null = null;
  let zipDone = false;
  const zip = new Zip((err, data, final) => {
    if (err) zipError ??= err;
    else pending.push(data);
    if (final) zipDone = true;
  });
  const flush = async () => {
    if (zipError) throw zipError;
    while (pending.length > 0) await sink.write(pending.shift()!);
  };
  const addFile = async (name: string, xml: string) => {
    const file = new NativeZipDeflate(name);
    zip.add(file);
    file.push(Buffer.from(xml, 'utf8'), true);
    await flush();
  };

  await addFile('[Content_Types].xml', CONTENT_TYPES);
  await addFile('_rels/.rels', ROOT_RELS);
  await addFile(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${escapeXml(sheetNameOf(opts.sheetName))}" sheetId="1" r:id="rId1"/></sheets>` +
      (opts.print && headerRows > 0 ? `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'${escapeXml(sheetNameOf(opts.sheetName))}'!$1:$${headerRows}</definedName></definedNames>` : '') +
      '</workbook>',
  );
  await addFile('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  await addFile('xl/styles.xml', STYLES);

  // The worksheet is added last so that fflate streams it straight through instead of queueing it.
  const sheet = new NativeZipDeflate('xl/worksheets/sheet1.xml');
  zip.add(sheet);
  const pane =
    headerRows > 0
      ? `<pane ySplit="${headerRows}" topLeftCell="A${headerRows + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${headerRows + 1}" sqref="A${headerRows + 1}"/>`
      : '';
  const widths = (opts.columnWidths ?? []).slice(0, MAX_COLUMNS).map((w, i) => (Number.isFinite(w) && w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${Math.min(255, w)}" customWidth="1"/>` : '')).join('');
  let xml =
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (opts.print?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${widths ? `<cols>${widths}</cols>` : ''}<sheetData>`;
  const wrap = opts.wrap === true;
  // lines a text takes in a column: a character about as wide as the width unit ("0"), on the generous side
  const columnChars = (i: number) => Math.max(1, opts.columnWidths?.[i] && Number.isFinite(opts.columnWidths[i]) && opts.columnWidths[i] > 0 ? opts.columnWidths[i] : 8.43);
  const linesOf = (text: string, i: number) => text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / columnChars(i))), 0);

  let r = 0;
  for await (const row of rows) {
    r++;
    if (r > MAX_ROWS) throw new RangeError(`an XLSX sheet holds at most ${MAX_ROWS} rows`);
    if (row.length > MAX_COLUMNS) throw new RangeError(`an XLSX sheet holds at most ${MAX_COLUMNS} columns`);
    const header = r <= headerRows;
    // body cells of a wrapped sheet take the wrapping copy of their style
    const at = (style: number | null) => (wrap && !header ? (style ?? STYLE.plain) + WRAPPED : style);
    const sAttr = (style: number | null) => {
      const v = at(style);
      return v === null ? '' : ` s="${v}"`;
    };
    let cells = '';
    let lines = 1;
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) continue;
      const ref = columnName(i) + r;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) cells += `<c r="${ref}"${sAttr(header ? STYLE.bold : null)}><v>${Object.is(v, -0) ? 0 : v}</v></c>`;
        continue;
      }
      if (typeof v === 'boolean') {
        cells += `<c r="${ref}" t="b"${sAttr(header ? STYLE.bold : null)}><v>${v ? 1 : 0}</v></c>`;
        continue;
      }
      let text: string;
      if (v instanceof Date) {
        const serial = excelSerial(v);
        if (serial !== null) {
          const midnight = isMidnightUtc(v);
          const s = header ? (midnight ? STYLE.boldDate : STYLE.boldDateTime) : midnight ? STYLE.date : STYLE.dateTime;
          cells += `<c r="${ref}"${sAttr(s)}><v>${serial}</v></c>`;
          continue;
        }
        text = dateText(v); // outside Excel's calendar: written as text
      } else {
        text = String(v); // bigint as text: Excel would round it to 15 digits as a number
      }
      if (text === '') continue;
      // A text cell is never evaluated when the file opens; the quote-prefix style keeps it text
      // when someone edits it, without a visible apostrophe in the value (CSV needs the apostrophe).
      const quoted = neutralise && typeof v !== 'bigint' && neutraliseFormula(text) !== text;
      const style = quoted ? (header ? STYLE.boldQuoted : STYLE.quoted) : header ? STYLE.bold : null;
      if (wrap && !header) lines = Math.max(lines, linesOf(text, i));
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      cells += `<c r="${ref}" t="inlineStr"${sAttr(style)}><is><t${space}>${cellTextXml(text)}</t></is></c>`;
    }
    // 15 points a line at the default font; Excel's largest row is 409 points
    const height = lines > 1 ? ` ht="${Math.min(409, lines * 15)}" customHeight="1"` : '';
    if (cells !== '') xml += `<row r="${r}"${height}>${cells}</row>`;
    if (xml.length >= XLSX_CHUNK) {
      sheet.push(Buffer.from(xml, 'utf8'));
      xml = '';
      await flush();
    }
  }
  xml += '</sheetData>';
  if (opts.print) {
    const { landscape, fitToWidth } = opts.print;
    xml += `<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/><pageSetup${landscape ? ' orientation="landscape"' : ''}${fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`;
  }
  xml += '</worksheet>';
  sheet.push(Buffer.from(xml, 'utf8'), true);
  zip.end();
  await flush();
  if (!zipDone) throw new Error('the XLSX archive did not complete');
  await sink.finish(opts.end ?? true);
}
