/** Parses large or deeply nested SPARQL queries off the HTTP thread (parse-offthread.ts); one request at a time. */
import { parentPort } from 'node:worker_threads';
import { type ParsedQuery, parseQuery, withoutTree } from './parsed-query.js';
import { prescanQuery, type QueryLimits } from './query-limits.js';

export interface ParseRequest {
  id: number;
  text: string;
  baseIri?: string;
  prefixes: Record<string, string>;
  limits?: QueryLimits;
}

export type ParseReply = { id: number; query: ParsedQuery } | { id: number; error: { code?: string; message: string; extra?: Record<string, unknown> } };

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');
// Loaded: parse timeouts run from now on (a worker's start is not the query's time).
port.postMessage({ ready: true });
port.on('message', (m: ParseRequest) => {
  try {
    // The pre-scan too: over a long text it is linear but not free (~0.35 µs a character on a loaded machine).
    if (m.limits) prescanQuery(m.text, 'sparql', m.limits);
    // The verdict goes back without the tree: copying a tree thousands of operators deep between threads fails
    // (measured: structuredClone overflows the stack at 5,000 ORs); whoever needs the tree parses the accepted text.
    port.postMessage({ id: m.id, query: withoutTree(parseQuery(m.text, m.baseIri, m.prefixes, m.limits)) } satisfies ParseReply);
  } catch (e) {
    const err = e as Error & { code?: string; extra?: Record<string, unknown> };
    port.postMessage({ id: m.id, error: { code: err.code, message: err.message, extra: err.extra } } satisfies ParseReply);
  }
});
