/** The parsed, validated form of a link spec (mappings/links/*.yaml; docs/link-spec-format.md). */

/** Which entities a side holds: members of a class, or the ?e bindings of a SPARQL pattern; optionally only in graphs under a prefix. */
export type Selection = { class: string; graph?: string } | { sparql: string; graph?: string };

export interface ValueSpec {
  /** SPARQL property path, CURIEs expanded against the spec's prefixes. */
  path: string;
  transforms: string[];
  list: boolean;
}

export type BlockingMethod = 'tokens' | 'qgrams' | 'sorted-neighbourhood' | 'identifier';

export interface BlockingKey {
  value: string;
  method: BlockingMethod;
  /** qgrams: gram length. */
  q: number;
  /** sorted-neighbourhood: entities on each side of one in key order. */
  window: number;
  /** tokens, qgrams, identifier: a key shared by more entities than this is too common to block on and is skipped. */
  maxBlock: number;
  /** tokens, qgrams: the entity's keys rarest in the run are used, at most this many (0 = all). */
  rarest: number;
}

export interface Comparison {
  /** Evidence key of this comparison (the `name` given, else `value.using` or the evidence name). */
  name: string;
  /** The value compared; for graph evidence, the value holding the neighbour sets linkgraph supplies. */
  value: string;
  using: string;
  weight: number;
  /** Inner string comparator of monge-elkan and soft-tfidf. */
  inner: string;
  /** soft-tfidf: inner similarity above which two tokens count as the same. */
  threshold: number;
  /** year-distance, number-distance: the distance at which the score reaches 0. */
  max: number;
  /** Score for a pair where one side has no value; undefined leaves the comparison out of the aggregate. */
  missing: number | undefined;
}

export type Condition = { key: string; op: '>=' | '>' | '<=' | '<' | '='; value: number };
export type AggregateFn = 'weighted-mean' | 'min' | 'max';
/** A decision tree: a leaf is a fixed score or one of the aggregate functions. */
/** (YAML `if`/`then`/`else`; renamed here so that a node is never mistaken for a promise.) */
export type RuleNode = number | AggregateFn | { when: Condition; yes: RuleNode; no: RuleNode };
export type Aggregate = AggregateFn | { tree: RuleNode };

/** Which pairs survive after scoring: all, or per entity only those close to its best (never a hard 1:1). */
/** `twins`: two entities of one side scoring at least this with each other both keep their link (best.ts). */
export type BestFilter = { mode: 'all' } | { mode: 'best'; margin: number; twins?: number };

/**
 * Which pairs a deduplication run (`target: same`) compares: all, or only pairs whose entities
 * stand in different graph groups (the path segment after the selection's `graph` prefix, e.g.
 * one table each), so two tables are linked without naming them.
 */
export type PairsMode = 'all' | 'across-graphs';

export interface LinkSpec {
  id: string;
  version: number;
  label: string;
  file: string;
  prefixes: Record<string, string>;
  source: Selection;
  target: Selection | 'same';
  /** Absent: all. */
  pairs?: PairsMode;
  values: Record<string, ValueSpec>;
  blocking: BlockingKey[];
  compare: Comparison[];
  aggregate: Aggregate;
  accept: number;
  review: number;
  best: BestFilter;
  /** Link predicate IRI. */
  link: string;
}
