/**
 * Reads the W3C SPARQL 1.1 query evaluation manifests (Turtle) in
 * test/fixtures/w3c-sparql11/: one entry per mf:QueryEvaluationTest or
 * mf:CSVResultFormatTest, in manifest order. Syntax tests are left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';

export const FIXTURES = fileURLToPath(new URL('../fixtures/w3c-sparql11/', import.meta.url));
/** Where the suite is published: data, queries and results resolve their relative IRIs against it, as other runners do. */
export const PUBLISHED_BASE = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const RDFNS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const TEST_TYPES = ['QueryEvaluationTest', 'CSVResultFormatTest'];

/** A fixture file: its path on disk and the IRI it has in the published suite. */
export interface SuiteFile {
  path: string;
  iri: string;
}

export interface EvalTest {
  /** `category/name`, e.g. `aggregates/agg01`: the key of the expected-failure lists. */
  id: string;
  category: string;
  name: string;
  query: SuiteFile;
  /** Files whose merge is the default graph. */
  data: SuiteFile[];
  /** Files loaded as named graphs, each named by its IRI. */
  graphData: SuiteFile[];
  result: SuiteFile;
}

const fileOf = (iri: string): SuiteFile => {
  const path = fileURLToPath(iri);
  return { path, iri: PUBLISHED_BASE + path.slice(FIXTURES.length) };
};

/** The evaluation tests of one category folder, in the manifest's order. */
export function readCategory(category: string): EvalTest[] {
  const file = `${FIXTURES}${category}/manifest.ttl`;
  const store = new N3.Store(new N3.Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8')));
  const one = (s: RDF.Term, p: string) => store.getObjects(s, p, null)[0];
  const all = (s: RDF.Term, p: string) => store.getObjects(s, p, null);
  const manifest = store.getSubjects(`${RDFNS}type`, `${MF}Manifest`, null)[0] as RDF.Term;
  const entries: RDF.Term[] = [];
  for (let n = one(manifest, `${MF}entries`); n && n.value !== `${RDFNS}nil`; n = one(n, `${RDFNS}rest`)) entries.push(one(n, `${RDFNS}first`) as RDF.Term);
  const isEval = (t: RDF.Term) => all(t, `${RDFNS}type`).some((type) => TEST_TYPES.some((name) => type.value === MF + name));
  return entries.filter(isEval).map((t) => {
    const action = one(t, `${MF}action`) as RDF.Term;
    return {
      id: `${category}/${t.value.split('#')[1] ?? t.value}`,
      category,
      name: one(t, `${MF}name`)?.value ?? '',
      query: fileOf((one(action, `${QT}query`) as RDF.Term).value),
      data: all(action, `${QT}data`).map((d) => fileOf(d.value)),
      graphData: all(action, `${QT}graphData`).map((d) => fileOf(d.value)),
      result: fileOf((one(t, `${MF}result`) as RDF.Term).value),
    };
  });
}

/** Every category folder of the fixtures, alphabetically. */
export const CATEGORIES = readdirSync(FIXTURES)
  .filter((f) => statSync(`${FIXTURES}${f}`).isDirectory())
  .sort();

export const readSuite = (): EvalTest[] => CATEGORIES.flatMap(readCategory);
