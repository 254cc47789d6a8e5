/**
 * The shipped link specs (mappings/links/) on the demo data `npm start` loads (fixtures/): one
 * Goethe cluster, usage items joined to catalogue works by ISBN, results queryable in SPARQL,
 * and a cancelled run that leaves the previous links as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../src/http/sparql/examples.js';
import { DEMO_LINK_SPECS, linkDemo } from '../../src/links/demo.js';
import { linkGraphIri } from '../../src/links/results.js';
import { runLinkSpec } from '../../src/links/run.js';
import { loadLinkSpec } from '../../src/links/spec-file.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
type Row = Record<string, { value: string } | undefined>;

async function select(query: string): Promise<Row[]> {
  const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: query });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().results.bindings;
}

const run = (id: string, signal?: AbortSignal) => runLinkSpec(s.store, loadLinkSpec(id).spec, { baseIri: s.config.baseIri, signal });

/** ISBN-13 of an ISBN-10 or 13, as the catalogue and usage data spell them. */
function isbn13(raw: string): string {
  const d = raw.replace(/[^0-9Xx]/g, '');
  if (d.length !== 10) return d;
  const core = `978${d.slice(0, 9)}`;
  const sum = [...core].reduce((a, c, i) => a + Number(c) * (i % 2 ? 3 : 1), 0);
  return core + ((10 - (sum % 10)) % 10);
}

beforeAll(async () => {
  s = await startTestServer({ config: { queryTimeoutMs: 120 } });
  await importFixtures(s.store, s.config.baseIri, ['']);
}, 180_000);
afterAll(() => s.close());

describe('shipped link specs on the demo data', () => {
  it('persons: Goethe is one cluster (GND authority and catalogue name)', async () => {
    const before = await select(`SELECT ?p WHERE { ?p foaf:name "Goethe, Johann Wolfgang von" }`);
    expect(before.length).toBe(2);
    const result = await run('persons');
    expect(result.accepted).toBeGreaterThan(0);
    const rows = await select(`SELECT ?a ?b WHERE {
      ?a foaf:name "Goethe, Johann Wolfgang von" . ?b foaf:name "Goethe, Johann Wolfgang von" .
      ?a owl:sameAs ?b }`);
    const iris = new Set(rows.flatMap((r) => [r.a?.value, r.b?.value]));
    expect([...iris].sort()).toEqual(before.map((r) => r.p?.value).sort());
  }, 120_000);

  it('works: every usage item whose ISBN is in the catalogue is linked to that catalogue work', async () => {
    const usage = await select(`SELECT DISTINCT ?item ?isbn WHERE { ?stat libkg:usageOf ?item . ?item bibo:isbn|bibo:isbn10|bibo:isbn13 ?isbn }`);
    const catalogue = await select(`SELECT DISTINCT ?work ?isbn WHERE { GRAPH ?g { ?work bibo:isbn|bibo:isbn10|bibo:isbn13 ?isbn }
      FILTER(STRSTARTS(STR(?g), "${s.config.baseIri}graph/catalog/")) }`);
    const works = new Map<string, Set<string>>();
    for (const r of catalogue) {
      const k = isbn13(r.isbn?.value ?? '');
      works.set(k, (works.get(k) ?? new Set()).add(r.work?.value ?? ''));
    }
    const expected = new Set(usage.flatMap((r) => [...(works.get(isbn13(r.isbn?.value ?? '')) ?? [])].map((w) => `${r.item?.value} ${w}`)));
    expect(expected.size).toBeGreaterThan(5);

    const result = await run('works');
    expect(result.accepted).toBe(expected.size);
    const linked = await select(`SELECT ?item ?work WHERE { GRAPH <${result.graph}> { ?item owl:sameAs ?work } }`);
    expect(new Set(linked.map((r) => `${r.item?.value} ${r.work?.value}`))).toEqual(expected);

    // The "most used works" example follows the links: every linked item among its rows has a title.
    const example = EXAMPLE_QUERIES.find((e) => e.name === 'Most used works this year');
    const rows = await select(example?.query ?? '');
    const linkedItems = new Set(linked.map((r) => r.item?.value));
    const joined = rows.filter((r) => linkedItems.has(r.item?.value));
    expect(joined.length).toBeGreaterThan(0);
    expect(joined.filter((r) => !r.title)).toEqual([]);
  }, 120_000);

  it('keeps score, status, evidence and the run (PROV-O) queryable in SPARQL', async () => {
    const { graph } = await run('works');
    // Every demo link is an ISBN one (works v2 also records the title, year and creator comparisons).
    const links = await select(`SELECT ?link ?score ?status ?evScore WHERE { GRAPH <${graph}> {
      ?link a libkg:Link ; libkg:source ?s ; libkg:target ?t ; libkg:score ?score ; libkg:linkStatus ?status ;
            libkg:evidence [ libkg:comparator "isbn.identifier" ; libkg:score ?evScore ] . ?s owl:sameAs ?t } }`);
    expect(links.length).toBeGreaterThan(5);
    expect(links.every((r) => Number(r.evScore?.value) === 1 && Number(r.score?.value) === 1 && r.status?.value === 'accepted')).toBe(true);
    const runs = await select(`SELECT * WHERE { GRAPH <${graph}> { <${graph}> prov:wasGeneratedBy ?run .
      ?run a libkg:LinkRun ; libkg:linkSpec "works" ; libkg:linkSpecVersion ?v ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
           libkg:comparedPairs ?compared ; libkg:acceptedLinks ?accepted } }`);
    expect(runs).toHaveLength(1);
    expect(Number(runs[0]?.accepted?.value)).toBe(links.length);
    expect((runs[0]?.start?.value ?? '~') <= (runs[0]?.end?.value ?? '')).toBe(true);
  }, 120_000);

  it('a cancelled run leaves the previous links intact', async () => {
    const { graph } = await run('works');
    const before = s.store.graphInfo(graph);
    const abort = new AbortController();
    const pending = runLinkSpec(s.store, loadLinkSpec('works').spec, {
      baseIri: s.config.baseIri,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.phase === 'comparing' || p.phase === 'selecting') abort.abort(new Error('stop'));
      },
    });
    await expect(pending).rejects.toThrow('stop');
    expect(s.store.graphInfo(graph)).toEqual(before);
  }, 120_000);

  it('the demo load runs the shipped persons and works specs (npm start shows a joined graph)', async () => {
    for (const id of DEMO_LINK_SPECS) await s.store.deleteGraphs([linkGraphIri(s.config.baseIri, id)]);
    const lines: string[] = [];
    const log = {
      info: (o: object, m: string) => lines.push(`${m} ${JSON.stringify(o)}`),
      error: (o: object, m: string) => lines.push(`ERROR ${m} ${JSON.stringify(o)}`),
    };
    await linkDemo(s.store, s.config.baseIri, log);
    expect(lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    expect(DEMO_LINK_SPECS).toEqual(['persons', 'works']);
    for (const id of DEMO_LINK_SPECS) expect(s.store.graphInfo(linkGraphIri(s.config.baseIri, id))?.quads).toBeGreaterThan(10);
  }, 180_000);
});
