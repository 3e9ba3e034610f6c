import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, testApp } from '../testing.ts';
import { addressKey } from './ratelimit.ts';
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

describe('the address a limit counts', () => {
  it('is an IPv4 address as it is, an IPv6 address by its /64, a mapped IPv4 address as IPv4', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:7:7::1')).toBe('2001:db8:7:7::/64');
    expect(addressKey('2001:0DB8:0007:0007:ffff:ffff:ffff:fffe')).toBe('2001:db8:7:7::/64');
    expect(addressKey('2001:db8::7:1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.7')).toBe('64:ff9b:0:0::/64');
  });
});

describe('safety headers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await testApp('pglite');
  });
  afterAll(() => t?.close());

  it('go with every answer: no referrer (public pages carry secrets in their address), no framing, no sniffing', async () => {
    const answers = [
      await t.app.inject({ url: '/api/health' }),
      await t.app.inject({ url: '/api/public/registration/not-a-real-token-at-all' }), // an error
      await t.app.inject({ url: '/api/v/vol_not-a-real-token-at-all' }),
      await t.app.inject({ url: '/api/no-such-route' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: '{"broken', headers: { 'content-type': 'application/json' } }),
    ];
    for (const r of answers) {
      expect(r.headers['referrer-policy'], r.body).toBe('no-referrer');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    }
  });
});
