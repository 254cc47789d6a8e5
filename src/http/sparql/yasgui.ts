/**
 * The query page for browsers: YASGUI (@zazuko/yasgui 4.6.2 build files,
 * vendored under src/http/assets/vendor/yasgui) with the example queries,
 * served from libkg itself (no CDN). Assets are read from src/ at run time,
 * relative to the package root, so the compiled dist/ finds them too.
 */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { scriptPageCsp } from '../kit/csp.js';
import { siteHeader, siteHeadLinks } from '../kit/html/site-header.js';
import { DEFAULT_PREFIXES } from './default-prefixes.js';
import { EXAMPLE_QUERIES } from './examples.js';

// src/http/sparql/ and dist/http/sparql/ are both three levels below the package root.
const ASSETS = new URL('../../../src/http/assets/', import.meta.url);

let page: { html: string; csp: string } | undefined;

/** The page, with the examples embedded as JSON ("<" escaped so no text can close the script element). */
function queryPage(): { html: string; csp: string } {
  if (!page) {
    const html = readFileSync(new URL('sparql.html', ASSETS), 'utf8')
      .replace('["__EXAMPLES__"]', () => JSON.stringify(EXAMPLE_QUERIES).replace(/</g, '\\u003c'))
      // The page's own paths are absolute (/sparql/ui/…), so the shared header is too.
      .replace('<!--SITE_HEAD-->', () => siteHeadLinks('/').value)
      .replace('<!--SITE_HEADER-->', () => siteHeader('/', 'SPARQL').value);
    page = { html, csp: scriptPageCsp(html) };
  }
  return page;
}

export const sendQueryPage = (reply: FastifyReply) => {
  const { html, csp } = queryPage();
  return reply.type('text/html; charset=utf-8').header('Content-Security-Policy', csp).send(html);
};

const FILES = new Map([
  ['yasgui.min.js', 'application/javascript; charset=utf-8'],
  ['yasgui.min.css', 'text/css; charset=utf-8'],
]);

export const yasguiAssets: FastifyPluginAsync = async (app) => {
  // The prefixes queries may leave undeclared, for the editor's prefix completion (instead of its bundled prefix.cc list).
  app.get('/sparql/ui/prefixes.json', async (_req, reply) => reply.header('Cache-Control', 'public, max-age=86400').send(DEFAULT_PREFIXES));
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { file: string } }>('/sparql/ui/:file', async (req, reply) => {
    const type = FILES.get(req.params.file);
    if (!type) return reply.callNotFound();
    let body = cache.get(req.params.file);
    if (!body) cache.set(req.params.file, (body = readFileSync(new URL(`vendor/yasgui/${req.params.file}`, ASSETS))));
    return reply.type(type).header('Cache-Control', 'public, max-age=86400').send(body);
  });
};
