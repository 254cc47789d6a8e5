import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from 'graphql-ld';
import { LibkgError } from '../../errors.js';
import type { QuadStore } from '../../store/port.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../store/query-limits.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { effectiveContext, makeClient } from './client.js';
import { CONTEXT_PATH, contextDocument, DEFAULT_CONTEXT } from './context.js';
import { algebraToSparql, StoreQueryEngine } from './engine.js';
import { checkGraphqlLimits } from './limits.js';
import { GRAPHQL_PAGE_CSP, graphqlPage } from './page.js';

export interface GraphqlOptions {
  store: QuadStore;
  timeoutMs?: number;
  /** Set when reads need a token (publicReads off): queries ask for it; the page and the context stay public. */
  requireRead?: Guard;
  /** Shape limits (GraphQL fields and depth, text length and nesting; default DEFAULT_QUERY_LIMITS). */
  limits?: QueryLimits;
}

interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  context?: unknown;
  explain?: boolean;
}

/** GET parameters and form fields carry JSON as text; a context may also be a plain URL string. */
function parseJsonParam(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  if (name === 'context' && !/^[[{"]/.test(text)) return text;
  try {
    return JSON.parse(value);
  } catch {
    throw new LibkgError('BAD_REQUEST', `the ${name} parameter is not valid JSON`);
  }
}

function readRequest(params: Record<string, unknown>): GraphqlRequest {
  if (typeof params.query !== 'string' || params.query.trim() === '') throw new LibkgError('BAD_REQUEST', 'missing the query parameter (a GraphQL-LD query)');
  const variables = parseJsonParam('variables', params.variables);
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables)))
    throw new LibkgError('BAD_REQUEST', 'variables must be a JSON object');
  const explain = params.explain === true || params.explain === 'true' || params.explain === '1';
  return { query: params.query, variables: variables as Record<string, unknown> | undefined, context: parseJsonParam('context', params.context), explain };
}

const wantsHtml = (req: FastifyRequest): boolean => {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/');
};

/** GraphQL-LD (GraphQL over the graph through a JSON-LD context): GET/POST per GraphQL-over-HTTP, plus a form page and the default context. */
export const graphqlPlugin: FastifyPluginAsync<GraphqlOptions> = async (app, { store, timeoutMs, requireRead, limits = DEFAULT_QUERY_LIMITS }) => {
  const engine = new StoreQueryEngine(store, timeoutMs);
  const defaultClient = makeClient(engine, DEFAULT_CONTEXT);

  app.addContentTypeParser('application/graphql', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const run = async (reply: FastifyReply, request: GraphqlRequest) => {
    checkGraphqlLimits(request.query, limits);
    const client: Client = request.context === undefined ? defaultClient : makeClient(engine, effectiveContext(request.context));
    let converted: Awaited<ReturnType<Client['graphQlToSparql']>>;
    try {
      converted = await client.graphQlToSparql({ query: request.query, variables: request.variables });
    } catch (e) {
      if (e instanceof LibkgError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new LibkgError('BAD_REQUEST', `invalid GraphQL-LD query: ${message}`, { errors: [{ message }] });
    }
    const result = await client.query(converted);
    const body = request.explain ? { ...result, extensions: { sparql: algebraToSparql(converted.sparqlAlgebra) } } : result;
    reply.header('Vary', 'Accept').type('application/json; charset=utf-8');
    return JSON.stringify(body);
  };

  app.get(CONTEXT_PATH, async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=3600').type('application/ld+json; charset=utf-8');
    return JSON.stringify(contextDocument(), null, 2);
  });

  app.get('/graphql', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    if (q.query === undefined && wantsHtml(req))
      return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', GRAPHQL_PAGE_CSP).send(graphqlPage());
    await requireRead?.(req, reply);
    return run(reply, readRequest(q));
  });

  // The token (when reads need one) is checked before the body is read.
  app.post('/graphql', guardRoute(requireRead), async (req, reply) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type === 'application/json') {
      const body = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LibkgError('BAD_REQUEST', 'the JSON body must be an object with a query');
      return run(reply, readRequest(body as Record<string, unknown>));
    }
    if (type === 'application/graphql') return run(reply, readRequest({ ...(req.query as object), query: req.body }));
    if (type === 'application/x-www-form-urlencoded') return run(reply, readRequest(req.body as Record<string, unknown>));
    throw new LibkgError('UNSUPPORTED_FORMAT', `POST /graphql takes application/json, application/graphql or a form, not ${type || 'no content type'}`);
  });
};
