/**
 * "In this area or below it" for a Kemendagri code column: the code itself and every code that
 * starts with it and a dot ("35.29" → "35.29", "35.29.01", "35.29.01.2001").
 *
 * Written as a range with the pattern operators rather than LIKE: under row-level security only
 * leakproof operators may use an index, and ~>=~ / ~<~ are leakproof while LIKE is not (the list
 * of a regency scanned the whole table). Codes are digits and dots, and '/' sorts right after
 * '.' and before the digits, so [code, code + '/') holds exactly the code and its children.
 */
export function areaWithin(column: string, code: string, p: (v: unknown) => string): string {
  return `(${column} ~>=~ ${p(code)} AND ${column} ~<~ ${p(`${code}/`)})`;
}
