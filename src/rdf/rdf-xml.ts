import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { PREFIXES } from '../../vocab.js';

/** The prefixes of src/vocab.ts that some IRI of the triples uses: small documents stay small. */
function usedPrefixes(quads: RDF.Quad[]): Record<string, string> {
  const used: Record<string, string> = {};
  const entries = Object.entries(PREFIXES);
  const note = (t: RDF.Term) => {
    const iri = t.termType === 'NamedNode' ? t.value : t.termType === 'Literal' ? t.datatype.value : '';
    if (iri) for (const [p, ns] of entries) if (iri.startsWith(ns)) used[p] = ns;
  };
  for (const q of quads) {
    note(q.subject);
    note(q.predicate);
    note(q.object);
  }
  return used;
}

/** Triples to Turtle (with the libkg prefixes it uses) or N-Triples; N3 writes both. */
export function writeTriples(triples: Iterable<RDF.Quad>, format: 'Turtle' | 'N-Triples'): Promise<string> {
  const quads = [...triples];
  const writer = new N3.Writer({ format, prefixes: format === 'Turtle' ? usedPrefixes(quads) : undefined });
  for (const q of quads) writer.addQuad(q.subject, q.predicate, q.object);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}

/** RDF/XML through an in-memory Oxigraph store: N3 has no RDF/XML writer. */
export function writeRdfXml(quads: Iterable<RDF.Quad>): string {
  const store = new oxigraph.Store();
  for (const q of quads) store.add(oxigraph.quad(q.subject as never, q.predicate as never, q.object as never, oxigraph.defaultGraph()));
  return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
}
