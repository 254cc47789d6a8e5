/**
 * oai_dc: unqualified Dublin Core from a record graph, following the
 * ontology's DC/schema terms (docs/ontology.md): titles, creators,
 * contributors, subjects, descriptions, publishers, dates, types,
 * identifiers, languages, rights.
 */
import type * as RDF from '@rdfjs/types';
import { NS } from '../../../vocab.js';
import type { XmlWriter } from '../protocol/xml-writer.js';
import type { RecordView } from './record-view.js';

export const OAI_DC = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
} as const;

type Element = 'title' | 'creator' | 'subject' | 'description' | 'publisher' | 'contributor' | 'date' | 'type' | 'identifier' | 'language' | 'rights';

/** DC element <- ontology properties of the main entity, in output order (the schema lets elements come in any order). */
const MAPPING: readonly [Element, readonly string[]][] = [
  ['title', [NS.dct('title'), NS.foaf('name'), NS.skos('prefLabel'), NS.dct('alternative')]],
  ['creator', [NS.dct('creator'), NS.libkg('inventor')]],
  ['contributor', [NS.dct('contributor'), NS.libkg('applicant')]],
  ['subject', [NS.dct('subject'), NS.dcat('keyword'), NS.libkg('cpc'), NS.libkg('ipc'), NS.schema('knowsAbout')]],
  ['description', [NS.dct('abstract'), NS.dct('description'), NS.dct('tableOfContents'), NS.skos('note'), NS.skos('definition')]],
  ['publisher', [NS.dct('publisher'), NS.libkg('assignee')]],
  [
    'date',
    [NS.dct('issued'), NS.dct('created'), NS.dct('modified'), NS.libkg('filingDate'), NS.libkg('period'), NS.schema('birthDate'), NS.schema('deathDate')],
  ],
  ['language', [NS.dct('language')]],
  ['rights', [NS.dct('license'), NS.dct('accessRights')]],
];

const IDENTIFIERS = [
  NS.dct('identifier'),
  NS.bibo('isbn13'),
  NS.bibo('isbn10'),
  NS.bibo('issn'),
  NS.bibo('lccn'),
  NS.bibo('oclcnum'),
  NS.libkg('publicationNumber'),
  NS.libkg('orcid'),
  NS.skos('notation'),
];

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

export function writeOaiDc(x: XmlWriter, view: RecordView): void {
  x.open('oai_dc:dc', {
    'xmlns:oai_dc': OAI_DC.namespace,
    'xmlns:dc': NS.dc(''),
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${OAI_DC.namespace} ${OAI_DC.schema}`,
  });
  const seen = new Set<string>();
  const emit = (element: Element, text: string, lang?: string) => {
    const key = `${element}\u0000${text}\u0000${lang ?? ''}`;
    // Inventors and applicants are also dct:contributor: a creator is not repeated as a contributor.
    if (text === '' || seen.has(key) || (element === 'contributor' && seen.has(`creator\u0000${text}\u0000${lang ?? ''}`))) return;
    seen.add(key);
    x.leaf(`dc:${element}`, text, { 'xml:lang': lang });
  };
  const main = view.main;
  for (const [element, predicates] of MAPPING) {
    for (const p of predicates) {
      for (const v of view.values(main, p)) {
        // Language IRIs (id.loc.gov) are written as their code, the way DC recommends (ISO 639).
        if (element === 'language' && v.termType === 'NamedNode') emit(element, localName(v.value));
        else emit(element, view.label(v), view.labelLang(v));
      }
    }
  }
  for (const t of view.values(main, NS.rdf('type'))) emit('type', localName(t.value));
  for (const t of view.values(main, NS.dct('type'))) emit('type', view.label(t), view.labelLang(t));
  if (main && view.mainIsIri) emit('identifier', main);
  for (const doi of view.values(main, NS.bibo('doi'))) emit('identifier', `https://doi.org/${doi.value}`);
  for (const p of IDENTIFIERS) for (const v of view.values(main, p) as RDF.Term[]) emit('identifier', v.value);
  x.close();
}
