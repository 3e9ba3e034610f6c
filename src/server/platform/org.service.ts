import type { Queryable, Tx } from '../db/connect.ts';
import { audit } from './audit.ts';
import { AppError } from './errors.ts';
import { uuidv7 } from './ids.ts';

export async function createOrganization(tx: Tx, input: { name: string; slug: string; ownerId: string; ownerName: string; via?: 'session' | 'token' | 'cli' }): Promise<string> {
  const { rows } = await tx.query('SELECT 1 FROM organizations WHERE slug = $1', [input.slug]);
  if (rows.length) throw new AppError(409, 'slug_taken', {}, { slug: { code: 'slug_taken' } });
  const id = uuidv7();
  await tx.query('INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)', [id, input.name, input.slug]);
  await tx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')`, [id, input.ownerId]);
  const actor = { orgId: id, userId: input.ownerId, userName: input.ownerName, role: 'owner' as const, via: input.via ?? 'session' };
  await audit(tx, actor, { action: 'create', entityType: 'organization', entityId: id, after: { name: input.name, slug: input.slug } });
  await audit(tx, actor, { action: 'create', entityType: 'member', entityId: input.ownerId, after: { role: 'owner' } });
  return id;
}

/** Today's date (YYYY-MM-DD) where the organisation works: a birth or consent date entered at 06:00 in Jakarta is today there, not yesterday in UTC. */
export async function orgToday(tx: Queryable, orgId: string): Promise<string> {
  const { rows } = await tx.query<{ today: string }>(`SELECT to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today FROM organizations WHERE id = $1`, [orgId]);
  return rows[0]?.today ?? new Date().toISOString().slice(0, 10);
}
