import { join } from 'node:path';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.js';
import { apiPlugin } from './http/api/routes.js';
import { Dumps } from './http/dumps/dumps.js';
import { dumpsPlugin } from './http/dumps/routes.js';
import { graphqlPlugin } from './http/graphql/index.js';
import { healthPlugin } from './http/health/index.js';
import { homePlugin } from './http/home/index.js';
import { jobsPlugin } from './http/jobs/index.js';
import { installAccess } from './http/kit/access.js';
import { defaultHtmlCsp } from './http/kit/csp.js';
import { installFormBody } from './http/kit/form-body.js';
import { requestsInFlight } from './http/kit/in-flight.js';
import { installErrorHandler } from './http/kit/problem.js';
import { logRequests } from './http/kit/request-log.js';
import { vocabulary } from './http/kit/vocabulary.js';
import { ldesPlugin } from './http/ldes/index.js';
import { linkedDataPlugin } from './http/linked-data/routes.js';
import { linksPlugin } from './http/links/index.js';
import { installMetrics } from './http/metrics/index.js';
import { oaiPlugin } from './http/oai/index.js';
import { ontologyDocsPlugin } from './http/ontology-docs/routes.js';
import { installOpenApi } from './http/openapi/index.js';
import { reconcilePlugin } from './http/reconcile/index.js';
import { searchPlugin } from './http/search/index.js';
import { sitemapPlugin } from './http/sitemap/index.js';
import { sparqlPlugin } from './http/sparql/index.js';
import { graphStorePlugin } from './http/store/index.js';
import { tpfPlugin } from './http/tpf/index.js';
import { voidPlugin } from './http/void/routes.js';
import { JobQueue } from './jobs/jobs.js';
import { ClusterIndex } from './links/clusters/cluster-index.js';
import { openSearch, searchIndexPath } from './search/service.js';
import { optimizingStore } from './store/optimize/index.js';
import type { QuadStore } from './store/port.js';

export interface AppDeps {
  store: QuadStore;
  /** Hashes of tokens made with `libkg token create`. */
  storedTokenHashes: () => string[];
  /** Where log lines go (default stdout as JSON); `libkg serve` on a terminal passes a human format. */
  logStream?: { write(line: string): void };
}

/** How long a document or search waits for the owl:sameAs clusters to take in the latest writes. */
const CLUSTER_WAIT_MS = 2000;

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
  // CORS for every surface, and the token checks each surface is given.
  const { requireWrite, requireRead } = await installAccess(app, {
    tokens: { storedHashes: deps.storedTokenHashes, plainTokens: config.writeTokens },
    publicReads: config.publicReads,
    lingerMs: config.lingerMs,
  });
  installFormBody(app);
  await app.register(healthPlugin, { store: deps.store });
  const jobs = new JobQueue(join(config.dataDir, 'jobs.sqlite'), config.jobConcurrency);
  app.addHook('onClose', async () => {
    // Shutdown does not wait for jobs: running ones stop at their next record, uncommitted work rolled
    // back (reported INTERRUPTED); queued ones stay queued and start at the next start.
    jobs.stopAll();
    await jobs.idle();
    jobs.close();
  });
  await app.register(jobsPlugin, {
    store: deps.store,
    jobs,
    dataDir: config.dataDir,
    baseIri: config.baseIri,
    queryTimeoutMs: config.queryTimeoutMs,
    limits: { maxInflatedBytes: config.importMaxInflatedBytes, maxTokenBytes: config.importMaxTokenBytes },
    requireWrite,
    requireRead,
  });
  // The search index follows the store from its own file; closed before the store (app close precedes store close).
  const busy = requestsInFlight(app);
  const search = openSearch({ path: searchIndexPath(config.dataDir, config.searchIndex), baseIri: config.baseIri, store: deps.store, log: app.log, busy });
  app.addHook('onClose', () => search.close());
  // owl:sameAs clusters follow the store in memory (derived data, rebuilt on start).
  const clusters = new ClusterIndex(deps.store, config.baseIri, app.log).start();
  app.addHook('onClose', () => clusters.close());
  installMetrics(app, { store: deps.store, jobs, search, dataDir: config.dataDir, requireRead });
  await app.register(sparqlPlugin, {
    store: optimizingStore(deps.store, { rewrites: config.queryRewrites, resultCache: config.resultCache }),
    requireWrite,
    requireRead,
    baseIri: config.baseIri,
    search,
    limits: config,
    queryTimeoutMs: config.queryTimeoutMs,
  });
  await app.register(graphStorePlugin, { store: deps.store, requireWrite, requireRead, baseIri: config.baseIri });
  await app.register(graphqlPlugin, { store: deps.store, timeoutMs: config.queryTimeoutMs, requireRead, limits: config });
  // Linked data publishing: dereferenceable entities, the JSON-LD API, VoID (which lists the dumps), the dumps, the sitemap, the ontology.
  const vocab = vocabulary();
  const dumps = new Dumps(deps.store, config.dataDir, config.baseIri);
  app.addHook('onClose', () => dumps.idle());
  const shownClusters = { index: clusters, limit: config.clusterListLimit, waitMs: CLUSTER_WAIT_MS };
  await app.register(linkedDataPlugin, { store: deps.store, baseIri: config.baseIri, vocab: vocab.index, requireRead, clusters: shownClusters });
  await app.register(apiPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(voidPlugin, { store: deps.store, dumps, baseIri: config.baseIri, vocab: vocab.index, requireRead });
  await app.register(dumpsPlugin, { dumps, basePath: new URL(config.baseIri).pathname, requireRead });
  await app.register(sitemapPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(ontologyDocsPlugin, { vocabulary: vocab, baseIri: config.baseIri, requireRead });
  await app.register(oaiPlugin, { store: deps.store, baseIri: config.baseIri, requireRead, adminEmail: config.oaiAdminEmail || undefined });
  await app.register(ldesPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(tpfPlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  await app.register(searchPlugin, {
    search,
    baseIri: config.baseIri,
    maxPageSize: config.searchMaxPageSize,
    requireRead,
    store: deps.store,
    conceptDepth: config.searchConceptDepth,
    clusters,
  });
  await app.register(linksPlugin, { store: deps.store, baseIri: config.baseIri, timeoutMs: config.queryTimeoutMs, requireWrite, requireRead });
  await app.register(reconcilePlugin, { search, baseIri: config.baseIri, requireRead, clusters });
  await app.register(homePlugin, { store: deps.store, baseIri: config.baseIri, requireRead });
  return app;
}

export const tokenHashesOf = (store: QuadStore) => () => store.tokens.hashes();
