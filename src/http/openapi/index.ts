/**
 * GET /openapi.json: the OpenAPI 3.1 description of the HTTP API. Every route the app registers is recorded
 * (onRoute), so a route nobody described is logged at start-up and caught by the tests.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openApiDocument, servedPath } from './document.js';
import { OPERATIONS } from './operations.js';

const registered = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Routes as Fastify registered them (HEAD, which Fastify adds to every GET, and CORS preflights left out). */
export const registeredRoutes = (app: FastifyInstance) => registered.get(app) ?? [];

/** Fastify's `:name` and `*` in OpenAPI's spelling. */
export const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}');

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Call before the other plugins are registered, so every route is seen. */
export function installOpenApi(app: FastifyInstance, opts: { baseIri: string; publicReads: boolean }): void {
  const routes: { method: string; url: string }[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method: method.toLowerCase(), url: openApiPath(r.url) });
  });
  app.addHook('onReady', async () => {
    const basePath = new URL(opts.baseIri).pathname;
    const described = new Set(OPERATIONS.map((o) => `${o.method} ${servedPath(o, basePath)}`));
    for (const r of routes) if (!described.has(`${r.method} ${r.url}`)) app.log.warn({ route: r }, 'route missing from /openapi.json');
  });
  let body: string | undefined;
  app.get('/openapi.json', async (_req, reply) => {
    body ??= JSON.stringify(openApiDocument({ ...opts, version: VERSION }));
    return reply.type('application/json; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(body);
  });
}
