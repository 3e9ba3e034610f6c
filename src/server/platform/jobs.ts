import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db/connect.ts';
import { AppError } from './errors.ts';
import { uuidv7 } from './ids.ts';

/**
 * Background jobs, kept in the `jobs` table. A job is claimed with a lease that progress reports
 * renew; when its process dies, the lease runs out and another claim resumes it. Handlers must
 * therefore be restartable: they keep their checkpoint in `state`, written in the same
 * transaction as the work it describes (setJobState).
 */
export type JobRow = {
  org_id: string;
  id: string;
  kind: string;
  subject_id: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number | null;
  state: Record<string, any>;
  error: string | null;
  attempts: number;
  created_by: string | null;
};

export type JobContext = {
  job: JobRow;
  /** Records progress and renews the lease (outside the handler's transactions). */
  progress(done: number, total?: number | null, phase?: string): Promise<void>;
};
export type JobHandler = (ctx: JobContext) => Promise<void>;

// Long enough for the longest stretch without a progress report (a registry scan compares
// blocks for minutes in one synchronous run), so another server never takes a live job.
const LEASE = "interval '10 minutes'";
const MAX_ATTEMPTS = 3;

export async function enqueueJob(tx: Queryable, job: { orgId: string; kind: string; subjectId?: string; createdBy?: string; state?: object }): Promise<string> {
  const id = uuidv7();
  await tx.query('INSERT INTO jobs (org_id, id, kind, subject_id, created_by, state) VALUES ($1, $2, $3, $4, $5, $6)', [
    job.orgId,
    id,
    job.kind,
    job.subjectId ?? null,
    job.createdBy ?? null,
    JSON.stringify(job.state ?? {}),
  ]);
  return id;
}

/** The checkpoint, saved inside the transaction that did the work it describes. */
export async function setJobState(tx: Queryable, orgId: string, id: string, state: object, done?: number) {
  await tx.query(`UPDATE jobs SET state = $3, done = coalesce($4, done), lease_until = now() + ${LEASE} WHERE org_id = $1 AND id = $2`, [orgId, id, JSON.stringify(state), done ?? null]);
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log?: FastifyBaseLogger,
  ) {}

  register(kind: string, handler: JobHandler) {
    this.handlers.set(kind, handler);
  }

  /**
   * Polls for work. With the embedded database only this process can hold the data, so jobs
   * left running by a killed process are taken back at once instead of after their lease.
   */
  async start(opts: { reclaimAtOnce: boolean }) {
    if (opts.reclaimAtOnce) await this.db.query(`UPDATE jobs SET lease_until = now() WHERE status = 'running'`);
    this.timer = setInterval(() => this.kick(), 1000);
    this.timer.unref();
    this.kick();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Starts draining the queue unless already doing so. */
  kick() {
    if (this.running || this.stopped) return;
    this.running = this.loop()
      .then(() => undefined)
      .catch((err) => this.log?.error({ err }, 'job runner failed'))
      .finally(() => {
        this.running = null;
      });
  }

  /** Runs queued jobs until none is left, after the one in flight (tests and the CLI call this). */
  async drain(): Promise<number> {
    await this.running;
    return this.loop();
  }

  private async loop(): Promise<number> {
    let n = 0;
    while (!this.stopped && (await this.runOne())) n++;
    return n;
  }

  private async claim(): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    const { rows } = await this.db.query<JobRow>(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = now() + ${LEASE}, started_at = coalesce(started_at, now())
        WHERE (org_id, id) = (
          SELECT org_id, id FROM jobs
           WHERE kind = ANY($1) AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING org_id, id, kind, subject_id, status, phase, done, total, state, error, attempts, created_by`,
      [kinds],
    );
    return rows[0] ?? null;
  }

  private async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    if (job.attempts > MAX_ATTEMPTS) {
      await this.finish(job, 'failed', 'too_many_attempts');
      return true;
    }
    const ctx: JobContext = {
      job,
      progress: async (done, total, phase) => {
        await this.db.query(
          `UPDATE jobs SET done = $3, total = coalesce($4, total), phase = coalesce($5, phase), lease_until = now() + ${LEASE} WHERE org_id = $1 AND id = $2`,
          [job.org_id, job.id, done, total ?? null, phase ?? null],
        );
      },
    };
    try {
      await this.handlers.get(job.kind)!(ctx);
      await this.finish(job, 'done', null);
    } catch (err) {
      this.log?.error({ err, job: job.id, kind: job.kind }, 'job failed');
      await this.finish(job, 'failed', err instanceof AppError ? err.code : 'internal');
    }
    return true;
  }

  private async finish(job: JobRow, status: 'done' | 'failed', error: string | null) {
    await this.db.query(`UPDATE jobs SET status = $3, error = $4, finished_at = now(), lease_until = NULL WHERE org_id = $1 AND id = $2`, [job.org_id, job.id, status, error]);
  }
}
