/**
 * The search index port: derived data, rebuilt from the store's record graphs
 * at any time. Callers hand it what each record graph says about its entities
 * (`SearchDoc`s, see documents.ts) and ask it parsed queries (query.ts); how it
 * matches and ranks is the adapter's business (sqlite.ts: SQLite FTS5).
 */
import type { QueryNode } from './query.js';
import type { Correction, VocabularyWord } from './typos.js';

/** A literal with its language tag ('' when it has none). */
export interface LangText {
  value: string;
  lang: string;
}

/** Everything one record graph says about one entity, in the fields search knows. */
export interface SearchDoc {
  iri: string;
  /** rdf:type IRIs. */
  types: string[];
  /** Preferred labels, titles, names: ranked highest. */
  labels: LangText[];
  /** Alternative labels and titles, variant names. */
  altLabels: LangText[];
  /** Creators, contributors, inventors, applicants: name (the IRI when no name is known) and IRI. */
  contributors: { iri?: string; name: string }[];
  /** Subjects: label (or IRI) and IRI. */
  subjects: { iri?: string; label: string }[];
  /** ISBN, DOI, ORCID, GND, dct:identifier, owl:sameAs IRIs... */
  identifiers: string[];
  /** Abstracts, descriptions, notes, occupations. */
  text: LangText[];
  /** Languages of the resource (ISO 639-1 where known, else the code as given). */
  languages: string[];
  /** Years of publication / creation (or of birth for people: `dates`). */
  years: number[];
  /** Dates of life for people and organisations (reconciliation compares them). */
  dates: { birth?: string; death?: string };
}

export type FacetField = 'type' | 'lang' | 'year' | 'subject';

/** The year facet gives every year (in year order; the HTTP layer groups them into ranges), up to this many. */
export const YEAR_FACET_VALUES = 5000;

export interface SearchFilters {
  /** Any of these type IRIs. */
  types?: string[];
  /** Any of these languages. */
  langs?: string[];
  /** Inclusive year range. */
  yearFrom?: number;
  yearTo?: number;
  /** Any of these subject IRIs (or labels for subjects without IRI). */
  subjects?: string[];
  /** Only entities whose IRI starts with this (e.g. the base IRI's things). */
  iriPrefix?: string;
}

export type SortOrder = 'relevance' | 'label' | 'newest' | 'oldest';

export interface SearchRequest {
  /** The parsed query; undefined lists every entity. */
  query?: QueryNode;
  /** Default: relevance with a query, label (A-Z) without; years sort entities without one last. */
  sort?: SortOrder;
  filters?: SearchFilters;
  from: number;
  size: number;
  /** Facet fields to count (none when empty). */
  facets?: FacetField[];
  /** Values per facet (default 20, by count; the year facet gives every year, in year order). */
  facetSize?: number;
  /**
   * Entities the query names (a person or organisation whose label is the query text, concepts.ts):
   * ranked before every other match when they match.
   */
  named?: string[];
  /**
   * Subject IRIs the query means (concepts labelled with its text and their narrower concepts, concepts.ts):
   * entities with one of them as a subject match too, ranked after every text match.
   */
  concepts?: string[];
  /** Typo tolerance (typos.ts): words of 5+ letters also match indexed words an edit away, ranked below exact matches. Default on. */
  typos?: boolean;
}

export interface SearchHit {
  /** The merged document of every graph that describes the entity. */
  doc: SearchDoc;
  /** Higher is better; comparable within one answer only. */
  score: number;
}

export interface FacetValue {
  value: string;
  /** Display label (subjects). */
  label?: string;
  count: number;
}

export interface SearchAnswer {
  total: number;
  hits: SearchHit[];
  facets: Partial<Record<FacetField, FacetValue[]>>;
  /** Query words the index lacks (or nearly), each with the indexed word it most likely meant ("did you mean"). */
  corrections?: Correction[];
}

export interface SearchIndex {
  /** Replaces what `graph` said about its entities with `docs` (none: the graph is gone), and records `seq` as indexed. */
  applyGraph(graph: string, docs: SearchDoc[]): void;
  /**
   * One slice of replacing a large graph's documents, so no transaction holds the event loop long:
   * writes these documents of `graph` and merges their entities; the graph's other parts stay until
   * `endGraphParts`. After every slice and `endGraphParts`, the index holds what `applyGraph` would have.
   */
  putGraphParts(graph: string, docs: SearchDoc[]): void;
  /** Ends a replacement by `putGraphParts`: drops at most `max` of the graph's parts not in `keep`; false while some remain. */
  endGraphParts(graph: string, keep: ReadonlySet<string>, max: number): boolean;
  /** Marks every change up to `seq` as indexed. */
  setLastSeq(seq: number): void;
  /** The last change-log sequence this index reflects. */
  lastSeq(): number;
  /** Runs `fn` as one transaction (a batch of graphs is indexed together, or not at all). */
  batch<T>(fn: () => T): T;
  search(request: SearchRequest): SearchAnswer;
  /** Indexed words sharing the folded `word`'s first letter within `maxEdits` edits, the word itself included (typos.ts). */
  similarTerms(word: string, maxEdits: number): VocabularyWord[];
  /** Labels already known for these IRIs (subjects and contributors described in other graphs). */
  labelsOf(iris: string[]): Map<string, string>;
  /** The merged document of one entity. */
  get(iri: string): SearchDoc | undefined;
  /** The record graphs whose parts make up an entity. */
  graphsOf(iri: string): string[];
  /** Number of entities indexed. */
  count(): number;
  /** Forgets everything (before a rebuild). */
  clear(): void;
  close(): void;
}
