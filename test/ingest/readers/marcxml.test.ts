import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { marcxmlReader } from '../../../src/ingest/readers/marcxml.js';
import { assertWellFormed, CATALOG, dataOf, first, MALFORMED, readBytes, readFile, readRaw, subfields } from './marc-read-helpers.js';

const at = (name: string) => join(CATALOG, name);

describe('MARCXML reader', () => {
  it('reads the Chabon records exactly as their ISO 2709 twin', async () => {
    const xml = await readFile(marcxmlReader, at('marc4j-chabon.xml'));
    const iso = await readFile(iso2709Reader, at('marc4j-chabon.mrc'));
    expect(xml.failures).toEqual([]);
    expect(xml.records.map((r) => r.id)).toEqual(['11939876', '12883376']);
    expect(first(xml.records[0]!, '245', 'a')).toBe('The amazing adventures of Kavalier and Clay :');
    expect(xml.records.map(dataOf)).toEqual(iso.records.map(dataOf));
  });

  it('reads default-namespace records inside a marcxml:-prefixed collection (marc2bibframe2 GWU subset)', async () => {
    const { records, failures } = await readFile(marcxmlReader, at('marc2bibframe2-gwu-subset.xml'));
    expect(failures).toEqual([]);
    expect(records).toHaveLength(12);
    for (const r of records) expect(assertWellFormed(r)).toBeUndefined();
    expect(records[0]!.id).toBe('7704213');
    expect(first(records[0]!, '245', 'a')).toBe('The eight symphonies');
    const cjk = records.flatMap((r) => subfields(r, '880').flat()).filter((v) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(v));
    expect(cjk.length).toBeGreaterThan(0);
  });

  it('reads marcxml:-prefixed records, bibliographic and holdings (leader/06 x) alike', async () => {
    const { records, failures } = await readFile(marcxmlReader, at('marc4j-sample1a.xml'));
    expect(failures).toEqual([]);
    expect(records.filter((r) => r.kind === 'catalog').map((r) => r.index)).toEqual([1, 4, 6, 8]);
    expect(records.filter((r) => r.kind === 'holdings').map((r) => [r.index, r.id, r.mapping])).toEqual([
      [2, '377291', 'marc21-holdings'],
      [3, '375291', 'marc21-holdings'],
      [5, '377309', 'marc21-holdings'],
      [7, '377328', 'marc21-holdings'],
      [9, '377337', 'marc21-holdings'],
    ]);
    expect(first(records[0]!, '245', 'a')).toBe('Seven financial conspiracies which have enslaved the American people /');
  });

  it('drops an empty subfield and still reads the record', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000cam a2200000 a 4500</leader>
<controlfield tag="001">x1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Title</subfield><subfield code="b"/></datafield>
<datafield tag="500" ind1=" " ind2=" "><subfield code="a"></subfield></datafield></record></collection>`;
    const { records, failures } = await readBytes(marcxmlReader, Buffer.from(xml));
    expect(failures).toEqual([]);
    expect(dataOf(records[0]!).fields).toEqual([
      { tag: '001', value: 'x1' },
      { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Title' }] },
    ]);
  });

  it('normalises text to NFC (decomposed input, entities, CDATA)', async () => {
    const xml = `<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000cam a2200000 a 4500</leader>
<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Lo\u0308wenbra\u0308u &amp; <![CDATA[Łódź]]> &#x00e5;rbok</subfield></datafield></record>`;
    const { records } = await readBytes(marcxmlReader, Buffer.from(xml));
    expect(first(records[0]!, '245', 'a')).toBe('Löwenbräu & Łódź årbok');
  });

  it('keeps multi-byte characters split across chunk boundaries intact', async () => {
    const whole = await readBytes(marcxmlReader, readRaw(at('marc2bibframe2-gwu-subset.xml')));
    for (const size of [5, 997]) expect((await readFile(marcxmlReader, at('marc2bibframe2-gwu-subset.xml'), size)).items).toEqual(whole.items);
  });

  it('streams: the first record is yielded before the input ends', async () => {
    const input = new PassThrough();
    const it = marcxmlReader.read(input, { fileName: 'x.xml', baseIri: 'https://example.org/' })[Symbol.asyncIterator]();
    const text = readRaw(at('marc4j-chabon.xml')).toString('utf8');
    const cut = text.indexOf('</record>') + '</record>'.length;
    input.write(text.slice(0, cut));
    const firstItem = await it.next();
    expect(firstItem.value).toMatchObject({ record: { id: '11939876' } });
    input.end(text.slice(cut));
    expect((await it.next()).value).toMatchObject({ record: { id: '12883376' } });
    expect((await it.next()).done).toBe(true);
  });

  it('reports bytes that are not UTF-8 and stops', async () => {
    const raw = readRaw(at('marc4j-chabon.xml'));
    const broken = Buffer.concat([raw.subarray(0, 2000), Buffer.from([0xff, 0xfe]), raw.subarray(2000)]);
    const { records, failures } = await readBytes(marcxmlReader, broken);
    expect(records.length).toBeLessThan(2);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.reason).toMatch(/^not valid UTF-8/);
  });

  it('detects MARCXML by namespace, not other XML', () => {
    expect(marcxmlReader.detect('a.xml', readRaw(at('marc4j-sample1a.xml')).subarray(0, 4096))).toBe(true);
    expect(marcxmlReader.detect('a.xml', Buffer.from('<?xml version="1.0"?><us-patent-grant lang="EN"/>'))).toBe(false);
    expect(marcxmlReader.detect('a.mrc', readRaw(at('marc4j-chabon.xml')))).toBe(false);
  });
});

describe('MARCXML reader: malformed files', () => {
  it('ends the file at the first well-formedness error, with record index and line', async () => {
    const { records, failures } = await readFile(marcxmlReader, join(MALFORMED, 'ruby-marc-three-records-second-bad.xml'));
    expect(records.map((r) => [r.index, r.id])).toEqual([[1, 'afc99990058366']]);
    expect(first(records[0]!, '245', 'a')).toBe('The Texas ranger');
    expect(failures).toEqual([
      {
        index: 2,
        id: 'afc99990058366',
        reason: 'not well-formed XML at line 72, column 29: disallowed character.; the rest of the file is not read',
      },
    ]);
  });

  it.each([
    ['marc4j-chabon-missing-subfield-code.xml', 'invalid MARCXML: a subfield of field 020 has no code'],
    ['marc4j-chabon-bad-subfields-element.xml', 'invalid MARCXML: unexpected element <subfields>'],
    ['pymarc-bad_tag.xml', 'invalid MARCXML: datafield tag "42" is not three letters or digits'],
  ])('%s fails with a reason naming the problem', async (file, reason) => {
    const { records, failures } = await readFile(marcxmlReader, join(MALFORMED, file));
    expect(records).toEqual([]);
    expect(failures.map((f) => f.reason)).toEqual([reason]);
    expect(failures[0]!.index).toBe(1);
  });

  it('reports a file that ends inside a record', async () => {
    const text = readRaw(at('marc4j-chabon.xml')).toString('utf8');
    const { records, failures } = await readBytes(marcxmlReader, Buffer.from(text.slice(0, text.lastIndexOf('<datafield'))));
    expect(records.map((r) => r.id)).toEqual(['11939876']);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ index: 2, id: '12883376' });
    expect(failures[0]!.reason).toMatch(/^not well-formed XML/);
  });
});
