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

export const SOLUTION_FORMATS: ResultFormat[] = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
export const GRAPH_FORMATS: ResultFormat[] = ['application/n-triples', 'text/turtle', 'application/n-quads', 'application/trig', 'application/rdf+xml'];

export const isSolutionForm = (f: QueryForm) => f === 'SELECT' || f === 'ASK';
