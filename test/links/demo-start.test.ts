/**
 * What `npm start` shows on its first start (issue 13, "what the links change"): the demo load
 * (src/cli/demo-load.ts, the steps `libkg serve` runs on an empty data dir) joins Goethe into one
 * cluster, and joins every COUNTER item whose ISBN is in the catalogue to that catalogue work, so
 * that the "most used works" example shows titles.
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/cli/demo-load.js';
import { EXAMPLE_QUERIES } from '../../src/http/sparql/examples.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const errors: string[] = [];
type Row = Record<string, { value: string } | undefined>;

async function select(query: string): Promise<Row[]> {
  const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: query });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().results.bindings;
}

beforeAll(async () => {
  s = await startTestServer({ config: { queryTimeoutMs: 30_000 } });
  const log = { info: () => {}, error: (o: object, m: string) => void errors.push(`${m} ${JSON.stringify(o)}`) };
  await loadDemo(s.store, { baseIri: s.config.baseIri, timeoutMs: 30_000 }, log, () => {});
}, 600_000);
afterAll(() => s?.close());

describe('the demo start joins the islands', () => {
  it('runs every demo link step without an error', () => {
    expect(errors).toEqual([]);
  });

  it('Goethe is one cluster: the GND authority and the catalogue name, with the authority canonical', async () => {
    const base = s.config.baseIri;
    const persons = await select(`SELECT DISTINCT ?p WHERE { ?p a foaf:Person ; foaf:name ?n FILTER(STRSTARTS(STR(?n), "Goethe, Johann Wolfgang")) }`);
    const goethes = persons.map((r) => r.p?.value ?? '').sort();
    expect(goethes).toContain(`${base}id/person/gnd-118540238`);
    expect(goethes.some((p) => p.startsWith(`${base}id/person/name-goethe`))).toBe(true);

    // Every Goethe is a member of the authority's cluster, as its document states.
    const doc = await s.app.inject({ url: '/doc/person/gnd-118540238', headers: { accept: 'text/turtle' } });
    expect(doc.statusCode).toBe(200);
    const quads = new N3.Parser({ format: 'text/turtle' }).parse(doc.body).filter((q) => q.predicate.value === NS.owl('sameAs'));
    const members = new Set(quads.flatMap((q) => [q.subject.value, q.object.value]));
    for (const p of goethes) expect(members).toContain(p);
    expect(members).toContain('https://d-nb.info/gnd/118540238');

    // The page lists the members, the authority first as canonical, and the catalogue works of the whole cluster.
    const page = await s.app.inject({ url: '/doc/person/gnd-118540238', headers: { accept: 'text/html' } });
    expect(page.body).toMatch(/<section id="cluster">[\s\S]*\(canonical, this page\)/);
    expect(page.body).toMatch(/<section id="cluster-works"><h2>Works of the whole cluster<\/h2><ul><li>/);

    // Reconciliation answers one candidate for the cluster, by its canonical IRI.
    const r = await s.app.inject({
      url: `/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: { query: 'Goethe, Johann Wolfgang von', type: 'foaf:Person' } }))}`,
    });
    const ids = (r.json() as { q0: { result: { id: string }[] } }).q0.result.map((c) => c.id);
    expect(ids[0]).toBe('person/gnd-118540238');
    expect(ids.filter((i) => goethes.includes(`${base}id/${i}`))).toEqual(['person/gnd-118540238']);
  }, 120_000);

  it('"Most used works" shows the catalogue titles of the usage items whose ISBN is in the catalogue', async () => {
    const example = EXAMPLE_QUERIES.find((e) => e.name === 'Most used works this year');
    const rows = await select(example?.query ?? '');
    expect(rows.length).toBe(20);
    // Items with an ISBN some catalogue record holds (as ISBN-10 or ISBN-13: compared by the last 9 digits before the check digit).
    const catalogued = await select(`SELECT DISTINCT ?item WHERE { ?stat libkg:usageOf ?item . ?item bibo:isbn|bibo:isbn10|bibo:isbn13 ?i .
      GRAPH ?g { ?w bibo:isbn|bibo:isbn10|bibo:isbn13 ?j } FILTER(STRSTARTS(STR(?g), "${s.config.baseIri}graph/catalog/"))
      FILTER(SUBSTR(REPLACE(?i, "[^0-9Xx]", ""), STRLEN(REPLACE(?i, "[^0-9Xx]", "")) - 9, 9) = SUBSTR(REPLACE(?j, "[^0-9Xx]", ""), STRLEN(REPLACE(?j, "[^0-9Xx]", "")) - 9, 9)) }`);
    const inCatalogue = new Set(catalogued.map((r) => r.item?.value));
    const top = rows.slice(0, 13);
    const isbnRows = top.filter((r) => inCatalogue.has(r.item?.value));
    expect(isbnRows.length).toBeGreaterThanOrEqual(6);
    expect(isbnRows.filter((r) => !r.title?.value)).toEqual([]);
    const titles = top.map((r) => r.title?.value ?? '');
    expect(titles).toContain('The amazing adventures of Kavalier and Clay : a novel');
    expect(titles.some((t) => t.startsWith('中国外交六十年'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Синдром Петрушки'))).toBe(true);
  }, 120_000);
});
