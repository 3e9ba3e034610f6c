import { describe, expect, it } from 'vitest';
import { guessMapping, headerSignature } from './mapping.ts';
import { cleanIdNumber, parseDate, parseRelationship, parseRoles, parseSex, parseYesNo } from './values.ts';

describe('guessMapping', () => {
  it('reads Indonesian village-office headers', () => {
    const m = guessMapping(['No', 'Nama Lengkap', 'Jenis Kelamin', 'Tgl. Lahir', 'NIK', 'No KK', 'Hubungan Keluarga', 'Desa', 'Kecamatan', 'Kabupaten', 'Alamat', 'HP']);
    expect(m).toEqual({ fullName: 1, sex: 2, birthDate: 3, nik: 4, kk: 5, relationship: 6, village: 7, district: 8, regency: 9, address: 10, phone: 11 });
  });
  it('reads English headers and headers with extra words', () => {
    expect(guessMapping(['Full name', 'Sex', 'Date of birth', 'National ID', 'Village code', 'Phone number', 'E-mail'])).toEqual({
      fullName: 0, sex: 1, birthDate: 2, nik: 3, areaCode: 4, phone: 5, email: 6,
    });
    expect(guessMapping(['NAMA (sesuai KTP)', 'tgl_lahir', 'JK'])).toEqual({ fullName: 0, birthDate: 1, sex: 2 });
  });
  it('gives each field one column and leaves unknown headers alone', () => {
    expect(guessMapping(['Nama', 'Nama', 'Warna favorit'])).toEqual({ fullName: 0 });
  });
  it('signs headers regardless of case and spacing', () => {
    expect(headerSignature(['Nama  Lengkap', 'NIK'])).toBe(headerSignature(['nama lengkap', 'nik']));
  });
});

describe('values', () => {
  it('reads sex in both languages', () => {
    for (const v of ['L', 'laki-laki', 'Laki Laki', 'pria', 'M', 'male']) expect(parseSex(v)).toEqual({ ok: true, value: 'male' });
    for (const v of ['P', 'Perempuan', 'wanita', 'F', 'female']) expect(parseSex(v)).toEqual({ ok: true, value: 'female' });
    expect(parseSex('')).toEqual({ ok: true, value: null });
    expect(parseSex('x')).toEqual({ ok: false, code: 'invalid_sex' });
  });
  it('reads day-first dates, Indonesian month names and ISO, and refuses impossible ones', () => {
    expect(parseDate('17/08/1985')).toEqual({ ok: true, value: '1985-08-17' });
    expect(parseDate('17-08-1985')).toEqual({ ok: true, value: '1985-08-17' });
    expect(parseDate('17 Agustus 1985')).toEqual({ ok: true, value: '1985-08-17' });
    expect(parseDate('1 Mei 2001')).toEqual({ ok: true, value: '2001-05-01' });
    expect(parseDate('1985-08-17')).toEqual({ ok: true, value: '1985-08-17' });
    expect(parseDate('31/02/1990')).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseDate('17/08/85')).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseDate('kemarin')).toEqual({ ok: false, code: 'invalid_date' });
  });
  it('cleans ID numbers and reports numbers Excel rounded', () => {
    expect(cleanIdNumber("'3201 0101 0101 0001")).toEqual({ ok: true, value: '3201010101010001' });
    expect(cleanIdNumber('3.20101E+15')).toEqual({ ok: false, code: 'number_lost_digits' });
    expect(cleanIdNumber('32abc')).toEqual({ ok: false, code: 'nik_format' });
  });
  it('reads relationships (words and DTKS codes), roles and yes/no', () => {
    expect(parseRelationship('Kepala Keluarga')).toEqual({ ok: true, value: 'head' });
    expect(parseRelationship('ISTRI')).toEqual({ ok: true, value: 'spouse' });
    expect(parseRelationship('3')).toEqual({ ok: true, value: 'child' });
    expect(parseRelationship('tetangga')).toEqual({ ok: false, code: 'invalid_relationship' });
    expect(parseRoles('Penerima manfaat; relawan')).toEqual({ ok: true, value: ['beneficiary', 'volunteer'] });
    expect(parseRoles('raja')).toEqual({ ok: false, code: 'invalid_role' });
    expect(parseYesNo('Ya')).toEqual({ ok: true, value: true });
    expect(parseYesNo('tidak')).toEqual({ ok: true, value: false });
  });
});
