import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLibkg } from '../helpers/child-server.js';

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
    const imported = await runLibkg([
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
    const r = await runLibkg(['link', 'eval', 'publications', '--data-dir', data, '--truth', `${DIR}DBLP-ACM_perfectMapping.csv`, '--pairs', pairs]);
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
