/** Any RDF serialization libkg reads (src/rdf/media-types.ts) to RDF/JS quads. */
import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { utf8Guard } from './charset.js';
import { jsonldToQuads } from './jsonld.js';
import { TokenLimit } from './token-limit.js';

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
    yield* await jsonldToQuads(JSON.parse(text), baseIri);
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
