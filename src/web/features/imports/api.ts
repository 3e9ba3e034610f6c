import { IMPORT_FIELDS, type ImportField } from '../../../domain/import/mapping.ts';
import { ApiError, type FieldErrors, withQuery } from '../../api.ts';
import i18n from '../../i18n/index.ts';

/** The shapes of /api/imports (src/server/features/imports/imports.routes.ts). */
export type ImportStatus = 'uploaded' | 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled' | 'undone';
export const IMPORT_STATUSES: ImportStatus[] = ['uploaded', 'validating', 'validated', 'importing', 'done', 'failed', 'cancelled', 'undone'];
export type ImportMode = 'skip_bad' | 'all_or_nothing';

export type ImportJob = {
  id: string;
  kind: string;
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  startedAt: string | null;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
  error: string | null;
};

export type ImportSummary = {
  id: string;
  fileName: string;
  fileSize: number;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  headers: string[];
  mapping: Record<string, number>;
  mode: ImportMode | null;
  totalRows: number | null;
  validRows: number | null;
  invalidRows: number | null;
  importedRows: number;
  householdsCreated: number;
  /** People imported who may already be in the registry (queued for duplicate review). */
  duplicateRows: number;
  /** Good rows imported with a warning (absent on servers without warnings). */
  warningRows?: number | null;
  error: string | null;
  version: number;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  job: ImportJob | null;
};

export type PreviewValues = {
  fullName: string | null;
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  nikMasked: string | null;
  kkMasked: string | null;
  relationship: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  areaCode: string | null;
  areaName: string | null;
  roles: string[];
  tags: string[];
};
/** An error keeps the row out; a warning lets it in, reported (absent severity: an error). */
export type Severity = 'error' | 'warning';
export type RowProblem = { field: string; code: string; severity?: Severity };
export type PreviewRow = { line: number; values: PreviewValues; problems: RowProblem[] };
export type ImportDetail = ImportSummary & { preview: PreviewRow[] };
export type ImportsPage = { items: ImportSummary[]; nextCursor: string | null };
export type Problem = { line: number; field: string; code: string; value: string | null; severity?: Severity; message: string };
export const isWarning = (p: { severity?: Severity }) => p.severity === 'warning';
export type ProblemsPage = { items: Problem[]; nextCursor: string | null };

export { IMPORT_FIELDS, type ImportField };

export const importKey = (id: string) => ['import', id] as const;
export const problemsKey = (id: string) => ['import', id, 'problems'] as const;
export const importsListKey = ['imports', 'list'] as const;

/** A background job (check, import, undo) is waiting or running: the screen follows it. */
export function jobActive(imp: Pick<ImportSummary, 'status' | 'job'>): boolean {
  if (imp.status === 'validating' || imp.status === 'importing') return true;
  return !!imp.job && (imp.job.status === 'queued' || imp.job.status === 'running');
}
export const undoing = (imp: Pick<ImportSummary, 'status' | 'job'>) => imp.status === 'done' && imp.job?.kind === 'import.undo' && jobActive(imp);
/** The duplicate check that follows an import (its own job, after the rows are in). */
export const checkingDuplicates = (imp: Pick<ImportSummary, 'status' | 'job'>) => imp.status === 'done' && imp.job?.kind === 'import.duplicates' && jobActive(imp);
export const canCancel = (imp: Pick<ImportSummary, 'status'>) => imp.status === 'uploaded' || imp.status === 'validated' || imp.status === 'failed';
export const canUndo = (imp: Pick<ImportSummary, 'status' | 'job'>) => imp.status === 'done' && !undoing(imp);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ACCEPT = `.csv,.xlsx,text/csv,${XLSX_TYPE}`;

/** The server reads CSV or XLSX whatever the type says (it looks at the bytes); the type only has to be one it accepts. */
function uploadType(file: File): string {
  return file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
}

function apiError(status: number, text: string): ApiError {
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  const e = (data as { error?: { code?: string; message?: string; fields?: FieldErrors; details?: Record<string, unknown> } } | null)?.error;
  return new ApiError(status, e?.code ?? 'http_error', e?.message ?? i18n.t('errors.unexpected', { status }), e?.fields, e?.details);
}

/**
 * Sends the file itself (not JSON) as the request body, like api.ts does for JSON: the UI language as
 * Accept-Language, the server's error as an ApiError. XMLHttpRequest rather than fetch, for upload progress.
 */
export function uploadImport(file: File, onProgress?: (fraction: number) => void): Promise<ImportDetail> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery('/api/imports', { fileName: file.name.slice(0, 200) || 'upload' }));
    xhr.setRequestHeader('Accept-Language', i18n.language || 'id');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', uploadType(file));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportDetail);
        } catch {
          reject(new ApiError(xhr.status, 'http_error', i18n.t('errors.unexpected', { status: xhr.status })));
        }
      } else reject(apiError(xhr.status, xhr.responseText));
    };
    // A connection that breaks half-way (the server stops reading a file over its limit, a bad network) is
    // not "server unreachable".
    let sent = 0;
    xhr.upload.addEventListener('progress', (e) => (sent = e.loaded));
    const broken = () => new ApiError(0, 'network', i18n.t(sent > 0 ? 'imports.upload.interrupted' : 'errors.network'));
    xhr.onerror = () => reject(broken());
    xhr.onabort = () => reject(broken());
    xhr.send(file);
  });
}

/**
 * The problem report as a CSV file in the UI language: fetched with Accept-Language (a plain link
 * would carry the browser's language instead), then saved under the server's file name.
 */
export async function downloadReport(id: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/imports/${id}/problems.csv`, { headers: { 'Accept-Language': i18n.language || 'id' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!res.ok) throw apiError(res.status, await res.text());
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
