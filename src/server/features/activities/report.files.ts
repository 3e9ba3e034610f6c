import { ACTIVITY_TYPES, type CustomActivityType } from '../../../domain/activities.ts';
import type { ActivityFigures, ActivityReport } from '../../../domain/contracts/activityReports.ts';
import type { Activity } from '../../../domain/contracts/activities.ts';
import { type DocxBlock, writeDocx } from '../../platform/docx/index.ts';
import { downloadName, imageWithinLimits } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { type PdfDocument, breakable, pdfReadsImage, renderPdf } from '../../platform/pdf/index.ts';
import { formatDate, formatNumber } from '../programs/logframe.ts';
import { OTHER_AGE, UNKNOWN } from './participation.stats.ts';

/**
 * An activity report as files (issue 5): a PDF to send and a DOCX to edit, with the same content
 * in the reader's language — the organisation, the activity's title, date, place and program,
 * the attendance figures with their breakdowns, the report's sections and its captioned photos.
 * `reportContent` decides what is said; the two writers only lay it out.
 */

export const REPORT_TEXT = {
  id: {
    document: 'Laporan Kegiatan',
    organisation: 'Organisasi',
    program: 'Program',
    type: 'Jenis kegiatan',
    date: 'Tanggal',
    time: 'Waktu',
    allDay: 'sepanjang hari',
    place: 'Tempat',
    area: 'Wilayah',
    facilitators: 'Fasilitator',
    status: 'Status',
    attendance: 'Kehadiran',
    figuresNote: 'Dihitung otomatis dari pendaftaran dan daftar hadir pada {date}.',
    figure: 'Angka',
    count: 'Jumlah',
    share: 'Persen',
    registered: 'Terdaftar',
    waitlisted: 'Daftar tunggu',
    cancelled: 'Pendaftaran dibatalkan',
    attended: 'Hadir',
    attendedRegistered: 'Hadir dari yang terdaftar',
    walkIns: 'Hadir tanpa tempat terdaftar (walk-in)',
    rate: 'Tingkat kehadiran (hadir dari yang terdaftar ÷ terdaftar)',
    newParticipants: 'Peserta baru',
    returning: { program: 'Peserta lama (pernah hadir di kegiatan program ini)', organization: 'Peserta lama (pernah hadir di kegiatan organisasi)' },
    bySex: 'Yang hadir menurut jenis kelamin',
    byAge: 'Yang hadir menurut kelompok umur',
    byDisability: 'Yang hadir menurut disabilitas',
    byArea: 'Yang hadir menurut wilayah',
    sex: { female: 'Perempuan', male: 'Laki-laki' },
    disability: { with: 'Dengan disabilitas', without: 'Tanpa disabilitas' },
    years: 'tahun',
    otherAge: 'Di luar kelompok umur',
    unknown: 'Tidak diketahui',
    nobody: 'Belum ada yang tercatat hadir.',
    summary: 'Apa yang terjadi',
    outcomes: 'Hasil',
    followUps: 'Tindak lanjut',
    none: '—',
    photos: 'Foto',
    photoNotShown: 'Foto WebP tidak dapat ditampilkan di PDF; buka di Gotong atau di berkas DOCX.',
    photoUnreadable: 'Foto ini tidak dapat ditampilkan.',
    generated: 'Dibuat',
    page: 'Halaman {page} dari {pages}',
    types: { meeting: 'Pertemuan', workshop: 'Lokakarya', training: 'Pelatihan', distribution: 'Penyaluran bantuan', social_event: 'Acara sosial', field_visit: 'Kunjungan lapangan', other: 'Lainnya' },
    statuses: { planned: 'Direncanakan', done: 'Selesai', cancelled: 'Dibatalkan' },
    fileWord: 'laporan',
  },
  en: {
    document: 'Activity Report',
    organisation: 'Organisation',
    program: 'Program',
    type: 'Type of activity',
    date: 'Date',
    time: 'Time',
    allDay: 'all day',
    place: 'Place',
    area: 'Area',
    facilitators: 'Facilitators',
    status: 'Status',
    attendance: 'Attendance',
    figuresNote: 'Counted automatically from registrations and attendance on {date}.',
    figure: 'Figure',
    count: 'Number',
    share: 'Share',
    registered: 'Registered',
    waitlisted: 'Waitlisted',
    cancelled: 'Registrations cancelled',
    attended: 'Attended',
    attendedRegistered: 'Attended, of those registered',
    walkIns: 'Attended without a registered place (walk-ins)',
    rate: 'Attendance rate (attended of registered ÷ registered)',
    newParticipants: 'New participants',
    returning: { program: "Returning participants (came to an earlier activity of this program)", organization: "Returning participants (came to an earlier activity of the organisation)" },
    bySex: 'Attended by sex',
    byAge: 'Attended by age group',
    byDisability: 'Attended by disability',
    byArea: 'Attended by area',
    sex: { female: 'Female', male: 'Male' },
    disability: { with: 'With disability', without: 'Without disability' },
    years: 'years',
    otherAge: 'Outside the age groups',
    unknown: 'Unknown',
    nobody: 'No attendance recorded yet.',
    summary: 'What happened',
    outcomes: 'Outcomes',
    followUps: 'Follow-ups',
    none: '—',
    photos: 'Photos',
    photoNotShown: 'WebP photos cannot be shown in the PDF; open it in Gotong or in the DOCX file.',
    photoUnreadable: 'This photo cannot be shown.',
    generated: 'Generated',
    page: 'Page {page} of {pages}',
    types: { meeting: 'Meeting', workshop: 'Workshop', training: 'Training', distribution: 'Distribution', social_event: 'Social event', field_visit: 'Field visit', other: 'Other' },
    statuses: { planned: 'Planned', done: 'Done', cancelled: 'Cancelled' },
    fileWord: 'report',
  },
} as const satisfies Record<Locale, unknown>;

export type ReportPhotoFile = { id: string; caption: string; content_type: string; width: number; height: number; content: Buffer };

export type ReportInput = {
  locale: Locale;
  organisation: string;
  activity: Activity;
  customTypes: CustomActivityType[];
  report: ActivityReport;
  figures: ActivityFigures;
  photos: ReportPhotoFile[];
  /** the organisation's date, YYYY-MM-DD */
  today: string;
};

export type BreakdownTable = { title: string; rows: [string, number, string][] };
export type ReportContent = {
  locale: Locale;
  text: (typeof REPORT_TEXT)[Locale];
  heading: string;
  title: string;
  details: [string, string][];
  figuresNote: string;
  /** label, value as shown */
  figures: [string, string][];
  breakdowns: BreakdownTable[];
  sections: { title: string; text: string | null }[];
  photos: ReportPhotoFile[];
  footer: string;
};

const percent = (n: number, of: number, locale: Locale) => (of ? `${formatNumber(Math.round((1000 * n) / of) / 10, locale)}%` : '—');

export function reportContent(input: ReportInput): ReportContent {
  const { locale, activity: a, figures: f } = input;
  const text = REPORT_TEXT[locale];
  const type = (ACTIVITY_TYPES as readonly string[]).includes(a.type) ? text.types[a.type as keyof typeof text.types] : (input.customTypes.find((c) => c.code === a.type)?.label[locale] ?? a.type);
  const date = a.startDate === a.endDate ? formatDate(a.startDate, locale) : `${formatDate(a.startDate, locale)} – ${formatDate(a.endDate, locale)}`;
  const time = a.allDay ? text.allDay : `${a.startTime}–${a.endTime} (${a.timeZone})`;
  const area = a.area ? [...a.area.path].reverse().map((p) => p.name).join(', ') : null;
  const details: [string, string | null][] = [
    [text.organisation, input.organisation],
    [text.program, a.program?.name ?? null],
    [text.type, type],
    [text.date, date],
    [text.time, time],
    [text.place, a.venue],
    [text.area, area],
    [text.facilitators, a.facilitators.map((m) => m.name).join(', ') || null],
    [text.status, text.statuses[a.status]],
  ];
  const n = (x: number) => formatNumber(x, locale);
  const figures: [string, string][] = [
    [text.registered, n(f.registered)],
    [text.waitlisted, n(f.waitlisted)],
    [text.cancelled, n(f.cancelled)],
    [text.attended, n(f.attended)],
    [text.attendedRegistered, n(f.attendedRegistered)],
    [text.walkIns, n(f.walkIns)],
    [text.rate, f.attendanceRate == null ? '—' : `${formatNumber(Math.round(f.attendanceRate * 1000) / 10, locale)}%`],
    [text.newParticipants, n(f.newParticipants)],
    [text.returning[f.returningScope], n(f.returningParticipants)],
  ];
  const label = (dim: 'sex' | 'age' | 'disability', key: string) => {
    if (key === UNKNOWN) return text.unknown;
    if (dim === 'sex') return text.sex[key as keyof typeof text.sex] ?? key;
    if (dim === 'disability') return text.disability[key as keyof typeof text.disability] ?? key;
    if (key === OTHER_AGE) return text.otherAge;
    return `${key.replace('-', '–')} ${text.years}`;
  };
  const rows = (list: { key: string; count: number; label?: string | null }[], name: (k: string, l?: string | null) => string): [string, number, string][] =>
    list.map((c) => [name(c.key, c.label), c.count, percent(c.count, f.attended, locale)]);
  const breakdowns: BreakdownTable[] = f.attended
    ? [
        { title: text.bySex, rows: rows(f.bySex, (k) => label('sex', k)) },
        { title: text.byAge, rows: rows(f.byAge, (k) => label('age', k)) },
        { title: text.byDisability, rows: rows(f.byDisability, (k) => label('disability', k)) },
        { title: text.byArea, rows: rows(f.byArea, (k, l) => (k === UNKNOWN ? text.unknown : (l ?? k))) },
      ]
    : [];
  const r = input.report;
  return {
    locale,
    text,
    heading: `${text.document} · ${input.organisation}`,
    title: a.title,
    details: details.filter((d): d is [string, string] => !!d[1]),
    figuresNote: text.figuresNote.replace('{date}', formatDate(input.today, locale)),
    figures,
    breakdowns,
    sections: [
      { title: text.summary, text: r.summary },
      { title: text.outcomes, text: r.outcomes },
      { title: text.followUps, text: r.followUps },
    ],
    photos: input.photos,
    footer: `${a.title} · ${text.generated}: ${formatDate(input.today, locale)}`,
  };
}

export function reportFileName(c: ReportContent, activity: Activity, ext: 'pdf' | 'docx') {
  return downloadName(c.text.fileWord, activity.title, activity.startDate, ext, 'activity');
}

// ---- PDF ----

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const HEAD_FILL = '#dce8f4';
const MARGIN = 48;

/**
 * Whether the PDF can show a photo: pdfkit reads JPEG (embedded as it is) and PNG (decoded, so a
 * damaged PNG is left out: see pngDecodable); WebP is not one of its formats. A photo kept before
 * today's upload checks (too large, 16-bit, damaged) or whose header pdfkit refuses is left out
 * too, with a note in its place, so that one photo cannot break the whole export.
 */
const pdfShows = (p: ReportPhotoFile) =>
  (p.content_type === 'image/jpeg' || p.content_type === 'image/png') && imageWithinLimits(p.content_type, p.content) && pdfReadsImage(p.content);

const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** The PDF's definition (pdfmake); a photo the PDF cannot show (or every photo, `photos: false`) is a note in its place. */
export function reportDocument(c: ReportContent, opts: { photos?: boolean } = {}): PdfDocument {
  const t = c.text;
  const images: Record<string, string> = {};
  const breakdown = (b: BreakdownTable) => ({
    unbreakable: b.rows.length <= 12,
    margin: [0, 0, 0, 10],
    stack: [
      { text: b.title, bold: true, fontSize: 9.5, margin: [0, 0, 0, 3] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 42, 42],
          body: [
            [{ text: '', fillColor: HEAD_FILL }, { text: t.count, bold: true, alignment: 'right', fillColor: HEAD_FILL }, { text: t.share, bold: true, alignment: 'right', fillColor: HEAD_FILL }],
            ...b.rows.map(([label, count, share]) => [{ text: breakable(label) }, { text: formatNumber(count, c.locale), alignment: 'right' }, { text: share, alignment: 'right', color: MUTED }]),
          ],
        },
        layout: tableLayout,
      },
    ],
  });
  // the breakdowns two by two on a page's width
  const pairs: unknown[] = [];
  for (let i = 0; i < c.breakdowns.length; i += 2) pairs.push({ columns: [breakdown(c.breakdowns[i]), c.breakdowns[i + 1] ? breakdown(c.breakdowns[i + 1]) : { text: '' }], columnGap: 16 });
  const photos = c.photos.map((p, i) => {
    const caption = { text: breakable(p.caption), italics: true, fontSize: 9, color: MUTED, alignment: 'center', margin: [0, 3, 0, 12] };
    if (opts.photos === false || !pdfShows(p)) {
      return { unbreakable: true, stack: [{ table: { widths: ['*'], body: [[{ text: p.content_type === 'image/webp' ? t.photoNotShown : t.photoUnreadable, color: MUTED, fontSize: 9, margin: [6, 18, 6, 18] }]] }, layout: tableLayout }, caption] };
    }
    images[`photo${i}`] = `data:${p.content_type};base64,${p.content.toString('base64')}`;
    // about half a page high: a photo and its caption never split
    // never larger than the photo itself (at 96 dpi), so a small picture is not blown up
    return { unbreakable: true, stack: [{ image: `photo${i}`, fit: [Math.min(499, p.width * 0.75), Math.min(330, p.height * 0.75)], alignment: 'center' }, caption] };
  });
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, 48, MARGIN, 44],
    language: c.locale,
    info: { title: `${t.document}: ${c.title}`, subject: t.document, creator: 'Gotong', producer: 'Gotong' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: INK },
    images,
    header: (page: number) => (page > 1 ? { text: `${c.title} · ${t.document}`, margin: [MARGIN, 22, MARGIN, 0], fontSize: 8, color: MUTED } : null),
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 14, MARGIN, 0],
      fontSize: 8,
      color: MUTED,
      columns: [{ text: c.footer, width: '*' }, { text: t.page.replace('{page}', String(page)).replace('{pages}', String(pages)), alignment: 'right', width: 'auto' }],
    }),
    content: [
      { text: c.heading, fontSize: 10, color: MUTED, margin: [0, 0, 0, 2] },
      { text: breakable(c.title), fontSize: 18, bold: true, margin: [0, 0, 0, 10] },
      {
        table: { widths: [110, '*'], body: c.details.map(([k, v]) => [{ text: k, color: MUTED }, { text: breakable(v) }]) },
        layout: 'noBorders',
        margin: [0, 0, 0, 6],
      },
      { text: t.attendance, fontSize: 13, bold: true, margin: [0, 10, 0, 2], headlineLevel: 1 },
      { text: c.figuresNote, fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 6] },
      {
        table: { headerRows: 1, widths: ['*', 80], body: [[{ text: t.figure, bold: true, fillColor: HEAD_FILL }, { text: t.count, bold: true, alignment: 'right', fillColor: HEAD_FILL }], ...c.figures.map(([k, v]) => [{ text: k }, { text: v, alignment: 'right' }])] },
        layout: tableLayout,
        margin: [0, 0, 0, 10],
      },
      ...(c.breakdowns.length ? pairs : [{ text: t.nobody, italics: true, color: MUTED, margin: [0, 0, 0, 10] }]),
      ...c.sections.flatMap((s) => [
        { text: s.title, fontSize: 13, bold: true, margin: [0, 10, 0, 4], headlineLevel: 1 },
        s.text ? { text: breakable(s.text), margin: [0, 0, 0, 4] } : { text: t.none, color: MUTED },
      ]),
      ...(photos.length ? [{ text: t.photos, fontSize: 13, bold: true, margin: [0, 10, 0, 6], headlineLevel: 1 }, ...photos] : []),
    ],
    // a heading is never the last line of a page (the document is short: laying it out again is cheap)
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage: () => unknown[] }) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
  };
}

/** The PDF; should pdfkit still fail on a photo the checks let through, the report comes without its photos rather than not at all. */
export async function reportPdf(c: ReportContent): Promise<Buffer> {
  try {
    return await renderPdf(reportDocument(c));
  } catch (e) {
    if (!c.photos.length) throw e;
    return renderPdf(reportDocument(c, { photos: false }));
  }
}

// ---- DOCX ----

export function reportDocx(c: ReportContent): Buffer {
  const t = c.text;
  const blocks: DocxBlock[] = [
    { type: 'paragraph', runs: c.heading, style: 'muted' },
    { type: 'title', text: c.title },
    { type: 'table', widths: [1, 3], rows: c.details },
    { type: 'heading', level: 1, text: t.attendance },
    { type: 'paragraph', runs: c.figuresNote, style: 'muted' },
    { type: 'table', widths: [4, 1], header: [t.figure, t.count], rows: c.figures, align: ['left', 'right'] },
  ];
  if (!c.breakdowns.length) blocks.push({ type: 'paragraph', runs: [{ text: t.nobody, italic: true }] });
  for (const b of c.breakdowns) {
    blocks.push({ type: 'heading', level: 2, text: b.title });
    blocks.push({ type: 'table', widths: [4, 1, 1], header: ['', t.count, t.share], rows: b.rows.map(([l, n, s]) => [l, formatNumber(n, c.locale), s]), align: ['left', 'right', 'right'] });
  }
  for (const s of c.sections) {
    blocks.push({ type: 'heading', level: 1, text: s.title });
    // one paragraph per paragraph of the text, so the reader's styles and spacing apply
    for (const para of (s.text ?? t.none).split(/\n{2,}/)) blocks.push({ type: 'paragraph', runs: para });
  }
  if (c.photos.length) {
    blocks.push({ type: 'heading', level: 1, text: t.photos });
    // at most the photo's own size at 96 dpi, so a small picture is not blown up
    for (const p of c.photos) blocks.push({ type: 'image', data: p.content, contentType: p.content_type as 'image/jpeg', width: p.width, height: p.height, widthCm: (p.width / 96) * 2.54, caption: p.caption });
  }
  blocks.push({ type: 'paragraph', runs: c.footer, style: 'muted' });
  return writeDocx({ title: `${t.document}: ${c.title}`, language: c.locale === 'id' ? 'id-ID' : 'en-GB', blocks });
}
