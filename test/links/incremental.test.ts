/**
 * Incremental link runs (src/links/incremental.ts): after one record changes, a run compares only
 * the pairs of the entities that record names, records that in its PROV, and ends with the same
 * links a full run finds; a deleted record, or a changed spec, makes the run a full one.
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredPair } from '../../src/links/engine/index.js';
import { linkGraphIri } from '../../src/links/results.js';
import { runLinkSpec } from '../../src/links/run.js';
import { parseLinkSpec } from '../../src/links/spec/parse.js';
import { LINK, NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
const SPEC = `id: incremental-test
version: 1
source: { class: foaf:Person }
target: same
values:
  name: { path: foaf:name, transforms: [lowercase, fold-diacritics, strip-punctuation] }
  lifespan: { path: libkg:lifespan }
blocking:
  - { value: name, method: tokens }
compare:
  - { value: name, using: jaro-winkler, weight: 3 }
  - { value: lifespan, using: exact, weight: 1 }
accept: 0.9
review: 0.75
`;
const spec = parseLinkSpec(SPEC, 'incremental-test.yaml');
/** Persons in blocks of 20 by surname; pairs of one name and lifespan match. */
const NAMES = Array.from({ length: 120 }, (_, i) => ({
  name: `Person${Math.floor(i / 2)} ${['Miller', 'Schmidt', 'Meyer'][i % 3]}`,
  born: 1800 + Math.floor(i / 2),
}));

let s: TestServer;
const person = (i: number, name: string, born: number) => {
  const p = namedNode(`${s.config.baseIri}id/person/i${i}`);
  return {
    graph: `${s.config.baseIri}graph/test/i${i}`,
    quads: [
      quad(p, namedNode(NS.rdf('type')), namedNode(NS.foaf('Person'))),
      quad(p, namedNode(NS.foaf('name')), literal(name)),
      quad(p, namedNode(NS.libkg('lifespan')), literal(`${born}-1900`)),
    ],
  };
};
beforeAll(async () => {
  s = await startTestServer({ engines: 1 });
  await s.store.putGraphs(NAMES.map((n, i) => person(i, n.name, n.born)));
}, 60_000);
afterAll(() => s.close());

const run = (full = false) => runLinkSpec(s.store, spec, { baseIri: s.config.baseIri, full });
/** A link as a string; evidence in name order (read back from the graph, it comes in the graph's order). */
const key = (p: ScoredPair) => `${[p.source, p.target].sort().join(' ')} ${p.score} ${p.status} ${JSON.stringify(Object.entries(p.evidence).sort())}`;
const sorted = (pairs: ScoredPair[]) => pairs.map(key).sort();
async function provCompared(): Promise<{ compared: number; mode: string }> {
  const g = linkGraphIri(s.config.baseIri, spec.id);
  const q = `SELECT ?n ?m WHERE { GRAPH <${g}> { <${g}#run> <${LINK.compared}> ?n ; <${LINK.runMode}> ?m } }`;
  const row = (JSON.parse((await s.store.query(q)).body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings[0];
  return { compared: Number(row?.n?.value), mode: String(row?.m?.value) };
}

describe('an incremental link run', () => {
  it('compares only the changed record’s pairs and ends with the links of a full run', async () => {
    const first = await run();
    expect(first.mode).toBe('full');
    expect(first.fullBecause).toBe('no earlier run');
    expect(first.accepted).toBeGreaterThan(50);

    // i1 ("Person0 Schmidt") renamed to match i7 ("Person3 Schmidt", born 1803) exactly.
    await s.store.putGraphs([person(1, 'Person3 Schmidt', 1803)]);
    const again = await run();
    expect(again.mode).toBe('incremental');
    expect(again.changed).toBe(1);
    // The pairs of i1 with the others of its blocks only: "person3" holds i6, i7 and i1; "schmidt" 40 persons.
    const blockOfI1 = NAMES.filter((n, i) => i !== 1 && (n.name.includes('Schmidt') || n.name.startsWith('Person3 '))).length;
    expect(again.result.stats.compared).toBe(blockOfI1);
    expect(await provCompared()).toEqual({ compared: blockOfI1, mode: 'incremental' });

    const full = await runLinkSpec(s.store, spec, { baseIri: s.config.baseIri, full: true, write: false });
    expect(full.result.stats.compared).toBeGreaterThan(10 * blockOfI1);
    expect(sorted(again.result.pairs)).toEqual(sorted(full.result.pairs));
    // i0 lost its twin; i1 joined i6/i7's cluster.
    const linked = (a: number, b: number) =>
      again.result.pairs.some(
        (p) => [p.source, p.target].sort().join() === [`${s.config.baseIri}id/person/i${a}`, `${s.config.baseIri}id/person/i${b}`].sort().join(),
      );
    expect(linked(0, 1)).toBe(false);
    expect(linked(1, 7)).toBe(true);
  }, 60_000);

  it('runs in full after a record was deleted, or when asked to', async () => {
    await s.store.deleteGraphs([`${s.config.baseIri}graph/test/i4`]);
    const r = await run();
    expect(r.mode).toBe('full');
    expect(r.fullBecause).toContain('graph/test/i4 was deleted');
    expect(r.result.pairs.some((p) => p.source.endsWith('/i4') || p.target.endsWith('/i4'))).toBe(false);
    // Nothing changed since: an incremental run compares nothing and keeps every link.
    const idle = await run();
    expect(idle).toMatchObject({ mode: 'incremental', changed: 0 });
    expect(idle.result.stats.compared).toBe(0);
    expect(sorted(idle.result.pairs)).toEqual(sorted(r.result.pairs));
    expect((await run(true)).mode).toBe('full');
  }, 60_000);
});
