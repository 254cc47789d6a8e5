/**
 * Shared building blocks of the operation table: the Operation and Param types, media-type lists, parameter
 * helpers and the generators for Graph Store and RDF-document operations.
 */

import { byExtension, RDF_MEDIA_TYPES, SOLUTION_TYPES } from '../../rdf/media-types.js';
import { ACCEPTED_BODY_TYPES } from '../kit/rdf-body.js';

export const SOLUTIONS = [...SOLUTION_TYPES];
export const RDF = [...RDF_MEDIA_TYPES];
export const JSON_TYPE = ['application/json'];
export const JSONLD = ['application/ld+json'];
export const HTML = ['text/html'];

export interface Param {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  repeatable?: boolean;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  tag: string;
  summary: string;
  /** Writes always need the bearer token; reads need it when LIBKG_PUBLIC_READS=false. */
  access: 'write' | 'read' | 'public';
  params?: Param[];
  body?: { types: string[]; description: string; required?: boolean };
  /** Media types of the success answer; the status defaults to 200. */
  ok: { status?: string; types: string[]; description: string };
  /** Further answers besides problem+json errors (303, 304, 410...). */
  also?: Record<string, string>;
}

export const q = (name: string, description: string, extra: Partial<Param> = {}): Param => ({ name, in: 'query', description, ...extra });
export const p = (name: string, description: string): Param => ({ name, in: 'path', description, required: true });
export const accept: Param = { name: 'Accept', in: 'header', description: 'Content negotiation over the listed media types' };

export const queryParams = [
  q('query', 'A SPARQL 1.1 query', { required: true }),
  q('default-graph-uri', 'Protocol dataset: a default graph', { repeatable: true }),
  q('named-graph-uri', 'Protocol dataset: a named graph', { repeatable: true }),
  q('format', 'Result format by name (json, xml, csv, tsv, turtle, ...), overriding Accept', { repeatable: true }),
  accept,
];
export const graphParams = [q('graph', 'The graph IRI (indirect identification)'), q('default', 'The default graph (no value)')];
const storeBody = { types: ACCEPTED_BODY_TYPES, description: 'RDF in any accepted syntax', required: true };
export const storePath = p('path', 'Direct identification: the graph <{base}store/{path}>');

export function graphStore(path: string, extra: Param[]): Operation[] {
  const tag = 'Graph Store';
  return [
    {
      method: 'get',
      path,
      tag,
      access: 'read',
      summary: 'Read a graph (or, naming none, the whole dataset as TriG/N-Quads)',
      params: [...extra, accept],
      ok: { types: RDF, description: 'The graph' },
    },
    {
      method: 'put',
      path,
      tag,
      access: 'write',
      summary: 'Replace a graph',
      params: extra,
      body: storeBody,
      ok: { status: '201', types: [], description: 'Created (204 when it replaced one)' },
      also: { '204': 'Replaced' },
    },
    {
      method: 'post',
      path,
      tag,
      access: 'write',
      summary: 'Add to a graph; to the store itself, TriG/N-Quads go to the graphs they name, other RDF to a new graph',
      params: extra,
      body: storeBody,
      ok: { status: '201', types: [], description: 'Created (Location names a new graph)' },
      also: { '200': 'Quads added to the graphs they name', '204': 'Added to an existing graph' },
    },
    { method: 'delete', path, tag, access: 'write', summary: 'Delete a graph', params: extra, ok: { status: '204', types: [], description: 'Deleted' } },
  ];
}

export function rdfDocument(path: string, tag: string, summary: string): Operation[] {
  const out: Operation[] = [{ method: 'get', path, tag, access: 'read', summary, params: [accept], ok: { types: [...RDF, ...HTML], description: summary } }];
  for (const [ext, type] of Object.entries(byExtension(['text/turtle', 'application/ld+json', 'text/html'])))
    out.push({
      method: 'get',
      path: `${path}.${ext}`,
      tag,
      access: 'read',
      summary: `${summary} as ${type}`,
      ok: { types: [type as string], description: summary },
    });
  return out;
}
