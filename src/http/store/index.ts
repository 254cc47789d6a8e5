import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import N3 from 'n3';
import { LibkgError } from '../../errors.js';
import { decodeBody } from '../../rdf/charset.js';
import { assertIri } from '../../rdf/iri.js';
import { jsonldFromNquads } from '../../rdf/jsonld-offthread.js';
import { aliasesOf, RDF_MEDIA_TYPES, type RdfMediaType } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { QuadStore } from '../../store/port.js';
import { byGraph } from '../../store/quads-by-graph.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { negotiate } from '../kit/negotiate.js';
import { ACCEPTED_BODY_TYPES, isQuadPayload, QUAD_TYPES, readRdfBody } from '../kit/rdf-body.js';

export interface GraphStoreOptions {
  store: QuadStore;
  requireWrite: Guard;
  requireRead?: Guard;
  baseIri: string;
}

const { DataFactory: F } = N3;

/** '' is the default graph; undefined means the request named no graph (only POST allows that). */
type Target = string | undefined;

/**
 * SPARQL 1.1 Graph Store HTTP Protocol at /store: indirect identification
 * (`?graph=IRI`, `?default`) and direct identification (`/store/...` is the
 * graph `${baseIri}store/...`).
 */
export const graphStorePlugin: FastifyPluginAsync<GraphStoreOptions> = async (app, { store, requireWrite, requireRead, baseIri }) => {
  // In this plugin's scope JSON and plain text are RDF payloads (JSON-LD, N-Triples), kept as text,
  // decoded as their charset says (bytes that are not UTF-8 are refused, not turned into U+FFFD).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(ACCEPTED_BODY_TYPES, { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, req.headers['content-type']));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  /** The graph the request names, checked: a name that is not a valid IRI is refused before anything is written. */
  const targetOf = (req: FastifyRequest): Target => {
    const t = namedTarget(req);
    if (t) assertIri(t, 'graph');
    return t;
  };

  const namedTarget = (req: FastifyRequest): Target => {
    const rest = (req.params as { '*'?: string })['*'];
    if (rest) return `${baseIri}store/${rest}`;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const hasDefault = q.default !== undefined;
    if (hasDefault && q.graph !== undefined) throw new LibkgError('BAD_REQUEST', 'give either ?default or ?graph=, not both');
    if (hasDefault) return '';
    if (q.graph === undefined) return undefined;
    if (Array.isArray(q.graph)) throw new LibkgError('BAD_REQUEST', 'give one ?graph= parameter');
    const iri = String(q.graph);
    if (/^[a-z][a-z0-9+.-]*:/i.test(iri)) return iri;
    try {
      return new URL(iri, baseIri).href;
    } catch {
      throw new LibkgError('BAD_REQUEST', `?graph= must be an IRI, got "${iri}"`);
    }
  };

  const required = (req: FastifyRequest): string => {
    const t = targetOf(req);
    if (t === undefined) throw new LibkgError('BAD_REQUEST', 'name the graph with ?graph=IRI or ?default');
    return t;
  };

  const exists = (graph: string) => {
    if (graph === '') return true;
    const info = store.graphInfo(graph);
    return info !== undefined && !info.deletedAt && info.quads > 0;
  };

  /** Payload quads moved into the target graph (the payload's own graph names are ignored: GSP writes one graph). */
  const payload = async (req: FastifyRequest, graph: string): Promise<RDF.Quad[]> => {
    const g = graph === '' ? F.defaultGraph() : F.namedNode(graph);
    return (await readRdfBody(req, graph || `${baseIri}store`)).map((q) => F.quad(q.subject, q.predicate, q.object, g));
  };

  /** GET on the store itself (no graph named): the whole dataset in a quad format, streamed, as Fuseki serves it. */
  const getDataset = async (req: FastifyRequest, reply: FastifyReply) => {
    const type = negotiate(req.headers.accept, QUAD_TYPES, aliasesOf(QUAD_TYPES));
    if (!type)
      throw new LibkgError(
        'NOT_ACCEPTABLE',
        `the whole dataset is offered as ${QUAD_TYPES.join(', ')}; name one graph with ?graph=IRI or ?default for other formats`,
        { offered: QUAD_TYPES },
      );
    const out = new PassThrough();
    store.dump(out, type as 'application/n-quads' | 'application/trig').then(
      () => out.end(),
      (e: Error) => out.destroy(e),
    );
    return reply.header('Vary', 'Accept').type(`${type}; charset=utf-8`).send(out);
  };

  /**
   * POST of TriG or N-Quads to the store itself: every quad goes to the graph it names (quads without
   * one to the default graph), in one transaction, as Fuseki does. Blank nodes are shared across the
   * payload's graphs, as TriG scopes them to the document.
   */
  const postQuads = async (req: FastifyRequest, reply: FastifyReply) => {
    const quads = await readRdfBody(req, `${baseIri}store`);
    const graphs = byGraph(quads);
    const scope = randomUUID();
    const added = await store.bulk(async (w) => {
      let n = 0;
      for (const [g, list] of graphs) n += w.addToGraph(g, list, scope).added ?? 0;
      return n;
    });
    return reply.status(200).send({ quads: quads.length, added, graphs: [...graphs.keys()] });
  };

  const get = async (req: FastifyRequest, reply: FastifyReply) => {
    if (targetOf(req) === undefined) return getDataset(req, reply);
    const graph = required(req);
    const type = negotiate(req.headers.accept, RDF_MEDIA_TYPES, aliasesOf(RDF_MEDIA_TYPES));
    if (!type) throw new LibkgError('NOT_ACCEPTABLE', `graphs are offered as ${RDF_MEDIA_TYPES.join(', ')}`, { offered: RDF_MEDIA_TYPES });
    if (!exists(graph)) throw new LibkgError('NOT_FOUND', `there is no graph <${graph}>`);
    reply.header('Vary', 'Accept').type(`${type}; charset=utf-8`);
    const quads = await store.getGraph(graph);
    // JSON-LD of a large graph takes seconds of jsonld work: done off the HTTP thread.
    if (type === 'application/ld+json') return jsonldFromNquads(Buffer.from(await serializeQuads(quads, 'application/n-quads')));
    return serializeQuads(quads, type as RdfMediaType);
  };

  const put = async (req: FastifyRequest, reply: FastifyReply) => {
    const graph = required(req);
    const created = !exists(graph);
    await store.putGraphs([{ graph, quads: await payload(req, graph), source: 'graph-store' }]);
    return reply.status(created ? 201 : 204).send();
  };

  const post = async (req: FastifyRequest, reply: FastifyReply) => {
    let graph = targetOf(req);
    if (graph === undefined && isQuadPayload(req)) return postQuads(req, reply);
    // POST to the store itself creates a new graph and says where it is (GSP §5.5).
    const fresh = graph === undefined;
    graph ??= `${baseIri}store/${randomUUID()}`;
    const created = fresh || !exists(graph);
    await store.addToGraph(graph, await payload(req, graph));
    if (fresh) reply.header('Location', graph);
    return reply.status(created ? 201 : 204).send();
  };

  const del = async (req: FastifyRequest, reply: FastifyReply) => {
    const graph = required(req);
    if (graph !== '' && !exists(graph)) throw new LibkgError('NOT_FOUND', `there is no graph <${graph}>`);
    await store.deleteGraphs([graph]);
    return reply.status(204).send();
  };

  // Tokens are checked on request, before a body is read (an unauthenticated upload is never buffered).
  const read = guardRoute(requireRead);
  const write = guardRoute(requireWrite);
  for (const url of ['/store', '/store/*']) {
    app.get(url, read, get);
    app.put(url, write, put);
    app.post(url, write, post);
    app.delete(url, write, del);
  }
};
