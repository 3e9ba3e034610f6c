import { describe, expect, it } from 'vitest';
import { Areas } from './areas.service.ts';

describe('Areas.resolve', () => {
  const areas = Areas.load();
  it('takes codes with or without dots', () => {
    expect(areas.resolve({ code: '32.04' })).toEqual({ ok: true, code: '32.04' });
    expect(areas.resolve({ code: '3204' })).toEqual({ ok: true, code: '32.04' });
    expect(areas.resolve({ code: '99.99' })).toEqual({ ok: false, code: 'invalid_area' });
  });
  it('matches names tolerant of case, spacing and Kab./Kabupaten, and tells Kota from Kabupaten', () => {
    expect(areas.resolve({ province: 'JAWA BARAT', regency: 'Kab. Bandung' })).toEqual({ ok: true, code: '32.04' });
    expect(areas.resolve({ province: 'Jawa Barat', regency: 'kabupaten  bandung' })).toEqual({ ok: true, code: '32.04' });
    expect(areas.resolve({ province: 'Jawa Barat', regency: 'Kota Bandung' })).toEqual({ ok: true, code: '32.73' });
    expect(areas.resolve({ province: 'Jawa Barat', regency: 'Bandung' })).toEqual({ ok: false, code: 'area_ambiguous' });
  });
  it('finds a village by name inside its parents, and says when a bare name is ambiguous', () => {
    const village = areas.childrenOf('32.04.05')[0];
    const district = areas.get('32.04.05')!;
    expect(areas.resolve({ regency: 'Kabupaten Bandung', district: `Kec. ${district.name}`, village: village.name.toUpperCase() })).toEqual({ ok: true, code: village.code });
    expect(areas.resolve({ village: 'Sukamaju' })).toEqual({ ok: false, code: 'area_ambiguous' });
    expect(areas.resolve({ regency: 'Kabupaten Bandung', village: 'Tidak Ada Desa Ini' })).toEqual({ ok: false, code: 'invalid_area' });
  });
});
