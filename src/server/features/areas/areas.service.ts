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
  private readonly byCode = new Map<string, Area>();
  private readonly children = new Map<string, Area[]>();

  static load(): Areas {
    const dir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data')), '../data');
    const areas = new Areas();
    for (const [file, level] of [
      ['provinces.csv', 'province'],
      ['regencies.csv', 'regency'],
      ['districts.csv', 'district'],
      ['villages.csv', 'village'],
    ] as const) {
      const lines = readFileSync(join(dir, file), 'utf8').split(/\r?\n/);
      const header = parseCsvLine(lines[0]);
      const codeIdx = header.indexOf('code');
      const nameIdx = header.indexOf('name');
      for (let i = 1; i < lines.length; i++) {
        if (!lines[i]) continue;
        const cols = parseCsvLine(lines[i]);
        areas.add({ code: cols[codeIdx], name: cols[nameIdx], level, parentCode: parentOf(cols[codeIdx]) });
      }
    }
    for (const list of areas.children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return areas;
  }

  private add(a: Area) {
    this.byCode.set(a.code, a);
    const key = a.parentCode ?? '';
    let list = this.children.get(key);
    if (!list) this.children.set(key, (list = []));
    list.push(a);
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }
  childrenOf(parentCode: string | null): Area[] {
    return this.children.get(parentCode ?? '') ?? [];
  }
  /** The area and its parents, province first. */
  path(code: string): Area[] {
    const out: Area[] = [];
    for (let c: string | null = code; c; c = parentOf(c)) {
      const a = this.byCode.get(c);
      if (a) out.unshift(a);
    }
    return out;
  }
  hasProvince(code: string) {
    return this.byCode.get(code)?.level === 'province';
  }
  hasRegency(code: string) {
    return this.byCode.get(code)?.level === 'regency';
  }
  levelOf(code: string): AreaLevel | undefined {
    return this.byCode.get(code)?.level;
  }
  /** All areas at one level, e.g. every village (the demo data draws from them). */
  all(level: AreaLevel): Area[] {
    return [...this.byCode.values()].filter((a) => a.level === level);
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
