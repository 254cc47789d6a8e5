import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { decodeBody } from '../../rdf/charset.js';
import { aliasesOf, RDF_MEDIA_TYPES, type RdfMediaType, SOLUTION_TYPES } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { Search } from '../../search/service.js';
import type { QuadStore } from '../../store/port.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../store/query-limits.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { formatToAccept, negotiate } from '../kit/negotiate.js';
import { answerQuery } from './answer.js';
import { atUserLines, withDefaultPrefixes } from './default-prefixes.js';
import { checkUpdate, parseRequestQuery, readOperation } from './operation.js';
import { serviceDescription } from './service-description.js';
import { rewriteTextQueries, TEXT_QUERY_PROPERTIES } from './text-search.js';
import { sendQueryPage, yasguiAssets } from './yasgui.js';

/** The service description in every RDF format, the query page for browsers. */
const DESCRIPTION_TYPES = [...RDF_MEDIA_TYPES, 'text/html'];

export interface SparqlOptions {
  store: QuadStore;
  requireWrite: Guard;
  /** Set when reads need a token too (publicReads: false). */
  requireRead?: Guard;
  /** The server's base IRI; the endpoint is `${baseIri}sparql` and is the base of relative IRIs. */
  baseIri: string;
  /** Results larger than this many bytes are streamed from the engine in pieces (default 4 MiB). */
  streamAboveBytes?: number;
  /** With it, `?s text:query "words"` (jena-text's property function) searches the index (text-search.ts). */
  search?: Search;
  /** Matches one text:query pattern takes without a limit of its own (default 10,000). */
  textQueryLimit?: number;
  /** Shape limits checked before a query or update reaches the store (default DEFAULT_QUERY_LIMITS). */
  limits?: QueryLimits;
  /** The query timeout (LIBKG_QUERY_TIMEOUT), which also bounds the parse of a query (default 30 s). */
  queryTimeoutMs?: number;
}

/** The parse's timeout when the plugin is not told the query timeout. */
const DEFAULT_PARSE_TIMEOUT_MS = 30_000;

/** SPARQL 1.1 Protocol at /sparql: queries (GET/POST), updates (POST, token), service description and the query page. */
export const sparqlPlugin: FastifyPluginAsync<SparqlOptions> = async (
  app,
  { store, requireWrite, requireRead, baseIri, streamAboveBytes, search, textQueryLimit, limits = DEFAULT_QUERY_LIMITS, queryTimeoutMs },
) => {
  const endpoint = `${baseIri}sparql`;
  app.addContentTypeParser(['application/sparql-query', 'application/sparql-update'], { parseAs: 'buffer' }, (_req, body, done) => {
    // Bytes that are not UTF-8 are refused (400 INVALID_ENCODING), not stored as U+FFFD.
    try {
      // UTF-8 only (SPARQL 1.1 Protocol); another charset parameter is refused by checkCharset.
      done(null, decodeBody(body as Buffer, undefined, 'the SPARQL body'));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const op = readOperation(req);
    if (op.kind === 'update') {
      await requireWrite(req, reply);
      checkUpdate(op, endpoint, limits);
      op.text = withDefaultPrefixes(op.text);
      const r = await store.update(op.text, { usingGraphs: op.usingGraphs, usingNamedGraphs: op.usingNamedGraphs, baseIri: endpoint });
      return reply.status(200).send({ ok: true, ...r });
    }
    if (op.kind === 'query') {
      await requireRead?.(req, reply);
      // Parsed once, on the user's text: the limits apply before text:query rewrites add their VALUES rows, and
      // syntax errors point at the user's lines (the text the engines get declares libkg's prefixes in front).
      // The parse is bounded by the query timeout too (the engine then has its own).
      let query = await parseRequestQuery(op.text, endpoint, limits, queryTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS);
      if (search) {
        const rewritten = await rewriteTextQueries(query, { search, defaultLimit: textQueryLimit });
        // A limit cut the matches: say so (total matches / matches used, per pattern).
        if (rewritten.capped.length) reply.header('Libkg-Text-Query-Capped', rewritten.capped.map((c) => `${c.total}/${c.used}`).join(', '));
        query = rewritten.query;
      }
      const answer = answerQuery(store, op, query, req, reply, endpoint, streamAboveBytes);
      return query.addedPrefixes.length ? answer.catch(atUserLines) : answer;
    }
    // No query: browsers get the query page, everyone else the service description.
    const format = (req.query as Record<string, unknown>).format;
    const accept = (typeof format === 'string' && formatToAccept(format, true)) || req.headers.accept;
    // Service Description first: clients that accept anything get it, as SPARQL 1.1 SD §2 asks.
    const type = negotiate(accept, DESCRIPTION_TYPES, aliasesOf(DESCRIPTION_TYPES));
    reply.header('Vary', 'Accept');
    if (type === 'text/html') return sendQueryPage(reply);
    if (!type) throw new LibkgError('NOT_ACCEPTABLE', `the service description is offered as ${RDF_MEDIA_TYPES.join(', ')} and the query page as text/html`);
    // The description names the graphs: private when reads are.
    await requireRead?.(req, reply);
    const body = await serializeQuads(
      serviceDescription(endpoint, store, [...SOLUTION_TYPES, ...RDF_MEDIA_TYPES], search ? TEXT_QUERY_PROPERTIES : []),
      type as RdfMediaType,
    );
    return reply.type(`${type}; charset=utf-8`).send(body);
  };

  app.get('/sparql', handle);
  // Tokens are checked before the body is read where the request shows what it is: an update by its media type,
  // and any POST when reads need a token. A form may hold either; its update is checked once the form is read.
  const guardPost: Guard = async (req, reply) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/sparql-update') return requireWrite(req, reply);
    return requireRead?.(req, reply);
  };
  app.post('/sparql', guardRoute(guardPost), handle);
  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: '/sparql',
    handler: async (req, reply) => {
      reply.header('Allow', 'GET, HEAD, POST');
      throw new LibkgError('METHOD_NOT_ALLOWED', `${req.method} is not a SPARQL 1.1 Protocol operation; use GET or POST (graphs are written at /store)`);
    },
  });
  await app.register(yasguiAssets);
};
