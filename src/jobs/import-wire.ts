/**
 * What the import worker and the thread holding the store say to each other. Quads travel as flat
 * arrays of strings (four per quad), which structured clone copies far faster than term objects.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { ImportSummary } from '../ingest/types.js';
import type { GraphPut, WriteResult } from '../store/port.js';
import type { ImportJobInput } from './import-job.js';
import type { JobProgress } from './jobs.js';

const F = N3.DataFactory;

function encodeTerm(t: RDF.Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `I${t.value}`;
    case 'BlankNode':
      return `B${t.value}`;
    case 'Literal':
      // Language and datatype cannot hold NUL; the value, last, may.
      return `L${t.language}\0${t.datatype.value}\0${t.value}`;
    case 'DefaultGraph':
      return '';
    default:
      // Quoted triples (RDF-star) and variables are not stored; say so rather than lose them.
      throw new Error(`unsupported RDF term type ${t.termType}`);
  }
}

function decodeTerm(s: string): RDF.Term {
  switch (s[0]) {
    case 'I':
      return F.namedNode(s.slice(1));
    case 'B':
      return F.blankNode(s.slice(1));
    case 'L': {
      const a = s.indexOf('\0');
      const b = s.indexOf('\0', a + 1);
      const lang = s.slice(1, a);
      return F.literal(s.slice(b + 1), lang || F.namedNode(s.slice(a + 1, b)));
    }
    default:
      return F.defaultGraph();
  }
}

export function encodeQuads(quads: RDF.Quad[]): string[] {
  const out = new Array<string>(quads.length * 4);
  let i = 0;
  for (const q of quads) {
    out[i++] = encodeTerm(q.subject);
    out[i++] = encodeTerm(q.predicate);
    out[i++] = encodeTerm(q.object);
    out[i++] = encodeTerm(q.graph);
  }
  return out;
}

export function decodeQuads(flat: string[]): RDF.Quad[] {
  const out = new Array<RDF.Quad>(flat.length / 4);
  for (let i = 0, j = 0; i < flat.length; i += 4, j++) {
    out[j] = F.quad(
      decodeTerm(flat[i] as string) as RDF.Quad_Subject,
      decodeTerm(flat[i + 1] as string) as RDF.Quad_Predicate,
      decodeTerm(flat[i + 2] as string) as RDF.Quad_Object,
      decodeTerm(flat[i + 3] as string) as RDF.Quad_Graph,
    );
  }
  return out;
}

export type WirePut = Omit<GraphPut, 'quads'> & { quads: string[] };

export const encodePuts = (puts: GraphPut[]): WirePut[] => puts.map((p) => ({ ...p, quads: encodeQuads(p.quads) }));
export const decodePuts = (puts: WirePut[]): GraphPut[] => puts.map((p) => ({ ...p, quads: decodeQuads(p.quads) }));

/** A write the worker asks for; `bulk` opens or ends the one transaction of a raw RDF file. */
export type WriteRequest =
  | { t: 'put'; id: number; puts: WirePut[] }
  | { t: 'add'; id: number; graph: string; quads: string[]; scope?: string }
  | { t: 'bulk-begin'; id: number }
  | { t: 'bulk-end'; id: number; commit: boolean };

export interface WireError {
  code?: string;
  message: string;
  extra?: Record<string, unknown>;
}

/** Worker → store thread. */
export type WorkerMessage =
  | WriteRequest
  | { t: 'progress'; progress: Partial<JobProgress>; summary: ImportSummary }
  | { t: 'done'; summary: ImportSummary }
  | { t: 'failed'; error: WireError; summary: ImportSummary };

/** Store thread → worker: start an import (one at a time). */
export type RunRequest = { t: 'run'; input: ImportJobInput };

/** Store thread → worker: the answer to one write request. */
export type WriteReply = { id: number; result?: WriteResult; error?: WireError };
