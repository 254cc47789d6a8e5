/** Blocking keys of one entity's transformed values, by method. */
import type { BlockingKey } from '../model/spec.js';

export function qgrams(s: string, q: number): string[] {
  const t = s.replace(/\s+/g, '');
  if (t.length <= q) return t ? [t] : [];
  const out: string[] = [];
  for (let i = 0; i + q <= t.length; i++) out.push(t.slice(i, i + q));
  return out;
}

/** The distinct inverted-index keys of an entity (tokens, q-grams or whole identifiers). */
export function indexKeys(key: BlockingKey, values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (key.method === 'identifier') out.add(v);
    else if (key.method === 'tokens') for (const t of v.split(/\s+/)) t && out.add(t);
    else for (const g of qgrams(v, key.q)) out.add(g);
  }
  return [...out];
}

/** Sorted neighbourhood sorts entities by one string: each value's tokens in order, values sorted. */
export const sortKeys = (values: readonly string[]): string[] => [...new Set(values)];
