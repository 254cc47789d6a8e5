/**
 * SPARQL benchmark: libkg against Virtuoso on SP2Bench-style data.
 *
 *   npx tsx bench/sparql-vs-virtuoso.ts [--triples 1000000,5000000] [--runs 5] [--timeout 60]
 *       [--clients 8] [--throughput-seconds 20] [--systems libkg,virtuoso] [--engines 2]
 *       [--queries q1,q5a] [--libkg-root DIR] [--libkg-data DIR] [--label TEXT] [--result-cache]
 *
 * --libkg-root runs another checkout's bin/libkg.js (e.g. a `git archive` snapshot, built);
 * --libkg-data serves an already imported data dir; --label files the run under its own
 * heading (e.g. "rewrites off" with LIBKG_QUERY_REWRITES=off in the environment). A run
 * libkg's result cache is off unless --result-cache (repeated runs would time cache hits). A run
 * without Virtuoso borrows the Virtuoso figures of the unlabelled run of the same size.
 * LIBKG_ENGINE_NICE=0 runs libkg's engine threads at the default priority, as Virtuoso runs
 * (libkg lowers them to nice 10 by default; on a machine shared with other jobs that slows short queries).
 *
 * Needs `npm run build` (the bench starts bin/libkg.js) and Debian's virtuoso-opensource
 * (virtuoso-t, isql-vt). Data goes to bench/data/ (gitignored); figures are printed and
 * kept in bench/results/sparql-vs-virtuoso.{json,md}. Run one system at a time so
 * they never compete for the cores.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type GenMeta, generate } from './sp2b/generate.js';
import { type QueryFigures, throughput, timeQuery, warmClient } from './sp2b/measure.js';
import { benchQueries } from './sp2b/queries.js';
import { type SizeRun, type SystemRun, sizeSection } from './sp2b/report.js';
import { type System, startLibkg, startVirtuoso } from './sp2b/servers.js';
import { GRAPH } from './sp2b/vocab.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, 'data');
const RESULTS = join(HERE, 'results');

const { values } = parseArgs({
  options: {
    triples: { type: 'string', default: '1000000,5000000' },
    runs: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '60' },
    clients: { type: 'string', default: '8' },
    'throughput-seconds': { type: 'string', default: '20' },
    systems: { type: 'string', default: 'libkg,virtuoso' },
    engines: { type: 'string', default: '2' },
    queries: { type: 'string' },
    'libkg-root': { type: 'string' },
    'libkg-data': { type: 'string' },
    label: { type: 'string' },
    'result-cache': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const timeoutMs = Number(values.timeout) * 1000;
const clients = Number(values.clients);
const tpSeconds = Number(values['throughput-seconds']);
const systems = (values.systems ?? '').split(',');

async function dataFor(triples: number): Promise<{ file: string; meta: GenMeta }> {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `sp2b-${triples}.nt`);
  const metaFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(metaFile)) return { file, meta: JSON.parse(readFileSync(metaFile, 'utf8')) };
  const t0 = performance.now();
  const meta = await generate(file, triples);
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  console.error(
    `generated ${meta.triples} triples (${meta.documents} works, ${meta.persons} persons, ${meta.firstYear}-${meta.lastYear}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { file, meta };
}

async function measure(system: System, meta: GenMeta): Promise<SystemRun> {
  const all = benchQueries(meta).filter((q) => !values.queries || values.queries.split(',').includes(q.id));
  const queries: QueryFigures[] = [];
  const loadBefore = loadavg()[0] as number;
  await warmClient(system);
  for (const q of all) {
    const f = await timeQuery(system, q, runs, timeoutMs);
    queries.push(f);
    console.error(
      `  ${system.name} ${q.id.padEnd(8)} ${f.medianMs !== undefined ? `${f.medianMs.toFixed(1)} ms (median of ${f.runs})` : f.error?.slice(0, 160)}  rows ${f.rows ?? '?'}`,
    );
  }
  const mix = all.filter((q) => q.interactive);
  const tp = tpSeconds > 0 && mix.length ? await throughput(system, mix, clients, tpSeconds, timeoutMs) : undefined;
  if (tp) console.error(`  ${system.name} throughput ${tp.qps.toFixed(1)} q/s with ${clients} clients (${tp.errors} errors)`);
  const machineLoad: [number, number] = [loadBefore, loadavg()[0] as number];
  console.error(`  ${system.name} machine load average ${machineLoad.map((x) => x.toFixed(2)).join(' -> ')}`);
  return { name: system.name, loadSeconds: system.loadSeconds, loadNote: system.loadNote, machineLoad, queries, throughput: tp };
}

async function benchSize(triples: number): Promise<SizeRun> {
  const { file, meta } = await dataFor(triples);
  const results: SystemRun[] = [];
  for (const name of systems) {
    console.error(`${name}: loading ${meta.triples} triples`);
    const system =
      name === 'libkg'
        ? await startLibkg({
            dataFile: file,
            root: values['libkg-root'],
            dataDir: values['libkg-data'],
            resultCache: values['result-cache'],
            timeoutS: timeoutMs / 1000,
            engines: Number(values.engines),
            quadBudget: Math.max(8_000_000, triples * 2),
          })
        : await startVirtuoso({ dataFile: file, graph: GRAPH, timeoutS: timeoutMs / 1000, buffers: 500_000 });
    console.error(`${name}: ready after ${system.loadSeconds.toFixed(1)} s`);
    try {
      results.push(await measure(system, meta));
    } finally {
      await system.stop();
    }
  }
  const cpu = cpus();
  return {
    triples: meta.triples,
    label: values.label,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    settings: `median of up to ${runs} runs after one warm-up, timeout ${timeoutMs / 1000} s, libkg engines ${values.engines}, libkg result cache ${values['result-cache'] ? 'on' : 'off'}, query rewrites ${process.env.LIBKG_QUERY_REWRITES === 'off' ? 'off' : 'on'}, libkg engine threads at nice ${process.env.LIBKG_ENGINE_NICE ?? 10}`,
    systems: results,
    mix: benchQueries(meta)
      .filter((q) => q.interactive)
      .map((q) => q.id),
  };
}

const jsonFile = join(RESULTS, 'sparql-vs-virtuoso.json');
const stored: Record<string, SizeRun> = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
function writeMarkdown(): void {
  const sections = Object.values(stored)
    .sort((a, b) => a.triples - b.triples || (a.label ?? '').localeCompare(b.label ?? ''))
    .map(sizeSection);
  writeFileSync(
    resolve(RESULTS, 'sparql-vs-virtuoso.md'),
    `# SPARQL: libkg vs Virtuoso (SP2Bench-style data)\n\nWritten by \`npx tsx bench/sparql-vs-virtuoso.ts\` (see bench/sp2b/ for the generator and the queries).\nTimes are medians in milliseconds over HTTP (POST, SPARQL JSON results, time to the last byte); ratio > 1 means libkg is slower.\n\n${sections.join('\n\n')}\n`,
  );
}

// --report-only: rewrite the Markdown from the stored figures (e.g. after adding notes to the JSON).
if (values['report-only']) {
  writeMarkdown();
  process.exit(0);
}

for (const triples of (values.triples ?? '').split(',').map(Number)) {
  const run = await benchSize(triples);
  const key = values.label ? `${triples} ${values.label}` : String(triples);
  const borrowed = stored[String(triples)]?.systems.find((s) => s.name === 'virtuoso');
  if (!run.systems.some((s) => s.name === 'virtuoso') && borrowed) run.systems.push({ ...borrowed, borrowed: true });
  const section = sizeSection(run);
  console.log(`\n${section}\n`);
  stored[key] = run;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(jsonFile, `${JSON.stringify(stored, null, 2)}\n`);
  writeMarkdown();
}
