import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { PREFIXES } from '../../vocab.js';

/** Triples to Turtle (with libkg's prefixes) or N-Triples; N3 writes both. */
export function writeTriples(quads: Iterable<RDF.Quad>, format: 'Turtle' | 'N-Triples'): Promise<string> {
  const writer = new N3.Writer({ format, prefixes: format === 'Turtle' ? PREFIXES : undefined });
  for (const q of quads) writer.addQuad(q.subject, q.predicate, q.object);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

/** RDF/XML through an in-memory Oxigraph store: N3 has no RDF/XML writer. */
export function writeRdfXml(quads: Iterable<RDF.Quad>): string {
  const store = new oxigraph.Store();
  for (const q of quads) store.add(oxigraph.quad(q.subject as never, q.predicate as never, q.object as never, oxigraph.defaultGraph()));
  return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
}
