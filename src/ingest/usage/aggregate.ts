/**
 * Raw usage events → COUNTER R5 counts per item, month and metric, following
 * the COUNTER Code of Practice R5, section 7 (processing rules):
 *
 * - Robots: events whose user agent matches the COUNTER robots list are dropped.
 * - Double clicks (7.2): clicks by the same user on the same item and action within
 *   30 seconds count once; the final click of such a burst is the one counted
 *   (so it is its month that gets the count).
 * - Investigations and requests (3.3): every request is also an investigation.
 * - Unique_Item_* (7.3): an item counts once per user session. The session is
 *   the log's session id, or else user (patron id, or IP + user agent) + date + hour,
 *   COUNTER's fallback session definition.
 *
 * Patron ids, IPs and session ids live only in the short-lived maps below
 * (dropped once the burst/session is over) and never reach the output: the
 * result holds item identifiers and counts only.
 *
 * Memory: per item × month one small array, plus the clicks of the last 30 s
 * and the sessions active within the session timeout. Events are expected in
 * time order (as logs are written); a late event is still counted, but may
 * escape the double-click and uniqueness checks if its burst or session was
 * already closed.
 */
import { classifyIdentifier, itemKey, linkOf } from './item-key.js';
import { robotMatcher } from './robots.js';
import { EVENT_METRICS, monthsAndCounts, type UsageData, type UsageItem } from './types.js';

export type EventType = 'investigation' | 'request' | 'no_license' | 'limit_exceeded';

export interface UsageEvent {
  /** Milliseconds since the epoch (UTC). */
  time: number;
  /** The item's identifier as logged: DOI, ISBN, ISSN or a local id. */
  item: string;
  type: EventType;
  session?: string;
  userAgent?: string;
  ip?: string;
  patron?: string;
  platform?: string;
  title?: string;
}

export interface AggregatorOptions {
  /** Default 30 (COUNTER R5). */
  doubleClickSeconds?: number;
  /** A session with no event for this long is closed. Default 60. */
  sessionTimeoutMinutes?: number;
  /** Platform of events that name none. Default `local`. */
  platform?: string;
  isRobot?: (userAgent: string | undefined) => boolean;
}

export interface AggregatorStats {
  events: number;
  robots: number;
  doubleClicks: number;
  /** Events older than an already closed burst or session (log out of order). */
  late: number;
}

// Metric slots in a month's count array, in EVENT_METRICS order.
const TII = 0;
const UII = 1;
const TIR = 2;
const UIR = 3;
const NL = 4;
const LE = 5;
const SLOT_OF: Record<EventType, number> = { investigation: TII, request: TIR, no_license: NL, limit_exceeded: LE };

interface ItemAgg {
  key: string;
  item: UsageItem;
  months: Map<string, Uint32Array>;
}

interface PendingClick {
  time: number;
  month: string;
  agg: ItemAgg;
  type: EventType;
}

interface Session {
  last: number;
  /** Items seen in the session: `I` = investigated, `R` = requested. */
  seen: Map<ItemAgg, 'I' | 'R'>;
}

const inc = (counts: Uint32Array, slot: number) => {
  counts[slot] = (counts[slot] as number) + 1;
};
const DAY = 86_400_000;
let cachedDay = Number.NaN;
let cachedIso = '';
/** `YYYY-MM-DD` of a time, cached: consecutive events fall on the same day. */
const dayOf = (t: number) => {
  const d = Math.floor(t / DAY);
  if (d !== cachedDay) {
    cachedDay = d;
    cachedIso = new Date(d * DAY).toISOString().slice(0, 10);
  }
  return cachedIso;
};
const monthOf = (t: number) => dayOf(t).slice(0, 7);
const hourOf = (t: number) => `${dayOf(t)}T${Math.floor((t - Math.floor(t / DAY) * DAY) / 3_600_000)}`;

export class UsageAggregator {
  readonly stats: AggregatorStats = { events: 0, robots: 0, doubleClicks: 0, late: 0 };
  private readonly byRaw = new Map<string, ItemAgg>();
  private readonly byKey = new Map<string, ItemAgg>();
  private readonly clicks = new Map<string, PendingClick>();
  private readonly sessions = new Map<string, Session>();
  private readonly window: number;
  private readonly timeout: number;
  private readonly platform: string;
  private readonly isRobot: (ua: string | undefined) => boolean;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private lastSessionSweep = Number.NEGATIVE_INFINITY;
  private closedBefore = Number.NEGATIVE_INFINITY;

  constructor(opts: AggregatorOptions = {}) {
    this.window = (opts.doubleClickSeconds ?? 30) * 1000;
    this.timeout = (opts.sessionTimeoutMinutes ?? 60) * 60_000;
    this.platform = opts.platform ?? 'local';
    this.isRobot = opts.isRobot ?? robotMatcher();
  }

  add(e: UsageEvent): void {
    this.stats.events++;
    if (this.isRobot(e.userAgent)) {
      this.stats.robots++;
      return;
    }
    if (e.time < this.closedBefore) this.stats.late++;
    const agg = this.itemOf(e);
    const month = monthOf(e.time);
    // COUNTER's user: the session, else the logged-in patron, else IP + user agent.
    const user = e.session ? `s\u0000${e.session}` : e.patron ? `p\u0000${e.patron}` : `a\u0000${e.ip ?? ''}\u0000${e.userAgent ?? ''}`;

    const clickKey = `${user}\u0000${agg.key}\u0000${e.type}`;
    const prev = this.clicks.get(clickKey);
    if (prev && e.time - prev.time <= this.window && e.time >= prev.time) {
      // A double click: the earlier click is dropped, this one becomes the pending one.
      this.stats.doubleClicks++;
      prev.time = e.time;
      prev.month = month;
    } else {
      if (prev) this.commit(prev);
      this.clicks.set(clickKey, { time: e.time, month, agg, type: e.type });
    }

    if (e.type === 'request' || e.type === 'investigation') {
      const sessionKey = e.session ? user : `${user}\u0000${hourOf(e.time)}`;
      let s = this.sessions.get(sessionKey);
      if (!s) this.sessions.set(sessionKey, (s = { last: e.time, seen: new Map() }));
      s.last = Math.max(s.last, e.time);
      const before = s.seen.get(agg);
      const counts = this.countsOf(agg, month);
      if (before === undefined) inc(counts, UII);
      if (e.type === 'request' && before !== 'R') inc(counts, UIR);
      if (before !== 'R') s.seen.set(agg, e.type === 'request' ? 'R' : 'I');
    }

    if (e.time - this.lastSweep >= this.window) this.sweep(e.time);
  }

  /** Closes all bursts and sessions and gives one record per item (items in first-seen order). */
  finish(): UsageData[] {
    for (const c of this.clicks.values()) this.commit(c);
    this.clicks.clear();
    this.sessions.clear();
    const out: UsageData[] = [];
    for (const agg of this.byKey.values()) {
      const byMonth = new Map<string, Map<string, number>>();
      for (const [month, arr] of agg.months) byMonth.set(month, new Map(EVENT_METRICS.map((metric, i) => [metric, arr[i] as number])));
      const { months, counts } = monthsAndCounts(byMonth);
      if (!counts.length) continue;
      out.push({ source: 'usage', key: agg.key, reportId: 'events', item: agg.item, period: { begin: '', end: '' }, months, counts, link: linkOf(agg.item) });
    }
    // The log covers the months from its first to its last counted event.
    const all = out.flatMap((d) => d.months.map((m) => m.month)).sort();
    for (const d of out) d.period = { begin: all[0] as string, end: all[all.length - 1] as string };
    return out;
  }

  /** Distinct items so far (the bound on memory, with their months). */
  get itemCount(): number {
    return this.byKey.size;
  }

  /** Transient state held now: clicks within the double-click window, sessions not yet timed out. */
  get openState(): { clicks: number; sessions: number } {
    return { clicks: this.clicks.size, sessions: this.sessions.size };
  }

  private itemOf(e: UsageEvent): ItemAgg {
    const platform = e.platform || this.platform;
    const raw = `${platform}\u0000${e.item}`;
    let agg = this.byRaw.get(raw);
    if (agg) return agg;
    const item: UsageItem = { identifiers: classifyIdentifier(e.item), platform };
    if (e.title) item.title = e.title;
    const key = itemKey('events', item);
    agg = this.byKey.get(key);
    if (!agg) this.byKey.set(key, (agg = { key, item, months: new Map() }));
    this.byRaw.set(raw, agg);
    return agg;
  }

  private countsOf(agg: ItemAgg, month: string): Uint32Array {
    let a = agg.months.get(month);
    if (!a) agg.months.set(month, (a = new Uint32Array(EVENT_METRICS.length)));
    return a;
  }

  private commit(c: PendingClick) {
    const counts = this.countsOf(c.agg, c.month);
    inc(counts, SLOT_OF[c.type]);
    if (c.type === 'request') inc(counts, TII);
  }

  /** Commits bursts older than the double-click window and forgets idle sessions. */
  private sweep(now: number) {
    this.lastSweep = now;
    for (const [k, c] of this.clicks) {
      if (now - c.time > this.window) {
        this.commit(c);
        this.clicks.delete(k);
      }
    }
    this.closedBefore = Math.max(this.closedBefore, now - this.window);
    if (now - this.lastSessionSweep < 60_000) return;
    this.lastSessionSweep = now;
    for (const [k, s] of this.sessions) if (now - s.last > this.timeout) this.sessions.delete(k);
  }
}
