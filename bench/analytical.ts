/**
 * The analytical path against Oxigraph on SP2Bench data and the broad query set, both in this process
 * (no HTTP): load time, RSS per million quads, and each query's median on each path, with whether the
 * answers are equal and which path the planner (LIBKG_ANALYTICAL=auto) would choose.
 *
 *   npx tsx --expose-gc bench/analytical.ts [--triples 200000,1000000] [--runs 5] [--queries q8,minus,…]
 *
 * Oxigraph runs on this thread and cannot be stopped: queries that take it minutes are left out (below).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import oxigraph from 'oxigraph';
import { DEFAULTS } from '../src/settings/resolve.js';
import { answer, translateFor } from '../src/store/analytical/answer.js';
import { AnalyticalCopy } from '../src/store/analytical/copy.js';
import { plan } from '../src/store/analytical/planner.js';
import { Unsupported } from '../src/store/analytical/unsupported.js';
import { BROAD_QUERIES } from './sp2b/broad-queries.js';
import { generate } from './sp2b/generate.js';
import { median } from './sp2b/measure.js';
import { benchQueries } from './sp2b/queries.js';

const { values } = parseArgs({
  options: { triples: { type: 'string', default: '200000,1000000' }, runs: { type: 'string', default: '5' }, queries: { type: 'string' } },
});
const runs = Number(values.runs);
const only = values.queries?.split(',');

const rssMiB = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
};

/** A SPARQL JSON result as sorted rows (blank node labels kept: both paths keep the stored ones). */
function rows(json: string): string {
  const r = JSON.parse(json) as { boolean?: boolean; results?: { bindings: unknown[] } };
  return r.boolean !== undefined ? String(r.boolean) : JSON.stringify((r.results?.bindings ?? []).map((b) => JSON.stringify(b)).sort());
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number[]; out: T }> {
  let out = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, out };
}

for (const target of values.triples.split(',').map(Number)) {
  const file = join(mkdtempSync(join(tmpdir(), 'libkg-analytical-')), 'sp2b.nt');
  const meta = await generate(file, target);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim());
  // q4, q4c, q5a and q5b run for minutes on Oxigraph from 200k on (in process it cannot be stopped): left out.
  const queries = [...benchQueries(meta).filter((q) => !['q4', 'q4c', 'q5a', 'q5b'].includes(q.id)), ...BROAD_QUERIES].filter(
    (q) => !only || only.includes(q.id),
  );

  const base = rssMiB();
  let t0 = performance.now();
  const store = new oxigraph.Store();
  store.load(text, { format: 'application/n-triples' } as never);
  const oxLoadS = (performance.now() - t0) / 1000;
  const oxRss = rssMiB() - base;

  const before = rssMiB();
  t0 = performance.now();
  const copy = await AnalyticalCopy.create();
  await copy.addLines(lines);
  const duckLoadS = (performance.now() - t0) / 1000;
  const duckRss = rssMiB() - before;
  const millions = lines.length / 1e6;

  console.log(
    `\n## ${lines.length} triples (SP2Bench generator), ${runs} runs, medians in ms, in process; load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}\n`,
  );
  console.log(`Load: Oxigraph ${oxLoadS.toFixed(1)} s, RSS +${oxRss.toFixed(0)} MiB (${(oxRss / millions).toFixed(0)} MiB per million quads)`);
  console.log(
    `Load: DuckDB copy ${duckLoadS.toFixed(1)} s, RSS +${duckRss.toFixed(0)} MiB (${(duckRss / millions).toFixed(0)} MiB per million quads), ${copy.terms.length - 1} terms\n`,
  );
  console.log('| query | Oxigraph | DuckDB path | Oxigraph/DuckDB | equal | auto chooses |');
  console.log('|---|---|---|---|---|---|');
  const stats = copy.statistics();
  const ratios: number[] = [];
  for (const q of queries) {
    // As the engines run it: the union default graph unless the query names its own dataset.
    const options = { results_format: 'application/sparql-results+json', use_default_graph_as_union: !/\bFROM\b/.test(q.text) };
    let ox: { ms: number[]; out: string };
    try {
      ox = await timed(() => store.query(q.text, options as never) as string);
    } catch (e) {
      // Raw Oxigraph does not know libkg's undeclared prefixes (the HTTP surface declares them).
      console.log(`| ${q.id} | error: ${(e as Error).message.slice(0, 40)} | | | | |`);
      continue;
    }
    const oxMs = median(ox.ms);
    let cell = '';
    let ratio = '-';
    let equal = '-';
    let chooses = 'Oxigraph';
    try {
      const sql = translateFor(copy, q.text);
      const p = plan(sql.algebra, stats, DEFAULTS.analyticalMinRows);
      chooses = p.analytical ? 'DuckDB' : `Oxigraph (${p.reason})`;
      const duck = await timed(() => answer(copy, q.text));
      const ms = median(duck.ms);
      cell = ms.toFixed(1);
      ratio = (oxMs / ms).toFixed(2);
      ratios.push(oxMs / ms);
      // Under LIMIT any subset is an answer: only the row count must agree.
      const count = (json: string) => (JSON.parse(json) as { results?: { bindings: unknown[] } }).results?.bindings.length;
      if (/\bLIMIT\b/.test(q.text)) equal = count(duck.out) === count(ox.out) ? 'rows: yes (LIMIT)' : 'rows: NO';
      else equal = rows(duck.out) === rows(ox.out) ? 'yes' : 'NO';
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      cell = `unsupported: ${e.message.slice(0, 60)}`;
    }
    console.log(`| ${q.id} | ${oxMs.toFixed(1)} | ${cell} | ${ratio} | ${equal} | ${chooses} |`);
  }
  const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  console.log(`\nGeometric mean Oxigraph/DuckDB over the ${ratios.length} queries the path answers: ${geo.toFixed(2)}`);
  copy.close();
}
