import { z } from 'zod';
import { AppError } from './errors.ts';

/** Opaque cursor: base64url JSON of the last row's sort key. Lists never use OFFSET over the table. */
export function encodeCursor(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** Decodes a cursor and checks it has the shape the list expects (a forged one gets 400, not 500). */
export function decodeCursor<T extends z.ZodTypeAny>(cursor: string | undefined, shape: T): z.infer<T> | null {
  if (!cursor) return null;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {}
  throw new AppError(400, 'validation_failed', {}, { cursor: { code: 'invalid' } });
}

export const CursorShapes = {
  id: z.tuple([z.uuid()]),
  textId: z.tuple([z.string().max(500).regex(/^[^\u0000]*$/), z.uuid()]),
  scoreId: z.tuple([z.number().finite(), z.uuid()]),
};

export const PageQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * Lists count at most this many matches: an exact count of a million rows costs more than the
 * page itself (300 ms on PostgreSQL), and "10,000+" tells a user all a count can.
 */
export const COUNT_CAP = 10_000;
/** Wraps a SELECT of matching rows into a capped count (at most COUNT_CAP + 1). */
export const cappedCount = (fromWhere: string) => `SELECT count(*)::int FROM (SELECT 1 ${fromWhere} LIMIT ${COUNT_CAP + 1}) capped`;
export const capTotal = (n: number, cap = COUNT_CAP) => ({ total: Math.min(n, cap), totalCapped: n > cap });
/**
 * A name search ranks at most this many matches (people_name_matches, migration 0006): one
 * common word ("Budi") matches tens of thousands of a million people, and scoring them all costs
 * 150 ms for a list no one reads past the first page. "1,000+" asks the user for one more word.
 */
export const SEARCH_CAP = 1_000;
