/**
 * Measures mapping and validation throughput on the MARC fixtures (not a test:
 * run `npx tsx test/ingest/mapping/measure-throughput.ts`). Figures are quoted
 * in docs/decisions/0003-mapping-format.md.
 */
import { createIngest } from '../../../src/ingest/setup.js';
import { readMarcFile } from './marc-fixtures.js';

const N = Number(process.argv[2] ?? 20_000);
const ctx = { baseIri: 'http://lib.example/', fileName: 'bench.mrc' };
const t0 = performance.now();
const { mapper, validator } = await createIngest({ baseIri: ctx.baseIri });
console.log(`createIngest: ${(performance.now() - t0).toFixed(0)} ms`);
const records = [...readMarcFile('traject-test_data.utf8.mrc'), ...readMarcFile('marc4j-chabon.mrc')];
const pick = (i: number) => records[i % records.length] as (typeof records)[number];
for (let i = 0; i < 2000; i++) mapper.map(pick(i), ctx); // warm-up

// CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
let quads = 0;
let c = process.cpuUsage();
let t = performance.now();
const mapped = [];
for (let i = 0; i < N; i++) {
  const m = mapper.map(pick(i), ctx);
  quads += m.quads.length;
  mapped.push(m);
}
let s = (performance.now() - t) / 1000;
let cs = cpu(c);
console.log(
  `map: ${N} records, ${quads} quads in ${s.toFixed(2)} s = ${(N / s).toFixed(0)} records/s, ${(quads / s).toFixed(0)} quads/s; CPU ${cs.toFixed(2)} s = ${(N / cs).toFixed(0)} records per CPU-second`,
);

c = process.cpuUsage();
t = performance.now();
let violations = 0;
for (const m of mapped) violations += (await validator.validate(m)).length;
s = (performance.now() - t) / 1000;
cs = cpu(c);
console.log(
  `validate: ${N} records in ${s.toFixed(2)} s = ${(N / s).toFixed(0)} records/s, ${(N / cs).toFixed(0)} records per CPU-second (${violations} violations)`,
);
