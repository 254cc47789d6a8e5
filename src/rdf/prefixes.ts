import type * as RDF from '@rdfjs/types';
import { PREFIXES } from '../vocab.js';

/**
 * The prefixes of src/vocab.ts whose namespace some IRI of the quads (a term, a graph name or a
 * literal's datatype) uses with a local name after it, so documents do not open with two dozen
 * unused lines.
 */
export function usedPrefixes(quads: readonly RDF.Quad[]): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) if (t.termType === 'NamedNode') iris.add(t.value);
    if (q.object.termType === 'Literal') iris.add(q.object.datatype.value);
  }
  return Object.fromEntries(Object.entries(PREFIXES).filter(([, ns]) => [...iris].some((i) => i.startsWith(ns) && i.length > ns.length)));
}
