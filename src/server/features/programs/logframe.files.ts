import { PassThrough } from 'node:stream';
import { type PdfDocument, breakable, renderPdf } from '../../platform/pdf/index.ts';
import { writeXlsx } from '../../platform/spreadsheet/index.ts';
import { type Logframe, type LogframeIndicator, type LogframeRow, indicatorTitle, logframeSheetRows } from './logframe.ts';

/** The logframe as files: an XLSX sheet and a landscape A4 PDF with the same matrix. */

// Level | Code | Statement | Indicators | Means of verification | Assumptions, in characters
const SHEET_WIDTHS = [16, 8, 50, 50, 35, 35];

/** The XLSX file's bytes (a logframe has tens of rows: no need to stream). */
export async function logframeXlsx(lf: Logframe): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  // title, details and column headers: bold and frozen; formulas neutralised as in every export
  await writeXlsx(logframeSheetRows(lf), out, { sheetName: lf.text.sheet, headerRows: 3, columnWidths: SHEET_WIDTHS, wrap: true, print: { landscape: true, fitToWidth: true } });
  return Buffer.concat(chunks);
}

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const HEAD_FILL = '#1f4e79';
const LEVEL_FILL: Record<LogframeRow['level'], string | undefined> = { goal: '#dce8f4', outcome: '#edf3f9', output: undefined, activity: '#fafafa' };
const MARGIN = 28;

// Level | Code | Statement | Indicators | Means of verification | Assumptions, in points ('*': the rest, about 200)
const WIDTHS: (number | '*')[] = [62, 30, '*', 190, 125, 125];
const TEXT_WIDTHS = { statement: 195, indicators: 190, side: 125 };

/**
 * About how many lines a text takes in a column, on the generous side (characters of 4 pt, a third
 * of each line lost to wrapping): a row is kept on one page, so a piece must never outgrow one.
 */
function lines(text: string, width: number): number {
  return text.split('\n').reduce((n, l) => n + Math.ceil((1.35 * Math.max(1, l.length)) / (width / 4)), 0);
}
const indicatorLines = (i: LogframeIndicator) => lines(indicatorTitle(i), TEXT_WIDTHS.indicators) + lines(i.figures, TEXT_WIDTHS.indicators * 1.1) + 1;

/** A page holds about 43 lines: a row estimated longer than LONG_ROW_LINES is printed in pieces of at most PIECE_LINES. */
const PIECE_LINES = 26;
const LONG_ROW_LINES = 36;

/** A text cut at word boundaries into pieces of at most PIECE_LINES estimated lines. */
function pieces(text: string, width: number): string[] {
  if (lines(text, width) <= PIECE_LINES) return [text];
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/(?<=\s)/)) {
    if (current && lines(current + word, width) > PIECE_LINES) {
      // end the piece at a sentence's end when one is near, not mid-sentence
      const end = Math.max(current.lastIndexOf('. '), current.lastIndexOf('; '), current.lastIndexOf('\n'));
      const cut = end >= current.length * 0.6 ? end + 1 : current.length;
      out.push(current.slice(0, cut).trimEnd());
      current = current.slice(cut).trimStart();
    }
    current += word;
  }
  if (current.trim()) out.push(current.trimEnd());
  return out;
}

function indicatorPieces(list: LogframeIndicator[]): LogframeIndicator[][] {
  const out: LogframeIndicator[][] = [[]];
  let used = 0;
  for (const i of list) {
    if (used && used + indicatorLines(i) > PIECE_LINES) {
      out.push([]);
      used = 0;
    }
    out[out.length - 1].push(i);
    used += indicatorLines(i);
  }
  return out;
}

const cellText = (s: string | undefined, first: boolean) => (s ? { text: breakable(s) } : first ? { text: '—', color: RULE } : { text: '' });

function indicatorsCell(list: LogframeIndicator[], first: boolean) {
  if (!list.length) return first ? { text: '—', color: RULE } : { text: '' };
  return {
    stack: list.map((i, n) => ({
      margin: [0, n ? 5 : 0, 0, 0],
      stack: [{ text: breakable(indicatorTitle(i)) }, { text: breakable(i.figures), fontSize: 7.5, color: MUTED }],
    })),
  };
}

/**
 * The table rows of one logframe row. Rows never split over two pages (a row split after one line
 * is hard to read); one too long for a page is printed as a first row and continuation rows
 * without a rule between them, so nothing is ever cut off.
 */
function tableRows(r: LogframeRow): { cells: Record<string, unknown>[]; continued: boolean }[] {
  const long = Math.max(lines(r.statement, TEXT_WIDTHS.statement), r.indicators.reduce((n, i) => n + indicatorLines(i), 0), lines(r.meansOfVerification, TEXT_WIDTHS.side), lines(r.assumptions, TEXT_WIDTHS.side)) > LONG_ROW_LINES;
  const statement = long ? pieces(r.statement, TEXT_WIDTHS.statement) : [r.statement];
  const indicators = long ? indicatorPieces(r.indicators) : [r.indicators];
  const means = long ? pieces(r.meansOfVerification, TEXT_WIDTHS.side) : [r.meansOfVerification];
  const assumptions = long ? pieces(r.assumptions, TEXT_WIDTHS.side) : [r.assumptions];
  const n = Math.max(statement.length, indicators.length, means.length, assumptions.length);
  const strong = r.level === 'goal' || r.level === 'outcome';
  const fillColor = LEVEL_FILL[r.level];
  return Array.from({ length: n }, (_, k) => ({
    continued: k > 0,
    cells: [
      { text: k ? '' : r.levelLabel, bold: strong },
      { text: k ? '' : r.code, bold: strong },
      { ...cellText(statement[k], k === 0), bold: r.level === 'goal' },
      indicatorsCell(indicators[k] ?? [], k === 0),
      cellText(means[k], k === 0),
      cellText(assumptions[k], k === 0),
    ].map((c) => ({ ...c, fillColor })),
  }));
}

/** The matrix on landscape A4; the header row repeats on every page. */
export function logframeDocument(lf: Logframe): PdfDocument {
  const header = lf.headers.map((h) => ({ text: h, bold: true, color: '#ffffff', fillColor: HEAD_FILL }));
  const rows = lf.rows.length ? lf.rows.flatMap(tableRows) : [{ continued: false, cells: [{ text: lf.text.empty, colSpan: 6, italics: true, color: MUTED }, {}, {}, {}, {}, {}] }];
  // by table row index (0 is the header): whether the row continues the one above
  const continued = [false, ...rows.map((r) => r.continued)];
  const PAD = 4;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [MARGIN, 40, MARGIN, 36],
    language: lf.locale,
    info: { title: `${lf.title}: ${lf.programName}`, subject: lf.title, creator: 'Gotong', producer: 'Gotong' },
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.15, color: INK },
    header: (page: number) => (page > 1 ? { text: `${lf.programName} · ${lf.title}`, margin: [MARGIN, 18, MARGIN, 0], fontSize: 8, color: MUTED } : null),
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 10, MARGIN, 0],
      fontSize: 7.5,
      color: MUTED,
      columns: [{ text: `${lf.programName} · ${lf.detailsLine}`, width: '*' }, { text: lf.text.page.replace('{page}', String(page)).replace('{pages}', String(pages)), alignment: 'right', width: 'auto' }],
    }),
    content: [
      { text: lf.title, fontSize: 10, color: MUTED, margin: [0, 0, 0, 2] },
      { text: breakable(lf.programName), fontSize: 16, bold: true, margin: [0, 0, 0, 3] },
      { text: `${lf.periodLine} · ${lf.detailsLine}`, fontSize: 9, color: MUTED, margin: [0, 0, 0, 10] },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: WIDTHS, body: [header, ...rows.map((r) => r.cells)] },
        layout: {
          // no rule inside a continued row; the header's own fill marks the top
          hLineWidth: (i: number) => (i <= 1 || continued[i] ? 0 : 0.5),
          vLineWidth: () => 0.5,
          hLineColor: () => RULE,
          vLineColor: (i: number, _node: unknown, row: number) => (row === 0 ? HEAD_FILL : RULE),
          paddingLeft: () => PAD,
          paddingRight: () => PAD,
          paddingTop: (i: number) => (continued[i] ? 0 : PAD),
          paddingBottom: (i: number) => (continued[i + 1] ? 0 : PAD),
        },
      },
    ],
  };
}

export function logframePdf(lf: Logframe): Promise<Buffer> {
  return renderPdf(logframeDocument(lf));
}
