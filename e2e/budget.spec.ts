import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

/**
 * JavaScript budget: what a browser must download (gzip) to show the sign-in page and the people
 * list, computed from Vite's manifest (entry chunk + the route's lazy chunks and their imports).
 */
const DIST = 'dist/web';
type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean };
const BUDGET = 300 * 1024;

function closure(manifest: Record<string, Chunk>, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    const c = manifest[k];
    if (!c) throw new Error(`not in the manifest: ${k}`);
    seen.add(k);
    for (const i of c.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return seen;
}

function gz(manifest: Record<string, Chunk>, keys: Set<string>) {
  let js = 0;
  let css = 0;
  const cssFiles = new Set<string>();
  for (const k of keys) {
    js += gzipSync(readFileSync(join(DIST, manifest[k].file)), { level: 9 }).length;
    for (const c of manifest[k].css ?? []) cssFiles.add(c);
  }
  for (const c of cssFiles) css += gzipSync(readFileSync(join(DIST, c)), { level: 9 }).length;
  return { js, css };
}

test('JS for the sign-in page and the people list stays within 300 KB gzip', async ({}, testInfo) => {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const pages = {
    signin: ['index.html', 'src/web/features/auth/SignInPage.tsx'],
    people: ['index.html', 'src/web/features/shell/AppLayout.tsx', 'src/web/features/people/PeopleListPage.tsx'],
  };
  const all = closure(manifest, Object.keys(manifest));
  const total = gz(manifest, all);
  const lines = [`all chunks: ${(total.js / 1024).toFixed(1)} KB JS gzip, ${(total.css / 1024).toFixed(1)} KB CSS gzip`];
  for (const [name, keys] of Object.entries(pages)) {
    const size = gz(manifest, closure(manifest, keys));
    lines.push(`${name}: ${(size.js / 1024).toFixed(1)} KB JS gzip (+ ${(size.css / 1024).toFixed(1)} KB CSS gzip)`);
    expect(size.js, `${name} JS gzip`).toBeLessThanOrEqual(BUDGET);
  }
  console.log(lines.join('\n'));
  testInfo.annotations.push({ type: 'bundle', description: lines.join('; ') });
});
