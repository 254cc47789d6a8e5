import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { notModified } from '../kit/conditional.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import type { PageLink } from '../kit/html/layout.js';
import { DOC_PREFIX, isSafeIri, THING_PREFIX } from '../kit/iri.js';
import { negotiate } from '../kit/negotiate.js';
import type { VocabIndex } from '../kit/vocabulary.js';
import type { Clusters } from './cluster-options.js';
import { docTargets } from './doc-targets.js';
import { type EntityDoc, EntityDocs } from './entity-docs.js';
import { ALIASES, DOC_FORMATS, type DocFormat, formatByType } from './formats.js';

export interface LinkedDataOptions {
  store: QuadStore;
  baseIri: string;
  vocab: VocabIndex;
  requireRead?: Guard;
  /** owl:sameAs clusters shown on entity documents. */
  clusters?: Clusters;
}

const OFFERS = DOC_FORMATS.map((f) => f.mediaType);

/**
 * Dereferencing: `{base}id/...` answers 303 See Other to `{base}doc/...`,
 * which negotiates Turtle, JSON-LD, N-Triples, RDF/XML and HTML (or takes an
 * extension), with validators from the change log. Paths are served under
 * the base IRI's path, and links stay path-absolute so any host name works.
 */
export const linkedDataPlugin: FastifyPluginAsync<LinkedDataOptions> = async (app, { store, baseIri, vocab, requireRead, clusters }) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  const localPath = (iri: string) => (iri.startsWith(baseIri) ? basePath + iri.slice(baseIri.length) : undefined);
  const href = (iri: string) => {
    if (iri.startsWith(baseIri + THING_PREFIX)) return basePath + DOC_PREFIX + iri.slice(baseIri.length + THING_PREFIX.length);
    return localPath(iri) ?? (/^https?:\/\//i.test(iri) ? iri : undefined);
  };
  const docs = new EntityDocs(store, vocab, { href, home: basePath }, clusters);
  app.addHook('onClose', async () => docs.close());

  const rawPath = (req: FastifyRequest) => (req.raw.url ?? '').split('?')[0]?.slice(basePath.length) ?? '';

  app.get(`${basePath}${THING_PREFIX}*`, async (req, reply) => {
    const rest = rawPath(req).slice(THING_PREFIX.length);
    const thing = baseIri + THING_PREFIX + rest;
    if (!isSafeIri(thing)) throw new LibkgError('NOT_FOUND', `no entity at ${req.url}`);
    const doc = await docs.get(thing);
    failUnlessFound(doc, req.url);
    return reply
      .code(303)
      .header('Location', basePath + DOC_PREFIX + rest)
      .send();
  });

  // VoID's void:uriLookupEndpoint: the IRI to look up is appended as ?uri=.
  app.get(`${basePath}lookup`, async (req, reply) => {
    const uri = (req.query as Record<string, unknown>).uri;
    if (typeof uri !== 'string' || !uri.startsWith(baseIri + THING_PREFIX) || !isSafeIri(uri)) {
      throw new LibkgError('NOT_FOUND', `lookup needs ?uri= with an entity IRI under ${baseIri}${THING_PREFIX}`);
    }
    failUnlessFound(await docs.get(uri), req.url);
    return reply
      .code(303)
      .header('Location', basePath + DOC_PREFIX + uri.slice(baseIri.length + THING_PREFIX.length))
      .send();
  });

  app.get(`${basePath}${DOC_PREFIX}*`, async (req, reply) => {
    const targets = docTargets(baseIri, rawPath(req));
    let found: { doc: EntityDoc; target: (typeof targets)[number] } | undefined;
    let first: EntityDoc | undefined;
    for (const target of targets) {
      const doc = await docs.get(target.thing);
      first ??= doc;
      if (doc.status === 200) {
        found = { doc, target };
        break;
      }
    }
    if (!found) {
      if (first) failUnlessFound(first, req.url);
      throw new LibkgError('NOT_FOUND', `no entity at ${req.url}`);
    }
    const { doc, target } = found;
    const docPath = localPath(target.doc) as string;
    const alternates: PageLink[] = DOC_FORMATS.map((f) => ({ rel: 'alternate', type: f.mediaType, href: `${docPath}.${f.ext}` }));
    let format: DocFormat | undefined = target.format;
    if (!format) {
      const type = negotiate(req.headers.accept, OFFERS, ALIASES);
      format = type ? formatByType(type) : undefined;
      if (!format) throw new LibkgError('NOT_ACCEPTABLE', `entity documents are offered as ${OFFERS.join(', ')}`);
      reply.header('Content-Location', `${docPath}.${format.ext}`);
    }
    sendHeaders(reply, doc, format, alternates, localPath(doc.thing) ?? doc.thing);
    if (notModified(req, etagOf(doc, format), doc.lastModified)) return reply.code(304).send();
    const body = await docs.render(doc, format, alternates);
    return reply.type(`${format.mediaType}; charset=utf-8`).send(body);
  });
};

const etagOf = (doc: EntityDoc, format: DocFormat) => `W/"${doc.tag}-${format.ext}"`;

function sendHeaders(reply: FastifyReply, doc: EntityDoc, format: DocFormat, alternates: PageLink[], thing: string): void {
  const links = alternates.map((a) => `<${a.href}>; rel="alternate"; type="${a.type}"`);
  links.push(`<${thing}>; rel="about"`);
  reply.header('Vary', 'Accept').header('Link', links.join(', ')).header('ETag', etagOf(doc, format)).header('Cache-Control', 'public, max-age=60');
  if (doc.lastModified) reply.header('Last-Modified', doc.lastModified.toUTCString());
  if (format.ext === 'html') reply.header('Content-Security-Policy', PAGE_CSP).header('X-Content-Type-Options', 'nosniff');
}

function failUnlessFound(doc: EntityDoc, url: string): void {
  if (doc.status === 410) throw new LibkgError('GONE', `the record describing ${doc.thing} was deleted`, { deletedAt: doc.lastModified?.toISOString() });
  if (doc.status === 404) throw new LibkgError('NOT_FOUND', `no entity at ${url}`);
}
