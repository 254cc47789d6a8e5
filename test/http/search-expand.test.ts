import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const BASE = 'http://localhost:8080/';
const THES = 'http://example.org/thesaurus/';
// A small thesaurus (econ > trade > tariffs, written once with skos:broader, once with skos:narrower)
// and four works: two with their own concepts matched to it at import, one naming it directly, one unrelated.
const DATA = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
<${THES}econ> a skos:Concept ; skos:prefLabel "Economics"@en .
<${THES}trade> a skos:Concept ; skos:prefLabel "Trade"@en ; skos:broader <${THES}econ> ; skos:narrower <${THES}tariffs> .
<${THES}tariffs> a skos:Concept ; skos:prefLabel "Tariffs"@en .
<${BASE}id/concept/a> skos:prefLabel "economics" ; skos:exactMatch <${THES}econ> .
<${BASE}id/concept/b> skos:prefLabel "trade" ; skos:closeMatch <${THES}trade> .
<${BASE}id/work/a> a bibo:Book ; dct:title "Principles of economics" ; dct:subject <${BASE}id/concept/a> .
<${BASE}id/work/b> a bibo:Book ; dct:title "Trade routes" ; dct:subject <${BASE}id/concept/b> .
<${BASE}id/work/c> a bibo:Book ; dct:title "A history of tariffs" ; dct:subject <${THES}tariffs> .
<${BASE}id/work/d> a bibo:Book ; dct:title "Poems" ; dct:subject "poetry" .`;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await s.store.putGraphs([{ graph: `${BASE}graph/thesaurus-and-works`, quads: new N3.Parser().parse(DATA) }]);
});
afterAll(() => s.close());

const works = async (query: string) => {
  const r = await fetch(`${s.url}search?type=bibo:Book&size=50&${query}`, { headers: { accept: 'application/ld+json' } });
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { 'hydra:member': { id: string }[] })['hydra:member'].map((m) => m.id.replace(`${BASE}id/work/`, '')).sort();
};
const subject = (iri: string) => `subject=${encodeURIComponent(iri)}`;

describe('search with subject filters expanded to narrower concepts (expand=narrower)', () => {
  it('finds the works about a concept and every concept below it, across the records own matched concepts', async () => {
    expect(await works(subject(`${THES}econ`))).toEqual([]);
    expect(await works(`${subject(`${THES}econ`)}&expand=narrower`)).toEqual(['a', 'b', 'c']);
    expect(await works(`${subject(`${THES}trade`)}&expand=narrower`)).toEqual(['b', 'c']);
    expect(await works(`${subject(`${BASE}id/concept/b`)}&expand=narrower`)).toEqual(['b', 'c']);
    expect(await works(`${subject(`${THES}tariffs`)}&expand=narrower`)).toEqual(['c']);
  });

  it('leaves a filter without expansion as it was, and refuses other expansions with 400', async () => {
    expect(await works(subject(`${BASE}id/concept/a`))).toEqual(['a']);
    expect(await works('subject=poetry&expand=narrower')).toEqual(['d']);
    const r = await fetch(`${s.url}search?${subject(`${THES}econ`)}&expand=broader`, { headers: { accept: 'application/ld+json' } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/expand must be "narrower"/);
  });

  it('never writes a subject that is not a plain IRI into the expansion query', async () => {
    const hostile = `${THES}econ> } UNION { ?x ?p ?o`;
    expect(await works(`${subject(hostile)}&expand=narrower`)).toEqual([]);
    expect(await works(`${subject(hostile)}&${subject(`${THES}trade`)}&expand=narrower`)).toEqual(['b', 'c']);
  });
});
