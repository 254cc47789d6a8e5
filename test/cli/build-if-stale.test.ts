/**
 * `npm start` compiles only when a TypeScript source is newer than dist/ (scripts/build-if-stale.js).
 * The script runs from a copy in a scratch project whose `build` script leaves a mark, through real npm.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/build-if-stale.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'libkg-build-if-stale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mark = join(root, 'built.txt');
const at = (path: string, secondsAgo: number) => {
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, t, t);
};

async function start(): Promise<boolean> {
  rmSync(mark, { force: true });
  await run(process.execPath, [join(root, 'scripts', 'build-if-stale.js')], { cwd: root });
  return existsSync(mark);
}

describe('build-if-stale', () => {
  it('builds when dist/ is missing or older than a source, and only then', async () => {
    mkdirSync(join(root, 'scripts'));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    copyFileSync(SCRIPT, join(root, 'scripts', 'build-if-stale.js'));
    // The scratch build writes dist/cli/main.js (as tsc does) and a mark that it ran.
    const build = `node -e "const fs=require('fs');fs.mkdirSync('dist/cli',{recursive:true});fs.writeFileSync('dist/cli/main.js','');fs.writeFileSync('built.txt','')"`;
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', scripts: { build } }));
    for (const f of ['tsconfig.json', 'tsconfig.build.json']) writeFileSync(join(root, f), '{}');
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    for (const f of ['tsconfig.json', 'tsconfig.build.json', 'src/cli/main.ts']) at(join(root, f), 60);

    expect(await start(), 'no dist/').toBe(true);
    expect(await start(), 'dist/ newer than every source').toBe(false);
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export {};');
    expect(await start(), 'a source edited after the build').toBe(true);
    expect(await start(), 'built again, fresh').toBe(false);
    writeFileSync(join(root, 'tsconfig.build.json'), '{ }');
    expect(await start(), 'a tsconfig edited after the build').toBe(true);
  }, 60_000);

  it('fails like the build when the build fails', async () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', scripts: { build: 'exit 3' } }));
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    await expect(start()).rejects.toMatchObject({ code: 3 });
  }, 60_000);
});
