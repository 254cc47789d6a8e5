import type * as RDF from '@rdfjs/types';
import { expandCurie, NS, PREFIXES } from '../../vocab.js';
import type { VocabIndex } from '../kit/vocabulary.js';

/**
 * Our terms to schema.org terms, for the JSON-LD search engines and discovery
 * layers read from entity pages. The ontology's own equivalences
 * (owl:equivalentClass/Property, rdfs:subPropertyOf schema:...) come first.
 */
const CLASSES: Record<string, string> = {
  'bibo:Document': 'CreativeWork',
  'bibo:Book': 'Book',
  'bibo:Thesis': 'Thesis',
  'bibo:Periodical': 'Periodical',
  'bibo:Map': 'Map',
  'bibo:AudioDocument': 'AudioObject',
  'bibo:AudioVisualDocument': 'VideoObject',
  'bibo:Manuscript': 'Manuscript',
  'bibo:Series': 'CreativeWorkSeries',
  'bibo:Patent': 'CreativeWork',
  'bf:NotatedMusic': 'MusicComposition',
  'foaf:Person': 'Person',
  'foaf:Organization': 'Organization',
  'org:Organization': 'Organization',
  'dcat:Dataset': 'Dataset',
  'skos:Concept': 'DefinedTerm',
  'skos:ConceptScheme': 'DefinedTermSet',
};

const PROPERTIES: Record<string, string> = {
  'dct:title': 'name',
  'rdfs:label': 'name',
  'foaf:name': 'name',
  'skos:prefLabel': 'name',
  'dct:alternative': 'alternateName',
  'skos:altLabel': 'alternateName',
  'dct:creator': 'author',
  'dct:contributor': 'contributor',
  'dct:publisher': 'publisher',
  'dct:issued': 'datePublished',
  'dct:subject': 'about',
  'dct:abstract': 'abstract',
  'dct:description': 'description',
  'dct:language': 'inLanguage',
  'dct:identifier': 'identifier',
  'dct:license': 'license',
  'dct:isPartOf': 'isPartOf',
  'bibo:doi': 'identifier',
  'bibo:isbn10': 'isbn',
  'bibo:isbn13': 'isbn',
  'bibo:issn': 'issn',
  'bibo:edition': 'bookEdition',
  'owl:sameAs': 'sameAs',
  'skos:exactMatch': 'sameAs',
  'foaf:page': 'url',
  'cito:cites': 'citation',
  'foaf:givenName': 'givenName',
  'foaf:familyName': 'familyName',
  'dcat:keyword': 'keywords',
  'skos:notation': 'termCode',
  'skos:inScheme': 'inDefinedTermSet',
};

const expandKeys = (m: Record<string, string>) => new Map(Object.entries(m).map(([k, v]) => [expandCurie(k), v]));
const CLASS_MAP = expandKeys(CLASSES);
const PROPERTY_MAP = expandKeys(PROPERTIES);

function schemaName(iri: string, table: Map<string, string>, vocab: VocabIndex): string | undefined {
  if (iri.startsWith(PREFIXES.schema)) return iri.slice(PREFIXES.schema.length);
  return vocab.schemaTerm(iri) ?? table.get(iri);
}

/** The schema.org JSON-LD object for an entity, from its description; neighbours appear with their names. */
export function schemaOrgJsonld(thing: string, quads: RDF.Quad[], labelOf: (iri: string) => string | undefined, vocab: VocabIndex): Record<string, unknown> {
  const out: Record<string, unknown> = { '@context': 'https://schema.org/', '@id': thing };
  const types = new Set<string>();
  const add = (key: string, v: unknown) => {
    const cur = out[key];
    if (cur === undefined) out[key] = v;
    else if (Array.isArray(cur)) {
      if (!cur.some((c) => JSON.stringify(c) === JSON.stringify(v))) cur.push(v);
    } else if (JSON.stringify(cur) !== JSON.stringify(v)) out[key] = [cur, v];
  };
  for (const q of quads) {
    if (q.subject.value !== thing) continue;
    if (q.predicate.value === NS.rdf('type')) {
      const t = schemaName(q.object.value, CLASS_MAP, vocab);
      if (t) types.add(t);
      continue;
    }
    const key = schemaName(q.predicate.value, PROPERTY_MAP, vocab);
    if (!key) continue;
    if (q.object.termType === 'Literal') add(key, q.object.language ? { '@value': q.object.value, '@language': q.object.language } : q.object.value);
    else if (q.object.termType === 'NamedNode') {
      const name = labelOf(q.object.value);
      add(key, key === 'sameAs' || key === 'url' ? q.object.value : name ? { '@id': q.object.value, name } : { '@id': q.object.value });
    }
  }
  out['@type'] = types.size ? [...types] : 'Thing';
  return out;
}
