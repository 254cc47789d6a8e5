/**
 * Synthetic usage event logs. No real library download/circulation log is
 * public (patron data), so tests and benchmarks use logs generated here, with
 * the traits that matter to COUNTER processing (docs/usage-events.md):
 *
 * - seeded: the same options give the same log, byte for byte;
 * - skewed popularity: items are drawn from a Zipf distribution (a few items get most use);
 * - sessions of several events: an investigation (abstract/landing page) of an item,
 *   often followed by a request (download), sometimes a repeated download later on;
 * - double clicks: a share of clicks is repeated 1–20 s later (COUNTER counts them once);
 * - denials: a few No_License / Limit_Exceeded events;
 * - robots: a share of sessions comes from crawlers with bot user agents, fast and many;
 * - timestamps spread over the requested months, in time order.
 *
 * Every generated person is synthetic: patron ids `P…`, IPs from private or
 * documentation ranges (RFC 1918, RFC 5737). The generator also returns the
 * counts COUNTER processing must arrive at (`expected`), worked out from how
 * the log was built, so tests can check the aggregation against them.
 */
import { prng } from '../../prng.js';
import type { EventType, UsageEvent } from './aggregate.js';

// Re-exported for the usage generator's callers and tests.
export { prng };

export interface GenerateOptions {
  seed?: number;
  /** Approximate number of events (the last session may overrun it a little). */
  events?: number;
  /** Item identifiers to use (DOIs, ISBNs, local ids); default: `syntheticItems` of them. */
  items?: string[];
  syntheticItems?: number;
  /** First day, YYYY-MM-DD (UTC). Default 2024-01-01. */
  start?: string;
  months?: number;
  /** Zipf exponent: 0 = uniform; ~1 = typical library use. Default 1.1. */
  zipf?: number;
  /** Share of sessions that are robots. Default 0.1. */
  botShare?: number;
  /** Share of human clicks repeated as a double click. Default 0.05. */
  doubleClickShare?: number;
  /** Share of human sessions whose user is logged in (patron id logged). Default 0.6. */
  loggedInShare?: number;
  users?: number;
  platform?: string;
}

export interface GeneratedTotals {
  events: number;
  botEvents: number;
  doubleClicks: number;
  /** What COUNTER processing must count over the whole log (summed over items and months). */
  expected: Record<
    'Total_Item_Investigations' | 'Unique_Item_Investigations' | 'Total_Item_Requests' | 'Unique_Item_Requests' | 'No_License' | 'Limit_Exceeded',
    number
  >;
}

/** Sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1)^s (inverse CDF by binary search). */
export function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / (k + 1) ** s;
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// Real browser and crawler user-agent strings (as sent by those clients).
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'python-requests/2.31.0',
  'curl/8.5.0',
  'Wget/1.21.4',
  'Scrapy/2.11.1 (+https://scrapy.org)',
];

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length)] as T;

/** A min-heap on time, so sessions that overlap still come out in time order. */
class EventHeap {
  private readonly a: UsageEvent[] = [];
  get size() {
    return this.a.length;
  }
  peek(): UsageEvent | undefined {
    return this.a[0];
  }
  push(e: UsageEvent) {
    const a = this.a;
    a.push(e);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if ((a[p] as UsageEvent).time <= e.time) break;
      a[i] = a[p] as UsageEvent;
      a[p] = e;
      i = p;
    }
  }
  pop(): UsageEvent | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as UsageEvent).time < (a[m] as UsageEvent).time) m = l;
        if (r < a.length && (a[r] as UsageEvent).time < (a[m] as UsageEvent).time) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as UsageEvent, a[i] as UsageEvent];
        i = m;
      }
    }
    return top;
  }
}

const hex = (rand: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
};

/**
 * Generates a log as events in time order. `totals` is filled in as the
 * events are produced (complete once the iterator is done).
 */
export function generateEvents(opts: GenerateOptions = {}, totals?: GeneratedTotals): Generator<UsageEvent> {
  return run(opts, totals ?? newTotals());
}

export const newTotals = (): GeneratedTotals => ({
  events: 0,
  botEvents: 0,
  doubleClicks: 0,
  expected: { Total_Item_Investigations: 0, Unique_Item_Investigations: 0, Total_Item_Requests: 0, Unique_Item_Requests: 0, No_License: 0, Limit_Exceeded: 0 },
});

function* run(opts: GenerateOptions, totals: GeneratedTotals): Generator<UsageEvent> {
  const rand = prng(opts.seed ?? 1);
  const target = opts.events ?? 10_000;
  const items = opts.items?.length ? [...opts.items] : Array.from({ length: opts.syntheticItems ?? 1000 }, (_, i) => `10.5555/libkg-usage.${i + 1}`);
  // Popularity rank is a seeded shuffle of the list, not its order.
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as string, items[i] as string];
  }
  const rank = zipfSampler(items.length, opts.zipf ?? 1.1, rand);
  const start = Date.parse(`${opts.start ?? '2024-01-01'}T00:00:00Z`);
  const startDate = new Date(start);
  const end = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + (opts.months ?? 3), startDate.getUTCDate());
  const botShare = opts.botShare ?? 0.1;
  const dcShare = opts.doubleClickShare ?? 0.05;
  const loggedIn = opts.loggedInShare ?? 0.6;
  const users = Array.from({ length: opts.users ?? 300 }, (_, i) => ({
    patron: rand() < loggedIn ? `P${String(100000 + i)}` : undefined,
    ip: `10.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`,
    ua: pick(BROWSERS, rand),
  }));
  // ~4 events per human session, ~25 per robot session: sessions spread evenly over the period.
  const perSession = 4 * (1 - botShare) + 25 * botShare;
  const gap = (end - start) / Math.max(1, target / perSession);
  const heap = new EventHeap();
  const platform = opts.platform;

  const emit = (e: UsageEvent, isBot: boolean) => {
    // Whole seconds, as web server logs have (gaps of 31 s or more stay over 30 s).
    e.time = Math.floor(e.time / 1000) * 1000;
    if (platform) e.platform = platform;
    heap.push(e);
    totals.events++;
    if (isBot) totals.botEvents++;
  };

  let t = start;
  while (totals.events < target && t < end) {
    t += Math.floor(-Math.log(1 - rand()) * gap); // Poisson arrivals
    if (t >= end) break;
    if (rand() < botShare) {
      // A crawler: many requests a few seconds apart, no session cookie, an address from TEST-NET-3.
      const ua = pick(BOTS, rand);
      const ip = `203.0.113.${1 + Math.floor(rand() * 254)}`;
      let bt = t;
      for (let n = 10 + Math.floor(rand() * 30); n > 0; n--) {
        bt += 1000 + Math.floor(rand() * 4000);
        emit({ time: bt, item: items[rank()] as string, type: rand() < 0.7 ? 'request' : 'investigation', userAgent: ua, ip }, true);
      }
    } else {
      const user = pick(users, rand);
      const session = hex(rand, 16);
      const seen = new Map<string, 'I' | 'R'>();
      let st = t;
      const click = (item: string, type: EventType) => {
        const base = { item, type, session, userAgent: user.ua, ip: user.ip, ...(user.patron ? { patron: user.patron } : {}) };
        emit({ time: st, ...base }, false);
        if (type === 'request' || type === 'investigation') {
          const before = seen.get(item);
          if (before === undefined) totals.expected.Unique_Item_Investigations++;
          if (type === 'request' && before !== 'R') totals.expected.Unique_Item_Requests++;
          if (before !== 'R') seen.set(item, type === 'request' ? 'R' : 'I');
          totals.expected.Total_Item_Investigations++;
          if (type === 'request') totals.expected.Total_Item_Requests++;
        } else totals.expected[type === 'no_license' ? 'No_License' : 'Limit_Exceeded']++;
        if (rand() < dcShare) {
          // Double click: the same click again within 1–20 s; COUNTER counts the pair once.
          st += 1000 + Math.floor(rand() * 19_000);
          emit({ time: st, ...base }, false);
          totals.doubleClicks++;
        }
      };
      for (let k = 1 + Math.floor(-Math.log(1 - rand()) * 2); k > 0; k--) {
        const item = items[rank()] as string;
        // Over 30 s between clicks, so only the injected double clicks are double clicks.
        st += 31_000 + Math.floor(rand() * 60_000);
        const r = rand();
        if (r < 0.02) click(item, 'no_license');
        else if (r < 0.03) click(item, 'limit_exceeded');
        else {
          click(item, 'investigation');
          if (rand() < 0.55) {
            st += 31_000 + Math.floor(rand() * 90_000);
            click(item, 'request');
            // Sometimes the reader comes back to the file later in the session.
            if (rand() < 0.1) {
              st += 31_000 + Math.floor(rand() * 300_000);
              click(item, 'request');
            }
          }
        }
      }
    }
    // Later sessions start after t, so everything up to t is final.
    while (heap.size && (heap.peek() as UsageEvent).time <= t) yield heap.pop() as UsageEvent;
  }
  while (heap.size) yield heap.pop() as UsageEvent;
}

const CSV_COLUMNS = ['timestamp', 'item', 'event', 'session_id', 'user_agent', 'ip', 'patron_id', 'platform'] as const;

/** RFC 4180 quoting (by hand: one rule, no need for a CSV writer library). */
const csvField = (v: string | undefined) => (v === undefined ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const csvHeader = () => `${CSV_COLUMNS.join(',')}\n`;

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const toCsvLine = (e: UsageEvent) => `${[iso(e.time), e.item, e.type, e.session, e.userAgent, e.ip, e.patron, e.platform].map(csvField).join(',')}\n`;

export const toNdjsonLine = (e: UsageEvent) =>
  `${JSON.stringify({ timestamp: iso(e.time), item: e.item, event: e.type, session_id: e.session, user_agent: e.userAgent, ip: e.ip, patron_id: e.patron, platform: e.platform })}\n`;
