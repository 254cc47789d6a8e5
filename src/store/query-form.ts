import { ENGINE_GRAPH_TYPES, SOLUTION_TYPES } from '../rdf/media-types.js';
import { parseQuery } from './parsed-query.js';
import type { QueryForm, ResultFormat } from './port.js';

/** What the store needs to know of a query before sending it to an engine. */
export interface QueryShape {
  form: QueryForm;
  /** The query names its own dataset (FROM / FROM NAMED): the union default graph must not replace it. */
  ownDataset: boolean;
}

const cache = new Map<string, QueryShape>();
const CACHE_MAX = 500;

/**
 * The query's form and dataset clauses, from a real parse (never sniffed; parsed-query.ts), kept per text:
 * for queries that come without their parse (libkg's own, GraphQL-LD's). Syntax errors are QUERY_SYNTAX.
 */
export function queryShape(text: string, baseIri?: string, prefixes?: Record<string, string>): QueryShape {
  const key = prefixes ? `${Object.keys(prefixes).join(',')}\0${text}` : text;
  const hit = cache.get(key);
  if (hit) return hit;
  const { form, ownDataset } = parseQuery(text, baseIri, prefixes);
  const shape = { form, ownDataset };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, shape);
  return shape;
}

/** The query's form (see queryShape). */
export const queryForm = (text: string, baseIri?: string, prefixes?: Record<string, string>): QueryForm => queryShape(text, baseIri, prefixes).form;

export const SOLUTION_FORMATS: readonly ResultFormat[] = SOLUTION_TYPES;
/** Graph formats the engines write, N-Triples (the default) first. */
export const GRAPH_FORMATS: readonly ResultFormat[] = ['application/n-triples', ...ENGINE_GRAPH_TYPES.filter((t) => t !== 'application/n-triples')];

export const isSolutionForm = (f: QueryForm) => f === 'SELECT' || f === 'ASK';
