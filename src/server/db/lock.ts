import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one process's database: two processes opening one folder corrupt it. The server
 * holds DATA_DIR/server.lock (its pid); a CLI command finding a live holder stops with a message.
 */
export function lockHolder(dataDir: string): number | null {
  const file = join(dataDir, 'server.lock');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale lock of a crashed process
  }
}

export function acquireLock(dataDir: string): () => void {
  const holder = lockHolder(dataDir);
  if (holder) throw new DatabaseBusyError(holder);
  const file = join(dataDir, 'server.lock');
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {}
  };
}

export class DatabaseBusyError extends Error {
  constructor(readonly pid: number) {
    super(`The embedded database is in use by a running Gotong server (PID ${pid}). Stop the server first, or use its API (see docs/api.md). / Basis data sedang dipakai server Gotong (PID ${pid}). Hentikan server dulu, atau gunakan API-nya.`);
  }
}
