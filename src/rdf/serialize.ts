/**
 * RDF/JS quads to every RDF serialization libkg offers. N3 writes the
 * Turtle family, Oxigraph writes RDF/XML (N3 has no RDF/XML writer), and
 * jsonld converts N-Quads to JSON-LD compacted with libkg's context.
 */
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import N3 from 'n3';
import { PREFIXES } from '../vocab.js';
import { LIBKG_CONTEXT } from './context.js';

/** Graph serializations, in the order offered when the client has no preference. */
export const RDF_MEDIA_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/n-quads',
  'application/trig',
  'application/rdf+xml',
  'application/ld+json',
] as const;
export type RdfMediaType = (typeof RDF_MEDIA_TYPES)[number];

/** Formats that carry graph names; the others flatten every quad into one graph. */
export const QUAD_FORMATS: readonly string[] = ['application/n-quads', 'application/trig', 'application/ld+json'];

/** Media types clients also send for the formats above. */
export const RDF_ALIASES: Readonly<Record<string, string>> = {
  'application/x-turtle': 'text/turtle',
  'text/n3': 'text/turtle',
  'text/plain': 'application/n-triples',
  'application/x-trig': 'application/trig',
  'text/x-nquads': 'application/n-quads',
  'application/xml': 'application/rdf+xml',
  'text/xml': 'application/rdf+xml',
  'application/json': 'application/ld+json',
};

const { DataFactory: F } = N3;

function writeN3(quads: Iterable<RDF.Quad>, format: string, prefixes?: Record<string, string>): Promise<string> {
  const writer = new N3.Writer({ format, prefixes });
  for (const q of quads) writer.addQuad(q);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

/** Only the prefixes whose namespace some IRI uses, so documents do not open with two dozen unused lines. */
function usedPrefixes(quads: RDF.Quad[]): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) for (const t of [q.subject, q.predicate, q.object, q.graph]) if (t.termType === 'NamedNode') iris.add(t.value);
  for (const q of quads) if (q.object.termType === 'Literal') iris.add(q.object.datatype.value);
  return Object.fromEntries(Object.entries(PREFIXES).filter(([, ns]) => [...iris].some((i) => i.startsWith(ns) && i.length > ns.length)));
}

function* inDefaultGraph(quads: Iterable<RDF.Quad>): Iterable<RDF.Quad> {
  for (const q of quads) yield q.graph.termType === 'DefaultGraph' ? q : F.quad(q.subject, q.predicate, q.object);
}

/**
 * Quads to JSON-LD compacted with libkg's context (embedded, so clients need no fetch).
 * jsonld gets parsed quads: its own N-Quads parser checks duplicates pairwise and
 * took 163 s for 50,000 triples, against under a second this way.
 */
async function quadsToJsonld(quads: RDF.Quad[]): Promise<string> {
  const expanded = await jsonld.fromRDF(quads as never);
  const compacted = await jsonld.compact(expanded, { '@context': LIBKG_CONTEXT } as never);
  return JSON.stringify(compacted, null, 2);
}

export const nquadsToJsonld = (nquads: string): Promise<string> => quadsToJsonld(new N3.Parser({ format: 'N-Quads' }).parse(nquads));

/** Serializes quads; triple formats drop graph names. */
export async function serializeQuads(input: Iterable<RDF.Quad>, mediaType: RdfMediaType): Promise<string> {
  const quads = [...input];
  switch (mediaType) {
    case 'text/turtle':
      return writeN3(inDefaultGraph(quads), 'Turtle', usedPrefixes(quads));
    case 'application/trig':
      return writeN3(quads, 'TriG', usedPrefixes(quads));
    case 'application/n-triples':
      return writeN3(inDefaultGraph(quads), 'N-Triples');
    case 'application/n-quads':
      return writeN3(quads, 'N-Quads');
    case 'application/ld+json':
      return quadsToJsonld(quads);
    case 'application/rdf+xml': {
      // Loaded on first use: the WASM module costs a second and some memory on the HTTP thread.
      const { default: oxigraph } = await import('oxigraph');
      const store = new oxigraph.Store();
      for (const q of inDefaultGraph(quads)) store.add(q as never);
      return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() } as never);
    }
  }
}
