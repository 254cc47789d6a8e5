import type * as RDF from '@rdfjs/types';

/** Quads by port graph name ('' = the default graph), in the order the graphs first appear. */
export function byGraph(quads: RDF.Quad[]): Map<string, RDF.Quad[]> {
  const out = new Map<string, RDF.Quad[]>();
  for (const q of quads) {
    const g = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value;
    let list = out.get(g);
    if (!list) out.set(g, (list = []));
    list.push(q);
  }
  return out;
}
