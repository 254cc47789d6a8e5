/** Small helpers over sparqljs query trees, shared by the rewrites. */
import type * as sparqljs from 'sparqljs';

type Expression = sparqljs.Expression;
type Operation = sparqljs.OperationExpression;

export type VariableTerm = { termType: 'Variable'; value: string };

/** A variable term, optionally of a given name. */
export const isVar = (t: unknown, name?: string): t is VariableTerm =>
  typeof t === 'object' &&
  t !== null &&
  (t as { termType?: string }).termType === 'Variable' &&
  (name === undefined || (t as { value: string }).value === name);

/** Every variable occurrence anywhere in an AST fragment, by name. */
export function countVariables(node: unknown, counts = new Map<string, number>()): Map<string, number> {
  if (Array.isArray(node)) for (const n of node) countVariables(n, counts);
  else if (typeof node === 'object' && node !== null) {
    if (isVar(node)) counts.set(node.value, (counts.get(node.value) ?? 0) + 1);
    else for (const v of Object.values(node)) countVariables(v, counts);
  }
  return counts;
}

/** The expression as an operation (`?a = ?b`, `!bound(?x)`, …), or undefined. */
export const op = (e: unknown): Operation | undefined =>
  typeof e === 'object' && e !== null && (e as { type?: string }).type === 'operation' ? (e as Operation) : undefined;

/** Splits a top-level && chain into conjuncts. */
export const conjuncts = (e: Expression): Expression[] =>
  op(e)?.operator === '&&' ? (op(e) as Operation).args.flatMap((a) => conjuncts(a as Expression)) : [e];

/** Joins conjuncts back into one && chain. */
export const conjoin = (es: Expression[]): Expression => es.reduce((a, b) => ({ type: 'operation', operator: '&&', args: [a, b] }) as Expression);

/** `!bound(?v)` as the variable name. */
export function notBound(e: Expression): string | undefined {
  const inner = op(e)?.operator === '!' ? op((op(e) as Operation).args[0]) : undefined;
  return inner?.operator === 'bound' && isVar(inner.args[0]) ? inner.args[0].value : undefined;
}

/** The triples of a group's own basic graph patterns (not those of nested groups). */
export const triplesOf = (patterns: sparqljs.Pattern[]): sparqljs.Triple[] => patterns.flatMap((p) => (p.type === 'bgp' ? p.triples : []));

/** `FILTER(false)`: the group it is in has no solutions (Oxigraph then evaluates nothing of it). */
export const falseFilter = (): sparqljs.FilterPattern =>
  ({
    type: 'filter',
    expression: { termType: 'Literal', value: 'false', datatype: { termType: 'NamedNode', value: 'http://www.w3.org/2001/XMLSchema#boolean' } },
  }) as unknown as sparqljs.FilterPattern;
