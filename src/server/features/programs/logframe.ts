import type { Indicator } from '../../../domain/contracts/indicators.ts';
import type { Result } from '../../../domain/contracts/results.ts';
import { cumulativeTargets } from '../../../domain/indicators.ts';
import { type ResultLevel, resultCodes } from '../../../domain/programs.ts';
import { downloadName } from '../../platform/files.ts';
import type { Locale } from '../../platform/i18n/messages.ts';

/**
 * A program's results framework as a classic logframe matrix (issue 4): one row per result, depth
 * first (goal, outcome 1, output 1.1, activities 1.1.1 …), each with its indicators, means of
 * verification and assumptions. Pure: the XLSX and PDF writers only lay out what this returns.
 */

export const LOGFRAME_TEXT = {
  id: {
    title: 'Kerangka Logis (Logframe)',
    period: 'Periode',
    noPeriod: 'belum ditentukan',
    organisation: 'Organisasi',
    generated: 'Dibuat',
    page: 'Halaman {page} dari {pages}',
    empty: 'Program ini belum memiliki kerangka hasil.',
    columns: ['Tingkat', 'Kode', 'Pernyataan hasil (ringkasan naratif)', 'Indikator', 'Sarana verifikasi', 'Asumsi'],
    level: { goal: 'Tujuan', outcome: 'Hasil (outcome)', output: 'Keluaran', activity: 'Kegiatan' },
    baseline: 'Data dasar',
    target: 'Target',
    yes: 'ya',
    no: 'tidak',
    sheet: 'Logframe',
  },
  en: {
    title: 'Logical Framework (Logframe)',
    period: 'Period',
    noPeriod: 'not set',
    organisation: 'Organisation',
    generated: 'Generated',
    page: 'Page {page} of {pages}',
    empty: 'This program has no results framework yet.',
    columns: ['Level', 'Code', 'Results statement (narrative summary)', 'Indicators', 'Means of verification', 'Assumptions'],
    level: { goal: 'Goal', outcome: 'Outcome', output: 'Output', activity: 'Activity' },
    baseline: 'Baseline',
    target: 'Target',
    yes: 'yes',
    no: 'no',
    sheet: 'Logframe',
  },
} as const satisfies Record<Locale, unknown>;

export type LogframeIndicator = {
  code: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  baselineDate: string | null;
  /** the overall target: the cumulative target of the last period that has one */
  target: number | null;
  targetDate: string | null;
  /** "Baseline: 0 (31 Dec 2025)", a line break, "Target: 120 (30 Jun 2026)", in the caller's language */
  figures: string;
};

export type LogframeRow = {
  level: ResultLevel;
  levelLabel: string;
  /** '' for the goal */
  code: string;
  /** 0 for the goal, 3 for an activity */
  depth: number;
  statement: string;
  indicators: LogframeIndicator[];
  meansOfVerification: string;
  assumptions: string;
};

export type Logframe = {
  locale: Locale;
  title: string;
  programName: string;
  /** "Period: 1 Jan 2027 – 31 Dec 2029" */
  periodLine: string;
  /** "Organisation: … · Generated: 2026-05-01" */
  detailsLine: string;
  headers: string[];
  rows: LogframeRow[];
  text: (typeof LOGFRAME_TEXT)[Locale];
};

export type LogframeInput = {
  program: { name: string; startDate: string | null; endDate: string | null };
  organisation?: string | null;
  /** the framework's results, in any order */
  results: Pick<Result, 'id' | 'parentId' | 'level' | 'position' | 'statement' | 'assumptions' | 'meansOfVerification'>[];
  indicators: Pick<Indicator, 'resultId' | 'code' | 'name' | 'unit' | 'type' | 'aggregation' | 'baselineValue' | 'baselineDate' | 'targets'>[];
  locale: Locale;
  /** the organisation's date, YYYY-MM-DD */
  today: string;
};

const INTL: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

/** 31 Dec 2025 / 31 Des 2025: unambiguous in both languages, unlike 12/31 vs 31/12. */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 2 }).format(n);
}

function indicatorOf(i: LogframeInput['indicators'][number], locale: Locale): LogframeIndicator {
  const text = LOGFRAME_TEXT[locale];
  const targets = [...i.targets].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const target = targets.length ? (cumulativeTargets(targets.map((t) => t.value), i.type, i.aggregation).at(-1) ?? null) : null;
  const unit = i.unit ?? (i.type === 'percentage' ? '%' : null);
  const value = (n: number) => {
    if (i.type === 'yes_no') return n === 1 ? text.yes : n === 0 ? text.no : formatNumber(n, locale);
    return i.type === 'percentage' && unit === '%' ? `${formatNumber(n, locale)}%` : formatNumber(n, locale);
  };
  const parts: string[] = [];
  if (i.baselineValue != null) parts.push(`${text.baseline}: ${value(i.baselineValue)}${i.baselineDate ? ` (${formatDate(i.baselineDate, locale)})` : ''}`);
  else parts.push(`${text.baseline}: —`);
  const targetDate = targets.length ? targets[targets.length - 1].end : null;
  parts.push(`${text.target}: ${target == null ? '—' : `${value(target)}${targetDate ? ` (${formatDate(targetDate, locale)})` : ''}`}`);
  return { code: i.code, name: i.name, unit, baseline: i.baselineValue, baselineDate: i.baselineDate, target, targetDate, figures: parts.join('\n') };
}

/** "1a Farmers trained (people)" */
export function indicatorTitle(i: LogframeIndicator): string {
  return `${i.code} ${i.name}${i.unit && i.unit !== '%' ? ` (${i.unit})` : ''}`;
}

/** An indicator cell's text for a spreadsheet: each indicator's title, then its figures. */
export function indicatorsText(list: LogframeIndicator[]): string {
  return list.map((i) => `${indicatorTitle(i)}\n${i.figures}`).join('\n\n');
}

export function buildLogframe(input: LogframeInput): Logframe {
  const { locale } = input;
  const text = LOGFRAME_TEXT[locale];
  const codes = resultCodes(input.results);
  const children = new Map<string | null, LogframeInput['results']>();
  for (const r of input.results) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const byResult = new Map<string, LogframeInput['indicators']>();
  for (const i of input.indicators) byResult.set(i.resultId, [...(byResult.get(i.resultId) ?? []), i]);
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, undefined, { numeric: true, sensitivity: 'base' });

  const rows: LogframeRow[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of [...(children.get(parentId) ?? [])].sort((a, b) => a.position - b.position)) {
      rows.push({
        level: r.level,
        levelLabel: text.level[r.level],
        code: codes.get(r.id) ?? '',
        depth,
        statement: r.statement,
        indicators: [...(byResult.get(r.id) ?? [])].sort(byCode).map((i) => indicatorOf(i, locale)),
        meansOfVerification: r.meansOfVerification ?? '',
        assumptions: r.assumptions ?? '',
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);

  const { startDate, endDate } = input.program;
  const period = startDate || endDate ? `${startDate ? formatDate(startDate, locale) : '…'} – ${endDate ? formatDate(endDate, locale) : '…'}` : text.noPeriod;
  const details = [input.organisation ? `${text.organisation}: ${input.organisation}` : null, `${text.generated}: ${formatDate(input.today, locale)}`].filter(Boolean).join(' · ');
  return {
    locale,
    title: text.title,
    programName: input.program.name,
    periodLine: `${text.period}: ${period}`,
    detailsLine: details,
    headers: [...text.columns],
    rows,
    text,
  };
}

/** The matrix as spreadsheet rows: the title block, the header, then one row per result. */
export function logframeSheetRows(lf: Logframe): unknown[][] {
  return [
    [`${lf.title}: ${lf.programName}`],
    [`${lf.periodLine} · ${lf.detailsLine}`],
    lf.headers,
    ...lf.rows.map((r) => [r.levelLabel, r.code || null, r.statement, indicatorsText(r.indicators) || null, r.meansOfVerification || null, r.assumptions || null]),
  ];
}

/**
 * A download's file name from the program's name: `logframe-sekolah-lapang-iklim-2026-05-01.pdf`.
 * `ascii` for the plain filename parameter, `unicode` (letters of any script kept) for filename*.
 */
export function logframeFileName(programName: string, today: string, ext: 'xlsx' | 'pdf') {
  return downloadName('logframe', programName, today, ext, 'program');
}
