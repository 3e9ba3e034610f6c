import { describe, expect, it } from 'vitest';
import { type DedupeRecord, REVIEW_THRESHOLD, compare } from './dedupe/index.ts';
import { CODE_ALPHABET, CODE_PATTERN, codeFromBytes, formatCode, matchStrength, movingUp, normaliseCode, statusForNew } from './participation.ts';

describe('registration codes', () => {
  it('are 10 characters of an alphabet without 0, O, 1 and I, every character reachable', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    const seen = new Set<string>();
    for (let b = 0; b < 256; b++) seen.add(codeFromBytes(new Uint8Array(10).fill(b))[0]);
    expect(seen.size).toBe(32);
    const code = codeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 255]));
    expect(code).toBe('23456789AZ');
    expect(CODE_PATTERN.test(code)).toBe(true);
  });

  it('read back what people and scanners type; refuse what cannot be a code', () => {
    expect(normaliseCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normaliseCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    expect(normaliseCode('ABCDEFGHJ')).toBeNull();
    expect(normaliseCode('ABCDEFGHJO')).toBeNull();
    expect(normaliseCode('ABCDEFGHJ1')).toBeNull();
    expect(formatCode('ABCDEFGHJK')).toBe('ABCDE FGHJK');
  });
});

describe('capacity and the waitlist', () => {
  it('gives a place while there is one, else the waitlist', () => {
    expect(statusForNew(null, 1000)).toBe('registered');
    expect(statusForNew(3, 2)).toBe('registered');
    expect(statusForNew(3, 3)).toBe('waitlisted');
    expect(statusForNew(3, 5)).toBe('waitlisted');
  });
  it('moves up the first of the waitlist into free places, nobody when the activity is over-full', () => {
    expect(movingUp(3, 2, ['a', 'b'])).toEqual(['a']);
    expect(movingUp(5, 2, ['a', 'b'])).toEqual(['a', 'b']);
    expect(movingUp(3, 4, ['a'])).toEqual([]);
    expect(movingUp(null, 40, ['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('matching a public registration to the registry', () => {
  const base = { id: 'a', name: 'Siti Rahayu', birthDate: '1990-04-02', birthYear: 1990, sex: 'female' as const, nik: null, areaCode: '32.04.05.2001', householdId: null, phone: '+6281234567890' };
  const form = (x: Partial<DedupeRecord>): DedupeRecord => ({ id: 'new', name: 'Siti Rahayu', birthDate: null, birthYear: null, sex: null, nik: null, areaCode: null, householdId: null, phone: null, ...x });
  const strength = (x: Partial<DedupeRecord>) => matchStrength(compare(form(x), base), REVIEW_THRESHOLD);
  it('is strong for the same name with the same phone, or with the same birth year', () => {
    expect(strength({ phone: '+6281234567890' })).toBe('strong');
    expect(strength({ birthYear: 1990, sex: 'female' })).toBe('strong');
    expect(strength({ name: 'Siti Rahayuu', phone: '+6281234567890' })).toBe('strong');
  });
  it('is loose when something disagrees or only the name agrees', () => {
    expect(strength({ birthYear: 1990, phone: '+6281299999999' })).toBe('loose');
    expect(strength({ birthYear: 1991 })).toBe('loose');
    expect(strength({})).toBe('loose');
    expect(strength({ phone: '+6281234567890', sex: 'male' })).toBe('loose');
  });
  it('is none for another person on the same (family) phone', () => {
    expect(strength({ name: 'Ahmad Rahayu', birthYear: 2010, sex: 'male', phone: '+6281234567890' })).toBe('none');
    expect(strength({ name: 'Budi Santoso', phone: '+6281234567890' })).toBe('none');
  });
});
