/**
 * A cluster shows once in search: hits whose entities share an owl:sameAs cluster's canonical IRI
 * (src/links/clusters/, handed in as a function: search knows no links) collapse into the best
 * ranked of them, which lists the others as `also`.
 */
import type { SearchDoc } from './port.js';

export type CanonicalOf = (iri: string) => string;

export type Collapsed<T> = T & { also: SearchDoc[] };

/** Hits in their order, each cluster once; `removed` is how many hits went into another's `also`. */
export function collapseClusters<T extends { doc: SearchDoc }>(hits: T[], canonicalOf: CanonicalOf): { hits: Collapsed<T>[]; removed: number } {
  const kept = new Map<string, Collapsed<T>>();
  let removed = 0;
  for (const hit of hits) {
    const key = canonicalOf(hit.doc.iri);
    const first = kept.get(key);
    if (first) {
      first.also.push(hit.doc);
      removed++;
    } else kept.set(key, { ...hit, also: [] });
  }
  return { hits: [...kept.values()], removed };
}
