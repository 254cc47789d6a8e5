/** Oxigraph in process over the same lines: the answer the analytical path must give. */
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { AnalyticalCopy } from '../../../src/store/analytical/copy.js';

export interface Pair {
  copy: AnalyticalCopy;
  oxigraph: (text: string) => string;
}

/** Loads N-Quads lines into both engines; blank node labels are kept (as the engines keep them). */
export async function loadBoth(lines: string[]): Promise<Pair> {
  const copy = await AnalyticalCopy.create();
  await copy.addLines(lines);
  const store = new oxigraph.Store();
  for (const q of new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(lines.join('\n'))) store.add(q as never);
  return {
    copy,
    // As the engines run it: the union default graph unless the query names its own dataset.
    oxigraph: (text) =>
      store.query(text, { results_format: 'application/sparql-results+json', use_default_graph_as_union: !/\bFROM\b/i.test(text) } as never) as string,
  };
}

type Binding = Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>;

/** A JSON result's rows as sorted canonical strings (order-insensitive), or in order when `ordered`. */
export function rowsOf(json: string, ordered = false): string[] | boolean {
  const r = JSON.parse(json) as { boolean?: boolean; results?: { bindings: Binding[] } };
  if (r.boolean !== undefined) return r.boolean;
  const rows = (r.results?.bindings ?? []).map((b) =>
    JSON.stringify(
      Object.keys(b)
        .sort()
        .map((k) => [k, b[k]?.type, b[k]?.value, b[k]?.datatype ?? '', b[k]?.['xml:lang'] ?? '']),
    ),
  );
  return ordered ? rows : rows.sort();
}
