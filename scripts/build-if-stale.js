#!/usr/bin/env node
// `npm start` runs this before serving: it compiles TypeScript only when a source is newer than dist/
// (a full build takes seconds; `npm install` already built once through `prepare`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time (ms) of the files under dir whose names pass keep; 0 if none. */
function newest(dir, keep) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue;
    max = Math.max(max, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return max;
}

const dist = join(root, 'dist');
const entry = join(dist, 'cli', 'main.js');
const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs);
const sources = Math.max(newest(join(root, 'src'), (n) => n.endsWith('.ts')), ...configs);
const stale = !existsSync(entry) || sources > newest(dist, (n) => n.endsWith('.js'));

if (stale) {
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(run.status ?? 1);
}
