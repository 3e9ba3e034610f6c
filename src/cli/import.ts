import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Config } from '../server/config.ts';
import type { Db } from '../server/db/connect.ts';
import { Areas } from '../server/features/areas/areas.service.ts';
import { applyJob, getImport, listProblems, receiveUpload, setMapping, startImport, startValidation, undoJob, validateJob } from '../server/features/imports/imports.service.ts';
import { IMPORT_FIELDS, type Mapping, normaliseHeader } from '../domain/import/mapping.ts';
import type { MemberRole } from '../domain/roles.ts';
import type { Actor } from '../server/platform/context.ts';
import { t } from '../server/platform/i18n/messages.ts';
import { JobRunner } from '../server/platform/jobs.ts';
import { FieldCipher } from '../server/platform/security.ts';

class CliError extends Error {
  cliMessage = true;
}

/** The same services the server gives import jobs, without an HTTP server. */
export function jobServices(db: Db, config: Config) {
  const deps = { db, config, cipher: new FieldCipher(config.secretKey), areas: Areas.load() };
  const jobs = new JobRunner(db);
  jobs.register('import.validate', validateJob(deps));
  jobs.register('import.apply', applyJob(deps));
  jobs.register('import.undo', undoJob(deps));
  return { deps, jobs };
}

/** Prints progress of the running job on stderr while the queue drains. */
async function drainWithProgress(db: Db, jobs: JobRunner, label: string) {
  const tick = setInterval(async () => {
    const { rows } = await db.query<{ phase: string | null; done: number; total: number | null }>(`SELECT phase, done, total FROM jobs WHERE status = 'running' ORDER BY id DESC LIMIT 1`).catch(() => ({ rows: [] }));
    const j = rows[0];
    if (j) process.stderr.write(`${label}: ${j.phase ?? ''} ${j.done}${j.total ? ` / ${j.total}` : ''}\n`);
  }, 500);
  try {
    await jobs.drain();
  } finally {
    clearInterval(tick);
  }
}

/** A mapping file maps fields to column numbers (0-based) or to header names as in the file. */
function readMapping(file: string, headers: string[]): Mapping {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`Cannot read the mapping file ${file}: ${(err as Error).message}`);
  }
  const out: Mapping = {};
  for (const [field, v] of Object.entries(raw)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw new CliError(`Unknown field "${field}" in ${file}. Fields: ${IMPORT_FIELDS.join(', ')}`);
    const index = typeof v === 'number' ? v : headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(String(v)));
    if (index < 0) throw new CliError(`Column "${v}" (for ${field}) is not in the file. Columns: ${headers.join(', ')}`);
    out[field as keyof Mapping] = index;
  }
  return out;
}

export async function importPeople(db: Db, config: Config, v: { file: string; org: string; as?: string; mapping?: string; allOrNothing?: boolean; report?: string }) {
  const { rows: orgs } = await db.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [v.org]);
  if (!orgs[0]) throw new CliError(`No organisation with slug "${v.org}".`);
  const { rows: who } = await db.query<{ id: string; name: string; role: MemberRole }>(
    `SELECT u.id, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.org_id = $1 AND ($2::text IS NULL AND m.role = 'owner' OR lower(u.email) = lower($2)) ORDER BY m.created_at LIMIT 1`,
    [orgs[0].id, v.as ?? null],
  );
  if (!who[0]) throw new CliError(v.as ? `${v.as} is not a member of ${v.org}.` : `${v.org} has no owner to import as; pass --as EMAIL.`);
  const actor: Actor = { orgId: orgs[0].id, userId: who[0].id, userName: who[0].name, role: who[0].role, via: 'cli' };
  const { deps, jobs } = jobServices(db, config);

  let imp = await receiveUpload(deps, actor, createReadStream(v.file), basename(v.file));
  if (v.mapping) imp = await setMapping(deps, actor, imp.id, readMapping(v.mapping, imp.headers), imp.version);
  const mapped = Object.entries(imp.mapping).map(([f, i]) => `${f} ← "${imp.headers[i]}"`);
  process.stderr.write(`Import ${imp.id}: ${imp.fileName}\nColumns: ${mapped.join(', ')}\n`);
  await startValidation(deps, actor, imp.id, imp.version);
  await drainWithProgress(db, jobs, 'checking');
  imp = await getImport(deps, actor, imp.id);
  if (imp.status === 'failed') throw new CliError(`The file could not be checked: ${t('en', imp.error ?? 'internal')}`);
  process.stderr.write(`Checked ${imp.totalRows} rows: ${imp.validRows} good, ${imp.invalidRows} with problems.\n`);
  if (imp.invalidRows) {
    const { items } = await listProblems(deps, actor, imp.id, null, 20);
    for (const p of items) process.stderr.write(`  line ${p.line}, ${p.field}: ${t('en', p.code, p.params ?? {})}\n`);
    if (v.report) {
      const all: string[] = ['line,field,value,problem'];
      let after: { line: number; field: string } | null = null;
      for (;;) {
        const page = await listProblems(deps, actor, imp.id, after, 1000);
        for (const p of page.items) all.push([p.line, p.field, p.value ?? '', t('en', p.code, p.params ?? {})].map((x) => `"${String(x).replace(/"/g, '""')}"`).join(','));
        if (!page.more) break;
        after = page.items[page.items.length - 1];
      }
      writeFileSync(v.report, `${all.join('\r\n')}\r\n`);
      process.stderr.write(`Every problem is listed in ${v.report}.\n`);
    }
    if (v.allOrNothing) {
      process.stderr.write('Nothing was imported (--all-or-nothing).\n');
      return 1;
    }
  }
  await startImport(deps, actor, imp.id, imp.version, 'skip_bad');
  await drainWithProgress(db, jobs, 'importing');
  imp = await getImport(deps, actor, imp.id);
  if (imp.status !== 'done') throw new CliError(`The import stopped: ${t('en', imp.error ?? 'internal')}. Run "gotong jobs" to resume it.`);
  console.log(`Imported ${imp.importedRows} people and ${imp.householdsCreated} new households; skipped ${imp.invalidRows ?? 0} rows. Import id ${imp.id}.`);
  return 0;
}

/** Finishes queued and interrupted jobs (an import cut off by a crash resumes from its checkpoint). */
export async function runJobs(db: Db, config: Config) {
  const { jobs } = jobServices(db, config);
  // Embedded: this process holds the only lock, so a 'running' job is an interrupted one. On
  // PostgreSQL a server may be running it; its lease tells (claimed again once it runs out).
  if (!config.databaseUrl) await db.query(`UPDATE jobs SET lease_until = now() WHERE status = 'running'`);
  await drainWithProgress(db, jobs, 'working');
  const { rows } = await db.query<{ kind: string; status: string; n: number }>(`SELECT kind, status, count(*)::int AS n FROM jobs GROUP BY kind, status ORDER BY kind, status`);
  console.log(rows.length ? rows.map((r) => `${r.kind} ${r.status}: ${r.n}`).join('\n') : 'No jobs.');
  return 0;
}
