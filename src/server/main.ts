import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { scheduleBackups } from './db/autobackup.ts';
import { openDatabase } from './db/open.ts';
import { sendShiftReminders } from './features/volunteers/shifts.service.ts';
import { sendFundingReminders } from './features/funding/grants.service.ts';

/** config → database (created and migrated) → HTTP server. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config) {
  const { db, release } = await openDatabase(config);
  const app = await buildApp({ db, config });
  // Mail written while no SMTP was reachable is retried in the background.
  const mailTimer = setInterval(() => app.services.mailer.deliver(db).catch(() => {}), 30_000);
  mailTimer.unref();
  // Volunteer shift reminders go into the outbox once per shift (a day before); every five minutes.
  const remind = () => sendShiftReminders(db, app.services.mailer).catch((err) => app.log.error({ err: { message: (err as Error).message } }, 'shift reminders failed'));
  const reminderTimer = setInterval(remind, 5 * 60_000);
  reminderTimer.unref();
  void remind();
  // Funding deadlines (opportunities, grant reports) are reminded once, a week before; hourly.
  const remindFunding = () => sendFundingReminders(db, app.services.mailer).catch((err) => app.log.error({ err: { message: (err as Error).message } }, 'funding reminders failed'));
  const fundingTimer = setInterval(remindFunding, 60 * 60_000);
  fundingTimer.unref();
  void remindFunding();
  const backups = config.databaseUrl ? null : scheduleBackups(db, config.dataDir, app.log);
  // Only one process can hold the embedded database, so its unfinished jobs are ours to resume now.
  await app.services.jobs.start({ reclaimAtOnce: !config.databaseUrl });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(mailTimer);
    clearInterval(reminderTimer);
    clearInterval(fundingTimer);
    await app.services.jobs.stop();
    backups?.stop();
    await app.close();
    await release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  return app;
}
