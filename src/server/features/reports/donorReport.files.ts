import type { DonorReportContent, NarrativeSection } from '../../../domain/contracts/donorReports.ts';
import { formatMoney, sum } from '../../../domain/money.ts';
import { type DocxBlock, writeDocx } from '../../platform/docx/index.ts';
import { downloadName } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { type PdfDocument, breakable, renderPdf } from '../../platform/pdf/index.ts';
import { formatDate, formatNumber } from '../programs/logframe.ts';

/**
 * The donor progress report as files (issue 6): PDF to send, DOCX to edit, XLSX for the figures,
 * in the reader's language. `donorDocument` decides what is said, as a list of neutral blocks;
 * the three writers only lay them out, so the files cannot say different things.
 */

export const DONOR_TEXT = {
  id: {
    document: 'Laporan Kemajuan untuk Donor',
    grant: 'Hibah',
    funder: 'Donor',
    reference: 'Nomor perjanjian',
    grantPeriod: 'Masa hibah',
    amount: 'Nilai hibah',
    restricted: 'Penggunaan',
    restrictedYes: 'Terikat (sesuai perjanjian)',
    restrictedNo: 'Tidak terikat',
    period: 'Periode laporan',
    programs: 'Program',
    asOf: 'Angka dihitung dari data Gotong per {date}.',
    narrative: { summary: 'Ringkasan', progress: 'Kemajuan', challenges: 'Tantangan dan cara mengatasinya', lessons: 'Pembelajaran', nextSteps: 'Langkah berikutnya' } as Record<NarrativeSection, string>,
    indicators: 'Kemajuan indikator',
    indicator: 'Indikator',
    baseline: 'Data dasar',
    periodCol: 'Periode',
    target: 'Target',
    actual: 'Capaian',
    targetToDate: 'Target s.d. kini',
    actualToDate: 'Capaian s.d. kini',
    status: 'Status',
    statuses: { on_track: 'Sesuai jalur', at_risk: 'Berisiko', off_track: 'Tertinggal', no_data: 'Belum ada data', no_target: 'Tanpa target' },
    byCategory: 'Rincian capaian s.d. kini',
    categories: { female: 'Perempuan', male: 'Laki-laki', with: 'Dengan disabilitas', without: 'Tanpa disabilitas', unknown: 'Tidak diketahui' } as Record<string, string>,
    noIndicators: 'Program ini belum punya indikator.',
    noPrograms: 'Hibah ini belum dikaitkan dengan program.',
    activities: 'Kegiatan yang dilaksanakan',
    date: 'Tanggal',
    activity: 'Kegiatan',
    program: 'Program',
    registered: 'Terdaftar',
    attended: 'Hadir',
    female: 'Perempuan',
    male: 'Laki-laki',
    withDisability: 'Disabilitas',
    noActivities: 'Tidak ada kegiatan dalam periode ini.',
    total: 'Jumlah',
    reached: 'Orang yang dijangkau (masing-masing dihitung sekali): {total}, perempuan {female}, laki-laki {male}, dengan disabilitas {disability}.',
    budget: 'Anggaran dan realisasi',
    line: 'Pos anggaran',
    budgetCol: 'Anggaran',
    spentInPeriod: 'Realisasi periode ini',
    spentToDate: 'Realisasi s.d. kini',
    remaining: 'Sisa',
    noBudget: 'Belum ada anggaran program yang didanai hibah ini.',
    none: '—',
    draft: 'DRAF',
    generated: 'Dibuat',
    page: 'Halaman {page} dari {pages}',
    fileWord: 'laporan-donor',
    sheet: 'Laporan donor',
  },
  en: {
    document: 'Donor Progress Report',
    grant: 'Grant',
    funder: 'Funder',
    reference: 'Agreement number',
    grantPeriod: 'Grant period',
    amount: 'Grant amount',
    restricted: 'Use',
    restrictedYes: 'Restricted (as agreed)',
    restrictedNo: 'Unrestricted',
    period: 'Reporting period',
    programs: 'Programs',
    asOf: 'Figures computed from the data in Gotong as of {date}.',
    narrative: { summary: 'Summary', progress: 'Progress', challenges: 'Challenges and how they were met', lessons: 'Lessons learned', nextSteps: 'Next steps' } as Record<NarrativeSection, string>,
    indicators: 'Indicator progress',
    indicator: 'Indicator',
    baseline: 'Baseline',
    periodCol: 'Period',
    target: 'Target',
    actual: 'Actual',
    targetToDate: 'Target to date',
    actualToDate: 'Actual to date',
    status: 'Status',
    statuses: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', no_data: 'No data yet', no_target: 'No target' },
    byCategory: 'Actual to date by category',
    categories: { female: 'Female', male: 'Male', with: 'With disability', without: 'Without disability', unknown: 'Unknown' } as Record<string, string>,
    noIndicators: 'This program has no indicators yet.',
    noPrograms: 'This grant is not linked to a program yet.',
    activities: 'Activities held',
    date: 'Date',
    activity: 'Activity',
    program: 'Program',
    registered: 'Registered',
    attended: 'Attended',
    female: 'Female',
    male: 'Male',
    withDisability: 'Disability',
    noActivities: 'No activities in this period.',
    total: 'Total',
    reached: 'People reached (each counted once): {total}; female {female}, male {male}, with disability {disability}.',
    budget: 'Budget and spending',
    line: 'Budget line',
    budgetCol: 'Budget',
    spentInPeriod: 'Spent this period',
    spentToDate: 'Spent to date',
    remaining: 'Remaining',
    noBudget: 'No program budget is funded by this grant yet.',
    none: '—',
    draft: 'DRAFT',
    generated: 'Generated',
    page: 'Page {page} of {pages}',
    fileWord: 'donor-report',
    sheet: 'Donor report',
  },
} as const;

/** Neutral blocks: what the document says, in order. Table cells are text except the numbers a spreadsheet should keep numeric. */
export type Cell = string | number | null;
export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'details'; rows: [string, string][] }
  | { kind: 'table'; header: string[]; rows: Cell[][]; widths: number[]; numeric: boolean[]; total?: Cell[] };

export type DonorDocument = { locale: Locale; title: string; heading: string; footer: string; draft: boolean; blocks: Block[] };

export function donorDocument(c: DonorReportContent, locale: Locale, generated: string): DonorDocument {
  const t = DONOR_TEXT[locale];
  const r = c.report;
  const n = (x: number | null) => (x == null ? t.none : formatNumber(Math.round(x * 100) / 100, locale));
  const range = (a: string, b: string) => `${formatDate(a, locale)} – ${formatDate(b, locale)}`;
  const blocks: Block[] = [
    {
      kind: 'details',
      rows: [
        [t.funder, c.grant.funder],
        [t.grant, c.grant.title],
        ...(c.grant.reference ? [[t.reference, c.grant.reference] as [string, string]] : []),
        [t.grantPeriod, range(c.grant.startDate, c.grant.endDate)],
        [t.amount, formatMoney(c.grant.amount, c.grant.currency, locale)],
        [t.restricted, c.grant.restricted ? t.restrictedYes : t.restrictedNo],
        [t.period, range(r.periodStart, r.periodEnd)],
        [t.programs, c.programs.map((p) => p.name).join(', ') || t.none],
      ],
    },
    { kind: 'paragraph', text: t.asOf.replace('{date}', formatDate(c.asOf, locale)), muted: true },
  ];
  const narrative = (k: NarrativeSection) => {
    blocks.push({ kind: 'heading', level: 1, text: t.narrative[k] });
    const text = r.narrative[k]?.trim();
    for (const para of (text || t.none).split(/\n{2,}/)) blocks.push({ kind: 'paragraph', text: para, muted: !text });
  };
  narrative('summary');
  narrative('progress');

  blocks.push({ kind: 'heading', level: 1, text: t.indicators });
  if (!c.programs.length) blocks.push({ kind: 'paragraph', text: t.noPrograms, muted: true });
  for (const p of c.programs) {
    blocks.push({ kind: 'heading', level: 2, text: p.name });
    if (!p.indicators.length) blocks.push({ kind: 'paragraph', text: t.noIndicators, muted: true });
    if (p.indicators.length) {
      blocks.push({
        kind: 'table',
        header: [t.indicator, t.baseline, t.targetToDate, t.actualToDate, t.status],
        widths: [4, 1, 1.2, 1.2, 1.4],
        numeric: [false, true, true, true, false],
        rows: p.indicators.map((i) => [`${i.code} ${i.name}${i.unit ? ` (${i.unit})` : ''}`, i.baselineValue, i.series.targetToDate, i.series.actualToDate, t.statuses[i.series.status]]),
      });
      // each indicator's periods inside the reporting period, and its breakdown to date
      const periods = p.indicators.flatMap((i) => i.series.periods.map((x) => [`${i.code}`, range(x.start, x.end), x.target, x.figure.value] as Cell[]));
      if (periods.length) blocks.push({ kind: 'table', header: [t.indicator, t.periodCol, t.target, t.actual], widths: [1, 3, 1.2, 1.2], numeric: [false, false, true, true], rows: periods });
      const parts: Cell[][] = [];
      for (const i of p.indicators) {
        const last = i.series.periods[i.series.periods.length - 1];
        if (!last) continue;
        for (const [dim, cats] of Object.entries(last.parts)) {
          for (const [cat, v] of Object.entries(cats)) parts.push([i.code, dim === 'area' || dim === 'age' ? cat : (t.categories[cat] ?? cat), v.toDate]);
        }
      }
      if (parts.length) blocks.push({ kind: 'table', header: [t.indicator, t.byCategory, t.actualToDate], widths: [1, 3, 1.2], numeric: [false, false, true], rows: parts });
    }
  }

  blocks.push({ kind: 'heading', level: 1, text: t.activities });
  if (!c.activities.length) blocks.push({ kind: 'paragraph', text: t.noActivities, muted: true });
  else {
    const sum = (k: 'registered' | 'attended' | 'female' | 'male' | 'withDisability') => c.activities.reduce((s, a) => s + a[k], 0);
    blocks.push({
      kind: 'table',
      header: [t.date, t.activity, t.program, t.registered, t.attended, t.female, t.male, t.withDisability],
      widths: [1.3, 2.4, 1.6, 1.1, 0.9, 1.5, 1.1, 1.5], // wide enough for "Perempuan" and "Disabilitas" unbroken
      numeric: [false, false, false, true, true, true, true, true],
      rows: c.activities.map((a) => [formatDate(a.date, locale), a.title, a.program, a.registered, a.attended, a.female, a.male, a.withDisability]),
      total: [t.total, '', '', sum('registered'), sum('attended'), sum('female'), sum('male'), sum('withDisability')],
    });
    blocks.push({
      kind: 'paragraph',
      text: t.reached
        .replace('{total}', formatNumber(c.reached.total, locale))
        .replace('{female}', formatNumber(c.reached.female, locale))
        .replace('{male}', formatNumber(c.reached.male, locale))
        .replace('{disability}', formatNumber(c.reached.withDisability, locale)),
    });
  }

  blocks.push({ kind: 'heading', level: 1, text: t.budget });
  if (!c.budget || !c.budget.lines.length) blocks.push({ kind: 'paragraph', text: t.noBudget, muted: true });
  else {
    const cur = c.budget.currency;
    const m = (x: number) => formatMoney(x, cur, locale);
    const total = (k: 'budget' | 'spentInPeriod' | 'spentToDate' | 'remaining') => sum(c.budget!.lines.map((l) => l[k]));
    blocks.push({
      kind: 'table',
      header: [t.line, t.budgetCol, t.spentInPeriod, t.spentToDate, t.remaining],
      widths: [3, 1.5, 1.5, 1.5, 1.5],
      numeric: [false, false, false, false, false],
      rows: c.budget.lines.map((l) => [`${l.program} · ${l.category[locale]} · ${l.description}`, m(l.budget), m(l.spentInPeriod), m(l.spentToDate), m(l.remaining)]),
      total: [t.total, m(total('budget')), m(total('spentInPeriod')), m(total('spentToDate')), m(total('remaining'))],
    });
  }
  narrative('challenges');
  narrative('lessons');
  narrative('nextSteps');

  return {
    locale,
    title: r.title,
    heading: `${t.document} · ${c.organization.name}`,
    footer: `${r.title} · ${t.generated}: ${formatDate(generated, locale)}`,
    draft: r.status === 'draft',
    blocks,
  };
}

export function donorFileName(c: DonorReportContent, locale: Locale, ext: 'pdf' | 'docx' | 'xlsx') {
  return downloadName(DONOR_TEXT[locale].fileWord, c.report.title, c.report.periodEnd, ext, 'report');
}

const cellText = (v: Cell, locale: Locale) => (v == null ? '—' : typeof v === 'number' ? formatNumber(Math.round(v * 100) / 100, locale) : v);

// ---- PDF ----

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';
const HEAD_FILL = '#dce8f4';
const MARGIN = 44;
const layout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export function donorPdfDocument(d: DonorDocument, logo: { content: Buffer; contentType: string } | null): PdfDocument {
  const t = DONOR_TEXT[d.locale];
  const content: unknown[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'heading') content.push({ text: breakable(b.text), fontSize: b.level === 1 ? 13 : 11, bold: true, margin: [0, b.level === 1 ? 12 : 8, 0, 4], headlineLevel: 1 });
    else if (b.kind === 'paragraph') content.push({ text: breakable(b.text), color: b.muted ? MUTED : INK, fontSize: b.muted ? 9 : 10, margin: [0, 0, 0, 5] });
    else if (b.kind === 'details') content.push({ table: { widths: [120, '*'], body: b.rows.map(([k, v]) => [{ text: k, color: MUTED }, { text: breakable(v) }]) }, layout: 'noBorders', margin: [0, 0, 0, 6] });
    else {
      const total = b.widths.reduce((s, w) => s + w, 0);
      const head = b.header.map((h, i) => ({ text: h, bold: true, fillColor: HEAD_FILL, alignment: b.numeric[i] ? 'right' : 'left' }));
      const row = (r: Cell[], bold = false) => r.map((v, i) => ({ text: breakable(cellText(v, d.locale)), alignment: b.numeric[i] ? 'right' : 'left', bold }));
      content.push({
        table: { headerRows: 1, dontBreakRows: true, widths: b.widths.map((w) => `${(100 * w) / total}%`), body: [head, ...b.rows.map((r) => row(r)), ...(b.total ? [row(b.total, true)] : [])] },
        layout,
        fontSize: 8.5,
        margin: [0, 0, 0, 8],
      });
    }
  }
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, 48, MARGIN, 44],
    language: d.locale,
    info: { title: `${t.document}: ${d.title}`, subject: t.document, creator: 'Gotong', producer: 'Gotong' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: INK },
    images: logo ? { logo: `data:${logo.contentType};base64,${logo.content.toString('base64')}` } : {},
    // a draft says so on every page, so it is never mistaken for the report sent
    watermark: d.draft ? { text: t.draft, color: '#c2c9d1', opacity: 0.25, bold: true } : undefined,
    header: (page: number) => (page > 1 ? { text: `${d.title} · ${t.document}`, margin: [MARGIN, 22, MARGIN, 0], fontSize: 8, color: MUTED } : null),
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 14, MARGIN, 0],
      fontSize: 8,
      color: MUTED,
      columns: [{ text: d.footer, width: '*' }, { text: t.page.replace('{page}', String(page)).replace('{pages}', String(pages)), alignment: 'right', width: 'auto' }],
    }),
    content: [
      logo
        ? { columns: [{ image: 'logo', fit: [110, 48], width: 120 }, { stack: [{ text: d.heading, fontSize: 10, color: MUTED }, { text: breakable(d.title), fontSize: 17, bold: true }], width: '*' }], columnGap: 12, margin: [0, 0, 0, 10] }
        : { stack: [{ text: d.heading, fontSize: 10, color: MUTED, margin: [0, 0, 0, 2] }, { text: breakable(d.title), fontSize: 17, bold: true }], margin: [0, 0, 0, 10] },
      ...content,
    ],
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage: () => unknown[] }) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
  };
}

export const donorPdf = (d: DonorDocument, logo: { content: Buffer; contentType: string } | null) => renderPdf(donorPdfDocument(d, logo));

// ---- DOCX ----

export function donorDocx(d: DonorDocument, logo: { content: Buffer; contentType: string; width: number; height: number } | null): Buffer {
  const t = DONOR_TEXT[d.locale];
  const blocks: DocxBlock[] = [];
  if (logo) blocks.push({ type: 'image', data: logo.content, contentType: logo.contentType as 'image/png', width: logo.width, height: logo.height, widthCm: Math.min(4, (logo.width / 96) * 2.54) });
  blocks.push({ type: 'paragraph', runs: d.heading, style: 'muted' }, { type: 'title', text: d.title });
  if (d.draft) blocks.push({ type: 'paragraph', runs: [{ text: t.draft, bold: true, color: '#c92a2a' }] });
  for (const b of d.blocks) {
    if (b.kind === 'heading') blocks.push({ type: 'heading', level: b.level, text: b.text });
    else if (b.kind === 'paragraph') blocks.push({ type: 'paragraph', runs: b.text, ...(b.muted ? { style: 'muted' as const } : {}) });
    else if (b.kind === 'details') blocks.push({ type: 'table', widths: [1, 3], rows: b.rows });
    else
      blocks.push({
        type: 'table',
        widths: b.widths,
        header: b.header,
        rows: [...b.rows, ...(b.total ? [b.total] : [])].map((r) => r.map((v) => cellText(v, d.locale))),
        align: b.numeric.map((x) => (x ? 'right' : 'left')),
      });
  }
  blocks.push({ type: 'paragraph', runs: d.footer, style: 'muted' });
  return writeDocx({ title: `${t.document}: ${d.title}`, language: d.locale === 'id' ? 'id-ID' : 'en-GB', blocks });
}

// ---- XLSX: the same blocks as rows, numbers kept numeric ----

export function* donorRows(d: DonorDocument): Generator<unknown[]> {
  yield [d.heading];
  yield [d.title];
  for (const b of d.blocks) {
    if (b.kind === 'heading') {
      yield [];
      yield [b.text];
    } else if (b.kind === 'paragraph') yield [b.text];
    else if (b.kind === 'details') for (const r of b.rows) yield r;
    else {
      yield b.header;
      for (const r of b.rows) yield r;
      if (b.total) yield b.total;
    }
  }
}
