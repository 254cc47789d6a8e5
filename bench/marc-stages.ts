/**
 * CPU time of each stage of the MARC import, on the same records as
 * bench/marc-e2e.ts (real fixture records repeated with fresh 001s):
 * read (ISO 2709 + MARC-8), map (mappings/marc21.yaml), SHACL validation,
 * serialize + hash (what putGraphs does before SQLite) and the store write
 * (serialize + journal, in the pipeline's batches). CPU, not wall: the
 * machine is shared. Writes the input to a temp file unless --file is given.
 *   npx tsx bench/marc-stages.ts [--records 5000] [--file x.mrc]
 */
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { iso2709Reader } from '../src/ingest/readers/marc-iso2709.js';
import { createIngest } from '../src/ingest/setup.js';
import type { MappedRecord, SourceRecord } from '../src/ingest/types.js';
import { hashBody, relabelBlankNodes, tripleKey } from '../src/rdf/nquads.js';
import { EmbeddedStore } from '../src/store/embedded.js';

/** The records of bench/marc-e2e.ts: fixture records with a 001, each copy with its own control number. */
function sampleRecords(): Buffer[] {
  const dir = join(import.meta.dirname, '../fixtures/catalog');
  const out: Buffer[] = [];
  for (const f of readdirSync(dir).filter((n) => /\.(mrc|marc)$/.test(n))) {
    const buf = readFileSync(join(dir, f));
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] !== 0x1d) continue;
      const rec = buf.subarray(start, i + 1);
      start = i + 1;
      if (rec.length > 24 && rec.subarray(24, 27).toString('latin1') === '001') out.push(Buffer.from(rec));
    }
  }
  return out;
}

function withControlNumber(rec: Buffer, n: number): Buffer {
  const copy = Buffer.from(rec);
  const len = Number(copy.subarray(27, 31).toString('latin1'));
  const pos = Number(copy.subarray(31, 36).toString('latin1')) + Number(copy.subarray(12, 17).toString('latin1'));
  copy.write(`b${n.toString(36)}`.padStart(len - 1, '0').slice(-(len - 1)), pos, 'latin1');
  return copy;
}

const { values } = parseArgs({ options: { records: { type: 'string' }, file: { type: 'string' }, batch: { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'libkg-marc-stages-'));
let file = values.file;
if (!file) {
  const samples = sampleRecords();
  const n = Number(values.records ?? 5000);
  file = join(dir, 'records.mrc');
  writeFileSync(file, Buffer.concat(Array.from({ length: n }, (_, i) => withControlNumber(samples[i % samples.length] as Buffer, i))));
}
const batch = Number(values.batch ?? 100);
const baseIri = 'http://localhost:8080/';
const ingest = await createIngest({ baseIri });
const ctx = { fileName: 'records.mrc', baseIri };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const stage = async <T>(name: string, fn: () => Promise<T> | T, extra = ''): Promise<[T, number]> => {
  const t = cpuMs();
  const r = await fn();
  const ms = cpuMs() - t;
  console.log(`${name.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms CPU ${extra}`);
  return [r, ms];
};

const [recs] = await stage('read', async () => {
  const out: SourceRecord[] = [];
  for await (const it of iso2709Reader.read(createReadStream(file), ctx)) if ('record' in it) out.push(it.record);
  return out;
});
const [mapped] = await stage('map', () => recs.map((r) => ingest.mapper?.map(r, ctx) as MappedRecord));
console.log(`  ${recs.length} records, ${mapped.reduce((a, m) => a + m.quads.length, 0)} quads`);
await stage('validate', async () => {
  for (const m of mapped) await ingest.validator?.validate(m);
});
// The same steps as EmbeddedStore.putNow before the journal.
const [, serialize] = await stage('serialize + hash', () => {
  for (const m of mapped) {
    const lines = relabelBlankNodes(m.quads, m.graph).map(tripleKey).sort();
    hashBody(lines.filter((l, i) => i === 0 || l !== lines[i - 1]).join('\n'));
  }
});
const store = await EmbeddedStore.open({ dataDir: join(dir, 'data'), quadBudget: 1e8, engines: 0, queryTimeoutMs: 1000, maxResultBytes: 1e8 });
const [, put] = await stage(`store (batches of ${batch})`, async () => {
  for (let i = 0; i < mapped.length; i += batch)
    await store.putGraphs(mapped.slice(i, i + batch).map((m) => ({ graph: m.graph, quads: m.quads, source: file })));
});
console.log(`  of which journal (SQLite) ≈ ${(put - serialize).toFixed(0)} ms CPU`);
await store.close();
rmSync(dir, { recursive: true, force: true });
