import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The part of a database connection the app uses: the same on PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Tx extends Queryable {
  /** Runs a script of several statements inside the transaction. */
  exec(sql: string): Promise<void>;
  /**
   * COPY ... FROM STDIN with `data` in COPY's text format (see copyText). The bulk path of
   * imports. PostgreSQL refuses COPY FROM under row-level security, so callers run it as the
   * owner, with org_id values that come from the server, never from input.
   */
  copyIn(sql: string, data: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance (backup, COPY). */
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

// Dates stay 'YYYY-MM-DD' strings and timestamps become ISO 8601 strings on both drivers, so
// JSON responses are identical whichever database answers.
const toIso = (v: string) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
const keep = (v: string) => v;

pg.types.setTypeParser(1082, keep); // date
pg.types.setTypeParser(1184, toIso); // timestamptz
pg.types.setTypeParser(1114, (v) => toIso(`${v}+00`)); // timestamp
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts fit in a double

export async function connectPglite(dataDir: string | null): Promise<Db> {
  let location: string | undefined;
  if (dataDir) {
    location = join(dataDir, 'pgdata');
    mkdirSync(location, { recursive: true });
  }
  const db = await PGlite.create(location ?? 'memory://', {
    extensions: { pg_trgm },
    parsers: {
      [pgliteTypes.DATE]: keep,
      [pgliteTypes.TIMESTAMPTZ]: toIso,
      [pgliteTypes.TIMESTAMP]: (v: string) => toIso(`${v}+00`),
      [pgliteTypes.INT8]: (v: string) => Number(v),
    },
    // PGlite never recycles WAL unless told to; keep the folder small.
    postgresqlconf: ['max_wal_size = 64MB', 'min_wal_size = 32MB', 'shared_buffers = 32MB', "timezone = 'UTC'"],
  });
  await db.exec("SET TIME ZONE 'UTC'");
  return {
    kind: 'pglite',
    pglite: db,
    query: (sql, params) => db.query(sql, params as unknown[]) as never,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: (s, p) => tx.query(s, p as unknown[]) as never,
          exec: async (s) => {
            await tx.exec(s);
          },
          copyIn: async (s, data) => {
            await tx.query(s.replace(/FROM STDIN/i, "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
          },
        }),
      ),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

export async function connectPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, options: '-c TimeZone=UTC' });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  return {
    kind: 'postgres',
    pool,
    query: (sql, params) => pool.query(sql, params as unknown[]) as never,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          query: (s, p) => client.query(s, p as unknown[]) as never,
          exec: async (s) => {
            await client.query(s);
          },
          copyIn: async (s, data) => {
            const stream = client.query(copyFrom(s));
            await pipeline(Readable.from([data]), stream);
          },
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

export function connect(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Db> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectPglite(opts.dataDir);
}

/** Rows in COPY's text format: tab-separated, \N for NULL, arrays and JSON as their literals. */
export function copyText(rows: unknown[][]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i) out += '\t';
      out += copyValue(row[i]);
    }
    out += '\n';
  }
  return out;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** One value in COPY's text format (a bulk import encodes tens of millions: the common cases come first). */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  else if (Array.isArray(v)) {
    if (!v.length) return '{}';
    s = `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  } else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  if (!COPY_SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
