/** Reading the ways people write values in spreadsheets, in Indonesian and English. */
import { PERSON_ROLES, RELATIONSHIPS } from '../people.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; code: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string): Parsed<never> => ({ ok: false, code });

const key = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, ' ').trim();

const SEX: Record<string, 'female' | 'male'> = {
  p: 'female', perempuan: 'female', wanita: 'female', pr: 'female', w: 'female', f: 'female', female: 'female', woman: 'female', ibu: 'female', '2': 'female',
  l: 'male', 'laki laki': 'male', lakilaki: 'male', laki: 'male', lk: 'male', pria: 'male', m: 'male', male: 'male', man: 'male', bapak: 'male', '1': 'male',
};
export function parseSex(raw: string): Parsed<'female' | 'male' | null> {
  if (!raw.trim()) return ok(null);
  const v = SEX[key(raw)];
  return v ? ok(v) : bad('invalid_sex');
}

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, pebruari: 2, february: 2, mar: 3, maret: 3, march: 3, apr: 4, april: 4,
  mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, agu: 8, agt: 8, agus: 8, agustus: 8, aug: 8, august: 8,
  sep: 9, sept: 9, september: 9, okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, nopember: 11, november: 11, des: 12, desember: 12, dec: 12, december: 12,
};

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Dates as Indonesians write them: day first (17/08/1985, 17-08-1985, 17.08.1985,
 * 17 Agustus 1985), or ISO (1985-08-17). Two-digit years are refused: "85" could be 1885 or 1985
 * only by guessing, and a wrong birth year is worse than a reported row.
 */
export function parseDate(raw: string): Parsed<string | null> {
  const s = raw.trim();
  if (!s) return ok(null);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return toParsed(isoDate(+m[1], +m[2], +m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(s);
  if (m) return m[3].length === 4 ? toParsed(isoDate(+m[3], +m[2], +m[1])) : bad('invalid_date');
  m = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/i.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? toParsed(isoDate(+m[3], month, +m[1])) : bad('invalid_date');
  }
  return bad('invalid_date');
}
const toParsed = (d: string | null): Parsed<string> => (d ? ok(d) : bad('invalid_date'));

export function parseYear(raw: string): Parsed<number | null> {
  const s = raw.trim();
  if (!s) return ok(null);
  if (!/^\d{4}$/.test(s) || +s < 1900 || +s > 2100) return bad('invalid_year');
  return ok(+s);
}

/**
 * A NIK or KK number as typed or exported: spaces, dots and a leading apostrophe (Excel's "keep as
 * text" mark) are dropped. Scientific notation means the spreadsheet stored it as a number and
 * rounded the last digits away: that cannot be repaired, only reported.
 */
export function cleanIdNumber(raw: string): Parsed<string | null> {
  const s = raw.trim().replace(/^'/, '');
  if (!s) return ok(null);
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) return bad('number_lost_digits');
  const digits = s.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(digits)) return bad('nik_format');
  return ok(digits);
}

const RELATIONSHIP: Record<string, (typeof RELATIONSHIPS)[number]> = {
  'kepala keluarga': 'head', kepala: 'head', kk: 'head', head: 'head', 'head of household': 'head', '1': 'head',
  istri: 'spouse', isteri: 'spouse', suami: 'spouse', 'suami istri': 'spouse', pasangan: 'spouse', spouse: 'spouse', wife: 'spouse', husband: 'spouse', '2': 'spouse',
  anak: 'child', child: 'child', son: 'child', daughter: 'child', '3': 'child',
  menantu: 'in_law', mertua: 'in_law', 'in law': 'in_law', in_law: 'in_law', '4': 'in_law',
  cucu: 'grandchild', grandchild: 'grandchild', '5': 'grandchild',
  'orang tua': 'parent', orangtua: 'parent', ayah: 'parent', ibu: 'parent', parent: 'parent', '6': 'parent',
  saudara: 'sibling', 'saudara kandung': 'sibling', kakak: 'sibling', adik: 'sibling', sibling: 'sibling',
  famili: 'other_family', 'famili lain': 'other_family', 'keluarga lain': 'other_family', 'other family': 'other_family', '7': 'other_family',
  lainnya: 'other', 'lain lain': 'other', other: 'other', pembantu: 'other', '8': 'other', '9': 'other',
};
export function parseRelationship(raw: string): Parsed<(typeof RELATIONSHIPS)[number] | null> {
  if (!raw.trim()) return ok(null);
  const v = RELATIONSHIP[key(raw)];
  return v ? ok(v) : bad('invalid_relationship');
}

const ROLE: Record<string, (typeof PERSON_ROLES)[number]> = {
  beneficiary: 'beneficiary', penerima: 'beneficiary', 'penerima manfaat': 'beneficiary', kpm: 'beneficiary',
  member: 'member', anggota: 'member',
  volunteer: 'volunteer', relawan: 'volunteer', sukarelawan: 'volunteer',
  donor: 'donor', donatur: 'donor',
  staff: 'staff', staf: 'staff', pegawai: 'staff',
  partner_contact: 'partner_contact', 'partner contact': 'partner_contact', mitra: 'partner_contact', 'kontak mitra': 'partner_contact',
};
/** A list in one cell: "penerima, relawan" or "beneficiary; volunteer". */
export function parseRoles(raw: string): Parsed<(typeof PERSON_ROLES)[number][]> {
  const parts = raw.split(/[,;/|]/).map(key).filter(Boolean);
  const out = new Set<(typeof PERSON_ROLES)[number]>();
  for (const p of parts) {
    const r = ROLE[p];
    if (!r) return bad('invalid_role');
    out.add(r);
  }
  return ok([...out]);
}

export function parseTags(raw: string): Parsed<string[]> {
  const tags = [...new Set(raw.split(/[,;|]/).map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (tags.some((t) => t.length > 40) || tags.length > 30) return bad('invalid_tags');
  return ok(tags);
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'setuju', 'sudah', 'v', 'x', '✓']);
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'belum', 'tidak setuju', '-']);
export function parseYesNo(raw: string): Parsed<boolean | null> {
  const k = key(raw);
  if (!k) return ok(null);
  if (YES.has(k)) return ok(true);
  if (NO.has(k)) return ok(false);
  return bad('invalid_yes_no');
}
