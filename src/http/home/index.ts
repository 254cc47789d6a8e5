/**
 * The start page at the base path (HTML for browsers; other clients get the 404 they always got),
 * the shared stylesheet, the icon (SVG and ICO) and robots.txt pointing crawlers to the sitemap.
 */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { PAGE_CSP } from '../kit/html/escape.js';
import { SITE_CSS, FAVICON_SVG as SVG_PATH } from '../kit/html/site-header.js';
import { negotiate } from '../kit/negotiate.js';
import { vocabulary } from '../kit/vocabulary.js';
import { CountCache } from './counts.js';
import { FAVICON_SVG, faviconIco } from './favicon.js';
import { homePage } from './page.js';

export interface HomeOptions {
  store: QuadStore;
  baseIri: string;
  /** Token check for the start page when reads are not public (it shows counts); icon, stylesheet and robots.txt stay open. */
  requireRead?: Guard;
}

// src/http/home/ and dist/http/home/ are both three levels below the package root.
const ASSETS = new URL('../../../src/http/assets/', import.meta.url);
const STATIC = 'public, max-age=86400';

export const homePlugin: FastifyPluginAsync<HomeOptions> = async (app, { store, baseIri, requireRead }) => {
  const basePath = new URL(baseIri).pathname;
  const counts = new CountCache(store, baseIri);
  const css = readFileSync(new URL('libkg.css', ASSETS));
  const ico = faviconIco();

  app.get(basePath, guardRoute(requireRead), async (req, reply) => {
    if (negotiate(req.headers.accept, ['text/html']) === undefined) return reply.callNotFound();
    const body = homePage(await counts.current(), basePath, vocabulary().index);
    return reply
      .header('Vary', 'Accept')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', PAGE_CSP)
      .type('text/html; charset=utf-8')
      .send(body);
  });
  app.get(`${basePath}${SITE_CSS}`, async (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', STATIC).send(css));
  app.get(`${basePath}${SVG_PATH}`, async (_req, reply) => reply.type('image/svg+xml').header('Cache-Control', STATIC).send(FAVICON_SVG));
  app.get(`${basePath}favicon.ico`, async (_req, reply) => reply.type('image/x-icon').header('Cache-Control', STATIC).send(ico));
  // Crawlers look for /robots.txt at the root of the host, whatever the base path.
  app.get('/robots.txt', async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('Cache-Control', STATIC).send(`User-agent: *\nAllow: /\n\nSitemap: ${baseIri}sitemap.xml\n`),
  );
};
