import type { z } from 'zod';
import type { Skills, SkillsUpdate } from '../../../domain/contracts/volunteers.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { type FieldProblem, failOn } from '../../platform/errors.ts';

// ---- the organisation's skill list (organizations.settings.volunteerSkills) ----

export async function volunteerSkills(tx: Queryable, orgId: string): Promise<Skills> {
  const { rows } = await tx.query<{ settings: { volunteerSkills?: Skills['skills'] } }>('SELECT settings FROM organizations WHERE id = $1', [orgId]);
  return { skills: rows[0]?.settings?.volunteerSkills ?? [] };
}

export async function setVolunteerSkills(tx: Queryable, actor: Actor, input: z.output<typeof SkillsUpdate>): Promise<Skills> {
  const before = await volunteerSkills(tx, actor.orgId);
  const fields: Record<string, FieldProblem> = {};
  const seen = new Set<string>();
  input.skills.forEach((s, i) => {
    if (seen.has(s.code)) fields[`skills.${i}.code`] = { code: 'type_code_taken' };
    seen.add(s.code);
  });
  failOn(fields);
  await tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{volunteerSkills}', $2::jsonb), updated_at = now() WHERE id = $1`, [actor.orgId, JSON.stringify(input.skills)]);
  await audit(tx, actor, { action: 'update', entityType: 'organization', entityId: actor.orgId, before: { volunteerSkills: before.skills }, after: { volunteerSkills: input.skills } });
  return { skills: input.skills };
}

/**
 * Field problems of skills that are not on the organisation's list (`skills.N`). A skill since
 * removed from the list stays on the profiles and roles that had it (`current`).
 */
export async function skillProblems(tx: Queryable, orgId: string, skills: string[], current: string[] = []): Promise<Record<string, FieldProblem>> {
  const known = new Set((await volunteerSkills(tx, orgId)).skills.map((s) => s.code));
  const fields: Record<string, FieldProblem> = {};
  skills.forEach((s, i) => {
    if (!known.has(s) && !current.includes(s)) fields[`skills.${i}`] = { code: 'invalid_option' };
  });
  return fields;
}
