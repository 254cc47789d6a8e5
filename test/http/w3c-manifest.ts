/**
 * Runs W3C SPARQL 1.1 Protocol / Graph Store Protocol manifest tests (HTTP
 * vocabulary: ht:Request, mf:expectedStatus...) against a real server.
 */
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import N3 from 'n3';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const HTS = 'http://www.w3.org/2011/http-statusCodes#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDFNS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

export interface ManifestRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: {
    statuses: string[];
    boolean?: boolean;
    format?: string;
    location?: string;
    headers: Record<string, string>;
    body?: string;
  };
}

export interface ManifestTest {
  id: string;
  name: string;
  requires: string[];
  /** Graphs to load first: data file path and graph IRI. */
  graphData: { file: string; graph: string }[];
  requests: ManifestRequest[];
}

export function readManifest(file: string): ManifestTest[] {
  const base = new URL(`file://${file}`).href;
  const store = new N3.Store(new N3.Parser({ baseIRI: base }).parse(readFileSync(file, 'utf8')));
  const one = (s: RDF.Term, p: string) => store.getObjects(s, p, null)[0];
  const all = (s: RDF.Term, p: string) => store.getObjects(s, p, null);
  const list = (head: RDF.Term | undefined): RDF.Term[] => {
    const out: RDF.Term[] = [];
    for (let n = head; n && n.value !== `${RDFNS}nil`; n = one(n, `${RDFNS}rest`)) out.push(one(n, `${RDFNS}first`) as RDF.Term);
    return out;
  };
  const headers = (node: RDF.Term | undefined) =>
    Object.fromEntries(list(node).map((h) => [one(h, `${HT}fieldName`)?.value.toLowerCase() ?? '', one(h, `${HT}fieldValue`)?.value ?? '']));
  const manifest = store.getSubjects(`${RDFNS}type`, `${MF}Manifest`, null)[0] as RDF.Term;
  // Tests defined but left out of mf:entries (head_non_existing_direct) run too.
  const entries = list(one(manifest, `${MF}entries`));
  for (const type of ['ProtocolTest', 'GraphStoreProtocolTest']) {
    for (const t of store.getSubjects(`${RDFNS}type`, `${MF}${type}`, null)) if (!entries.some((e) => e.equals(t))) entries.push(t);
  }
  return entries.map((t) => {
    const action = one(t, `${MF}action`) as RDF.Term;
    return {
      id: t.value.split('#')[1] ?? t.value,
      name: one(t, `${MF}name`)?.value ?? '',
      requires: all(t, `${MF}requires`).map((r) => r.value.split('#')[1] ?? r.value),
      graphData: all(t, `${UT}graphData`).map((g) => ({
        file: new URL((one(g, `${UT}graph`) as RDF.Term).value).pathname,
        graph: (one(g, `${RDFS}label`) as RDF.Term).value,
      })),
      requests: list(one(action, `${HT}requests`)).map((r) => {
        const resp = one(r, `${HT}resp`) as RDF.Term;
        const body = one(r, `${HT}body`);
        const respBody = one(resp, `${HT}body`);
        return {
          method: (one(r, `${HT}methodName`) as RDF.Term).value,
          path: (one(r, `${HT}absolutePath`) as RDF.Term).value,
          headers: headers(one(r, `${HT}headers`)),
          body: body ? one(body, `${CNT}chars`)?.value : undefined,
          expect: {
            statuses: all(resp, `${MF}expectedStatus`).map((s) => s.value.replace(HTS, '')),
            boolean: one(resp, `${MF}expectedBoolean`) ? one(resp, `${MF}expectedBoolean`)?.value === 'true' : undefined,
            format: one(resp, `${MF}expectedFormat`)?.value,
            location: one(resp, `${MF}expectedLocation`)?.value,
            headers: headers(one(resp, `${HT}headers`)),
            body: respBody ? one(respBody, `${CNT}chars`)?.value : undefined,
          },
        };
      }),
    };
  });
}

const STATUS: Record<string, number> = { OK: 200, Created: 201, NoContent: 204, NotFound: 404 };

/** Whether a status matches an hts: name: an exact code (OK, Created...) or a class (StatusCode2xx). */
export function statusMatches(status: number, names: string[]): boolean {
  return names.some((n) => {
    const cls = /^StatusCode(\d)xx$/.exec(n);
    return cls ? Math.floor(status / 100) === Number(cls[1]) : STATUS[n] === status;
  });
}

/** Media types each mf:expectedFormat allows. */
export const FORMAT_TYPES: Record<string, string[]> = {
  boolean: ['application/sparql-results+json', 'application/sparql-results+xml'],
  tabular: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'],
  RDF: ['application/rdf+xml', 'text/turtle', 'application/n-triples'],
};

/** The ASK answer in a SPARQL JSON or XML result. */
export function booleanOf(body: string, type: string): boolean | undefined {
  if (type.includes('json')) return JSON.parse(body).boolean;
  const m = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(body);
  return m ? m[1] === 'true' : undefined;
}

/** Canonical N-Quads (RDFC-1.0) of a Turtle text: equal strings mean isomorphic graphs. */
export async function canonicalTurtle(text: string, baseIRI: string): Promise<string> {
  const quads = new N3.Parser({ format: 'Turtle', baseIRI }).parse(text);
  const nq = new N3.Writer({ format: 'N-Quads' }).quadsToString(quads);
  // jsonld's types omit N-Quads input, which canonize accepts with inputFormat.
  const canonize = jsonld.canonize as unknown as (input: string, options: object) => Promise<string>;
  return canonize(nq, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' });
}
