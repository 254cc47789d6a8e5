import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';

/** The record kinds libkg knows; each maps to an entity family in the ontology. */
export type RecordKind = 'catalog' | 'holdings' | 'authority' | 'author' | 'patent' | 'dataset' | 'usage' | 'concept' | 'rdf';

/**
 * One record read from a source file, before mapping. `data` is the reader's
 * plain-object view of the record (MARC fields, parsed XML/JSON); the mapping
 * files under mappings/ address it.
 */
export interface SourceRecord {
  /** Position of the record in its file, from 1, for error messages. */
  index: number;
  /** The record's own identifier where the reader can see one (001, DOI, ORCID, patent number). */
  id?: string;
  kind: RecordKind;
  /** Name of the mapping in mappings/ that turns `data` into RDF (e.g. 'marc21'). */
  mapping: string;
  data: unknown;
  /**
   * The record as the source file holds it, when the reader has that cheaper than `data` as
   * JSON (ISO 2709 bytes): kept beside the graph for faithful re-export. Absent: `data` as JSON.
   */
  original?: { format: string; body: string };
}

/** A record the reader could not read; the rest of the file goes on. */
export interface RecordFailure {
  index: number;
  id?: string;
  reason: string;
}

export type ReadItem = { record: SourceRecord } | { failure: RecordFailure };

export interface ReaderContext {
  /** File name for messages and for graphs named after the file. */
  fileName: string;
  baseIri: string;
  /** Keep default-graph quads in the default graph (restoring a dump) instead of a graph named after the file. */
  keepDefaultGraph?: boolean;
  /** Longest token (IRI, literal, name) a Turtle-family file may hold; a longer one rejects the file. */
  maxTokenBytes?: number;
  /** The mapping a generic reader (a table) reads its records for (`libkg import --mapping`). */
  mapping?: string;
  /** Quads a raw RDF reader hands on at a time (default 50,000); fewer keep each write short. */
  rdfChunkQuads?: number;
}

/** Reads one source format as a stream of records; memory stays bounded by one record. */
export interface Reader {
  /** Format name, as given to `libkg import --format`. */
  readonly format: string;
  /** Recognises the format from the file name and its first bytes. */
  detect(fileName: string, head: Buffer): boolean;
  read(input: Readable, ctx: ReaderContext): AsyncIterable<ReadItem>;
}

/** A mapped record: its own named graph. */
export interface MappedRecord {
  graph: string;
  quads: RDF.Quad[];
  /** Focus nodes to validate against shapes/ (typed entities of the record). */
  focus?: RDF.NamedNode[];
  /** Each triple occurs once, in an order that is the same whenever the same record is mapped (see GraphPut.distinct). */
  distinct?: boolean;
}

export interface ImportSummary {
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  rejections: { file: string; index: number; id?: string; reason: string }[];
}
