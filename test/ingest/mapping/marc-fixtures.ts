/**
 * Reads the ISO 2709 fixtures into the @natlibfi/marc-record object shape that
 * the MARC readers hand to the mapper. A minimal UTF-8 ISO 2709 parse, so
 * these tests stand alone from the reader (tested on its own in test/ingest/readers).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MarcField, MarcRecordData } from '../../../src/ingest/mapping/marc-selector.js';
import type { SourceRecord } from '../../../src/ingest/types.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/marc-mapping/', import.meta.url));

function parseRecord(rec: Buffer): MarcRecordData {
  const leader = rec.subarray(0, 24).toString('latin1');
  const base = Number(leader.slice(12, 17));
  const fields: MarcField[] = [];
  for (let d = 24; rec[d] !== 0x1e; d += 12) {
    const entry = rec.subarray(d, d + 12).toString('latin1');
    const tag = entry.slice(0, 3);
    const len = Number(entry.slice(3, 7));
    const at = base + Number(entry.slice(7, 12));
    const body = rec.subarray(at, at + len - 1);
    if (tag < '010') {
      fields.push({ tag, value: body.toString('utf8') });
      continue;
    }
    const text = body.toString('utf8');
    const subfields = text
      .slice(2)
      .split('\x1f')
      .slice(1)
      .map((s) => ({ code: s.slice(0, 1), value: s.slice(1) }));
    fields.push({ tag, ind1: text[0] ?? ' ', ind2: text[1] ?? ' ', subfields });
  }
  return { leader, fields };
}

export function readMarcFile(name: string, mapping = 'marc21'): SourceRecord[] {
  const buf = readFileSync(FIXTURES + name);
  const out: SourceRecord[] = [];
  let start = 0;
  let index = 0;
  while (start < buf.length) {
    const end = buf.indexOf(0x1d, start);
    if (end < 0) break;
    index++;
    const rec = buf.subarray(start, end + 1);
    start = end + 1;
    // Only structurally sound records (marc21-rs-DUMP.mrc record 8 is broken on purpose).
    if (Number(rec.subarray(0, 5).toString('latin1')) !== rec.length) continue;
    const data = parseRecord(rec);
    const id = data.fields?.find((f) => f.tag === '001')?.value?.trim();
    out.push({ index, id, kind: mapping === 'marc21' ? 'catalog' : 'authority', mapping, data });
  }
  return out;
}
