#!/usr/bin/env node
// Builds the web app (vite build → dist/web) only when dist/web is missing or older than any of its
// sources: src/web, src/domain (shared with the web bundle), index.html, vite.config.ts, package.json.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist/web/index.html');
const sources = ['src/web', 'src/domain', 'index.html', 'vite.config.ts', 'package.json'];

function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

let built = 0;
try {
  built = statSync(output).mtimeMs;
} catch {}
const latest = Math.max(...sources.map((s) => newest(join(root, s))));
if (built && built >= latest) process.exit(0);

console.log(built ? 'Web app sources changed; building dist/web …' : 'dist/web is missing; building the web app …');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
