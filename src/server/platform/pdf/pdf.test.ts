import { describe, expect, it } from 'vitest';
import { breakable, renderPdf } from './index.ts';
import { pdfText } from './text.ts';

describe('renderPdf', () => {
  it('embeds Roboto and writes text that reads back, accents and ligatures included', async () => {
    const pdf = await renderPdf({ content: [{ text: 'Kegiatan di Desa Sukamaju — café', bold: true }, { text: 'Sarana verifikasi: daftar hadir' }, { text: 'halaman dua', pageBreak: 'before' }] });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/); // embedded, not a reference to a font the reader may lack
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
    expect(raw).not.toContain('Sukamaju'); // compressed glyph ids: only the ToUnicode maps bring the words back
    expect(pdfText(pdf)).toEqual(['Kegiatan di Desa Sukamaju — café\nSarana verifikasi: daftar hadir', 'halaman dua']);
  });

  it('refuses to fetch images from the network or read files outside the fonts', async () => {
    await expect(renderPdf({ content: [{ image: 'https://example.org/x.png' }] })).rejects.toThrow(/denied/i);
    await expect(renderPdf({ content: [{ image: '/etc/passwd' }] })).rejects.toThrow(/denied/i);
    await expect(renderPdf({ images: { logo: 'https://example.org/logo.png' }, content: [{ image: 'logo' }] })).rejects.toThrow(/denied/i);
  });
});

describe('breakable', () => {
  it('offers breaks inside long words only', () => {
    expect(breakable('Survei rumah tangga awal dan akhir')).toBe('Survei rumah tangga awal dan akhir');
    const url = 'https://data.desa.id/laporan/survei-lahan-2026.xlsx';
    expect(breakable(`lihat ${url}`).replace(/\u200b/g, '')).toBe(`lihat ${url}`);
    expect(breakable(url).split('\u200b').every((p) => p.length <= 16)).toBe(true);
    expect(breakable('a'.repeat(40)).split('\u200b').map((p) => p.length)).toEqual([16, 16, 8]);
  });
});
