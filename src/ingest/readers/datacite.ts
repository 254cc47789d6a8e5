/**
 * DataCite metadata (XML kernel 3/4 and DataCite JSON) as `dataset` records
 * for the `datacite` mapping. A file holds one record, or several (an XML
 * wrapper such as OAI-PMH around `resource` elements, a JSON array, a REST
 * API `{ data: [...] }` envelope). Records missing a mandatory property are
 * failures with the reason, the rest of the file goes on.
 */
import type { Readable } from 'node:stream';
import type { Reader, ReaderContext, ReadItem } from '../types.js';
import { dataciteProblems, normaliseDatacite } from './datacite-record.js';
import { arr, child, detectBySigns, parseXml, readAllText } from './orcid-datacite-common.js';

const KERNEL_NS = /xmlns(?::\w+)?="http:\/\/datacite\.org\/schema\/(kernel-[\d.]+)"/;
const JSON_SIGNS = /"(resourceTypeGeneral|resource-type-general|schemaVersion|schema-version|publicationYear|publication-year)"|datacite\.org\/schema/;

const detect = detectBySigns({ xml: (start) => KERNEL_NS.test(start), json: JSON_SIGNS });

/** Every `resource` element in an XML tree, wherever a wrapper put it. */
function resources(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const n of node) resources(n, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'resource') out.push(...arr(v));
      else if (!k.startsWith('@')) resources(v, out);
    }
  return out;
}

/** DataCite JSON records: a record, a list, or the REST API's `{ data }` envelope with `attributes`. */
function jsonRecords(doc: unknown): unknown[] {
  const data = child(doc, 'data');
  const items = data !== undefined ? arr(data) : arr(doc);
  return items.map((i) => child(i, 'attributes') ?? i);
}

export const dataciteReader: Reader = {
  format: 'datacite',
  detect,
  async *read(input: Readable, _ctx: ReaderContext): AsyncIterable<ReadItem> {
    const { text: raw, invalidUtf8At } = await readAllText(input);
    let records: unknown[];
    let schemaVersion: string | undefined;
    try {
      if (raw.trimStart().startsWith('<')) {
        schemaVersion = KERNEL_NS.exec(raw)?.[1];
        if (!schemaVersion) throw new Error('no DataCite kernel namespace (http://datacite.org/schema/kernel-N)');
        records = resources(parseXml(raw));
        if (!records.length) throw new Error('no <resource> element');
      } else {
        records = jsonRecords(JSON.parse(raw));
      }
    } catch (e) {
      const what = e instanceof SyntaxError ? `invalid JSON: ${e.message}` : (e as Error).message;
      yield { failure: { index: 1, reason: `DataCite record unreadable: ${what}` } };
      return;
    }
    let index = 0;
    for (const r of records) {
      index++;
      const data = normaliseDatacite(r, schemaVersion);
      const problems = dataciteProblems(r, data);
      // Bytes that are not UTF-8 were read as U+FFFD: a record holding one is refused, not stored garbled.
      if (invalidUtf8At >= 0 && !problems.length && JSON.stringify(r).includes('\ufffd'))
        problems.push(`holds bytes that are not valid UTF-8 (the file's first one at byte ${invalidUtf8At})`);
      if (problems.length) {
        yield { failure: { index, ...(data.doi ? { id: data.doi } : {}), reason: `DataCite record invalid: ${problems.join('; ')}` } };
        continue;
      }
      yield { record: { index, id: data.doi, kind: 'dataset', mapping: 'datacite', data } };
    }
  },
};
