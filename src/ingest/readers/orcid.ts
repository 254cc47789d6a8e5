/**
 * ORCID public records (API v3.0, JSON or XML) as `author` records for the
 * `orcid` mapping. A file holds one record, one record section, or a bulk list
 * of works; its data is normalised by `normaliseOrcid` so the mapping sees one
 * shape whatever the serialisation.
 */
import type { Readable } from 'node:stream';
import type { Reader, ReaderContext, ReadItem } from '../types.js';
import { detectBySigns, orcidChecksumOk, parseXml, readAllText } from './orcid-datacite-common.js';
import { normaliseOrcid, type OrcidPerson } from './orcid-record.js';

const ORCID_NS = 'http://www.orcid.org/ns/';
const JSON_SIGNS = /"(orcid-identifier|activities-summary|external-id-type|put-code|affiliation-group)"/;

const detect = detectBySigns({ xml: (start) => start.includes(ORCID_NS), json: JSON_SIGNS });

/** The XML root element's local name and content. */
function xmlRoot(tree: Record<string, unknown>): [string, unknown] | undefined {
  const name = Object.keys(tree).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  return name ? [name, tree[name]] : undefined;
}

export const orcidReader: Reader = {
  format: 'orcid',
  detect,
  async *read(input: Readable, ctx: ReaderContext): AsyncIterable<ReadItem> {
    const { text: raw, invalidUtf8At } = await readAllText(input);
    // Bytes that are not UTF-8 were read as U+FFFD: what holds one is refused, not stored garbled.
    const garbled = (v: unknown) => invalidUtf8At >= 0 && JSON.stringify(v).includes('\ufffd');
    const notUtf8 = `holds bytes that are not valid UTF-8 (the file's first one at byte ${invalidUtf8At})`;
    let person: OrcidPerson;
    try {
      if (raw.trimStart().startsWith('<')) {
        const root = xmlRoot(parseXml(raw));
        if (!root) throw new Error('empty XML document');
        if (!raw.includes(ORCID_NS)) throw new Error(`root element <${root[0]}> is not in an ORCID namespace`);
        person = normaliseOrcid(root[1], root[0]);
      } else {
        person = normaliseOrcid(JSON.parse(raw));
      }
    } catch (e) {
      yield { failure: { index: 1, reason: `ORCID record unreadable: ${(e as Error).message}` } };
      return;
    }
    if (person.orcid && !orcidChecksumOk(person.orcid)) {
      yield { failure: { index: 1, id: person.orcid, reason: `ORCID iD ${person.orcid} fails its check digit` } };
      return;
    }
    // A record with neither an owner nor works says nothing libkg can link.
    if (!person.orcid && person.works.length === 0) {
      yield { failure: { index: 1, reason: 'ORCID record names no ORCID iD and no works' } };
      return;
    }
    if (person.orcid && garbled(person)) {
      yield { failure: { index: 1, id: person.orcid, reason: `ORCID record ${notUtf8}` } };
      return;
    }
    if (person.orcid) {
      yield { record: { index: 1, id: person.orcid, kind: 'author', mapping: 'orcid', data: person } };
      return;
    }
    // Works without an owner (bulk files, a lone work): one record per work, keyed by its DOI.
    let index = 0;
    for (const work of person.works) {
      index++;
      const id = work.doi ?? work.key ?? `${ctx.fileName}#${index}`;
      if (garbled(work)) {
        yield { failure: { index, id, reason: `ORCID work ${notUtf8}` } };
        continue;
      }
      yield { record: { index, id, kind: 'author', mapping: 'orcid', data: { ...person, works: [work] } satisfies OrcidPerson } };
    }
  },
};
