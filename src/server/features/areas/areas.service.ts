import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type AreaLevel = 'province' | 'regency' | 'district' | 'village';
export type Area = { code: string; name: string; level: AreaLevel; parentCode: string | null };

const LEVEL_BY_PARTS: AreaLevel[] = ['province', 'regency', 'district', 'village'];

/**
 * Kemendagri administrative areas from idn-area-data (ODbL), read once into memory (~84k rows).
 * Codes are hierarchical ("32.01.01.2001"), so a code's prefix names its parents.
 */
export class Areas {
  // Only names and child lists are kept (level and parent follow from the code): ~30 MB less
  // than an object per area, which matters for the embedded server's idle memory.
  private readonly names = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  static load(): Areas {
    const dir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data')), '../data');
    const areas = new Areas();
    for (const file of ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv']) {
      const lines = readFileSync(join(dir, file), 'utf8').split(/\r?\n/);
      const header = parseCsvLine(lines[0]);
      const codeIdx = header.indexOf('code');
      const nameIdx = header.indexOf('name');
      for (let i = 1; i < lines.length; i++) {
        if (!lines[i]) continue;
        const cols = parseCsvLine(lines[i]);
        areas.add(cols[codeIdx], cols[nameIdx]);
      }
    }
    const collator = new Intl.Collator('id');
    for (const list of areas.children.values()) list.sort((a, b) => collator.compare(areas.names.get(a)!, areas.names.get(b)!));
    return areas;
  }

  private add(code: string, name: string) {
    this.names.set(code, name);
    const key = parentOf(code) ?? '';
    let list = this.children.get(key);
    if (!list) this.children.set(key, (list = []));
    list.push(code);
  }

  get(code: string): Area | undefined {
    const name = this.names.get(code);
    return name === undefined ? undefined : { code, name, level: levelOfCode(code)!, parentCode: parentOf(code) };
  }
  childrenOf(parentCode: string | null): Area[] {
    return (this.children.get(parentCode ?? '') ?? []).map((c) => this.get(c)!);
  }
  /** The area and its parents, province first. */
  path(code: string): Area[] {
    const out: Area[] = [];
    for (let c: string | null = code; c; c = parentOf(c)) {
      const a = this.get(c);
      if (a) out.unshift(a);
    }
    return out;
  }
  /**
   * An area from what a spreadsheet holds: a Kemendagri code (with or without dots) or names at
   * any levels, matched tolerant of case, spacing and prefixes ("Kab.", "Kabupaten", "Kec.",
   * "Desa"). Village names repeat across Indonesia, so a name is looked up inside the parent given
   * (or must be unique). Returns the most specific area found.
   */
  resolve(input: { code?: string; province?: string; regency?: string; district?: string; village?: string }): { ok: true; code: string | null } | { ok: false; code: 'invalid_area' | 'area_ambiguous' } {
    const rawCode = input.code?.trim();
    if (rawCode) {
      const code = normaliseAreaCode(rawCode);
      return code && this.names.has(code) ? { ok: true, code } : { ok: false, code: 'invalid_area' };
    }
    let parent: string | null = null;
    for (const level of LEVEL_BY_PARTS) {
      const name = input[level]?.trim();
      if (!name) continue;
      const asCode = /^[\d.]+$/.test(name) ? normaliseAreaCode(name) : null;
      if (asCode && this.names.has(asCode) && levelOfCode(asCode) === level) {
        parent = asCode;
        continue;
      }
      const { key, kind } = areaNameKey(name);
      let found = (this.byName(level).get(key) ?? []).filter((c) => !parent || c.startsWith(`${parent}.`));
      if (found.length > 1 && kind) found = found.filter((c) => areaNameKey(this.names.get(c)!).kind === kind);
      if (found.length === 0) return { ok: false, code: 'invalid_area' };
      if (found.length > 1) return { ok: false, code: 'area_ambiguous' };
      parent = found[0];
    }
    return { ok: true, code: parent };
  }

  private nameIndex: Map<AreaLevel, Map<string, string[]>> | null = null;
  /** Built on first use only (imports), so the server's idle memory does not carry it. */
  private byName(level: AreaLevel): Map<string, string[]> {
    if (!this.nameIndex) {
      this.nameIndex = new Map(LEVEL_BY_PARTS.map((l) => [l, new Map()]));
      for (const [code, name] of this.names) {
        const m = this.nameIndex.get(levelOfCode(code)!)!;
        const { key } = areaNameKey(name);
        const list = m.get(key);
        if (list) list.push(code);
        else m.set(key, [code]);
      }
    }
    return this.nameIndex.get(level)!;
  }

  hasProvince(code: string) {
    return this.names.has(code) && levelOfCode(code) === 'province';
  }
  hasRegency(code: string) {
    return this.names.has(code) && levelOfCode(code) === 'regency';
  }
}

/** "3204052001" → "32.04.05.2001"; dotted codes are kept. */
export function normaliseAreaCode(raw: string): string | null {
  const s = raw.trim();
  if (/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(s)) return s;
  if (/^\d+$/.test(s) && [2, 4, 6, 10].includes(s.length)) return [s.slice(0, 2), s.slice(2, 4), s.slice(4, 6), s.slice(6)].filter(Boolean).join('.');
  return null;
}

/** "KAB. BANDUNG" and "Kabupaten  Bandung" → key "bandung", kind "kabupaten"; the kind tells Kota Bandung from Kabupaten Bandung. */
export function areaNameKey(name: string): { key: string; kind: 'kabupaten' | 'kota' | null } {
  let s = name.toLowerCase().replace(/[.,'’()-]/g, ' ').replace(/\s+/g, ' ').trim();
  let kind: 'kabupaten' | 'kota' | null = null;
  const prefix = /^(kabupaten|kab|kota|kec|kecamatan|desa|ds|kelurahan|kel|provinsi|prov|propinsi|adm|administrasi) /;
  for (let m = prefix.exec(s); m; m = prefix.exec(s)) {
    if (m[1].startsWith('kab')) kind = 'kabupaten';
    else if (m[1] === 'kota') kind = 'kota';
    s = s.slice(m[0].length);
  }
  return { key: s.replace(/ /g, ''), kind };
}

export function parentOf(code: string): string | null {
  const parts = code.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : null;
}
export function levelOfCode(code: string): AreaLevel | undefined {
  return LEVEL_BY_PARTS[code.split('.').length - 1];
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
