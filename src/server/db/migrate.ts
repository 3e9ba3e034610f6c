import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connect.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Applies every migrations/*.sql not yet applied, in name order, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    const done = await db.transaction(async (tx) => {
      // Two app processes starting together on PostgreSQL: only one migrates.
      await tx.query('SELECT pg_advisory_xact_lock(727001)');
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
      if (rows.length) return false;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  if (db.kind === 'postgres') await ensureAppRoleMembership(db);
  return applied;
}

/** The connecting role must be able to SET ROLE gotong_app (superusers always can). */
async function ensureAppRoleMembership(db: Db) {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT rolsuper OR pg_has_role(current_user, 'gotong_app', 'MEMBER') AS ok FROM pg_roles WHERE rolname = current_user`,
  );
  if (!rows[0]?.ok) await db.exec('GRANT gotong_app TO CURRENT_USER');
}
