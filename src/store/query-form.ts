import sparqljs from 'sparqljs';
import { LibkgError } from '../errors.js';
import { ENGINE_GRAPH_TYPES, SOLUTION_TYPES } from '../rdf/media-types.js';
import type { QueryForm, ResultFormat } from './port.js';
import { codeOnly, namesDataset, sniffQueryForm } from './sparql-text.js';

/** What the store needs to know of a query before sending it to an engine. */
export interface QueryShape {
  form: QueryForm;
  /** The query names its own dataset (FROM / FROM NAMED): the union default graph must not replace it. */
  ownDataset: boolean;
}

const cache = new Map<string, QueryShape>();
const CACHE_MAX = 500;

type ParseError = Error & { hash?: { line?: number; loc?: { first_line: number; first_column: number } } };

/**
 * The query's form and dataset clauses, from a real parse (never sniffed); syntax errors carry the
 * parser's message and position. `prefixes` are known without declaration (a declared one wins).
 * When sparqljs itself crashes on valid input (e.g. a blank-node property list as the only CONSTRUCT
 * template, W3C construct-3), the form is read from the text and the engine has the last word.
 */
export function queryShape(text: string, baseIri?: string, prefixes?: Record<string, string>): QueryShape {
  const key = prefixes ? `${Object.keys(prefixes).join(',')}\0${text}` : text;
  const hit = cache.get(key);
  if (hit) return hit;
  let shape: QueryShape;
  try {
    const parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true, prefixes }).parse(text);
    if (parsed.type !== 'query') throw new LibkgError('QUERY_SYNTAX', 'expected a query, got a SPARQL Update (POST it as update)');
    const from = parsed.from;
    shape = { form: parsed.queryType as QueryForm, ownDataset: !!from && from.default.length + from.named.length > 0 };
  } catch (e) {
    if (e instanceof LibkgError) throw e;
    const err = e as ParseError;
    const code = codeOnly(text);
    // Only a crash inside the parser (not one of its own errors) falls back to reading the form.
    const sniffed = err instanceof TypeError && !err.hash ? sniffQueryForm(code) : undefined;
    if (!sniffed) {
      const loc = err.hash?.loc;
      throw new LibkgError('QUERY_SYNTAX', err.message, loc ? { line: loc.first_line, column: loc.first_column + 1 } : {});
    }
    shape = { form: sniffed, ownDataset: namesDataset(code) };
  }
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
