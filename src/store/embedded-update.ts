import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { linesToQuads, tripleKey } from '../rdf/nquads.js';
import type { QueryBackend } from './backend.js';
import type { GraphDelta } from './journal.js';
import type { NetDelta, UpdateContext } from './update.js';

// How a SPARQL Update talks to the one engine that evaluates it, and how its net effect becomes
// journal deltas; the store keeps the ordering, the journal write and the revert on failure.

const { DataFactory: F } = N3;

/**
 * The update context on `engine`: every step runs there, and `apply` records what really changed
 * in `applied` so the store can revert the engine when the update or its journal write fails.
 */
export function engineUpdateContext(pool: QueryBackend, engine: unknown, timeout: number, applied: { del: string[]; add: string[] }[]): UpdateContext {
  return {
    select: async (q, ds) => {
      const body = (await pool.run(
        { op: 'query', text: q, format: 'application/sparql-results+json', union: false, defaultGraphs: ds.defaultGraphs, namedGraphs: ds.namedGraphs },
        timeout,
        engine,
      )) as string;
      return JSON.parse(body).results.bindings;
    },
    namedGraphs: async () => {
      const body = (await pool.run(
        { op: 'query', text: 'SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }', format: 'application/sparql-results+json', union: false },
        timeout,
        engine,
      )) as string;
      return JSON.parse(body).results.bindings.map((b: { g: { value: string } }) => b.g.value);
    },
    graphQuads: async (g) => {
      const text = (await pool.run({ op: 'graph', graph: g }, timeout, engine)) as string;
      const target = g === '' ? F.defaultGraph() : F.namedNode(g);
      return linesToQuads(text).map((q) => F.quad(q.subject, q.predicate, q.object, target));
    },
    apply: async (del, add) => {
      const r = (await pool.run({ op: 'apply', del, add, effective: true }, timeout, engine)) as { added: string[]; removed: string[] };
      applied.push({ del: r.removed, add: r.added });
      return r;
    },
  };
}

/** An update's net effect as journal deltas per graph, plus the full N-Quads lines for the other engines. */
export function netToDeltas(net: NetDelta): { deltas: Map<string, GraphDelta>; del: string[]; add: string[] } {
  const deltas = new Map<string, GraphDelta>();
  const del: string[] = [];
  const add: string[] = [];
  for (const [graph, lines] of net) {
    const d: GraphDelta = { add: [], del: [] };
    for (const [line, sign] of lines) {
      // Lines are full N-Quads; the journal keys triples under their graph.
      const key = tripleKey(linesToQuads(line)[0] as RDF.Quad);
      (sign === 1 ? d.add : d.del).push(key);
      (sign === 1 ? add : del).push(line);
    }
    deltas.set(graph, d);
  }
  return { deltas, del, add };
}
