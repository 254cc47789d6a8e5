/**
 * The source record kept beside each MARC graph: ISO 2709 files keep the
 * record's exact bytes, and reading them back gives the record the mapping saw.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { marcOriginal } from '../../../src/ingest/readers/marc-original.js';
import { marcxmlReader } from '../../../src/ingest/readers/marcxml.js';
import { CATALOG, GND, readFile, readRaw } from './marc-read-helpers.js';

describe('MARC originals', () => {
  it.each(['marc4j-chabon.mrc', 'marc4j-brkrtest.mrc', 'marc-perl-cjk1.marc', 'marc-perl-hebrew1.marc', 'traject-test_data.utf8.mrc'])(
    '%s: each record keeps its ISO 2709 bytes, which read back as the same record',
    async (file) => {
      const raw = readRaw(join(CATALOG, file));
      const { records } = await readFile(iso2709Reader, join(CATALOG, file));
      let at = 0;
      for (const r of records) {
        const original = r.original as { format: string; body: string };
        expect(original.format).toBe('marc21+iso2709');
        const bytes = Buffer.from(original.body, 'latin1');
        // The kept bytes are the record in the file, up to its terminator.
        const start = raw.indexOf(bytes, at);
        expect(start).toBeGreaterThanOrEqual(at);
        expect(raw[start + bytes.length]).toBe(0x1d);
        at = start + bytes.length;
        expect(marcOriginal(original)).toEqual(r.data);
      }
    },
  );

  it('authority records keep theirs under their own mapping, not as catalog records', async () => {
    const { records } = await readFile(iso2709Reader, join(GND, 'marc21-rs-ada.mrc'));
    const authority = records.find((r) => r.kind === 'authority');
    expect(authority?.original?.format).toBe('marc21-authority+iso2709');
    expect(marcOriginal(authority?.original as { format: string; body: string })).toBeUndefined();
    expect(marcOriginal(authority?.original as { format: string; body: string }, 'marc21-authority')).toEqual(authority?.data);
  });

  it('MARCXML records and older stores keep the record as JSON, which reads back too', async () => {
    const { records } = await readFile(marcxmlReader, join(CATALOG, 'marc4j-chabon.xml'));
    expect(records[0]?.original).toBeUndefined();
    expect(marcOriginal({ format: 'marc21', body: JSON.stringify(records[0]?.data) })).toEqual(records[0]?.data);
  });
});
