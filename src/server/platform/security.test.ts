import { describe, expect, it } from 'vitest';
import { FieldCipher } from './security.ts';

describe('FieldCipher', () => {
  const c = new FieldCipher('a-test-secret-that-is-long-enough-1234');
  it('round-trips and never reuses an IV, also across pool refills', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 12_000; i++) {
      const enc = c.encrypt(`3204${String(i).padStart(12, '0')}`);
      ivs.add(enc.split(':')[1]);
      if (i % 1000 === 0) expect(c.decrypt(enc)).toBe(`3204${String(i).padStart(12, '0')}`);
    }
    expect(ivs.size).toBe(12_000);
  });
  it('refuses tampered ciphertext', () => {
    const [v, iv, tag, ct] = c.encrypt('3204050101010001').split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] ^= 1;
    expect(() => c.decrypt([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });
});
