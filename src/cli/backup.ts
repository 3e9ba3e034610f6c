import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db } from '../server/db/connect.ts';

/**
 * Logical backup: every table's rows as JSON, gzip'd, one batch per line. The same file restores
 * into PGlite or PostgreSQL (it is also the way from the embedded database to PostgreSQL).
 * Tables in dependency order; each read in primary-key order with keyset paging.
 */
export const BACKUP_TABLES: { name: string; key: string[]; asText?: string[] }[] = [
  { name: 'users', key: ['id'] },
  { name: 'organizations', key: ['id'] },
  { name: 'sessions', key: ['id'] },
  { name: 'memberships', key: ['org_id', 'user_id'] },
  { name: 'invitations', key: ['org_id', 'id'] },
  { name: 'api_tokens', key: ['org_id', 'id'] },
  { name: 'audit_log', key: ['org_id', 'id'] },
  { name: 'mail_outbox', key: ['id'] },
  { name: 'households', key: ['org_id', 'id'] },
  { name: 'people', key: ['org_id', 'id'] },
  { name: 'jobs', key: ['org_id', 'id'] },
  { name: 'imports', key: ['org_id', 'id'] },
  { name: 'import_problems', key: ['org_id', 'import_id', 'line', 'field'] },
  { name: 'import_mappings', key: ['org_id', 'signature'] },
  // 64-bit keys travel as text: JSON numbers would lose their low bits
  { name: 'person_keys', key: ['org_id', 'key', 'person_id'], asText: ['key'] },
  { name: 'duplicate_pairs', key: ['org_id', 'id'] },
  { name: 'merges', key: ['org_id', 'id'] },
  // programs and results (issue 4): parents before children
  { name: 'programs', key: ['org_id', 'id'] },
  { name: 'program_team', key: ['org_id', 'program_id', 'user_id'] },
  { name: 'results', key: ['org_id', 'id'] },
  { name: 'indicators', key: ['org_id', 'id'] },
  { name: 'indicator_targets', key: ['org_id', 'indicator_id', 'period_start'] },
  { name: 'risks', key: ['org_id', 'id'] },
  { name: 'indicator_values', key: ['org_id', 'id'] },
  { name: 'value_evidence', key: ['org_id', 'id'] },
  { name: 'program_issues', key: ['org_id', 'id'] },
  { name: 'tasks', key: ['org_id', 'id'] },
  { name: 'task_comments', key: ['org_id', 'id'] },
  // activities, participation, volunteers and reports (issue 5)
  { name: 'activity_series', key: ['org_id', 'id'] },
  { name: 'activities', key: ['org_id', 'id'] },
  { name: 'activity_facilitators', key: ['org_id', 'activity_id', 'user_id'] },
  { name: 'calendar_feeds', key: ['org_id', 'user_id'] },
  { name: 'activity_registrations', key: ['org_id', 'id'] },
  { name: 'attendance', key: ['org_id', 'activity_id', 'person_id'] },
  { name: 'registration_links', key: ['org_id', 'activity_id'] },
  { name: 'volunteers', key: ['org_id', 'id'] },
  { name: 'volunteer_documents', key: ['org_id', 'id'] },
  { name: 'volunteer_roles', key: ['org_id', 'id'] },
  { name: 'volunteer_assignments', key: ['org_id', 'id'] },
  { name: 'volunteer_hours', key: ['org_id', 'id'] },
  { name: 'activity_reports', key: ['org_id', 'id'] },
  { name: 'activity_report_photos', key: ['org_id', 'id'] },
  // funding and finance (issue 6)
  { name: 'funders', key: ['org_id', 'id'] },
  { name: 'grants', key: ['org_id', 'id'] },
  { name: 'grant_programs', key: ['org_id', 'grant_id', 'program_id'] },
  { name: 'donor_reports', key: ['org_id', 'id'] },
  // budgets and expenses (issue 6)
  { name: 'budgets', key: ['org_id', 'id'] },
  { name: 'budget_versions', key: ['org_id', 'id'] },
  { name: 'budget_lines', key: ['org_id', 'id'] },
  { name: 'expenses', key: ['org_id', 'id'] },
  // donations (issue 6 point 6): campaigns and pledges before the gifts that name them
  { name: 'campaigns', key: ['org_id', 'id'] },
  { name: 'pledges', key: ['org_id', 'id'] },
  { name: 'donations', key: ['org_id', 'id'] },
  { name: 'receipt_counters', key: ['org_id', 'year'] },
  { name: 'funder_contacts', key: ['org_id', 'id'] },
  { name: 'funder_interactions', key: ['org_id', 'id'] },
  { name: 'opportunities', key: ['org_id', 'id'] },
  { name: 'grant_reports', key: ['org_id', 'id'] },
];
/**
 * Tables a backup leaves out: derived ones that triggers or the next read fill again (search
 * words from people's names, data versions, cached computed indicators), and the migrations'
 * own record (the backup names the migrations it was made with).
 */
export const DERIVED_TABLES = ['name_words', 'data_versions', 'computed_results', 'schema_migrations'];
const BATCH = 2000;

export async function backup(db: Db, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const { rows: migrations } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  async function* lines(): AsyncGenerator<string> {
    yield `${JSON.stringify({ format: 'gotong-backup', version: 1, createdAt: new Date().toISOString(), migrations: migrations.map((m) => m.name) })}\n`;
    for (const t of BACKUP_TABLES) {
      counts[t.name] = 0;
      let last: unknown[] | null = null;
      const keyList = t.key.join(', ');
      for (;;) {
        const cond: string = last ? `WHERE (${keyList}) > (${t.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        const { rows }: { rows: { r: Record<string, unknown> }[] } = await db.query<{ r: Record<string, unknown> }>(
          `SELECT ${t.asText ? `to_jsonb(t) || jsonb_build_object(${t.asText.map((c) => `'${c}', t.${c}::text`).join(', ')})` : 'row_to_json(t)'} AS r FROM ${t.name} t ${cond} ORDER BY ${keyList} LIMIT ${BATCH}`,
          last ?? [],
        );
        if (!rows.length) break;
        counts[t.name] += rows.length;
        yield `${JSON.stringify({ table: t.name, rows: rows.map((x) => x.r) })}\n`;
        const end: Record<string, unknown> = rows[rows.length - 1].r;
        last = t.key.map((k: string) => end[k]);
        if (rows.length < BATCH) break;
      }
    }
    yield `${JSON.stringify({ end: true, counts })}\n`;
  }
  // Written beside the target and renamed at the end: an interrupted backup never looks complete.
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp));
  await rename(tmp, file);
  return counts;
}

export async function restore(db: Db, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let header: { format?: string; migrations?: string[] } | null = null;
  let ended = false;
  await db.transaction(async (tx) => {
    for (const t of BACKUP_TABLES) {
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.name}`);
      if (rows[0].n > 0) throw Object.assign(new Error(`Restore needs an empty database, but table ${t.name} has ${rows[0].n} rows. / Pemulihan memerlukan basis data kosong.`), { cliMessage: true });
    }
    const known = new Set(BACKUP_TABLES.map((t) => t.name));
    // Opened only now: readline drops lines emitted before iteration starts.
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line) continue;
      const obj = JSON.parse(line);
      if (!header) {
        if (obj.format !== 'gotong-backup') throw Object.assign(new Error('Not a Gotong backup file.'), { cliMessage: true });
        header = obj;
        const { rows } = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
        const have = new Set(rows.map((r) => r.name));
        const missing = (obj.migrations as string[]).filter((m) => !have.has(m));
        if (missing.length) throw Object.assign(new Error(`The backup is from a newer Gotong (migrations ${missing.join(', ')}). Upgrade first.`), { cliMessage: true });
        continue;
      }
      if (obj.end) {
        ended = true;
        continue;
      }
      if (!known.has(obj.table)) throw Object.assign(new Error(`Unknown table ${obj.table} in backup.`), { cliMessage: true });
      await tx.query(`INSERT INTO ${obj.table} SELECT * FROM json_populate_recordset(NULL::${obj.table}, $1::json)`, [JSON.stringify(obj.rows)]);
      counts[obj.table] = (counts[obj.table] ?? 0) + obj.rows.length;
    }
    if (!ended) throw Object.assign(new Error('The backup file is incomplete (no end marker); nothing was restored.'), { cliMessage: true });
  });
  return counts;
}
