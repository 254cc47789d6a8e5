/**
 * Namespaces and terms: the one place vocabulary IRIs are spelled out.
 * `NS.dct('title')` gives the IRI string, `T.dct('title')` the RDF/JS NamedNode.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';

export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dct: 'http://purl.org/dc/terms/',
  dc: 'http://purl.org/dc/elements/1.1/',
  bibo: 'http://purl.org/ontology/bibo/',
  fabio: 'http://purl.org/spar/fabio/',
  cito: 'http://purl.org/spar/cito/',
  schema: 'http://schema.org/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  dcat: 'http://www.w3.org/ns/dcat#',
  prov: 'http://www.w3.org/ns/prov#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  bf: 'http://id.loc.gov/ontologies/bibframe/',
  void: 'http://rdfs.org/ns/void#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  tree: 'https://w3id.org/tree#',
  ldes: 'https://w3id.org/ldes#',
  as: 'https://www.w3.org/ns/activitystreams#',
  sh: 'http://www.w3.org/ns/shacl#',
  spdx: 'http://spdx.org/rdf/terms#',
  formats: 'http://www.w3.org/ns/formats/',
  libkg: 'https://w3id.org/libkg/ontology#',
} as const;

export type Prefix = keyof typeof PREFIXES;

type Ns = (local: string) => string;
type TermNs = (local: string) => RDF.NamedNode;

export const NS = Object.fromEntries(Object.entries(PREFIXES).map(([p, iri]) => [p, (local: string) => iri + local])) as unknown as Record<Prefix, Ns>;
export const T = Object.fromEntries(
  Object.entries(PREFIXES).map(([p, iri]) => [p, (local: string) => N3.DataFactory.namedNode(iri + local)]),
) as unknown as Record<Prefix, TermNs>;

/** Expands a CURIE such as `dct:title`; absolute IRIs pass through. */
export function expandCurie(curie: string, extra: Record<string, string> = {}): string {
  const i = curie.indexOf(':');
  if (i < 0) throw new Error(`not a CURIE or IRI: ${curie}`);
  const prefix = curie.slice(0, i);
  const ns = extra[prefix] ?? (PREFIXES as Record<string, string>)[prefix];
  if (ns === undefined) {
    if (/^[a-z][a-z0-9+.-]*$/i.test(prefix) && curie.slice(i + 1).startsWith('//')) return curie;
    throw new Error(`unknown prefix "${prefix}" in ${curie}`);
  }
  return ns + curie.slice(i + 1);
}

/** libkg's name for jena-text's `text:query` property function, answered from the search index in SPARQL (src/http/sparql/text-search.ts). */
export const LIBKG_TEXT_QUERY = NS.libkg('textQuery');

/** Link discovery's results (src/links/results.ts; docs/link-spec-format.md, "Results"). */
export const LINK = {
  Link: NS.libkg('Link'),
  LinkRun: NS.libkg('LinkRun'),
  Evidence: NS.libkg('Evidence'),
  source: NS.libkg('source'),
  target: NS.libkg('target'),
  predicate: NS.libkg('linkPredicate'),
  score: NS.libkg('score'),
  status: NS.libkg('linkStatus'),
  evidence: NS.libkg('evidence'),
  comparator: NS.libkg('comparator'),
  spec: NS.libkg('linkSpec'),
  specVersion: NS.libkg('linkSpecVersion'),
  candidates: NS.libkg('candidatePairs'),
  compared: NS.libkg('comparedPairs'),
  accepted: NS.libkg('acceptedLinks'),
  review: NS.libkg('reviewLinks'),
  rejected: NS.libkg('rejectedLinks'),
  decision: NS.libkg('reviewDecision'),
  reviewedBy: NS.libkg('reviewedBy'),
  reviewedAt: NS.libkg('reviewedAt'),
  upToChange: NS.libkg('upToChange'),
  runMode: NS.libkg('linkRunMode'),
} as const;
