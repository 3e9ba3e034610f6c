import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/gotong.mjs');
const base = mkdtempSync(join(tmpdir(), 'gotong-cli-'));
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('the gotong command', () => {
  it('explains itself and every subcommand', () => {
    const top = run(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['start', 'migrate', 'org create', 'user create', 'token create', 'demo', 'backup', 'restore']) {
      expect(top.out).toContain(c);
      const h = run([...c.split(' '), '--help']);
      expect(h.code, c).toBe(0);
      expect(h.out).toContain(`Usage: gotong ${c}`);
    }
    const bad = run(['org', 'create', '--name', 'X']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Missing --slug');
    expect(run(['frobnicate']).code).toBe(2);
  });

  it('creates an organisation, a user and a token that works against the server; demo, backup and restore', async () => {
    const env = { DATA_DIR: join(base, 'one') };
    expect(run(['org', 'create', '--name', 'Yayasan CLI', '--slug', 'yayasan-cli'], env).code).toBe(0);
    const dup = run(['org', 'create', '--name', 'Yayasan CLI', '--slug', 'yayasan-cli'], env);
    expect([dup.code, dup.err.trim()]).toEqual([1, 'The slug "yayasan-cli" is already taken.']);
    expect(run(['user', 'create', '--email', 'cli@example.org', '--password', 'cli-password-1', '--org', 'yayasan-cli', '--role', 'admin'], env).code).toBe(0);
    expect(run(['user', 'create', '--email', 'x@example.org', '--password', 'cli-password-1', '--org', 'yayasan-cli', '--role', 'boss'], env).code).toBe(1);
    const tok = run(['token', 'create', '--email', 'cli@example.org', '--org', 'yayasan-cli', '--name', 'test'], env);
    expect(tok.code).toBe(0);
    expect(tok.out).toMatch(/^gtg_[A-Za-z0-9_-]{40,}\n$/);
    const demo = run(['demo', '--org', 'yayasan-cli', '--people', '40'], env);
    expect(demo.code, demo.err).toBe(0);
    expect(demo.out).toMatch(/Loaded 40 people in \d+ households/);

    // the server holds the embedded database: a CLI command stops with a clear message
    const server = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await listening(server);
      const busy = run(['migrate'], env);
      expect(busy.code).toBe(1);
      expect(busy.err).toMatch(/in use by a running Gotong server \(PID \d+\)/);
      const res = await fetch(`${url}/api/people?limit=1`, { headers: { authorization: `Bearer ${tok.out.trim()}` } });
      expect(res.status).toBe(200);
      expect((await res.json()).total).toBe(40);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }

    const file = join(base, 'b.gz');
    const b = run(['backup', '--out', file], env);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('people 40');
    const r = run(['restore', '--in', file], { DATA_DIR: join(base, 'two') });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('people 40');
    const again = run(['restore', '--in', file], { DATA_DIR: join(base, 'two') });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/empty database/);
  }, 240_000); // a dozen CLI processes, each starting Node and the database: slow on a loaded machine

  it('refuses DATABASE_URL without SECRET_KEY', () => {
    const r = run(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SECRET_KEY: '' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('SECRET_KEY is required with DATABASE_URL');
  });
});

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buf}`)), 60_000);
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = buf.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

afterAll(() => {});
