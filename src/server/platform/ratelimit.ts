import { isIPv6 } from 'node:net';

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

/**
 * The key of a client address for per-address limits: an IPv4 address as it is, an IPv6 address
 * by its /64 prefix (one home or phone gets a whole /64 and can pick any address in it), an
 * IPv4-mapped IPv6 address as the IPv4 address it carries.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split('%')[0].split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/**
 * Keys that may be used once within their lifetime (a form's signed start: one accepted
 * submission each), kept in memory per process like the limiters. A request claims its key
 * before it works and releases it when it fails, so a corrected form can be sent again.
 */
export class OnceKeys {
  private readonly keys = new Map<string, number>();
  constructor(private readonly max = 200_000) {}
  /** true when the key was free (and is now taken until `expiresAt`), false when taken. */
  claim(key: string, expiresAt: number, now = Date.now()): boolean {
    const until = this.keys.get(key);
    if (until !== undefined && until > now) return false;
    this.keys.set(key, expiresAt);
    if (this.keys.size > this.max) {
      for (const [k, v] of this.keys) if (v <= now) this.keys.delete(k);
      // still full: the oldest claims go first (the other limits still hold)
      for (const k of this.keys.keys()) {
        if (this.keys.size <= this.max) break;
        this.keys.delete(k);
      }
    }
    return true;
  }
  release(key: string) {
    this.keys.delete(key);
  }
}

/** A counting semaphore without a queue: work that finds every slot taken is refused (429 busy). */
export class Slots {
  private used = 0;
  constructor(readonly max: number) {}
  take(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }
  release() {
    this.used = Math.max(0, this.used - 1);
  }
}
