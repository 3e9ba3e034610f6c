import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, convert, currencyDigits, fromMinor, MAX_MINOR, minorFromDb, MoneyError, parseRate, sum, toMinor } from './money.ts';

describe('money', () => {
  it('reads stored bigint amounts back as safe integers, and refuses the rest', () => {
    expect(minorFromDb('150000000')).toBe(150_000_000);
    expect(minorFromDb(42)).toBe(42);
    expect(minorFromDb(null)).toBe(0);
    expect(minorFromDb('-5')).toBe(-5);
    expect(() => minorFromDb('9007199254740993')).toThrow(RangeError);
    expect(() => minorFromDb('12.5')).toThrow(RangeError);
    expect(() => minorFromDb('abc')).toThrow(RangeError);
  });

  it('reads amounts into minor units by the currency’s digits, refusing extra precision', () => {
    expect(toMinor('1500000', 'IDR')).toBe(150000000);
    expect(toMinor('12.3', 'USD')).toBe(1230);
    expect(toMinor('-0.05', 'USD')).toBe(-5);
    expect(toMinor('1500', 'JPY')).toBe(1500);
    expect(toMinor('1.234', 'KWD')).toBe(1234);
    expect(toMinor(0.1 + 0.2 === 0.3 ? 1 : 2.5, 'USD')).toBe(250);
    expect(() => toMinor('1.234', 'USD')).toThrow(MoneyError);
    expect(() => toMinor('1.5', 'JPY')).toThrow('invalid_amount');
    for (const bad of ['', '1,5', '1e5', 'abc', '1.', '.5', '--1']) expect(() => toMinor(bad, 'IDR'), bad).toThrow('invalid_amount');
    expect(() => toMinor('99999999999999999', 'IDR')).toThrow('amount_too_large');
    expect(() => toMinor(1e25, 'IDR')).toThrow('amount_too_large');
    expect(currencyDigits('IDR')).toBe(2);
  });

  it('writes minor units back as a plain decimal', () => {
    expect(fromMinor(150000000, 'IDR')).toBe('1500000.00');
    expect(fromMinor(-5, 'USD')).toBe('-0.05');
    expect(fromMinor(7, 'JPY')).toBe('7');
    expect(fromMinor(1, 'KWD')).toBe('0.001');
  });

  it('round-trips any safe amount', () => {
    fc.assert(fc.property(fc.integer({ min: -MAX_MINOR, max: MAX_MINOR }), fc.constantFrom('IDR', 'JPY', 'KWD'), (n, c) => toMinor(fromMinor(n, c), c) === n));
  });

  it('sums exactly and refuses an overflow instead of losing precision', () => {
    expect(sum([])).toBe(0);
    expect(sum([10, 20, -5])).toBe(25);
    expect(sum([MAX_MINOR - 1, 1])).toBe(MAX_MINOR);
    expect(() => sum([MAX_MINOR, 1])).toThrow('amount_too_large');
    expect(() => sum([0.5])).toThrow('invalid_amount');
  });

  it('converts with a recorded rate, rounding half away from zero', () => {
    expect(convert(1234, 'USD', 'IDR', '15850.25')).toBe(19559209); // 195,592.085 → .09
    expect(convert(-1234, 'USD', 'IDR', '15850.25')).toBe(-19559209);
    expect(convert(100000000, 'IDR', 'USD', '0.0000631')).toBe(6310); // Rp 1,000,000 → $63.10
    expect(convert(1000, 'JPY', 'IDR', '106.5')).toBe(10650000);
    expect(convert(500, 'IDR', 'IDR', 'anything')).toBe(500);
    expect(() => convert(1, 'USD', 'IDR', '0')).toThrow('invalid_rate');
    expect(() => convert(1, 'USD', 'IDR', '-1')).toThrow('invalid_rate');
    expect(() => convert(1, 'USD', 'IDR', '1.12345678901')).toThrow('invalid_rate');
    expect(parseRate('15850.25')).toEqual({ units: 1585025n, scale: 2 });
  });

  it('allocates without losing or inventing a minor unit', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(10, [0, 0])).toEqual([5, 5]);
    expect(allocate(7, [])).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 24 }), (m, w) => sum(allocate(m, w)) === m),
    );
  });
});
