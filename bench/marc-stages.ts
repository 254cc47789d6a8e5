/**
 * CPU time of each stage of the MARC import, on the records of bench/marc-e2e.ts
 * (real fixture records repeated with fresh 001s): read (ISO 2709 + MARC-8),
 * map (mappings/marc21.yaml), SHACL validation, serialize (what putGraphs
 * does before SQLite), the store write (serialize + journal, with the source
 * records kept as the pipeline keeps them), and the whole pipeline (importFile
 * into a journal-only store, as `libkg import` runs it). CPU, not wall: the
 * machine is shared; each stage's best of --rounds runs is printed.
 *   npx tsx bench/marc-stages.ts [--records 5000] [--rounds 3] [--batch 100] [--file x.mrc]
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '../src/ingest/pipeline.js';
import { iso2709Reader } from '../src/ingest/readers/marc-iso2709.js';
import { createIngest } from '../src/ingest/setup.js';
import type { MappedRecord, SourceRecord } from '../src/ingest/types.js';
import { relabelBlankNodes, tripleKey } from '../src/rdf/nquads.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import type { GraphPut } from '../src/store/port.js';
import { writeSampleFile } from './marc-sample.js';

const { values } = parseArgs({
  options: { records: { type: 'string' }, file: { type: 'string' }, batch: { type: 'string' }, rounds: { type: 'string' } },
});
const dir = mkdtempSync(join(tmpdir(), 'libkg-marc-stages-'));
let file = values.file;
if (!file) {
  file = join(dir, 'records.mrc');
  await writeSampleFile(file, { records: Number(values.records ?? 5000) });
}
const batch = Number(values.batch ?? 100);
const rounds = Number(values.rounds ?? 3);
const baseIri = 'http://localhost:8080/';
const ingest = await createIngest({ baseIri });
const ctx = { fileName: 'records.mrc', baseIri };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const best = new Map<string, number>();
const stage = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
  const t = cpuMs();
  const r = await fn();
  const ms = cpuMs() - t;
  best.set(name, Math.min(best.get(name) ?? Infinity, ms));
  return r;
};
let stores = 0;
const openStore = () => EmbeddedStore.open({ dataDir: join(dir, `data${stores++}`), quadBudget: 1e9, engines: 0, queryTimeoutMs: 1000, maxResultBytes: 1e8 });

let count = { records: 0, quads: 0 };
for (let round = 0; round < rounds; round++) {
  const recs = await stage('read', async () => {
    const out: SourceRecord[] = [];
    for await (const it of iso2709Reader.read(createReadStream(file), ctx)) if ('record' in it) out.push(it.record);
    return out;
  });
  const mapped = await stage('map', () => recs.map((r) => ingest.mapper.map(r, ctx) as MappedRecord));
  count = { records: recs.length, quads: mapped.reduce((a, m) => a + m.quads.length, 0) };
  await stage('validate', async () => {
    for (const m of mapped) await ingest.validator.validate(m);
  });
  const puts = await stage('original', () =>
    mapped.map((m, i): GraphPut => {
      const r = recs[i] as SourceRecord;
      return {
        graph: m.graph,
        quads: m.quads,
        source: file,
        original: r.original ?? { format: r.mapping, body: JSON.stringify(r.data) },
        distinct: m.distinct,
      };
    }),
  );
  // The same steps as EmbeddedStore.putNow before the journal.
  await stage('serialize', () => {
    for (const m of mapped) {
      const lines = relabelBlankNodes(m.quads, m.graph).map(tripleKey).sort();
      lines.filter((l, i) => i === 0 || l !== lines[i - 1]).join('\n');
    }
  });
  const store = await openStore();
  await stage(`store write (batches of ${batch})`, async () => {
    for (let i = 0; i < puts.length; i += batch) await store.putGraphs(puts.slice(i, i + batch));
  });
  await store.close();
  const whole = await openStore();
  await stage('whole pipeline (importFile)', () => importFile(whole, file, { baseIri, ...ingest, batchSize: batch }));
  await whole.close();
}
const ms = (name: string) => best.get(name) ?? 0;
console.log(`${count.records} records, ${count.quads} quads; best of ${rounds} rounds, CPU ms:`);
for (const [name, t] of best) console.log(`${name.padEnd(30)} ${t.toFixed(0).padStart(6)}`);
console.log(`${'  of which journal ≈'.padEnd(30)} ${(ms(`store write (batches of ${batch})`) - ms('serialize')).toFixed(0).padStart(6)}`);
const whole = ms('whole pipeline (importFile)');
console.log(`whole pipeline: ${Math.round((count.records / whole) * 1000)} records per CPU-second`);
rmSync(dir, { recursive: true, force: true });
