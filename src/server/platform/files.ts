import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../app.ts';
import { AppError } from './errors.ts';

/**
 * Files kept in the database (indicator evidence, volunteer documents): one upload path, one
 * download path with the same safety headers, so every feature that stores files serves them alike.
 */
const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/csv': ['csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
};
export const FILE_TYPES = Object.keys(EXTENSIONS);
/** Scans and photos: what a signed paper becomes. */
export const IMAGE_AND_PDF_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The name a file is kept and served under: invisible formatting characters removed (a
 * right-to-left override can make "x.exe" read as "exe.x") and an extension that matches its
 * type, so a download never opens as something else.
 */
export function storedFileName(fileName: string, contentType: string) {
  const clean = fileName.replace(/[\p{Cf}\p{Cc}]/gu, '').replace(/[/\\]/g, '_').trim() || 'file';
  const exts = EXTENSIONS[contentType] ?? ['bin'];
  const ext = clean.includes('.') ? clean.slice(clean.lastIndexOf('.') + 1).toLowerCase() : '';
  return exts.includes(ext) ? clean : `${clean}.${exts[0]}`;
}

/** The query of an upload: the file's name (the body is the file itself). */
export const FileNameQuery = z.object({ fileName: z.string().trim().min(1).max(200).regex(/^[^\u0000-\u001f\u007f/\\]*$/) });

/** Lets a route plugin take files of these types as the raw body, at most 10 MB. */
export function acceptFiles(app: App, types: string[] = FILE_TYPES) {
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: FILE_MAX_BYTES }, (_req, body, done) => done(null, body));
}

/** The uploaded file of a request (415 when the body was not one of the accepted types). */
export function uploadOf(req: FastifyRequest, types: string[] = FILE_TYPES): { contentType: string; content: Buffer } {
  const contentType = String(req.headers['content-type']).split(';')[0].trim().toLowerCase();
  if (!Buffer.isBuffer(req.body) || !types.includes(contentType)) throw new AppError(415, 'unsupported_media_type');
  return { contentType, content: req.body };
}

/** Sends a stored file: images and PDFs open in the browser, everything else downloads; nothing is sniffed or scripted. */
export function sendStoredFile(reply: FastifyReply, file: { file_name: string; content_type: string; content: Uint8Array }) {
  const inline = file.content_type.startsWith('image/') || file.content_type === 'application/pdf';
  // RFC 5987: encodeURIComponent leaves ' ( ) * as they are; an ASCII name for old clients
  const utf8 = encodeURIComponent(file.file_name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = file.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`)
    .header('x-content-type-options', 'nosniff')
    // a sandbox stops Chrome's PDF viewer; a PDF still gets no scripts of ours and no requests out
    .header('content-security-policy', file.content_type === 'application/pdf' ? "default-src 'none'" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}
