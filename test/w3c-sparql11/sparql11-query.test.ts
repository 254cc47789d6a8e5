/**
 * The W3C SPARQL 1.1 query evaluation tests (test/fixtures/w3c-sparql11/) on every
 * engine path, through /sparql on a loopback server. Each test's outcome must be the
 * listed one (expected-failures.ts); the pass counts per category are printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_PATHS } from '../helpers/engine-paths.js';
import type { LoopbackServer } from '../helpers/remote-server.js';
import { EXPECTED_FAILURES } from './expected-failures.js';
import { readSuite } from './manifest.js';
import { runEvalTest } from './run-test.js';
import { passTable } from './summary.js';

const suite = readSuite();

it('the suite has the 235 evaluation tests of the 14 categories', () => {
  expect(suite.length).toBe(235);
  expect(new Set(suite.map((t) => t.category)).size).toBe(14);
});

it('every expected failure names a test of the suite', () => {
  const ids = new Set(suite.map((t) => t.id));
  for (const list of Object.values(EXPECTED_FAILURES)) expect(Object.keys(list).filter((id) => !ids.has(id))).toEqual([]);
});

for (const path of ENGINE_PATHS) {
  describe.skipIf(path.unavailable())(`W3C SPARQL 1.1 query evaluation: ${path.name}`, () => {
    const expected = EXPECTED_FAILURES[path.name] ?? {};
    const passed = new Set<string>();
    let server: LoopbackServer;
    beforeAll(async () => {
      server = await path.start();
    }, 180_000);
    afterAll(async () => {
      console.log(`${path.name}\n${passTable(suite, passed)}`);
      await server?.close();
    }, 60_000);

    it.each(suite.map((t) => [t.id, t] as const))('%s', async (_id, t) => {
      const failure = await runEvalTest(server, t);
      if (!failure) passed.add(t.id);
      const reason = expected[t.id];
      if (reason) expect(failure, `listed as failing (${reason}) but passes: take it off the list`).toBeDefined();
      else expect(failure, `${t.name}: ${t.query.path}`).toBeUndefined();
    });
  });
}
