import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormula, readRows, SpreadsheetError, writeCsv, writeXlsx, type SheetRow } from './index.ts';

let dir: string;
let n = 0;
const tmp = (ext: string) => join(dir, `f${++n}.${ext}`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gotong-spreadsheet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, opts?: { format?: 'csv' | 'xlsx' }): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(path, opts)) rows.push(row);
  return rows;
}

async function file(content: string | Uint8Array, ext = 'csv'): Promise<string> {
  const path = tmp(ext);
  await writeFile(path, content);
  return path;
}

async function readError(path: string): Promise<SpreadsheetError> {
  try {
    await readAll(path);
  } catch (err) {
    expect(err).toBeInstanceOf(SpreadsheetError);
    return err as SpreadsheetError;
  }
  throw new Error('expected a SpreadsheetError');
}

// ------------------------------------------------------------------------ XLSX fixtures by hand

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

type Fixture = {
  sheets?: Record<string, string>; // path under xl/worksheets → sheetData inner XML or whole XML
  order?: string[]; // workbook order of sheet file names (default: keys of sheets)
  sharedStrings?: string[] | string; // plain strings, or the whole sst XML
  styles?: string;
  workbookPr?: string;
  extra?: Record<string, string>;
};

function xlsxFixture(f: Fixture): Uint8Array {
  const sheets = f.sheets ?? { 'sheet1.xml': '' };
  const order = f.order ?? Object.keys(sheets);
  const wbRels = order.map((name, i) => `<Relationship Id="rId${i + 10}" Type="${REL}/worksheet" Target="worksheets/${name}"/>`);
  if (f.sharedStrings) wbRels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>`);
  if (f.styles) wbRels.push(`<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>`);
  const parts: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${f.workbookPr ?? ''}<sheets>` +
        order.map((name, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId${i + 10}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="${PKG_REL}">${wbRels.join('')}</Relationships>`),
  };
  for (const [name, xml] of Object.entries(sheets)) {
    parts[`xl/worksheets/${name}`] = strToU8(xml.startsWith('<?xml') ? xml : `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${xml}</sheetData></worksheet>`);
  }
  if (typeof f.sharedStrings === 'string') parts['xl/sharedStrings.xml'] = strToU8(f.sharedStrings);
  else if (f.sharedStrings) parts['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN}">${f.sharedStrings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`);
  if (f.styles) parts['xl/styles.xml'] = strToU8(f.styles);
  for (const [name, xml] of Object.entries(f.extra ?? {})) parts[name] = strToU8(xml);
  return zipSync(parts);
}

const STYLES = `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">
  <numFmts count="4">
    <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
    <numFmt numFmtId="165" formatCode="[$-421]dd\\ mmmm\\ yyyy;@"/>
    <numFmt numFmtId="166" formatCode="#,##0.00&quot; hari&quot;"/>
    <numFmt numFmtId="167" formatCode="hh:mm"/>
  </numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="7">
    <xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="22"/>
    <xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="165"/>
  </cellXfs>
</styleSheet>`;

const SHARED = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="4" uniqueCount="4">
  <si><t>Nama</t></si>
  <si><t>NIK</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">Siti </t></r><r><t>Aisyah &amp; Ibu</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
  <si><t>baris_x000D_
dua</t></si>
</sst>`;

describe('readRows: XLSX', () => {
  it('reads shared and inline strings, booleans, numbers, dates, gaps in cells and rows', async () => {
    const sheet = `
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Lahir</t></is></c><c r="D1" t="inlineStr"><is><t>Aktif</t></is></c><c r="E1" t="str"><v>Nilai</v></c></row>
      <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="n"><v>3201010101010001</v></c><c r="C2" s="1"><v>32994</v></c><c r="D2" t="b"><v>1</v></c><c r="E2"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>
      <row r="3"></row>
      <row r="5"><c r="A5" t="s"><v>3</v></c><c r="D5" t="b"><v>0</v></c><c r="F5" s="2"><v>45000</v></c></row>
      <row r="7" spans="1:7"><c r="B7" s="4"><v>1234.5</v></c><c r="C7" s="5"><v>0.5</v></c><c r="D7" s="3"><v>45000.75</v></c><c r="E7"><v>3.2010101010100001E+15</v></c><c r="F7" s="6"><v>45000</v></c><c r="G7" t="e"><v>#N/A</v></c></row>
      <row r="8"><c r="A8" s="1"/><c r="B8" t="s"><v></v></c><c r="C8" t="inlineStr"><is><t></t></is></c></row>
      <row><c t="inlineStr"><is><t>tanpa ref</t></is></c><c><v>7</v></c><c r="D9"><v>1E-3</v></c><c><v>-0.5</v></c></row>`;
    const path = await file(xlsxFixture({ sheets: { 'sheet1.xml': sheet }, sharedStrings: SHARED, styles: STYLES }), 'xlsx');
    expect(await readAll(path)).toEqual([
      { line: 1, cells: ['Nama', 'NIK', 'Lahir', 'Aktif', 'Nilai'] },
      { line: 2, cells: ['Siti Aisyah & Ibu', '3201010101010001', '1990-05-01', 'TRUE', '0.3'], lossy: [1] },
      { line: 5, cells: ['baris\r\ndua', '', '', 'FALSE', '', '2023-03-15'] },
      { line: 7, cells: ['', '1234.5', '12:00:00', '2023-03-15T18:00:00', '3201010101010000', '2023-03-15', '#N/A'], lossy: [4] },
      { line: 9, cells: ['tanpa ref', '7', '', '0.001', '-0.5'] },
    ]);
  });

  it('reads the first worksheet in workbook order, the 1904 date system and prefixed XML', async () => {
    const first = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Tanggal</x:t></x:is></x:c></x:row>
      <x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c><x:c r="B2" s="2"><x:v>43538</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const path = await file(
      xlsxFixture({
        sheets: { 'sheet1.xml': '<row r="1"><c r="A1"><v>1</v></c></row>', 'sheet2.xml': first },
        order: ['sheet2.xml', 'sheet1.xml'],
        styles: STYLES,
        workbookPr: '<workbookPr date1904="1"/>',
      }),
      'xlsx',
    );
    expect(await readAll(path)).toEqual([
      { line: 1, cells: ['Tanggal'] },
      { line: 2, cells: ['1904-01-01', '2023-03-15'] },
    ]);
  });

  it('handles the 1900 leap-year bug around day 60', async () => {
    const sheet = '<row r="1"><c s="1"><v>1</v></c><c s="1"><v>59</v></c><c s="1"><v>61</v></c></row>';
    const path = await file(xlsxFixture({ sheets: { 'sheet1.xml': sheet }, styles: STYLES }), 'xlsx');
    expect((await readAll(path))[0].cells).toEqual(['1900-01-01', '1900-02-28', '1900-03-01']);
  });

  it('flags 16-digit numbers (a NIK typed as a number) as lossy', async () => {
    const sheet = `<row r="1"><c t="inlineStr"><is><t>NIK</t></is></c></row>
      <row r="2"><c><v>3201010101010000</v></c><c><v>320101010101000</v></c><c><v>3.20101010101E+15</v></c><c><v>12345678901234567890</v></c></row>`;
    const path = await file(xlsxFixture({ sheets: { 'sheet1.xml': sheet } }), 'xlsx');
    const rows = await readAll(path);
    expect(rows[1]).toEqual({ line: 2, cells: ['3201010101010000', '320101010101000', '3201010101010000', '12345678901234567890'], lossy: [0, 2, 3] });
  });

  it('raises SpreadsheetError for corrupt, empty and sheetless workbooks', async () => {
    const good = xlsxFixture({ sheets: { 'sheet1.xml': '<row r="1"><c><v>1</v></c></row>' } });
    expect((await readError(await file(good.subarray(0, good.length - 30), 'xlsx'))).code).toBe('unreadable_file');
    const flipped = Uint8Array.from(good);
    const sheetData = Buffer.from(good).indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    flipped[sheetData + 3] ^= 0xff; // inside the worksheet's compressed data
    expect((await readError(await file(flipped, 'xlsx'))).code).toBe('unreadable_file');
    expect((await readError(await file(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'xlsx'))).code).toBe('unreadable_file');
    expect((await readError(await file(zipSync({ 'content.xml': strToU8('<office:document/>') }), 'ods'))).code).toBe('unreadable_file');
    const badXml = xlsxFixture({ sheets: { 'sheet1.xml': '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c><v>1</v></row>' } });
    expect((await readError(await file(badXml, 'xlsx'))).code).toBe('unreadable_file');
    expect((await readError(await file(xlsxFixture({ sheets: {} }), 'xlsx'))).code).toBe('no_sheet');
    expect((await readError(await file(xlsxFixture({ sheets: { 'sheet1.xml': '<row r="1"/>' } }), 'xlsx'))).code).toBe('empty_file');
    expect((await readError(await file(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'xls'))).code).toBe('unreadable_file');
    expect((await readError(await file(''))).code).toBe('empty_file');
  });
});

// -------------------------------------------------------------------------------------- CSV read

describe('readRows: CSV', () => {
  it('parses RFC 4180 quoting and reports the line where each record starts', async () => {
    const text = '"Nama","Catatan"\r\n"Siti","baris satu\r\nbaris dua"\r\nBudi,"kata ""kutip"", koma"\r\n\r\n,\r\nAni,"a\nb\nc"\nDewi,"x"y,\r\nEka,"';
    const err = await readError(await file(text));
    expect(err.code).toBe('unreadable_file');
    expect(err.line).toBe(11);
    const rows = await readAll(await file(text.slice(0, -5)));
    expect(rows).toEqual([
      { line: 1, cells: ['Nama', 'Catatan'] },
      { line: 2, cells: ['Siti', 'baris satu\r\nbaris dua'] },
      { line: 4, cells: ['Budi', 'kata "kutip", koma'] },
      { line: 7, cells: ['Ani', 'a\nb\nc'] },
      { line: 10, cells: ['Dewi', 'xy', ''] },
    ]);
  });

  it('detects ; and tab delimiters from the header line and strips a BOM', async () => {
    const semi = await readAll(await file('\uFEFFNama;Alamat, Kota;NIK\nSiti;"Jl. Mawar; 5, Bogor";3201\n'));
    expect(semi).toEqual([
      { line: 1, cells: ['Nama', 'Alamat, Kota', 'NIK'] },
      { line: 2, cells: ['Siti', 'Jl. Mawar; 5, Bogor', '3201'] },
    ]);
    expect(semi[0].cells[0].charCodeAt(0)).toBe(0x4e);
    const tab = await readAll(await file('Nama\tNIK,KK\nSiti\t1,2'));
    expect(tab.map((r) => r.cells)).toEqual([['Nama', 'NIK,KK'], ['Siti', '1,2']]);
    const single = await readAll(await file('Nama\nSiti\n'));
    expect(single.map((r) => r.cells)).toEqual([['Nama'], ['Siti']]);
  });

  it('falls back to windows-1252 when the bytes are not UTF-8, and reads UTF-16 with a BOM', async () => {
    const cp1252 = Buffer.concat([Buffer.from('Nama;Harga\nJos'), Buffer.from([0xe9]), Buffer.from(' ;'), Buffer.from([0x80]), Buffer.from(' 5 '), Buffer.from([0x92, 0x93, 0x94])]);
    expect((await readAll(await file(cp1252)))[1].cells).toEqual(['José ', '€ 5 ’“”']);
    const utf8 = await readAll(await file(Buffer.from('Nama;Harga\nJosé;€ 5\n', 'utf8')));
    expect(utf8[1].cells).toEqual(['José', '€ 5']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nama\tKota\r\nSiti\tCirebon\r\n', 'utf16le')]);
    expect((await readAll(await file(utf16))).map((r) => r.cells)).toEqual([['Nama', 'Kota'], ['Siti', 'Cirebon']]);
  });

  it('raises SpreadsheetError for empty and binary files', async () => {
    expect((await readError(await file('\uFEFF\r\n\r\n;;\r\n'))).code).toBe('empty_file');
    expect((await readError(await file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), 'png'))).code).toBe('unreadable_file');
  });
});

// ------------------------------------------------------------------------------------- writing

const SAMPLE: unknown[][] = [
  ['Nama', 'NIK', 'Lahir', 'Aktif', 'Jumlah', 'Catatan'],
  ['Siti "Aisyah"', '3201010101010001', new Date(Date.UTC(1990, 4, 17)), true, 12.5, 'Jl. Mawar, No. 5\nRT 01/RW 02'],
  ['Budi Santoso, S.Pd', '3201010101010002', null, false, -3, ''],
  ['  Dewi  ', undefined, new Date(Date.UTC(2024, 0, 31, 13, 45, 30)), true, 0.1 + 0.2, 'café & <b>'],
  ['Ñoño; ĀĒ 漢字 🙂', '007', new Date(Date.UTC(2001, 1, 3)), false, 3201010101, '_x000D_ literal'],
];

/** What reading SAMPLE back gives: text for everything; trailing empty cells are not kept in XLSX. */
const SAMPLE_READ = [
  ['Nama', 'NIK', 'Lahir', 'Aktif', 'Jumlah', 'Catatan'],
  ['Siti "Aisyah"', '3201010101010001', '1990-05-17', 'TRUE', '12.5', 'Jl. Mawar, No. 5\nRT 01/RW 02'],
  ['Budi Santoso, S.Pd', '3201010101010002', '', 'FALSE', '-3', ''],
  ['  Dewi  ', '', '2024-01-31T13:45:30', 'TRUE', '0.3', 'café & <b>'],
  ['Ñoño; ĀĒ 漢字 🙂', '007', '2001-02-03', 'FALSE', '3201010101', '_x000D_ literal'],
];

async function writeTo(path: string, format: 'csv' | 'xlsx', rows: Iterable<unknown[]> | AsyncIterable<unknown[]>, opts: Record<string, unknown> = {}) {
  const out = createWriteStream(path);
  await (format === 'csv' ? writeCsv(rows, out, opts) : writeXlsx(rows, out, opts));
}

describe('writeCsv', () => {
  it('round trips through readRows', async () => {
    const path = tmp('csv');
    await writeTo(path, 'csv', SAMPLE);
    const rows = await readAll(path);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
    expect(rows.map((r) => r.cells)).toEqual(
      SAMPLE_READ.map((r, i) => (i === 3 ? r.map((c) => (c === '2024-01-31T13:45:30' ? '2024-01-31T13:45:30.000Z' : c === '0.3' ? '0.30000000000000004' : c)) : r)),
    );
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('"Siti ""Aisyah""",3201010101010001,1990-05-17,TRUE,12.5,"Jl. Mawar, No. 5\nRT 01/RW 02"\r\n');
  });

  it('honours bom: false and a ; delimiter', async () => {
    const path = tmp('csv');
    await writeTo(path, 'csv', [['a;b', 'c,d', 1.5]], { bom: false, delimiter: ';' });
    expect(await readFile(path, 'utf8')).toBe('"a;b";c,d;1.5\r\n');
  });

  it('neutralises formulas in text cells but not in numbers', async () => {
    const rows = [['=HYPERLINK("http://x")', '+6281234', '-5', '@SUM(A1)', '\tx', 'a=b', -5, 6]];
    const path = tmp('csv');
    await writeTo(path, 'csv', rows, { bom: false });
    expect(await readFile(path, 'utf8')).toBe(`"'=HYPERLINK(""http://x"")",'+6281234,'-5,'@SUM(A1),'\tx,a=b,-5,6\r\n`);
    const raw = tmp('csv');
    await writeTo(raw, 'csv', rows, { bom: false, neutralise: false });
    expect(await readFile(raw, 'utf8')).toBe('"=HYPERLINK(""http://x"")",+6281234,-5,@SUM(A1),\tx,a=b,-5,6\r\n');
  });

  it('waits for drain on a slow stream', async () => {
    let maxBuffered = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        maxBuffered = Math.max(maxBuffered, slow.writableLength);
        setImmediate(cb);
      },
    });
    function* rows() {
      for (let i = 0; i < 20_000; i++) yield [i, `orang ke-${i}`, 'Kabupaten Bogor, Jawa Barat'];
    }
    await writeCsv(rows(), slow);
    expect(received).toBeGreaterThan(800_000);
    expect(maxBuffered).toBeLessThanOrEqual(16 * 1024 + 64 * 1024 + 1024);
    expect(slow.writableFinished).toBe(true);
  });

  it('rejects when the rows fail, without ending the stream', async () => {
    async function* failing() {
      yield ['a'];
      throw new Error('database gone');
    }
    const out = createWriteStream(tmp('csv'));
    await expect(writeCsv(failing(), out)).rejects.toThrow('database gone');
    expect(out.writableEnded).toBe(false);
    out.destroy();
  });
});

function parseXml(xml: string): void {
  const p = new SaxesParser();
  p.write(xml).close();
}

describe('writeXlsx', () => {
  it('round trips through readRows', async () => {
    const path = tmp('xlsx');
    await writeTo(path, 'xlsx', SAMPLE, { neutralise: false });
    const rows = await readAll(path);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.cells)).toEqual(SAMPLE_READ.map((r) => (r[r.length - 1] === '' ? r.slice(0, -1) : r)));
  });

  it('writes a valid package: well-formed parts, inline strings, bold frozen header, no illegal characters', async () => {
    const path = tmp('xlsx');
    const rows = [['Nama', 'Tanggal', 7], ['a\u0001b\u001fc\u0000', '<&>"', 2.5], ['x', true, null, 'z']];
    await writeTo(path, 'xlsx', rows, { sheetName: 'Data: Orang/2024 [semua] dengan nama yang sangat panjang', headerRows: 1 });
    const parts = unzipSync(await readFile(path));
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const data of Object.values(parts)) parseXml(strFromU8(data));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t>Nama</t></is></c>');
    expect(sheet).toContain('<c r="C1" s="1"><v>7</v></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t>abc</t></is></c>');
    expect(sheet).toContain('<t>&lt;&amp;&gt;&quot;</t>');
    expect(sheet).toContain('<c r="C2"><v>2.5</v></c>');
    expect(sheet).toContain('<c r="B3" t="b"><v>1</v></c><c r="D3" t="inlineStr">');
    expect(sheet).not.toContain('sharedStrings');
    expect(strFromU8(parts['xl/workbook.xml'])).toContain('<sheet name="Data Orang2024 semua dengan nam" sheetId="1"');
    expect(strFromU8(parts['xl/styles.xml'])).toContain('<font><b/>');
    expect((await readAll(path)).map((r) => r.cells)).toEqual([['Nama', 'Tanggal', '7'], ['abc', '<&>"', '2.5'], ['x', 'TRUE', '', 'z']]);
  });

  it('neutralises formulas in text cells but not in numbers', async () => {
    const path = tmp('xlsx');
    await writeTo(path, 'xlsx', [['=1+1', '+62812', '-5', '@x', 'ok', -5]], { headerRows: 0 });
    // the values as they are (no visible apostrophe), in text cells marked "quote prefix", never formulas
    expect((await readAll(path))[0].cells).toEqual(['=1+1', '+62812', '-5', '@x', 'ok', '-5']);
    const parts = unzipSync(await readFile(path));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="6"><is><t>=1+1</t></is></c>');
    expect(sheet).toContain('<c r="E1" t="inlineStr"><is><t>ok</t></is></c>');
    expect(strFromU8(parts['xl/styles.xml'])).toMatch(/<cellXfs count="16">(<xf [^>]*\/>){6}<xf [^>]*quotePrefix="1"\/>/);
    const raw = tmp('xlsx');
    await writeTo(raw, 'xlsx', [['=1+1', -5]], { neutralise: false });
    expect((await readAll(raw))[0].cells).toEqual(['=1+1', '-5']);
    expect(strFromU8(unzipSync(await readFile(raw))['xl/worksheets/sheet1.xml'])).not.toContain('s="6"');
  });

  it('sets column widths, wraps body text aligned to the top with row heights to match, and sets up printing', async () => {
    const path = tmp('xlsx');
    const long = 'Petani kecil di tiga kabupaten memakai cara tanam tahan iklim '.repeat(4).trim();
    await writeTo(path, 'xlsx', [['Judul'], ['Kode', 'Pernyataan'], ['1', long, '=x', new Date(Date.UTC(2026, 0, 31)), 3]], { headerRows: 2, columnWidths: [8, 60, 0, Number.NaN], wrap: true });
    const parts = unzipSync(await readFile(path));
    for (const data of Object.values(parts)) parseXml(strFromU8(data));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="8" customWidth="1"/><col min="2" max="2" width="60" customWidth="1"/></cols><sheetData>');
    // headers stay bold and unwrapped; body cells take the wrapping copy (+8) of their style
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t>Judul</t></is></c>');
    expect(sheet).toContain('<c r="B2" t="inlineStr" s="1">');
    expect(sheet).toContain('<c r="B3" t="inlineStr" s="8">');
    expect(sheet).toContain('<c r="C3" t="inlineStr" s="14"><is><t>=x</t></is></c>');
    expect(sheet).toContain('<c r="D3" s="10"><v>');
    expect(sheet).toContain('<c r="E3" s="8"><v>3</v></c>');
    const styles = strFromU8(parts['xl/styles.xml']);
    expect(styles.match(/<alignment wrapText="1" vertical="top"\/>/g)).toHaveLength(8);
    // 247 characters in a column 60 wide: five lines of 15 points, set since programs do not fit heights on opening
    expect(sheet).toContain('<row r="3" ht="75" customHeight="1">');
    expect(sheet).toContain('<row r="2">');
    expect((await readAll(path)).map((r) => r.cells)).toEqual([['Judul'], ['Kode', 'Pernyataan'], ['1', long, '=x', '2026-01-31', '3']]);
    // printing: landscape, fitted to the width, header rows on every page
    const printed = tmp('xlsx');
    await writeTo(printed, 'xlsx', [['T'], ['H'], ['x']], { headerRows: 2, sheetName: 'Logframe', print: { landscape: true, fitToWidth: true } });
    const p = unzipSync(await readFile(printed));
    for (const data of Object.values(p)) parseXml(strFromU8(data));
    const printedSheet = strFromU8(p['xl/worksheets/sheet1.xml']);
    expect(printedSheet).toContain('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>');
    expect(printedSheet).toMatch(/<\/sheetData><pageMargins [^>]+\/><pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/><\/worksheet>$/);
    expect(strFromU8(p['xl/workbook.xml'])).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Logframe'!$1:$2</definedName>`);
    expect((await readAll(printed)).map((r) => r.cells)).toEqual([['T'], ['H'], ['x']]);
    // without the options nothing changes
    const plain = tmp('xlsx');
    await writeTo(plain, 'xlsx', [['a'], ['b']]);
    const plainSheet = strFromU8(unzipSync(await readFile(plain))['xl/worksheets/sheet1.xml']);
    expect(plainSheet).not.toContain('<cols>');
    expect(plainSheet).toContain('<row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c>');
    expect(plainSheet).not.toContain('pageSetup');
    expect(strFromU8(unzipSync(await readFile(plain))['xl/workbook.xml'])).not.toContain('definedName');
  });

  it('writes no frozen pane when headerRows is 0', async () => {
    const path = tmp('xlsx');
    await writeTo(path, 'xlsx', [['a']], { headerRows: 0 });
    expect(strFromU8(unzipSync(await readFile(path))['xl/worksheets/sheet1.xml'])).not.toContain('<pane');
  });
});

describe('neutraliseFormula', () => {
  it('prefixes a quote to values starting with = + - @ tab CR', () => {
    expect(['=1', '+1', '-1', '@a', '\tb', '\rc', 'a', '', "'=1", ' =1'].map(neutraliseFormula)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tb", "'\rc", 'a', '', "'=1", ' =1']);
  });
});

// ---------------------------------------------------------------------------------------- memory

describe('streaming memory', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const ROWS = 200_000;

  function* people() {
    for (let i = 0; i < ROWS; i++) {
      yield [i + 1, `Nama Orang Nomor ${i}`, `32010101${String(i).padStart(8, '0')}`, 'Jl. Merdeka No. 17, RT 001/RW 002', 'Kecamatan Cibinong', 'Kabupaten Bogor', i % 2 === 0, 1234.5 + i];
    }
  }

  for (const format of ['csv', 'xlsx'] as const) {
    it(`writes and reads ${ROWS} rows of ${format} with flat heap`, async () => {
      const path = tmp(format);
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      };
      function* sampled() {
        let i = 0;
        for (const row of people()) {
          if (++i % 5000 === 0) sample();
          yield row;
        }
      }
      await writeTo(path, format, sampled());
      let count = 0;
      let last: SheetRow | undefined;
      for await (const row of readRows(path)) {
        if (++count % 5000 === 0) sample();
        last = row;
      }
      expect(count).toBe(ROWS);
      expect(last?.line).toBe(ROWS);
      expect(last?.cells.slice(0, 3)).toEqual([String(ROWS), `Nama Orang Nomor ${ROWS - 1}`, `32010101${String(ROWS - 1).padStart(8, '0')}`]);
      expect(peak).toBeLessThan(80 * 1024 * 1024);
    });
  }
});
