/**
 * Semantic expansion (issue 15): a query that is a concept's label (pref, alt or hidden, any language)
 * also finds the entities indexed with that concept and its narrower concepts, below direct hits;
 * a query that is a person's name ranks the person first, then the works.
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const BASE = 'http://localhost:8080/';
const THES = 'http://example.org/thesaurus/';
// econ > trade > tariffs > anti-dumping (three levels below econ); records carry their own concepts matched to it.
const DATA = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<${THES}econ> a skos:Concept ; skos:prefLabel "Economics"@en, "Volkswirtschaftslehre"@de ; skos:altLabel "Economy"@en ; skos:hiddenLabel "Econmics"@en .
<${THES}trade> a skos:Concept ; skos:prefLabel "Trade"@en, "Handel"@de ; skos:broader <${THES}econ> ; skos:narrower <${THES}tariffs> .
<${THES}tariffs> a skos:Concept ; skos:prefLabel "Tariffs"@en, "Zölle"@de ; skos:altLabel "Customs duties"@en .
<${THES}dumping> a skos:Concept ; skos:prefLabel "Anti-dumping"@en ; skos:broader <${THES}tariffs> .
<${BASE}id/concept/a> skos:prefLabel "economics" ; skos:exactMatch <${THES}econ> .
<${BASE}id/concept/b> skos:prefLabel "trade" ; skos:closeMatch <${THES}trade> .
<${BASE}id/work/a> a bibo:Book ; dct:title "Principles" ; dct:issued "1899" ; dct:language <http://id.loc.gov/vocabulary/iso639-2/ger> ; dct:subject <${BASE}id/concept/a> .
<${BASE}id/work/b> a bibo:Book ; dct:title "Routes across the sea" ; dct:subject <${BASE}id/concept/b> .
<${BASE}id/work/c> a bibo:Book ; dct:title "A history of tariffs" ; dct:issued "1995" ; dct:language <http://id.loc.gov/vocabulary/iso639-2/eng> ; dct:subject <${THES}tariffs> .
<${BASE}id/work/d> a bibo:Book ; dct:title "Duties at the border" ; dct:issued "2003" ; dct:subject <${THES}dumping> .
<${BASE}id/work/e> a bibo:Book ; dct:title "Economics for beginners" ; dct:issued "2010" ; dct:subject "poetry" .
<${BASE}id/person/smith> a foaf:Person ; foaf:name "Adam Smith" .
<${BASE}id/work/f> a bibo:Book ; dct:title "Adam Smith and his friend" .
<${BASE}id/work/g> a bibo:Book ; dct:title "The wealth of nations" ; dct:creator <${BASE}id/person/smith> .`;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true });
  await s.store.putGraphs([{ graph: `${BASE}graph/thesaurus-and-works`, quads: new N3.Parser().parse(DATA) }]);
});
afterAll(() => s.close());

/** Ids of the works found, in rank order. */
const works = async (q: string) => {
  const r = await fetch(`${s.url}search?type=bibo:Book&size=50&q=${encodeURIComponent(q)}`, { headers: { accept: 'application/ld+json' } });
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { 'hydra:member': { id: string }[] })['hydra:member'].map((m) => m.id.replace(`${BASE}id/work/`, ''));
};
const all = async (q: string) => {
  const r = await fetch(`${s.url}search?size=50&q=${encodeURIComponent(q)}`, { headers: { accept: 'application/ld+json' } });
  return ((await r.json()) as { 'hydra:member': { id: string }[] })['hydra:member'].map((m) => m.id.replace(BASE, ''));
};

describe('a query naming a concept finds what is indexed with it and below it', () => {
  it('a direct hit first, then the works about the concept and its narrower concepts (two levels by default)', async () => {
    const found = await works('economics');
    expect(found[0]).toBe('e');
    expect(found.slice(1).sort()).toEqual(['a', 'b', 'c']);
    // Anti-dumping is three levels below Economics: beyond LIBKG_SEARCH_CONCEPT_DEPTH's default of 2.
    expect(found).not.toContain('d');
    expect((await works('trade')).sort()).toEqual(['b', 'c', 'd']);
  });

  it('across languages: a German label finds works whose subjects carry only English labels', async () => {
    expect((await works('Volkswirtschaftslehre')).sort()).toEqual(['a', 'b', 'c']);
    expect((await works('Zölle')).sort()).toEqual(['c', 'd']);
    expect((await works('zoelle')).sort()).toEqual(['c', 'd']);
  });

  it('synonyms: an altLabel or hiddenLabel finds what the preferred label finds', async () => {
    const pref = (await works('tariffs')).sort();
    expect(pref).toEqual(['c', 'd']);
    expect((await works('customs duties')).sort()).toEqual(pref);
    expect((await works('Economy')).sort()).toEqual(['a', 'b', 'c']);
    // A hidden label (a common misspelling): the concept's works.
    expect((await works('Econmics')).sort()).toEqual(['a', 'b', 'c']);
  });

  it('a query naming a person ranks the person first, then the works', async () => {
    const found = await all('adam smith');
    expect(found[0]).toBe('id/person/smith');
    expect(found).toContain('id/work/f');
    expect(found).toContain('id/work/g');
  });
});

describe('facets as people read them', () => {
  interface Facets {
    facets: Record<string, { value: string; label?: string; count: number; view: string }[]>;
  }
  const facets = async (query: string, language?: string) => {
    const r = await fetch(`${s.url}search?${query}`, { headers: { accept: 'application/ld+json', ...(language ? { 'accept-language': language } : {}) } });
    expect(r.headers.get('vary')).toContain('Accept-Language');
    return ((await r.json()) as Facets).facets;
  };

  it('subject labels in the request language, falling back to English, then any', async () => {
    const label = async (language?: string) => (await facets('q=tariffs', language)).subject?.find((f) => f.value === `${THES}tariffs`)?.label;
    expect(await label('de-DE,de;q=0.9,en;q=0.5')).toBe('Zölle');
    expect(await label('fr')).toBe('Tariffs');
    expect(await label()).toBe('Tariffs');
  });

  it('types and languages by name, not code', async () => {
    const f = await facets('q=*');
    expect(f.type?.find((v) => v.value === 'bibo:Book')?.label).toBe('Book');
    expect(f.type?.find((v) => v.value === 'foaf:Person')?.label).toBe('Person');
    expect(f.lang?.find((v) => v.value === 'de')?.label).toBe('German');
    expect((await facets('q=*', 'de')).lang?.find((v) => v.value === 'de')?.label).toBe('Deutsch');
  });

  it('years as ranges of a round width, in year order, each a filter', async () => {
    const years = (await facets('q=*')).year ?? [];
    expect(years.map((y) => [y.value, y.count])).toEqual([
      ['1875-1899', 1],
      ['1975-1999', 1],
      ['2000-2024', 2],
    ]);
    expect(years[0]?.label).toBe('1875–1899');
    const r = await fetch(years[2]?.view.replace(BASE, s.url) ?? '', { headers: { accept: 'application/ld+json' } });
    expect(((await r.json()) as { 'hydra:totalItems': number })['hydra:totalItems']).toBe(2);
  });
});
