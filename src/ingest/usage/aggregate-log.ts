/** A whole log aggregated: the items plus what was filtered or not read, for the reader, the bench and the tests. */
import type { Readable } from 'node:stream';
import { type AggregatorOptions, type AggregatorStats, UsageAggregator } from './aggregate.js';
import { type LogFormat, readLog } from './event-source.js';
import type { UsageData } from './types.js';

export interface AggregatedLog {
  items: UsageData[];
  stats: AggregatorStats & { unreadLines: number; ignored: number };
  /** The first few unread lines, for the message. */
  errors: { line: number; error: string }[];
}

export async function aggregateLog(input: Readable, options: AggregatorOptions & { format?: LogFormat } = {}): Promise<AggregatedLog> {
  const agg = new UsageAggregator(options);
  const errors: AggregatedLog['errors'] = [];
  let unreadLines = 0;
  let ignored = 0;
  for await (const l of readLog(input, options.format)) {
    if ('event' in l) agg.add(l.event);
    else if ('skip' in l) ignored++;
    else if (unreadLines++ < 3) errors.push(l);
  }
  return { items: agg.finish(), stats: { ...agg.stats, unreadLines, ignored }, errors };
}
