/** The `rdf` format: the record graph as RDF/XML, written by Oxigraph (N3 has no RDF/XML writer). */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';

export const RDF_FORMAT = {
  prefix: 'rdf',
  // RDF/XML has no official XML Schema; this is the conventional one OAI-PMH repositories announce.
  schema: 'http://www.openarchives.org/OAI/2.0/rdf.xsd',
  namespace: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

// Imported once and kept: a dynamic import per record costs a loader round trip, a tenth of a harvest's time.
const importOxigraph = () => import('oxigraph');
let oxigraph: ReturnType<typeof importOxigraph> | undefined;

/** RDF/XML of a graph without the XML declaration, ready to embed in <metadata>. */
export async function recordRdfXml(quads: readonly RDF.Quad[]): Promise<string> {
  oxigraph ??= importOxigraph();
  const { default: ox } = await oxigraph;
  const store = new ox.Store();
  for (const q of quads) store.add(N3.DataFactory.quad(q.subject, q.predicate, q.object) as never);
  const xml = store.dump({ format: 'application/rdf+xml', from_graph_name: ox.defaultGraph() } as never);
  return xml.replace(/^<\?xml[^>]*\?>\s*/, '');
}
