import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { MarcRecord } from '@natlibfi/marc-record';
import { ISO2709 } from '@natlibfi/marc-record-serializers';
import { describe, expect, it } from 'vitest';
import { iso2709Reader, type MarcField, marcItem } from '../../../src/ingest/readers/marc-iso2709.js';
import { assertWellFormed, CATALOG, collect, dataOf, first, GND, MALFORMED, readBytes, readFile, readRaw, subfields } from './marc-read-helpers.js';

const at = (name: string) => join(CATALOG, name);

describe('ISO 2709 reader: record counts and values', () => {
  it.each([
    ['marc4j-chabon.mrc', 2],
    ['marc4j-brkrtest.mrc', 8],
    ['marc4j-brkrtest_UTF8.mrc', 8],
    ['marc-perl-cjk1.marc', 1],
    ['marc-perl-cjk4.marc', 1],
    ['marc-perl-hebrew1.marc', 1],
    ['marc4j-cyrillic_capital_e.mrc', 2],
    ['traject-test_data.utf8.mrc', 30],
    ['pymarc-regression45.dat', 12],
  ])('%s has %i records and no failures', async (file, count) => {
    const { records, failures } = await readFile(iso2709Reader, at(file));
    expect(failures).toEqual([]);
    expect(records).toHaveLength(count);
    for (const r of records) expect(assertWellFormed(r)).toBeUndefined();
    expect(records.map((r) => r.index)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('reads the Chabon records (UTF-8 flag) with 001 as id and 245 $a', async () => {
    const { records } = await readFile(iso2709Reader, at('marc4j-chabon.mrc'));
    expect(records.map((r) => [r.id, r.kind, r.mapping])).toEqual([
      ['11939876', 'catalog', 'marc21'],
      ['12883376', 'catalog', 'marc21'],
    ]);
    expect(first(records[0]!, '245', 'a')).toBe('The amazing adventures of Kavalier and Clay :');
    expect(first(records[1]!, '245', 'a')).toBe('Summerland /');
    expect(dataOf(records[0]!).leader).toBe('00759cam a2200229 a 4500');
    expect(dataOf(records[0]!).fields[0]).toEqual({ tag: '001', value: '11939876' });
  });

  it('decodes MARC-8 EACC 880 fields (cjk1: Japanese, cjk4: Korean)', async () => {
    const [cjk1] = (await readFile(iso2709Reader, at('marc-perl-cjk1.marc'))).records;
    expect(cjk1!.id).toBe('MIUO02-B3220');
    expect(subfields(cjk1!, '880')).toContainEqual(['$6 245-02/$1', '$a 金田一 京助 と アイヌ語 /', '$c 大友 幸男.']);
    expect(subfields(cjk1!, '880')).toContainEqual(['$6 260-04/$1', '$a 東京 :', '$b 三一 書房,', '$c 2001.']);
    // The romanised 245 keeps its ANSEL macrons, composed (NFC).
    expect(first(cjk1!, '245', 'a')).toBe('Kindaichi Kyōsuke to Ainugo /');
    const [cjk4] = (await readFile(iso2709Reader, at('marc-perl-cjk4.marc'))).records;
    expect(subfields(cjk4!, '880')).toContainEqual(['$6 250-02/$1', '$a 초판．']);
  });

  it('keeps spaces inside Hebrew and Cyrillic runs (MARC-8 ESC ( 2 and ESC ( N)', async () => {
    const [hebrew] = (await readFile(iso2709Reader, at('marc-perl-hebrew1.marc'))).records;
    expect(subfields(hebrew!, '880')).toContainEqual(['$6 710-03/(2/r', '$a איגוד כללי של סופרים בישראל.']);
    const [vor, rubina] = (await readFile(iso2709Reader, at('marc4j-cyrillic_capital_e.mrc'))).records;
    expect(subfields(vor!, '880')).toContainEqual(['$6 245-02/(N', '$a Вор, шпион и убийца /', '$c Юрий Буйда.']);
    // An escape lasts to the end of its field: $k after an ESC ( N in $b is still Cyrillic.
    expect(subfields(rubina!, '880')).toContainEqual(['$6 260-02/(N', '$a Москва :', '$k смо,', '$c 2010.']);
    // ...and the romanisation's ligature halves become one U+0361 after the first letter.
    expect(first(vor!, '245', 'c')).toBe('I\u0361Uriĭ Buĭda.');
  });

  it('decodes every MARC-8 brkrtest subfield to the value in its UTF-8 twin (after NFC)', async () => {
    const marc8 = (await readFile(iso2709Reader, at('marc4j-brkrtest.mrc'))).records;
    const utf8 = (await readFile(iso2709Reader, at('marc4j-brkrtest_UTF8.mrc'))).records;
    expect(marc8.map((r) => r.id)).toEqual(utf8.map((r) => r.id));
    let compared = 0;
    marc8.forEach((r, i) => {
      const expected = dataOf(utf8[i]!).fields;
      expect(dataOf(r).fields).toEqual(expected);
      compared += expected.reduce((n, f) => n + ('subfields' in f ? f.subfields.length : 1), 0);
    });
    expect(compared).toBe(349);
    // Spot checks: ANSEL letters and diacritics, alif as U+02BC as in the oracle.
    const all = marc8.flatMap((r) => dataOf(r).fields.flatMap((f) => ('subfields' in f ? f.subfields.map((s) => s.value) : [])));
    expect(all.join(' ')).toContain('Łódź');
    expect(all.some((v) => v.includes('\u02bc'))).toBe(true);
    expect(all.some((v) => /[\ufe20-\ufe23]/.test(v))).toBe(false);
  });

  it('reads a real record whose 752 has a stray byte before the first subfield', async () => {
    const { records } = await readFile(iso2709Reader, at('pymarc-regression45.dat'));
    for (const r of records) expect(subfields(r, '752').map((f) => f[0])).toContain('$a Russian Federation');
    expect(subfields(records[0]!, '752')).toContainEqual(['$a Russian Federation', '$b Kostroma Oblast', '$d Kostroma']);
  });

  it('reads GND authority records as kind authority, and rejects the broken bibliographic record 8', async () => {
    const { records, failures } = await readFile(iso2709Reader, join(GND, 'marc21-rs-DUMP.mrc'));
    expect(records).toHaveLength(7);
    expect(records.every((r) => r.kind === 'authority' && r.mapping === 'marc21-authority')).toBe(true);
    // Non-sorting markers (U+0098 / U+009C) are data and stay for the mapping to use.
    expect(first(records[0]!, '100', 'a')).toBe('Goethe, Johann Wolfgang \u0098von\u009c');
    expect(failures).toEqual([{ index: 8, id: '350117799', reason: 'bad leader: leader gives record length 1686, the record has 1687 bytes' }]);
    const ada = (await readFile(iso2709Reader, join(GND, 'marc21-rs-ada.mrc'))).records;
    expect(ada.map((r) => [r.id, r.kind, first(r, '100', 'a')])).toEqual([['119232022', 'authority', 'Lovelace, Ada']]);
  });

  // Not pymarc-regression45.dat: there the library reads the stray '\\' of 752 as subfield " " and
  // takes the previous field's last character as indicator 1 (its offset fix-up), which is wrong.
  it('agrees field for field with @natlibfi ISO2709.from on the UTF-8 sample records', async () => {
    const files = [at('marc4j-chabon.mrc'), at('marc4j-brkrtest_UTF8.mrc'), at('traject-test_data.utf8.mrc'), join(GND, 'marc21-rs-ada.mrc')];
    let compared = 0;
    for (const file of files) {
      const raw = readRaw(file);
      const chunks = raw
        .toString('utf8')
        .split('\x1d')
        .filter((c) => c.length > 24);
      const { records } = await readFile(iso2709Reader, file);
      expect(records).toHaveLength(chunks.length);
      chunks.forEach((chunk, i) => {
        const lib = ISO2709.from(chunk, { subfields: false, subfieldValues: false });
        const expected: MarcField[] = [];
        for (const f of lib.fields) {
          if (!('subfields' in f)) expected.push({ tag: f.tag, value: (f.value ?? '').normalize('NFC') });
          else {
            const subs = f.subfields.filter((s) => s.value).map((s) => ({ code: s.code, value: s.value!.normalize('NFC') }));
            if (subs.length) expected.push({ tag: f.tag, ind1: f.ind1, ind2: f.ind2, subfields: subs });
          }
        }
        expect(dataOf(records[i]!)).toEqual({ leader: lib.leader, fields: expected });
        // ...and what libkg yields passes @natlibfi/marc-record's schema.
        expect(() => new MarcRecord(dataOf(records[i]!), { controlFieldValues: false })).not.toThrow();
        compared++;
      });
    }
    expect(compared).toBe(2 + 8 + 30 + 1);
  });

  it('streams: the first record is yielded before the input ends', async () => {
    const input = new PassThrough();
    const it = iso2709Reader.read(input, { fileName: 'x.mrc', baseIri: 'https://example.org/' })[Symbol.asyncIterator]();
    const raw = readRaw(at('marc4j-chabon.mrc'));
    input.write(raw.subarray(0, raw.indexOf(0x1d) + 1));
    const firstItem = await it.next();
    expect(firstItem.done).toBe(false);
    expect('record' in firstItem.value! && firstItem.value.record.id).toBe('11939876');
    input.end(raw.subarray(raw.indexOf(0x1d) + 1));
    expect((await it.next()).value).toMatchObject({ record: { id: '12883376' } });
    expect((await it.next()).done).toBe(true);
  });

  it('gives the same records whatever the chunk size', async () => {
    const whole = await readBytes(iso2709Reader, readRaw(at('traject-test_data.utf8.mrc')));
    const tiny = await readFile(iso2709Reader, at('traject-test_data.utf8.mrc'), 7);
    expect(tiny.items).toEqual(whole.items);
  });

  it('detects ISO 2709 by extension or by a leader-like head', () => {
    const head = readRaw(at('marc4j-chabon.mrc')).subarray(0, 4096);
    expect(iso2709Reader.detect('records.mrc', head)).toBe(true);
    expect(iso2709Reader.detect('records.bin', head)).toBe(true);
    expect(iso2709Reader.detect('records.ttl', Buffer.from('@prefix ex: <http://example.org/> .'))).toBe(false);
  });
});

describe('ISO 2709 reader: malformed files', () => {
  const cases: [string, { records: number; failures: [number, RegExp][] }][] = [
    ['marc-perl-baddir.usmarc', { records: 0, failures: [[1, /^bad directory: no field terminator before the base address$/]] }],
    [
      'marc-perl-badldr.usmarc',
      {
        records: 6,
        failures: [
          [3, /^empty record/],
          [8, /^truncated at end of file/],
        ],
      },
    ],
    [
      'pymarc-bad_records.mrc',
      {
        records: 2,
        failures: [
          [2, /base address 99937 is outside the record/],
          [3, /base address 0 is outside the record/],
          [4, /^bad directory: length 13 is not a multiple of 12$/],
          [5, /^bad directory: length 13 is not a multiple of 12$/],
          [6, /base address "f0037" is not a number/],
          [7, /^record has no fields$/],
        ],
      },
    ],
    ['pymarc-bad_subfield_code.dat', { records: 0, failures: [[1, /leader gives record length 755, the record has 756 bytes/]] }],
    ['pymarc-utf8_invalid.mrc', { records: 0, failures: [[1, /^field 260 has a subfield code that is not an ASCII character/]] }],
    ['marc21-rs-invalid.mrc', { records: 0, failures: [[1, /leader gives record length 1686/]] }],
    ['marc4j-bad_oversize_field_bad_directory.mrc', { records: 4, failures: [[2, /^bad directory: length 217 is not a multiple of 12$/]] }],
    ['marc4j-chinese_mangled_multibyte.mrc', { records: 3, failures: [[1, /^field 880 is not valid MARC-8 \(leader\/09 ' '\): undefined EACC code/]] }],
    ['marc4j-greekmissingcharsetchange.mrc', { records: 2, failures: [[1, /^field 880 is not valid MARC-8 .*character set 0x53/]] }],
    [
      'marc4j-sample1.mrc',
      {
        // The 4 holdings records (leader/06 'x') are well-formed and read; the bibliographic ones are not.
        records: 4,
        failures: [
          [1, /^bad leader: byte 0x02 at leader position 22$/],
          [3, /^bad leader: byte 0x01/],
          [5, /^bad leader: byte 0x01/],
          [7, /^field 245 is not valid UTF-8/],
        ],
      },
    ],
  ];

  it('sends UNIMARC records to the unimarc mapping, MARC 21 records of the same file to marc21', async () => {
    const unimarc = await readFile(iso2709Reader, join(CATALOG, 'unimarc/marc4j-pride-and-prejudice-unimarc.mrc'));
    expect(unimarc.failures).toEqual([]);
    expect(unimarc.records).toHaveLength(17);
    expect(unimarc.records[0]).toMatchObject({ index: 1, id: '1074414', kind: 'catalog', mapping: 'unimarc' });
    expect(unimarc.records.every((r) => r.mapping === 'unimarc' && r.original?.format === 'unimarc+iso2709')).toBe(true);
    // The MARC 21 records of the same file all stay MARC 21: 245 present, whatever 100 holds.
    const marc21 = await readFile(iso2709Reader, at('marc4j-pride-and-prejudice-marc21.mrc'));
    expect(marc21.records).toHaveLength(366);
    expect(marc21.failures).toEqual([]);
    expect(marc21.records.every((r) => r.mapping === 'marc21')).toBe(true);
  });

  it('reads MARC 21 holdings records for marc21-holdings, and names UNIMARC authority records (leader/06 x too)', async () => {
    const { records } = await readFile(iso2709Reader, join(MALFORMED, 'marc4j-sample1.mrc'));
    expect(records.map((r) => [r.index, r.id, r.kind, r.mapping])).toEqual([
      [2, '377291', 'holdings', 'marc21-holdings'],
      [4, '377309', 'holdings', 'marc21-holdings'],
      [6, '377328', 'holdings', 'marc21-holdings'],
      [8, '377337', 'holdings', 'marc21-holdings'],
    ]);
    const authority = marcItem(1, {
      leader: '00280cx  a2200109   4500',
      fields: [
        { tag: '001', value: 'FRBNF11888434' },
        { tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '19800101afrey50      ba0' }] },
        {
          tag: '200',
          ind1: ' ',
          ind2: '1',
          subfields: [
            { code: 'a', value: 'Austen' },
            { code: 'b', value: 'Jane' },
          ],
        },
      ],
    });
    expect(authority).toEqual({
      failure: {
        index: 1,
        id: 'FRBNF11888434',
        reason: "UNIMARC authority record (leader/06 'x', general processing data in 100 $a): libkg maps UNIMARC bibliographic records only",
      },
    });
  });

  it.each(cases)('%s', async (file, expected) => {
    const { records, failures } = await readFile(iso2709Reader, join(MALFORMED, file));
    expect(records).toHaveLength(expected.records);
    expect(failures.map((f) => f.index)).toEqual(expected.failures.map(([i]) => i));
    failures.forEach((f, i) => {
      expect(f.reason).toMatch(expected.failures[i]![1]);
    });
    for (const r of records) expect(assertWellFormed(r)).toBeUndefined();
  });

  it('covers every binary file in fixtures/catalog/malformed', () => {
    const binary = readdirSync(MALFORMED).filter((n) => !n.endsWith('.xml'));
    expect(binary.sort()).toEqual(cases.map(([f]) => f).sort());
  });

  it('names the record id in failures when the directory still shows the 001', async () => {
    const { failures } = await readFile(iso2709Reader, join(MALFORMED, 'marc4j-chinese_mangled_multibyte.mrc'));
    expect(failures[0]!.id).toBe('u6080510');
  });

  it('skips a run of bytes with no record terminator and goes on with the next record', async () => {
    const good = readRaw(at('marc4j-chabon.mrc'));
    const junk = Buffer.alloc(1_100_000, 0x41);
    const bytes = Buffer.concat([junk, Buffer.from([0x1d]), good]);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const { records, failures } = await collect(iso2709Reader, Readable.from(chunks));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.reason).toMatch(/^no record terminator within \d+ bytes/);
    expect(records.map((r) => r.id)).toEqual(['11939876', '12883376']);
  });
});
