/**
 * GET /search: fielded full-text search over every entity, with filters
 * (type, lang, year, subject), facets and paging, as JSON-LD (Hydra) or an
 * HTML page. Answers come from the search index alone (src/search/), which
 * follows the store; a search waits briefly for the index to catch up with
 * the latest writes, so a client reads its own writes.
 */
import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { own } from '../../own.js';
import { type CanonicalOf, collapseClusters } from '../../search/collapse.js';
import type { Search } from '../../search/service.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { notModified } from '../kit/conditional.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import { THING_PREFIX } from '../kit/iri.js';
import { negotiate } from '../kit/negotiate.js';
import { withMeaning } from '../kit/search-meaning.js';
import { searchParams } from '../kit/search-params.js';
import { withNarrower } from './expand.js';
import { preferredLanguages, readableFacets } from './facet-labels.js';
import { searchJsonld } from './jsonld.js';
import { SearchLinks } from './links.js';
import { OPENSEARCH_TYPE, openSearchDescription } from './opensearch.js';
import { searchPage } from './page.js';
import { suggest } from './suggest.js';
import { SUGGEST_SCRIPT } from './suggest-script.js';

/** Suggestions given when the client asks for no number. */
const SUGGESTIONS = 8;

export interface SearchPluginOptions {
  search: Search;
  baseIri: string;
  /** Largest `size` a client may ask for (config searchMaxPageSize). */
  maxPageSize: number;
  /** How long a search waits for the index to take in recent writes. */
  freshnessMs?: number;
  requireRead?: Guard;
  /** For `expand=narrower` and concept expansion: the thesauri's broader/narrower links are read from the store. */
  store?: QuadStore;
  /** Levels of narrower concepts a query naming a concept also finds (config searchConceptDepth). */
  conceptDepth?: number;
  /** owl:sameAs clusters: a cluster shows once (src/search/collapse.ts). */
  clusters?: { canonicalOf: CanonicalOf; current(maxWaitMs: number): Promise<boolean> };
}

const OFFERED = ['application/ld+json', 'text/html'];
const ALIASES = { 'application/json': 'application/ld+json' };
const FORMATS: Record<string, string> = { json: 'application/ld+json', jsonld: 'application/ld+json', html: 'text/html' };

export const searchPlugin: FastifyPluginAsync<SearchPluginOptions> = async (
  app,
  { search, baseIri, maxPageSize, freshnessMs = 2000, requireRead, store, conceptDepth = 2, clusters },
) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  const path = `${basePath}search`;
  const endpoint = `${baseIri}search`;
  const href = (iri: string) => (iri.startsWith(baseIri + THING_PREFIX) ? basePath + iri.slice(baseIri.length) : undefined);

  // Autocomplete for the page's suggestion box and for browsers (OpenSearch Suggestions).
  app.get(`${path}/suggest`, async (req, reply) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    if (typeof q.q !== 'string') throw new LibkgError('BAD_REQUEST', 'q (the text typed so far) must be given once');
    const size = q.size === undefined ? SUGGESTIONS : Number(q.size);
    if (!Number.isInteger(size) || size < 1 || size > maxPageSize) throw new LibkgError('BAD_REQUEST', `size must be a whole number from 1 to ${maxPageSize}`);
    await search.sync.current(freshnessMs);
    reply.type('application/x-suggestions+json; charset=utf-8').header('Cache-Control', 'no-cache');
    return JSON.stringify(suggest(search.index, q.q.slice(0, 200), size));
  });
  app.get(`${path}/suggest.js`, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(SUGGEST_SCRIPT),
  );
  app.get(`${basePath}opensearch.xml`, async (_req, reply) => reply.type(`${OPENSEARCH_TYPE}; charset=utf-8`).send(openSearchDescription(baseIri)));

  app.get(path, async (req, reply) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    const p = searchParams(q, maxPageSize);
    let type: string | undefined;
    if (p.format !== undefined) {
      type = own(FORMATS, p.format);
      if (!type) throw new LibkgError('BAD_REQUEST', `format must be one of ${Object.keys(FORMATS).join(', ')}, got "${p.format.slice(0, 20)}"`);
    } else type = negotiate(req.headers.accept, OFFERED, ALIASES);
    if (!type) throw new LibkgError('NOT_ACCEPTABLE', `search results are offered as ${OFFERED.join(', ')}`);
    const current = await search.sync.current(freshnessMs);
    // One answer per index state and representation (the URL is the rest of the cache key).
    const langs = preferredLanguages(req.headers['accept-language']);
    const etag = `W/"search-${search.index.lastSeq()}-${type === 'text/html' ? 'html' : 'jsonld'}-${langs.join('.')}"`;
    reply.header('Vary', 'Accept, Accept-Language').header('Cache-Control', 'no-cache');
    if (current) {
      reply.header('ETag', etag);
      if (notModified(req, etag)) return reply.code(304).send();
    }
    const subjects = p.request.filters?.subjects ?? [];
    if (p.expandNarrower && store && subjects.length && p.request.filters) p.request.filters.subjects = await withNarrower(store, subjects);
    await withMeaning(p.request, search.index, store, conceptDepth);
    const found = search.index.search(p.request);
    await clusters?.current(freshnessMs);
    const live = search.live(found.hits);
    const { hits, removed } = collapseClusters(live, clusters ? (iri) => clusters.canonicalOf(iri) : (iri) => iri);
    const facets = readableFacets(found.facets, search.index, langs);
    const answer = { ...found, facets, hits, total: found.total - (found.hits.length - live.length) - removed };
    const links = new SearchLinks(endpoint, p, q.size !== undefined);
    const jsonld = searchJsonld(answer, p, links, endpoint);
    if (type === 'text/html') {
      const pageLinks = new SearchLinks(path, p, q.size !== undefined);
      // The suggestion box is the page's one script, from libkg itself.
      reply.header('Content-Security-Policy', `${PAGE_CSP}; script-src 'self'; connect-src 'self'`).type('text/html; charset=utf-8');
      return searchPage({ answer, params: p, links: pageLinks, action: path, href, home: basePath, jsonld });
    }
    reply.type('application/ld+json; charset=utf-8');
    return JSON.stringify(jsonld);
  });
};
