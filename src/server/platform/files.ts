import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inflateSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { type XlsxWriteOptions, writeXlsx } from './spreadsheet/index.ts';

/**
 * Files people upload and download (evidence of results, volunteer documents, report photos): the types we keep,
 * the checks an upload passes, and the headers a download is served with. Files live in the
 * database (bytea), at most 10 MB each.
 */

/** The types we keep, each with the extensions a file of it may have (the first is the default). */
export const FILE_EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/csv': ['csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
};
export const FILE_TYPES = Object.keys(FILE_EXTENSIONS);
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** Scans and photos: what a signed paper becomes. */
export const IMAGE_AND_PDF_TYPES = [...IMAGE_TYPES, 'application/pdf'];
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The name a file is kept and served under: invisible formatting characters removed (a
 * right-to-left override can make "x.exe" read as "exe.x") and an extension that matches its
 * type, so a download never opens as something else.
 */
export function cleanFileName(fileName: string, contentType: string) {
  const clean = fileName.replace(/[\p{Cf}\p{Cc}]/gu, '').replace(/[/\\]/g, '_').trim() || 'file';
  const exts = FILE_EXTENSIONS[contentType] ?? ['bin'];
  const ext = clean.includes('.') ? clean.slice(clean.lastIndexOf('.') + 1).toLowerCase() : '';
  return exts.includes(ext) ? clean : `${clean}.${exts[0]}`;
}

const startsWith = (buf: Buffer, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Whether the bytes begin as a file of this type does (types without a signature, such as CSV, pass). */
export function looksLike(contentType: string, buf: Buffer): boolean {
  switch (contentType) {
    case 'image/jpeg':
      return startsWith(buf, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp':
      return startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8);
    case 'application/pdf':
      return startsWith(buf, ascii('%PDF-'));
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return startsWith(buf, [0x50, 0x4b, 0x03, 0x04]);
    default:
      return true;
  }
}

export type ImageInfo = { width: number; height: number };

/**
 * The pixel size of a JPEG, PNG or WebP image as it is shown (a JPEG's EXIF rotation by 90°
 * swaps them), from its header; null when the header cannot be read.
 */
export function imageInfo(contentType: string, buf: Buffer): ImageInfo | null {
  try {
    if (contentType === 'image/png') {
      if (!startsWith(buf, ascii('IHDR'), 12)) return null;
      return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
    }
    if (contentType === 'image/webp') {
      const chunk = buf.toString('latin1', 12, 16);
      if (chunk === 'VP8 ') return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
      if (chunk === 'VP8L') {
        const bits = buf.readUInt32LE(21);
        return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
      }
      if (chunk === 'VP8X') return { width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
      return null;
    }
    if (contentType === 'image/jpeg') {
      let orientation = 1;
      let at = 2;
      while (at + 9 < buf.length) {
        if (buf[at] !== 0xff) return null;
        const marker = buf[at + 1];
        if (marker === 0xff) {
          at++;
          continue;
        }
        const length = buf.readUInt16BE(at + 2);
        if (marker === 0xe1 && buf.toString('latin1', at + 4, at + 10) === 'Exif\0\0') orientation = exifOrientation(buf, at + 10, at + 2 + length) ?? orientation;
        // start of frame (not DHT C4, JPG C8, DAC CC): height, then width
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          const height = buf.readUInt16BE(at + 5);
          const width = buf.readUInt16BE(at + 7);
          return orientation >= 5 ? { width: height, height: width } : { width, height };
        }
        at += 2 + length;
      }
    }
  } catch {
    // a header shorter than it claims
  }
  return null;
}

/** The EXIF orientation tag (1–8) of a TIFF block between start and end, if present. */
function exifOrientation(buf: Buffer, start: number, end: number): number | null {
  const little = buf.toString('latin1', start, start + 2) === 'II';
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const ifd = start + u32(start + 4);
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

type PngHeader = { width: number; height: number; depth: number; color: number; interlaced: boolean; transparency: boolean; data: Buffer[] };

/** A PNG's header fields and compressed pixel data, from its chunks; null when the chunks do not add up. */
function pngChunks(buf: Buffer): PngHeader | null {
  if (!looksLike('image/png', buf)) return null;
  let header: PngHeader | null = null;
  const data: Buffer[] = [];
  let transparency = false;
  for (let at = 8; at + 8 <= buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buf.length) return null;
    const body = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR' && length >= 13) header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], color: body[9], interlaced: body[12] === 1, transparency: false, data };
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  return header && { ...header, transparency };
}

/**
 * Whether pdfkit must decode a PNG's pixels in JavaScript to put it in a PDF (an alpha channel, a
 * palette with transparency, interlacing): the whole image in memory, several times over. Other
 * PNGs are copied into the PDF as they are.
 */
const pngDecodedByPdf = (h: PngHeader) => h.color === 4 || h.color === 6 || h.interlaced || (h.color === 3 && h.transparency);

/**
 * Whether a PNG's pixels can be decoded: its compressed data inflates to exactly the size its
 * header promises. The PDF writer decodes PNGs asynchronously and a damaged one would fail
 * outside any request (and leave the request waiting), so a PNG is checked before it is kept and
 * before it is put in a PDF. The output is capped at the promised size.
 */
export function pngDecodable(buf: Buffer): boolean {
  const header = pngChunks(buf);
  const channels = header ? PNG_CHANNELS[header.color] : undefined;
  if (!header || !channels || !header.data.length || ![1, 2, 4, 8, 16].includes(header.depth)) return false;
  const bits = header.depth * channels;
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bits) / 8)) : 0);
  const { width: w, height: h } = header;
  // Adam7: seven passes over every 8×8 block
  const passes: [number, number, number, number][] = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  const expected = header.interlaced ? passes.reduce((n, [x, y, dx, dy]) => n + rows(Math.ceil((w - x) / dx), Math.ceil((h - y) / dy)), 0) : rows(w, h);
  if (!expected || expected > IMAGE_MAX_PIXELS * 8 + h) return false;
  try {
    return inflateSync(Buffer.concat(header.data), { maxOutputLength: expected }).length === expected;
  } catch {
    return false;
  }
}

/** Pixels an image may have: decoding a PNG needs four bytes each, and a small file can claim many. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** Pixels on an image's longest side (a phone's photo has about 4,000–8,000). */
export const IMAGE_MAX_SIDE = 10_000;
/**
 * Pixels of a PNG the PDF writer has to decode (pngDecodedByPdf): 16 MP is a 5K screenshot, and
 * about 200 MB of memory while it is put in a PDF, against ~1 GB at 40 MP.
 */
export const PNG_DECODED_MAX_PIXELS = 16_000_000;

/**
 * An upload's checks: its type is one of `allowed` (415 otherwise), its bytes begin as that type's
 * do (a renamed file is refused), it is not empty; an image's header gives its size, which is
 * bounded (pixels, longest side) so that what is kept can be put in a PDF cheaply: no 16-bit PNG
 * (pdfkit decodes those pixel by pixel), a PNG the PDF writer decodes smaller still, and a PNG's
 * pixels must decode.
 */
export function checkUpload(file: { contentType: string; content: Buffer }, allowed: readonly string[]): { image: ImageInfo | null } {
  if (!allowed.includes(file.contentType)) throw new AppError(415, 'unsupported_file_type', { types: allowed.map((t) => (FILE_EXTENSIONS[t]?.[0] ?? t).toUpperCase()).join(', ') });
  if (!file.content.length) throw new AppError(400, 'validation_failed', {}, { file: { code: 'empty_file' } });
  if (!looksLike(file.contentType, file.content)) throw new AppError(415, 'file_type_mismatch');
  if (!IMAGE_TYPES.includes(file.contentType)) return { image: null };
  const image = imageInfo(file.contentType, file.content);
  if (!image || !image.width || !image.height) throw new AppError(415, 'file_type_mismatch');
  const tooLarge = (code: 'image_too_many_pixels' | 'image_side_too_long' | 'image_png_too_large', max: number) => new AppError(400, 'validation_failed', {}, { file: { code, params: { max } } });
  if (image.width * image.height > IMAGE_MAX_PIXELS) throw tooLarge('image_too_many_pixels', IMAGE_MAX_PIXELS / 1_000_000);
  if (Math.max(image.width, image.height) > IMAGE_MAX_SIDE) throw tooLarge('image_side_too_long', IMAGE_MAX_SIDE);
  if (file.contentType === 'image/png') {
    const png = pngChunks(file.content);
    if (png?.depth === 16) throw new AppError(415, 'image_16_bit');
    if (png && pngDecodedByPdf(png) && image.width * image.height > PNG_DECODED_MAX_PIXELS) throw tooLarge('image_png_too_large', PNG_DECODED_MAX_PIXELS / 1_000_000);
    if (!pngDecodable(file.content)) throw new AppError(415, 'image_unreadable');
  }
  return { image };
}

/**
 * Whether a stored image passes today's upload checks (files kept before a check was added do
 * not): what the PDF writer may embed.
 */
export function imageWithinLimits(contentType: string, content: Buffer): boolean {
  try {
    checkUpload({ contentType, content }, IMAGE_TYPES);
    return true;
  } catch {
    return false;
  }
}

/** Uploads arrive as the raw body of one of these types, at most FILE_MAX_BYTES (413 past it). */
export function acceptRawFiles(app: FastifyInstance, types: string[]) {
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: FILE_MAX_BYTES }, (_req, body, done) => done(null, body));
}

/** An uploaded file's name as the query string gives it (no control characters or folders). */
export const UploadName = z.string().trim().min(1).max(200).regex(/^[^\u0000-\u001f\u007f/\\]*$/);
/** The query of an upload: the file's name (the body is the file itself). */
export const FileNameQuery = z.object({ fileName: UploadName });

/** Lets a route plugin take files of these types as the raw body, at most 10 MB. */
export const acceptFiles = (app: FastifyInstance, types: string[] = FILE_TYPES) => acceptRawFiles(app, types);

/** The uploaded file of a request (415 when the body was not one of the accepted types). */
export function uploadOf(req: FastifyRequest, types: string[] = FILE_TYPES): { contentType: string; content: Buffer } {
  const contentType = contentTypeOf(req.headers['content-type']);
  if (!Buffer.isBuffer(req.body) || !types.includes(contentType)) throw new AppError(415, 'unsupported_media_type');
  return { contentType, content: req.body };
}

/** The content type an upload was sent with, without parameters. */
export const contentTypeOf = (header: string | undefined) => String(header).split(';')[0].trim().toLowerCase();

/** A Content-Disposition header: an ASCII name for old clients, the real one per RFC 5987 (encodeURIComponent leaves ' ( ) * as they are). */
export function contentDisposition(kind: 'inline' | 'attachment', name: { ascii: string; unicode: string } | string) {
  const n = typeof name === 'string' ? { ascii: name.replace(/[^\x20-\x7e]|["\\]/g, '_'), unicode: name } : name;
  const utf8 = encodeURIComponent(n.unicode).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${n.ascii}"; filename*=UTF-8''${utf8}`;
}

/**
 * Serves a stored file: images and PDFs open in the browser, everything else downloads; nothing is
 * sniffed or scripted (a sandbox stops Chrome's PDF viewer, so a PDF gets no scripts of ours and
 * no requests out instead).
 */
export function sendStoredFile(reply: FastifyReply, file: { file_name: string; content_type: string; content: Uint8Array }) {
  const inline = file.content_type.startsWith('image/') || file.content_type === 'application/pdf';
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.file_name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', file.content_type === 'application/pdf' ? "default-src 'none'" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}

/** Sends a document we made (an export) as a download. */
export function sendDownload(reply: FastifyReply, contentType: string, name: { ascii: string; unicode: string }, body: Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition('attachment', name))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Streams a spreadsheet we write row by row as a download (a writer failure ends the stream instead of sending half a file as whole). */
export function sendXlsx(reply: FastifyReply, name: { ascii: string; unicode: string } | string, rows: Iterable<unknown[]> | AsyncIterable<unknown[]>, opts: XlsxWriteOptions = {}) {
  reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('attachment', name)).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  const out = new PassThrough();
  writeXlsx(rows, out, opts).catch((err: Error) => out.destroy(err));
  return reply.send(out);
}

/**
 * A download's file name from a record's name: `logframe-sekolah-lapang-iklim-2026-05-01.pdf`.
 * `ascii` for the plain filename parameter, `unicode` (letters of any script kept) for filename*.
 */
export function downloadName(prefix: string, name: string, date: string, ext: string, fallback = 'file') {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  const plain = slug(name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]/g, ' ')) || fallback;
  const unicode = slug(name.normalize('NFC')) || plain;
  return { ascii: `${prefix}-${plain}-${date}.${ext}`, unicode: `${prefix}-${unicode}-${date}.${ext}` };
}
