/**
 * Finds the graphs of a journal that an engine cannot load: a graph name that is not a valid IRI,
 * or lines Oxigraph's N-Quads parser refuses (IRIs escaped as \u0020 by older versions, bad
 * %-escapes…). The same parser as the engines, one graph at a time, so each bad graph is named.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import oxigraph from 'oxigraph';
import { LibkgError } from '../errors.js';
import { iriProblem } from '../rdf/iri.js';
import { Journal } from './journal.js';
import type { BadGraph } from './port.js';

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

/**
 * `findBadGraphs` on a data dir's journal, read-only and without taking the data dir's lock, so it
 * can run while a server uses the data dir (one read transaction: a consistent snapshot).
 */
export function checkDataDir(dataDir: string, onProgress?: (graphs: number) => void): { checked: number; bad: BadGraph[] } {
  const path = join(dataDir, 'libkg.sqlite');
  if (!existsSync(path)) throw new LibkgError('NOT_FOUND', `there is no journal at ${path}; name the data dir with --data-dir`);
  const journal = new Journal(path, 0, { readonly: true });
  try {
    journal.db.exec('BEGIN');
    const found = findBadGraphs(journal, onProgress);
    journal.db.exec('COMMIT');
    return found;
  } finally {
    journal.close();
  }
}
