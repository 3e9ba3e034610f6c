import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/open.ts';
import type { Db } from '../server/db/connect.ts';
import { migrate } from '../server/db/migrate.ts';
import { withTenant } from '../server/platform/context.ts';
import { createUser } from '../server/platform/accounts.routes.ts';
import { createOrganization } from '../server/platform/org.service.ts';
import { createApiToken } from '../server/platform/org.routes.ts';
import { audit } from '../server/platform/audit.ts';
import { MEMBER_ROLES, type MemberRole } from '../domain/roles.ts';
import { backup, restore } from './backup.ts';
import { loadDemo } from './demo.ts';

type Option = { type: 'string' | 'boolean'; description: string; required?: boolean; placeholder?: string };
export type Command = {
  name: string;
  summary: string;
  details?: string;
  options: Record<string, Option>;
  /** Names of positional arguments, in order (all required), passed as values._ */
  positionals?: string[];
  /** Returns the exit code, or -1 to keep running (the server). */
  run(values: Record<string, any>, config: Config): Promise<number>;
};

class CliError extends Error {
  cliMessage = true;
}

async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const { db, release } = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await release();
  }
}

async function findOrg(db: Db, slug: string) {
  const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE slug = $1', [slug]);
  if (!rows[0]) throw new CliError(`No organisation with slug "${slug}".`);
  return rows[0];
}
async function findUser(db: Db, email: string) {
  const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE lower(email) = lower($1)', [email]);
  if (!rows[0]) throw new CliError(`No user with email "${email}".`);
  return rows[0];
}

export const COMMANDS: Command[] = [
  {
    name: 'start',
    summary: 'Start the web app and API (http://localhost:$PORT); creates and migrates the database on first start',
    options: {},
    async run(_v, config) {
      const { startServer } = await import('../server/main.ts');
      await startServer(config);
      return -1;
    },
  },
  {
    name: 'migrate',
    summary: 'Apply pending database migrations and exit',
    options: {},
    async run(_v, config) {
      await withDb(config, async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      });
      return 0;
    },
  },
  {
    name: 'org create',
    summary: 'Create an organisation (add its owner with "user create --role owner")',
    options: { name: { type: 'string', required: true, description: 'Display name', placeholder: 'N' }, slug: { type: 'string', required: true, description: 'Short name: lower-case letters, digits, hyphens', placeholder: 'S' } },
    async run(v, config) {
      if (!/^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/.test(v.slug)) throw new CliError('The slug must be 3–40 lower-case letters, digits or hyphens.');
      await withDb(config, async (db) => {
        const { rows } = await db.query('SELECT 1 FROM organizations WHERE slug = $1', [v.slug]);
        if (rows.length) throw new CliError(`The slug "${v.slug}" is already taken.`);
        const { uuidv7 } = await import('../server/platform/ids.ts');
        const id = uuidv7();
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)', [id, v.name, v.slug]);
          await tx.query(`INSERT INTO audit_log (org_id, id, via, action, entity_type, entity_id, after) VALUES ($1, $2, 'cli', 'create', 'organization', $3, $4)`, [
            id,
            uuidv7(),
            id,
            JSON.stringify({ name: v.name, slug: v.slug }),
          ]);
        });
        console.log(`Created organisation "${v.name}" (${v.slug}).`);
      });
      return 0;
    },
  },
  {
    name: 'user create',
    summary: 'Create a user (or reuse one with that email) and make them a member of an organisation',
    options: {
      email: { type: 'string', required: true, description: 'Email address (the sign-in name)', placeholder: 'E' },
      password: { type: 'string', required: true, description: 'Password, at least 10 characters', placeholder: 'P' },
      org: { type: 'string', required: true, description: 'Organisation slug', placeholder: 'S' },
      role: { type: 'string', required: true, description: `One of ${MEMBER_ROLES.join(', ')}`, placeholder: 'R' },
      name: { type: 'string', description: 'Display name (default: the part of the email before @)', placeholder: 'N' },
    },
    async run(v, config) {
      if (!MEMBER_ROLES.includes(v.role)) throw new CliError(`--role must be one of ${MEMBER_ROLES.join(', ')}.`);
      if (String(v.password).length < 10) throw new CliError('The password must have at least 10 characters.');
      await withDb(config, async (db) => {
        const org = await findOrg(db, v.org);
        await db.transaction(async (tx) => {
          const existing = await tx.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE lower(email) = lower($1)', [v.email]);
          const name = v.name ?? String(v.email).split('@')[0];
          const userId = existing.rows[0]?.id ?? (await createUser(tx, { name, email: String(v.email).toLowerCase(), password: v.password }));
          const { rows } = await tx.query('INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (org_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING 1', [org.id, userId, v.role]);
          await audit(tx, { orgId: org.id, userId, userName: existing.rows[0]?.name ?? name, role: v.role as MemberRole, via: 'cli' }, { action: 'create', entityType: 'member', entityId: userId, after: { role: v.role } });
          return rows;
        });
        console.log(`${v.email} is now ${v.role} of ${org.name}.`);
      });
      return 0;
    },
  },
  {
    name: 'token create',
    summary: 'Create a personal API token and print it (only the token, on stdout)',
    options: {
      email: { type: 'string', required: true, description: 'Whose token', placeholder: 'E' },
      org: { type: 'string', required: true, description: 'Organisation slug the token acts in', placeholder: 'S' },
      name: { type: 'string', description: 'A label to recognise the token by', placeholder: 'N' },
    },
    async run(v, config) {
      const token = await withDb(config, async (db) => {
        const org = await findOrg(db, v.org);
        const user = await findUser(db, v.email);
        const { rows } = await db.query<{ role: MemberRole }>('SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2', [org.id, user.id]);
        if (!rows[0]) throw new CliError(`${v.email} is not a member of ${v.org}.`);
        const actor = { orgId: org.id, userId: user.id, userName: user.name, role: rows[0].role, via: 'cli' as const };
        return (await withTenant(db, org.id, (tx) => createApiToken(tx, actor, v.name ?? 'CLI token'))).token;
      });
      process.stdout.write(`${token}\n`);
      return 0;
    },
  },
  {
    name: 'demo',
    summary: 'Load a demo organisation with realistic Indonesian people and households',
    details: 'Creates the organisation if needed, with an owner demo@gotong.example (password printed).',
    options: { org: { type: 'string', description: 'Organisation slug (default: demo)', placeholder: 'S' }, people: { type: 'string', description: 'About how many people (default 240)', placeholder: 'N' } },
    async run(v, config) {
      await withDb(config, async (db) => {
        const out = await loadDemo(db, config, { slug: v.org ?? 'demo', people: v.people ? Number(v.people) : 240 });
        console.log(out);
      });
      return 0;
    },
  },
  {
    name: 'import people',
    summary: 'Import people and households from a CSV or XLSX file (checked first; bad rows reported and skipped)',
    details:
      'Columns are guessed from the headers (Indonesian or English) or taken from --mapping, a JSON file of field → column name or number, e.g. {"fullName": "Nama", "nik": "NIK", "village": "Desa"}.\nRows that share a KK number become one household. Undo a whole import from the web app (Registry → Import).',
    positionals: ['FILE'],
    options: {
      org: { type: 'string', required: true, description: 'Organisation slug', placeholder: 'S' },
      mapping: { type: 'string', description: 'JSON file mapping fields to columns', placeholder: 'M.json' },
      as: { type: 'string', description: 'Import as this member (default: the first owner)', placeholder: 'EMAIL' },
      'all-or-nothing': { type: 'boolean', description: 'Import nothing if any row has a problem' },
      report: { type: 'string', description: 'Write every problem to this CSV file', placeholder: 'FILE' },
    },
    async run(v, config) {
      const { importPeople } = await import('./import.ts');
      return withDb(config, (db) => importPeople(db, config, { file: v._[0], org: v.org, as: v.as, mapping: v.mapping, allOrNothing: !!v['all-or-nothing'], report: v.report }));
    },
  },
  {
    name: 'jobs',
    summary: 'Finish queued and interrupted background jobs (an import cut off by a crash resumes where it stopped)',
    options: {},
    async run(_v, config) {
      const { runJobs } = await import('./import.ts');
      return withDb(config, (db) => runJobs(db, config));
    },
  },
  {
    name: 'backup',
    summary: 'Write every row of the database to a file (gzip JSON lines; portable between PGlite and PostgreSQL)',
    options: { out: { type: 'string', required: true, description: 'File to write', placeholder: 'FILE' } },
    async run(v, config) {
      await withDb(config, async (db) => {
        const counts = await backup(db, v.out);
        console.log(`Backup written to ${v.out}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      });
      return 0;
    },
  },
  {
    name: 'restore',
    summary: 'Load a backup file into an empty database (all or nothing)',
    options: { in: { type: 'string', required: true, description: 'Backup file to read', placeholder: 'FILE' } },
    async run(v, config) {
      await withDb(config, async (db) => {
        const counts = await restore(db, v.in);
        console.log(`Restored from ${v.in}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      });
      return 0;
    },
  },
];
