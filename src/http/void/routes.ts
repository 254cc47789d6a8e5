import type { FastifyPluginAsync } from 'fastify';
import { LibkgError } from '../../errors.js';
import { aliasesOf, byExtension } from '../../rdf/media-types.js';
import { serializeQuads } from '../../rdf/serialize.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { notModified } from '../kit/conditional.js';
import type { DumpCatalogue } from '../kit/dump-manifest.js';
import { html, PAGE_CSP } from '../kit/html/escape.js';
import { graphPage } from '../kit/html/graph-page.js';
import { negotiate } from '../kit/negotiate.js';
import type { VocabIndex } from '../kit/vocabulary.js';
import { datasetIri, SERVICES, voidQuads } from './describe.js';
import { collectStats, type DatasetStats } from './stats.js';

export interface VoidPluginOptions {
  store: QuadStore;
  dumps: DumpCatalogue;
  baseIri: string;
  vocab: VocabIndex;
  /** The dataset's licence (default CC0). */
  license?: string;
  requireRead?: Guard;
}

/** The dataset's licence, as announced in VoID. */
export const DATA_LICENSE = 'https://creativecommons.org/publicdomain/zero/1.0/';

const FORMATS = byExtension(['text/turtle', 'application/ld+json', 'text/html']);
const ALIASES = aliasesOf(Object.values(FORMATS));

/**
 * `/.well-known/void` (RFC 8615 well-known, VoID §7.2): statistics computed
 * once per change-log sequence; bodies cached until the sequence or the dump
 * manifest changes.
 */
export const voidPlugin: FastifyPluginAsync<VoidPluginOptions> = async (app, { store, dumps, baseIri, vocab, license = DATA_LICENSE, requireRead }) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  const here = `${basePath}.well-known/void`;
  let stats: { seq: number; value: Promise<DatasetStats> } | undefined;
  const bodies = new Map<string, string>();
  let bodiesKey = '';

  const currentStats = () => {
    const seq = store.stats().lastSeq;
    if (stats?.seq !== seq) {
      const value = collectStats(store, baseIri, seq);
      stats = { seq, value };
      value.catch(() => {
        if (stats?.value === value) stats = undefined;
      });
      // Dumps for this sequence start building now, so their checksums can appear soon.
      dumps.ensure().catch((err) => app.log.warn({ err }, 'dump generation failed'));
    }
    return stats.value;
  };

  const render = async (ext: string, s: DatasetStats): Promise<string> => {
    const manifest = dumps.ready();
    const key = `${s.seq}/${manifest?.seq ?? '-'}`;
    if (key !== bodiesKey) {
      bodies.clear();
      bodiesKey = key;
    }
    const hit = bodies.get(ext);
    if (hit) return hit;
    const quads = voidQuads(s, manifest, { baseIri, title: 'libkg knowledge graph', license });
    let body: string;
    if (ext === 'ttl') body = await serializeQuads(quads, 'text/turtle');
    else if (ext === 'jsonld') body = await serializeQuads(quads, 'application/ld+json');
    else {
      const intro = html`<p>${s.triples} triples, ${s.entities} entities. Services: ${SERVICES.map((x, i) => html`${i ? ', ' : ''}<a href="${basePath}${x.path}">${x.title}</a>`)}.</p>`;
      body = graphPage({
        title: 'Dataset description (VoID)',
        intro,
        quads,
        vocab,
        first: [datasetIri(baseIri)],
        href: (iri) => (iri.startsWith(baseIri) ? basePath + iri.slice(baseIri.length) : undefined),
        links: Object.entries(FORMATS).map(([e, type]) => ({ rel: 'alternate', type, href: `${here}.${e}` })),
        home: basePath,
      });
    }
    bodies.set(ext, body);
    return body;
  };

  const serve = (fixed?: string) => async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    let ext = fixed;
    if (!ext) {
      const type = negotiate(req.headers.accept, Object.values(FORMATS), ALIASES);
      ext = Object.keys(FORMATS).find((k) => FORMATS[k] === type);
      if (!ext) throw new LibkgError('NOT_ACCEPTABLE', `the dataset description is offered as ${Object.values(FORMATS).join(', ')}`);
      reply.header('Content-Location', `${here}.${ext}`);
    }
    const s = await currentStats();
    const etag = `"void-${s.seq}-${dumps.ready()?.seq ?? 'x'}-${ext}"`;
    reply
      .header('Vary', 'Accept')
      .header('ETag', etag)
      .header(
        'Link',
        Object.entries(FORMATS)
          .map(([e, type]) => `<${here}.${e}>; rel="alternate"; type="${type}"`)
          .join(', '),
      );
    if (s.lastModified) reply.header('Last-Modified', new Date(s.lastModified).toUTCString());
    if (ext === 'html') reply.header('Content-Security-Policy', PAGE_CSP);
    if (notModified(req, etag)) return reply.code(304).send();
    return reply.type(`${FORMATS[ext]}; charset=utf-8`).send(await render(ext, s));
  };

  app.get(here, serve());
  for (const ext of Object.keys(FORMATS)) app.get(`${here}.${ext}`, serve(ext));
};
