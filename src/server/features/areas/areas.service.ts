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
  hasProvince(code: string) {
    return this.names.has(code) && levelOfCode(code) === 'province';
  }
  hasRegency(code: string) {
    return this.names.has(code) && levelOfCode(code) === 'regency';
  }
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
