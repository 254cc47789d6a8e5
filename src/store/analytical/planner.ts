/**
 * Which path answers a query the translator supports. A general cost rule over the algebra and the
 * copy's predicate statistics, never the query's text: DuckDB pays when the query reads a large part
 * of the data and then has to see all of it (grouping, aggregates, DISTINCT, ORDER BY, MINUS, or a
 * join with no LIMIT to stop early). Oxigraph answers lookups and streams LIMITed joins faster.
 */
import { Algebra } from 'sparqlalgebrajs';
import { termToNt } from '../../rdf/nquads.js';

export interface Statistics {
  /** Quads of a predicate given in N-Triples form (0 when none). */
  predicateQuads(nt: string): number;
  /** Distinct objects of a predicate (at least 1). */
  predicateObjects(nt: string): number;
  totalQuads: number;
}

export interface Plan {
  analytical: boolean;
  /** Why, for logs and tests. */
  reason: string;
}

interface Features {
  patterns: number;
  largest: number;
  smallest: number;
  whole: string[];
  /** A LIMIT without ORDER BY above everything: Oxigraph can stop early. */
  streams: boolean;
}

/** A pattern this selective lets Oxigraph's index lookups drive the whole query. */
const SELECTIVE_ROWS = 100;

/** Quads a triple pattern reads: few when its subject is given (an index lookup), else its predicate's share. */
function patternRows(p: Algebra.Pattern, stats: Statistics): number {
  if (p.subject.termType !== 'Variable' && p.subject.termType !== 'BlankNode') return 1;
  if (p.predicate.termType !== 'NamedNode') return stats.totalQuads;
  const quads = stats.predicateQuads(termToNt(p.predicate));
  const objectGiven = p.object.termType !== 'Variable' && p.object.termType !== 'BlankNode';
  return objectGiven ? Math.ceil(quads / stats.predicateObjects(termToNt(p.predicate))) : quads;
}

function features(root: Algebra.Operation, stats: Statistics): Features {
  const f: Features = { patterns: 0, largest: 0, smallest: Number.POSITIVE_INFINITY, whole: [], streams: false };
  f.streams = root.type === Algebra.types.SLICE && (root as Algebra.Slice).length !== undefined;
  const walk = (op: Algebra.Operation) => {
    switch (op.type) {
      case Algebra.types.BGP:
        for (const p of (op as Algebra.Bgp).patterns) {
          const rows = patternRows(p, stats);
          f.patterns++;
          f.largest = Math.max(f.largest, rows);
          f.smallest = Math.min(f.smallest, rows);
        }
        return;
      case Algebra.types.GROUP:
        f.whole.push('GROUP BY/aggregates');
        break;
      case Algebra.types.DISTINCT:
      case Algebra.types.REDUCED:
        f.whole.push('DISTINCT');
        break;
      case Algebra.types.ORDER_BY:
        f.whole.push('ORDER BY');
        f.streams = false;
        break;
      case Algebra.types.MINUS:
        f.whole.push('MINUS');
        break;
    }
    const input = (op as { input?: Algebra.Operation | Algebra.Operation[] }).input;
    if (Array.isArray(input)) input.forEach(walk);
    else if (input) walk(input);
  };
  walk(root);
  return f;
}

export function plan(algebra: Algebra.Operation, stats: Statistics, minRows: number): Plan {
  const f = features(algebra, stats);
  if (f.largest < minRows) return { analytical: false, reason: `no pattern reads ${minRows} quads (largest ${f.largest})` };
  if (f.smallest <= SELECTIVE_ROWS) return { analytical: false, reason: `a selective pattern (about ${f.smallest} quads) drives the query` };
  if (f.whole.length && !(f.streams && f.whole.every((w) => w === 'DISTINCT'))) {
    return { analytical: true, reason: `${f.whole.join(', ')} over a pattern of ${f.largest} quads` };
  }
  if (f.patterns >= 2 && !f.streams) return { analytical: true, reason: `a join of ${f.patterns} patterns (largest ${f.largest} quads) with no LIMIT` };
  return { analytical: false, reason: f.streams ? 'a LIMIT Oxigraph can stop at' : 'a single pattern' };
}
