/**
 * Sliding-window limiter for sign-in attempts, kept in memory: one process sees all attempts
 * it serves. Behind several processes each limits on its own (documented in operations.md).
 */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}
  /** Returns the minutes to wait when over the limit, else 0. Failed attempts count. */
  check(key: string, now = Date.now()): number {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, list);
    if (list.length >= this.max) return Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 60000));
    return 0;
  }
  fail(key: string, now = Date.now()) {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10000) this.sweep(now);
    // Bounded memory whatever the traffic: drop the oldest keys past 100k.
    for (const k of this.hits.keys()) {
      if (this.hits.size <= 100000) break;
      this.hits.delete(k);
    }
  }
  reset(key: string) {
    this.hits.delete(key);
  }
  private sweep(now: number) {
    for (const [k, v] of this.hits) if (!v.some((t) => t > now - this.windowMs)) this.hits.delete(k);
  }
}
