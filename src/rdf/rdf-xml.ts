/**
 * The RDF/XML writer: Oxigraph's, over a scratch in-memory store (N3 has no RDF/XML writer).
 * Oxigraph is loaded on first use (the WASM module costs a second and some memory) and kept:
 * a dynamic import per document costs a loader round trip, a tenth of an OAI-PMH harvest's time.
 * Its terms stay in this file: callers pass and get RDF/JS quads and strings.
 */
import type * as RDF from '@rdfjs/types';

const importOxigraph = () => import('oxigraph');
let oxigraph: ReturnType<typeof importOxigraph> | undefined;

/** Triples as RDF/XML (graph names are dropped); `declaration: false` leaves out the `<?xml …?>` line, to embed the result. */
export async function writeRdfXml(quads: Iterable<RDF.Quad>, options: { declaration?: boolean } = {}): Promise<string> {
  oxigraph ??= importOxigraph();
  const { default: ox } = await oxigraph;
  const store = new ox.Store();
  const g = ox.defaultGraph();
  for (const q of quads) store.add(ox.quad(q.subject as never, q.predicate as never, q.object as never, g));
  const xml = store.dump({ format: 'application/rdf+xml', from_graph_name: g });
  return options.declaration === false ? xml.replace(/^<\?xml[^>]*\?>\s*/, '') : xml;
}
