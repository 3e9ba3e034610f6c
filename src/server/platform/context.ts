import type { Db, Tx } from '../db/connect.ts';
import type { MemberRole } from '../../domain/roles.ts';

/** Who acts, in which organisation. Always taken from the session or token, never from the body. */
export type Actor = {
  orgId: string;
  userId: string;
  userName: string;
  role: MemberRole;
  /** how: signed in, an API token, the command line, the public form, a volunteer's personal link */
  via: 'session' | 'token' | 'cli' | 'public' | 'volunteer_link';
};

/**
 * The public registration form acting in an organisation (issue 5): no member, so userId is ''
 * (stored as NULL in created_by and the audit log's actor_id).
 */
export const publicActor = (orgId: string, name: string): Actor => ({ orgId, userId: '', userName: name, role: 'viewer', via: 'public' });

/**
 * A transaction bound to one organisation: the role switches to gotong_app (never superuser,
 * never owner) and app.org_id is set, so PostgreSQL's row-level security enforces the tenant
 * boundary even if a query forgets its org_id condition.
 */
export function withTenant<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // set_config('role', …, true) is SET LOCAL ROLE; one round trip for both settings.
    await tx.query(`SELECT set_config('role', 'gotong_app', true), set_config('app.org_id', $1, true)`, [orgId]);
    return fn(tx);
  });
}
