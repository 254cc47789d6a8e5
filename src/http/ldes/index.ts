/** LDES at `/ldes` (the event stream), `/ldes/page/{n}` (its pages) and `/ldes/version/{seq}` (members), in TriG, N-Quads or JSON-LD. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { aliasesOf, type RdfMediaType } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import { negotiate } from '../kit/negotiate.js';
import { ldesPageHtml, ldesVersionHtml } from './page.js';
import { EventStream } from './stream.js';

export interface LdesOptions {
  store: QuadStore;
  baseIri: string;
  /** Changes per page (default 100). */
  pageSize?: number;
  /** Token check for reads when the server's reads are not public. */
  requireRead?: Guard;
}

// Members carry their content in named graphs: only quad formats can say that.
const OFFERED: RdfMediaType[] = ['application/trig', 'application/n-quads', 'application/ld+json'];
// Browsers (text/html first) get a page; HTML comes last, so `*/*` still means TriG.
const OFFERED_WITH_HTML = [...OFFERED, 'text/html'];
const ALIASES = aliasesOf(OFFERED_WITH_HTML);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const OPEN = 'public, max-age=5';

export const ldesPlugin: FastifyPluginAsync<LdesOptions> = async (app, { store, baseIri, pageSize, requireRead }) => {
  guardEveryRoute(app, requireRead);
  const stream = new EventStream(store, baseIri, pageSize);
  const path = `${new URL(baseIri).pathname}ldes`;

  const view = { baseIri, stream: stream.iri };
  const send = async (req: FastifyRequest, reply: FastifyReply, quads: Parameters<typeof serializeQuads>[0], cache: string, asHtml: () => string) => {
    const type = negotiate(req.headers.accept, OFFERED_WITH_HTML, ALIASES);
    if (!type) throw new LibkgError('NOT_ACCEPTABLE', `the event stream is available as ${OFFERED.join(', ')}`);
    reply.header('vary', 'Accept').header('cache-control', cache).type(`${type}; charset=utf-8`);
    if (type === 'text/html') return reply.header('content-security-policy', PAGE_CSP).send(asHtml());
    return serializeQuads(quads, type as RdfMediaType);
  };

  app.get(path, async (req, reply) => {
    const quads = stream.description();
    return send(req, reply, quads, OPEN, () => ldesPageHtml(view, quads, 'Event stream (LDES)'));
  });
  app.get<{ Params: { n: string } }>(`${path}/page/:n`, async (req, reply) => {
    const n = /^\d{1,15}$/.test(req.params.n) ? Number(req.params.n) : -1;
    const page = await stream.page(n);
    if (!page) throw new LibkgError('NOT_FOUND', `the event stream has no page ${req.params.n}`);
    return send(req, reply, page.quads, page.full ? IMMUTABLE : OPEN, () => ldesPageHtml(view, page.quads, `Event stream, page ${n}`, stream.pageIri(n)));
  });
  app.get<{ Params: { seq: string } }>(`${path}/version/:seq`, async (req, reply) => {
    const quads = /^\d{1,15}$/.test(req.params.seq) ? await stream.version(Number(req.params.seq)) : undefined;
    if (!quads) throw new LibkgError('NOT_FOUND', `the event stream has no version ${req.params.seq}`);
    // A version never changes once written.
    return send(req, reply, quads, IMMUTABLE, () => ldesVersionHtml(view, quads, Number(req.params.seq)));
  });
};
