import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Reader, ReadItem } from '../types.js';
import { describeException, readCounterReport } from '../usage/counter-report.js';

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
  },
};
