import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { z } from 'zod';

/**
 * Every setting Gotong reads, in one place. Only environment variables; documented in
 * docs/configuration.md. The server and every CLI command call loadConfig().
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Gotong <no-reply@localhost>'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z.string().optional(),
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(500),
  IMPORT_WORKER_MIN_MB: z.coerce.number().min(0).max(10_000).default(4),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  cookieSecure: boolean;
  /** Fastify trustProxy: false, true, or the proxy's addresses/CIDRs (comma-separated). Only behind a proxy you run. */
  trustProxy: boolean | string;
  /** Largest spreadsheet an import accepts (a million-row CSV is about 150 MB). */
  importMaxBytes: number;
  /** Imports of files from this size on convert their rows in a worker thread (starting one takes about a second). */
  importWorkerMinBytes: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  let secretKey = e.SECRET_KEY;
  if (!secretKey) {
    if (e.DATABASE_URL) {
      throw new ConfigError(
        'SECRET_KEY is required with DATABASE_URL (at least 32 characters; keep it safe: it encrypts personal data).',
      );
    }
    secretKey = embeddedSecret(dataDir);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secretKey,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
    importWorkerMinBytes: e.IMPORT_WORKER_MIN_MB * 1024 * 1024,
  };
}

/** In embedded mode the key is generated once and kept beside the database it protects. */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function parseTrustProxy(v: string | undefined): boolean | string {
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  return v;
}
