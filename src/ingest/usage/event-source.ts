/**
 * Streams usage events out of a CSV (comma, semicolon or tab separated) or
 * NDJSON log, line by line, so a log of any size is read in constant memory.
 * CSV goes through csv-parse (quoted user agents hold commas); NDJSON is one
 * JSON.parse per line.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { UsageEvent } from './aggregate.js';
import { fieldOf, toEvent } from './event-fields.js';

export type LogFormat = 'csv' | 'ndjson';

export type LogLine = { line: number; event: UsageEvent } | { line: number; error: string } | { line: number; skip: string };

/** NDJSON if the first non-blank character is `{`, else CSV. */
export const sniffLogFormat = (head: string): LogFormat => (head.trimStart().startsWith('{') ? 'ndjson' : 'csv');

/** The CSV delimiter: whichever of `,` `;` tab the header line uses most (exports differ by locale). */
export function sniffDelimiter(head: string): string {
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

async function* csvRows(input: Readable, delimiter: string): AsyncGenerator<{ line: number; row: Record<string, unknown> } | { line: number; error: string }> {
  const parser = parse({
    delimiter,
    columns: (header: string[]) => header.map((h) => fieldOf(h) ?? h),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const r of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>) yield { line: r.info.lines, row: r.record };
  } catch (e) {
    // csv-parse stops at a syntax error (e.g. an unclosed quote): report it; what came before counts.
    yield { line: (e as { lines?: number }).lines ?? 0, error: `CSV syntax error: ${(e as Error).message}` };
  }
}

async function* ndjsonRows(input: Readable): AsyncGenerator<{ line: number; row: Record<string, unknown> } | { line: number; error: string }> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (!text.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (e) {
      yield { line, error: `bad JSON: ${(e as Error).message}` };
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) yield { line, error: 'not a JSON object' };
    else yield { line, row: row as Record<string, unknown> };
  }
}

/** Reads the first chunk to tell the format and delimiter, then gives a stream that still starts with it. */
async function sniff(input: Readable): Promise<{ head: string; stream: Readable }> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? '' : Buffer.from(first.value).toString('utf8', 0, 4096);
  const rest = async function* () {
    if (!first.done) yield Buffer.from(first.value);
    for (let n = await it.next(); !n.done; n = await it.next()) yield Buffer.from(n.value);
  };
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** Events of a log, with a line number each; the format is given or sniffed. */
export async function* readLog(input: Readable, format?: LogFormat): AsyncGenerator<LogLine> {
  const { head, stream } = await sniff(input);
  const fmt = format ?? sniffLogFormat(head);
  for await (const r of fmt === 'csv' ? csvRows(stream, sniffDelimiter(head.replace(/^\uFEFF/, ''))) : ndjsonRows(stream)) {
    if ('error' in r) {
      yield r;
      continue;
    }
    const e = toEvent(r.row);
    yield 'time' in e ? { line: r.line, event: e } : { line: r.line, ...e };
  }
}
