/**
 * SPARQL 1.1 Service Description of /sparql: languages, features, result and
 * input formats, and the default dataset (the union of all graphs).
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { entryOf, RDF_INPUT_TYPES } from '../../rdf/media-types.js';
import type { QuadStore } from '../../store/port.js';
import { T } from '../../vocab.js';
import { DEFAULT_PREFIXES } from './default-prefixes.js';

const { DataFactory: F } = N3;

const SIMPLE_ENTAILMENT = 'http://www.w3.org/ns/entailment/Simple';

/**
 * IRIs of functions libkg evaluates beyond SPARQL 1.1. None yet: Oxigraph's
 * WASM build takes no custom functions; a surface that adds one lists it here.
 */
export const EXTENSION_FUNCTIONS: string[] = [];

/** Above this many named graphs the description gives their count only. */
const LISTED_GRAPHS_MAX = 100;

/**
 * `propertyFunctions`: properties answered before the engine (text:query, see text-search.ts). SPARQL 1.1 SD has
 * no term for property functions; they are listed as sd:extensionFunction (an sd:Function), as Jena's Fuseki does,
 * since that is where clients look for what an endpoint adds to SPARQL, with a comment saying how they are used.
 */
export function serviceDescription(endpoint: string, store: QuadStore, formats: string[], propertyFunctions: string[] = []): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const add = (s: RDF.Quad_Subject, p: RDF.NamedNode, o: RDF.Quad_Object) => out.push(F.quad(s, p, o));
  const service = F.namedNode(endpoint);
  const a = T.rdf('type');
  add(service, a, T.sd('Service'));
  add(service, T.sd('endpoint'), service);
  for (const lang of ['SPARQL10Query', 'SPARQL11Query', 'SPARQL11Update']) add(service, T.sd('supportedLanguage'), T.sd(lang));
  // Queries that name no dataset see every graph merged into the default graph.
  add(service, T.sd('feature'), T.sd('UnionDefaultGraph'));
  add(service, T.sd('defaultEntailmentRegime'), F.namedNode(SIMPLE_ENTAILMENT));
  for (const f of formats) {
    const iri = entryOf(f)?.formatIri;
    if (iri) add(service, T.sd('resultFormat'), F.namedNode(iri));
  }
  for (const f of RDF_INPUT_TYPES) {
    const iri = entryOf(f)?.formatIri;
    if (iri) add(service, T.sd('inputFormat'), F.namedNode(iri));
  }
  for (const fn of EXTENSION_FUNCTIONS) {
    add(service, T.sd('extensionFunction'), F.namedNode(fn));
    add(F.namedNode(fn), a, T.sd('Function'));
  }
  for (const fn of propertyFunctions) {
    add(service, T.sd('extensionFunction'), F.namedNode(fn));
    add(F.namedNode(fn), a, T.sd('Function'));
    add(
      F.namedNode(fn),
      T.rdfs('comment'),
      F.literal('property function (as jena-text): ?s text:query (<property> "search words" limit), or (?s ?score ?literal) text:query ...', 'en'),
    );
  }
  // SPARQL 1.1 SD has no term for prefixes a query may leave undeclared; SHACL's sh:declare names them (as UniProt's endpoint does).
  add(service, T.rdfs('comment'), F.literal('queries and updates may use the prefixes of sh:declare without declaring them; a declared prefix wins', 'en'));
  for (const [prefix, ns] of Object.entries(DEFAULT_PREFIXES)) {
    const declaration = F.blankNode(`prefix_${prefix}`);
    add(service, T.sh('declare'), declaration);
    add(declaration, T.sh('prefix'), F.literal(prefix));
    add(declaration, T.sh('namespace'), F.literal(ns, T.xsd('anyURI')));
  }

  const dataset = F.blankNode('dataset');
  add(service, T.sd('defaultDataset'), dataset);
  add(dataset, a, T.sd('Dataset'));
  add(dataset, a, T.void('Dataset'));
  add(dataset, T.void('triples'), F.literal(String(store.size()), T.xsd('integer')));
  const defaultGraph = F.blankNode('defaultGraph');
  add(dataset, T.sd('defaultGraph'), defaultGraph);
  add(defaultGraph, a, T.sd('Graph'));
  add(defaultGraph, T.rdfs('comment'), F.literal('the union of all graphs (the default graph of queries that name no dataset)', 'en'));
  const graphs = store.listGraphs().filter((g) => !g.deletedAt && g.iri !== '');
  add(dataset, T.rdfs('comment'), F.literal(`${graphs.length} named graphs`, 'en'));
  if (graphs.length <= LISTED_GRAPHS_MAX) {
    graphs.forEach((g, i) => {
      const named = F.blankNode(`ng${i}`);
      const graph = F.blankNode(`g${i}`);
      add(dataset, T.sd('namedGraph'), named);
      add(named, a, T.sd('NamedGraph'));
      add(named, T.sd('name'), F.namedNode(g.iri));
      add(named, T.sd('graph'), graph);
      add(graph, a, T.sd('Graph'));
      add(graph, T.void('triples'), F.literal(String(g.quads), T.xsd('integer')));
    });
  }
  return out;
}
