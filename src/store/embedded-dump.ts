import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Journal } from './journal.js';

// Writing the whole store out (`libkg dump`, backups): reads the journal only, never the engines.

/** One N-Quads line from a stored "s p o" line and its graph ('' = default graph). */
export const nq = (iri: string, key: string) => (iri === '' ? `${key} .` : `${key} <${iri}> .`);

/** Writes every graph as N-Quads or TriG; returns the number of quads written. */
export async function dumpJournal(
  journal: Journal,
  out: Writable,
  format: 'application/n-quads' | 'application/trig',
  onProgress?: (n: number) => void,
): Promise<number> {
  // A second read-only connection gives a consistent snapshot while writes go on.
  const reader = new Journal(journal.path, journal.budget, { readonly: true });
  let n = 0;
  let current = '';
  try {
    reader.db.exec('BEGIN');
    for (const [graph, body] of reader.bodies()) {
      const lines = body.split('\n');
      let chunk: string;
      if (format === 'application/trig') {
        // N-Triples lines are valid TriG statements inside a graph block.
        chunk = '';
        if (graph !== current) {
          if (current) chunk += '}\n';
          if (graph) chunk += `<${graph}> {\n`;
          current = graph;
        }
        chunk += `${lines.join(' .\n')} .\n`;
      } else {
        chunk = `${lines.map((l) => nq(graph, l)).join('\n')}\n`;
      }
      if (!out.write(chunk)) await once(out, 'drain');
      n += lines.length;
      onProgress?.(n);
    }
    if (format === 'application/trig' && current) out.write('}\n');
    reader.db.exec('COMMIT');
  } finally {
    reader.close();
  }
  onProgress?.(n);
  return n;
}
