/**
 * Each rewrite of src/store/optimize/ alone against rewrites off, in-process (one engine, result cache off), on the
 * queries it changes: a rewrite leaves every other query's text as it is, so only those can get slower or faster.
 * Runs of the two go in turn (a busy minute on a shared machine slows both); medians and the ratio per query.
 *
 *   npx tsx bench/rewrite-audit.ts --data-dir <a data dir holding bench/sp2b data> --meta <generate()'s figures as JSON> [--runs 5]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { QUERY_REWRITES } from '../src/settings/query-rewrites.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../src/store/optimize/index.js';
import { BROAD_QUERIES } from './sp2b/broad-queries.js';
import { median } from './sp2b/measure.js';
import { benchQueries } from './sp2b/queries.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, meta: { type: 'string' }, runs: { type: 'string', default: '5' }, timeout: { type: 'string', default: '10' } },
});
const runs = Number(values.runs);
const meta = JSON.parse(readFileSync(values.meta ?? '', 'utf8'));
const queries = [...benchQueries(meta).filter((q) => q.id !== 'q4' && q.id !== 'q4c'), ...BROAD_QUERIES];
const store = await EmbeddedStore.open({
  dataDir: values['data-dir'] ?? '',
  quadBudget: 8_000_000,
  engines: 1,
  queryTimeoutMs: Number(values.timeout) * 1000,
  maxResultBytes: 500_000_000,
});
const facts = new DataFacts(store);
const format = 'application/sparql-results+json';
const graphForm = (text: string) => /^\s*(CONSTRUCT|DESCRIBE)/im.test(text.replace(/PREFIX[^>]*>/gi, ''));

/** Median ms of `runs` executions of each store, in turn; undefined for a store that failed (timeout). */
async function race(text: string, stores: ReturnType<typeof optimizingStore>[]): Promise<(number | undefined)[]> {
  const times = stores.map(() => [] as number[]);
  const failed = stores.map(() => false);
  const once = async (i: number) => {
    if (failed[i]) return;
    const t0 = performance.now();
    try {
      await stores[i]?.query(text, { format: graphForm(text) ? 'application/n-triples' : format });
      times[i]?.push(performance.now() - t0);
    } catch {
      failed[i] = true;
    }
  };
  for (let i = 0; i < stores.length; i++) await once(i); // first runs: plans and statistics, not timed
  for (let r = 0; r < runs; r++) for (let i = 0; i < stores.length; i++) await once((i + r) % stores.length);
  return times.map((t, i) => (failed[i] || !t.length ? undefined : median(t)));
}

const off = optimizingStore(store, { rewrites: false, resultCache: false });
console.log(`\n${meta.triples} triples, ${runs} runs in turn after one untimed, in-process, 1 engine; load ${loadavg()[0]?.toFixed(1)}\n`);
console.log('| rewrite | query | off ms | alone ms | alone/off |');
console.log('|---|---|---|---|---|');
const summary: string[] = [];
for (const rewrite of QUERY_REWRITES) {
  const alone = optimizingStore(store, { rewrites: [rewrite], resultCache: false });
  const ratios: number[] = [];
  for (const q of queries) {
    // Does the rewrite change this query? (top-k plans apart: it answers ORDER BY + LIMIT queries itself.)
    const changed =
      rewrite === 'top-k'
        ? /order\s+by/i.test(q.text) && /limit/i.test(q.text)
        : (await optimizeQuery(q.text, facts, undefined, undefined, new Set([rewrite])).catch(() => undefined)) !== undefined;
    if (!changed) continue;
    const [a, b] = await race(q.text, [off, alone]);
    const ratio = a !== undefined && b !== undefined ? b / a : undefined;
    if (ratio !== undefined) ratios.push(ratio);
    console.log(`| ${rewrite} | ${q.id} | ${a?.toFixed(1) ?? 'timeout'} | ${b?.toFixed(1) ?? 'timeout'} | ${ratio?.toFixed(2) ?? '-'} |`);
  }
  summary.push(`${rewrite}: ${ratios.length} queries changed, worst alone/off ${ratios.length ? Math.max(...ratios).toFixed(2) : '-'}`);
}
console.log(`\n${summary.join('\n')}`);
await store.close();
