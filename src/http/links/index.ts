/**
 * GET /links?spec=…&status=review|accepted|rejected: the links of one spec's link graph, best score
 * first, as a JSON-LD Hydra collection with paging (the review queue; results: docs/link-spec-format.md);
 * the review page (review-page.ts) and review decisions (decisions.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../../store/port.js';
import { LINK, PREFIXES } from '../../vocab.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { decisionsRoutes, specParameter } from './decisions.js';
import { DEFAULT_PAGE_SIZE, intParameter, MAX_PAGE_SIZE, readLinks, statusParameter } from './read-links.js';
import { reviewPageRoutes } from './review-page.js';

export interface LinksOptions {
  store: QuadStore;
  baseIri: string;
  timeoutMs?: number;
  requireWrite: Guard;
  requireRead?: Guard;
}

const CONTEXT = {
  hydra: PREFIXES.hydra,
  libkg: PREFIXES.libkg,
  source: { '@id': LINK.source, '@type': '@id' },
  target: { '@id': LINK.target, '@type': '@id' },
  score: { '@id': LINK.score },
  status: { '@id': LINK.status },
  evidence: { '@id': LINK.evidence },
  comparator: { '@id': LINK.comparator },
  decision: { '@id': LINK.decision },
  reviewedBy: { '@id': LINK.reviewedBy },
};

export const linksPlugin: FastifyPluginAsync<LinksOptions> = async (app, { store, baseIri, timeoutMs, requireWrite, requireRead }) => {
  await app.register(decisionsRoutes, { store, baseIri, timeoutMs, requireWrite, requireRead });
  await app.register(reviewPageRoutes, { store, baseIri, timeoutMs, requireRead });

  app.get('/links', guardRoute(requireRead), async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const spec = specParameter(q.spec).id;
    const status = statusParameter(q.status);
    const page = intParameter('page', q.page, 1, 1_000_000);
    const size = intParameter('size', q.size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const { total, links } = await readLinks(store, baseIri, { spec, status, page, size }, timeoutMs);
    const last = Math.max(1, Math.ceil(total / size));
    const url = (p: number) => `${baseIri}links?${new URLSearchParams({ spec, status, ...(q.size ? { size: String(size) } : {}), page: String(p) })}`;
    reply.type('application/ld+json');
    return {
      '@context': CONTEXT,
      '@id': `${baseIri}links?${new URLSearchParams({ spec, status })}`,
      '@type': 'hydra:Collection',
      'hydra:totalItems': total,
      'hydra:member': links.map(({ link, ...rest }) => ({ '@id': link, '@type': 'libkg:Link', ...rest })),
      'hydra:view': {
        '@id': url(page),
        '@type': 'hydra:PartialCollectionView',
        'hydra:first': url(1),
        'hydra:last': url(last),
        ...(page > 1 ? { 'hydra:previous': url(Math.min(page - 1, last)) } : {}),
        ...(page < last ? { 'hydra:next': url(page + 1) } : {}),
      },
    };
  });
};
