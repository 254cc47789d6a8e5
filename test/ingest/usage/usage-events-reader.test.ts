import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readerFor } from '../../../src/ingest/readers/index.js';
import { usageEventsReader } from '../../../src/ingest/readers/usage-events.js';
import type { ReadItem } from '../../../src/ingest/types.js';
import { aggregateLog } from '../../../src/ingest/usage/aggregate-log.js';

const FIX = new URL('../../../fixtures/usage/', import.meta.url).pathname;
const head = (f: string) => readFileSync(FIX + f).subarray(0, 4096);

async function readAll(f: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of usageEventsReader.read(createReadStream(FIX + f), { fileName: f, baseIri: 'http://example.org/' })) out.push(item);
  return out;
}

describe('usage-events reader', () => {
  it('is chosen for event logs in CSV and NDJSON, by their fields', () => {
    expect(readerFor('events-handmade.csv', head('events-handmade.csv'))?.format).toBe('usage-events');
    expect(readerFor('events-handmade.ndjson', head('events-handmade.ndjson'))?.format).toBe('usage-events');
    expect(readerFor('log.jsonl', Buffer.from('{"ts": 1704067200, "doi": "10.1/x", "action": "download"}\n'))?.format).toBe('usage-events');
    // A COUNTER tabular report or any other CSV is not an event log.
    expect(usageEventsReader.detect('ir_m1.csv', Buffer.from('Report_Name,Multimedia Item Requests\nReport_ID,IR_M1\n'))).toBe(false);
    expect(usageEventsReader.detect('x.csv', Buffer.from('title,isbn,year\n'))).toBe(false);
  });

  it('yields one usage record per item, then one failure summing up the unread lines', async () => {
    const items = await readAll('events-handmade.csv');
    const records = items.flatMap((i) => ('record' in i ? [i.record] : []));
    const failures = items.flatMap((i) => ('failure' in i ? [i.failure] : []));
    expect(records.map((r) => [r.index, r.id, r.kind, r.mapping])).toEqual([
      [1, 'events/local/doi-10.5061/dryad.8515', 'usage', 'counter'],
      [2, 'events/local/isbn-9780743297790', 'usage', 'counter'],
      [3, 'events/local/prop-LOCAL-42', 'usage', 'counter'],
    ]);
    expect(failures).toEqual([{ index: 4, reason: '1 log line(s) not read (line 20: bad timestamp "yesterday")' }]);
  });

  it('reads semicolon- and tab-separated logs', async () => {
    const rows = [
      ['Timestamp', 'Item ID', 'Event Type', 'Session ID', 'User-Agent'],
      ['2024-05-02 10:00:00', '9780743297790', 'download', 'k1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0'],
      ['2024-05-02 10:00:04', '9780743297790', 'download', 'k1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0'],
    ];
    for (const sep of [';', '\t']) {
      const text = rows.map((r) => r.map((v) => (v.includes(';') && sep === ';' ? `"${v}"` : v)).join(sep)).join('\n');
      expect(usageEventsReader.detect(sep === ';' ? 'log.csv' : 'log.tsv', Buffer.from(text))).toBe(true);
      const { items, stats } = await aggregateLog(Readable.from([Buffer.from(text)]));
      expect(stats).toMatchObject({ events: 2, doubleClicks: 1, unreadLines: 0 });
      expect(items[0]?.months).toEqual([
        { month: '2024-05', metrics: { Total_Item_Investigations: 1, Unique_Item_Investigations: 1, Total_Item_Requests: 1, Unique_Item_Requests: 1 } },
      ]);
    }
  });

  it('reads epoch timestamps and common field spellings', async () => {
    const log = [
      '{"ts": 1704067200, "doi": "doi:10.1234/ABC", "action": "fulltext", "sessionid": "a", "agent": "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}',
      '{"ts": 1704067200500, "doi": "10.1234/abc", "action": "view", "sessionid": "b", "agent": "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}',
      '{"ts": 1704067300, "doi": "10.1234/abc", "action": "search", "sessionid": "b", "agent": "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}',
    ].join('\n');
    const { items, stats } = await aggregateLog(Readable.from([Buffer.from(log)]));
    expect(stats).toMatchObject({ events: 2, ignored: 1, unreadLines: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]?.months).toEqual([
      { month: '2024-01', metrics: { Total_Item_Investigations: 2, Unique_Item_Investigations: 2, Total_Item_Requests: 1, Unique_Item_Requests: 1 } },
    ]);
  });
});
