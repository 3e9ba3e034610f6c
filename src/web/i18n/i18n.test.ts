import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };

/** Every screen in both languages: the same keys in both, and every literal key the web app uses present. */
const flat = (o: unknown, prefix = ''): string[] =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [join(dir, f)] : []));

describe('translations', () => {
  const enKeys = new Set(flat(en));
  const idKeys = new Set(flat(id));
  const known = (keys: Set<string>, k: string) => keys.has(k) || keys.has(`${k}_one`) || keys.has(`${k}_other`) || [...keys].some((x) => x.startsWith(`${k}.`));

  it('has the same keys in Indonesian and English (plural forms aside)', () => {
    const base = (k: string) => k.replace(/_(one|other)$/, '');
    const enBase = new Set([...enKeys].map(base));
    const idBase = new Set([...idKeys].map(base));
    expect([...enBase].filter((k) => !idBase.has(k))).toEqual([]);
    expect([...idBase].filter((k) => !enBase.has(k))).toEqual([]);
  });

  it('has every key the web app asks for by name', () => {
    const missing: string[] = [];
    for (const file of files(join(import.meta.dirname, '..'))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        const k = m[1];
        if (!k.includes('.')) continue;
        if (!known(enKeys, k) || !known(idKeys, k)) missing.push(`${file.split('/src/web/')[1]}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
