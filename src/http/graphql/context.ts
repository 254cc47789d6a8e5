import { NS, PREFIXES } from '../../vocab.js';

/** Where the default context is published. */
export const CONTEXT_PATH = '/graphql/context.jsonld';

const iri = { '@type': '@id' } as const;

/**
 * Short names GraphQL-LD queries use for the library ontology's main terms
 * (docs/ontology.md, ontology/libkg.ttl).
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
  // Catalog records (docs/ontology.md)
  genre: { '@id': NS.dct('type'), ...iri },
  extent: NS.dct('extent'),
  edition: NS.bibo('edition'),
  volume: NS.bibo('volume'),
  tableOfContents: NS.dct('tableOfContents'),
  note: NS.skos('note'),
  page: { '@id': NS.foaf('page'), ...iri },
  mainTitle: NS.bf('mainTitle'),
  subtitle: NS.bf('subtitle'),
  responsibilityStatement: NS.bf('responsibilityStatement'),
  placeOfPublication: NS.libkg('placeOfPublication'),
  isbn10: NS.bibo('isbn10'),
  isbn13: NS.bibo('isbn13'),
  lccn: NS.bibo('lccn'),
  oclcnum: NS.bibo('oclcnum'),
  references: { '@id': NS.dct('references'), ...iri },
  isReferencedBy: { '@id': NS.dct('isReferencedBy'), ...iri },
  isVersionOf: { '@id': NS.dct('isVersionOf'), ...iri },
  relation: { '@id': NS.dct('relation'), ...iri },
  // Persons and organisations
  birthDate: NS.schema('birthDate'),
  deathDate: NS.schema('deathDate'),
  affiliation: { '@id': NS.schema('affiliation'), ...iri },
  knowsAbout: NS.schema('knowsAbout'),
  location: NS.schema('location'),
  subOrganizationOf: { '@id': NS.org('subOrganizationOf'), ...iri },
  orcid: NS.libkg('orcid'),
  isni: NS.libkg('isni'),
  viaf: NS.libkg('viaf'),
  gnd: NS.libkg('gnd'),
  ror: NS.libkg('ror'),
  // Patents
  family: { '@id': NS.libkg('family'), ...iri },
  familyId: NS.libkg('familyId'),
  publicationNumber: NS.libkg('publicationNumber'),
  countryCode: NS.libkg('countryCode'),
  kindCode: NS.libkg('kindCode'),
  docNumber: NS.libkg('docNumber'),
  applicationNumber: NS.libkg('applicationNumber'),
  filingDate: NS.libkg('filingDate'),
  priorityClaim: { '@id': NS.libkg('priorityClaim'), ...iri },
  priorityDate: NS.libkg('priorityDate'),
  cpc: { '@id': NS.libkg('cpc'), ...iri },
  ipc: { '@id': NS.libkg('ipc'), ...iri },
  classificationSymbol: NS.libkg('classificationSymbol'),
  inventor: { '@id': NS.libkg('inventor'), ...iri },
  applicant: { '@id': NS.libkg('applicant'), ...iri },
  assignee: { '@id': NS.libkg('assignee'), ...iri },
  // Datasets
  landingPage: { '@id': NS.dcat('landingPage'), ...iri },
  mediaType: NS.dcat('mediaType'),
  byteSize: NS.dcat('byteSize'),
  version: NS.dcat('version'),
  accessRights: NS.dct('accessRights'),
  // Concepts
  hiddenLabel: NS.skos('hiddenLabel'),
  notation: NS.skos('notation'),
  narrower: { '@id': NS.skos('narrower'), ...iri },
  related: { '@id': NS.skos('related'), ...iri },
  exactMatch: { '@id': NS.skos('exactMatch'), ...iri },
  closeMatch: { '@id': NS.skos('closeMatch'), ...iri },
  // Usage statistics (aggregates)
  usageOf: { '@id': NS.libkg('usageOf'), ...iri },
  usage: { '@reverse': NS.libkg('usageOf') },
  metricType: NS.libkg('metricType'),
  period: NS.libkg('period'),
  periodStart: NS.libkg('periodStart'),
  periodEnd: NS.libkg('periodEnd'),
  count: NS.libkg('count'),
  platform: NS.libkg('platform'),
  reportType: NS.libkg('reportType'),
  accessType: NS.libkg('accessType'),
  accessMethod: NS.libkg('accessMethod'),
  // Record provenance
  mapping: NS.libkg('mapping'),
  mappingVersion: NS.libkg('mappingVersion'),
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
  ConceptScheme: NS.skos('ConceptScheme'),
  Series: NS.bibo('Series'),
  Map: NS.bibo('Map'),
  Manuscript: NS.bibo('Manuscript'),
  AudioDocument: NS.bibo('AudioDocument'),
  AudioVisualDocument: NS.bibo('AudioVisualDocument'),
  Distribution: NS.dcat('Distribution'),
  SoftwareSourceCode: NS.schema('SoftwareSourceCode'),
  PatentFamily: NS.libkg('PatentFamily'),
  PriorityClaim: NS.libkg('PriorityClaim'),
  UsageStatistic: NS.libkg('UsageStatistic'),
  Meeting: NS.bf('Meeting'),
};

/** The JSON-LD context GraphQL-LD queries get when they bring none. */
export const DEFAULT_CONTEXT: Record<string, unknown> = { ...PREFIXES, ...TERMS };

/** The published document at CONTEXT_PATH. */
export const contextDocument = (): { '@context': Record<string, unknown> } => ({ '@context': DEFAULT_CONTEXT });
