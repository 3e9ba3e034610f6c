import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type Locale, MESSAGES, type MessageCode, t } from './i18n/messages.ts';

/** A failure the caller can act on. Rendered as { error: { code, message, fields? } }. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
    /** field path → field message code (with params) */
    readonly fields?: Record<string, FieldProblem>,
    /** extra machine-readable detail, e.g. the NIK mismatches the user must confirm */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}
export type FieldProblem = { code: MessageCode; params?: Record<string, string | number> };

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const conflict = () => new AppError(409, 'version_conflict');
export const invalid = (fields: Record<string, FieldProblem>) => new AppError(400, 'validation_failed', {}, fields);
/** Throws 400 validation_failed when any field has a problem. */
export function failOn(fields: Record<string, FieldProblem>) {
  if (Object.keys(fields).length) throw invalid(fields);
}

type ZodIssueLike = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

function fieldProblem(issue: ZodIssueLike): FieldProblem {
  const p = issue.params;
  // A schema may name the message code itself, e.g. z.string().min(10, 'password_weak').
  if (issue.message in MESSAGES) return { code: issue.message as MessageCode, params: (p.params as Record<string, string | number>) ?? {} };
  switch (issue.keyword) {
    case 'invalid_type':
      return { code: /received undefined|received null/.test(issue.message) ? 'required' : 'invalid_type' };
    case 'too_small':
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? { code: 'required' } : { code: 'too_short', params: { min: Number(p.minimum) } };
      if (p.origin === 'array') return { code: 'too_short', params: { min: Number(p.minimum) } };
      return { code: 'too_small', params: { min: Number(p.minimum) } };
    case 'too_big':
      if (p.origin === 'string' || p.origin === 'array') return { code: 'too_long', params: { max: Number(p.maximum) } };
      return { code: 'too_big', params: { max: Number(p.maximum) } };
    case 'invalid_format':
      if (p.format === 'email') return { code: 'invalid_email' };
      if (p.format === 'uuid') return { code: 'invalid_uuid' };
      if (p.format === 'date') return { code: 'invalid_date' };
      return { code: 'invalid' };
    case 'invalid_value':
      return { code: 'invalid_option' };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    case 'custom':
      return { code: (issue.message as MessageCode) ?? 'invalid', params: (p.params as Record<string, string | number>) ?? {} };
    default:
      return { code: 'invalid' };
  }
}

export function renderError(locale: Locale, err: AppError) {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, f]) => [k, { code: f.code, message: t(locale, f.code, f.params) }]))
    : undefined;
  return { error: { code: err.code, message: t(locale, err.code, err.params), ...(fields ? { fields } : {}), ...(err.details ? { details: err.details } : {}) } };
}

export function registerErrorHandling(app: FastifyInstance, localeOf: (req: FastifyRequest) => Locale) {
  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = localeOf(req);
    let appErr: AppError;
    if (error instanceof AppError) appErr = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      if (error.validationContext === 'params') appErr = notFound();
      else {
        const fields: Record<string, FieldProblem> = {};
        for (const issue of error.validation as unknown as ZodIssueLike[]) {
          let path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
          if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
            for (const k of issue.params.keys) fields[path ? `${path}.${k}` : String(k)] = { code: 'unknown_field' };
            continue;
          }
          if (!path) path = error.validationContext ?? 'body';
          fields[path] ??= fieldProblem(issue);
        }
        appErr = invalid(fields);
      }
    } else if (isPgError(error)) {
      appErr = fromDatabase(error as unknown as PgError, req);
    } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      appErr = new AppError(400, 'malformed_json');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') appErr = new AppError(413, 'body_too_large');
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') appErr = new AppError(415, 'unsupported_media_type');
    else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') appErr = new AppError(400, 'malformed_json');
    else if (error.statusCode === 429) appErr = new AppError(429, 'rate_limited', { minutes: 15 });
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) appErr = new AppError(400, 'invalid');
    else {
      // Unexpected: log without request body (it may hold personal data), answer without internals.
      req.log.error({ err: { message: error.message, stack: error.stack, code: error.code } }, 'unhandled error');
      appErr = new AppError(500, 'internal');
    }
    reply.status(appErr.status).send(renderError(locale, appErr));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(renderError(localeOf(req), new AppError(404, 'route_not_found')));
  });
}

type PgError = { code: string; constraint?: string; message: string };
function isPgError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (e as object);
}

/** What the database refused because of the input, or of a race another request won. */
function fromDatabase(e: PgError, req: FastifyRequest): AppError {
  if (e.code === '23505') {
    if (e.constraint === 'users_email_key') return new AppError(409, 'email_taken', {}, { email: { code: 'email_taken' } });
    if (e.constraint === 'organizations_slug_key') return new AppError(409, 'slug_taken', {}, { slug: { code: 'slug_taken' } });
    return new AppError(409, 'version_conflict');
  }
  if (e.code === '40001' || e.code === '40P01') return new AppError(409, 'version_conflict');
  // data exceptions (bad characters, out-of-range values) and constraint violations
  if (e.code.startsWith('22') || e.code.startsWith('23')) return new AppError(400, 'validation_failed', {}, { body: { code: 'invalid' } });
  req.log.error({ err: { code: e.code, message: e.message } }, 'database error');
  return new AppError(500, 'internal');
}
