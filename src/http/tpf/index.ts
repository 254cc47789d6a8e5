/** Triple Pattern Fragments at `/tpf?subject=&predicate=&object=&page=`, in every RDF format by negotiation. */
import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { aliasesOf, type RdfMediaType } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { formatToAccept, negotiate } from '../kit/negotiate.js';
import { FragmentSource, fragmentPage } from './fragment.js';
import { parsePatternTerm } from './pattern.js';

export interface TpfOptions {
  store: QuadStore;
  baseIri: string;
  /** Triples per page (default 100). */
  pageSize?: number;
  /** Token check for reads when the server's reads are not public. */
  requireRead?: Guard;
}

// TriG first: it keeps the controls in their own graph, apart from the data.
const OFFERED: RdfMediaType[] = ['application/trig', 'text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json'];

const ALIASES = aliasesOf(OFFERED);

type Query = Partial<Record<'subject' | 'predicate' | 'object' | 'page' | 'format', string | string[]>>;

export const tpfPlugin: FastifyPluginAsync<TpfOptions> = async (app, { store, baseIri, pageSize = 100, requireRead }) => {
  guardEveryRoute(app, requireRead);
  const source = new FragmentSource(store);
  const path = `${new URL(baseIri).pathname}tpf`;
  app.get<{ Querystring: Query }>(path, async (req, reply) => {
    const one = (name: keyof Query) => {
      const v = req.query[name];
      if (Array.isArray(v)) throw new LibkgError('BAD_REQUEST', `${name} is repeated`);
      return v;
    };
    const pattern = {
      subject: parsePatternTerm(one('subject'), 'subject'),
      predicate: parsePatternTerm(one('predicate'), 'predicate'),
      object: parsePatternTerm(one('object'), 'object'),
    };
    const pageParam = one('page') ?? '1';
    if (!/^[1-9]\d{0,8}$/.test(pageParam)) throw new LibkgError('BAD_REQUEST', `page must be a positive integer, got "${pageParam}"`);
    const format = one('format');
    const type = negotiate((format && formatToAccept(format, true)) || req.headers.accept, OFFERED, ALIASES) as RdfMediaType | undefined;
    if (!type) throw new LibkgError('NOT_ACCEPTABLE', `fragments are available as ${OFFERED.join(', ')}`);
    // Links use the host the client reached: TPF clients match controls by the exact URL they fetched.
    const origin = `${req.protocol}://${req.headers.host ?? new URL(baseIri).host}`;
    const entry = `${origin}${path}`;
    const page = Number(pageParam);
    const slice = await source.slice(pattern, page, pageSize);
    const { data, metadata } = fragmentPage(slice, pattern, page, pageSize, entry, `${origin}${req.url}`);
    // Triple formats carry the controls as plain triples next to the data, as the TPF spec allows.
    const body = await serializeQuads([...data, ...metadata], type);
    reply.header('vary', 'Accept').header('cache-control', 'public, max-age=5').type(`${type}; charset=utf-8`);
    return body;
  });
};
