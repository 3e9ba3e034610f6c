import { mkdirSync } from 'node:fs';
import type { Config } from '../config.ts';
import { type Db, connect } from './connect.ts';
import { acquireLock } from './lock.ts';
import { migrate } from './migrate.ts';

/** Opens the configured database (taking the embedded lock), migrated. Used by the server and the CLI. */
export async function openDatabase(config: Config): Promise<{ db: Db; release: () => Promise<void> }> {
  let unlock = () => {};
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    unlock = acquireLock(config.dataDir);
  }
  try {
    const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(db);
    return {
      db,
      release: async () => {
        await db.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
