import type { TFunction } from 'i18next';
import i18n from '../../i18n/index.ts';
import { type ImportStatus, type ImportSummary, columnLetter } from './api.ts';

/** A registry field of the import (IMPORT_FIELDS) in the UI language. */
export const fieldLabel = (t: TFunction, field: string) => t(`imports.field.${field}`, { defaultValue: field });

/**
 * A row problem in the UI language. The preview only has codes; the problem list also has the
 * server's message, used when the code is one this app does not know yet.
 */
export function problemText(t: TFunction, code: string, serverMessage?: string): string {
  if (i18n.exists(`imports.problem.${code}`)) return t(`imports.problem.${code}`);
  return serverMessage ?? t('imports.problem.invalid');
}

/** Why a job or an import stopped (its error code). */
export function failureText(t: TFunction, code: string | null): string {
  if (code && i18n.exists(`imports.failure.${code}`)) return t(`imports.failure.${code}`);
  return t('imports.failure.internal');
}

export const statusLabel = (t: TFunction, s: ImportStatus) => t(`imports.status.${s}`);
/** Colours from the theme's AA palette only (brand, red, orange, gray). */
export const STATUS_BADGE: Record<ImportStatus, { color: string; variant: 'light' | 'filled' | 'outline' }> = {
  uploaded: { color: 'gray', variant: 'light' },
  validating: { color: 'brand', variant: 'light' },
  validated: { color: 'brand', variant: 'outline' },
  importing: { color: 'brand', variant: 'light' },
  done: { color: 'brand', variant: 'filled' },
  failed: { color: 'red', variant: 'light' },
  cancelled: { color: 'gray', variant: 'outline' },
  undone: { color: 'orange', variant: 'light' },
};

/** "about 5 seconds", "about 3 minutes", "about 1 hour 20 minutes". */
export function durationText(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('imports.job.seconds', { count: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return t('imports.job.minutes', { count: Math.ceil(seconds / 60) });
  const h = Math.floor(seconds / 3600);
  const m = Math.ceil((seconds - h * 3600) / 60);
  return m ? `${t('imports.job.hours', { count: h })} ${t('imports.job.minutes', { count: m })}` : t('imports.job.hours', { count: h });
}

/** The header of the column that feeds a field, as the file names it ("B · Jenis Kelamin"). */
export function columnOf(imp: Pick<ImportSummary, 'headers' | 'mapping'>, field: string): string | null {
  const i = imp.mapping[field];
  if (i === undefined) return null;
  return columnName(imp.headers, i);
}
export function columnName(headers: string[], i: number): string {
  const h = headers[i]?.trim();
  return h ? `${columnLetter(i)} · ${h}` : columnLetter(i);
}

export function fileSize(bytes: number, number: (n: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${number(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}
