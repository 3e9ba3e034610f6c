import type { Queryable } from '../db/connect.ts';
import { uuidv7 } from './ids.ts';
import type { Actor } from './context.ts';

/** Written in the same transaction as the change it records. */
export async function audit(
  tx: Queryable,
  actor: Actor,
  entry: { action: 'create' | 'update' | 'delete' | 'restore' | 'reveal' | string; entityType: string; entityId: string; before?: unknown; after?: unknown },
) {
  await tx.query(
    `INSERT INTO audit_log (org_id, id, actor_id, actor_name, via, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      actor.orgId,
      uuidv7(),
      actor.userId || null,
      actor.userName,
      actor.via,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

/** Only the keys whose values differ, so an entry shows what changed. */
export function changed<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
