import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Reader, ReadItem } from '../types.js';
import { aggregateLog } from '../usage/aggregate-log.js';
import { hasRequiredFields } from '../usage/event-fields.js';

const EXTENSIONS = new Set(['.csv', '.tsv', '.ndjson', '.jsonl']);

/** The field names on a log's first line: the CSV header or the first JSON object's keys. */
function firstLineNames(head: string): string[] {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (first.trimStart().startsWith('{')) return [...first.matchAll(/"([^"\\]+)"\s*:/g)].map((m) => m[1] as string);
  return first.split(/[,;\t]/).map((s) => s.trim().replace(/^"|"$/g, ''));
}

/**
 * Raw usage event logs (CSV or NDJSON: timestamp, item, event type, and
 * session / user agent / IP / patron for de-duplication) aggregated into
 * COUNTER R5 counts (src/ingest/usage/aggregate.ts). Aggregation needs the
 * whole log, so all events are read first and then one `usage` record per item
 * is yielded, never one per event. Unreadable lines are summed up in one
 * failure at the end; the rest of the log counts.
 */
export const usageEventsReader: Reader = {
  format: 'usage-events',
  detect: (fileName, head) => EXTENSIONS.has(extname(fileName.replace(/\.gz$/, '')).toLowerCase()) && hasRequiredFields(firstLineNames(head.toString('utf8'))),
  async *read(input: Readable): AsyncIterable<ReadItem> {
    const { items, stats, errors } = await aggregateLog(input);
    let index = 0;
    for (const data of items) yield { record: { index: ++index, id: data.key, kind: 'usage', mapping: 'counter', data } };
    if (stats.unreadLines) {
      const examples = errors.map((e) => `line ${e.line}: ${e.error}`).join('; ');
      yield { failure: { index: index + 1, reason: `${stats.unreadLines} log line(s) not read (${examples})` } };
    }
  },
};
