/**
 * Field names and values of raw usage event logs (CSV columns or NDJSON
 * keys). Log exports name their columns differently, so each field accepts a
 * few common spellings; see docs/usage-events.md.
 */
import type { EventType, UsageEvent } from './aggregate.js';

type Field = 'time' | 'item' | 'type' | 'session' | 'userAgent' | 'ip' | 'patron' | 'platform' | 'title';

const ALIASES: Record<Field, string[]> = {
  time: ['timestamp', 'time', 'datetime', 'date', 'ts'],
  item: ['item', 'item_id', 'itemid', 'identifier', 'doi', 'isbn', 'id'],
  type: ['event', 'event_type', 'eventtype', 'type', 'action'],
  session: ['session', 'session_id', 'sessionid'],
  userAgent: ['user_agent', 'useragent', 'ua', 'agent'],
  ip: ['ip', 'ip_address', 'client_ip', 'remote_addr'],
  patron: ['patron', 'patron_id', 'patronid', 'user', 'user_id', 'userid'],
  platform: ['platform'],
  title: ['title'],
};

const FIELD_OF = new Map<string, Field>();
for (const [field, names] of Object.entries(ALIASES) as [Field, string[]][]) for (const n of names) FIELD_OF.set(n, field);

// Every row repeats the same few names: remember what each spelling means.
const seen = new Map<string, Field | undefined>();

/** Canonical field for a column/key name (case, spaces and dashes ignored), if it is one we read. */
export function fieldOf(name: string): Field | undefined {
  if (seen.has(name)) return seen.get(name);
  const f = FIELD_OF.get(
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  if (seen.size < 1000) seen.set(name, f);
  return f;
}

/** True when the names include the three required fields (time, item, event type). */
export const hasRequiredFields = (names: string[]) => {
  const fields = new Set(names.map(fieldOf));
  return fields.has('time') && fields.has('item') && fields.has('type');
};

const TYPES: Record<string, EventType> = {
  request: 'request',
  download: 'request',
  fulltext: 'request',
  full_text: 'request',
  pdf: 'request',
  html: 'request',
  investigation: 'investigation',
  view: 'investigation',
  abstract: 'investigation',
  metadata: 'investigation',
  landing: 'investigation',
  no_license: 'no_license',
  denied: 'no_license',
  limit_exceeded: 'limit_exceeded',
  turnaway: 'limit_exceeded',
};

export const eventTypeOf = (v: string): EventType | undefined =>
  TYPES[
    v
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ];

/** ISO 8601 (a time without zone is taken as UTC), or epoch seconds / milliseconds. */
export function parseTime(v: string): number | undefined {
  const s = v.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n < 1e11 ? Math.round(n * 1000) : n;
  }
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.replace(' ', 'T')}Z` : s;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Turns a row (field name → text) into an event, or a reason why not.
 * `skip` is for rows that are valid but not usage (e.g. a `search` event).
 */
export function toEvent(row: Record<string, unknown>): UsageEvent | { skip: string } | { error: string } {
  const v: Partial<Record<Field, string>> = {};
  for (const [k, val] of Object.entries(row)) {
    const f = fieldOf(k);
    if (f && val !== null && val !== undefined && val !== '' && v[f] === undefined) v[f] = String(val);
  }
  if (!v.time) return { error: 'no timestamp' };
  if (!v.item) return { error: 'no item identifier' };
  if (!v.type) return { error: 'no event type' };
  const time = parseTime(v.time);
  if (time === undefined) return { error: `bad timestamp "${v.time}"` };
  const type = eventTypeOf(v.type);
  if (!type) return { skip: v.type };
  const e: UsageEvent = { time, item: v.item.trim(), type };
  if (v.session) e.session = v.session;
  if (v.userAgent) e.userAgent = v.userAgent;
  if (v.ip) e.ip = v.ip;
  if (v.patron) e.patron = v.patron;
  if (v.platform) e.platform = v.platform;
  if (v.title) e.title = v.title;
  return e;
}
