import { z } from 'zod';

/** Building blocks every API contract uses, so limits PostgreSQL enforces are checked first. */

/** A calendar date PostgreSQL and the registry accept (years 1900–2100). */
export const IsoDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'invalid_date');

/** Record versions are PostgreSQL integers. */
export const Version = z.number().int().min(1).max(2147483647);

/** Text without control characters (NUL is refused by PostgreSQL; CR/LF would break mail headers). */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'invalid');

/** Multi-line text: newlines and tabs are fine, other control characters are not. */
export const multiline = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'invalid');

/** A Kemendagri area code at any level: 32, 32.04, 32.04.05, 32.04.05.2001. */
export const AreaCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'invalid_area');

/** A query-string flag: ?deleted=true. */
export const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Optional text: absent, null or '' (an emptied form field) all mean none. */
export const optionalText = (max: number, make = line) =>
  make(max)
    .nullish()
    .transform((v) => (v === '' ? null : v));
