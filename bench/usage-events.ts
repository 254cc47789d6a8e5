/**
 * Usage event log throughput: generates a log (src/ingest/usage/generate.ts),
 * then reads it through the usage-events reader (parse, robot filter, COUNTER
 * aggregation) and prints events/s and peak RSS.
 *
 *   npx tsx bench/usage-events.ts [--events 1000000] [--format csv|ndjson] [--items 20000]
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { usageEventsReader } from '../src/ingest/readers/usage-events.js';
import { csvHeader, generateEvents, newTotals, toCsvLine, toNdjsonLine } from '../src/ingest/usage/generate.js';

const { values } = parseArgs({ options: { events: { type: 'string' }, format: { type: 'string' }, items: { type: 'string' } } });
const events = Number(values.events ?? 1_000_000);
const format = values.format === 'ndjson' ? 'ndjson' : 'csv';
const items = Number(values.items ?? 20_000);

const dir = mkdtempSync(join(tmpdir(), 'libkg-usage-bench-'));
const file = join(dir, `events.${format}`);
try {
  const t0 = performance.now();
  const out = createWriteStream(file);
  const totals = newTotals();
  let buf = format === 'csv' ? csvHeader() : '';
  const line = format === 'csv' ? toCsvLine : toNdjsonLine;
  for (const e of generateEvents({ seed: 1, events, syntheticItems: items, months: 12, users: 5000 }, totals)) {
    buf += line(e);
    if (buf.length < 1 << 20) continue;
    const ok = out.write(buf);
    buf = '';
    if (!ok) await once(out, 'drain');
  }
  out.end(buf);
  await once(out, 'finish');
  const rssBefore = process.memoryUsage().rss;
  console.log(
    `generated ${totals.events} events (${(statSync(file).size / 1e6).toFixed(1)} MB ${format}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // Peak RSS while reading, sampled (the generator's own peak is before this).
  let peak = rssBefore;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  let records = 0;
  for await (const item of usageEventsReader.read(createReadStream(file), { fileName: file, baseIri: 'http://localhost:8080/' })) {
    if ('record' in item) records++;
  }
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`read + aggregated ${totals.events} events into ${records} item records in ${seconds.toFixed(2)} s`);
  console.log(`events/s: ${Math.round(totals.events / seconds)} (wall clock)`);
  // On a shared machine the wall clock depends on other jobs; CPU time shows what one free core does.
  console.log(`events per CPU second: ${Math.round(totals.events / cpuSeconds)} (${cpuSeconds.toFixed(2)} s CPU, load average ${os.loadavg()[0]?.toFixed(1)})`);
  console.log(`peak RSS while reading: ${(peak / 1e6).toFixed(0)} MB (RSS before reading: ${(rssBefore / 1e6).toFixed(0)} MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
