/**
 * Comunica (@comunica/query-sparql 4) evaluates SPARQL over libkg's Triple
 * Pattern Fragments interface on loopback HTTP, discovering it from the
 * Hydra controls; its answers to a join must equal /sparql's. DISTINCT:
 * the fragments are the RDF merge of all graphs (a set), while the SPARQL
 * union default graph repeats a triple held by two record graphs.
 *
 * Comunica is a heavy test-only client (about 500 packages), kept out of a user's `npm install`:
 * test/clients/package.json holds it and `npm run setup:npm-clients` installs it. It is imported by
 * name at run time so that type checking and every other test run without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface ComunicaEngine {
  queryBindings(
    query: string,
    context: { sources: string[]; lenient: boolean },
  ): Promise<{ toArray(): Promise<Iterable<[{ value: string }, { value: string }]>[]> }>;
}
const COMUNICA = '@comunica/query-sparql';
const comunica = (await import(COMUNICA).catch(() => undefined)) as { QueryEngine: new () => ComunicaEngine } | undefined;
if (!comunica) {
  const hint = `${COMUNICA} is not installed: npm run setup:npm-clients`;
  // CI installs every client: there a missing one is a failure, never a skip.
  if (process.env.CI === 'true' || process.env.LIBKG_REQUIRE_CLIENTS === '1') throw new Error(hint);
  console.log(`skipped test/clients/tpf-comunica.test.ts: ${hint}`);
}

let server: TestServer;

const QUERY = `
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?work ?title ?name WHERE {
  ?work dct:creator ?person .
  ?person foaf:name ?name .
  ?work dct:title ?title .
}`;

// Many rows through several fragment pages: every generated work joined with its title.
const BIG_QUERY = `
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?work ?title ?id WHERE {
  ?work rdf:type <http://purl.org/ontology/bibo/Book> ; dct:title ?title ; dct:identifier ?id .
}`;

type Row = Record<string, string>;
const sortRows = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort())).sort();

async function viaComunica(query: string): Promise<Row[]> {
  const engine = new (comunica as { QueryEngine: new () => ComunicaEngine }).QueryEngine();
  const bindings = await (await engine.queryBindings(query, { sources: [`${server.url}tpf`], lenient: false })).toArray();
  return bindings.map((b) => Object.fromEntries([...b].map(([v, t]) => [v.value, t.value])));
}

async function viaSparql(query: string): Promise<Row[]> {
  const res = await fetch(`${server.url}sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

describe.skipIf(!comunica)('Comunica over /tpf', () => {
  beforeAll(async () => {
    server = await startTestServer({ listen: true });
    const base = server.config.baseIri;
    await server.store.putGraphs([...samplePuts(base), ...generatedPuts(base, 230)]);
  });
  afterAll(() => server.close());

  it('answers a join like /sparql', async () => {
    const tpf = await viaComunica(QUERY);
    const sparql = await viaSparql(QUERY);
    expect(tpf.length).toBeGreaterThanOrEqual(3);
    expect(sortRows(tpf)).toEqual(sortRows(sparql));
  }, 60_000);

  it('follows fragment pages for a join over 230 works', async () => {
    const tpf = await viaComunica(BIG_QUERY);
    const sparql = await viaSparql(BIG_QUERY);
    expect(tpf.length).toBe(231);
    expect(sortRows(tpf)).toEqual(sortRows(sparql));
  }, 60_000);
});
