/** A re-run of a spec applies the review decisions: accepted pairs are links whatever their score, rejected pairs never are. */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinkSpec } from '../../src/links/run.js';
import { loadLinkSpec } from '../../src/links/spec-file.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const F = N3.DataFactory;
let s: TestServer;
let base: string;
const iri = (table: string, id: string) => `${base}id/table/${table}/${id}`;

/** One publication record of a table, as bibliographic-table.yaml maps it (the parts the spec reads). */
function record(table: string, id: string, title: string, year: string) {
  const e = F.namedNode(iri(table, id));
  const g = `${base}graph/table/${table}/${id}`;
  return {
    graph: g,
    quads: [
      F.quad(e, F.namedNode(NS.rdf('type')), F.namedNode(NS.bibo('Document'))),
      F.quad(e, F.namedNode(NS.dct('title')), F.literal(title)),
      F.quad(e, F.namedNode(NS.dct('issued')), F.literal(year)),
      F.quad(e, F.namedNode(NS.dct('identifier')), F.literal(id)),
    ],
  };
}

const { spec } = loadLinkSpec('publications');
const run = () => runLinkSpec(s.store, spec, { baseIri: base });
const statusOf = async (a: string, b: string) =>
  JSON.parse(
    (
      await s.store.query(`SELECT ?st ?d WHERE { GRAPH <${base}graph/links/publications> {
        ?l <${NS.libkg('source')}> ?s ; <${NS.libkg('target')}> ?t ; <${NS.libkg('linkStatus')}> ?st
        VALUES (?s ?t) { (<${a}> <${b}>) (<${b}> <${a}>) } OPTIONAL { ?l <${NS.libkg('reviewDecision')}> ?d } } }`)
    ).body,
  ).results.bindings.map((r: Record<string, { value: string }>) => [r.st?.value, r.d?.value]);
const linked = async (a: string, b: string) =>
  JSON.parse(
    (
      await s.store.query(
        `ASK { GRAPH <${base}graph/links/publications> { { <${a}> ?p <${b}> } UNION { <${b}> ?p <${a}> } FILTER(?p = <${NS.owl('sameAs')}>) } }`,
      )
    ).body,
  ).boolean as boolean;

beforeAll(async () => {
  s = await startTestServer();
  base = s.config.baseIri;
  await s.store.putGraphs([
    record('A', '1', 'Adaptive query processing in data streams', '2001'),
    record('B', '1', 'Adaptive query processing in data streams', '2001'),
    record('A', '2', 'Efficient joins of spatial relations', '1999'),
    record('B', '2', 'Efficient joins of spatial relations', '1999'),
    record('A', '3', 'A survey of web crawlers', '2003'),
    record('B', '3', 'Mining association rules quickly', '1995'),
  ]);
}, 60_000);
afterAll(() => s.close());

describe('link run with review decisions', () => {
  it('keeps a rejected pair out of the links and the review queue, and links an accepted pair the scores would not', async () => {
    const first = await run();
    expect(first.accepted).toBe(2);
    expect(await linked(iri('A', '2'), iri('B', '2'))).toBe(true);
    expect(await linked(iri('A', '3'), iri('B', '3'))).toBe(false);

    s.store.linkDecisions.put({ spec: 'publications', source: iri('B', '2'), target: iri('A', '2'), decision: 'reject', by: 'alice' });
    s.store.linkDecisions.put({
      spec: 'publications',
      source: iri('A', '3'),
      target: iri('B', '3'),
      decision: 'accept',
      score: 0.1,
      evidence: { 'title.soft-tfidf': 0.1 },
    });
    // A decision on an entity no longer selected (its record deleted) writes nothing.
    s.store.linkDecisions.put({ spec: 'publications', source: iri('A', '9'), target: iri('B', '3'), decision: 'accept' });

    const second = await run();
    expect(await linked(iri('A', '2'), iri('B', '2'))).toBe(false);
    expect(await statusOf(iri('A', '2'), iri('B', '2'))).toEqual([['rejected', 'reject']]);
    expect(await linked(iri('A', '3'), iri('B', '3'))).toBe(true);
    expect(await statusOf(iri('A', '3'), iri('B', '3'))).toEqual([['accepted', 'accept']]);
    expect(await statusOf(iri('A', '9'), iri('B', '3'))).toEqual([]);
    expect(await linked(iri('A', '1'), iri('B', '1'))).toBe(true);
    expect([second.accepted, second.review]).toEqual([2, 0]);

    // A re-import mints the same IRIs from the same ids: the decisions still hold.
    const again = [record('A', '2', 'Efficient joins of spatial relations', '1999'), record('B', '2', 'Efficient joins of spatial relations', '1999')];
    await s.store.deleteGraphs(again.map((g) => g.graph));
    await s.store.putGraphs(again);
    await run();
    expect(await linked(iri('A', '2'), iri('B', '2'))).toBe(false);
    expect(await statusOf(iri('A', '2'), iri('B', '2'))).toEqual([['rejected', 'reject']]);
  }, 90_000);
});
