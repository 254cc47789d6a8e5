import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';

// Authors of articles and of conference papers (SP2Bench q5a's shape), plus numbers whose values are equal in different spellings.
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix fabio: <http://purl.org/spar/fabio/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:a1 a bibo:Article ; dct:creator ex:ada, ex:alan .
ex:a2 a bibo:Article ; dct:creator ex:grace .
ex:c1 a fabio:ConferencePaper ; dct:creator ex:ada, ex:tim .
ex:c2 a fabio:ConferencePaper ; dct:creator ex:grace, ex:alan2 .
ex:ada foaf:name "Ada Lovelace" . ex:alan foaf:name "Alan Turing" . ex:alan2 foaf:name "Alan Turing" .
ex:grace foaf:name "Grace Hopper" . ex:tim foaf:name "Tim Berners-Lee" .
ex:x1 ex:pages 1 . ex:x2 ex:pages "01"^^xsd:integer . ex:x3 ex:pages 2.0 .
ex:y1 ex:count "2"^^xsd:decimal .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
bibo:Article rdfs:subClassOf foaf:Document . fabio:ConferencePaper rdfs:subClassOf foaf:Document .
ex:a1 dct:title "Cited by a paper nobody cites" ; dct:issued 1990 . ex:a2 dct:title "Cites a1" ; cito:cites ex:a1 ; dct:issued 1991 .
ex:c1 dct:title "Cited by a cited paper" ; cito:cites ex:a1 ; dct:issued 1992 . ex:c2 dct:title "Cites c1" ; cito:cites ex:c1 ; dct:issued 1993 .
ex:a1 cito:cites ex:c2 .
`;

// SP2Bench q7: titles of works cited only by works nobody cites.
const Q7 = `PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX cito: <http://purl.org/spar/cito/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?title WHERE {
  ?class rdfs:subClassOf foaf:Document . ?doc a ?class . ?doc dct:title ?title . ?doc2 cito:cites ?doc
  OPTIONAL {
    ?class3 rdfs:subClassOf foaf:Document . ?doc3 a ?class3 . ?doc3 cito:cites ?doc
    OPTIONAL { ?class4 rdfs:subClassOf foaf:Document . ?doc4 a ?class4 . ?doc4 cito:cites ?doc3 }
    FILTER (!bound(?doc4))
  }
  FILTER (!bound(?doc3))
}`;
// SP2Bench q6 shape: the optional's filter reads the outer ?yr, which MINUS could not see.
const Q6 = `PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?yr ?author ?document WHERE {
  ?document dct:issued ?yr . ?document dct:creator ?author
  OPTIONAL { ?document2 dct:issued ?yr2 . ?document2 dct:creator ?author2 FILTER (?author = ?author2 && ?yr2 < ?yr) }
  FILTER (!bound(?author2))
}`;

const Q5A = `PREFIX dct: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX fabio: <http://purl.org/spar/fabio/> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?person ?name WHERE {
  ?article a bibo:Article . ?article dct:creator ?person .
  ?inproc a fabio:ConferencePaper . ?inproc dct:creator ?person2 .
  ?person foaf:name ?name . ?person2 foaf:name ?name2
  FILTER (?name = ?name2)
}`;

// Numeric values: "1" = "01" and 2.0 = "2"^^decimal although the terms differ, so a join would lose rows.
const NUMERIC = `SELECT ?a ?b WHERE { ?a <http://example.org/pages> ?x . ?b <http://example.org/count> ?y FILTER(?x = ?y) }`;
const NUMERIC_SAME_PREDICATE = `SELECT ?a ?b WHERE { ?a <http://example.org/pages> ?x . ?b <http://example.org/pages> ?y FILTER(?x = ?y && ?a != ?b) }`;

let dir: string;
let store: EmbeddedStore;
let optimized: QuadStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-optimize-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  await store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
  optimized = optimizingStore(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const Q5B = `PREFIX dct: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX fabio: <http://purl.org/spar/fabio/> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?person ?name WHERE {
  ?article a bibo:Article . ?article dct:creator ?person .
  ?inproc a fabio:ConferencePaper . ?inproc dct:creator ?person .
  ?person foaf:name ?name
}`;

const rows = async (s: QuadStore, q: string): Promise<string[]> => {
  const json = JSON.parse((await s.query(q, { format: 'application/sparql-results+json' })).body);
  if (typeof json.boolean === 'boolean') return [String(json.boolean)];
  return (json.results.bindings as Record<string, { value: string }>[])
    .map((b) =>
      JSON.stringify(
        Object.entries(b)
          .map(([k, v]) => [k, v.value])
          .sort(),
      ),
    )
    .sort();
};

const facts = (terms: boolean) => ({ objectsAreTerms: async () => terms });

describe('FILTER(?a = ?b) into a join', () => {
  it('rewrites q5a into a join on the name and gives the same rows', async () => {
    const rewritten = await optimizeQuery(Q5A, facts(true));
    expect(rewritten).toBeDefined();
    expect(rewritten).not.toMatch(/FILTER/i);
    expect(rewritten).not.toContain('?name2');
    const expected = await rows(store, Q5A);
    expect(expected).toHaveLength(3); // Ada (same person), Alan Turing (namesake), Grace
    expect(await rows(store, rewritten as string)).toEqual(expected);
    expect(await rows(optimized, Q5A)).toEqual(expected);
  });

  it('keeps the other conjuncts of the filter, and handles ASK', async () => {
    const q = Q5A.replace('FILTER (?name = ?name2)', 'FILTER (?name = ?name2 && ?person != ?person2)');
    const rewritten = await optimizeQuery(q, facts(true));
    expect(rewritten).toMatch(/FILTER\s*\(\?person != \?person2\)/);
    expect(await rows(optimized, q)).toEqual(await rows(store, q));
    expect(await rows(optimized, q)).toHaveLength(1); // only the two Alan Turings
    const ask = Q5A.replace(/SELECT DISTINCT \?person \?name WHERE/, 'ASK');
    expect(await optimizeQuery(ask, facts(true))).toBeDefined();
    expect(await rows(optimized, ask)).toEqual(['true']);
  });

  it('leaves the filter alone where value equality differs from term equality (numbers)', async () => {
    for (const q of [NUMERIC, NUMERIC_SAME_PREDICATE]) {
      const plain = await rows(store, q);
      expect(plain.length).toBeGreaterThan(0);
      expect(await rows(optimized, q)).toEqual(plain);
      expect(
        await optimizeQuery(q, {
          objectsAreTerms: (p) =>
            store
              .query(`ASK { ?s <${p}> ?o FILTER(isLiteral(?o) && datatype(?o) != <http://www.w3.org/2001/XMLSchema#string>) }`)
              .then((r) => JSON.parse(r.body).boolean === false),
        }),
      ).toBeUndefined();
    }
  });

  it('leaves the filter alone when the dropped variable is visible elsewhere (projection, SELECT *, OPTIONAL)', async () => {
    const keepsFilter = async (q: string) => expect((await optimizeQuery(q, facts(true))) ?? q).toMatch(/FILTER\s*\(\?name = \?name2\)/);
    // Both ?name and ?name2 are projected: neither can go.
    await keepsFilter(Q5A.replace('SELECT DISTINCT ?person ?name', 'SELECT DISTINCT ?person ?name ?name2'));
    await keepsFilter(Q5A.replace('SELECT DISTINCT ?person ?name', 'SELECT *'));
    await keepsFilter(Q5A.replace('?person2 foaf:name ?name2', 'OPTIONAL { ?person2 foaf:name ?name2 }'));
  });

  it('recomputes the data facts after every change, so a rewrite never outlives the data that made it exact', async () => {
    const dataFacts = new DataFacts(store);
    const name = 'http://xmlns.com/foaf/0.1/name';
    expect(await dataFacts.objectsAreTerms(name)).toBe(true);
    const before = dataFacts.lastSeq;
    // A numeric name: foaf:name objects are no longer all plain strings, so the filter must stay.
    await store.addToGraph('http://example.org/g', new N3.Parser().parse(`<http://example.org/n> <${name}> 7 .`));
    expect(dataFacts.lastSeq).toBeGreaterThan(before);
    expect(await dataFacts.objectsAreTerms(name)).toBe(false);
    expect(await optimizeQuery(Q5A, dataFacts)).toBeUndefined();
    expect(await rows(optimized, Q5A)).toEqual(await rows(store, Q5A));
  });
});

describe('DISTINCT pushdown', () => {
  it('evaluates the parts joined only through unprojected variables as DISTINCT subqueries, with the same rows', async () => {
    const rewritten = await optimizeQuery(Q5B, facts(true));
    expect(rewritten?.match(/SELECT DISTINCT \?person WHERE/g)).toHaveLength(2);
    const expected = await rows(store, Q5B);
    expect(expected).toHaveLength(2); // Ada and Grace wrote both kinds
    expect(await rows(store, rewritten as string)).toEqual(expected);
    expect(await rows(optimized, Q5B)).toEqual(expected);
    // q5a: FILTER to join first, then pushdown.
    const q5a = await optimizeQuery(Q5A, facts(true));
    expect(q5a?.match(/SELECT DISTINCT/g)).toHaveLength(3);
    expect(await rows(store, q5a as string)).toEqual(await rows(store, Q5A));
  });

  it('leaves queries alone when the answer could change: no DISTINCT, LIMIT, ORDER BY, filters on hidden variables, OPTIONAL', async () => {
    expect(await optimizeQuery(Q5B.replace('DISTINCT ', ''), facts(true))).toBeUndefined();
    expect(await optimizeQuery(`${Q5B} LIMIT 1`, facts(true))).toBeUndefined();
    expect(await optimizeQuery(`${Q5B} ORDER BY ?name`, facts(true))).toBeUndefined();
    expect(await optimizeQuery(Q5B.replace('?person foaf:name ?name', '?person foaf:name ?name FILTER(?article != ?inproc)'), facts(true))).toBeUndefined();
    expect(await optimizeQuery(Q5B.replace('?person foaf:name ?name', 'OPTIONAL { ?person foaf:name ?name }'), facts(true))).toBeUndefined();
  });

  it('keeps triples that share a blank node together', async () => {
    const q = Q5B.replace('?inproc a fabio:ConferencePaper . ?inproc dct:creator ?person .', '_:p a fabio:ConferencePaper . _:p dct:creator ?person .');
    const rewritten = await optimizeQuery(q, facts(true));
    expect(rewritten?.match(/SELECT DISTINCT \?person WHERE \{\s*_:\S+ \S+ fabio:ConferencePaper;\s*dct:creator \?person\./)).toBeTruthy();
    expect(await rows(store, rewritten as string)).toEqual(await rows(store, q));
  });
});

describe('OPTIONAL + !bound into MINUS', () => {
  it('rewrites q7 (nested) into MINUS and gives the same titles', async () => {
    const rewritten = await optimizeQuery(Q7, facts(true));
    expect(rewritten?.match(/MINUS/g)).toHaveLength(2);
    expect(rewritten).not.toMatch(/OPTIONAL|bound/);
    const expected = await rows(store, Q7);
    expect(expected.length).toBeGreaterThan(0);
    expect(await rows(store, rewritten as string)).toEqual(expected);
    expect(await rows(optimized, Q7)).toEqual(expected);
  });

  it('leaves OPTIONAL alone when its filter reads the outer row (q6), or the shared variable may be unbound', async () => {
    expect((await optimizeQuery(Q6, facts(true))) ?? Q6).toMatch(/OPTIONAL/);
    expect(await rows(optimized, Q6)).toEqual(await rows(store, Q6));
    const looseShare = Q7.replace('?doc2 cito:cites ?doc\n', 'OPTIONAL { ?doc2 cito:cites ?doc }\n').replace(
      '?doc a ?class . ?doc dct:title ?title .',
      '?x a ?class . ?x dct:title ?title .',
    );
    expect((await optimizeQuery(looseShare, facts(true))) ?? looseShare).toMatch(/OPTIONAL \{\s*\?class3/);
  });
});

describe('FILTER(?p = <iri>) into the triple pattern', () => {
  const Q3 = `PREFIX bibo: <http://purl.org/ontology/bibo/> PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?article WHERE { ?article a bibo:Article . ?article ?property ?value FILTER (?property = dct:creator) }`;

  it('puts the IRI in place of the variable (SP2Bench q3) with the same rows', async () => {
    const rewritten = await optimizeQuery(Q3, facts(false));
    expect(rewritten).toMatch(/dct:creator \?value/);
    expect(rewritten).not.toMatch(/FILTER/);
    const expected = await rows(store, Q3);
    expect(expected).toHaveLength(3);
    expect(await rows(optimized, Q3)).toEqual(expected);
  });

  it('leaves it when the variable is also used elsewhere, or compared with a literal', async () => {
    const projected = Q3.replace('SELECT ?article', 'SELECT ?article ?property');
    expect((await optimizeQuery(projected, facts(false))) ?? projected).toMatch(/FILTER/);
    const literal = 'SELECT ?s WHERE { ?s <http://example.org/pages> ?v FILTER(?v = 1) }';
    expect(await optimizeQuery(literal, facts(false))).toBeUndefined();
    expect(await rows(optimized, literal)).toEqual(await rows(store, literal));
    expect(await rows(store, literal)).toHaveLength(2); // 1 and "01"^^xsd:integer
  });
});
