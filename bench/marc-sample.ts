/**
 * The records of the MARC benches: real fixture records (those with a 001),
 * repeated with a fresh control number each, so every copy is its own record graph.
 */
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../fixtures/catalog');

/**
 * Which fixture records the benches repeat: `catalog` (default) every ISO 2709 record with a 001,
 * so mostly the 366 ordinary catalogue records of the Pride and Prejudice set (≈ 0.9 KB each);
 * `test-beds` the mix used until 2026-11-25 without them: 53 records from MARC libraries' test
 * suites, twice the size on average, 16 of them the synthetic every-diacritic brkrtest records.
 */
export type SampleSet = 'catalog' | 'test-beds';
const PRIDE_AND_PREJUDICE = 'marc4j-pride-and-prejudice-marc21.mrc';

/** Real records from the fixtures: split on the record terminator, keeping those with a 001. */
export function sampleRecords(set: SampleSet = 'catalog'): Buffer[] {
  const out: Buffer[] = [];
  const files = readdirSync(FIXTURES).filter((n) => /\.(mrc|marc)$/.test(n) && (set === 'catalog' || n !== PRIDE_AND_PREJUDICE));
  for (const f of files) {
    const buf = readFileSync(join(FIXTURES, f));
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

/** Overwrites the 001 field's data with a same-length base-36 counter (the directory stays valid). */
export function withControlNumber(rec: Buffer, n: number): Buffer {
  const copy = Buffer.from(rec);
  const len = Number(copy.subarray(27, 31).toString('latin1'));
  const pos = Number(copy.subarray(31, 36).toString('latin1')) + Number(copy.subarray(12, 17).toString('latin1'));
  const id = `b${n.toString(36)}`.padStart(len - 1, '0').slice(-(len - 1));
  copy.write(id, pos, 'latin1');
  return copy;
}

/** Writes `records` sample records (or as many as fill `bytes`) to `file`; returns how many were written. */
export async function writeSampleFile(file: string, limit: { records?: number; bytes?: number; set?: SampleSet }): Promise<number> {
  const samples = sampleRecords(limit.set);
  const out = createWriteStream(file);
  let n = 0;
  let size = 0;
  for (; limit.records === undefined || n < limit.records; n++) {
    const rec = withControlNumber(samples[n % samples.length] as Buffer, n);
    if (limit.bytes !== undefined && size + rec.length > limit.bytes) break;
    size += rec.length;
    if (!out.write(rec)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}
