import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import N3 from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { isLibkgError } from '../../errors.js';
import { utf8Guard } from '../../rdf/charset.js';
import type { Reader, ReaderContext, ReadItem } from '../types.js';
import { TokenLimit } from './token-limit.js';

/** RDF serializations libkg reads, by media type, with their file extensions. */
export const RDF_TYPES: Record<string, string[]> = {
  'text/turtle': ['.ttl'],
  'application/trig': ['.trig'],
  'application/n-triples': ['.nt'],
  'application/n-quads': ['.nq'],
  'application/ld+json': ['.jsonld'],
  'application/rdf+xml': ['.rdf', '.owl'],
};

/** Raw RDF arrives in chunks: the first chunk of a graph replaces it, later chunks add to it. */
export interface RdfChunk {
  graph: string;
  quads: RDF.Quad[];
  append: boolean;
}

const CHUNK = 50_000;

export function mediaTypeOf(fileName: string): string | undefined {
  const ext = extname(fileName.replace(/\.gz$/, '')).toLowerCase();
  return Object.keys(RDF_TYPES).find((t) => RDF_TYPES[t]?.includes(ext));
}

/** The graph that receives a file's default-graph triples. */
export const fileGraph = (baseIri: string, fileName: string) => `${baseIri}graph/file/${encodeURIComponent(basename(fileName))}`;

/**
 * Parses any RDF stream into quads (streaming except JSON-LD, which the jsonld library reads whole).
 * `maxTokenBytes` refuses Turtle-family input with a longer token before the N3 lexer sees it.
 */
export async function* parseRdf(raw: Readable, mediaType: string, baseIri: string, maxTokenBytes?: number): AsyncGenerator<RDF.Quad> {
  // Bytes that are not UTF-8 end the file with their offset, not as U+FFFD in the data.
  const input = raw.pipe(utf8Guard(`the ${mediaType} file`));
  raw.on('error', (e) => input.destroy(e));
  if (mediaType === 'application/ld+json') {
    let text = '';
    for await (const c of input) text += c;
    const doc = JSON.parse(text);
    // No remote contexts: libkg makes no outbound requests.
    const nquads = (await jsonld.toRDF(doc, {
      format: 'application/n-quads',
      base: baseIri,
      documentLoader: async (url: string) => {
        throw new Error(`remote JSON-LD context ${url} is not loaded (no outbound requests)`);
      },
    } as never)) as unknown as string;
    yield* new N3.Parser({ format: 'N-Quads' }).parse(nquads);
    return;
  }
  const xml = mediaType === 'application/rdf+xml';
  const parser = xml ? new RdfXmlParser({ baseIRI: baseIri }) : new N3.StreamParser({ format: mediaType, baseIRI: baseIri });
  let source = input;
  if (!xml && maxTokenBytes) {
    source = input.pipe(new TokenLimit(maxTokenBytes, mediaType));
    input.on('error', (e) => source.destroy(e));
  }
  const out = source.pipe(parser as unknown as NodeJS.WritableStream) as unknown as AsyncIterable<RDF.Quad>;
  source.on('error', (e) => (parser as unknown as Readable).destroy(e));
  yield* out;
}

/** A copy of a string that does not share memory with the (large) string it was sliced from. */
const flat = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

export const rdfReader: Reader = {
  format: 'rdf',
  detect: (fileName) => mediaTypeOf(fileName) !== undefined,
  async *read(input: Readable, ctx: ReaderContext & { mediaType?: string }): AsyncIterable<ReadItem> {
    const mediaType = ctx.mediaType ?? mediaTypeOf(ctx.fileName) ?? 'text/turtle';
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
