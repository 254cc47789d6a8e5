/**
 * GET /links?spec=…&status=review|accepted: the links of one spec's link graph, best score first,
 * as a JSON-LD Hydra collection with paging (the review queue; results: docs/link-spec-format.md).
 */
import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { linkGraphIri } from '../../links/results.js';
import { listLinkSpecs } from '../../links/spec-file.js';
import type { QuadStore } from '../../store/port.js';
import { LINK, PREFIXES } from '../../vocab.js';
import { type Guard, guardRoute } from '../kit/access.js';

export interface LinksOptions {
  store: QuadStore;
  baseIri: string;
  timeoutMs?: number;
  requireRead?: Guard;
}

/** Links per page by default, and at most. */
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const STATUSES = ['review', 'accepted'];

const CONTEXT = {
  hydra: PREFIXES.hydra,
  libkg: PREFIXES.libkg,
  source: { '@id': LINK.source, '@type': '@id' },
  target: { '@id': LINK.target, '@type': '@id' },
  score: { '@id': LINK.score },
  status: { '@id': LINK.status },
  evidence: { '@id': LINK.evidence },
  comparator: { '@id': LINK.comparator },
};

type Row = Record<string, { value: string } | undefined>;

function int(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new LibkgError('BAD_REQUEST', `${name} must be an integer from 1 to ${max}, got "${raw}"`, { parameter: name });
  return Number(raw);
}

export const linksPlugin: FastifyPluginAsync<LinksOptions> = async (app, { store, baseIri, timeoutMs, requireRead }) => {
  const rows = async (query: string): Promise<Row[]> => JSON.parse((await store.query(query, { timeoutMs })).body).results.bindings;

  app.get('/links', guardRoute(requireRead), async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const specs = listLinkSpecs();
    if (!q.spec || !specs.includes(q.spec))
      throw new LibkgError('BAD_REQUEST', `spec must name a link spec, one of: ${specs.join(', ')}`, { parameter: 'spec' });
    const status = q.status ?? 'review';
    if (!STATUSES.includes(status))
      throw new LibkgError('BAD_REQUEST', `status must be one of ${STATUSES.join(', ')}, got "${status}"`, { parameter: 'status' });
    const page = int('page', q.page, 1, 1_000_000);
    const size = int('size', q.size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    // spec and status are checked against fixed lists above: nothing else from the request reaches the query.
    const where = `GRAPH <${linkGraphIri(baseIri, q.spec)}> { ?link <${LINK.status}> "${status}" }`;
    const total = Number((await rows(`SELECT (COUNT(?link) AS ?n) WHERE { ${where} }`))[0]?.n?.value ?? 0);
    const members = await rows(`SELECT ?link ?source ?target ?score WHERE { ${where}
      GRAPH <${linkGraphIri(baseIri, q.spec)}> { ?link <${LINK.source}> ?source ; <${LINK.target}> ?target ; <${LINK.score}> ?score } }
      ORDER BY DESC(?score) ?link LIMIT ${size} OFFSET ${(page - 1) * size}`);
    const evidence = new Map<string, { comparator: string; score: number }[]>();
    if (members.length) {
      const values = members.map((m) => `<${m.link?.value}>`).join(' ');
      for (const r of await rows(`SELECT ?link ?c ?s WHERE { VALUES ?link { ${values} } GRAPH <${linkGraphIri(baseIri, q.spec)}> {
          ?link <${LINK.evidence}> ?e . ?e <${LINK.comparator}> ?c ; <${LINK.score}> ?s } } ORDER BY ?c`)) {
        const list = evidence.get(r.link?.value ?? '') ?? [];
        list.push({ comparator: r.c?.value ?? '', score: Number(r.s?.value) });
        evidence.set(r.link?.value ?? '', list);
      }
    }
    const last = Math.max(1, Math.ceil(total / size));
    const url = (p: number) =>
      `${baseIri}links?${new URLSearchParams({ spec: q.spec as string, status, ...(q.size ? { size: String(size) } : {}), page: String(p) })}`;
    reply.type('application/ld+json');
    return {
      '@context': CONTEXT,
      '@id': `${baseIri}links?${new URLSearchParams({ spec: q.spec, status })}`,
      '@type': 'hydra:Collection',
      'hydra:totalItems': total,
      'hydra:member': members.map((m) => ({
        '@id': m.link?.value,
        '@type': 'libkg:Link',
        source: m.source?.value,
        target: m.target?.value,
        score: Number(m.score?.value),
        status,
        evidence: evidence.get(m.link?.value ?? '') ?? [],
      })),
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
