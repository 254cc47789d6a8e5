/**
 * Semi-joins inside the branches of a UNION under SELECT DISTINCT. Read in
 * written order, a branch's triples bind variables that later triples and
 * filters no longer read (SP2Bench q8: ?document once ?document2 is found);
 * from there on only the set of the still-needed values matters, so the
 * prefix becomes `SELECT DISTINCT <still needed> { prefix + its filters }`,
 * and again after every triple where a variable dies. Oxigraph otherwise
 * carries every (document, co-author, document2) row to the end: q8 at 1 M,
 * 736,446 rows where 58,516 distinct ones suffice.
 *
 * Exact because (checked here):
 * - the outer query is SELECT DISTINCT of plain variables without
 *   GROUP/HAVING/ORDER/LIMIT/OFFSET/VALUES, so only the set of projected
 *   rows counts, never how often a row comes (repeats across graphs, i.e.
 *   the default graph as the union of all graphs, included);
 * - a branch holds only triples (no paths, no blank nodes) and filters: its
 *   solutions are Filter(all conjuncts, Join(all triples)), every variable
 *   of a triple is bound, and `a && b` keeps a row iff each conjunct does, so
 *   a conjunct can be checked as soon as all its variables are bound;
 * - a conjunct is only moved when it is plain comparison/logic/term tests
 *   over variables (no EXISTS, bound, RAND, BNODE, function calls: those read
 *   more than the row or differ per call);
 * - a variable is projected away only when no later triple, no unplaced
 *   conjunct, no outer projection and no filter outside the UNION reads it;
 *   joins with later triples depend only on the kept (shared) variables.
 * Heuristic, not a proof: the first cut's prefix must hold an anchor (a
 * triple with a constant subject or literal object), so the subquery starts
 * from few rows rather than fencing off a large join from the join order.
 */
import type * as sparqljs from 'sparqljs';
import { conjoin, conjuncts } from './ast.js';
import { plainDistinctProjection } from './plain-distinct.js';

type Triple = sparqljs.Triple;
type Expression = sparqljs.Expression;

/** Operators that read only the row's own bound values and give the same answer each time. */
const PURE_OPERATORS = new Set(
  [
    '=',
    '!=',
    '<',
    '>',
    '<=',
    '>=',
    '&&',
    '||',
    '!',
    'sameterm',
    'isiri',
    'isuri',
    'isblank',
    'isliteral',
    'isnumeric',
    'str',
    'lang',
    'datatype',
    'langmatches',
    'regex',
    'strlen',
    'lcase',
    'ucase',
    'contains',
    'strstarts',
    'strends',
  ].map((o) => o.toLowerCase()),
);

function isPure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const node = e as { termType?: string; type?: string; operator?: string; args?: unknown[] };
  if (node.termType === 'Variable' || node.termType === 'NamedNode' || node.termType === 'Literal') return true;
  if (node.type === 'operation' && PURE_OPERATORS.has(String(node.operator).toLowerCase())) return (node.args ?? []).every(isPure);
  return false;
}

const varsOf = (node: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(node)) for (const n of node) varsOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const t = node as { termType?: string; value?: string };
    if (t.termType === 'Variable' && t.value) out.add(t.value);
    else for (const v of Object.values(node)) varsOf(v, out);
  }
  return out;
};

const hasBlankNodeOrPath = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.some(hasBlankNodeOrPath);
  if (typeof node !== 'object' || node === null) return false;
  const t = node as { termType?: string; type?: string };
  return t.termType === 'BlankNode' || t.type === 'path' || Object.values(node).some(hasBlankNodeOrPath);
};

const isAnchor = (t: Triple): boolean =>
  (t.subject as { termType: string }).termType === 'NamedNode' || (t.object as { termType: string }).termType === 'Literal';

const distinctSelect = (vars: string[], where: sparqljs.Pattern[]): sparqljs.Pattern =>
  ({
    type: 'group',
    patterns: [{ type: 'query', queryType: 'SELECT', distinct: true, variables: vars.map((value) => ({ termType: 'Variable', value })), where, prefixes: {} }],
  }) as unknown as sparqljs.Pattern;

/** The branch with its prefixes turned into DISTINCT subqueries, or undefined when no cut applies. */
function cutBranch(pattern: sparqljs.Pattern, outside: Set<string>): sparqljs.GroupPattern | undefined {
  // sparqljs writes a branch of one BGP as the bare BGP.
  const branch: sparqljs.Pattern = pattern.type === 'bgp' ? { type: 'group', patterns: [pattern] } : pattern;
  if (branch.type !== 'group' || !branch.patterns.every((p) => p.type === 'bgp' || p.type === 'filter')) return undefined;
  if (hasBlankNodeOrPath(branch.patterns)) return undefined;
  const triples = branch.patterns.flatMap((p) => (p.type === 'bgp' ? p.triples : []));
  const all = branch.patterns.flatMap((p) => (p.type === 'filter' ? conjuncts(p.expression) : []));
  // Impure conjuncts stay in the outermost filter and keep their variables alive.
  let unplaced = all.filter(isPure);
  const stay = all.filter((c) => !isPure(c));
  let fenced: sparqljs.Pattern[] = []; // the subquery so far (at most one)
  let open: Triple[] = []; // triples since the last cut
  let placed: Expression[] = []; // conjuncts checked since the last cut
  let bound = new Set<string>();
  let anchored = false;
  let cuts = 0;
  for (const [i, t] of triples.entries()) {
    open.push(t);
    anchored ||= isAnchor(t);
    for (const v of varsOf(t)) bound.add(v);
    const ready = unplaced.filter((c) => [...varsOf(c)].every((v) => bound.has(v)));
    placed.push(...ready);
    unplaced = unplaced.filter((c) => !ready.includes(c));
    if (i === triples.length - 1) break;
    const needed = varsOf([triples.slice(i + 1), unplaced, stay], new Set(outside));
    const keep = [...bound].filter((v) => needed.has(v));
    const inside = fenced.length + open.length;
    if (keep.length === 0 || keep.length === bound.size || inside < 2 || !anchored) continue;
    const where = [...fenced, { type: 'bgp', triples: open } as sparqljs.BgpPattern, ...(placed.length ? [filterOf(placed)] : [])];
    fenced = [distinctSelect(keep, where)];
    open = [];
    placed = [];
    bound = new Set(keep);
    cuts++;
  }
  if (!cuts) return undefined;
  const rest = [...placed, ...unplaced, ...stay];
  return {
    type: 'group',
    patterns: [...fenced, ...(open.length ? [{ type: 'bgp', triples: open } as sparqljs.BgpPattern] : []), ...(rest.length ? [filterOf(rest)] : [])],
  };
}

const filterOf = (es: Expression[]): sparqljs.FilterPattern => ({ type: 'filter', expression: conjoin(es) });

/** Rewrites the UNION branches of the query's top group in place; returns how many branches changed. */
export function semiJoinUnionBranches(query: sparqljs.Query): number {
  const outside = plainDistinctProjection(query);
  if (!outside || !query.where) return 0;
  let changed = 0;
  for (const p of query.where) {
    if (p.type === 'filter') for (const v of varsOf(p)) outside.add(v);
    else if (p.type !== 'union') return 0; // other patterns beside the UNION would join with the branches
  }
  for (const p of query.where) {
    if (p.type !== 'union') continue;
    p.patterns = p.patterns.map((b) => {
      const cut = cutBranch(b, outside);
      if (cut) changed++;
      return cut ?? b;
    });
  }
  return changed;
}
