/**
 * SPARQL result-set equality as the W3C evaluation tests mean it: rows as a
 * multiset up to a one-to-one renaming of blank nodes, numeric literals by their
 * canonical form, graphs by isomorphism, and row order only on the ORDER BY keys
 * (rows that tie on them may come in any order).
 */
import { isomorphic } from 'rdf-isomorphic';
import { type Row, sameRows } from '../http/w3c-results.js';
import { type Answer, canonicalRow } from './result-sets.js';

const show = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join('\n  ');

/**
 * The sequence of sort keys. Blank nodes order by label, which differs between stores:
 * a row's keys end at its first blank node.
 */
function keysOf(rows: Row[], orderVars: string[]): string[] {
  return rows.map((r) => {
    const keys: string[] = [];
    for (const v of orderVars) {
      if (r[v]?.startsWith('_:')) return [...keys, '_:'].join(' ');
      keys.push(r[v] ?? '');
    }
    return keys.join(' ');
  });
}

/** Undefined when the answers are equal, else why not. `orderVars`: the ORDER BY keys the answer must be sorted by. */
export function differences(expected: Answer, actual: Answer, orderVars: string[] = []): string | undefined {
  if (expected.kind === 'boolean' && actual.kind === 'boolean')
    return expected.value === actual.value ? undefined : `expected ${expected.value}, got ${actual.value}`;
  if (expected.kind === 'graph' && actual.kind === 'graph')
    return isomorphic(expected.quads, actual.quads) ? undefined : `graphs differ: expected ${expected.quads.length} triples, got ${actual.quads.length}`;
  if (!(expected.kind === actual.kind && (expected.kind === 'bindings' || expected.kind === 'csv') && 'rows' in actual))
    return `expected a ${expected.kind} answer, got a ${actual.kind} one`;
  if (expected.vars.length !== actual.vars.length || !expected.vars.every((v) => actual.vars.includes(v)))
    return `variables differ: expected ${expected.vars.join(' ')}, got ${actual.vars.join(' ')}`;
  const want = expected.rows.map(canonicalRow);
  const got = actual.rows.map(canonicalRow);
  if (!sameRows(want, got)) return `rows differ:\nexpected (${want.length})\n  ${show(want)}\nactual (${got.length})\n  ${show(got)}`;
  const keys = orderVars.filter((v) => expected.vars.includes(v));
  if (keys.length && keysOf(want, keys).join('\n') !== keysOf(got, keys).join('\n'))
    return `order differs on ${keys.join(', ')}:\nexpected\n  ${show(want)}\nactual\n  ${show(got)}`;
  return undefined;
}
