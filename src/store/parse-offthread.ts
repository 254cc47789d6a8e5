/**
 * A query's one parse inside the query timeout. sparqljs is synchronous and its time grows with length
 * and nesting (a 128 KiB VALUES block or 1,000 ORs take 0.3-0.6 s on a loaded machine), so such texts
 * are pre-scanned and parsed in a worker thread that is terminated, with 503 QUERY_TIMEOUT, when the timeout
 * passes: the HTTP thread (and /health) never waits on a parse that does not end in time. The worker returns
 * the verdict (form, dataset, shape) without the tree; text:query and the optimizer parse the accepted
 * text again on the HTTP thread only when they need its tree (treeOf). Short, shallow texts, nearly all queries, parse
 * in place: 0.2-2 ms, against a round trip of the text and its tree that costs more than it saves.
 */
import type { Worker } from 'node:worker_threads';
import { errorFromWire } from '../errors.js';
import { spawnWorker } from '../workers/spawn-worker.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';
import { type ParsedQuery, parseQuery, withoutTree } from './parsed-query.js';
import { nestingDepth, prescanQuery, type QueryLimits } from './query-limits.js';

/** Texts up to this long and this deeply nested parse in place (at most ~0.1 s on a loaded machine, measured). */
export const PARSE_IN_PLACE_MAX_CHARS = 2048;
export const PARSE_IN_PLACE_MAX_DEPTH = 32;

export interface ParseOptions {
  baseIri?: string;
  prefixes?: Readonly<Record<string, string>>;
  limits?: QueryLimits;
  /** The query timeout: a parse that takes longer is stopped (503 QUERY_TIMEOUT). */
  timeoutMs: number;
}

/** Pre-scans (with `limits`) and parses a query, in place or in the worker, within `timeoutMs`. */
export async function parseQueryWithin(text: string, o: ParseOptions): Promise<ParsedQuery> {
  if (o.limits && text.length > o.limits.maxQueryChars) prescanQuery(text, 'sparql', o.limits);
  if (text.length <= PARSE_IN_PLACE_MAX_CHARS && nestingDepth(text, 'sparql', PARSE_IN_PLACE_MAX_DEPTH) <= PARSE_IN_PLACE_MAX_DEPTH) {
    const known = acceptedFor(o);
    const key = `${o.baseIri ?? ''}\0${text}`;
    const hit = known?.get(key);
    if (hit) return hit;
    if (o.limits) prescanQuery(text, 'sparql', o.limits);
    const query = parseQuery(text, o.baseIri, o.prefixes, o.limits);
    if (known) {
      if (known.size >= ACCEPTED_MAX) known.clear();
      known.set(key, withoutTree(query));
    }
    return query;
  }
  const reply = await inWorker({ id: nextId++, text, baseIri: o.baseIri, prefixes: { ...o.prefixes }, limits: o.limits }, o.timeoutMs);
  if ('error' in reply) throw errorFromWire(reply.error);
  return reply.query;
}

/**
 * Short queries accepted before, per limits and prefixes, kept without their tree (rewrites change a request's
 * tree): a repeated query (answered from the result cache, its rewrite planned) needs no parse at all.
 */
const accepted = new WeakMap<QueryLimits, WeakMap<object, Map<string, ParsedQuery>>>();
const ACCEPTED_MAX = 500;

function acceptedFor(o: ParseOptions): Map<string, ParsedQuery> | undefined {
  if (!o.limits || !o.prefixes) return undefined;
  let byPrefixes = accepted.get(o.limits);
  if (!byPrefixes) accepted.set(o.limits, (byPrefixes = new WeakMap()));
  let known = byPrefixes.get(o.prefixes);
  if (!known) byPrefixes.set(o.prefixes, (known = new Map()));
  return known;
}

let worker: Worker | undefined;
/** Resolves once the worker has loaded its code. */
const loaded = new WeakMap<Worker, Promise<void>>();
/** Workers terminated for a timeout (replaced at once; one that stops by itself is not restarted in a loop). */
const stopped = new WeakSet<Worker>();
let nextId = 1;
/** Parses sent and not answered, with the worker that has them. */
const pending = new Map<number, { w: Worker; request: ParseRequest; settle: (r: ParseReply) => void }>();

function start(): Worker {
  const w = spawnWorker(import.meta.url, './parse-worker');
  w.unref();
  loaded.set(w, new Promise((resolve) => w.once('message', () => resolve())));
  w.on('message', (m: ParseReply | { ready: true }) => {
    if ('ready' in m) return;
    pending.get(m.id)?.settle(m);
    pending.delete(m.id);
  });
  w.on('error', (e) => {
    for (const [id, p] of pending) {
      if (p.w !== w) continue;
      pending.delete(id);
      p.settle({ id, error: { code: 'INTERNAL', message: `the query parser failed: ${e.message}` } });
    }
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    const left = [...pending].filter(([, p]) => p.w === w);
    for (const [id] of left) pending.delete(id);
    // Stopped for another query's timeout: the parses queued behind that one start again in a new worker,
    // which the next large query then finds loaded. A worker that stopped by itself restarts on the next parse.
    for (const [id, p] of left) {
      if (stopped.has(w)) send(p.request, p.settle);
      else p.settle({ id, error: { code: 'INTERNAL', message: `the query parser stopped (exit code ${code})` } });
    }
    if (stopped.has(w)) worker ??= start();
  });
  return w;
}

function send(request: ParseRequest, settle: (r: ParseReply) => void): Worker {
  worker ??= start();
  pending.set(request.id, { w: worker, request, settle });
  worker.postMessage(request);
  return worker;
}

function inWorker(request: ParseRequest, timeoutMs: number): Promise<ParseReply> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const w = send(request, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
    const stop = () => {
      const holder = pending.get(request.id)?.w;
      if (!holder) return;
      pending.delete(request.id);
      // A parse cannot be interrupted: its worker goes, and a new one takes the parses queued behind it.
      if (worker === holder) worker = undefined;
      stopped.add(holder);
      void holder.terminate();
      const seconds = timeoutMs / 1000;
      resolve({
        id: request.id,
        error: { code: 'QUERY_TIMEOUT', message: `the query ran longer than ${seconds} s and was stopped`, extra: { timeoutSeconds: seconds } },
      });
    };
    // The clock starts once the worker is loaded: starting a thread is not the query's time.
    void loaded.get(w)?.then(() => {
      if (pending.has(request.id)) timer = setTimeout(stop, timeoutMs);
    });
  });
}
