/**
 * End-to-end MARC → RDF → store throughput: real ISO 2709 fixture records are
 * repeated with a fresh 001 control number each (so every copy is its own
 * record graph), then `libkg import` reads, maps, validates and writes them.
 * The store's quad budget is capped at 12M quads (src/config.ts): ~230,000 of
 * these records (~50 quads each, ~360 MB of MARC) is the largest run.
 * Prints records/s (wall and per CPU-second of the import process: the
 * machine may be shared), peak RSS and the load average. Target: >= 5,000
 * records/s on one core. --entry runs another build of the CLI (default bin/libkg.js);
 * --sample test-beds repeats the earlier, heavier mix of test-suite records (bench/marc-sample.ts).
 *   npx tsx bench/marc-e2e.ts [--records 100000] [--sample catalog|test-beds] [--entry path/to/cli.js]
 * One core, as the target says: `taskset -c 1 npx tsx bench/marc-e2e.ts …` (the import inherits the affinity).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type SampleSet, sampleRecords, writeSampleFile } from './marc-sample.js';

const { values } = parseArgs({ options: { records: { type: 'string' }, entry: { type: 'string' }, sample: { type: 'string' } } });
const target = Number(values.records ?? 100_000);

function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, all threads) the process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const set = (values.sample ?? 'catalog') as SampleSet;
if (set !== 'catalog' && set !== 'test-beds') throw new Error(`--sample is catalog or test-beds, not ${set}`);
const samples = sampleRecords(set);
const dir = mkdtempSync(join(tmpdir(), 'libkg-marc-e2e-'));
const file = join(dir, 'records.mrc');
await writeSampleFile(file, { records: target, set });

const t0 = performance.now();
const child = spawn(
  process.execPath,
  [values.entry ?? join(import.meta.dirname, '../bin/libkg.js'), 'import', '--data-dir', join(dir, 'data'), '--quad-budget', '12000000', file],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The import alone: no linking steps after it (they rebuild an engine).
    env: { ...process.env, LIBKG_IMPORT_LINKS: 'off' },
  },
);
let rss = 0;
let cpu = 0;
const timer = setInterval(() => {
  rss = Math.max(rss, peakRss(child.pid as number));
  cpu = Math.max(cpu, cpuSeconds(child.pid as number));
}, 100);
let stdout = '';
child.stdout.on('data', (c) => {
  stdout += c;
});
await once(child, 'exit');
clearInterval(timer);
const secs = (performance.now() - t0) / 1000;
const read = Number(/read (\d+)/.exec(stdout)?.[1] ?? 0);
console.log(stdout.split('\n')[0]);
console.log(
  `| MARC records | ${read} | ${secs.toFixed(1)} s | ${Math.round(read / secs)} records/s | ${cpu.toFixed(1)} CPU-s | ${Math.round(read / cpu)} records/CPU-s | peak RSS ${Math.round(rss)} MiB | load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} | from ${samples.length} real records (${set}, ${Math.round(samples.reduce((a, r) => a + r.length, 0) / samples.length)} bytes avg) |`,
);
rmSync(dir, { recursive: true, force: true });
