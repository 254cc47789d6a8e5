/**
 * Answers a query: result format by content negotiation (or `format=`),
 * evaluation in the store, JSON-LD built from N-Triples (Oxigraph has no
 * JSON-LD writer).
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LibkgError } from '../../errors.js';
import { jsonldFromNquads } from '../../rdf/jsonld-offthread.js';
import { aliasesOf, RDF_MEDIA_TYPES, SOLUTION_TYPES } from '../../rdf/media-types.js';
import type { ParsedQuery } from '../../store/parsed-query.js';
import type { QuadStore, ResultFormat } from '../../store/port.js';
import { isSolutionForm } from '../../store/query-form.js';
import { formatToAccept, negotiate } from '../kit/negotiate.js';
import type { Operation } from './operation.js';

/** Picks the result media type for a query form, or answers 406 listing what is offered. */
export function resultType(solutions: boolean, accept: string | undefined, format: string[]): string {
  const offered = solutions ? SOLUTION_TYPES : RDF_MEDIA_TYPES;
  // Clients such as SPARQLWrapper send format= several times (short name and media type); unknown names are ignored.
  const named = format.map((f) => formatToAccept(f, !solutions)).filter((t): t is string => t !== undefined);
  const wanted = named.length ? named.join(', ') : accept;
  const type = negotiate(wanted, offered, aliasesOf(offered));
  if (!type) {
    throw new LibkgError(
      'NOT_ACCEPTABLE',
      `no acceptable format for ${solutions ? 'SELECT/ASK' : 'CONSTRUCT/DESCRIBE'} results; offered: ${offered.join(', ')}`,
      {
        offered,
      },
    );
  }
  return type;
}

/** Results above this size are streamed from the engine in pieces (the HTTP thread never holds them whole). */
export const STREAM_ABOVE_BYTES = 4 * 1024 * 1024;

export async function answerQuery(
  store: QuadStore,
  op: Extract<Operation, { kind: 'query' }>,
  query: ParsedQuery,
  req: FastifyRequest,
  reply: FastifyReply,
  baseIri: string,
  streamAbove = STREAM_ABOVE_BYTES,
): Promise<string | Buffer | Readable> {
  const type = resultType(isSolutionForm(query.form), req.headers.accept, op.format);
  const jsonld = type === 'application/ld+json';
  const result = await store.query(query.text, {
    parsed: query,
    format: (jsonld ? 'application/n-triples' : type) as ResultFormat,
    defaultGraphs: op.defaultGraphs,
    namedGraphs: op.namedGraphs,
    baseIri,
    asBytes: true,
    // JSON-LD is built from the whole N-Triples result, so it is not streamed.
    streamAbove: jsonld ? undefined : streamAbove,
  });
  reply.header('Vary', 'Accept').type(`${type}; charset=utf-8`);
  if (result.chunks) {
    // A client that goes away ends the stream, which frees the result in the engine.
    reply.header('Content-Length', String(result.size));
    return Readable.from(result.chunks, { objectMode: false });
  }
  const bytes = result.bytes ?? new Uint8Array();
  if (jsonld) return jsonldFromNquads(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
