import { strToU8, zipSync } from 'fflate';

/**
 * A small DOCX (Office Open XML word-processing) writer for documents people edit further in
 * Word, LibreOffice or Google Docs: headings, paragraphs, simple tables, inline images with a
 * caption, on A4. Zipped with fflate like the XLSX writer; images are stored, not deflated again.
 * Only what our reports need, written to the ECMA-376 transitional schema Word itself writes.
 */

export type DocxRun = { text: string; bold?: boolean; italic?: boolean; color?: string };
export type DocxBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'title'; text: string }
  | { type: 'paragraph'; runs: DocxRun[] | string; style?: 'muted' | 'caption'; keepNext?: boolean }
  /** widths: fractions of the text width; header: a bold first row repeated on each page */
  | { type: 'table'; widths: number[]; header?: string[]; rows: string[][]; align?: ('left' | 'right')[] }
  /** width in the document, in cm (scaled down to the text width); the caption goes below as alt text too */
  | { type: 'image'; data: Buffer; contentType: 'image/jpeg' | 'image/png' | 'image/webp'; width: number; height: number; widthCm?: number; caption?: string }
  | { type: 'pageBreak' };

export type DocxDocument = {
  title: string;
  /** BCP 47, e.g. id-ID: spelling checks and hyphenation in the reader */
  language: string;
  creator?: string;
  blocks: DocxBlock[];
};

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const EXT: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

// A4 with 2 cm margins, in twentieths of a point (twips); 1 cm = 360000 EMU
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const EMU_PER_CM = 360000;
const TEXT_WIDTH_CM = (TEXT_WIDTH / 1440) * 2.54;

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A run; line breaks in the text become <w:br/>, tabs <w:tab/>. */
function run(r: DocxRun): string {
  const props = [r.bold ? '<w:b/>' : '', r.italic ? '<w:i/>' : '', r.color ? `<w:color w:val="${r.color.replace('#', '')}"/>` : ''].join('');
  const parts = r.text.split('\n').map((line) =>
    line
      .split('\t')
      .map((t) => (t ? `<w:t xml:space="preserve">${xmlText(t)}</w:t>` : ''))
      .join('<w:tab/>'),
  );
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${parts.join('<w:br/>')}</w:r>`;
}

const runs = (r: DocxRun[] | string) => (typeof r === 'string' ? [{ text: r }] : r);

function paragraph(content: string, opts: { style?: string; keepNext?: boolean; align?: string } = {}): string {
  const props = [opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '', opts.keepNext ? '<w:keepNext/>' : '', opts.align ? `<w:jc w:val="${opts.align}"/>` : ''].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
}

function table(b: Extract<DocxBlock, { type: 'table' }>): string {
  const total = b.widths.reduce((s, w) => s + w, 0);
  const widths = b.widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, head: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/>${head ? '<w:shd w:val="clear" w:color="auto" w:fill="DCE8F4"/>' : ''}</w:tcPr>${paragraph(run({ text, bold: head }), { style: 'TableText', align: b.align?.[i] === 'right' ? 'right' : undefined })}</w:tc>`;
  const row = (cells: string[], head: boolean) => `<w:tr>${head ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' : '<w:trPr><w:cantSplit/></w:trPr>'}${cells.map((c, i) => cell(c, i, head)).join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>
<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${b.header ? row(b.header, true) : ''}${b.rows.map((r) => row(r, false)).join('')}</w:tbl>${paragraph('', { style: 'Spacer' })}`;
}

function image(b: Extract<DocxBlock, { type: 'image' }>, relId: string, n: number): string {
  const widthCm = Math.min(b.widthCm ?? TEXT_WIDTH_CM, TEXT_WIDTH_CM);
  // at most about half a page high, so a photo and its caption stay together
  const scale = Math.min(widthCm / b.width, 12 / b.height);
  const cx = Math.round(b.width * scale * EMU_PER_CM);
  const cy = Math.round(b.height * scale * EMU_PER_CM);
  const alt = xmlText(b.caption ?? '');
  const drawing = `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${n}" name="Picture ${n}" descr="${alt}"/>
<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>
<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
<pic:nvPicPr><pic:cNvPr id="${n}" name="image${n}.${EXT[b.contentType]}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>
<pic:blipFill><a:blip r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  return paragraph(drawing, { style: 'Figure', keepNext: !!b.caption }) + (b.caption ? paragraph(run({ text: b.caption }), { style: 'Caption' }) : '');
}

const STYLES = (lang: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${NS_W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="${lang}" w:eastAsia="${lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/><w:color w:val="1F2933"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/><w:color w:val="1F4E79"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/><w:szCs w:val="23"/><w:color w:val="1F2933"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Muted"><w:name w:val="Muted"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="52606D"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:i/><w:color w:val="52606D"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:after="60"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Spacer"><w:name w:val="Spacer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/><w:left w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/><w:right w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/></w:tblBorders></w:tblPr></w:style>
</w:styles>`;

/** The DOCX file's bytes. */
export function writeDocx(doc: DocxDocument): Buffer {
  const media: { name: string; rel: string; data: Buffer }[] = [];
  const body = doc.blocks
    .map((b) => {
      switch (b.type) {
        case 'title':
          return paragraph(run({ text: b.text }), { style: 'Title' });
        case 'heading':
          return paragraph(run({ text: b.text }), { style: `Heading${b.level}` });
        case 'paragraph':
          return paragraph(runs(b.runs).map(run).join(''), { style: b.style === 'muted' ? 'Muted' : b.style === 'caption' ? 'Caption' : undefined, keepNext: b.keepNext });
        case 'table':
          return table(b);
        case 'image': {
          const n = media.length + 1;
          const m = { name: `image${n}.${EXT[b.contentType]}`, rel: `rIdImg${n}`, data: b.data };
          media.push(m);
          return image(b, m.rel, n);
        }
        case 'pageBreak':
          return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
      }
    })
    .join('\n');

  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
<w:body>
${body}
<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/><w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>
</w:body>
</w:document>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Default Extension="png" ContentType="image/png"/>
<Default Extension="webp" ContentType="image/webp"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`;
  const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
${media.map((m) => `<Relationship Id="${m.rel}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${m.name}"/>`).join('\n')}
</Relationships>`;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>${xmlText(doc.title)}</dc:title><dc:creator>${xmlText(doc.creator ?? 'Gotong')}</dc:creator><dc:language>${xmlText(doc.language)}</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>
</cp:coreProperties>`;
  const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Gotong</Application></Properties>`;

  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rootRels),
    'docProps/core.xml': strToU8(core),
    'docProps/app.xml': strToU8(app),
    'word/document.xml': strToU8(document),
    'word/styles.xml': strToU8(STYLES(doc.language)),
    'word/_rels/document.xml.rels': strToU8(docRels),
  };
  for (const m of media) files[`word/media/${m.name}`] = [new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength), { level: 0 }];
  return Buffer.from(zipSync(files, { level: 6 }));
}
