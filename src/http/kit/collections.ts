import { expandCurie, NS } from '../../vocab.js';
import { isSafeIri } from './iri.js';

/** Named lists of the JSON-LD API and the class each lists (none: every entity). */
export const COLLECTIONS: Record<string, { title: string; class?: string }> = {
  works: { title: 'Works', class: NS.bibo('Document') },
  people: { title: 'People', class: NS.foaf('Person') },
  organisations: { title: 'Organisations', class: NS.foaf('Organization') },
  patents: { title: 'Patents', class: NS.bibo('Patent') },
  datasets: { title: 'Datasets', class: NS.dcat('Dataset') },
  concepts: { title: 'Concepts', class: NS.skos('Concept') },
  things: { title: 'All entities' },
};

/** Query parameters that filter a list, each by one property with an IRI value. */
export const FILTERS: Record<string, string> = {
  creator: NS.dct('creator'),
  contributor: NS.dct('contributor'),
  subject: NS.dct('subject'),
  publisher: NS.dct('publisher'),
  language: NS.dct('language'),
  isPartOf: NS.dct('isPartOf'),
  cites: NS.cito('cites'),
  inScheme: NS.skos('inScheme'),
};

/** A filter value as an absolute IRI: a CURIE of src/vocab.ts or an IRI; undefined when it is neither or unsafe. */
export function filterIri(value: string): string | undefined {
  let iri: string;
  try {
    iri = expandCurie(value.trim());
  } catch {
    return undefined;
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(iri) && isSafeIri(iri) ? iri : undefined;
}
