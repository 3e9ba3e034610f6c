import type { z } from 'zod';
import { type ActivityReport, PHOTOS_PER_REPORT, type PhotoUpdate, type ReportCreate, type ReportPhoto, type ReportUpdate } from '../../../domain/contracts/activityReports.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { IMAGE_TYPES, checkUpload, cleanFileName } from '../../platform/files.ts';
import { uuidv7 } from '../../platform/ids.ts';

/**
 * An activity's report (issue 5): what happened, outcomes, follow-ups and captioned photos. One
 * live report per activity; a deleted one waits in the bin until it is restored (or a new one is
 * written). Every change is audited under the activity's id (entity type `activity_report`), so
 * the report's history runs across deletes and rewrites; photos are entries of that history too.
 */

type Row = Record<string, any>;
const ENTITY = 'activity_report';

const PHOTO_COLUMNS = `ph.id, ph.file_name AS "fileName", ph.content_type AS "contentType", ph.size, ph.width, ph.height, ph.caption, ph.version, ph.created_at AS "createdAt"`;
const COLUMNS = `r.id, r.activity_id, r.summary, r.outcomes, r.follow_ups, r.version, r.created_at, r.updated_at, r.deleted_at, r.created_by, r.updated_by,
  (SELECT u.name FROM users u WHERE u.id = r.created_by) AS created_by_name, (SELECT u.name FROM users u WHERE u.id = r.updated_by) AS updated_by_name,
  coalesce((SELECT json_agg(json_build_object('id', ph.id, 'fileName', ph.file_name, 'contentType', ph.content_type, 'size', ph.size, 'width', ph.width, 'height', ph.height,
      'caption', ph.caption, 'version', ph.version, 'createdAt', ph.created_at) ORDER BY ph.created_at, ph.id)
     FROM activity_report_photos ph WHERE ph.org_id = r.org_id AND ph.report_id = r.id AND ph.deleted_at IS NULL), '[]') AS photos`;

function toReport(r: Row): ActivityReport {
  const photos = (typeof r.photos === 'string' ? JSON.parse(r.photos) : r.photos) as ReportPhoto[];
  return {
    id: r.id,
    activityId: r.activity_id,
    summary: r.summary,
    outcomes: r.outcomes,
    followUps: r.follow_ups,
    // json_build_object writes timestamps as PostgreSQL prints them: the same ISO form as the columns
    photos: photos.map((p) => ({ ...p, createdAt: new Date(p.createdAt).toISOString() })),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name ?? '' } : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

const auditView = (r: ActivityReport) => ({ summary: r.summary, outcomes: r.outcomes, followUps: r.followUps });

/** The live activity, or 404: a report follows its activity into the bin. */
async function liveActivity(tx: Queryable, orgId: string, activityId: string) {
  const { rows } = await tx.query('SELECT 1 FROM activities WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, activityId]);
  if (!rows.length) throw notFound();
}

/** The activity's live report, or null (404 when the activity itself is not there). */
export async function findReport(tx: Queryable, orgId: string, activityId: string): Promise<ActivityReport | null> {
  await liveActivity(tx, orgId, activityId);
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM activity_reports r WHERE r.org_id = $1 AND r.activity_id = $2 AND r.deleted_at IS NULL`, [orgId, activityId]);
  return rows[0] ? toReport(rows[0]) : null;
}

export async function getReport(tx: Queryable, orgId: string, activityId: string): Promise<ActivityReport> {
  const report = await findReport(tx, orgId, activityId);
  if (!report) throw notFound();
  return report;
}

export async function createReport(tx: Queryable, actor: Actor, activityId: string, input: z.output<typeof ReportCreate>) {
  if (await findReport(tx, actor.orgId, activityId)) throw new AppError(409, 'report_exists');
  const id = uuidv7();
  // a report still in the bin is replaced: one report per activity, with its history kept under the activity
  await tx.query('DELETE FROM activity_reports WHERE org_id = $1 AND activity_id = $2 AND deleted_at IS NOT NULL', [actor.orgId, activityId]);
  await tx.query(
    `INSERT INTO activity_reports (org_id, id, activity_id, summary, outcomes, follow_ups, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [actor.orgId, id, activityId, input.summary, input.outcomes ?? null, input.followUps ?? null, actor.userId],
  );
  const created = await getReport(tx, actor.orgId, activityId);
  await audit(tx, actor, { action: 'create', entityType: ENTITY, entityId: activityId, after: { reportId: id, ...auditView(created) } });
  return created;
}

export async function updateReport(tx: Queryable, actor: Actor, activityId: string, input: z.output<typeof ReportUpdate>) {
  const before = await getReport(tx, actor.orgId, activityId);
  if (before.version !== input.version) throw conflict();
  const next = {
    summary: input.summary ?? before.summary,
    outcomes: input.outcomes !== undefined ? input.outcomes : before.outcomes,
    followUps: input.followUps !== undefined ? input.followUps : before.followUps,
  };
  const { rows } = await tx.query(
    `UPDATE activity_reports SET summary = $4, outcomes = $5, follow_ups = $6, updated_by = $7, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [actor.orgId, before.id, input.version, next.summary, next.outcomes, next.followUps, actor.userId],
  );
  if (!rows.length) throw conflict();
  const after = await getReport(tx, actor.orgId, activityId);
  await audit(tx, actor, { action: 'update', entityType: ENTITY, entityId: activityId, ...changed(auditView(before), auditView(after)) });
  return after;
}

/** To the bin (with its photos) or back: the last deleted report returns, unless a new one was written since. */
export async function setReportDeleted(tx: Queryable, actor: Actor, activityId: string, deleted: boolean) {
  if (deleted) {
    const current = await getReport(tx, actor.orgId, activityId);
    await tx.query('UPDATE activity_reports SET deleted_at = now(), version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [actor.orgId, current.id]);
    await audit(tx, actor, { action: 'delete', entityType: ENTITY, entityId: activityId, before: { reportId: current.id } });
    return { ...current, version: current.version + 1 };
  }
  if (await findReport(tx, actor.orgId, activityId)) throw new AppError(409, 'report_exists');
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE activity_reports SET deleted_at = NULL, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = (SELECT id FROM activity_reports WHERE org_id = $1 AND activity_id = $2 AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC LIMIT 1) RETURNING id`,
    [actor.orgId, activityId],
  );
  if (!rows.length) throw notFound();
  await audit(tx, actor, { action: 'restore', entityType: ENTITY, entityId: activityId, after: { reportId: rows[0].id } });
  return getReport(tx, actor.orgId, activityId);
}

// ---- photos ----

/**
 * Room for one more photo: takes the report's row lock, then counts in a statement of its own (so
 * on a snapshot taken after an earlier holder committed): concurrent uploads queue on the report
 * instead of all counting the same photos and passing the limit together.
 */
async function photoCountRoom(tx: Queryable, orgId: string, reportId: string) {
  await tx.query('SELECT 1 FROM activity_reports WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, reportId]);
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_report_photos WHERE org_id = $1 AND report_id = $2 AND deleted_at IS NULL', [orgId, reportId]);
  if (rows[0].n >= PHOTOS_PER_REPORT) throw new AppError(400, 'too_many_photos', { max: PHOTOS_PER_REPORT });
}

export async function addPhoto(tx: Queryable, actor: Actor, activityId: string, file: { fileName: string; caption: string; contentType: string; content: Buffer }): Promise<ReportPhoto> {
  const report = await findReport(tx, actor.orgId, activityId);
  if (!report) throw new AppError(409, 'report_missing');
  const { image } = checkUpload(file, IMAGE_TYPES);
  await photoCountRoom(tx, actor.orgId, report.id);
  const id = uuidv7();
  const { rows } = await tx.query<ReportPhoto>(
    `INSERT INTO activity_report_photos AS ph (org_id, id, report_id, file_name, content_type, size, width, height, caption, content, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${PHOTO_COLUMNS}`,
    [actor.orgId, id, report.id, cleanFileName(file.fileName, file.contentType), file.contentType, file.content.length, image!.width, image!.height, file.caption, file.content, actor.userId],
  );
  await audit(tx, actor, { action: 'photo_add', entityType: ENTITY, entityId: activityId, after: { photoId: id, fileName: rows[0].fileName, caption: file.caption, size: file.content.length } });
  return rows[0];
}

type StoredPhoto = { id: string; activity_id: string; file_name: string; content_type: string; caption: string; version: number; deleted_at: string | null };

/** A photo of a live report of a live activity (deleted photos only when asked, for an undo). */
async function photoRow(tx: Queryable, orgId: string, id: string, deleted = false): Promise<StoredPhoto> {
  const { rows } = await tx.query<StoredPhoto>(
    `SELECT ph.id, r.activity_id, ph.file_name, ph.content_type, ph.caption, ph.version, ph.deleted_at
       FROM activity_report_photos ph JOIN activity_reports r ON r.org_id = ph.org_id AND r.id = ph.report_id AND r.deleted_at IS NULL
       JOIN activities a ON a.org_id = r.org_id AND a.id = r.activity_id AND a.deleted_at IS NULL
      WHERE ph.org_id = $1 AND ph.id = $2 AND ph.deleted_at IS ${deleted ? 'NOT NULL' : 'NULL'}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** The photo's bytes, for a download or an export. */
export async function getPhotoFile(tx: Queryable, orgId: string, id: string) {
  await photoRow(tx, orgId, id);
  const { rows } = await tx.query<{ file_name: string; content_type: string; content: Uint8Array }>('SELECT file_name, content_type, content FROM activity_report_photos WHERE org_id = $1 AND id = $2', [orgId, id]);
  return rows[0];
}

/** Every live photo of a report with its bytes, in the report's order (for the PDF and DOCX). */
export async function reportPhotoFiles(tx: Queryable, orgId: string, reportId: string) {
  const { rows } = await tx.query<{ id: string; caption: string; content_type: string; width: number; height: number; content: Uint8Array }>(
    'SELECT id, caption, content_type, width, height, content FROM activity_report_photos WHERE org_id = $1 AND report_id = $2 AND deleted_at IS NULL ORDER BY created_at, id',
    [orgId, reportId],
  );
  return rows.map((r) => ({ ...r, content: Buffer.from(r.content) }));
}

export async function updatePhoto(tx: Queryable, actor: Actor, id: string, input: z.output<typeof PhotoUpdate>): Promise<ReportPhoto> {
  const before = await photoRow(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  const { rows } = await tx.query<ReportPhoto>(
    `UPDATE activity_report_photos ph SET caption = $4, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING ${PHOTO_COLUMNS}`,
    [actor.orgId, id, input.version, input.caption],
  );
  if (!rows.length) throw conflict();
  await audit(tx, actor, { action: 'photo_update', entityType: ENTITY, entityId: before.activity_id, before: { photoId: id, caption: before.caption }, after: { photoId: id, caption: input.caption } });
  return rows[0];
}

export async function setPhotoDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean): Promise<ReportPhoto> {
  const photo = await photoRow(tx, actor.orgId, id, !deleted);
  if (!deleted) {
    const { rows } = await tx.query<{ report_id: string }>('SELECT report_id FROM activity_report_photos WHERE org_id = $1 AND id = $2', [actor.orgId, id]);
    await photoCountRoom(tx, actor.orgId, rows[0].report_id);
  }
  const { rows } = await tx.query<ReportPhoto>(
    `UPDATE activity_report_photos ph SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING ${PHOTO_COLUMNS}`,
    [actor.orgId, id],
  );
  await audit(tx, actor, { action: deleted ? 'photo_delete' : 'photo_restore', entityType: ENTITY, entityId: photo.activity_id, [deleted ? 'before' : 'after']: { photoId: id, fileName: photo.file_name, caption: photo.caption } });
  return rows[0];
}
