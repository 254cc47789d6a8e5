/** Small helpers over sparqljs query trees, shared by the rewrites. */

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
