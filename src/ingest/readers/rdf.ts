import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { isLibkgError } from '../../errors.js';
import { rdfTypeOfFile } from '../../rdf/media-types.js';
import { parseRdf } from '../../rdf/parse.js';
import type { Reader, ReaderContext, ReadItem } from '../types.js';

/** Raw RDF arrives in chunks: the first chunk of a graph replaces it, later chunks add to it. */
export interface RdfChunk {
  graph: string;
  quads: RDF.Quad[];
  append: boolean;
}

const CHUNK = 50_000;

/** The graph that receives a file's default-graph triples. */
export const fileGraph = (baseIri: string, fileName: string) => `${baseIri}graph/file/${encodeURIComponent(basename(fileName))}`;

/** A copy of a string that does not share memory with the (large) string it was sliced from. */
const flat = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

export const rdfReader: Reader = {
  format: 'rdf',
  detect: (fileName) => rdfTypeOfFile(fileName) !== undefined,
  async *read(input: Readable, ctx: ReaderContext & { mediaType?: string }): AsyncIterable<ReadItem> {
    const mediaType = ctx.mediaType ?? rdfTypeOfFile(ctx.fileName) ?? 'text/turtle';
    const seen = new Set<string>();
    const buffers = new Map<string, RDF.Quad[]>();
    let index = 0;
    const flush = (graph: string): ReadItem => {
      const quads = buffers.get(graph) ?? [];
      buffers.delete(graph);
      // Parsed strings are slices of the parser's input chunks: a slice kept downstream (seen, change
      // lists, listeners) would keep its whole chunk alive (measured: the whole file stayed in memory).
      const chunk: RdfChunk = { graph: flat(graph), quads, append: seen.has(graph) };
      if (!chunk.append) seen.add(chunk.graph);
      return { record: { index: ++index, id: graph, kind: 'rdf', mapping: 'rdf', data: chunk } };
    };
    // Parsers number blank nodes with process-wide counters; number them per graph by first appearance
    // instead, so parsing the same file twice gives the same labels and an unchanged re-import is a no-op.
    const labels = new Map<string, Map<string, RDF.BlankNode>>();
    const stable = <T extends RDF.Term>(graph: string, t: T): T => {
      if (t.termType !== 'BlankNode') return t;
      let m = labels.get(graph);
      if (!m) labels.set(flat(graph), (m = new Map()));
      let b = m.get(t.value);
      if (!b) m.set(flat(t.value), (b = N3.DataFactory.blankNode(`n${m.size}`)));
      return b as unknown as T;
    };
    const defaultGraph = ctx.keepDefaultGraph ? '' : fileGraph(ctx.baseIri, ctx.fileName);
    try {
      let buffered = 0;
      for await (const q of parseRdf(input, mediaType, ctx.baseIri, ctx.maxTokenBytes)) {
        const graph = q.graph.termType === 'DefaultGraph' ? defaultGraph : q.graph.value;
        let buf = buffers.get(graph);
        if (!buf) buffers.set(graph, (buf = []));
        buf.push(N3.DataFactory.quad(stable(graph, q.subject), q.predicate, stable(graph, q.object)));
        // Memory stays bounded: past CHUNK buffered quads every buffered graph is handed on
        // (whole, when the file is grouped by graph; as a first part to append to, otherwise).
        if (++buffered >= (ctx.rdfChunkQuads ?? CHUNK)) {
          for (const g of [...buffers.keys()]) yield flush(g);
          buffered = 0;
        }
      }
    } catch (e) {
      // A syntax error ends the file: what was read before it is not written (nothing half-written).
      const reason = isLibkgError(e) && e.code === 'IMPORT_LIMIT' ? e.message : `${mediaType} syntax error: ${(e as Error).message}`;
      yield { failure: { index: index + 1, reason } };
      return;
    }
    for (const g of [...buffers.keys()]) yield flush(g);
  },
};
