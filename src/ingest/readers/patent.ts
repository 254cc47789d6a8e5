import type { Readable } from 'node:stream';
import type { Reader, ReadItem } from '../types.js';
import { EP_ROOTS, readEp } from './patent-ep.js';
import type { PatentData } from './patent-model.js';
import { ICE_ROOTS, readIce } from './patent-uspto-ice.js';
import { PAP_ROOTS, readPap } from './patent-uspto-pap.js';
import { readSt32, ST32_ROOTS } from './patent-uspto-st32.js';
import { first, textAt, type XNode, xmlDocuments } from './patent-xml.js';

/** Each patent XML format, by its root element. */
const BY_ROOT = new Map<string, (root: XNode) => PatentData>([
  ...ICE_ROOTS.map((r) => [r, readIce] as const),
  ...PAP_ROOTS.map((r) => [r, readPap] as const),
  ...ST32_ROOTS.map((r) => [r, readSt32] as const),
  ...EP_ROOTS.map((r) => [r, readEp] as const),
]);

const ROOT_NAMES = [...BY_ROOT.keys()].join('|');
/** The DOCTYPE or the root start tag names a patent format (the head may end inside a long DOCTYPE). */
const SIGNATURE = new RegExp(`<!DOCTYPE\\s+(${ROOT_NAMES})[\\s>\\[]|<(${ROOT_NAMES})[\\s>]`);

/** Best-effort number of a document that could not be read, for the failure message. */
function idOfBroken(root: XNode | undefined): string | undefined {
  if (!root) return undefined;
  try {
    const data = BY_ROOT.get(root.name)?.(root);
    if (data) return data.key;
  } catch {
    // fall through to a looser look-up
  }
  return textAt(first(root, 'us-bibliographic-data-grant') ?? first(root, 'us-bibliographic-data-application'), 'publication-reference/document-id/doc-number');
}

/**
 * USPTO and EPO patent XML: ICE grants and applications (v4.0-v4.5), 2001-2004
 * pre-grant publications, ST.32 (SGML-derived) grants, weekly bulk files that
 * concatenate many documents, and EPO publication-server documents. One
 * SourceRecord per document, with `data` in the PatentData shape.
 */
export const patentReader: Reader = {
  format: 'patent-xml',
  detect: (fileName, head) => /\.xml(\.gz)?$/i.test(fileName) && SIGNATURE.test(head.toString('utf8')),
  async *read(input: Readable): AsyncIterable<ReadItem> {
    for await (const doc of xmlDocuments(input)) {
      if (doc.error || !doc.root) {
        const id = idOfBroken(doc.root);
        yield { failure: { index: doc.index, ...(id ? { id } : {}), reason: `malformed XML: ${doc.error ?? 'empty document'}` } };
        continue;
      }
      const extract = BY_ROOT.get(doc.root.name);
      if (!extract) {
        yield { failure: { index: doc.index, reason: `not a patent document: root element <${doc.root.name}>` } };
        continue;
      }
      try {
        const data = extract(doc.root);
        yield { record: { index: doc.index, id: data.key, kind: 'patent', mapping: 'patent', data } };
      } catch (e) {
        const id = idOfBroken(doc.root);
        yield { failure: { index: doc.index, ...(id ? { id } : {}), reason: (e as Error).message } };
      }
    }
  },
};
