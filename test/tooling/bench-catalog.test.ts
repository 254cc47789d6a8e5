import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BENCHES, HELPERS } from '../../bench/catalog.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const bench = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', `${root}bench/run.ts`, ...args]).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

describe('npm run bench', () => {
  it('runs a script that exists, and its catalogue names every script in bench/', () => {
    const script = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts.bench as string;
    const file = script.split(' ').find((w) => w.startsWith('bench/'));
    expect(file && existsSync(`${root}${file}`), script).toBe(true);
    const scripts = readdirSync(`${root}bench`)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    expect([...BENCHES.map((b) => b.name), ...HELPERS].sort()).toEqual(scripts.sort());
  });

  it('lists each bench with its command, and refuses an unknown one with exit 2', { timeout: 60_000 }, async () => {
    const listed = await bench();
    expect(listed.code).toBe(0);
    for (const b of BENCHES) expect(listed.stdout).toContain(`npx tsx bench/${b.name}.ts`);
    expect(listed.stdout).toContain('needs Virtuoso');
    const unknown = await bench('no-such-bench');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown bench "no-such-bench"');
  });
});
