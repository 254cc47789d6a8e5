/**
 * DBLP-ACM end to end as a user runs it (bin/libkg.js from dist/: run `npm run build` first): both
 * tables imported with the generic table mapping into a fresh data dir, then `libkg link eval
 * publications` against the benchmark's truth. The engine-level test (test/links/dblp-acm.test.ts)
 * reached F1 0.9868 on the same rows; the import and the selection must lose nothing of it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn' }, maxBuffer: 16 << 20 }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

const at = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DIR = at('fixtures/linking/DBLP-ACM/');
const REACHED_F1 = 0.9868;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-dblp-acm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('libkg import + link eval publications on DBLP-ACM', () => {
  it(`reaches F1 >= ${REACHED_F1 - 0.005} through the store, as the engine does on the raw rows`, async () => {
    const data = join(dir, 'data');
    const t0 = performance.now();
    // --no-link: the import alone is timed (the shipped link specs after it are test/cli/link.test.ts's).
    const imported = await libkg([
      'import',
      '--data-dir',
      data,
      '--no-link',
      '--mapping',
      at('mappings/bibliographic-table.yaml'),
      `${DIR}DBLP2.csv`,
      `${DIR}ACM.csv`,
    ]);
    const importSeconds = (performance.now() - t0) / 1000;
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('written 4910');
    const pairs = join(dir, 'pairs.csv');
    const r = await libkg(['link', 'eval', 'publications', '--data-dir', data, '--truth', `${DIR}DBLP-ACM_perfectMapping.csv`, '--pairs', pairs]);
    expect(r.code, r.stderr).toBe(0);
    // The selection picks both tables' records (2,616 + 2,294), compared across the two tables only.
    expect(r.stdout).toMatch(/^publications: 4910 sources, 4910 targets, /m);
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    console.log(`DBLP-ACM end to end: import ${importSeconds.toFixed(1)} s; ${last}`);
    const f1 = Number(/ f1=(\d\.\d+) /.exec(last)?.[1]);
    expect(f1).toBeGreaterThanOrEqual(REACHED_F1 - 0.005);
    // The pairs file holds the records' own ids, DBLP's first, as in the truth file's first column.
    const first = readFileSync(pairs, 'utf8').split('\n')[1] ?? '';
    expect(first).toMatch(/^(conf|journals)\/[^,]+,\d+,[01](\.\d+)?$/);
  }, 180_000);
});
