import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backup } from '../../cli/backup.ts';
import type { Db } from './connect.ts';

/**
 * The embedded database has no fsync (PGlite forces it off), so the server keeps daily logical
 * backups in DATA_DIR/backups (the newest `keep`), the first an hour after start.
 */
export function scheduleBackups(db: Db, dataDir: string, log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void }, keep = 7) {
  const dir = join(dataDir, 'backups');
  const run = async () => {
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `gotong-${new Date().toISOString().slice(0, 10)}.gotong.gz`);
      const counts = await backup(db, file);
      const old = readdirSync(dir).filter((f) => f.endsWith('.gotong.gz')).sort().slice(0, -keep);
      for (const f of old) rmSync(join(dir, f));
      log.info({ file, people: counts.people }, 'automatic backup written');
    } catch (err) {
      log.error({ err: String(err) }, 'automatic backup failed');
    }
  };
  const first = setTimeout(run, 60 * 60 * 1000);
  const daily = setInterval(run, 24 * 60 * 60 * 1000);
  first.unref();
  daily.unref();
  return { run, stop: () => (clearTimeout(first), clearInterval(daily)) };
}
