import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { JPEG, PNG } from '../../features/activities/report.fixtures.ts';
import { writeDocx, xmlText } from './index.ts';

/** Parses an XML part, failing on anything not well-formed. */
function parse(name: string, xml: string) {
  const elements: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw new Error(`${name}: ${e.message}`);
  });
  parser.on('opentag', (t) => elements.push(t.name));
  parser.write(xml).close();
  return elements;
}

describe('writeDocx', () => {
  const doc = writeDocx({
    title: 'Laporan <Kegiatan> & "foto"',
    language: 'id-ID',
    blocks: [
      { type: 'title', text: 'Rapat warga' },
      { type: 'heading', level: 1, text: 'Kehadiran' },
      { type: 'table', widths: [3, 1], header: ['Angka', 'Jumlah'], rows: [['Hadir', '12'], ['Tingkat & rasio', '80%']], align: ['left', 'right'] },
      { type: 'paragraph', runs: 'Baris satu\nbaris dua\tdengan tab \u0001 tanpa kendali' },
      { type: 'paragraph', runs: [{ text: 'tebal', bold: true }, { text: ' miring', italic: true, color: '#52606d' }], style: 'muted' },
      { type: 'image', data: JPEG, contentType: 'image/jpeg', width: 2400, height: 1600, caption: 'Foto <1>' },
      { type: 'image', data: PNG, contentType: 'image/png', width: 1, height: 1, widthCm: 2 },
      { type: 'pageBreak' },
    ],
  });
  const parts = unzipSync(new Uint8Array(doc));

  it('is a zip of well-formed parts that Word needs, images stored as they are', () => {
    expect(doc.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/media/image1.jpeg', 'word/media/image2.png', 'word/styles.xml']);
    for (const [name, data] of Object.entries(parts)) if (!name.startsWith('word/media/')) parse(name, strFromU8(data));
    expect(Buffer.compare(Buffer.from(parts['word/media/image1.jpeg']), JPEG)).toBe(0);
    const rels = strFromU8(parts['word/_rels/document.xml.rels']);
    expect(rels).toContain('Id="rIdImg1"');
    expect(rels).toContain('Target="media/image2.png"');
    expect(strFromU8(parts['docProps/core.xml'])).toContain('<dc:title>Laporan &lt;Kegiatan&gt; &amp; &quot;foto&quot;</dc:title>');
  });

  it('writes text, tables and images with their captions', () => {
    const xml = strFromU8(parts['word/document.xml']);
    const elements = parse('document', xml);
    expect(elements.filter((e) => e === 'w:tbl')).toHaveLength(1);
    expect(elements.filter((e) => e === 'w:tr')).toHaveLength(3);
    expect(elements.filter((e) => e === 'wp:inline')).toHaveLength(2);
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('Tingkat &amp; rasio');
    expect(xml).toContain('<w:t xml:space="preserve">Baris satu</w:t><w:br/><w:t xml:space="preserve">baris dua</w:t><w:tab/><w:t xml:space="preserve">dengan tab  tanpa kendali</w:t>');
    expect(xml).toContain('<w:rPr><w:i/><w:color w:val="52606d"/></w:rPr>');
    // the photo fills the text width (17 cm), its proportions kept; the small one its 2 cm
    expect(xml).toMatch(/<wp:extent cx="6120\d{3}" cy="4080\d{3}"\/>/);
    expect(xml).toContain('<wp:extent cx="720000" cy="720000"/>');
    expect(xml).toContain('descr="Foto &lt;1&gt;"');
    expect(xml).toContain('<w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">Foto &lt;1&gt;</w:t>');
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(strFromU8(parts['word/styles.xml'])).toContain('<w:lang w:val="id-ID"');
  });

  it('escapes XML and drops characters XML cannot hold', () => {
    expect(xmlText('a < b & "c" > d\u0000\u0008\u000b\ufffe')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
    expect(xmlText('baris\nbaru\ttab')).toBe('baris\nbaru\ttab');
  });
});
