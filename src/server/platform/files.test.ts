import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { JPEG, PNG, WEBP, brokenPng, pngFile } from '../features/activities/report.fixtures.ts';
import { AppError } from './errors.ts';
import { IMAGE_TYPES, checkUpload, cleanFileName, contentDisposition, downloadName, imageInfo, imageWithinLimits, looksLike, pngDecodable } from './files.ts';

/** A JPEG with an EXIF block whose orientation tag says "rotate 90°" (6), inserted after SOI. */
function withOrientation(jpeg: Buffer, orientation: number, little = true) {
  const tiff = Buffer.alloc(26);
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  u16(42, 2);
  u32(8, 4); // first IFD right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14);
  u16(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

function webp(chunk: 'VP8 ' | 'VP8L', width: number, height: number) {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(32, 4);
  b.write('WEBP', 8, 'latin1');
  b.write(chunk, 12, 'latin1');
  if (chunk === 'VP8 ') {
    b.set([0x9d, 0x01, 0x2a], 23);
    b.writeUInt16LE(width, 26);
    b.writeUInt16LE(height, 28);
  } else {
    b[20] = 0x2f;
    b.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21);
  }
  return b;
}

/** A PNG of the given header whose pixel data inflates to `rawBytes` zero bytes. */
const png = (width: number, height: number, color: number, interlaced: boolean, rawBytes: number) => pngFile({ width, height, color, interlaced, idat: deflateSync(Buffer.alloc(rawBytes)) });

describe('uploaded files', () => {
  it('reads the pixel size of JPEG, PNG and WebP headers, a JPEG turned by its EXIF orientation', () => {
    expect(imageInfo('image/jpeg', JPEG)).toEqual({ width: 24, height: 16 });
    expect(imageInfo('image/jpeg', withOrientation(JPEG, 6))).toEqual({ width: 16, height: 24 });
    expect(imageInfo('image/jpeg', withOrientation(JPEG, 8, false))).toEqual({ width: 16, height: 24 });
    expect(imageInfo('image/jpeg', withOrientation(JPEG, 3))).toEqual({ width: 24, height: 16 });
    expect(imageInfo('image/png', PNG)).toEqual({ width: 1, height: 1 });
    expect(imageInfo('image/webp', WEBP)).toEqual({ width: 24, height: 16 });
    expect(imageInfo('image/webp', webp('VP8 ', 640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageInfo('image/webp', webp('VP8L', 100, 50))).toEqual({ width: 100, height: 50 });
    expect(imageInfo('image/jpeg', JPEG.subarray(0, 40))).toBeNull();
    expect(imageInfo('image/png', Buffer.from('not a png'))).toBeNull();
  });

  it('decodes a PNG’s pixels before keeping it: the data must inflate to exactly what the header promises', () => {
    expect(pngDecodable(PNG)).toBe(true);
    expect(pngDecodable(brokenPng())).toBe(false);
    // 3×3 RGB: three rows of a filter byte and nine bytes
    expect(pngDecodable(png(3, 3, 2, false, 30))).toBe(true);
    expect(pngDecodable(png(3, 3, 2, false, 29))).toBe(false);
    expect(pngDecodable(png(3, 3, 2, false, 31))).toBe(false);
    // interlaced (Adam7): passes of 1×1, 1×1, 2×1, 1×2 and 3×1 pixels
    expect(pngDecodable(png(3, 3, 2, true, 33))).toBe(true);
    expect(pngDecodable(png(3, 3, 2, true, 30))).toBe(false);
    expect(pngDecodable(png(3, 3, 5, false, 30))).toBe(false); // no such colour type
    expect(pngDecodable(PNG.subarray(0, 30))).toBe(false);
  });

  it('tells a file by its first bytes, whatever its name or declared type says', () => {
    expect(looksLike('image/jpeg', JPEG)).toBe(true);
    expect(looksLike('image/png', JPEG)).toBe(false);
    expect(looksLike('image/webp', Buffer.from('RIFF\0\0\0\0WAVE'))).toBe(false);
    expect(looksLike('application/pdf', Buffer.from('%PDF-1.7'))).toBe(true);
    expect(looksLike('application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('<html>'))).toBe(false);
    expect(looksLike('text/csv', Buffer.from('a,b'))).toBe(true);
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? [e.status, e.code, e.params, e.fields] : e;
      }
      return 'accepted';
    };
    expect(refusal(() => checkUpload({ contentType: 'application/pdf', content: Buffer.from('%PDF-') }, IMAGE_TYPES))).toEqual([415, 'unsupported_file_type', { types: 'JPG, PNG, WEBP' }, undefined]);
    expect(refusal(() => checkUpload({ contentType: 'image/png', content: JPEG }, IMAGE_TYPES))).toEqual([415, 'file_type_mismatch', {}, undefined]);
    expect(refusal(() => checkUpload({ contentType: 'image/webp', content: Buffer.from('RIFF\0\0\0\0WEBPXXXX') }, IMAGE_TYPES))).toEqual([415, 'file_type_mismatch', {}, undefined]);
    expect(refusal(() => checkUpload({ contentType: 'image/webp', content: webp('VP8L', 10000, 10000) }, IMAGE_TYPES))).toEqual([400, 'validation_failed', {}, { file: { code: 'image_too_many_pixels', params: { max: 40 } } }]);
    expect(checkUpload({ contentType: 'image/jpeg', content: JPEG }, IMAGE_TYPES)).toEqual({ image: { width: 24, height: 16 } });
    // sizes the PDF writer can take cheaply: a side of at most 10 000 px, no 16-bit PNG, a PNG it decodes (alpha, interlaced) at most 16 MP
    expect(refusal(() => checkUpload({ contentType: 'image/webp', content: webp('VP8L', 12000, 100) }, IMAGE_TYPES))).toEqual([400, 'validation_failed', {}, { file: { code: 'image_side_too_long', params: { max: 10000 } } }]);
    const sixteen = png(1, 1, 2, false, 7);
    sixteen[24] = 16;
    expect(refusal(() => checkUpload({ contentType: 'image/png', content: sixteen }, IMAGE_TYPES))).toEqual([415, 'image_16_bit', {}, undefined]);
    for (const [color, interlaced] of [[6, false], [4, false], [2, true]] as const) {
      expect(refusal(() => checkUpload({ contentType: 'image/png', content: png(5000, 4000, color, interlaced, 10) }, IMAGE_TYPES))).toEqual([400, 'validation_failed', {}, { file: { code: 'image_png_too_large', params: { max: 16 } } }]);
    }
    // an opaque PNG is copied into a PDF as it is: 20 MP pass the size checks (these pixels do not decode)
    expect(refusal(() => checkUpload({ contentType: 'image/png', content: png(5000, 4000, 2, false, 10) }, IMAGE_TYPES))).toEqual([415, 'image_unreadable', {}, undefined]);
    expect(imageWithinLimits('image/jpeg', JPEG)).toBe(true);
    expect(imageWithinLimits('image/png', sixteen)).toBe(false);
  });

  it('names files safely', () => {
    expect(cleanFileName('laporan\u202Excsl.exe', 'text/csv')).toBe('laporanxcsl.exe.csv');
    expect(cleanFileName('../../foto.JPG', 'image/jpeg')).toBe('.._.._foto.JPG');
    expect(cleanFileName('\u200b', 'image/png')).toBe('file.png');
    expect(contentDisposition('inline', 'Foto "Bu Siti" (1)*.jpg')).toBe(`inline; filename="Foto _Bu Siti_ (1)*.jpg"; filename*=UTF-8''Foto%20%22Bu%20Siti%22%20%281%29%2A.jpg`);
    expect(downloadName('laporan', 'Pelatihan Café / Ñoño', '2026-05-04', 'docx', 'activity')).toEqual({ ascii: 'laporan-pelatihan-cafe-nono-2026-05-04.docx', unicode: 'laporan-pelatihan-café-ñoño-2026-05-04.docx' });
    expect(downloadName('laporan', '日本語', '2026-05-04', 'pdf', 'activity').ascii).toBe('laporan-activity-2026-05-04.pdf');
  });
});
