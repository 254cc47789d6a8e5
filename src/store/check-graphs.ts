/**
 * Finds the graphs of a journal that an engine cannot load: a graph name that is not a valid IRI,
 * or lines Oxigraph's N-Quads parser refuses (IRIs escaped as \u0020 by older versions, bad
 * %-escapes…). The same parser as the engines, one graph at a time, so each bad graph is named.
 */
import oxigraph from 'oxigraph';
import { iriProblem } from '../rdf/iri.js';
import type { Journal } from './journal.js';

export interface BadGraph {
  graph: string;
  reason: string;
  /** The graph's stored lines ("s p o", no graph, no dot), for the operator's copy. */
  lines: string[];
}

/** A scratch store is dropped after this many quads, so checking a large journal stays small. */
const SCRATCH_QUADS = 200_000;

export function findBadGraphs(journal: Journal, onProgress?: (graphs: number) => void): { checked: number; bad: BadGraph[] } {
  const bad: BadGraph[] = [];
  let scratch = new oxigraph.Store();
  let checked = 0;
  for (const [iri, body] of journal.bodies()) {
    checked++;
    if (checked % 1000 === 0) onProgress?.(checked);
    const lines = body.split('\n');
    const nameProblem = iri === '' ? undefined : iriProblem(iri);
    if (nameProblem) {
      bad.push({ graph: iri, reason: `graph name is not a valid IRI: ${nameProblem}`, lines });
      continue;
    }
    const suffix = iri === '' ? ' .' : ` <${iri}> .`;
    try {
      scratch.load(lines.map((l) => l + suffix).join('\n'), { format: 'application/n-quads' });
    } catch (e) {
      bad.push({ graph: iri, reason: (e as Error).message ?? String(e), lines });
    }
    if (scratch.size > SCRATCH_QUADS) scratch = new oxigraph.Store();
  }
  onProgress?.(checked);
  return { checked, bad };
}
