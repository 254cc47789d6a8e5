/**
 * Search index throughput: builds the index from the demo fixtures and from
 * generated bibliographic records (bench/gen-biblio.ts), then runs a mix of
 * /search-shaped queries (free text, fields, phrases, prefixes, OR, ISBN,
 * filters, with the four facets and a page of 10) against it in process, one
 * at a time, printing queries/s, p50 and p99.
 *   npx tsx bench/search.ts [--quads 500000] [--seconds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import N3 from 'n3';
import { importPaths } from '../src/ingest/pipeline.js';
import { createIngest } from '../src/ingest/setup.js';
import type { SearchRequest } from '../src/search/port.js';
import { parseQuery } from '../src/search/query.js';
import { SqliteSearchIndex } from '../src/search/sqlite.js';
import { SearchSync } from '../src/search/sync.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import type { GraphPut } from '../src/store/port.js';
import { biblioRecords } from './gen-biblio.js';

const { values: args } = parseArgs({ options: { quads: { type: 'string', default: '500000' }, seconds: { type: 'string', default: '3' } } });
const BASE = 'http://localhost:8080/';
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

async function openStore(dir: string) {
  return EmbeddedStore.open({ dataDir: dir, quadBudget: 12_000_000, engines: 0, queryTimeoutMs: 60_000, maxResultBytes: 2 ** 30 });
}

async function build(store: EmbeddedStore, dir: string) {
  const index = new SqliteSearchIndex(join(dir, 'search.sqlite'), BASE);
  const sync = new SearchSync(store, index, BASE, undefined, { rebuildBatch: 5000 });
  const t = performance.now();
  const graphs = await sync.rebuild();
  const s = (performance.now() - t) / 1000;
  console.log(`  index build: ${graphs} graphs, ${index.count()} entities in ${s.toFixed(2)} s (${Math.round(graphs / s)} graphs/s)`);
  return index;
}

function run(index: SqliteSearchIndex, queries: string[], seconds: number) {
  const requests: SearchRequest[] = queries.map((q) => {
    const p = parseQuery(q);
    return { query: p.node, from: 0, size: 10, facets: ['type', 'lang', 'year', 'subject'], filters: { types: [] } };
  });
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  let hits = 0;
  while (performance.now() < end) {
    const t = performance.now();
    hits += index.search(requests[i++ % requests.length] as SearchRequest).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0).toFixed(2);
  console.log(
    `  ${times.length} queries in ${seconds} s: ${Math.round(times.length / seconds)} queries/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms (avg ${Math.round(hits / times.length)} hits)`,
  );
}

const DEMO_QUERIES = [
  'goethe',
  'Göthe',
  'title:"foreign affairs"',
  'author:dvorak',
  '外交',
  'アイヌ語',
  '9787500481676',
  '10.48321/d1z60q',
  'music OR poetry',
  'symph*',
  'subject:language',
  'goethe -werther',
];
/** Known-item searches: a title word with its number, a person, an ISBN-like prefix, an exact phrase. */
const SELECTIVE_QUERIES = [
  'title:1234',
  'author:"müller anna 17"',
  'author:Mueller AND title:777',
  'bench-4242',
  'title:"music theory" AND 99',
  'author:nørgaard AND subject:archive AND 5',
];
/** Topic searches in a 30-word vocabulary: each matches a third or more of all records (the worst case for facets). */
const BROAD_QUERIES = [
  'library',
  'title:"music theory"',
  'author:müller',
  'poetry OR medicine',
  'revol*',
  'climate water city',
  'subject:archive',
  'history -science',
];

const dir = mkdtempSync(join(tmpdir(), 'libkg-bench-search-'));
try {
  console.log('demo fixtures');
  const demo = await openStore(join(dir, 'demo'));
  await importPaths(demo, [FIXTURES], { baseIri: BASE, ...(await createIngest({ baseIri: BASE })) });
  const demoIndex = await build(demo, join(dir, 'demo'));
  run(demoIndex, DEMO_QUERIES, Number(args.seconds));
  demoIndex.close();
  await demo.close();

  console.log(`generated records (${args.quads} quads)`);
  const scaled = await openStore(join(dir, 'scaled'));
  const byGraph = new Map<string, N3.Quad[]>();
  const parser = new N3.Parser({ format: 'N-Quads' });
  let batch: string[] = [];
  const flush = async () => {
    for (const q of parser.parse(batch.join('\n'))) {
      const g = q.graph.value;
      let a = byGraph.get(g);
      if (!a) byGraph.set(g, (a = []));
      a.push(q);
    }
    batch = [];
    const puts: GraphPut[] = [...byGraph].map(([graph, quads]) => ({ graph, quads }));
    byGraph.clear();
    if (puts.length) await scaled.putGraphs(puts);
  };
  for (const line of biblioRecords(Number(args.quads))) {
    batch.push(line);
    if (batch.length >= 50_000 && line.endsWith('.')) await flush();
  }
  await flush();
  const scaledIndex = await build(scaled, join(dir, 'scaled'));
  console.log(' known-item queries:');
  run(scaledIndex, SELECTIVE_QUERIES, Number(args.seconds));
  console.log(' broad topic queries:');
  run(scaledIndex, BROAD_QUERIES, Number(args.seconds));
  scaledIndex.close();
  await scaled.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
