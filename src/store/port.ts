import type { Writable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import type { EngineFormat } from '../rdf/media-types.js';
import type { ParsedQuery, QueryForm } from './parsed-query.js';

/** Media types the store can serialize query results to (src/rdf/media-types.ts). */
export type ResultFormat = EngineFormat;

export type { QueryForm } from './parsed-query.js';

export interface QueryOptions {
  /** Result serialization; defaults to SPARQL JSON for SELECT/ASK and N-Triples for graphs. */
  format?: ResultFormat;
  /** Dataset from the protocol's default-graph-uri / named-graph-uri. Absent: the union of all graphs is the default graph. */
  defaultGraphs?: string[];
  namedGraphs?: string[];
  baseIri?: string;
  timeoutMs?: number;
  /** Return the result as UTF-8 `bytes` (moved from the engine thread without a copy) instead of `body`. */
  asBytes?: boolean;
  /**
   * With `asBytes`: a result larger than this many bytes comes as `chunks` instead, read from the
   * engine piece by piece, so the caller never holds it whole.
   */
  streamAbove?: number;
  /** The request's parse of this very text (parsed-query.ts): the store does not parse it again. */
  parsed?: ParsedQuery;
}

export interface QueryResult {
  form: QueryForm;
  mediaType: ResultFormat;
  /** The serialized result ('' when `asBytes` was asked for). */
  body: string;
  bytes?: Uint8Array;
  /** A large result (see `streamAbove`): read it once, to the end or until `release`. */
  chunks?: AsyncIterable<Uint8Array>;
  /** Its size in bytes. */
  size?: number;
  /** Frees a streamed result that will not be read (to the end). */
  release?: () => void;
}

export interface UpdateOptions {
  usingGraphs?: string[];
  usingNamedGraphs?: string[];
  baseIri?: string;
  timeoutMs?: number;
}

export interface WriteResult {
  /** Graph IRIs whose content changed ('' is the default graph). */
  written: string[];
  unchanged: string[];
  /** Change-log sequence number of the last change this write made (0 if none). */
  seq: number;
  added?: number;
  removed?: number;
}

export interface GraphInfo {
  iri: string;
  quads: number;
  createdAt: string;
  updatedAt: string;
  /** Set when the graph was deleted: a tombstone. */
  deletedAt?: string;
  lastSeq: number;
  source?: string;
}

export interface ChangeEntry {
  seq: number;
  graph: string;
  op: 'put' | 'update' | 'delete' | string;
  ts: string;
  added: number;
  removed: number;
}

export interface StoreStats {
  quads: number;
  budget: number;
  graphs: number;
  lastSeq: number;
  /** Query engines: state, quads loaded at their rebuild, requests in flight. */
  engines: { id: number; state: string; rebuiltFrom?: number; pending?: number }[];
  /** Engines the pool keeps, and its replacements, traps and timeouts since the start (embedded engines only). */
  enginePool?: { size: number; restarts: number; traps: number; timeouts: number };
  /** Graphs of the journal the engines left out because they do not load (`libkg check`, `libkg repair`). */
  quarantined?: { graph: string; reason: string }[];
}

/** Writes inside `QuadStore.bulk`: applied at once, published at commit. */
export interface BulkWriter {
  putGraphs(puts: GraphPut[]): WriteResult;
  addToGraph(graph: string, quads: RDF.Quad[], bnodeScope?: string): WriteResult;
}

export interface GraphPut {
  /** Graph IRI; '' addresses the default graph. */
  graph: string;
  quads: RDF.Quad[];
  source?: string;
  /** The source record the graph was mapped from (e.g. `marc21` + the MARC record as JSON), kept for faithful re-export. */
  original?: { format: string; body: string };
  /**
   * The quads are distinct triples in an order that is the same each time the same content is
   * written (a mapping's output): the store keeps that order instead of sorting and deduplicating
   * (≈ 11 µs of ≈ 200 a MARC record). Leave it unset for anything else.
   */
  distinct?: boolean;
}

export interface GetGraphOptions {
  /** Parse this many stored lines at a time, yielding to the event loop in between (a large graph read on a server). */
  sliceLines?: number;
}

/** A write token as the data dir keeps it: a label and when it was made (the token itself only as a hash). */
export interface TokenInfo {
  id: number;
  name: string;
  createdAt: string;
}

/** The write tokens of a data dir (`libkg token`); the server reads the hashes on every request, so changes apply at once. */
export interface TokenRegistry {
  /** Keeps a token's hash (hex SHA-256) under a label. */
  add(name: string, hash: string): TokenInfo;
  list(): TokenInfo[];
  /** Removes the token with this id, or every token with this label; how many were removed. */
  revoke(which: { id: number } | { name: string }): number;
  hashes(): string[];
  /** The label of the token with this hash (hex SHA-256), if it is a stored one. */
  nameOf(hash: string): string | undefined;
}

/** A reviewer's decision on a pair a link spec found (or may find): kept across re-runs and re-imports. */
export interface LinkDecision {
  spec: string;
  source: string;
  target: string;
  decision: 'accept' | 'reject';
  /** The write token's label, when the token is a stored one. */
  by?: string;
  /** ISO 8601. */
  at: string;
  /** The two entities' record ids (dct:identifier), for the truth export. */
  sourceId?: string;
  targetId?: string;
  /** Score and comparator evidence when decided, so an accepted pair a re-run does not find still carries them. */
  score?: number;
  evidence?: Record<string, number>;
}

/** Review decisions per link spec (`POST /links/decisions`), keyed by the unordered pair of entity IRIs. */
export interface LinkDecisionRegistry {
  /** Records (or replaces) the decision on a pair. */
  put(decision: Omit<LinkDecision, 'at'> & { at?: string }): LinkDecision;
  get(spec: string, source: string, target: string): LinkDecision | undefined;
  /** Forgets the decision on a pair (undo); whether there was one. */
  remove(spec: string, source: string, target: string): boolean;
  /** A spec's decisions, oldest first. */
  list(spec: string): LinkDecision[];
}

/** A graph of the journal that a query engine cannot load (`libkg check`, `libkg repair`). */
export interface BadGraph {
  graph: string;
  reason: string;
  /** The graph's stored lines ("s p o", no graph, no dot), for the operator's copy. */
  lines: string[];
}

/**
 * The store every caller uses: HTTP surfaces, importers, CLI. Graph IRIs are
 * plain strings ('' = the default graph); quads are RDF/JS.
 * Queries that name no dataset see the union of all graphs.
 */
export interface QuadStore {
  /** Replaces each graph's content atomically (all or nothing); unchanged graphs are no-ops. */
  putGraphs(puts: GraphPut[]): Promise<WriteResult>;
  /**
   * Adds quads to a graph (Graph Store POST). Blank nodes are new nodes unless
   * `bnodeScope` names the scope of an earlier put (chunks of one imported file).
   */
  addToGraph(graph: string, quads: RDF.Quad[], bnodeScope?: string): Promise<WriteResult>;
  /**
   * Runs many writes as one: all of them become visible and durable together,
   * or none does when `fn` throws (a file import that meets a syntax error).
   */
  bulk<T>(fn: (w: BulkWriter) => Promise<T>): Promise<T>;
  /** Deletes graphs, leaving tombstones. */
  deleteGraphs(graphs: string[]): Promise<WriteResult>;
  getGraph(graph: string, options?: GetGraphOptions): Promise<RDF.Quad[]>;
  graphInfo(graph: string): GraphInfo | undefined;
  /** A record graph's content right after change `seq` (triples), or undefined when that change left none (a delete, the default graph). */
  version(seq: number): RDF.Quad[] | undefined;
  /** The source record a graph was mapped from, when its import kept one. */
  original(graph: string): { format: string; body: string } | undefined;
  listGraphs(): GraphInfo[];
  /** Deleted graphs (tombstones) that held triples about `subject` (an IRI); linked data answers 410 Gone with them. */
  deletedGraphsWith(subject: string): GraphInfo[];
  query(sparql: string, options?: QueryOptions): Promise<QueryResult>;
  update(sparql: string, options?: UpdateOptions): Promise<WriteResult>;
  match(subject?: RDF.Term | null, predicate?: RDF.Term | null, object?: RDF.Term | null, graph?: RDF.Term | null): Promise<RDF.Quad[]>;
  size(): number;
  stats(): StoreStats;
  /** The base IRI the data dir's IRIs were minted under, as recorded when it was first served or imported into. */
  recordedBaseIri(): string | undefined;
  recordBaseIri(iri: string): void;
  /** A value the data dir keeps about itself (e.g. `demo-loaded`: when the demo data was imported); undefined if never set. */
  metadata(key: string): string | undefined;
  setMetadata(key: string, value: string): void;
  /** Write tokens kept in the data dir. */
  readonly tokens: TokenRegistry;
  /** Review decisions on links, kept in the data dir. */
  readonly linkDecisions: LinkDecisionRegistry;
  /** Reads every graph as an engine loads it and returns those that do not load (the server leaves them out: `stats().quarantined`). */
  findBadGraphs(onProgress?: (graphs: number) => void): { checked: number; bad: BadGraph[] };
  /** Writes every quad as N-Quads or TriG. */
  dump(out: Writable, format: 'application/n-quads' | 'application/trig', onProgress?: (quads: number) => void): Promise<number>;
  changes(afterSeq: number, limit: number): ChangeEntry[];
  onChange(listener: (entry: { firstSeq: number; lastSeq: number; graphs: string[] }) => void): () => void;
  close(): Promise<void>;
}
