import { ageOn } from '../../../domain/people.ts';
import type { HouseholdExportColumn, PersonExportColumn } from '../../../domain/exports.ts';
import type { Area } from '../areas/areas.service.ts';
import type { Locale } from '../../platform/i18n/messages.ts';

/**
 * What each export column is called (in Indonesian and English), which HXL hashtag it carries,
 * and how its cell is made from a row.
 *
 * HXL (Humanitarian Exchange Language, hxlstandard.org, dictionary 1.1) — the choices:
 * - People are described with `#beneficiary` ("general, non-numeric information about a person
 *   or group meant to benefit from aid activities"; core attributes +name +code +type). The issue
 *   suggested `#affected+name`, but in HXL 1.1 every value under `#affected` (like #inneed,
 *   #targeted, #reached) must be a number — it counts affected people — so a column of names
 *   under it is invalid HXL and validators (HXL Proxy) flag it.
 * - Traits without a core attribute get lower-case custom attributes, which HXL allows
 *   (`#beneficiary+sex`, `+age`, `+relationship`, `+disability`, `+consent`); roles are the
 *   person's categories, the core `+type`.
 * - The household of a person is `#beneficiary+hh` (+hh is the core attribute for households),
 *   with +name, and +code for the family card (KK) number.
 * - The record id is `#meta+id` (core: "internal identifiers for data records"); the NIK is an
 *   identity code, `#beneficiary+code+nik`.
 * - Places: Kemendagri levels are HXL admin levels — province `#adm1`, regency/city `#adm2`,
 *   district (kecamatan) `#adm3`, village (desa/kelurahan) `#adm4` — each with +name and +code.
 *   The codes are Kemendagri codes (32.04.05.2001), not OCHA P-codes (ID32…). The most specific
 *   area code of a record is `#loc+code`, the street address `#loc+address` (custom attribute).
 * - Contact details: `#contact+phone`, `#contact+email` (core).
 * - Dates: birth date `#date+birth`, birth year `#date+birth+year` (a year is an ISO 8601 date),
 *   date recorded `#date+reported` (core: when the information was reported).
 * - Household lists: the household is `#beneficiary+hh` (+name, +code for the KK), its head
 *   `#beneficiary+hh+head+name`, and its size `#beneficiary+hh+size`.
 */
export type Label = Record<Locale, string>;

export type ExportContext = {
  locale: Locale;
  today: Date;
  /** The area and its parents (province first) of the row's area code; computed once per row. */
  area: (row: Record<string, any>) => Area[];
  /** The NIK to write: masked, or decrypted when the export reveals NIKs. */
  nik: (row: Record<string, any>) => string | null;
};

export type ColumnDef = { label: Label; hxl: string; value: (r: Record<string, any>, c: ExportContext) => unknown };

const SEX: Record<string, Label> = { female: { id: 'Perempuan', en: 'Female' }, male: { id: 'Laki-laki', en: 'Male' } };
const ROLE: Record<string, Label> = {
  beneficiary: { id: 'Penerima manfaat', en: 'Beneficiary' },
  member: { id: 'Anggota', en: 'Member' },
  volunteer: { id: 'Relawan', en: 'Volunteer' },
  donor: { id: 'Donatur', en: 'Donor' },
  staff: { id: 'Staf', en: 'Staff' },
  partner_contact: { id: 'Kontak mitra', en: 'Partner contact' },
};
const RELATIONSHIP: Record<string, Label> = {
  head: { id: 'Kepala keluarga', en: 'Head of household' },
  spouse: { id: 'Suami/istri', en: 'Spouse' },
  child: { id: 'Anak', en: 'Child' },
  parent: { id: 'Orang tua', en: 'Parent' },
  sibling: { id: 'Saudara kandung', en: 'Sibling' },
  grandchild: { id: 'Cucu', en: 'Grandchild' },
  in_law: { id: 'Menantu/mertua', en: 'In-law' },
  other_family: { id: 'Famili lain', en: 'Other family' },
  other: { id: 'Lainnya', en: 'Other' },
};
const YES: Label = { id: 'Ya', en: 'Yes' };
const NO: Label = { id: 'Tidak', en: 'No' };

const word = (table: Record<string, Label>, v: string | null, locale: Locale) => (v ? (table[v]?.[locale] ?? v) : null);
const yesNo = (v: boolean, locale: Locale) => (v ? YES : NO)[locale];
const date = (v: string | null) => (v ? new Date(`${v}T00:00:00Z`) : null);
const level = (name: Area['level'], part: 'name' | 'code') => (r: Record<string, any>, c: ExportContext) => c.area(r).find((a) => a.level === name)?.[part] ?? null;

/** Columns both lists share: the place of the record and when it was recorded. */
const placeColumns = {
  address: { label: { id: 'Alamat', en: 'Address' }, hxl: '#loc+address', value: (r: Record<string, any>) => r.address },
  areaCode: { label: { id: 'Kode wilayah', en: 'Area code' }, hxl: '#loc+code', value: (r: Record<string, any>) => r.area_code },
  province: { label: { id: 'Provinsi', en: 'Province' }, hxl: '#adm1+name', value: level('province', 'name') },
  provinceCode: { label: { id: 'Kode provinsi', en: 'Province code' }, hxl: '#adm1+code', value: level('province', 'code') },
  regency: { label: { id: 'Kabupaten/kota', en: 'Regency/city' }, hxl: '#adm2+name', value: level('regency', 'name') },
  regencyCode: { label: { id: 'Kode kabupaten/kota', en: 'Regency/city code' }, hxl: '#adm2+code', value: level('regency', 'code') },
  district: { label: { id: 'Kecamatan', en: 'District' }, hxl: '#adm3+name', value: level('district', 'name') },
  districtCode: { label: { id: 'Kode kecamatan', en: 'District code' }, hxl: '#adm3+code', value: level('district', 'code') },
  village: { label: { id: 'Desa/kelurahan', en: 'Village' }, hxl: '#adm4+name', value: level('village', 'name') },
  villageCode: { label: { id: 'Kode desa/kelurahan', en: 'Village code' }, hxl: '#adm4+code', value: level('village', 'code') },
  createdAt: { label: { id: 'Dicatat pada', en: 'Recorded at' }, hxl: '#date+reported', value: (r: Record<string, any>) => new Date(r.created_at) },
} satisfies Record<string, ColumnDef>;

export const PERSON_COLUMN_DEFS: Record<PersonExportColumn, ColumnDef> = {
  id: { label: { id: 'ID', en: 'ID' }, hxl: '#meta+id', value: (r) => r.id },
  fullName: { label: { id: 'Nama lengkap', en: 'Full name' }, hxl: '#beneficiary+name', value: (r) => r.full_name },
  preferredName: { label: { id: 'Nama panggilan', en: 'Preferred name' }, hxl: '#beneficiary+name+preferred', value: (r) => r.preferred_name },
  sex: { label: { id: 'Jenis kelamin', en: 'Sex' }, hxl: '#beneficiary+sex', value: (r, c) => word(SEX, r.sex, c.locale) },
  birthDate: { label: { id: 'Tanggal lahir', en: 'Birth date' }, hxl: '#date+birth', value: (r) => date(r.birth_date) },
  birthYear: { label: { id: 'Tahun lahir', en: 'Birth year' }, hxl: '#date+birth+year', value: (r) => r.birth_year },
  age: { label: { id: 'Umur', en: 'Age' }, hxl: '#beneficiary+age', value: (r, c) => ageOn({ birthDate: r.birth_date, birthYear: r.birth_year }, c.today) },
  nik: { label: { id: 'NIK', en: 'NIK' }, hxl: '#beneficiary+code+nik', value: (r, c) => c.nik(r) },
  phone: { label: { id: 'Telepon', en: 'Phone' }, hxl: '#contact+phone', value: (r) => r.phone },
  email: { label: { id: 'Email', en: 'Email' }, hxl: '#contact+email', value: (r) => r.email },
  ...placeColumns,
  householdName: { label: { id: 'Rumah tangga', en: 'Household' }, hxl: '#beneficiary+hh+name', value: (r) => r.household_name },
  kkNumber: { label: { id: 'Nomor KK', en: 'Family card number (KK)' }, hxl: '#beneficiary+hh+code', value: (r) => r.kk_masked },
  relationship: { label: { id: 'Hubungan dengan kepala keluarga', en: 'Relationship to head' }, hxl: '#beneficiary+relationship', value: (r, c) => word(RELATIONSHIP, r.relationship, c.locale) },
  roles: { label: { id: 'Peran', en: 'Roles' }, hxl: '#beneficiary+type', value: (r, c) => (r.roles as string[]).map((x) => word(ROLE, x, c.locale)).join(', ') },
  tags: { label: { id: 'Label', en: 'Tags' }, hxl: '#beneficiary+tags', value: (r) => (r.tags as string[]).join(', ') },
  disability: { label: { id: 'Disabilitas', en: 'Disability' }, hxl: '#beneficiary+disability', value: (r, c) => yesNo(r.has_disability, c.locale) },
  consent: { label: { id: 'Persetujuan', en: 'Consent' }, hxl: '#beneficiary+consent', value: (r, c) => yesNo(r.consent_given, c.locale) },
};

export const HOUSEHOLD_COLUMN_DEFS: Record<HouseholdExportColumn, ColumnDef> = {
  id: { label: { id: 'ID', en: 'ID' }, hxl: '#meta+id', value: (r) => r.id },
  name: { label: { id: 'Nama rumah tangga', en: 'Household name' }, hxl: '#beneficiary+hh+name', value: (r) => r.name },
  headName: { label: { id: 'Kepala keluarga', en: 'Head of household' }, hxl: '#beneficiary+hh+head+name', value: (r) => r.head_name },
  memberCount: { label: { id: 'Jumlah anggota', en: 'Members' }, hxl: '#beneficiary+hh+size', value: (r) => r.member_count },
  kkNumber: { label: { id: 'Nomor KK', en: 'Family card number (KK)' }, hxl: '#beneficiary+hh+code', value: (r) => r.kk_masked },
  ...placeColumns,
};

export const headerRow = (defs: ColumnDef[], locale: Locale) => defs.map((d) => d.label[locale]);
export const hxlRow = (defs: ColumnDef[]) => defs.map((d) => d.hxl);
