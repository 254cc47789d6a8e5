/**
 * GET /metrics in the Prometheus text format (prom-client): HTTP requests and latency by route pattern and
 * status class, and, read at scrape time, what /health reports about the store and its engines, the journal's
 * size, job states and how far the search index is behind the store.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../../jobs/jobs.js';
import type { Search } from '../../search/service.js';
import type { QuadStore } from '../../store/port.js';
import { type Guard, guardRoute } from '../kit/access.js';
import { storeGauges } from './store-gauges.js';

export interface MetricsOptions {
  store: QuadStore;
  jobs: JobQueue;
  search: Search;
  dataDir: string;
  requireRead?: Guard;
}

/** Latency buckets (seconds): from cached look-ups (1 ms) to queries at the timeout. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Registers the request hooks on the app itself (not in an encapsulated plugin, so every route is measured)
 * and the /metrics route. Each app has its own registry: several apps in one process do not share counters.
 */
export function installMetrics(app: FastifyInstance, { store, jobs, search, dataDir, requireRead }: MetricsOptions): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new Counter({
    name: 'libkg_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status class',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'libkg_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by route pattern and status class',
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
  });
  storeGauges(registry, { store, jobs, search, dataDir });

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL (one series per route); requests no route matched share one label.
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_class: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', guardRoute(requireRead), async (_req, reply) => {
    reply.type(registry.contentType).header('Cache-Control', 'no-store');
    return registry.metrics();
  });
}
