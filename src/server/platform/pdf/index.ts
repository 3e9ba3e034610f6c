import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import pdfmake from 'pdfmake';

/**
 * PDF documents with pdfmake (server side). The only font is Roboto as pdfmake's npm package
 * ships it (Latin incl. Indonesian, Vietnamese, Greek, Cyrillic): pdfkit embeds the subset a
 * document uses, so every reader shows the same glyphs. pdfmake may fetch URLs and read files a
 * document names: both are closed here except the font folder.
 */

const require = createRequire(import.meta.url);
const ROBOTO: { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } } = require('pdfmake/fonts/Roboto.js');
const FONT_DIR = resolve(dirname(ROBOTO.Roboto.normal));

pdfmake.setFonts({ Roboto: { ...ROBOTO.Roboto } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(FONT_DIR + sep));

export type PdfDocument = Record<string, unknown>;

// pdfmake's own pdfkit (resolved from pdfmake's folder, the version it was built with)
type PdfKitDoc = { openImage: (src: Buffer) => unknown };
const PdfKit = createRequire(require.resolve('pdfmake'))('pdfkit') as new (opts?: object) => PdfKitDoc;
let probe: PdfKitDoc | null = null;

/**
 * Whether pdfkit reads an image's header (JPEG markers, PNG chunks) as it will when the image is
 * put in a PDF: an image it refuses would fail the whole document, so the caller leaves it out.
 * Reading is cheap: a JPEG is copied as it is and a PNG's pixels are decoded only when embedded.
 */
export function pdfReadsImage(content: Buffer): boolean {
  try {
    probe ??= new PdfKit({ autoFirstPage: false });
    probe.openImage(content);
    return true;
  } catch {
    // pdfkit throws strings as well as errors ('Invalid JPEG.')
    return false;
  }
}

/** Lays out and renders a document definition (pdfmake's format) into a PDF file's bytes. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  // pdfmake writes fonts back into the definitions it is given: a fresh copy for every document
  pdfmake.setFonts({ Roboto: { ...ROBOTO.Roboto } });
  return pdfmake.createPdf({ defaultStyle: { font: 'Roboto' }, ...doc }).getBuffer();
}

const ZWSP = '\u200b';

/**
 * Offers line breaks inside words too long for a narrow column (URLs, file names, codes), which
 * pdfmake would otherwise run across the next column: a zero-width space after URL punctuation
 * and every 16 characters. Roboto has the glyph (zero width), so nothing shows.
 */
export function breakable(text: string): string {
  return text.replace(/\S{25,}/g, (word) =>
    word
      .replace(/([/._\-?&=:,;])(?=\S)/g, `$1${ZWSP}`)
      .split(ZWSP)
      .map((part) => part.replace(/(\S{16})(?=\S)/g, `$1${ZWSP}`))
      .join(ZWSP),
  );
}
