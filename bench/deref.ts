/**
 * Dereferencing throughput and latency: 32 concurrent keep-alive clients GET
 * entity documents (/doc/..., Accept-negotiated Turtle and JSON-LD) of 10k
 * generated works over loopback, with and without conditional requests,
 * against a bare Fastify route returning a fixed body of the same size in
 * the same run. A small http.Agent loop rather than autocannon: no extra
 * dependency, and each request can pick its own entity and ETag. The clients
 * run in a worker thread so they do not share the server's event loop.
 *   npx tsx bench/deref.ts [--entities 10000] [--clients 32] [--seconds 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import N3 from 'n3';
import { buildApp } from '../src/app.js';
import { resolveConfig } from '../src/config.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import type { GraphPut } from '../src/store/port.js';
import { biblioRecords } from './gen-biblio.js';

const { values: args } = parseArgs({
  options: { entities: { type: 'string', default: '10000' }, clients: { type: 'string', default: '32' }, seconds: { type: 'string', default: '5' } },
});
const ENTITIES = Number(args.entities);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);

interface Result {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
  bytes: number;
}

/**
 * The load loop, as plain JavaScript for an eval'd worker (a worker cannot
 * load TypeScript under tsx): CLIENTS keep-alive loops, each sending its next
 * request as soon as the last answer ends.
 */
const CLIENT_SOURCE = `
const http = require('node:http');
const { parentPort, workerData: plan } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });
const get = (path, headers) => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port: plan.port, path, headers, agent }, (res) => {
    let bytes = 0;
    res.on('data', (c) => { bytes += c.length; });
    res.on('end', () => resolve({ status: res.statusCode, bytes }));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end();
});
(async () => {
  const latencies = [];
  const statuses = {};
  let bytes = 0;
  let i = 0;
  const end = performance.now() + plan.seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const r = plan.requests[i++ % plan.requests.length];
      const t = performance.now();
      const res = await get(r.path, r.headers);
      latencies.push(performance.now() - t);
      statuses[res.status] = (statuses[res.status] || 0) + 1;
      bytes += res.bytes;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: plan.clients }, client));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] || 0;
  agent.destroy();
  parentPort.postMessage({ name: plan.name, requests: latencies.length, rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), statuses, bytes });
})();
`;

interface Plan {
  name: string;
  port: number;
  requests: { path: string; headers: Record<string, string> }[];
}

function load(plan: Plan): Promise<Result> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CLIENT_SOURCE, { eval: true, workerData: { ...plan, seconds: SECONDS, clients: CLIENTS } });
    w.once('message', (r: Result) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** One GET from the main thread (the cold pass, which also collects ETags). */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; etag?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function loadData(store: EmbeddedStore): Promise<string[]> {
  const parser = new N3.Parser({ format: 'N-Quads' });
  const works: string[] = [];
  let batch: GraphPut[] = [];
  for (const chunk of biblioRecords(ENTITIES * 25)) {
    const quads = parser.parse(chunk);
    const graph = quads[0]?.graph.value as string;
    batch.push({ graph, quads: quads.map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object)) });
    works.push(quads[0]?.subject.value as string);
    if (batch.length === 1000) {
      await store.putGraphs(batch);
      batch = [];
    }
    if (works.length >= ENTITIES) break;
  }
  if (batch.length) await store.putGraphs(batch);
  return works;
}

await main();

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-bench-deref-'));
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', loadDemo: false } as never);
  const store = await EmbeddedStore.open({ dataDir: dir, quadBudget: config.quadBudget, engines: 2, queryTimeoutMs: 30_000, maxResultBytes: 1 << 28 });
  try {
    const t0 = performance.now();
    const works = await loadData(store);
    console.log(`loaded ${works.length} works, ${store.size()} quads in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = await buildApp(config, { store, storedTokenHashes: () => [] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const docPath = (w: string) => new URL(w).pathname.replace('/id/', '/doc/');
    // A fixed shuffle of the entities, so runs touch all of them in the same order.
    const order = works.map((_, i) => docPath(works[(i * 7919) % works.length] as string));

    const etags = new Map<string, string>();
    // Cold pass: every description built once (CONSTRUCT + serialization), then served from the cache.
    const tc = performance.now();
    let sizeSum = 0;
    for (const accept of ['text/turtle', 'application/ld+json']) {
      const queue = [...works];
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let w = queue.pop(); w; w = queue.pop()) {
            const r = await get(port, docPath(w), { accept });
            if (r.etag) etags.set(`${accept} ${docPath(w)}`, r.etag);
            if (accept === 'text/turtle') sizeSum += r.bytes;
          }
        }),
      );
    }
    const cold = (2 * works.length) / ((performance.now() - tc) / 1000);
    console.log(`cold pass (build + render each of ${works.length} entities in 2 formats): ${cold.toFixed(0)} req/s`);
    const avgSize = Math.round(sizeSum / works.length);

    const bare = Fastify();
    const body = 'x'.repeat(avgSize);
    bare.get('/fixed', async (_req, reply) => reply.type('text/turtle; charset=utf-8').send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as { port: number }).port;
    const bareRun = () =>
      load({ name: `bare Fastify, fixed ${avgSize} B body`, port: barePort, requests: [{ path: '/fixed', headers: { accept: 'text/turtle' } }] });

    // JIT warm-up of both servers, not reported.
    await load({ name: 'warm-up', port, requests: order.map((path) => ({ path, headers: { accept: 'text/turtle' } })) });
    await bareRun();
    // Each run is paired with a bare run right after it: the machine is shared, so only same-moment ratios compare.
    const rows: { run: Result; bare: Result }[] = [];
    for (const [name, accept] of [
      ['Turtle', 'text/turtle'],
      ['JSON-LD', 'application/ld+json'],
    ] as const) {
      const plain = await load({ name: `${name} GET`, port, requests: order.map((path) => ({ path, headers: { accept } })) });
      rows.push({ run: plain, bare: await bareRun() });
      const conditional = await load({
        name: `${name} conditional (304)`,
        port,
        requests: order.map((path) => ({ path, headers: { accept, 'if-none-match': etags.get(`${accept} ${path}`) ?? '' } })),
      });
      rows.push({ run: conditional, bare: await bareRun() });
    }
    await bare.close();
    await app.close();

    console.log(`\n${CLIENTS} clients, ${SECONDS} s each, ${works.length} entities, average Turtle body ${avgSize} B\n`);
    console.log('| run | req/s | p50 ms | p99 ms | bare Fastify req/s (right after) | bare p99 ms | ratio | statuses |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---|');
    for (const { run: r, bare: b } of rows) {
      const statuses = Object.entries(r.statuses)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${b.rps.toFixed(0)} | ${b.p99.toFixed(2)} | ${(r.rps / b.rps).toFixed(2)} | ${statuses} |`,
      );
    }
  } finally {
    agent.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
