/**
 * RDF/JS quads to every RDF serialization libkg writes (src/rdf/media-types.ts): N3 writes the
 * Turtle family, Oxigraph RDF/XML (rdf-xml.ts), jsonld JSON-LD (jsonld.ts).
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { quadsToJsonld } from './jsonld.js';
import { carriesGraphs, type RdfMediaType } from './media-types.js';
import { usedPrefixes } from './prefixes.js';
import { writeRdfXml } from './rdf-xml.js';

const { DataFactory: F } = N3;

function writeN3(quads: Iterable<RDF.Quad>, format: string, prefixes?: Record<string, string>): Promise<string> {
  const writer = new N3.Writer({ format, prefixes });
  for (const q of quads) writer.addQuad(q);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

function* inDefaultGraph(quads: Iterable<RDF.Quad>): Iterable<RDF.Quad> {
  for (const q of quads) yield q.graph.termType === 'DefaultGraph' ? q : F.quad(q.subject, q.predicate, q.object);
}

/** Serializes quads; triple formats drop graph names. */
export async function serializeQuads(input: Iterable<RDF.Quad>, mediaType: RdfMediaType): Promise<string> {
  const quads = [...input];
  const written = carriesGraphs(mediaType) ? quads : inDefaultGraph(quads);
  switch (mediaType) {
    case 'text/turtle':
      return writeN3(written, 'Turtle', usedPrefixes(quads));
    case 'application/trig':
      return writeN3(written, 'TriG', usedPrefixes(quads));
    case 'application/n-triples':
    case 'application/n-quads':
      return writeN3(written, mediaType === 'application/n-quads' ? 'N-Quads' : 'N-Triples');
    case 'application/ld+json':
      return quadsToJsonld(quads);
    case 'application/rdf+xml':
      return writeRdfXml(written);
  }
}
