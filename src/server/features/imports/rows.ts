import type { ImportField, Mapping } from '../../../domain/import/mapping.ts';
import { cleanIdNumber, parseDate, parseRelationship, parseRoles, parseSex, parseTags, parseYear, parseYesNo } from '../../../domain/import/values.ts';
import { maskNik } from '../../../domain/nik.ts';
import type { Areas } from '../areas/areas.service.ts';
import type { FieldCipher } from '../../platform/security.ts';
import { type Stored, checkPerson } from '../people/people.service.ts';

export type RowProblem = { field: ImportField; code: string; value: string | null; params?: Record<string, string | number>; severity?: 'error' | 'warning' };
export type ConvertedRow = { person: Partial<Stored>; kk: string | null; nik: string | null; problems: RowProblem[]; warnings: RowProblem[] };

/** Same limits as the API's contract (src/domain/contracts/people.ts). */
const MAX: Partial<Record<ImportField, number>> = { fullName: 200, preferredName: 100, email: 200, address: 500, notes: 5000, phone: 40 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * One spreadsheet row → the columns of a person, with every problem found. The rules are the
 * registry's own (checkPerson), so an imported person is exactly what the form would have saved.
 * Area lookups repeat a lot (thousands of rows per village), so they are cached per converter.
 */
export function rowConverter(deps: { areas: Areas; cipher: FieldCipher }, opts: { mapping: Mapping; today: string; userId: string; checkOnly?: boolean }) {
  const { mapping } = opts;
  const areaCache = new Map<string, ReturnType<Areas['resolve']>>();
  const cell = (cells: string[], f: ImportField) => {
    const i = mapping[f];
    const v = i === undefined ? '' : (cells[i] ?? '').trim();
    // Our own exports guard formulas with a leading apostrophe; re-importing one takes it off.
    return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
  };
  const idValue = (f: ImportField, v: string) => (f === 'nik' || f === 'kk' ? (v.replace(/\D/g, '').length === 16 ? maskNik(v.replace(/\D/g, '')) : v.slice(0, 4) + '…') : v.slice(0, 200));

  return (cells: string[], lossy?: number[]): ConvertedRow => {
    const problems: RowProblem[] = [];
    const warnings: RowProblem[] = [];
    const report = (field: ImportField, code: string, params?: Record<string, string | number>) =>
      problems.push({ field, code, value: cell(cells, field) ? idValue(field, cell(cells, field)) : null, params });
    const input: Record<string, unknown> = {};

    const fullName = cell(cells, 'fullName').replace(/\s+/g, ' ');
    if (!fullName) report('fullName', 'required');
    input.fullName = fullName;
    for (const f of ['preferredName', 'email', 'address', 'notes', 'phone'] as const) {
      if (mapping[f] === undefined) continue;
      const v = f === 'address' || f === 'notes' ? cell(cells, f) : cell(cells, f).replace(/\s+/g, ' ');
      if (v.length > MAX[f]!) report(f, 'too_long', { max: MAX[f]! });
      else if (f === 'email' && v && !EMAIL.test(v)) report(f, 'invalid_email');
      input[f] = v ? (f === 'email' ? v.toLowerCase() : v) : null;
    }
    if (fullName.length > MAX.fullName!) report('fullName', 'too_long', { max: MAX.fullName! });

    const parsed = <T>(f: ImportField, fn: (raw: string) => { ok: true; value: T } | { ok: false; code: string }, key: string = f) => {
      if (mapping[f] === undefined) return;
      const r = fn(cell(cells, f));
      if (r.ok) input[key] = r.value;
      else report(f, r.code);
    };
    parsed('sex', parseSex);
    // Often only the year is known, and written in the date column.
    if (/^\d{4}$/.test(cell(cells, 'birthDate'))) parsed('birthDate', parseYear, 'birthYear');
    else parsed('birthDate', parseDate);
    if (input.birthDate === null || input.birthDate === undefined) {
      if (mapping.birthYear !== undefined && input.birthYear == null) parsed('birthYear', parseYear);
    }
    parsed('relationship', parseRelationship);
    parsed('roles', parseRoles);
    parsed('tags', parseTags);
    if (mapping.consent !== undefined) {
      const r = parseYesNo(cell(cells, 'consent'));
      if (!r.ok) report('consent', r.code);
      else if (r.value !== null) input.consent = { given: r.value };
    }
    if (mapping.notes !== undefined && input.notes === undefined) input.notes = null;

    let kk: string | null = null;
    for (const f of ['nik', 'kk'] as const) {
      if (mapping[f] === undefined) continue;
      if (lossy?.includes(mapping[f]!)) {
        report(f, 'number_lost_digits');
        continue;
      }
      const r = cleanIdNumber(cell(cells, f));
      if (!r.ok) report(f, r.code);
      else if (f === 'nik') input.nik = r.value;
      else if (r.value && r.value.length !== 16) report('kk', 'kk_format');
      else kk = r.value;
    }

    const areaKeys = ['areaCode', 'province', 'regency', 'district', 'village'] as const;
    if (areaKeys.some((f) => mapping[f] !== undefined)) {
      const parts = { code: cell(cells, 'areaCode'), province: cell(cells, 'province'), regency: cell(cells, 'regency'), district: cell(cells, 'district'), village: cell(cells, 'village') };
      const cacheKey = `${parts.code}|${parts.province}|${parts.regency}|${parts.district}|${parts.village}`.toLowerCase();
      let area = areaCache.get(cacheKey);
      if (!area) {
        area = deps.areas.resolve(parts);
        if (areaCache.size < 100_000) areaCache.set(cacheKey, area);
      }
      if (area.ok) input.areaCode = area.code;
      else report(parts.code ? 'areaCode' : (['village', 'district', 'regency', 'province'] as const).find((f) => parts[f]) ?? 'village', area.code);
    }

    const checked = checkPerson(deps, opts.userId, input, {}, { today: opts.today, confirm: false, encrypt: !opts.checkOnly });
    for (const [field, problem] of Object.entries(checked.fields)) {
      const f = field as ImportField;
      if (problems.some((p) => p.field === f)) continue;
      // The form asks to confirm these; a bulk list cannot, so they are imported and reported.
      if (problem.code.startsWith('nik_mismatch')) warnings.push({ field: f, code: problem.code, value: null, params: problem.params, severity: 'warning' });
      else report(f, problem.code, problem.params);
    }
    return { person: checked.out, kk, nik: (input.nik as string | null | undefined) ?? null, problems, warnings };
  };
}
