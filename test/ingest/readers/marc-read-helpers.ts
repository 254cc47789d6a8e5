import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { MarcData, MarcField } from '../../../src/ingest/readers/marc-iso2709.js';
import type { Reader, ReadItem, RecordFailure, SourceRecord } from '../../../src/ingest/types.js';

export const CATALOG = join(import.meta.dirname, '../../../fixtures/catalog');
export const MALFORMED = join(CATALOG, 'malformed');
export const GND = join(import.meta.dirname, '../../../fixtures/authors/gnd-marc21');

export interface ReadResult {
  records: SourceRecord[];
  failures: RecordFailure[];
  items: ReadItem[];
}

export async function collect(reader: Reader, input: Readable, fileName = 'test'): Promise<ReadResult> {
  const items: ReadItem[] = [];
  for await (const item of reader.read(input, { fileName, baseIri: 'https://example.org/' })) items.push(item);
  return {
    items,
    records: items.flatMap((i) => ('record' in i ? [i.record] : [])),
    failures: items.flatMap((i) => ('failure' in i ? [i.failure] : [])),
  };
}

/** Reads a fixture file, by default in small chunks so records and UTF-8 characters straddle chunk boundaries. */
export const readFile = (reader: Reader, path: string, highWaterMark = 997) =>
  collect(reader, createReadStream(path, { highWaterMark }), path.split('/').pop());

export const readBytes = (reader: Reader, bytes: Buffer) => collect(reader, Readable.from([bytes]));

export const readRaw = (path: string) => readFileSync(path);

export const dataOf = (r: SourceRecord) => r.data as MarcData;

/** Subfield values of every `tag` field of a record, as "$a value" strings. */
export function subfields(r: SourceRecord, tag: string): string[][] {
  return dataOf(r)
    .fields.filter((f): f is Extract<MarcField, { subfields: unknown }> => f.tag === tag && 'subfields' in f)
    .map((f) => f.subfields.map((s) => `$${s.code} ${s.value}`));
}

export function first(r: SourceRecord, tag: string, code: string): string | undefined {
  for (const f of dataOf(r).fields) if (f.tag === tag && 'subfields' in f) return f.subfields.find((s) => s.code === code)?.value;
  return undefined;
}

/** The shape every yielded MARC record must have, whatever bytes it came from. */
export function assertWellFormed(r: SourceRecord): string | undefined {
  const d = dataOf(r);
  if (typeof d.leader !== 'string' || d.leader.length !== 24) return `leader ${JSON.stringify(d.leader)}`;
  const routes = ['catalog/marc21', 'catalog/unimarc', 'authority/marc21-authority', 'holdings/marc21-holdings'];
  if (!routes.includes(`${r.kind}/${r.mapping}`)) return `kind ${r.kind}/${r.mapping}`;
  if (!d.fields.length) return 'no fields';
  for (const f of d.fields) {
    if (!/^[0-9A-Za-z]{3}$/.test(f.tag)) return `tag ${JSON.stringify(f.tag)}`;
    if ('value' in f) {
      if (typeof f.value !== 'string' || f.value !== f.value.normalize('NFC')) return `control field ${f.tag}`;
      continue;
    }
    if (f.ind1.length !== 1 || f.ind2.length !== 1 || !f.subfields.length) return `data field ${f.tag}`;
    for (const s of f.subfields)
      if (s.code.length !== 1 || !s.value || s.value !== s.value.normalize('NFC')) return `subfield ${f.tag} $${s.code} ${JSON.stringify(s.value)}`;
  }
  return undefined;
}
