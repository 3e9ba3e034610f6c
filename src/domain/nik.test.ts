import { describe, expect, it } from 'vitest';
import { maskNik, nikMismatches, parseNik } from './nik.ts';

const areas = { hasProvince: (c: string) => ['32', '53'].includes(c), hasRegency: (c: string) => ['32.04', '53.71'].includes(c) };
const today = new Date('2026-11-25T00:00:00Z');

describe('parseNik', () => {
  it('reads a man born 12 May 1990 in Kab. Bandung', () => {
    const r = parseNik('3204051205900001', areas, today);
    expect(r).toEqual({ ok: true, info: { provinceCode: '32', regencyCode: '32.04', districtCode: '32.04.05', sex: 'male', birthDate: '1990-05-12' } });
  });
  it('adds 40 to the day for women and accepts spaces and dots', () => {
    const r = parseNik('3204.05 5205 90 0001', areas, today);
    expect(r.ok && r.info).toMatchObject({ sex: 'female', birthDate: '1990-05-12' });
  });
  it('puts two-digit years after this year in the last century', () => {
    const r1 = parseNik('3204050101270001', areas, today);
    expect(r1.ok && r1.info.birthDate).toBe('1927-01-01');
    const r2 = parseNik('3204050101260001', areas, today);
    expect(r2.ok && r2.info.birthDate).toBe('2026-01-01');
  });
  it.each([
    ['12345', 'format'],
    ['32040512059000011', 'format'],
    ['320405120590000A', 'format'],
    ['9904051205900001', 'province'],
    ['3299051205900001', 'regency'],
    ['3204053102900001', 'birth_date'], // 31 February
    ['3204050013900001', 'birth_date'], // month 13 and day 0
    ['3204057205900001', 'birth_date'], // day 72-40 = 32
    ['3204051205900000', 'serial'],
  ])('%s is refused for %s', (nik, problem) => {
    expect(parseNik(nik, areas, today)).toEqual({ ok: false, problem });
  });
});

describe('nikMismatches', () => {
  const info = { provinceCode: '32', regencyCode: '32.04', districtCode: '32.04.05', sex: 'female' as const, birthDate: '1990-05-12' };
  it('reports sex and date differences, ignoring the century guess', () => {
    expect(nikMismatches(info, { sex: 'male', birthDate: '1990-05-13' })).toEqual(['sex', 'birth_date']);
    expect(nikMismatches(info, { sex: 'female', birthDate: '1890-05-12' })).toEqual([]);
    expect(nikMismatches(info, {})).toEqual([]);
  });
});

it('masks all but the first and last four digits', () => {
  expect(maskNik('3201123456780001')).toBe('3201********0001');
});

it('puts a birth later this year in the last century', () => {
  const jan = new Date('2026-01-15T00:00:00Z');
  const r = parseNik('3204051212260001', areas, jan);
  expect(r.ok && r.info.birthDate).toBe('1926-12-12');
});
