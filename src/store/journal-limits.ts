import { LibkgError } from '../errors.js';
import { assertIri } from '../rdf/iri.js';

// What a graph may be called and how large it may grow: checks shared by the journal and the
// store (which checks before building a write), kept apart from the journal's SQL.

/** The IRI under which the real default graph is kept in the journal. */
export const DEFAULT_GRAPH = '';

/**
 * Graph names are written into every N-Quads line the engines load (`<g> .`): a name that is not a
 * valid IRI would make the data dir unloadable, and one holding `> .\n` would inject quads. Deleting
 * needs no check (old data dirs may hold such a graph; `libkg repair` removes it).
 */
export function assertGraphName(iri: string): void {
  if (iri !== DEFAULT_GRAPH) assertIri(iri, 'graph name');
}

/**
 * A graph's content is one string (one row): V8 strings end at 2^29 - 24 characters, so a single
 * graph must stay below that. Bigger data belongs in several graphs (one per record or per file part).
 */
export const MAX_GRAPH_CHARS = 500_000_000;

/** Refuses, with a clear error, a graph whose "s p o" lines would not fit in one string. */
export function assertGraphFits(graph: string | (() => string), lines: Iterable<string>, max = MAX_GRAPH_CHARS): void {
  let chars = 0;
  for (const l of lines) {
    chars += l.length + 1;
    if (chars > max) {
      const iri = typeof graph === 'string' ? graph : graph();
      throw new LibkgError(
        'GRAPH_TOO_LARGE',
        `graph <${iri}> would hold more than ${max.toLocaleString('en')} characters of N-Triples, more than one graph can hold; split the data into several graphs (for a large RDF file: several files, each imported as its own graph)`,
        { graph: iri, limit: max },
      );
    }
  }
}
