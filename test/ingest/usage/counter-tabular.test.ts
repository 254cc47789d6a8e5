/**
 * COUNTER tabular reports (TSV/CSV) against their JSON twins: the official
 * samples in both forms must map to the same quads, and a broken table is
 * rejected whole, naming the line and the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import { counterReader, counterTabularReader } from '../../../src/ingest/readers/counter.js';
import { readerFor } from '../../../src/ingest/readers/index.js';
import type { Reader, RecordFailure, SourceRecord } from '../../../src/ingest/types.js';
import type { UsageData } from '../../../src/ingest/usage/types.js';

const FIX = join(import.meta.dirname, '../../../fixtures/usage');
const base = 'http://example.org/';
const mapper = MappingEngine.fromDirectory();

async function read(reader: Reader, text: string, fileName: string) {
  const records: SourceRecord[] = [];
  const failures: RecordFailure[] = [];
  for await (const item of reader.read(Readable.from([Buffer.from(text)]), { fileName, baseIri: base })) {
    if ('record' in item) records.push(item.record);
    else failures.push(item.failure);
  }
  return { records, failures };
}

/** Every mapped quad of a file as `s p o graph` lines, sorted. */
async function mappedQuads(reader: Reader, rel: string): Promise<string[]> {
  const { records, failures } = await read(reader, readFileSync(join(FIX, rel), 'utf8'), rel);
  expect(failures).toEqual([]);
  const lines = records.flatMap((r) => {
    const m = mapper.map(r, { baseIri: base, fileName: rel });
    return m.quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${m.graph}`);
  });
  return lines.sort();
}

const PAIRS = [
  'counter-r5.0/Sample-TR_J1',
  'counter-r5.0/Sample-TR',
  'counter-r5.0/Sample-IR',
  'counter-r5.0/Sample-PR',
  'counter-r5.1/TRJ1_sample_r51',
  'counter-r5.1/TR_sample_r51',
  'counter-r5.1/IRA1_sample_r51',
];

describe('COUNTER tabular reports map like their JSON twins', () => {
  it.each(PAIRS)('%s: the TSV gives the same graphs and triples as the JSON', async (stem) => {
    const json = await mappedQuads(counterReader, `${stem}.json`);
    const tsv = await mappedQuads(counterTabularReader, `${stem}.tsv`);
    expect(json.length).toBeGreaterThan(20);
    // Each graph says which file it came from (prov:wasDerivedFrom <source/…>): the one triple that must differ.
    const fromTsv = tsv.filter((l) => l.includes(`/source/${stem}.tsv `));
    expect(fromTsv.length).toBe(new Set(json.map((l) => l.slice(l.lastIndexOf(' ') + 1))).size);
    expect(tsv.map((l) => l.replace(`/source/${stem}.tsv `, `/source/${stem}.json `)).sort()).toEqual(json);
  });

  it('reads the same report as CSV (the TSV converted with csv-parse, a title quoted for its comma)', async () => {
    const tsv = readFileSync(join(FIX, 'counter-r5.0/Sample-TR_J1.tsv'), 'utf8');
    const rows: string[][] = parse(tsv, { delimiter: '\t', bom: true, relax_column_count: true, quote: false });
    const quote = (c: string) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
    const csv = rows.map((r) => r.map((c) => quote(c === 'Journal 10' ? 'Journal 10, Part A' : c)).join(',')).join('\r\n');
    const { records, failures } = await read(counterTabularReader, csv, 'Sample-TR_J1.csv');
    expect(failures).toEqual([]);
    const data = records.map((r) => r.data as UsageData);
    expect(data.map((d) => d.item.title).sort()).toEqual(['Journal 10, Part A', 'Journal 11']);
    // Journal 10, read off the TSV: Jan-2016 6 / 5, Mar-2016 10 / 9.
    const j10 = data.find((d) => d.item.title === 'Journal 10, Part A');
    expect(j10?.months.find((m) => m.month === '2016-01')?.metrics).toEqual({ Total_Item_Requests: 6, Unique_Item_Requests: 5 });
    expect(j10?.months.find((m) => m.month === '2016-03')?.metrics).toEqual({ Total_Item_Requests: 10, Unique_Item_Requests: 9 });
    expect(j10?.item.identifiers).toEqual({ issn: '2042-5813', online_issn: '2042-5872', proprietary: 'ppdelta:10' });
  });

  it('reads a real provider CSV (IR_M1, 1,899 video rows) with counts read off the file', async () => {
    const rel = 'celus-harvested/counter5_table_ir_m1.csv';
    const { records, failures } = await read(counterTabularReader, readFileSync(join(FIX, rel), 'utf8'), rel);
    expect(failures).toEqual([]);
    // One record per row with any use (no title has two rows).
    expect(records.length).toBeGreaterThan(1800);
    const data = records.map((r) => r.data as UsageData);
    // "56 Up: U.K.": 68 requests, 6 in Jan-2021, 14 in Feb-2021, 48 in May-2021 (line 20 of the file).
    const up = data.find((d) => d.item.title === '56 Up: U.K.');
    expect(up).toMatchObject({ reportId: 'IR_M1', release: '5', period: { begin: '2020-07', end: '2021-06' } });
    expect(up?.item).toMatchObject({ platform: 'My Plat Form', publisher: 'My Publisher', identifiers: { proprietary: 'my_publisher:_XX_65985' } });
    expect(up?.months.map((m) => [m.month, m.metrics.Total_Item_Requests])).toEqual([
      ['2021-01', 6],
      ['2021-02', 14],
      ['2021-05', 48],
    ]);
    expect(records.find((r) => (r.data as UsageData).item.title === '56 Up: U.K.')?.index).toBe(20);
  });
});

describe('COUNTER tabular detection', () => {
  const head = (rel: string) => readFileSync(join(FIX, rel)).subarray(0, 4096);
  it('is chosen for COUNTER TSV and CSV, while usage event logs in CSV keep their own reader', () => {
    expect(readerFor('Sample-TR.tsv', head('counter-r5.0/Sample-TR.tsv'))?.format).toBe('counter-tabular');
    expect(readerFor('TR_sample_r51.tsv.gz', head('counter-r5.1/TR_sample_r51.tsv'))?.format).toBe('counter-tabular');
    expect(readerFor('counter5_table_ir_m1.csv', head('celus-harvested/counter5_table_ir_m1.csv'))?.format).toBe('counter-tabular');
    expect(readerFor('events-handmade.csv', head('events-handmade.csv'))?.format).toBe('usage-events');
    expect(readerFor('Sample-TR.json', head('counter-r5.0/Sample-TR.json'))?.format).toBe('counter');
  });
});

describe('broken tabular reports are rejected whole', () => {
  const tsv = readFileSync(join(FIX, 'counter-r5.0/Sample-TR_J1.tsv'), 'utf8');
  const lines = tsv.split('\n');

  async function rejection(text: string) {
    const { records, failures } = await read(counterTabularReader, text, 'broken.tsv');
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    return failures[0] as RecordFailure;
  }

  it('without a header block', async () => {
    // Only the table: from the column headings on.
    const f = await rejection(lines.slice(13).join('\n'));
    expect(f).toMatchObject({ index: 1 });
    expect(f.reason).toContain('no COUNTER header block: the first cell is "Title", expected Report_Name');
  });

  it('with a header block that lacks Report_ID', async () => {
    const f = await rejection(lines.filter((l) => !l.startsWith('Report_ID')).join('\n'));
    expect(f.reason).toContain('header block has no Report_ID');
  });

  it('with a month column that is not a month', async () => {
    const f = await rejection(tsv.replace('\tFeb-2016\t', '\tFebruary?\t'));
    expect(f.index).toBe(14);
    expect(f.reason).toContain('line 14: column 13 "February?" is not a month');
  });

  it('with a count that is not a number, naming every bad line', async () => {
    const broken = lines.map((l, i) => (i === 15 || i === 17 ? l.replace(/\t(\d+)$/, '\tn/a') : l)).join('\n');
    const f = await rejection(broken);
    expect(f.index).toBe(16);
    expect(f.reason).toBe(
      'COUNTER tabular report not imported: line 16: Mar-2016 count of Unique_Item_Requests is not a whole number: "n/a"; ' +
        'line 18: Mar-2016 count of Unique_Item_Requests is not a whole number: "n/a"',
    );
  });

  it('with totals only over several months (monthly details excluded)', async () => {
    const totals = lines.map((l) => l.split('\t').slice(0, 11).join('\t')).join('\n');
    const f = await rejection(totals);
    expect(f.reason).toContain('only Reporting_Period_Total over 2016-01..2016-03, no month columns: monthly details are needed');
  });
});

describe('tabular reports without monthly columns or rows', () => {
  const lines = readFileSync(join(FIX, 'counter-r5.0/Sample-TR_J1.tsv'), 'utf8').split('\n');

  it('reads totals only as that month when the period is one month', async () => {
    const oneMonth = lines
      .map((l) => l.split('\t').slice(0, 11).join('\t'))
      .map((l) => l.replace('End_Date=2016-03-31', 'End_Date=2016-01-31'))
      .join('\n');
    const { records, failures } = await read(counterTabularReader, oneMonth, 'totals.tsv');
    expect(failures).toEqual([]);
    const j10 = records.map((r) => r.data as UsageData).find((d) => d.item.title === 'Journal 10');
    expect(j10?.months).toEqual([{ month: '2016-01', metrics: { Total_Item_Requests: 25, Unique_Item_Requests: 22 } }]);
  });

  it('names the exception of a report that has none (3030), as the JSON reader does', async () => {
    const empty = lines
      .slice(0, 14)
      .map((l) => (l.startsWith('Exceptions') ? 'Exceptions\t3030: No Usage Available for Requested Dates' : l))
      .join('\n');
    const { records, failures } = await read(counterTabularReader, empty, 'empty.tsv');
    expect(records).toEqual([]);
    expect(failures.map((f) => f.reason)).toEqual(['no usage in TR_J1 report: COUNTER exception 3030: No Usage Available for Requested Dates']);
  });
});
