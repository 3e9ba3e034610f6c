/**
 * NIK (Nomor Induk Kependudukan): 16 digits.
 *   1-2 province, 3-4 regency/city, 5-6 district (Kemendagri codes at registration time),
 *   7-8 day of birth (+40 for women), 9-10 month, 11-12 two-digit year, 13-16 serial (not 0000).
 * Field data often has the sex or birth date wrong, so a mismatch is a warning, never a hard error.
 */
export type NikProblem = 'format' | 'province' | 'regency' | 'birth_date' | 'serial';
export type NikMismatch = 'sex' | 'birth_date';

export type NikInfo = {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  sex: 'female' | 'male';
  birthDate: string; // YYYY-MM-DD, century guessed
};

export type AreaLookup = { hasProvince(code: string): boolean; hasRegency(code: string): boolean };

export function normaliseNik(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function parseNik(
  raw: string,
  areas: AreaLookup,
  today: Date = new Date(),
): { ok: true; info: NikInfo } | { ok: false; problem: NikProblem } {
  const nik = normaliseNik(raw);
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: 'format' };
  const province = nik.slice(0, 2);
  const regency = `${province}.${nik.slice(2, 4)}`;
  if (!areas.hasProvince(province)) return { ok: false, problem: 'province' };
  if (!areas.hasRegency(regency)) return { ok: false, problem: 'regency' };
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'female' : 'male';
  if (day > 40) day -= 40;
  // Two-digit years: this century unless that would be a birth after today.
  const todayIso = today.toISOString().slice(0, 10);
  const asThisCentury = `${2000 + yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = asThisCentury > todayIso ? 1900 + yy : 2000 + yy;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { ok: false, problem: 'birth_date' };
  }
  if (nik.slice(12) === '0000') return { ok: false, problem: 'serial' };
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { ok: true, info: { provinceCode: province, regencyCode: regency, districtCode: `${regency}.${nik.slice(4, 6)}`, sex, birthDate } };
}

/** What the NIK says that disagrees with the entered sex or birth date (the century is ignored). */
export function nikMismatches(info: NikInfo, person: { sex?: string | null; birthDate?: string | null }): NikMismatch[] {
  const out: NikMismatch[] = [];
  if (person.sex && person.sex !== info.sex) out.push('sex');
  if (person.birthDate && person.birthDate.slice(2) !== info.birthDate.slice(2)) out.push('birth_date');
  return out;
}

export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}
