import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../bin/gotong.mjs');

/** A real `gotong start` child process; resolves once /api/health answers, with the time it took. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<{ ms: number; child: ChildProcess; url: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const on = (d: Buffer) => {
      buf += d;
      const m = buf.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (c) => reject(new Error(`exited ${c}: ${buf}`)));
  });
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ms: performance.now() - t0, child, url };
}

export const stopServer = (c: ChildProcess) =>
  new Promise((r) => {
    c.once('exit', r);
    c.kill('SIGTERM');
  });

export const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024;
