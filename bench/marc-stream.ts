/**
 * Streams a large MARC file (default 1 GiB of the bench records: real fixture
 * records repeated with fresh 001s) through the import path `libkg import`
 * runs (importPaths: read -> map -> validate -> journal writes, engines not
 * started), and prints peak RSS with RSS samples along the way: memory should
 * stay flat whatever the file size. The CLI caps the quad budget at 12 M (one
 * Oxigraph engine's reach, src/config.ts), about 230,000 of these records; this
 * bench opens the journal-only store with a budget large enough for the file,
 * which is the only difference from `libkg import`. Needs ~8x the file size on disk.
 *   npx tsx bench/marc-stream.ts [--bytes 1073741824] [--dist path/to/dist]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSampleFile } from './marc-sample.js';

const { values } = parseArgs({ options: { bytes: { type: 'string' }, dist: { type: 'string' } } });
const bytes = Number(values.bytes ?? 2 ** 30);
const dist = pathToFileURL(resolve(values.dist ?? join(import.meta.dirname, '../dist'))).href;
const dir = mkdtempSync(join(tmpdir(), 'libkg-marc-stream-'));
const file = join(dir, 'records.mrc');
const records = await writeSampleFile(file, { bytes });
console.log(`${records} records, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);

// The child runs what `libkg import` runs, from the compiled build, and reports as it goes.
const child = `
const { importPaths } = await import('${dist}/ingest/pipeline.js');
const { createIngest } = await import('${dist}/ingest/setup.js');
const { EmbeddedStore } = await import('${dist}/store/embedded.js');
const [file, dataDir] = process.argv.slice(1);
const baseIri = 'http://localhost:8080/';
const store = await EmbeddedStore.open({ dataDir, quadBudget: 1e9, engines: 0, queryTimeoutMs: 1000, maxResultBytes: 1e8 });
let next = 50000;
const s = await importPaths(store, [file], { baseIri, ...(await createIngest({ baseIri })), onProgress: (p) => {
  if (p.records < next) return;
  next += 50000;
  console.log('progress ' + p.records + ' ' + process.memoryUsage().rss);
} });
await store.close();
console.log('done ' + JSON.stringify({ read: s.read, written: s.written, rejected: s.rejected }));
`;
const t0 = performance.now();
const proc = spawn(process.execPath, ['--input-type=module', '-e', child, file, join(dir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
const status = () => {
  try {
    return readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  } catch {
    return '';
  }
};
let peak = 0;
let cpu = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status())?.[1] ?? 0) / 1024);
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu = Math.max(cpu, (Number(f[11]) + Number(f[12])) / 100);
  } catch {}
}, 100);
const samples: string[] = [];
let summary = '';
let buffered = '';
proc.stdout.on('data', (c: Buffer) => {
  buffered += c;
  for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const m = /^progress (\d+) (\d+)/.exec(line);
    if (m) samples.push(`${Math.round(Number(m[1]) / 1000)}k: ${Math.round(Number(m[2]) / 2 ** 20)}`);
    else if (line.startsWith('done ')) summary = line.slice(5);
  }
});
await once(proc, 'exit');
clearInterval(timer);
const secs = (performance.now() - t0) / 1000;
const db = statSync(join(dir, 'data', 'libkg.sqlite')).size;
console.log(summary);
console.log(`RSS along the way (records: MiB): ${samples.join(', ')}`);
console.log(
  `| MARC stream | ${(bytes / 2 ** 30).toFixed(2)} GiB, ${records} records | ${secs.toFixed(0)} s | ${Math.round(records / secs)} records/s | ${cpu.toFixed(0)} CPU-s | ${Math.round(records / cpu)} records/CPU-s | peak RSS ${Math.round(peak)} MiB | journal ${(db / 2 ** 30).toFixed(1)} GiB | load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} |`,
);
rmSync(dir, { recursive: true, force: true });
