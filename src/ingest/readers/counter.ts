import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Reader, ReadItem } from '../types.js';
import { type CounterReport, describeException, readCounterReport } from '../usage/counter-report.js';
import { looksLikeCounterTabular, readCounterTabular } from '../usage/counter-tabular.js';

/**
 * COUNTER Release 5 / 5.1 JSON reports (SUSHI responses, also Celus'
 * `{body, response}` captures). A report is one JSON document, read whole;
 * each report item becomes one `usage` record. A report that carries only
 * exceptions (e.g. 3030 "No Usage Available for Requested Dates") gives one
 * failure naming the exception, so the import summary says why nothing came.
 */
export const counterReader: Reader = {
  format: 'counter',
  detect: (fileName, head) => {
    if (extname(fileName.replace(/\.gz$/, '')).toLowerCase() !== '.json') return false;
    const text = head.toString('utf8');
    if (/"Report_Header"\s*:/.test(text)) return true;
    // Celus captures, and bare SUSHI error responses ({"Code": 2000, "Message": …} or a list of them).
    if (/^\s*\{\s*"body"\s*:/.test(text) && /"response"\s*:/.test(text)) return true;
    return /^\s*[[{]\s*\{?\s*"(Code|Severity)"\s*:/.test(text) && /"Message"\s*:/.test(text);
  },
  async *read(input: Readable): AsyncIterable<ReadItem> {
    let text = '';
    for await (const chunk of input) text += chunk;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      yield { failure: { index: 1, reason: `malformed COUNTER JSON: ${(e as Error).message}` } };
      return;
    }
    let report: ReturnType<typeof readCounterReport>;
    try {
      report = readCounterReport(doc);
    } catch (e) {
      yield { failure: { index: 1, reason: (e as Error).message } };
      return;
    }
    yield* reportItems(report);
  },
};

/** A read report as records: one per item with usage, its failures, or one failure saying why it has no usage. */
function* reportItems(report: CounterReport): Iterable<ReadItem> {
  if (!report.items.length && !report.failures.length) {
    const what = report.exceptions.length ? report.exceptions.map(describeException).join('; ') : 'the report has no Report_Items';
    yield { failure: { index: 1, reason: `no usage in ${report.reportId ?? 'COUNTER'} report: ${what}` } };
    return;
  }
  for (const f of report.failures) yield { failure: f };
  for (const { index, data } of report.items) {
    // An item whose counts are all zero (or TDM only) states no usage: nothing to write.
    if (!data.counts.length) continue;
    yield { record: { index, id: data.key, kind: 'usage', mapping: 'counter', data } };
  }
}

const TABULAR_EXTENSIONS = new Set(['.tsv', '.csv', '.txt']);

/**
 * COUNTER Release 5 / 5.1 tabular reports (TSV or CSV, as providers' admin
 * sites export them): read into the JSON reader's document, so records,
 * mapping and failures are the same. A broken table (no header block, a
 * heading that is not a month, a count that is not a number) rejects the
 * whole report, naming the lines: a partial report would understate use.
 */
export const counterTabularReader: Reader = {
  format: 'counter-tabular',
  detect: (fileName, head) => TABULAR_EXTENSIONS.has(extname(fileName.replace(/\.gz$/, '')).toLowerCase()) && looksLikeCounterTabular(head.toString('utf8')),
  async *read(input: Readable): AsyncIterable<ReadItem> {
    const tabular = await readCounterTabular(input);
    if ('problems' in tabular) {
      const shown = tabular.problems.slice(0, 10).map((p) => `line ${p.line}: ${p.reason}`);
      const more = tabular.problems.length > 10 ? `; and ${tabular.problems.length - 10} more` : '';
      yield { failure: { index: tabular.problems[0]?.line ?? 1, reason: `COUNTER tabular report not imported: ${shown.join('; ')}${more}` } };
      return;
    }
    let report: CounterReport;
    try {
      report = readCounterReport(tabular.doc);
    } catch (e) {
      yield { failure: { index: 1, reason: (e as Error).message } };
      return;
    }
    // Positions in Report_Items become lines of the file.
    const lineOf = (i: number) => tabular.lines[i - 1] ?? i;
    for (const item of reportItems(report)) {
      if ('record' in item) yield { record: { ...item.record, index: lineOf(item.record.index) } };
      else yield { failure: { ...item.failure, index: lineOf(item.failure.index) } };
    }
  },
};
