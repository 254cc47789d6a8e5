/**
 * MARC reader throughput: repeats real fixture files into a large temporary
 * file, streams it through the reader and prints records/s, MB/s and peak RSS
 * (which should stay flat whatever the file size: the readers hold one record).
 * With --compare, also times @natlibfi's ISO2709.from and MARCXML.reader on
 * the same data (the libraries the readers were measured against).
 *
 *   npx tsx bench/marc-read.ts [--records 50000] [--compare]
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers';
import { iso2709Reader } from '../src/ingest/readers/marc-iso2709.js';
import { marcxmlReader } from '../src/ingest/readers/marcxml.js';
import type { Reader } from '../src/ingest/types.js';

const { values } = parseArgs({ options: { records: { type: 'string' }, compare: { type: 'boolean' } } });
const target = Number(values.records ?? 50_000);
const FIXTURES = join(import.meta.dirname, '../fixtures/catalog');

interface Sample {
  name: string;
  reader: Reader;
  /** Bytes before the repeated part, the repeated part with its record count, bytes after. */
  head: Buffer;
  body: Buffer;
  perBody: number;
  tail: Buffer;
}

function isoSample(name: string, file: string): Sample {
  const body = readFileSync(join(FIXTURES, file));
  return { name, reader: iso2709Reader, head: Buffer.alloc(0), body, perBody: body.filter((b) => b === 0x1d).length, tail: Buffer.alloc(0) };
}

function xmlSample(name: string, file: string): Sample {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const start = text.search(/<(\w+:)?record[\s>]/);
  const end = text.lastIndexOf('</record>') + '</record>'.length;
  const body = text.slice(start, end);
  return {
    name,
    reader: marcxmlReader,
    head: Buffer.from(text.slice(0, start)),
    body: Buffer.from(body),
    perBody: body.match(/<(\w+:)?record[\s>]/g)!.length,
    tail: Buffer.from(text.slice(end)),
  };
}

async function writeRepeated(s: Sample, path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(s.head);
  const times = Math.ceil(target / s.perBody);
  for (let i = 0; i < times; i++) if (!out.write(s.body)) await once(out, 'drain');
  out.end(s.tail);
  await once(out, 'finish');
  return times * s.perBody;
}

async function measure(label: string, records: number, bytes: number, run: () => Promise<number>) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t = performance.now();
  const read = await run();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (read !== records) console.log(`  !! ${label}: read ${read} of ${records} records`);
  console.log(
    `  ${label.padEnd(34)} ${String(read).padStart(7)} records in ${seconds.toFixed(2).padStart(6)} s: ${String(Math.round(read / seconds)).padStart(6)} records/s, ` +
      `${(bytes / 1e6 / seconds).toFixed(1).padStart(5)} MB/s, peak RSS ${(peak / 1e6).toFixed(0)} MB (before ${(before / 1e6).toFixed(0)} MB)`,
  );
}

async function readWith(reader: Reader, path: string): Promise<number> {
  let n = 0;
  for await (const item of reader.read(createReadStream(path), { fileName: path, baseIri: 'http://localhost:8080/' })) if ('record' in item) n++;
  return n;
}

/** @natlibfi: split on 0x1D and ISO2709.from per record, as the npm notes recommend. */
async function natlibfiIso(path: string, limit: number): Promise<number> {
  let n = 0;
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let buf = Buffer.concat([rest, chunk]);
    for (let end = buf.indexOf(0x1d); end !== -1 && n < limit; end = buf.indexOf(0x1d)) {
      ISO2709.from(buf.subarray(0, end).toString('utf8'), { subfields: false, subfieldValues: false });
      n++;
      buf = buf.subarray(end + 1);
    }
    rest = buf;
    if (n >= limit) break;
  }
  return n;
}

async function natlibfiXml(path: string, limit: number): Promise<number> {
  const stream = createReadStream(path);
  const reader = MARCXML.reader(stream, { subfields: false, subfieldValues: false }, '');
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    reader.on('data', () => {
      if (++n >= limit) {
        stream.destroy();
        resolve();
      }
    });
    reader.on('error', reject);
    reader.on('end', () => resolve());
  });
  return n;
}

const samples = [
  isoSample('ISO 2709 UTF-8 (traject, 30 LC records)', 'traject-test_data.utf8.mrc'),
  isoSample('ISO 2709 MARC-8 (brkrtest, 8 records)', 'marc4j-brkrtest.mrc'),
  isoSample('ISO 2709 MARC-8 EACC (cjk1)', 'marc-perl-cjk1.marc'),
  xmlSample('MARCXML (marc2bibframe2 GWU subset)', 'marc2bibframe2-gwu-subset.xml'),
];

const dir = mkdtempSync(join(tmpdir(), 'libkg-marc-bench-'));
try {
  console.log(`MARC readers, about ${target} records per sample (Node ${process.version})`);
  for (const s of samples) {
    const path = join(dir, s.reader === marcxmlReader ? 'sample.xml' : 'sample.mrc');
    const records = await writeRepeated(s, path);
    const bytes = statSync(path).size;
    console.log(`${s.name}: ${(bytes / 1e6).toFixed(1)} MB`);
    await measure('libkg reader', records, bytes, () => readWith(s.reader, path));
    if (values.compare && s.name.includes('UTF-8')) {
      const limit = Math.min(records, 3000);
      await measure(`@natlibfi ISO2709.from (first ${limit})`, limit, (bytes * limit) / records, () => natlibfiIso(path, limit));
    }
    if (values.compare && s.reader === marcxmlReader) {
      const limit = Math.min(records, 3000);
      await measure(`@natlibfi MARCXML.reader (first ${limit})`, limit, (bytes * limit) / records, () => natlibfiXml(path, limit));
    }
    rmSync(path);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
