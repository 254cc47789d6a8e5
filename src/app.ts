import { join } from 'node:path';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.js';
import { requireToken } from './http/auth.js';
import { defaultHtmlCsp } from './http/csp.js';
import { graphqlPlugin } from './http/graphql/index.js';
import { healthPlugin } from './http/health.js';
import { homePlugin } from './http/home/index.js';
import { jobsPlugin } from './http/jobs/index.js';
import { ldesPlugin } from './http/ldes/index.js';
import { publishingPlugin } from './http/linked-data/index.js';
import { installMetrics } from './http/metrics/index.js';
import { oaiPlugin } from './http/oai/index.js';
import { installOpenApi } from './http/openapi/index.js';
import { installErrorHandler } from './http/problem.js';
import { reconcilePlugin } from './http/reconcile/index.js';
import { logRequests } from './http/request-log.js';
import { searchPlugin } from './http/search/index.js';
import { sparqlPlugin } from './http/sparql/index.js';
import { graphStorePlugin } from './http/store/index.js';
import { tpfPlugin } from './http/tpf/index.js';
import { JobQueue } from './jobs/jobs.js';
import { openSearch, searchIndexPath } from './search/service.js';
import type { EmbeddedStore } from './store/embedded.js';
import { optimizingStore } from './store/optimize/index.js';
import type { QuadStore } from './store/port.js';

export interface AppDeps {
  store: QuadStore;
  /** Hashes of tokens made with `libkg token create`. */
  storedTokenHashes: () => string[];
  /** Where log lines go (default stdout as JSON); `libkg serve` on a terminal passes a human format. */
  logStream?: { write(line: string): void };
}

/** How long requests in flight may still run once the server is closing. */
const DRAIN_GRACE_MS = 10_000;

/**
 * On close, requests in flight finish, but a keep-alive socket that finishes one during the drain would hold
 * close() open for the whole keep-alive timeout (72 s in Fastify): shut each socket once idle, and every socket
 * after the grace period.
 */
function drainOnClose(app: FastifyInstance, graceMs: number): void {
  app.addHook('preClose', (done) => {
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    const force = setTimeout(() => app.server.closeAllConnections(), graceMs);
    idle.unref();
    force.unref();
    app.server.once('close', () => {
      clearInterval(idle);
      clearTimeout(force);
    });
    done();
  });
}

/** Builds the HTTP app: one plugin per protocol surface, nothing else. */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, ...(deps.logStream && { stream: deps.logStream }) },
    bodyLimit: config.bodyLimit,
    // Fastify's two lines per request only when debugging (they cost throughput on dereferencing benchmarks); logRequests writes one.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    routerOptions: { maxParamLength: 1000 },
  });
  if (config.requestLog) logRequests(app);
  installErrorHandler(app, new URL(config.baseIri).pathname);
  // No response may be sniffed into another type (a served record as HTML, say).
  app.addHook('onRequest', async (_req, reply) => void reply.header('X-Content-Type-Options', 'nosniff'));
  app.addHook('onSend', defaultHtmlCsp);
  drainOnClose(app, DRAIN_GRACE_MS);
  installOpenApi(app, { baseIri: config.baseIri, publicReads: config.publicReads });
  // One CORS registration for every surface: reads from any origin, and writes with a bearer token (preflights allow it).
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Accept', 'Authorization', 'Content-Type', 'If-None-Match', 'If-Modified-Since'],
    exposedHeaders: ['ETag', 'Last-Modified', 'Link', 'Content-Location', 'Location', 'Vary'],
    maxAge: 86_400,
  });
  await app.register(formbody);
  const requireWrite = requireToken({ storedHashes: deps.storedTokenHashes, plainTokens: config.writeTokens });
  const requireRead = config.publicReads ? undefined : requireWrite;
  await app.register(healthPlugin, { store: deps.store });
  const jobs = new JobQueue(join(config.dataDir, 'jobs.sqlite'));
  app.addHook('onClose', async () => {
    // Shutdown does not wait for imports: they stop at their next record, uncommitted work rolled back.
    jobs.cancelAll('the server is shutting down');
    await jobs.idle();
    jobs.close();
  });
  await app.register(jobsPlugin, {
    store: deps.store,
    jobs,
    dataDir: config.dataDir,
    baseIri: config.baseIri,
    limits: { maxInflatedBytes: config.importMaxInflatedBytes, maxTokenBytes: config.importMaxTokenBytes },
    requireWrite,
    requireRead,
  });
  // The search index follows the store from its own file; closed before the store (app close precedes store close).
  const search = openSearch({ path: searchIndexPath(config.dataDir, config.searchIndex), baseIri: config.baseIri, store: deps.store, log: app.log });
  app.addHook('onClose', () => search.close());
  installMetrics(app, { store: deps.store, jobs, search, dataDir: config.dataDir, requireRead });
  await app.register(sparqlPlugin, {
    store: optimizingStore(deps.store),
    requireWrite,
    requireRead,
    baseIri: config.baseIri,
    search,
    limits: config,
    queryTimeoutMs: config.queryTimeoutMs,
  });
  await app.register(graphStorePlugin, { store: deps.store, requireWrite, requireRead, baseIri: config.baseIri });
  await app.register(graphqlPlugin, { store: deps.store, timeoutMs: config.queryTimeoutMs, requireRead, limits: config });
  await app.register(publishingPlugin, { store: deps.store, config, requireRead });
  await app.register(oaiPlugin, { store: deps.store, baseIri: config.baseIri, requireRead, adminEmail: config.oaiAdminEmail || undefined });
  await app.register(ldesPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(tpfPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(searchPlugin, { search, baseIri: config.baseIri, maxPageSize: config.searchMaxPageSize, requireRead, store: deps.store });
  await app.register(reconcilePlugin, { search, baseIri: config.baseIri, requireRead });
  await app.register(homePlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  return app;
}

export const tokenHashesOf = (store: EmbeddedStore) => () => store.journal.tokenHashes();
