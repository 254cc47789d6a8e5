/**
 * Reads the RDF payload of a Graph Store write: any RDF media type libkg
 * reads, or multipart/form-data whose parts are RDF files (GSP §5.5).
 */
import { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import type { FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { aliasesOf, canonicalRdfType, RDF_INPUT_TYPES } from '../../rdf/media-types.js';
import { parseRdf } from '../../rdf/parse.js';

/** Media types accepted as RDF input: the canonical ones and their common aliases. */
export const ACCEPTED_BODY_TYPES = [...RDF_INPUT_TYPES, ...Object.keys(aliasesOf(RDF_INPUT_TYPES)), 'multipart/form-data'];

/** Formats that carry graph names: a payload in one of these may address several graphs. */
export const QUAD_TYPES = ['application/trig', 'application/n-quads'];

/** Whether the request's payload is in a quad format (TriG, N-Quads or an alias of them). */
export const isQuadPayload = (req: FastifyRequest) => QUAD_TYPES.includes(canonicalRdfType(mediaType(req.headers['content-type'])));

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

async function parse(text: string, type: string, baseIri: string): Promise<RDF.Quad[]> {
  const t = canonicalRdfType(type);
  if (!RDF_INPUT_TYPES.includes(t))
    throw new LibkgError('UNSUPPORTED_FORMAT', `cannot read ${type || 'a body without Content-Type'}; send one of ${RDF_INPUT_TYPES.join(', ')}`);
  const quads: RDF.Quad[] = [];
  try {
    for await (const q of parseRdf(Readable.from([text]), t, baseIri)) quads.push(q);
  } catch (e) {
    throw new LibkgError('RDF_SYNTAX', `${t}: ${(e as Error).message}`);
  }
  return quads;
}

/**
 * Splits a multipart/form-data body into its parts. Written by hand: the
 * payloads are small RDF texts already buffered by the body limit, and a
 * streaming multipart library would add a dependency for this one case.
 */
function multipartParts(body: string, boundary: string): { type: string; text: string }[] {
  const parts: { type: string; text: string }[] = [];
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const sep = chunk.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const headers = chunk.slice(0, sep);
    const text = chunk.slice(sep + 4).replace(/\r\n$/, '');
    const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
    parts.push({ type: mediaType(type ?? 'text/turtle'), text });
  }
  return parts;
}

/** The quads of a write request, relative IRIs resolved against `baseIri`. */
export async function readRdfBody(req: FastifyRequest, baseIri: string): Promise<RDF.Quad[]> {
  const header = req.headers['content-type'];
  const type = mediaType(header);
  const body = typeof req.body === 'string' ? req.body : '';
  if (type === 'multipart/form-data') {
    const boundary = /boundary="?([^";]+)"?/i.exec(header ?? '')?.[1];
    if (!boundary) throw new LibkgError('BAD_REQUEST', 'multipart/form-data without a boundary');
    const all: RDF.Quad[] = [];
    for (const part of multipartParts(body, boundary)) all.push(...(await parse(part.text, part.type, baseIri)));
    return all;
  }
  return parse(body, type, baseIri);
}
