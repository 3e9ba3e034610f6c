import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF that pdfkit wrote, page by page, for tests: pdfkit shows text as glyph ids of
 * an embedded font subset, so the bytes never contain the words; each font's ToUnicode map turns
 * them back. A line break where the text moves to a new line, a space between cells of one line. Not a general PDF reader
 * (no object streams, no xref parsing), and not used outside tests.
 */
export function pdfText(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (at >= 0) {
      dict = body.slice(0, at);
      const start = body.indexOf('\n', at) + 1;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      const raw = Buffer.from(length >= 0 ? body.slice(start, start + length) : body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };

  // font resource name → code → text, from every page's resources (pdfkit names fonts once per document)
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    const block = /\/Font <<([\s\S]*?)>>/.exec(dict)?.[1];
    if (!block) continue;
    for (const [, name, num] of block.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      if (fonts.has(name)) continue;
      const toUnicode = ref(objects.get(Number(num))?.dict ?? '', 'ToUnicode');
      fonts.set(name, cmap(objects.get(toUnicode ?? -1)?.stream?.toString('latin1') ?? ''));
    }
  }

  const pagesRoot = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesRoot?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((page) => {
    const contents = ref(objects.get(page)?.dict ?? '', 'Contents');
    const ops = objects.get(contents ?? -1)?.stream?.toString('latin1') ?? '';
    let font = new Map<number, string>();
    let y: string | null = null;
    let out = '';
    for (const m of ops.matchAll(/\/(\w+) [\d.]+ Tf|[\d.-]+ ([\d.-]+) Tm|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      else if (m[2] !== undefined) {
        // a new line; or on the same line, a new cell (a word within a line ends with its space)
        if (y !== null && m[2] !== y) out += '\n';
        else if (y !== null && out && !/[\s\u200b]$/.test(out)) out += ' ';
        y = m[2];
      } else {
        for (const hex of (m[3] ?? `<${m[4]}>`).matchAll(/<([0-9a-fA-F]*)>/g)) {
          for (let i = 0; i + 4 <= hex[1].length; i += 4) out += font.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '\ufffd';
        }
      }
    }
    return out;
  });
}

/** A ToUnicode CMap's bfchar and bfrange entries (pdfkit writes ranges with arrays). */
function cmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const str = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code, 16), str(uni));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, array, start] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g)) {
      const first = parseInt(lo, 16);
      // a ligature maps to several characters: <0066 0069> is "fi"
      if (array !== undefined) [...array.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => map.set(first + i, str(u[1].replace(/\s/g, ''))));
      else for (let c = first, u = parseInt(start, 16); c <= parseInt(hi, 16); c++, u++) map.set(c, String.fromCharCode(u));
    }
  }
  return map;
}
