import { NS, PREFIXES } from '../../vocab.js';

/** Where the default context is published. */
export const CONTEXT_PATH = '/graphql/context.jsonld';

const iri = { '@type': '@id' } as const;

/**
 * Short names GraphQL-LD queries use for the library ontology's main terms.
 * GraphQL field names cannot hold ':', so every property and class a query
 * needs gets a plain name here; prefixes are included for users' own contexts.
 */
const TERMS: Record<string, string | Record<string, string>> = {
  // Descriptive properties
  type: NS.rdf('type'),
  label: NS.rdfs('label'),
  title: NS.dct('title'),
  alternative: NS.dct('alternative'),
  description: NS.dct('description'),
  abstract: NS.dct('abstract'),
  issued: NS.dct('issued'),
  date: NS.dct('date'),
  created: NS.dct('created'),
  modified: NS.dct('modified'),
  identifier: NS.dct('identifier'),
  language: { '@id': NS.dct('language'), ...iri },
  subject: { '@id': NS.dct('subject'), ...iri },
  publisher: { '@id': NS.dct('publisher'), ...iri },
  creator: { '@id': NS.dct('creator'), ...iri },
  contributor: { '@id': NS.dct('contributor'), ...iri },
  isPartOf: { '@id': NS.dct('isPartOf'), ...iri },
  hasPart: { '@id': NS.dct('hasPart'), ...iri },
  license: { '@id': NS.dct('license'), ...iri },
  sameAs: { '@id': NS.owl('sameAs'), ...iri },
  seeAlso: { '@id': NS.rdfs('seeAlso'), ...iri },
  // Works by their creator: the reverse of dct:creator
  works: { '@reverse': NS.dct('creator') },
  // Citations (CiTO)
  cites: { '@id': NS.cito('cites'), ...iri },
  citedBy: { '@reverse': NS.cito('cites') },
  // Identifiers (BIBO)
  isbn: NS.bibo('isbn'),
  issn: NS.bibo('issn'),
  doi: NS.bibo('doi'),
  // Agents
  name: NS.foaf('name'),
  givenName: NS.foaf('givenName'),
  familyName: NS.foaf('familyName'),
  homepage: { '@id': NS.foaf('homepage'), ...iri },
  memberOf: { '@id': NS.org('memberOf'), ...iri },
  // Concepts
  prefLabel: NS.skos('prefLabel'),
  altLabel: NS.skos('altLabel'),
  broader: { '@id': NS.skos('broader'), ...iri },
  inScheme: { '@id': NS.skos('inScheme'), ...iri },
  // Datasets
  distribution: { '@id': NS.dcat('distribution'), ...iri },
  downloadURL: { '@id': NS.dcat('downloadURL'), ...iri },
  keyword: NS.dcat('keyword'),
  // Provenance
  wasDerivedFrom: { '@id': NS.prov('wasDerivedFrom'), ...iri },
  // Classes, for `type(_: Book)`
  Document: NS.bibo('Document'),
  Book: NS.bibo('Book'),
  Article: NS.bibo('Article'),
  AcademicArticle: NS.bibo('AcademicArticle'),
  Thesis: NS.bibo('Thesis'),
  Patent: NS.bibo('Patent'),
  Periodical: NS.bibo('Periodical'),
  Journal: NS.bibo('Journal'),
  Proceedings: NS.bibo('Proceedings'),
  Work: NS.fabio('Work'),
  Dataset: NS.dcat('Dataset'),
  Person: NS.foaf('Person'),
  Agent: NS.foaf('Agent'),
  Organization: NS.foaf('Organization'),
  Concept: NS.skos('Concept'),
};

/** The JSON-LD context GraphQL-LD queries get when they bring none. */
export const DEFAULT_CONTEXT: Record<string, unknown> = { ...PREFIXES, ...TERMS };

/** The published document at CONTEXT_PATH. */
export const contextDocument = (): { '@context': Record<string, unknown> } => ({ '@context': DEFAULT_CONTEXT });
