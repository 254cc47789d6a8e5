/**
 * Limits on the shape of a query, checked before it reaches an engine.
 * Oxigraph evaluates queries recursively in WASM: a few thousand nested
 * groups, UNION branches or chained operators exhaust its stack and trap
 * ("memory access out of bounds"), and sparqljs takes seconds to parse deep
 * nesting on the HTTP thread. So the raw text is pre-scanned first (length,
 * bracket nesting: linear, no parse) and the parsed form is checked second.
 * Measured thresholds and parse times: docs/decisions/0006-query-shape-limits.md.
 */
import type sparqljs from 'sparqljs';
import { LibkgError } from '../errors.js';
import { groupDefaults, groupEnvNames } from '../settings/resolve.js';
import { codeOnly } from './sparql-text.js';

export interface QueryLimits {
  /** Longest query text in characters (SPARQL queries and GraphQL documents; updates are bounded by the body limit). */
  maxQueryChars: number;
  /** Deepest nesting of brackets in the text, and of groups and operators in the parsed query. */
  maxQueryDepth: number;
  /** Most triple patterns in a query or in an update's WHERE and templates (INSERT DATA / DELETE DATA are data, not counted). */
  maxTriplePatterns: number;
  /** Most UNION branches in a query, all UNIONs together. */
  maxUnionBranches: number;
  /** Most VALUES rows in a query, all VALUES blocks together. */
  maxValuesRows: number;
  /** Most operators and function calls in a query's expressions (FILTER, BIND, SELECT expressions, ...). */
  maxExpressionNodes: number;
  /** Most fields a GraphQL-LD query selects, fragments expanded. */
  maxGraphqlFields: number;
  /** Deepest nesting of GraphQL selection sets. */
  maxGraphqlDepth: number;
}

// Defaults and variable names are declared once, in the settings table (group 'query-shape').
export const DEFAULT_QUERY_LIMITS: QueryLimits = groupDefaults('query-shape');

/** The environment variable of each limit (named in every refusal, so an operator knows what to raise). */
export const QUERY_LIMIT_SETTINGS: Record<keyof QueryLimits, string> = groupEnvNames('query-shape');

/** The 400 for a query over one limit: what was found, the limit, and the setting that raises it. */
export function tooComplex(limit: keyof QueryLimits, found: number, max: number, what: string): LibkgError {
  const setting = QUERY_LIMIT_SETTINGS[limit];
  return new LibkgError('QUERY_TOO_COMPLEX', `the query has ${found} ${what}; the limit is ${max} (${setting})`, { limit, value: found, max, setting });
}

const OPEN = new Set(['{', '(', '[']);
const CLOSE = new Set(['}', ')', ']']);

/**
 * The deepest bracket nesting of a SPARQL or GraphQL text, outside strings,
 * IRIs and comments (the same lexical view `codeOnly` gives the prefix and form
 * sniffers; GraphQL has no IRIs or single-quoted strings, so one view serves both);
 * stops counting once past `stopAbove` (the answer is then only known to be larger).
 */
export function nestingDepth(text: string, _lang: 'sparql' | 'graphql', stopAbove = Number.POSITIVE_INFINITY): number {
  const code = codeOnly(text);
  let depth = 0;
  let max = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (OPEN.has(c)) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (CLOSE.has(c) && depth > 0) depth--;
  }
  return max;
}

/** Refuses, before any parse, a text longer or more deeply nested than the limits allow. */
export function prescanQuery(text: string, lang: 'sparql' | 'graphql', limits: QueryLimits, checkLength = true): void {
  if (checkLength && text.length > limits.maxQueryChars) throw tooComplex('maxQueryChars', text.length, limits.maxQueryChars, 'characters');
  // The scan stops one level past the limit: the refusal says "more than", not the full depth.
  if (nestingDepth(text, lang, limits.maxQueryDepth) > limits.maxQueryDepth) {
    const setting = QUERY_LIMIT_SETTINGS.maxQueryDepth;
    throw new LibkgError(
      'QUERY_TOO_COMPLEX',
      `the query nests brackets more than ${limits.maxQueryDepth} levels deep; the limit is ${limits.maxQueryDepth} (${setting})`,
      { limit: 'maxQueryDepth', max: limits.maxQueryDepth, setting },
    );
  }
}

/** Pattern nodes that open a level of nesting in the parsed query. */
const NESTING = new Set(['group', 'optional', 'minus', 'graph', 'service', 'union', 'query', 'filter', 'bind']);

export interface Shape {
  depth: number;
  triples: number;
  unionBranches: number;
  valuesRows: number;
  expressionNodes: number;
}

/**
 * Counts what the limits bound in a parsed query or update. Iterative (an
 * explicit stack): the tree may be thousands of levels deep when limits are
 * raised, deeper than JavaScript's own stack. A chain of one associative
 * operator (a || b || c) is one level, as Oxigraph's stack copes with long
 * chains up to the expression-node limit.
 */
export function measureShape(parsed: sparqljs.SparqlQuery): Shape {
  const shape: Shape = { depth: 0, triples: 0, unionBranches: 0, valuesRows: 0, expressionNodes: 0 };
  const stack: { node: unknown; depth: number; operator?: string; data?: boolean }[] = [{ node: parsed, depth: 0 }];
  while (stack.length) {
    const { node, depth, operator, data } = stack.pop() as (typeof stack)[number];
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, depth, operator, data });
      continue;
    }
    if (typeof node !== 'object' || node === null || 'termType' in node) continue;
    const o = node as Record<string, unknown>;
    let d = depth;
    if (typeof o.type === 'string' && NESTING.has(o.type)) d++;
    let op: string | undefined;
    if (o.type === 'operation' || o.type === 'functionCall' || o.type === 'aggregate') {
      shape.expressionNodes++;
      op = String(o.operator ?? o.function ?? o.aggregation ?? '');
      if (op !== operator || !['||', '&&', '+', '*'].includes(op)) d++;
    }
    if (o.type === 'union' && Array.isArray(o.patterns)) shape.unionBranches += o.patterns.length;
    if (o.type === 'values' && Array.isArray(o.values)) shape.valuesRows += o.values.length;
    if (!data && Array.isArray(o.triples)) shape.triples += o.triples.length;
    if (d > shape.depth) shape.depth = d;
    // Property paths are nested objects too, but bounded by the text's bracket depth.
    const isData = data || o.updateType === 'insert' || o.updateType === 'delete';
    for (const child of Object.values(o)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: d, operator: op, data: isData });
    }
  }
  return shape;
}

/** Refuses a parsed query or update over any shape limit (400 QUERY_TOO_COMPLEX naming the limit and its setting). */
export function checkQueryShape(parsed: sparqljs.SparqlQuery, limits: QueryLimits): void {
  checkShape(measureShape(parsed), limits);
}

/** Refuses a measured shape over any limit. */
export function checkShape(s: Shape, limits: QueryLimits): void {
  if (s.unionBranches > limits.maxUnionBranches) throw tooComplex('maxUnionBranches', s.unionBranches, limits.maxUnionBranches, 'UNION branches');
  if (s.valuesRows > limits.maxValuesRows) throw tooComplex('maxValuesRows', s.valuesRows, limits.maxValuesRows, 'VALUES rows');
  if (s.triples > limits.maxTriplePatterns) throw tooComplex('maxTriplePatterns', s.triples, limits.maxTriplePatterns, 'triple patterns');
  if (s.expressionNodes > limits.maxExpressionNodes)
    throw tooComplex('maxExpressionNodes', s.expressionNodes, limits.maxExpressionNodes, 'operators and function calls in its expressions');
  if (s.depth > limits.maxQueryDepth) throw tooComplex('maxQueryDepth', s.depth, limits.maxQueryDepth, 'levels of nested groups and operators');
}
