/**
 * Columns of the registry exports (GET /api/people/export, /api/households/export), shared by
 * the API (validation) and the web app's export dialog, which offers them in this order. The
 * file's columns are in the order the caller names them.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where a person or household lives: the same columns in both exports. */
const ADDRESS_COLUMNS = ['address', 'areaCode', 'province', 'provinceCode', 'regency', 'regencyCode', 'district', 'districtCode', 'village', 'villageCode'] as const;

export const PERSON_EXPORT_COLUMNS = [
  'id',
  'fullName',
  'preferredName',
  'sex',
  'birthDate',
  'birthYear',
  'age',
  'nik',
  'phone',
  'email',
  ...ADDRESS_COLUMNS,
  'householdName',
  'kkNumber',
  'relationship',
  'roles',
  'tags',
  'disability',
  'consent',
  'createdAt',
] as const;
export type PersonExportColumn = (typeof PERSON_EXPORT_COLUMNS)[number];

export const DEFAULT_PERSON_COLUMNS: readonly PersonExportColumn[] = [
  'fullName',
  'sex',
  'birthDate',
  'age',
  'nik',
  'phone',
  'address',
  'province',
  'regency',
  'district',
  'village',
  'householdName',
  'relationship',
  'roles',
  'disability',
  'consent',
];

export const HOUSEHOLD_EXPORT_COLUMNS = [
  'id',
  'name',
  'headName',
  'memberCount',
  'kkNumber',
  ...ADDRESS_COLUMNS,
  'createdAt',
] as const;
export type HouseholdExportColumn = (typeof HOUSEHOLD_EXPORT_COLUMNS)[number];

export const DEFAULT_HOUSEHOLD_COLUMNS: readonly HouseholdExportColumn[] = ['name', 'headName', 'memberCount', 'kkNumber', 'address', 'province', 'regency', 'district', 'village'];
