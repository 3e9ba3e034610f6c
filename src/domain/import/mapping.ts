/**
 * Which spreadsheet column feeds which registry field. Shared by the API (guesses, validation)
 * and the web app's mapping screen.
 */
export const IMPORT_FIELDS = [
  'fullName',
  'preferredName',
  'sex',
  'birthDate',
  'birthYear',
  'nik',
  'kk',
  'relationship',
  'phone',
  'email',
  'address',
  'areaCode',
  'province',
  'regency',
  'district',
  'village',
  'roles',
  'tags',
  'consent',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** field → 0-based column index in the file. Unmapped fields are absent. */
export type Mapping = Partial<Record<ImportField, number>>;

/**
 * Header spellings seen in Indonesian and English lists (village office exports, DTKS/P3KE-style
 * lists, member spreadsheets), compared after normaliseHeader. Longer, more specific names come
 * first in effect because an exact match wins over a partial one.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  fullName: ['nama', 'nama lengkap', 'nama anggota', 'nama penerima', 'nama peserta', 'nama art', 'full name', 'name', 'nama sesuai ktp', 'nama ktp'],
  preferredName: ['nama panggilan', 'panggilan', 'nickname', 'preferred name', 'alias'],
  sex: ['jenis kelamin', 'jk', 'kelamin', 'l/p', 'lp', 'gender', 'sex', 'jenkel'],
  birthDate: ['tanggal lahir', 'tgl lahir', 'tgl. lahir', 'tgllahir', 'lahir', 'date of birth', 'dob', 'birth date', 'birthdate'],
  birthYear: ['tahun lahir', 'thn lahir', 'year of birth', 'birth year'],
  nik: ['nik', 'no nik', 'nomor nik', 'nik ktp', 'no ktp', 'nomor induk kependudukan', 'national id', 'id number'],
  kk: ['no kk', 'nomor kk', 'no. kk', 'kk', 'nkk', 'nomor kartu keluarga', 'no kartu keluarga', 'family card', 'family card number', 'household id'],
  relationship: ['hubungan', 'hubungan keluarga', 'hubungan dengan kepala keluarga', 'shdk', 'status dalam keluarga', 'relationship', 'relation to head'],
  phone: ['hp', 'no hp', 'nomor hp', 'no. hp', 'telepon', 'telp', 'no telp', 'no wa', 'whatsapp', 'wa', 'phone', 'mobile', 'phone number'],
  email: ['email', 'e-mail', 'surel', 'alamat email'],
  address: ['alamat', 'alamat lengkap', 'alamat rumah', 'address', 'street address'],
  areaCode: ['kode wilayah', 'kode desa', 'kode kemendagri', 'kode area', 'area code', 'village code'],
  province: ['provinsi', 'prov', 'propinsi', 'province'],
  regency: ['kabupaten', 'kab', 'kabupaten/kota', 'kab/kota', 'kota', 'regency', 'city', 'regency/city'],
  district: ['kecamatan', 'kec', 'district', 'subdistrict', 'sub-district'],
  village: ['desa', 'kelurahan', 'desa/kelurahan', 'desa/kel', 'kel/desa', 'village'],
  roles: ['peran', 'role', 'roles', 'kategori', 'status peserta'],
  tags: ['label', 'tag', 'tags', 'kelompok', 'program'],
  consent: ['persetujuan', 'setuju', 'consent', 'informed consent'],
  notes: ['catatan', 'keterangan', 'ket', 'notes', 'remarks', 'comment'],
};

export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/\s*([./])\s*/g, '$1')
    .replace(/[:*()#]/g, '')
    .trim();
}

const EXACT = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const s of SYNONYMS[f]) EXACT.set(normaliseHeader(s), f);

/**
 * A first mapping from the header row: exact synonyms, then headers that start with a synonym
 * ("Nama Lengkap (sesuai KTP)"). Each field takes at most one column, the leftmost.
 */
export function guessMapping(headers: string[]): Mapping {
  const out: Mapping = {};
  const taken = new Set<number>();
  const assign = (f: ImportField, i: number) => {
    if (out[f] === undefined && !taken.has(i)) {
      out[f] = i;
      taken.add(i);
    }
  };
  headers.forEach((h, i) => {
    const f = EXACT.get(normaliseHeader(h)) ?? EXACT.get(normaliseHeader(h).replace(/\./g, ''));
    if (f) assign(f, i);
  });
  headers.forEach((h, i) => {
    const n = normaliseHeader(h);
    if (!n || taken.has(i)) return;
    let best: { f: ImportField; len: number } | null = null;
    for (const [syn, f] of EXACT) {
      if (syn.length >= 3 && (n.startsWith(`${syn} `) || n.startsWith(`${syn}(`)) && (!best || syn.length > best.len)) best = { f, len: syn.length };
    }
    if (best) assign(best.f, i);
  });
  return out;
}

/** A saved mapping is offered again for a file whose headers are the same, in any case or spacing. */
export function headerSignature(headers: string[]): string {
  return headers.map(normaliseHeader).join('|');
}
