import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardEveryRoute } from '../kit/access.js';
import { escapeHtml } from '../kit/html/escape.js';
import { DOC_PREFIX, isSafeIri, THING_PREFIX } from '../kit/iri.js';

/** The sitemap protocol's limit of URLs per file; beyond it /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * `/sitemap.xml`: every entity document for crawlers, from one query per
 * change-log sequence. URLs use the base IRI (what crawlers should index).
 */
export const sitemapPlugin: FastifyPluginAsync<{ store: QuadStore; baseIri: string; maxUrls?: number; requireRead?: Guard }> = async (
  app,
  { store, baseIri, maxUrls = SITEMAP_MAX_URLS, requireRead },
) => {
  guardEveryRoute(app, requireRead);
  const basePath = new URL(baseIri).pathname;
  let cached: { seq: number; docs: Promise<string[]> } | undefined;

  const docs = () => {
    const seq = store.stats().lastSeq;
    if (cached?.seq !== seq) {
      const q = `SELECT DISTINCT ?s WHERE { ?s ?p ?o . FILTER(isIRI(?s) && STRSTARTS(STR(?s), ${JSON.stringify(baseIri + THING_PREFIX)})) } ORDER BY ?s`;
      const p = store.query(q, { format: 'application/sparql-results+json' }).then((r) =>
        (JSON.parse(r.body) as { results: { bindings: { s: { value: string } }[] } }).results.bindings
          .map((b) => b.s.value)
          .filter(isSafeIri)
          .map((s) => baseIri + DOC_PREFIX + s.slice(baseIri.length + THING_PREFIX.length)),
      );
      cached = { seq, docs: p };
      p.catch(() => {
        if (cached?.docs === p) cached = undefined;
      });
    }
    return cached.docs;
  };

  const urlset = (urls: string[]) => `${HEAD}<urlset xmlns="${NS}">\n${urls.map((u) => `<url><loc>${escapeHtml(u)}</loc></url>`).join('\n')}\n</urlset>\n`;

  app.get(`${basePath}sitemap.xml`, async (_req, reply) => {
    const all = await docs();
    reply.type('application/xml; charset=utf-8');
    if (all.length <= maxUrls) return urlset(all);
    const parts = Math.ceil(all.length / maxUrls);
    const items = Array.from({ length: parts }, (_, i) => `<sitemap><loc>${escapeHtml(`${baseIri}sitemap-${i + 1}.xml`)}</loc></sitemap>`);
    return `${HEAD}<sitemapindex xmlns="${NS}">\n${items.join('\n')}\n</sitemapindex>\n`;
  });

  app.get<{ Params: { n: string } }>(`${basePath}sitemap-:n`, async (req, reply) => {
    const m = /^(\d+)\.xml$/.exec(req.params.n);
    const all = await docs();
    const i = m ? Number(m[1]) - 1 : -1;
    if (i < 0 || i * maxUrls >= all.length) return reply.callNotFound();
    return reply.type('application/xml; charset=utf-8').send(urlset(all.slice(i * maxUrls, (i + 1) * maxUrls)));
  });
};
