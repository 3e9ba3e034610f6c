import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { SpreadsheetError } from './errors.ts';

/**
 * A minimal random-access ZIP reader for XLSX files on disk: the central directory is read from
 * the end of the file, and each entry is streamed (inflated with Node's zlib) on demand, so the
 * parts can be read in any order and a large worksheet never sits in memory. ZIP64 is supported;
 * encryption and compression methods other than stored/deflate are not (Excel does not use them).
 */

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

function bad(message: string, cause?: unknown): SpreadsheetError {
  return new SpreadsheetError('unreadable_file', message, { cause });
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw bad('unexpected end of zip file');
    done += bytesRead;
  }
  return buf;
}

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('zip64 value out of range');
  return Number(n);
}

export class ZipReader {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();

  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly entries: ZipEntry[],
  ) {
    for (const e of entries) {
      this.byName.set(e.name, e);
      if (!this.byLowerName.has(e.name.toLowerCase())) this.byLowerName.set(e.name.toLowerCase(), e);
    }
  }

  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      const entries = await readCentralDirectory(fh);
      return new ZipReader(path, fh, entries);
    } catch (err) {
      await fh.close();
      throw err instanceof SpreadsheetError ? err : bad('not a readable zip file', err);
    }
  }

  /** Finds an entry by its name; names are compared exactly, then case-insensitively. */
  get(name: string): ZipEntry | undefined {
    const n = name.replace(/^\/+/, '');
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** Reads a (small) entry whole; refuses entries larger than `limit` bytes uncompressed. */
  async readAll(entry: ZipEntry, limit: number): Promise<Buffer> {
    if (entry.size > limit) throw bad(`${entry.name} is too large`);
    const parts: Buffer[] = [];
    for await (const chunk of this.stream(entry)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /** The entry's uncompressed bytes, chunk by chunk; sizes and CRC are checked at the end. */
  async *stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    if (entry.flags & 1) throw bad('the file is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw bad(`unsupported zip compression method ${entry.method}`);
    const local = await readAt(this.fh, entry.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL_SIG) throw bad('bad zip local header');
    const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (entry.compressedSize === 0) {
      if (entry.size !== 0 && entry.method === 0) throw bad('bad zip entry size');
      return;
    }
    // A stream of its own on the path (destroying a FileHandle's stream would close the handle).
    const src = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
    const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : null;
    if (inflate) {
      src.on('error', (e) => inflate.destroy(e));
      src.pipe(inflate);
    }
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of (inflate ?? src) as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (size > entry.size) throw bad(`${entry.name} is larger than declared`);
        yield chunk;
      }
    } catch (err) {
      throw err instanceof SpreadsheetError ? err : bad(`${entry.name} is corrupt`, err);
    } finally {
      src.unpipe();
      src.destroy();
      inflate?.destroy();
    }
    if (size !== entry.size || (crc >>> 0) !== (entry.crc >>> 0)) throw bad(`${entry.name} is corrupt (size or checksum mismatch)`);
  }
}

async function readCentralDirectory(fh: FileHandle): Promise<ZipEntry[]> {
  const { size: fileSize } = await fh.stat();
  if (fileSize < 22) throw bad('file too small to be a zip');
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(fh, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('zip end record not found');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = tailStart + eocd - 20;
    if (locatorAt < 0) throw bad('zip64 locator missing');
    const locator = await readAt(fh, locatorAt, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) throw bad('zip64 locator missing');
    const rec = await readAt(fh, u64(locator, 8), 56);
    if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw bad('zip64 end record missing');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > fileSize) throw bad('bad zip central directory');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) throw bad('bad zip central directory entry');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1')).replace(/\\/g, '/');
    // ZIP64 extended information: the 64-bit values appear in order, only for fields set to 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const end = e + 4 + len;
        if (size === 0xffffffff && q + 8 <= end) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= end) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= end) localOffset = u64(cd, q);
      }
      e += 4 + len;
    }
    if (localOffset + 30 > fileSize || localOffset + compressedSize > fileSize) throw bad('bad zip entry offset');
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}
