import { z } from 'zod';
import { EXPORT_FORMATS, HOUSEHOLD_EXPORT_COLUMNS, PERSON_EXPORT_COLUMNS } from '../exports.ts';
import { HouseholdsQuery, PeopleQuery } from './people.ts';

/** API contracts of the registry exports (query strings only: the answer is a file). */
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `columns=fullName,sex,…`: known names only (an unknown one is a `columns` field error naming it), in the order given, repeats dropped. */
const columnsParam = <T extends readonly [string, ...string[]]>(all: T) =>
  z
    .string()
    .max(2000)
    .transform((s, ctx) => {
      const list = s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      if (!list.length) {
        ctx.addIssue({ code: 'custom', message: 'required' });
        return z.NEVER;
      }
      const unknown = list.find((c) => !(all as readonly string[]).includes(c));
      if (unknown !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'unknown_column', params: { column: unknown.slice(0, 60) } });
        return z.NEVER;
      }
      return [...new Set(list)] as T[number][];
    })
    .optional();

const exportOptions = <T extends readonly [string, ...string[]]>(all: T) => ({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Comma-separated column names; the default set when absent. */
  columns: columnsParam(all),
  /** Add a second header row of HXL hashtags (Humanitarian Exchange Language). */
  hxl: boolParam.optional(),
  /** Header row and values in this language instead of Accept-Language (a browser download sends the browser's). */
  lang: z.enum(['id', 'en']).optional(),
});

export const PeopleExportQuery = PeopleQuery.omit({ cursor: true, limit: true }).extend({
  ...exportOptions(PERSON_EXPORT_COLUMNS),
  /** Full NIKs instead of masked ones: needs permission people.reveal_nik, and is audited. */
  revealNik: boolParam.optional(),
});
export type PeopleExportQuery = z.input<typeof PeopleExportQuery>;

export const HouseholdsExportQuery = HouseholdsQuery.omit({ cursor: true, limit: true }).extend(exportOptions(HOUSEHOLD_EXPORT_COLUMNS));
export type HouseholdsExportQuery = z.input<typeof HouseholdsExportQuery>;
