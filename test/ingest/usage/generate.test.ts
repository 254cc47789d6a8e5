import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { aggregateLog } from '../../../src/ingest/usage/aggregate-log.js';
import { csvHeader, type GenerateOptions, generateEvents, newTotals, prng, toCsvLine, toNdjsonLine, zipfSampler } from '../../../src/ingest/usage/generate.js';

const FIX = new URL('../../../fixtures/usage/', import.meta.url).pathname;

function csvOf(opts: GenerateOptions) {
  const totals = newTotals();
  let text = csvHeader();
  for (const e of generateEvents(opts, totals)) text += toCsvLine(e);
  return { text, totals };
}

const sumBy = (items: { counts: { metric: string; count: number }[] }[]) => {
  const out: Record<string, number> = {};
  for (const it of items) for (const c of it.counts) out[c.metric] = (out[c.metric] ?? 0) + c.count;
  return out;
};

describe('usage event generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = csvOf({ seed: 7, events: 500 });
    expect(csvOf({ seed: 7, events: 500 }).text).toBe(a.text);
    expect(csvOf({ seed: 8, events: 500 }).text).not.toBe(a.text);
  });

  it('writes events in time order, over the requested months, with bots and double clicks', () => {
    const totals = newTotals();
    const events = [...generateEvents({ seed: 3, events: 5000, start: '2024-03-01', months: 2 }, totals)];
    expect(events.length).toBe(totals.events);
    expect(events.length).toBeGreaterThan(4500);
    for (let i = 1; i < events.length; i++) expect(events[i]?.time).toBeGreaterThanOrEqual(events[i - 1]?.time as number);
    const months = new Set(events.map((e) => new Date(e.time).toISOString().slice(0, 7)));
    expect([...months].sort()).toEqual(['2024-03', '2024-04']);
    expect(totals.botEvents / totals.events).toBeGreaterThan(0.1);
    expect(totals.doubleClicks).toBeGreaterThan(20);
    expect(new Set(events.filter((e) => e.type === 'request').map((e) => e.item)).size).toBeGreaterThan(50);
  });

  it('skews popularity (Zipf): the top 10% of items get most of the use', () => {
    const draw = zipfSampler(1000, 1.1, prng(1));
    const hits = new Uint32Array(1000);
    for (let i = 0; i < 50_000; i++) {
      const k = draw();
      hits[k] = (hits[k] as number) + 1;
    }
    const top = hits.slice(0, 100).reduce((a, b) => a + b, 0);
    expect(top / 50_000).toBeGreaterThan(0.6);
    expect(hits[0]).toBeGreaterThan(hits[9] as number);
  });

  it('aggregates to exactly the counts it was built with, in CSV and NDJSON', async () => {
    const totals = newTotals();
    let csv = csvHeader();
    let ndjson = '';
    for (const e of generateEvents({ seed: 11, events: 2500 }, totals)) {
      csv += toCsvLine(e);
      ndjson += toNdjsonLine(e);
    }
    for (const text of [csv, ndjson]) {
      const { items, stats } = await aggregateLog(Readable.from([Buffer.from(text)]));
      expect(stats.robots).toBe(totals.botEvents);
      expect(stats.doubleClicks).toBe(totals.doubleClicks);
      expect(sumBy(items)).toEqual(totals.expected);
    }
  });

  it('the shipped generated log filters its robots and double clicks as generated', async () => {
    const text = readFileSync(`${FIX}events-generated.csv`, 'utf8');
    expect(text.length).toBeLessThan(500_000);
    const { items, stats } = await aggregateLog(createReadStream(`${FIX}events-generated.csv`));
    // From `npx tsx bench/gen-usage-events.ts --events 2500 --seed 42 --items fixtures/usage/items.txt --months 3 --users 120 --platform 'Demo Repository'` (stderr).
    expect(stats).toMatchObject({ events: 2502, robots: 1094, doubleClicks: 80, unreadLines: 0 });
    expect(sumBy(items)).toEqual({
      Total_Item_Investigations: 1294,
      Unique_Item_Investigations: 697,
      Total_Item_Requests: 487,
      Unique_Item_Requests: 409,
      No_License: 18,
      Limit_Exceeded: 16,
    });
    expect(items.length).toBe(24);
    expect(items.every((i) => i.link.doi || i.link.isbn)).toBe(true);
  });
});
