/**
 * The query path of builds and rewrite settings side by side, on a broad query set: SP2Bench's queries plus
 * researcher-style and general shapes they do not cover (bench/sp2b/broad-queries.ts). Each build imports the same
 * generated data once; every variant (build + LIBKG_QUERY_REWRITES) serves its own copy, all at the same time,
 * result cache off, and the runs of a query go round the variants in turn: a machine shared with other work slows
 * every variant alike, instead of whichever happened to run in a busy minute.
 *
 *   npx tsx bench/query-path.ts --old <checkout of the earlier build> [--triples 200000] [--runs 7]
 *       variants old:on,new:on,old:off,new:off; ratios new/old with rewrites on and off
 *   npx tsx bench/query-path.ts --audit [--triples 100000] [--runs 7]
 *       the rewrite audit: new with rewrites off, on, and each rewrite alone; ratios against off
 *   --variants new:off,new:join-order,...  --queries q1,q3c  (any subset)
 *
 * Prints each query's median wall time (first run) and server CPU per timed execution for every variant, each
 * ratio, and the geometric means.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { QUERY_REWRITES } from '../src/settings/query-rewrites.js';
import { run } from '../test/helpers/virtuoso.js';
import { BROAD_QUERIES } from './sp2b/broad-queries.js';
import { generate } from './sp2b/generate.js';
import { median, runQuery, warmClient } from './sp2b/measure.js';
import { benchQueries } from './sp2b/queries.js';
import { type System, startLibkg } from './sp2b/servers.js';

const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    audit: { type: 'boolean', default: false },
    triples: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '7' },
    timeout: { type: 'string', default: '30' },
    queries: { type: 'string' },
    variants: { type: 'string' },
  },
});

/** A variant: a build (old/new) and its LIBKG_QUERY_REWRITES value ('+' joins a list: new:on+-top-k). */
interface Variant {
  label: string;
  build: 'old' | 'new';
  rewrites: string;
}
const parseVariant = (label: string): Variant => {
  const [build, rewrites = 'on'] = label.split(':');
  if (build !== 'old' && build !== 'new') throw new Error(`variant ${label}: build must be old or new`);
  return { label, build, rewrites: rewrites.replaceAll('+', ',') };
};
const defaultVariants = values.audit ? ['new:off', 'new:on', ...QUERY_REWRITES.map((r) => `new:${r}`)] : ['old:on', 'new:on', 'old:off', 'new:off'];
const variants = (values.variants?.split(',') ?? defaultVariants).map(parseVariant);
if (variants.some((v) => v.build === 'old') && !values.old) throw new Error('--old <checkout> is required for old:… variants');
/** Ratios printed: numerator/denominator variant labels. */
const ratios: [string, string][] = values.audit
  ? variants.filter((v) => v.label !== 'new:off').map((v) => [v.label, 'new:off'])
  : variants.filter((v) => v.build === 'new').flatMap((v) => (variants.some((o) => o.label === `old:${v.rewrites}`) ? [[v.label, `old:${v.rewrites}`]] : []));

const runs = Number(values.runs);
const timeoutMs = Number(values.timeout) * 1000;
const work = mkdtempSync(join(tmpdir(), 'libkg-query-path-'));
const data = join(work, 'sp2b.nt');
const meta = await generate(data, Number(values.triples));
const only = values.queries?.split(',');
const queries = [...benchQueries(meta).filter((q) => q.id !== 'q4' && q.id !== 'q4c'), ...BROAD_QUERIES].filter((q) => !only || only.includes(q.id));
const roots = { old: values.old ? resolve(values.old) : '', new: resolve('.') };

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

// One import per build (and its search index, built by a first start); each variant serves a copy of it.
const imported = new Map<string, string>();
for (const build of new Set(variants.map((v) => v.build))) {
  const dir = join(work, `template-${build}`);
  mkdirSync(dir);
  process.env.LIBKG_IMPORT_LINKS = 'off';
  await run(process.execPath, [join(roots[build], 'bin/libkg.js'), 'import', '--data-dir', dir, '--quad-budget', '8000000', data], roots[build]);
  await (await startLibkg({ dataFile: data, dataDir: dir, root: roots[build], timeoutS: 30, engines: 1, quadBudget: 8_000_000 })).stop();
  imported.set(build, dir);
}
const servers: { v: Variant; sys: System }[] = [];
for (const v of variants) {
  const dir = join(work, `serve-${v.label.replace(/[^\w-]/g, '_')}`);
  cpSync(imported.get(v.build) as string, dir, { recursive: true });
  process.env.LIBKG_QUERY_REWRITES = v.rewrites;
  const sys = await startLibkg({ dataFile: data, dataDir: dir, root: roots[v.build], timeoutS: timeoutMs / 1000, engines: 1, quadBudget: 8_000_000 });
  await warmClient(sys);
  servers.push({ v, sys });
}

interface Cell {
  medianMs?: number;
  firstMs?: number;
  /** Server CPU ms per timed execution (the first run apart: it plans and counts). */
  cpuMs?: number;
  error?: string;
}
const cells = new Map<string, Map<string, Cell>>();
for (const q of queries) {
  const row = new Map<string, Cell>();
  cells.set(q.id, row);
  const live = servers;
  for (const { v } of live) row.set(v.label, {});
  // The first run of each variant (plans, statistics), then the timed runs, going round the variants.
  // First runs ran at the same time: their wall times are upper bounds.
  const times = new Map<string, number[]>();
  const cpu = new Map<string, number>();
  // First runs at once: a query that times out on several variants costs one timeout, not one each.
  await Promise.all(
    live.map(async ({ v, sys }) => {
      const r = await runQuery(sys, q, timeoutMs, false);
      row.set(v.label, r.error ? { error: r.error } : { firstMs: r.ms });
      if (r.error) await sys.recover();
      times.set(v.label, []);
      cpu.set(v.label, 0);
    }),
  );
  const ok = live.filter(({ v }) => !row.get(v.label)?.error);
  const n = Math.max(...ok.map(({ v }) => row.get(v.label)?.firstMs ?? 0)) > 5_000 ? Math.min(runs, 3) : runs;
  for (let i = 0; i < n; i++) {
    const order = [...ok.slice(i % ok.length), ...ok.slice(0, i % ok.length)];
    for (const { v, sys } of order) {
      if (row.get(v.label)?.error) continue;
      const c0 = cpuMs(sys.pid);
      const r = await runQuery(sys, q, timeoutMs, false);
      cpu.set(v.label, (cpu.get(v.label) ?? 0) + cpuMs(sys.pid) - c0);
      if (r.error) row.set(v.label, { error: r.error });
      else times.get(v.label)?.push(r.ms);
    }
  }
  for (const { v } of ok) {
    const c = row.get(v.label) as Cell;
    if (c.error) continue;
    c.medianMs = median(times.get(v.label) as number[]);
    c.cpuMs = (cpu.get(v.label) ?? 0) / n;
  }
  process.stderr.write(`${q.id}: ${[...row].map(([l, c]) => `${l} ${c.medianMs?.toFixed(1) ?? c.error?.slice(0, 30)}`).join(', ')}\n`);
}
for (const { sys } of servers) await sys.stop();

const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const table = (title: string, value: (c: Cell) => number | undefined, cell: (c: Cell) => string) => {
  console.log(`\n${title}\n`);
  console.log(`| query | ${variants.map((v) => v.label).join(' | ')} | ${ratios.map(([a, b]) => `${a} / ${b}`).join(' | ')} |`);
  console.log(`|---|${variants.map(() => '---|').join('')}${ratios.map(() => '---|').join('')}`);
  const perRatio = ratios.map(() => [] as number[]);
  for (const q of queries) {
    const row = cells.get(q.id) as Map<string, Cell>;
    const rs = ratios.map(([a, b], k) => {
      const x = value(row.get(a) ?? {});
      const y = value(row.get(b) ?? {});
      if (x === undefined || y === undefined || y <= 0 || x <= 0) return '-';
      perRatio[k]?.push(x / y);
      return (x / y).toFixed(2);
    });
    console.log(`| ${q.id} | ${variants.map((v) => cell(row.get(v.label) ?? {})).join(' | ')} | ${rs.join(' | ')} |`);
  }
  console.log(`\ngeometric means: ${ratios.map(([a, b], k) => `${a} / ${b} ${geo(perRatio[k] ?? []).toFixed(3)} over ${perRatio[k]?.length}`).join('; ')}`);
};
console.log(
  `\n${meta.triples} triples, ${runs} timed runs round the variants (all served at once), 1 engine each, result cache off; load ${loadavg()[0]?.toFixed(1)}`,
);
const errorCell = (c: Cell) => `error ${c.error?.replace(/\s+/g, ' ').slice(0, 40) ?? ''}`;
table(
  'Wall ms, median of the timed runs (first run)',
  (c) => c.medianMs,
  (c) => (c.medianMs === undefined ? errorCell(c) : `${c.medianMs.toFixed(1)} (${(c.firstMs ?? 0).toFixed(0)})`),
);
table(
  'Server CPU ms per timed execution (all threads, /proc, 10 ms ticks)',
  (c) => (c.cpuMs === undefined ? undefined : Math.max(c.cpuMs, 0.1)),
  (c) => (c.cpuMs === undefined ? '-' : c.cpuMs.toFixed(1)),
);
