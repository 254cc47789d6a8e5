import type * as sparqljs from 'sparqljs';

/**
 * The projected variables of a SELECT DISTINCT of plain variables, with no
 * GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET or VALUES; undefined for any other
 * query. Only there do rewrites that keep the set of answers keep the answer.
 */
export function plainDistinctProjection(query: sparqljs.Query): Set<string> | undefined {
  if (query.queryType !== 'SELECT' || !query.distinct || !query.where) return undefined;
  if (query.group || query.having || query.order || query.limit !== undefined || query.offset !== undefined || query.values) return undefined;
  const projected = new Set<string>();
  for (const v of query.variables) {
    if (!('termType' in v) || v.termType !== 'Variable') return undefined; // SELECT *, expressions, aggregates
    projected.add(v.value);
  }
  return projected;
}
