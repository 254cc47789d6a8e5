import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageAggregator } from '../../../src/ingest/usage/aggregate.js';
import { aggregateLog } from '../../../src/ingest/usage/aggregate-log.js';
import { robotMatcher } from '../../../src/ingest/usage/robots.js';
import type { UsageData } from '../../../src/ingest/usage/types.js';

const FIX = new URL('../../../fixtures/usage/', import.meta.url).pathname;
const byKey = (items: UsageData[]) => Object.fromEntries(items.map((i) => [i.key, i]));
const months = (d: UsageData | undefined) => Object.fromEntries((d?.months ?? []).map((m) => [m.month, m.metrics]));

// fixtures/usage/events-handmade.csv, counted by hand from COUNTER R5 section 7 (see the comments per item).
const EXPECTED = {
  // s1: investigation + double click (1), request + double click (1), request 4 min later (1); s2: abstract (1).
  // Requests are investigations too: 4 investigations; unique: s1 and s2 investigated, s1 requested. The Googlebot request is a robot.
  'events/local/doi-10.5061/dryad.8515': {
    '2024-01': { Total_Item_Investigations: 4, Unique_Item_Investigations: 2, Total_Item_Requests: 2, Unique_Item_Requests: 1 },
    '2024-02': { Limit_Exceeded: 1 },
  },
  // January: s2 request (python-requests is a robot). February, no session id: IP + agent + hour → 08h session (investigation, request), 09h session (request).
  'events/local/isbn-9780743297790': {
    '2024-01': { Total_Item_Investigations: 1, Unique_Item_Investigations: 1, Total_Item_Requests: 1, Unique_Item_Requests: 1 },
    '2024-02': { Total_Item_Investigations: 3, Unique_Item_Investigations: 2, Total_Item_Requests: 2, Unique_Item_Requests: 2 },
  },
  // s3 double click across midnight 31 Jan / 1 Feb: the final click counts (February); the session's unique use is in January, where it began.
  // No_License + double click 3 s later: 1.
  'events/local/prop-LOCAL-42': {
    '2024-01': { Unique_Item_Investigations: 1, Unique_Item_Requests: 1 },
    '2024-02': { Total_Item_Investigations: 1, Total_Item_Requests: 1, No_License: 1 },
  },
};

describe('usage event aggregation (COUNTER R5 section 7)', () => {
  it('counts the hand-made CSV log as worked out by hand', async () => {
    const { items, stats, errors } = await aggregateLog(createReadStream(`${FIX}events-handmade.csv`));
    expect(stats).toEqual({ events: 17, robots: 2, doubleClicks: 4, late: 0, unreadLines: 1, ignored: 1 });
    expect(errors).toEqual([{ line: 20, error: 'bad timestamp "yesterday"' }]);
    const got = byKey(items);
    expect(Object.keys(got).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [key, exp] of Object.entries(EXPECTED)) expect(months(got[key]), key).toEqual(exp);
    expect(got['events/local/doi-10.5061/dryad.8515']).toMatchObject({ source: 'usage', reportId: 'events', link: { doi: '10.5061/dryad.8515' } });
    expect(got['events/local/isbn-9780743297790']?.link).toEqual({ isbn: '9780743297790' });
    expect(got['events/local/prop-LOCAL-42']?.link).toEqual({ local: 'local-prop-LOCAL-42' });
    // The log covers January and February: every item's record says so (it names the record graph).
    expect(items.every((i) => i.period.begin === '2024-01' && i.period.end === '2024-02')).toBe(true);
  });

  it('gives the same counts from the same log in NDJSON with other field names', async () => {
    const csv = await aggregateLog(createReadStream(`${FIX}events-handmade.csv`));
    const ndjson = await aggregateLog(createReadStream(`${FIX}events-handmade.ndjson`));
    expect(ndjson.items).toEqual(csv.items);
    expect(ndjson.errors).toEqual([{ line: 19, error: 'bad timestamp "yesterday"' }]);
  });

  it('never lets a patron id, IP, session id or user agent into its output', async () => {
    const { items } = await aggregateLog(createReadStream(`${FIX}events-handmade.csv`));
    const out = JSON.stringify(items);
    for (const secret of ['P000001', 'P000002', 'P000004', '10.0.0.1', '10.0.0.7', '203.0.113.5', 's1', 's3', 'Mozilla', 'Googlebot']) {
      expect(out).not.toContain(secret);
    }
  });

  it('filters robots with the COUNTER list and keeps browsers', () => {
    const isRobot = robotMatcher();
    expect(isRobot('Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)')).toBe(true);
    expect(isRobot('curl/8.5.0')).toBe(true);
    expect(isRobot('')).toBe(true); // COUNTER: an empty agent is a robot (^.?$)
    expect(isRobot(undefined)).toBe(true);
    expect(isRobot('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36')).toBe(false);
  });

  it('keeps memory to items × months: clicks and sessions are dropped once over', () => {
    const agg = new UsageAggregator();
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';
    const t0 = Date.UTC(2024, 0, 1);
    // 50,000 events over ~1.5 days, 10,000 sessions, 50 items.
    for (let i = 0; i < 50_000; i++) {
      agg.add({ time: t0 + i * 2500, item: `ITEM-${i % 50}`, type: i % 3 ? 'investigation' : 'request', session: `s${Math.floor(i / 5)}`, userAgent: ua });
    }
    expect(agg.openState.clicks).toBeLessThan(100);
    expect(agg.openState.sessions).toBeLessThan(3000);
    expect(agg.itemCount).toBe(50);
    const items = agg.finish();
    const total = items.reduce((n, it) => n + it.counts.filter((c) => c.metric === 'Total_Item_Investigations').reduce((a, c) => a + c.count, 0), 0);
    expect(total).toBe(50_000);
  });

  it('counts a late (out of order) event but says so', () => {
    const agg = new UsageAggregator();
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';
    const t0 = Date.UTC(2024, 0, 1, 12);
    agg.add({ time: t0, item: '10.1234/a', type: 'request', session: 'x', userAgent: ua });
    agg.add({ time: t0 + 120_000, item: '10.1234/b', type: 'request', session: 'y', userAgent: ua });
    agg.add({ time: t0 + 10_000, item: '10.1234/a', type: 'request', session: 'x', userAgent: ua });
    expect(agg.stats.late).toBe(1);
    // The burst of the first click was closed: the late click counts again.
    const a = agg.finish().find((i) => i.item.identifiers.doi === '10.1234/a');
    expect(a?.months[0]?.metrics).toMatchObject({ Total_Item_Requests: 2, Unique_Item_Requests: 1 });
  });

  it('reads events handed over as a stream of any chunking', async () => {
    const text = readFileSync(`${FIX}events-handmade.csv`, 'utf8');
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const { items } = await aggregateLog(Readable.from(chunks.map((c) => Buffer.from(c))));
    expect(months(byKey(items)['events/local/prop-LOCAL-42'])).toEqual(EXPECTED['events/local/prop-LOCAL-42']);
  });
});
