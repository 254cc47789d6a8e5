import sparqljs from 'sparqljs';
import { LibkgError } from '../errors.js';
import type { QueryForm, ResultFormat } from './port.js';

const cache = new Map<string, QueryForm>();
const CACHE_MAX = 500;

/** The query's form, from a real parse (never sniffed); syntax errors carry the parser's message and position. */
export function queryForm(text: string, baseIri?: string): QueryForm {
  const hit = cache.get(text);
  if (hit) return hit;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(text);
  } catch (e) {
    const err = e as Error & { hash?: { line?: number; loc?: { first_line: number; first_column: number } } };
    const loc = err.hash?.loc;
    throw new LibkgError('QUERY_SYNTAX', err.message, loc ? { line: loc.first_line, column: loc.first_column + 1 } : {});
  }
  if (parsed.type !== 'query') throw new LibkgError('QUERY_SYNTAX', 'expected a query, got a SPARQL Update (POST it as update)');
  const form = parsed.queryType as QueryForm;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, form);
  return form;
}

export const SOLUTION_FORMATS: ResultFormat[] = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
export const GRAPH_FORMATS: ResultFormat[] = ['application/n-triples', 'text/turtle', 'application/n-quads', 'application/trig', 'application/rdf+xml'];

export const isSolutionForm = (f: QueryForm) => f === 'SELECT' || f === 'ASK';
