import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Passwords: scrypt from Node's crypto (OpenSSL), a random salt each, constant-time compare. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(expected, actual);
}

/** A bearer secret (session cookie, API token, invitation). Only its SHA-256 is stored. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Personal identifiers (NIK, family card number) are encrypted with AES-256-GCM; a keyed HMAC
 * (blind index) allows exact lookup without decrypting. Both keys are derived from SECRET_KEY.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  constructor(secret: string) {
    const master = Buffer.from(secret, 'utf8');
    this.encKey = Buffer.from(hkdfSync('sha256', master, 'gotong', 'field-encryption-v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, 'gotong', 'blind-index-v1', 32));
  }
  // IVs come from a pooled block of CSPRNG bytes: one getrandom call per 5,000 encryptions
  // instead of one each, which was a tenth of a bulk import's CPU time. Random 96-bit IVs, as
  // before (GCM's limit of 2^32 messages per key is far beyond a registry's size).
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;
  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 5000);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }
  encrypt(plain: string): string {
    const iv = this.nextIv();
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
  }
  decrypt(stored: string): string {
    const [v, iv, tag, ct] = stored.split(':');
    if (v !== 'v1') throw new Error('unknown cipher version');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
  }
  /** A 64-bit blind index as a decimal string (for bigint columns; JS numbers would lose bits). */
  blindIndex64(kind: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${value}`).digest().readBigInt64BE(0).toString();
  }
  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${value}`).digest('base64url');
  }
}
