/**
 * marcxml for catalog records. Records imported with their source MARC kept
 * (the pipeline keeps it) are written as read: `writeOriginalMarcXml`. For the
 * others (e.g. catalog graphs written through SPARQL or the Graph Store) it is
 * rebuilt from the RDF. The rebuild is lossy: it
 * carries the fields the marc21 mapping reads (docs/ontology.md, catalog
 * table) back to their tags; indicators the RDF does not record are blank,
 * and the leader is synthesized from the record's class.
 */
import type * as RDF from '@rdfjs/types';
import { NS } from '../../../vocab.js';
import type { XmlWriter } from '../protocol/xml-writer.js';
import type { RecordView } from './record-view.js';

export const MARCXML = {
  prefix: 'marcxml',
  schema: 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd',
  namespace: 'http://www.loc.gov/MARC21/slim',
} as const;

type Subfields = [code: string, value: string][];

/** Leader/06-07 from the record's class (the inverse of the mapping's choice). */
function leaderTypes(types: readonly string[]): string {
  if (types.includes(NS.bibo('Periodical'))) return 'as';
  if (types.includes(NS.bibo('Map'))) return 'em';
  if (types.includes(NS.bf('NotatedMusic'))) return 'cm';
  if (types.includes(NS.bibo('AudioDocument'))) return 'jm';
  if (types.includes(NS.bibo('AudioVisualDocument'))) return 'gm';
  if (types.includes(NS.bibo('Manuscript'))) return 'tm';
  return 'am';
}

export function writeMarcXml(x: XmlWriter, view: RecordView): void {
  const m = view.main;
  const lits = (p: string) => view.values(m, p).map((t) => t.value);
  const labels = (p: string) => view.values(m, p).map((t) => view.label(t));
  const types = lits(NS.rdf('type'));
  x.open('marc:record', {
    'xmlns:marc': MARCXML.namespace,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${MARCXML.namespace} ${MARCXML.schema}`,
  });
  // Record length and base address are left as zeros: they describe ISO 2709 files, not MARCXML.
  x.leaf('marc:leader', `00000n${leaderTypes(types)} a2200000 i 4500`);
  const control = (tag: string, value: string | undefined) => {
    if (value) x.leaf('marc:controlfield', value, { tag });
  };
  const data = (tag: string, subfields: Subfields, ind1 = ' ', ind2 = ' ') => {
    const present = subfields.filter(([, v]) => v !== '');
    if (!present.length) return;
    x.open('marc:datafield', { tag, ind1, ind2 });
    for (const [code, value] of present) x.leaf('marc:subfield', value, { code });
    x.close();
  };
  const ids = lits(NS.dct('identifier'));
  control('001', ids[0]);
  for (const v of lits(NS.bibo('lccn'))) data('010', [['a', v]]);
  for (const v of [...lits(NS.bibo('isbn13')), ...lits(NS.bibo('isbn10'))]) data('020', [['a', v]]);
  for (const v of lits(NS.bibo('issn'))) data('022', [['a', v]]);
  for (const v of lits(NS.bibo('doi')))
    data(
      '024',
      [
        ['a', v],
        ['2', 'doi'],
      ],
      '7',
    );
  for (const v of [...ids.slice(1), ...lits(NS.bibo('oclcnum')).map((n) => `(OCoLC)${n}`)]) data('035', [['a', v]]);
  for (const lang of lits(NS.dct('language'))) data('041', [['a', lang.slice(lang.lastIndexOf('/') + 1)]]);
  const creators = view.values(m, NS.dct('creator'));
  const [first, ...others] = creators;
  if (first) data('100', [['a', view.label(first)]], '1');
  const main = lits(NS.bf('mainTitle'))[0] ?? lits(NS.dct('title'))[0] ?? '';
  data(
    '245',
    [
      ['a', main],
      ['b', lits(NS.bf('subtitle'))[0] ?? ''],
      ['n', lits(NS.bf('partNumber'))[0] ?? ''],
      ['p', lits(NS.bf('partName'))[0] ?? ''],
      ['c', lits(NS.bf('responsibilityStatement'))[0] ?? ''],
    ],
    first ? '1' : '0',
    '0',
  );
  for (const v of lits(NS.dct('alternative'))) data('246', [['a', v]], '3', '3');
  for (const v of lits(NS.bibo('edition'))) data('250', [['a', v]]);
  data(
    '264',
    [
      ['a', lits(NS.libkg('placeOfPublication'))[0] ?? ''],
      ['b', labels(NS.dct('publisher'))[0] ?? ''],
      ['c', lits(NS.dct('issued'))[0] ?? ''],
    ],
    ' ',
    '1',
  );
  for (const v of lits(NS.dct('extent'))) data('300', [['a', v]]);
  for (const s of view.values(m, NS.dct('isPartOf')))
    data(
      '490',
      [
        ['a', view.label(s)],
        ['v', view.values(s.value, NS.bibo('volume'))[0]?.value ?? ''],
      ],
      '0',
    );
  for (const v of lits(NS.skos('note'))) data('500', [['a', v]]);
  for (const v of lits(NS.dct('tableOfContents'))) data('505', [['a', v]], '0');
  for (const v of lits(NS.dct('abstract'))) data('520', [['a', v]]);
  for (const s of view.values(m, NS.dct('subject')))
    data(
      '650',
      [
        ['a', view.label(s)],
        ['0', s.termType === 'NamedNode' ? s.value : ''],
      ],
      ' ',
      '4',
    );
  for (const s of view.values(m, NS.dct('type'))) data('655', [['a', view.label(s)]], ' ', '4');
  for (const c of [...others, ...view.values(m, NS.dct('contributor'))] as RDF.Term[]) data('700', [['a', view.label(c)]], '1');
  for (const v of lits(NS.foaf('page'))) data('856', [['u', v]], '4', '0');
  x.close();
}

/** A MARC record as the readers produce it (src/ingest/readers/marc-iso2709.ts, marcxml.ts). */
interface MarcRecord {
  leader: string;
  fields: ({ tag: string; value: string } | { tag: string; ind1: string; ind2: string; subfields: { code: string; value: string }[] })[];
}

/**
 * marcxml from the source record kept at import (the `originals` table, read by marcOriginal): the
 * record as it was read, every field, indicator and subfield, in Unicode (NFC).
 * Preferred over the rebuild from RDF whenever the import kept the original.
 */
export function writeOriginalMarcXml(x: XmlWriter, rec: MarcRecord): void {
  x.open('marc:record', {
    'xmlns:marc': MARCXML.namespace,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${MARCXML.namespace} ${MARCXML.schema}`,
  });
  // MARCXML carries Unicode: leader/09 says so.
  x.leaf('marc:leader', `${rec.leader.slice(0, 9)}a${rec.leader.slice(10)}`);
  for (const f of rec.fields) {
    if ('value' in f) x.leaf('marc:controlfield', f.value, { tag: f.tag });
    else {
      x.open('marc:datafield', { tag: f.tag, ind1: f.ind1 || ' ', ind2: f.ind2 || ' ' });
      for (const sf of f.subfields) x.leaf('marc:subfield', sf.value, { code: sf.code });
      x.close();
    }
  }
  x.close();
}
