/**
 * The query path before and after a change, on a broad query set, with the algebra rewrites on and off:
 * SP2Bench's queries plus researcher-style shapes they do not cover (grouping with HAVING, aggregate
 * subqueries, MINUS, NOT EXISTS, multi-hop joins, text filters, OPTIONAL, DESCRIBE/CONSTRUCT, FROM, undeclared
 * prefixes). Each build imports the same generated data and serves it with the result cache off.
 *
 *   npx tsx bench/query-path.ts --old <checkout of the earlier build> [--triples 200000] [--runs 5]
 *
 * Prints each query's median (and first run) for every build and setting, the new/old ratio, and the geometric mean.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BROAD } from './sp2b/broad-queries.js';
import { generate } from './sp2b/generate.js';
import { timeQuery, warmClient } from './sp2b/measure.js';
import { benchQueries } from './sp2b/queries.js';
import { startLibkg } from './sp2b/servers.js';

const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    triples: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '5' },
    queries: { type: 'string' },
    rewrites: { type: 'string', default: 'on,off' },
    order: { type: 'string', default: 'old,new' },
  },
});
if (!values.old) throw new Error('--old <checkout> is required (a built checkout of the earlier build)');

const runs = Number(values.runs);
const data = join(mkdtempSync(join(tmpdir(), 'libkg-query-path-')), 'sp2b.nt');
const meta = await generate(data, Number(values.triples));
const only = values.queries?.split(',');
const queries = [...benchQueries(meta).filter((q) => q.id !== 'q4' && q.id !== 'q4c'), ...BROAD].filter((q) => !only || only.includes(q.id));
const builds = { old: resolve(values.old), new: resolve('.') };
type Key = `${keyof typeof builds}/${'on' | 'off'}`;
const table = new Map<string, Partial<Record<Key, string>>>();
const medians = new Map<string, Partial<Record<Key, number>>>();
/** Server CPU ms (all its threads) per execution of a query: steadier than wall time on a shared machine. */
const cpu = new Map<string, Partial<Record<Key, number>>>();

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

for (const rewrites of values.rewrites.split(',') as ('on' | 'off')[]) {
  process.env.LIBKG_QUERY_REWRITES = rewrites;
  for (const name of values.order.split(',') as (keyof typeof builds)[]) {
    const root = builds[name];
    const sys = await startLibkg({ dataFile: data, root, timeoutS: 30, engines: 1, quadBudget: 8_000_000 });
    await warmClient(sys);
    for (const q of queries) {
      const c0 = cpuMs(sys.pid);
      const f = await timeQuery(sys, q, runs, 30_000);
      const key: Key = `${name}/${rewrites}`;
      // The warm-up run is counted too (timeQuery runs it before the timed ones).
      if (f.medianMs !== undefined) cpu.set(q.id, { ...cpu.get(q.id), [key]: (cpuMs(sys.pid) - c0) / (f.runs + 1) });
      const cell = f.medianMs === undefined ? `error ${f.error ?? ''}`.slice(0, 40) : `${f.medianMs.toFixed(1)} (${(f.firstMs ?? 0).toFixed(0)})`;
      table.set(q.id, { ...table.get(q.id), [key]: cell });
      if (f.medianMs !== undefined) medians.set(q.id, { ...medians.get(q.id), [key]: f.medianMs });
    }
    await sys.stop();
  }
}

const ratio = (m: Partial<Record<Key, number>> | undefined, r: 'on' | 'off') => {
  const a = m?.[`new/${r}`];
  const b = m?.[`old/${r}`];
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
};
const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
console.log(
  `\n${meta.triples} triples, ${runs} runs, medians in ms (first run), 1 engine, result cache off; load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}\n`,
);
console.log('| query | old, rewrites on | new, rewrites on | new/old on | old, rewrites off | new, rewrites off | new/old off |');
console.log('|---|---|---|---|---|---|---|');
const on: number[] = [];
const off: number[] = [];
for (const q of queries) {
  const t = table.get(q.id) ?? {};
  const m = medians.get(q.id);
  const ron = ratio(m, 'on');
  const roff = ratio(m, 'off');
  if (ron) on.push(ron);
  if (roff) off.push(roff);
  console.log(`| ${q.id} | ${t['old/on']} | ${t['new/on']} | ${ron?.toFixed(2) ?? '-'} | ${t['old/off']} | ${t['new/off']} | ${roff?.toFixed(2) ?? '-'} |`);
}
console.log(`\ngeometric mean new/old: rewrites on ${geo(on).toFixed(3)} over ${on.length} queries, off ${geo(off).toFixed(3)} over ${off.length}`);

console.log('\nServer CPU ms per execution (all threads, from /proc; 10 ms ticks)\n');
console.log('| query | old on | new on | new/old on | old off | new off | new/old off |');
console.log('|---|---|---|---|---|---|---|');
const cpuOn: number[] = [];
const cpuOff: number[] = [];
for (const q of queries) {
  const c = cpu.get(q.id);
  const cell = (k: Key) => c?.[k]?.toFixed(1) ?? '-';
  const ron = ratio(c, 'on');
  const roff = ratio(c, 'off');
  if (ron) cpuOn.push(ron);
  if (roff) cpuOff.push(roff);
  console.log(
    `| ${q.id} | ${cell('old/on')} | ${cell('new/on')} | ${ron?.toFixed(2) ?? '-'} | ${cell('old/off')} | ${cell('new/off')} | ${roff?.toFixed(2) ?? '-'} |`,
  );
}
console.log(
  `\ngeometric mean of CPU new/old: rewrites on ${geo(cpuOn).toFixed(3)} over ${cpuOn.length} queries, off ${geo(cpuOff).toFixed(3)} over ${cpuOff.length}`,
);
