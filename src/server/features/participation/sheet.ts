import { formatCode } from '../../../domain/participation.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { type PdfDocument, breakable, renderPdf } from '../../platform/pdf/index.ts';

/**
 * The printable sign-in sheet of an activity (portrait A4) for places without a device: the
 * registered people with an empty signature column, then the waitlist, then blank numbered rows
 * for walk-ins. Staff type the ticks in afterwards (the "sheet" screen, method 'sheet').
 */

const TEXT = {
  id: {
    title: 'Daftar hadir',
    no: 'No.',
    name: 'Nama',
    place: 'Desa/kelurahan',
    code: 'Kode',
    signature: 'Tanda tangan',
    waitlist: 'daftar tunggu',
    walkIns: 'Peserta yang datang tanpa mendaftar: tulis nama dan desa/kelurahan.',
    registered: '{n} terdaftar',
    page: 'Halaman {page} dari {pages}',
    venue: 'Tempat',
  },
  en: {
    title: 'Sign-in sheet',
    no: 'No.',
    name: 'Name',
    place: 'Village',
    code: 'Code',
    signature: 'Signature',
    waitlist: 'waitlist',
    walkIns: 'People who came without registering: write their name and village.',
    registered: '{n} registered',
    page: 'Page {page} of {pages}',
    venue: 'Venue',
  },
} as const;

export type SheetData = {
  locale: Locale;
  organisation: string;
  title: string;
  when: string;
  venue: string | null;
  people: { fullName: string; place: string | null; code: string; waitlisted: boolean }[];
  /** blank rows for walk-ins */
  blankRows: number;
};

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const HEAD_FILL = '#1f4e79';

export function sheetDocument(d: SheetData): PdfDocument {
  const x = TEXT[d.locale];
  const head = [x.no, x.name, x.place, x.code, x.signature].map((h) => ({ text: h, bold: true, color: '#ffffff', fillColor: HEAD_FILL }));
  const rows = d.people.map((p, i) => [
    { text: String(i + 1), alignment: 'right' },
    { text: [{ text: breakable(p.fullName) }, ...(p.waitlisted ? [{ text: ` (${x.waitlist})`, color: MUTED, italics: true }] : [])] },
    { text: p.place ? breakable(p.place) : '' },
    { text: formatCode(p.code), fontSize: 8, color: MUTED },
    { text: '' },
  ]);
  const blanks = Array.from({ length: d.blankRows }, (_, i) => [{ text: String(d.people.length + i + 1), alignment: 'right', color: MUTED }, { text: '' }, { text: '' }, { text: '' }, { text: '' }]);
  const registered = d.people.filter((p) => !p.waitlisted).length;
  return {
    pageSize: 'A4',
    pageMargins: [32, 40, 32, 36],
    language: d.locale,
    info: { title: `${x.title}: ${d.title}`, creator: 'Gotong', producer: 'Gotong' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: INK },
    header: (page: number) => (page > 1 ? { text: `${d.title} · ${x.title}`, margin: [32, 18, 32, 0], fontSize: 8, color: MUTED } : null),
    footer: (page: number, pages: number) => ({
      margin: [32, 10, 32, 0],
      fontSize: 8,
      color: MUTED,
      columns: [{ text: `${d.organisation} · ${d.when}`, width: '*' }, { text: x.page.replace('{page}', String(page)).replace('{pages}', String(pages)), alignment: 'right', width: 'auto' }],
    }),
    content: [
      { text: x.title, fontSize: 10, color: MUTED },
      { text: breakable(d.title), fontSize: 16, bold: true, margin: [0, 2, 0, 2] },
      { text: [d.when, d.venue ? ` · ${x.venue}: ${d.venue}` : '', ` · ${x.registered.replace('{n}', String(registered))}`].join(''), fontSize: 9, color: MUTED, margin: [0, 0, 0, 10] },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: [24, '*', 110, 70, 120], heights: (i: number) => (i === 0 ? undefined : 24), body: [head, ...rows, ...blanks] },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => RULE,
          vLineColor: () => RULE,
          paddingTop: () => 5,
          paddingBottom: () => 5,
        },
      },
      { text: x.walkIns, fontSize: 8.5, color: MUTED, margin: [0, 8, 0, 0] },
    ],
  };
}

export const sheetPdf = (d: SheetData) => renderPdf(sheetDocument(d));
