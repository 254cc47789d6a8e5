/**
 * A { B1 } UNION { B2 } -> { A B1 } UNION { A B2 }: a join distributes over a
 * union (bags included). Oxigraph evaluates a UNION of groups apart from the
 * triples beside it and joins afterwards, so the branches never see A's
 * bindings: SP2Bench q12b (ASK: is there a co-author of Paul Erdoes?)
 * enumerates co-authors of everyone before joining with the one person. With A
 * in each branch, each branch starts from A's rows. Same answers when
 * (checked here):
 * - the group is A's triples, then the UNION (then filters, which apply to
 *   the whole group as before);
 * - each branch holds only triples and filters, and a branch filter reads A's
 *   variables only where the branch's own triples bind them (else the filter
 *   would now see a value it did not see before);
 * - A has no blank nodes (a label may not appear in two patterns).
 */
import type * as sparqljs from 'sparqljs';

type Pattern = sparqljs.Pattern;
type Term = { termType: string; value: string };

function varsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) varsOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const t = node as Term;
    if (t.termType === 'Variable') out.add(t.value);
    else for (const v of Object.values(node)) varsOf(v, out);
  }
  return out;
}

function hasBlankNode(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasBlankNode);
  if (typeof node !== 'object' || node === null) return false;
  return (node as Term).termType === 'BlankNode' || Object.values(node).some(hasBlankNode);
}

function branchOk(branch: Pattern, shared: Set<string>): boolean {
  if (branch.type !== 'group' || !branch.patterns.every((p) => p.type === 'bgp' || p.type === 'filter')) return false;
  const own = varsOf(branch.patterns.filter((p) => p.type === 'bgp'));
  const read = varsOf(branch.patterns.filter((p) => p.type === 'filter'));
  return [...read].every((v) => !shared.has(v) || own.has(v));
}

/** Rewrites the query's top group in place; returns 1 when A was moved into the branches. */
export function distributeOverUnion(query: sparqljs.Query): number {
  const where = query.where;
  if (!where || where.length < 2) return 0;
  const [a, union, ...rest] = where;
  if (a?.type !== 'bgp' || union?.type !== 'union' || !rest.every((p) => p.type === 'filter')) return 0;
  if (hasBlankNode(a)) return 0;
  const shared = varsOf(a);
  if (!union.patterns.every((b) => branchOk(b, shared))) return 0;
  const branches = union.patterns.map(
    (b) => ({ type: 'group', patterns: [{ type: 'bgp', triples: [...a.triples] }, ...(b as sparqljs.GroupPattern).patterns] }) as sparqljs.GroupPattern,
  );
  query.where = [{ type: 'union', patterns: branches }, ...rest];
  return 1;
}
