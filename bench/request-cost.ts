/**
 * CPU time and wall time per SPARQL request of one build, in-process: the same query N times through
 * `app.inject` (the whole HTTP stack: hooks, parsing, limits, negotiation, engine) and directly through
 * `store.query` (the engine path alone). CPU time (`process.cpuUsage`, this thread only: the engine's
 * worker thread is not counted) is steadier than wall time on a shared machine.
 *
 *   npx tsx bench/request-cost.ts --root <built checkout> --data-dir <an imported data dir> --meta <generate()'s figures as JSON> [--n 200] [--queries q1,ask]
 *
 * Prints one JSON line per query and path: wall median/p10/p90 and CPU µs per request.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchQueries } from './sp2b/queries.js';
import { PREFIX_DECLS } from './sp2b/vocab.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    'data-dir': { type: 'string' },
    n: { type: 'string', default: '200' },
    queries: { type: 'string', default: 'q1,ask,q3b,q3c' },
    paths: { type: 'string', default: 'inject,store' },
    meta: { type: 'string' },
  },
});
if (!values['data-dir']) throw new Error('--data-dir <an imported data dir> is required');
const root = resolve(values.root);
const n = Number(values.n);

const { configFrom } = await import(`${root}/dist/cli/options.js`);
const { openStore } = await import(`${root}/dist/cli/open-store.js`);
const { buildApp, tokenHashesOf } = await import(`${root}/dist/app.js`);

const config = configFrom({ 'data-dir': values['data-dir'], 'log-level': 'warn', 'base-iri': 'http://localhost:8080/', engines: '1', 'no-demo': true });
const store = await openStore(config, 1);
const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
await app.ready();

const EXTRA: Record<string, string> = { ask: `${PREFIX_DECLS}ASK { ?a dct:abstract ?x ; dct:issued 1950 }` };
// The generator's figures (bench/sp2b/generate.ts) name the data some queries ask about.
const meta = JSON.parse(readFileSync(values.meta ?? '', 'utf8'));
const texts = new Map<string, string>(benchQueries(meta).map((q) => [q.id, q.text]));
for (const [id, text] of Object.entries(EXTRA)) texts.set(id, text);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] as number;

async function measure(run: () => Promise<void>) {
  for (let i = 0; i < 10; i++) await run();
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    walls.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { p10: pct(walls, 0.1), median: pct(walls, 0.5), p90: pct(walls, 0.9), cpuUs: Math.round((cpu.user + cpu.system) / n) };
}

for (const id of values.queries.split(',')) {
  const text = texts.get(id);
  if (!text) throw new Error(`unknown query ${id}`);
  const body = new URLSearchParams({ query: text }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' };
  for (const path of values.paths.split(',')) {
    const run =
      path === 'inject'
        ? async () => {
            const res = await app.inject({ method: 'POST', url: '/sparql', headers, payload: body });
            if (res.statusCode !== 200) throw new Error(`${id}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        : async () => void (await store.query(text, { format: 'application/sparql-results+json', asBytes: true }));
    const f = await measure(run);
    console.log(
      JSON.stringify({ build: root, query: id, path, n, ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) }),
    );
  }
}
await app.close();
await store.close();
