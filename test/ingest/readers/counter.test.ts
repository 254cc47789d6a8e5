import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { counterReader } from '../../../src/ingest/readers/counter.js';
import { readerFor } from '../../../src/ingest/readers/index.js';
import type { RecordFailure, SourceRecord } from '../../../src/ingest/types.js';
import { readCounterReport } from '../../../src/ingest/usage/counter-report.js';
import type { UsageData } from '../../../src/ingest/usage/types.js';

const FIX = new URL('../../../fixtures/usage/', import.meta.url).pathname;

async function read(rel: string) {
  const records: SourceRecord[] = [];
  const failures: RecordFailure[] = [];
  for await (const item of counterReader.read(createReadStream(FIX + rel), { fileName: basename(rel), baseIri: 'http://example.org/' })) {
    if ('record' in item) records.push(item.record);
    else failures.push(item.failure);
  }
  const data = records.map((r) => r.data as UsageData);
  return { records, failures, data };
}

const monthOf = (d: UsageData | undefined, month: string) => d?.months.find((m) => m.month === month)?.metrics;

describe('COUNTER reader', () => {
  it('is chosen for COUNTER JSON (also Celus-wrapped) and not for other JSON', () => {
    const head = (rel: string) => readFileSync(FIX + rel).subarray(0, 4096);
    expect(readerFor('TRJ1_sample_r51.json', head('counter-r5.1/TRJ1_sample_r51.json'))?.format).toBe('counter');
    expect(readerFor('5_TR_ProQuestEbookCentral.json', head('celus-harvested/5_TR_ProQuestEbookCentral.json'))?.format).toBe('counter');
    expect(readerFor('5_DR_ProQuestEbookCentral_exception.json', head('celus-exceptions/5_DR_ProQuestEbookCentral_exception.json'))?.format).toBe('counter');
    expect(counterReader.detect('x.json', Buffer.from('{"foo":"bar"}'))).toBe(false);
  });

  it('reads an R5.0 TR_J1 item with its hand-checked monthly counts', async () => {
    const { records, failures, data } = await read('counter-r5.0/Sample-TR_J1.json');
    expect(failures).toEqual([]);
    expect(records).toHaveLength(2);
    const j10 = data.find((d) => d.item.title === 'Journal 10');
    expect(j10).toMatchObject({
      source: 'counter',
      reportId: 'TR_J1',
      release: '5',
      key: 'tr_j1/ppdelta/issn-2042-5813',
      item: { identifiers: { issn: '2042-5813', online_issn: '2042-5872', proprietary: 'ppdelta:10' }, platform: 'PPDelta', publisher: 'Publisher 111' },
      institution: { name: 'Client Demo Site', id: 'ISNI:1234123412341234' },
      customerId: 'cid-123456',
      link: { issn: '2042-5813' },
      period: { begin: '2016-01', end: '2016-03' },
    });
    expect(j10?.months).toEqual([
      { month: '2016-01', metrics: { Total_Item_Requests: 6, Unique_Item_Requests: 5 } },
      { month: '2016-02', metrics: { Total_Item_Requests: 9, Unique_Item_Requests: 8 } },
      { month: '2016-03', metrics: { Total_Item_Requests: 10, Unique_Item_Requests: 9 } },
    ]);
    expect(j10?.counts[0]).toEqual({ month: '2016-01', metric: 'Total_Item_Requests', count: 6, start: '2016-01-01', end: '2016-01-31' });
    expect(j10?.counts.find((c) => c.month === '2016-02')?.end).toBe('2016-02-29');
    expect(records.find((r) => (r.data as UsageData).item.title === 'Journal 10')).toMatchObject({ id: j10?.key, kind: 'usage', mapping: 'counter', index: 1 });
  });

  it('reads an R5.1 TR_J1 item keyed by its DOI', async () => {
    const { data } = await read('counter-r5.1/TRJ1_sample_r51.json');
    expect(data).toHaveLength(1);
    const t3 = data[0];
    expect(t3).toMatchObject({
      key: 'tr_j1/platform-1/doi-10.9999/xxxxt03',
      release: '5.1',
      item: { title: 'Title 3', identifiers: { doi: '10.9999/xxxxt03', online_issn: '1234-4321', proprietary: 'P1:T03' }, publisher: 'Sample Publisher' },
      institution: { name: 'Sample Institution', id: 'ISNI:1234123412341234' },
      link: { doi: '10.9999/xxxxt03' },
      period: { begin: '2022-01', end: '2022-12' },
    });
    expect(t3?.months).toHaveLength(12);
    expect(monthOf(t3, '2022-01')).toEqual({ Total_Item_Requests: 526, Unique_Item_Requests: 226 });
    expect(monthOf(t3, '2022-12')).toEqual({ Total_Item_Requests: 1050, Unique_Item_Requests: 450 });
  });

  it('sums an R5.1 master report item over its attribute rows, leaving out TDM', async () => {
    const { data } = await read('counter-r5.1/TR_sample_r51.json');
    expect(data).toHaveLength(11);
    const t3 = data.find((d) => d.item.title === 'Title 3');
    // Regular rows: 2022/Controlled 150 + 2022/Open 451 + 2021/Controlled 150 + 2021/Open 451 (the four TDM rows are left out).
    expect(monthOf(t3, '2022-01')?.Total_Item_Requests).toBe(1202);
    expect(t3?.item.dataType).toBe('Journal');
    const t1 = data.find((d) => d.item.title === 'Title 1');
    expect(monthOf(t1, '2022-01')?.Total_Item_Requests).toBe(662);
  });

  it('merges the rows of one journal even when only some carry the DOI (real SpringerNature TR)', async () => {
    const { data, failures } = await read('celus-harvested/counter5_tr_nature.json');
    expect(failures).toEqual([]);
    expect(data).toHaveLength(15);
    const nc = data.filter((d) => d.item.title === 'Nature Communications');
    expect(nc).toHaveLength(1);
    expect(nc[0]?.item.identifiers).toMatchObject({ doi: '10.1038/41467.2041-1723', online_issn: '2041-1723', proprietary: 'SN:41467' });
    // YOP rows 2017..2021 of December 2021: requests 1 + 3 + 4 + 7 + 4, unique 1 + 2 + 3 + 6 + 3.
    expect(monthOf(nc[0], '2021-12')).toMatchObject({ Total_Item_Requests: 19, Unique_Item_Requests: 15 });
  });

  it('reads R5.0 IR items with their parent and R5.1 IR items nested under the parent', async () => {
    const r50 = await read('counter-r5.0/Sample-IR.json');
    expect(r50.failures).toEqual([]);
    expect(r50.data.every((d) => d.reportId === 'IR')).toBe(true);
    expect(r50.data.some((d) => d.item.parent !== undefined)).toBe(true);
    const r51 = await read('counter-r5.1/IRA1_sample_r51.json');
    expect(r51.data).toHaveLength(3);
    expect(r51.data[0]?.item.parent?.title).toBeTruthy();
    expect(r51.data[0]?.item.identifiers.doi).toMatch(/^10\.9999\//);
  });

  it('reads a PR item as the platform itself', async () => {
    const { data } = await read('counter-r5.0/Sample-PR.json');
    expect(data).toHaveLength(1);
    expect(data[0]?.key).toMatch(/^pr\/[a-z0-9-]+\/platform$/);
    expect(data[0]?.link.local).toMatch(/^[a-z0-9-]+-platform$/);
  });

  it('unwraps a real Celus capture', async () => {
    const { data, failures } = await read('celus-harvested/5_TR_ProQuestEbookCentral.json');
    expect(failures).toEqual([]);
    expect(data).toHaveLength(7);
    expect(data[0]?.item.platform).toBe('ProQuest Ebook Central');
  });

  it('turns an exceptions-only report into one failure naming the COUNTER exception', async () => {
    const tr = await read('celus-exceptions/5_TR_ProQuestEbookCentral_exception.json');
    expect(tr.records).toEqual([]);
    expect(tr.failures).toHaveLength(1);
    expect(tr.failures[0]?.reason).toContain('no usage in TR report');
    expect(tr.failures[0]?.reason).toContain('COUNTER exception 3030 (Error): No Usage Available for Requested Dates.');
    const dr = await read('celus-exceptions/5_DR_ProQuestEbookCentral_exception.json');
    expect(dr.failures[0]?.reason).toContain('COUNTER exception 1001 (Error): executeSushiAnalysis');
  });

  it('turns a bare SUSHI error response into a failure', async () => {
    const sushi = Buffer.from('{"Code": 2000, "Severity": "Error", "Message": "Requestor Not Authorized to Access Service", "Data": "customer 123"}');
    expect(counterReader.detect('sushi-error.json', sushi)).toBe(true);
    const out = [];
    for await (const item of counterReader.read(Readable.from([sushi]), { fileName: 'sushi-error.json', baseIri: 'http://example.org/' })) out.push(item);
    expect(out).toEqual([
      {
        failure: { index: 1, reason: 'no usage in COUNTER report: COUNTER exception 2000 (Error): Requestor Not Authorized to Access Service — customer 123' },
      },
    ]);
  });

  it('rejects an item counted over several months (Granularity Totals) and keeps the others', () => {
    const perf = (begin: string, end: string, n: number) => [
      { Period: { Begin_Date: begin, End_Date: end }, Instance: [{ Metric_Type: 'Total_Item_Requests', Count: n }] },
    ];
    const report = readCounterReport({
      Report_Header: { Report_ID: 'TR_J1', Release: '5', Report_Filters: [{ Name: 'Begin_Date', Value: '2022-01-01' }] },
      Report_Items: [
        { Title: 'A', Platform: 'P', Item_ID: [{ Type: 'Online_ISSN', Value: '1234-4321' }], Performance: perf('2022-01-01', '2022-03-31', 7) },
        { Title: 'B', Platform: 'P', Item_ID: [{ Type: 'DOI', Value: '10.1234/B' }], Performance: perf('2022-02-01', '2022-02-28', 3) },
      ],
    });
    expect(report.failures).toEqual([
      { index: 1, id: 'tr_j1/p/issn-1234-4321', reason: 'report item 1: period 2022-01-01..2022-03-31 is not one month (monthly granularity needed)' },
    ]);
    expect(report.items.map((i) => [i.data.key, i.data.counts, i.data.period])).toEqual([
      [
        'tr_j1/p/doi-10.1234/b',
        [{ month: '2022-02', metric: 'Total_Item_Requests', count: 3, start: '2022-02-01', end: '2022-02-28' }],
        // No End_Date filter: the end is the last month with counts.
        { begin: '2022-01', end: '2022-02' },
      ],
    ]);
  });

  it('gives a failure with the reason for malformed JSON', async () => {
    const { records, failures } = await read('malformed/TRJ1_sample_r51-truncated.json');
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toMatch(/^malformed COUNTER JSON: /);
  });
});
