import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { NS, T } from '../../vocab.js';
import type { DumpManifest } from '../kit/dump-manifest.js';
import { THING_PREFIX } from '../kit/iri.js';
import { specLinksetQuads } from './spec-linksets.js';
import type { DatasetStats } from './stats.js';

const { namedNode: iri, literal, blankNode, quad } = N3.DataFactory;
const int = (n: number) => literal(String(n), T.xsd('integer'));

/**
 * The protocols libkg serves, each a dcat:DataService with the specification it implements.
 * Only endpoints that exist are listed.
 */
export const SERVICES: { path: string; title: string; conformsTo: string }[] = [
  { path: 'sparql', title: 'SPARQL 1.1 endpoint', conformsTo: 'https://www.w3.org/TR/sparql11-protocol/' },
  { path: 'oai', title: 'OAI-PMH 2.0', conformsTo: 'http://www.openarchives.org/OAI/2.0/' },
  { path: 'ldes', title: 'Linked Data Event Stream', conformsTo: 'https://w3id.org/ldes/specification' },
  { path: 'tpf', title: 'Triple Pattern Fragments', conformsTo: 'https://linkeddatafragments.org/specification/triple-pattern-fragments/' },
  { path: 'store', title: 'SPARQL 1.1 Graph Store HTTP Protocol', conformsTo: 'https://www.w3.org/TR/sparql11-http-rdf-update/' },
  { path: 'graphql', title: 'GraphQL', conformsTo: 'https://spec.graphql.org/' },
  { path: 'api/', title: 'JSON-LD API (Hydra)', conformsTo: 'http://www.w3.org/ns/hydra/core' },
  { path: 'search', title: 'Search (JSON-LD, Hydra)', conformsTo: 'http://www.w3.org/ns/hydra/core' },
  { path: 'reconcile', title: 'Reconciliation Service API', conformsTo: 'https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/' },
];

export interface VoidOptions {
  baseIri: string;
  title: string;
  license: string;
}

export const datasetIri = (baseIri: string) => `${baseIri}.well-known/void#dataset`;

/** VoID + DCAT + SPARQL service description of the whole dataset, as triples. */
export function voidQuads(stats: DatasetStats, dumps: DumpManifest | undefined, opts: VoidOptions): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const add = (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => out.push(quad(s, p, o));
  const b = opts.baseIri;
  const ds = iri(datasetIri(b));
  add(ds, T.rdf('type'), T.void('Dataset'));
  add(ds, T.rdf('type'), T.dcat('Dataset'));
  add(ds, T.dct('title'), literal(opts.title, 'en'));
  add(ds, T.rdfs('label'), literal(opts.title, 'en'));
  add(ds, T.dct('description'), literal('Library catalog, authority, patent, dataset and usage records as one linked-data knowledge graph.', 'en'));
  add(ds, T.dct('license'), iri(opts.license));
  if (stats.lastModified) add(ds, T.dct('modified'), literal(stats.lastModified, T.xsd('dateTime')));
  add(ds, T.void('triples'), int(stats.triples));
  add(ds, T.void('entities'), int(stats.entities));
  add(ds, T.void('classes'), int(stats.classes.length));
  add(ds, T.void('properties'), int(stats.properties.length));
  add(ds, T.void('uriSpace'), literal(b + THING_PREFIX));
  add(ds, T.void('uriRegexPattern'), literal(`^${(b + THING_PREFIX).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  add(ds, T.void('sparqlEndpoint'), iri(`${b}sparql`));
  add(ds, T.void('uriLookupEndpoint'), iri(`${b}lookup?uri=`));
  add(ds, T.void('rootResource'), iri(`${b}api/`));
  add(ds, T.void('feature'), iri(`${NS.formats('Turtle')}`));
  add(ds, T.void('feature'), iri(`${NS.formats('JSON-LD')}`));
  add(ds, T.void('feature'), iri(`${NS.formats('N-Triples')}`));
  add(ds, T.void('feature'), iri(`${NS.formats('RDF_XML')}`));
  add(ds, T.void('vocabulary'), iri(NS.libkg('')));
  for (const e of stats.examples) add(ds, T.void('exampleResource'), iri(e));
  for (const c of stats.classes) {
    const part = blankNode();
    add(ds, T.void('classPartition'), part);
    add(part, T.void('class'), iri(c.iri));
    add(part, T.void('entities'), int(c.count));
  }
  for (const p of stats.properties) {
    const part = blankNode();
    add(ds, T.void('propertyPartition'), part);
    add(part, T.void('property'), iri(p.iri));
    add(part, T.void('triples'), int(p.count));
  }
  stats.linksets.forEach((l, i) => {
    const ls = iri(`${datasetIri(b)}-links-${i + 1}`);
    const target = iri(`${datasetIri(b)}-target-${encodeURIComponent(l.target)}`);
    add(ds, T.void('subset'), ls);
    add(ls, T.rdf('type'), T.void('Linkset'));
    add(ls, T.void('linkPredicate'), iri(l.predicate));
    add(ls, T.void('subjectsTarget'), ds);
    add(ls, T.void('objectsTarget'), target);
    add(ls, T.void('triples'), int(l.count));
    add(target, T.rdf('type'), T.void('Dataset'));
    add(target, T.void('uriSpace'), literal(l.target));
    add(target, T.foaf('homepage'), iri(l.target));
  });
  specLinksetQuads(ds, stats.specLinksets, add);
  dumpQuads(ds, dumps, b, add);
  serviceQuads(ds, stats, b, add);
  return out;
}

type Add = (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => void;

function dumpQuads(ds: RDF.NamedNode, dumps: DumpManifest | undefined, b: string, add: Add): void {
  // Dumps not built yet for this sequence are still announced; size and checksum come once they exist.
  const files = dumps?.files ?? [{ name: 'libkg.nq.gz', mediaType: 'application/n-quads' }];
  for (const f of files) {
    const url = iri(`${b}dumps/${f.name}`);
    if (!('class' in f) || !f.class) add(ds, T.void('dataDump'), url);
    add(ds, T.dcat('distribution'), url);
    add(url, T.rdf('type'), T.dcat('Distribution'));
    add(url, T.dcat('downloadURL'), url);
    add(url, T.dcat('mediaType'), iri(`https://www.iana.org/assignments/media-types/${f.mediaType}`));
    add(url, T.dcat('compressFormat'), iri('https://www.iana.org/assignments/media-types/application/gzip'));
    if ('class' in f && f.class) add(url, T.dct('subject'), iri(f.class));
    if ('sha256' in f) {
      add(url, T.dcat('byteSize'), literal(String(f.bytes), T.xsd('nonNegativeInteger')));
      const sum = N3.DataFactory.blankNode();
      add(url, T.spdx('checksum'), sum);
      add(sum, T.rdf('type'), T.spdx('Checksum'));
      add(sum, T.spdx('algorithm'), T.spdx('checksumAlgorithm_sha256'));
      add(sum, T.spdx('checksumValue'), literal(f.sha256, T.xsd('hexBinary')));
    }
  }
}

function serviceQuads(ds: RDF.NamedNode, stats: DatasetStats, b: string, add: Add): void {
  for (const s of SERVICES) {
    const svc = iri(`${b}${s.path}`);
    add(svc, T.rdf('type'), T.dcat('DataService'));
    add(svc, T.dct('title'), literal(s.title, 'en'));
    add(svc, T.dcat('endpointURL'), svc);
    add(svc, T.dct('conformsTo'), iri(s.conformsTo));
    add(svc, T.dcat('servesDataset'), ds);
    // The OpenAPI document describes every HTTP surface (served at the server's root).
    add(svc, T.dcat('endpointDescription'), iri(new URL('/openapi.json', b).href));
  }
  // How to search the dataset from a browser (OpenSearch, with suggestions).
  add(ds, T.void('openSearchDescription'), iri(`${b}opensearch.xml`));
  const sparql = iri(`${b}sparql`);
  add(sparql, T.rdf('type'), T.sd('Service'));
  add(sparql, T.sd('endpoint'), sparql);
  add(sparql, T.sd('supportedLanguage'), T.sd('SPARQL11Query'));
  add(sparql, T.sd('supportedLanguage'), T.sd('SPARQL11Update'));
  add(sparql, T.sd('feature'), T.sd('UnionDefaultGraph'));
  for (const f of ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'RDF_XML', 'JSON-LD']) {
    add(sparql, T.sd('resultFormat'), iri(NS.formats(f)));
  }
  const defaults = blankNode();
  const graph = blankNode();
  add(sparql, T.sd('defaultDataset'), defaults);
  add(defaults, T.rdf('type'), T.sd('Dataset'));
  add(defaults, T.sd('defaultGraph'), graph);
  add(graph, T.rdf('type'), T.sd('Graph'));
  add(graph, T.void('triples'), int(stats.triples));
  add(defaults, T.dct('source'), ds);
}
