/**
 * SPARQL result-set equality as the W3C evaluation tests mean it: rows as a
 * multiset up to a one-to-one renaming of blank nodes, numeric literals by their
 * canonical form, graphs by isomorphism, and row order only on the ORDER BY keys
 * (rows that tie on them may come in any order).
 */
import type * as RDF from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { type Row, sameRows } from '../http/w3c-results.js';
import { type Answer, canonicalRow } from './result-sets.js';

const show = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join('\n  ');

/** The sequence of sort keys, blank nodes made anonymous (they have no label to compare). */
const keysOf = (rows: Row[], orderVars: string[]) => rows.map((r) => orderVars.map((v) => (r[v]?.startsWith('_:') ? '_:' : (r[v] ?? ''))).join(' '));

/** Undefined when the answers are equal, else why not. `orderVars`: the ORDER BY keys the answer must be sorted by. */
export function differences(expected: Answer, actual: Answer, orderVars: string[] = []): string | undefined {
  if (expected.kind !== actual.kind) return `expected a ${expected.kind} answer, got a ${actual.kind} one`;
  if (expected.kind === 'boolean' && actual.kind === 'boolean')
    return expected.value === actual.value ? undefined : `expected ${expected.value}, got ${actual.value}`;
  if (expected.kind === 'graph' && actual.kind === 'graph') {
    if (isomorphic(expected.quads as RDF.Quad[], actual.quads as RDF.Quad[])) return undefined;
    return `graphs differ: expected ${expected.quads.length} triples, got ${actual.quads.length}`;
  }
  if (expected.kind === 'graph' || actual.kind === 'graph' || expected.kind === 'boolean' || actual.kind === 'boolean') return 'unreachable';
  const want = expected.rows.map(canonicalRow);
  const got = actual.rows.map(canonicalRow);
  if (new Set(expected.vars).size !== new Set([...expected.vars, ...actual.vars]).size || expected.vars.length !== actual.vars.length)
    return `variables differ: expected ${expected.vars.join(' ')}, got ${actual.vars.join(' ')}`;
  if (!sameRows(want, got)) return `rows differ:\nexpected (${want.length})\n  ${show(want)}\nactual (${got.length})\n  ${show(got)}`;
  const keys = orderVars.filter((v) => expected.vars.includes(v));
  if (keys.length && keysOf(want, keys).join('\n') !== keysOf(got, keys).join('\n'))
    return `order differs on ${keys.join(', ')}:\nexpected\n  ${show(want)}\nactual\n  ${show(got)}`;
  return undefined;
}
