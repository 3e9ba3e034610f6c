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
