import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { patentReader } from '../../../src/ingest/readers/patent.js';
import type { PatentData } from '../../../src/ingest/readers/patent-model.js';
import type { ReadItem } from '../../../src/ingest/types.js';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/patents');
export const fixture = (name: string) => join(FIXTURES, name);

export async function readItems(input: Readable, fileName = 'input.xml'): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of patentReader.read(input, { fileName, baseIri: 'http://example.org/' })) out.push(item);
  return out;
}

/** Every document of a fixture file, read as a file stream. */
export async function readFixture(name: string): Promise<ReadItem[]> {
  return readItems(createReadStream(fixture(name)), name);
}

/** The data of the only (or the n-th) record of a fixture; fails on a failure item. */
export async function patentOf(name: string, n = 0): Promise<PatentData> {
  const item = (await readFixture(name))[n];
  if (!item || !('record' in item)) throw new Error(`${name}[${n}]: ${JSON.stringify(item)}`);
  return item.record.data as PatentData;
}

/** A fixture fed in chunks of `size` bytes (cuts through tags, `<?xml` and UTF-8 characters). */
export function chunked(name: string, size: number): Readable {
  const buf = readFileSync(fixture(name));
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size));
  return Readable.from(chunks);
}
