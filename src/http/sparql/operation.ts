/**
 * Reads one SPARQL 1.1 Protocol operation from an HTTP request, with the
 * protocol's rules: which methods and media types carry a query or an update,
 * at most one of each, UTF-8 only, and no protocol dataset when the update
 * names its own (USING / WITH).
 */
import type { FastifyRequest } from 'fastify';
import sparqljs from 'sparqljs';
import { LibkgError } from '../../errors.js';
import { parseQueryWithin } from '../../store/parse-offthread.js';
import type { ParsedQuery } from '../../store/parsed-query.js';
import { checkQueryShape, prescanQuery, type QueryLimits } from '../../store/query-limits.js';
import { DEFAULT_PREFIXES } from './default-prefixes.js';

export type Operation =
  /** `format`: result formats asked for by parameter (SPARQLWrapper sends it more than once), overriding Accept. */
  | { kind: 'query'; text: string; defaultGraphs: string[]; namedGraphs: string[]; format: string[] }
  | { kind: 'update'; text: string; usingGraphs: string[]; usingNamedGraphs: string[] }
  /** GET without a query: the service description or the query page. */
  | { kind: 'none' };

type Params = Record<string, unknown>;

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function single(params: Params, name: string): string | undefined {
  const values = list(params[name]);
  if (values.length > 1) throw new LibkgError('BAD_REQUEST', `the ${name} parameter was given ${values.length} times; the protocol allows one`);
  return values[0];
}

const mediaTypeOf = (req: FastifyRequest) => (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Only UTF-8 is allowed (SPARQL 1.1 Protocol 2.1.2 / 2.2.2). */
function checkCharset(req: FastifyRequest): void {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  if (m && !/^utf-?8$/i.test(m[1] as string)) throw new LibkgError('UNSUPPORTED_FORMAT', `the request body must be UTF-8, not ${m[1]}`);
}

function queryOf(text: string, params: Params): Operation {
  return {
    kind: 'query',
    text,
    defaultGraphs: list(params['default-graph-uri']),
    namedGraphs: list(params['named-graph-uri']),
    // `output=` is Fuseki's name for the same override.
    format: [...list(params.format), ...list(params.output)],
  };
}

function updateOf(text: string, params: Params): Operation {
  return { kind: 'update', text, usingGraphs: list(params['using-graph-uri']), usingNamedGraphs: list(params['using-named-graph-uri']) };
}

export function readOperation(req: FastifyRequest): Operation {
  const qs = (req.query ?? {}) as Params;
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (qs.update !== undefined) throw new LibkgError('METHOD_NOT_ALLOWED', 'updates must be sent with POST, not GET');
    const query = single(qs, 'query');
    return query === undefined ? { kind: 'none' } : queryOf(query, qs);
  }
  const type = mediaTypeOf(req);
  if (type === 'application/x-www-form-urlencoded') {
    const body = (req.body ?? {}) as Params;
    const query = single(body, 'query');
    const update = single(body, 'update');
    if (query !== undefined && update !== undefined) throw new LibkgError('BAD_REQUEST', 'send either a query or an update, not both');
    // Parameters may be split between the form and the URL; the form wins.
    if (query !== undefined) return queryOf(query, { ...qs, ...body });
    if (update !== undefined) return updateOf(update, { ...qs, ...body });
    throw new LibkgError('BAD_REQUEST', 'the form needs a query or an update parameter');
  }
  if (type === 'application/sparql-query') {
    checkCharset(req);
    return queryOf(String(req.body ?? ''), qs);
  }
  if (type === 'application/sparql-update') {
    checkCharset(req);
    return updateOf(String(req.body ?? ''), qs);
  }
  throw new LibkgError(
    'UNSUPPORTED_FORMAT',
    `POST /sparql takes application/sparql-query, application/sparql-update or application/x-www-form-urlencoded, not ${type || 'a body without Content-Type'}`,
  );
}

type ParseError = Error & { hash?: { loc?: { first_line: number; first_column: number } } };

/**
 * The request's one parse of its query (parsed-query.ts), which travels with it from here on. A query over
 * the shape limits is refused first: the text is pre-scanned (no parse for what is too long or too deep),
 * then the parsed form is measured. libkg's prefixes may be left undeclared (default-prefixes.ts).
 * The parse counts against the query timeout (parse-offthread.ts).
 */
export function parseRequestQuery(text: string, baseIri: string, limits: QueryLimits, timeoutMs: number): Promise<ParsedQuery> {
  return parseQueryWithin(text, { baseIri, prefixes: DEFAULT_PREFIXES, limits, timeoutMs });
}

/** Parses an update to check it before it reaches the store: shape limits, syntax errors with position, and dataset conflicts. */
export function checkUpdate(op: Extract<Operation, { kind: 'update' }>, baseIri: string, limits?: QueryLimits): void {
  // Updates carry data (INSERT DATA): the body limit bounds their length, the other limits apply.
  if (limits) prescanQuery(op.text, 'sparql', limits, false);
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, prefixes: { ...DEFAULT_PREFIXES } }).parse(op.text);
  } catch (e) {
    const loc = (e as ParseError).hash?.loc;
    throw new LibkgError('UPDATE_SYNTAX', (e as Error).message, loc ? { line: loc.first_line, column: loc.first_column + 1 } : {});
  }
  if (parsed.type !== 'update') throw new LibkgError('UPDATE_SYNTAX', 'expected a SPARQL Update, got a query (send queries as query=, or GET)');
  if (limits) checkQueryShape(parsed, limits);
  if (!op.usingGraphs.length && !op.usingNamedGraphs.length) return;
  for (const u of parsed.updates) {
    if ('updateType' in u && u.updateType === 'insertdelete' && (u.using || u.graph)) {
      throw new LibkgError(
        'BAD_REQUEST',
        'using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH in the update (SPARQL 1.1 Protocol 2.2.3)',
      );
    }
  }
}
