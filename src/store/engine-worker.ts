/**
 * One Oxigraph engine in its own thread. It rebuilds itself from the journal
 * (read-only SQLite connection, one snapshot), then answers messages in order:
 * a write posted before a query is applied before that query runs.
 * Oxigraph has no cancellation, so the pool ends a runaway query by
 * terminating this thread and starting another.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { iriProblem } from '../rdf/iri.js';
import type { EngineReply, EngineRequest } from './engine-protocol.js';

const { dbPath, nice } = workerData as { dbPath: string; nice: number };
const store = new oxigraph.Store();

/**
 * Engines run at a lower CPU priority than the HTTP thread, so a long query
 * cannot starve /health or static responses on a busy machine. On Linux a
 * thread is its own task and can be reniced alone; elsewhere this is skipped.
 */
function lowerPriority(): void {
  // The pool passes LIBKG_ENGINE_NICE: how much lower (0: the default priority, as a server it is compared with runs at).
  if (!Number.isInteger(nice) || nice <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid) setPriority(tid, Math.min(nice, 19));
  } catch {
    // Not Linux, or not allowed: engines keep the default priority.
  }
}
lowerPriority();
const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');

const CHUNK = 50_000;

/** Oxigraph's load() renames blank nodes; add() keeps labels, which every engine must share. */
function loadLines(lines: string[]): void {
  const plain: string[] = [];
  const withBlankNodes: string[] = [];
  for (const line of lines) (line.includes('_:') ? withBlankNodes : plain).push(line);
  for (let i = 0; i < plain.length; i += CHUNK) store.load(plain.slice(i, i + CHUNK).join('\n'), { format: 'application/n-quads' });
  // One parser for all of them: a parser per line cost ~100 µs a line (blank-node-heavy data rebuilt at ~10k quads/s).
  for (const q of parse(withBlankNodes)) store.add(q as never);
}

function parse(lines: string[]) {
  return lines.length ? new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(lines.join('\n')) : [];
}

/** Graphs of the journal this engine could not load (an old data dir may hold one): left out, reported, never fatal. */
const quarantined: { graph: string; reason: string }[] = [];

/** Empties a graph a failed load may have filled in part (its name is a valid IRI: checked before loading). */
function clearGraph(iri: string): void {
  // DROP, not CLEAR: Oxigraph keeps a cleared named graph (GRAPH ?g {} would still list it).
  store.update(iri === '' ? 'CLEAR SILENT DEFAULT' : `DROP SILENT GRAPH <${iri}>`);
}

/**
 * Loads a batch of graphs at once; when the batch fails, loads its graphs one by one and quarantines
 * those that fail alone, so one bad graph never stops the engine (and the store) from starting.
 */
function loadBatch<T extends { iri: string }>(batch: T[], load: (items: T[]) => void): void {
  if (!batch.length) return;
  try {
    load(batch);
    return;
  } catch {
    for (const g of batch) clearGraph(g.iri);
  }
  for (const g of batch) {
    try {
      load([g]);
    } catch (e) {
      clearGraph(g.iri);
      quarantined.push({ graph: g.iri, reason: ((e as Error).message ?? String(e)).slice(0, 500) });
    }
  }
}

function rebuild(): { seq: number; quads: number; ms: number } {
  const t0 = performance.now();
  const db = new Database(dbPath, { readonly: true });
  db.pragma('busy_timeout = 5000');
  let seq = 0;
  db.transaction(() => {
    seq = (db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number) ?? 0;
    const it = db.prepare(`SELECT g.iri, d.body FROM graph_data d JOIN graphs g ON g.id = d.g`).raw().iterate() as Iterable<[string, string]>;
    // Graphs without blank nodes go to load() as whole N-Quads blocks (one replace per graph, no
    // per-line strings); graphs with blank nodes go line by line through loadLines.
    let plain: { iri: string; text: string }[] = [];
    let plainLines = 0;
    let withBlankNodes: { iri: string; lines: string[] }[] = [];
    let lineCount = 0;
    const flushPlain = () => {
      loadBatch(plain, (b) => store.load(b.map((g) => g.text).join('\n'), { format: 'application/n-quads' }));
      plain = [];
      plainLines = 0;
    };
    const flushLines = () => {
      loadBatch(withBlankNodes, (b) => loadLines(b.flatMap((g) => g.lines)));
      withBlankNodes = [];
      lineCount = 0;
    };
    for (const [iri, body] of it) {
      // A graph name that is not an IRI would break the whole block (or inject quads into another graph).
      const bad = iri === '' ? undefined : iriProblem(iri);
      if (bad) {
        quarantined.push({ graph: iri, reason: `graph name is not a valid IRI: ${bad}` });
        continue;
      }
      const suffix = iri === '' ? ' .' : ` <${iri}> .`;
      if (body.includes('_:')) {
        const lines = body.split('\n').map((line) => line + suffix);
        withBlankNodes.push({ iri, lines });
        lineCount += lines.length;
        if (lineCount >= CHUNK) flushLines();
        continue;
      }
      plain.push({ iri, text: body.replaceAll('\n', `${suffix}\n`) + suffix });
      plainLines += body.length / 80;
      if (plainLines >= CHUNK) flushPlain();
    }
    flushPlain();
    flushLines();
  })();
  db.close();
  return { seq, quads: store.size, ms: performance.now() - t0 };
}

const loaded = rebuild();
port.postMessage({ type: 'ready', ...loaded, quarantined } satisfies EngineReply);

/** Graphs per emptiness query and per DROP request when forgetting emptied graphs. */
const FORGET_CHUNK = 1000;

/**
 * Oxigraph keeps a named graph after its last quad is deleted (GRAPH ?g {} still lists it), while
 * an engine rebuilt from the journal never has an empty graph: forget emptied graphs at once.
 * One query per chunk of graphs (0.1 ms a graph measured, against 0.3 ms for an ASK each).
 */
function forgetEmptied(deleted: N3.Quad[], added: N3.Quad[] = []): void {
  const graphs = new Set<string>();
  for (const q of deleted) if (q.graph.termType === 'NamedNode') graphs.add(q.graph.value);
  for (const q of added) graphs.delete(q.graph.value);
  // An IRI that cannot be written into the query is left alone (such an IRI never reaches the journal).
  const listed = [...graphs].filter((g) => !iriProblem(g));
  for (let i = 0; i < listed.length; i += FORGET_CHUNK) {
    const values = listed.slice(i, i + FORGET_CHUNK).map((g) => `<${g}>`);
    const query = `SELECT ?g WHERE { VALUES ?g { ${values.join(' ')} } FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }`;
    const rows = store.query(query) as Map<string, { value: string }>[];
    if (rows.length) store.update(rows.map((r) => `DROP SILENT GRAPH <${r.get('g')?.value}>`).join(' ;\n'));
  }
}

function graphTerm(iri: string) {
  return iri === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(iri);
}

function handle(msg: EngineRequest): unknown {
  switch (msg.op) {
    case 'query':
      return store.query(msg.text, {
        results_format: msg.format,
        base_iri: msg.baseIri,
        use_default_graph_as_union: msg.union,
        default_graph: msg.defaultGraphs?.map(graphTerm),
        named_graphs: msg.namedGraphs?.map((g) => oxigraph.namedNode(g)),
      } as never);
    case 'apply': {
      // Writes already in the snapshot this engine was built from are skipped.
      if (msg.seq !== undefined && msg.seq <= loaded.seq) return { added: [], removed: [] };
      // A name that is not an IRI was quarantined, never loaded (and must not reach the update text).
      for (const g of msg.clear ?? []) if (g === '' || !iriProblem(g)) clearGraph(g);
      if (!msg.effective) {
        const gone = parse(msg.del);
        for (const q of gone) store.delete(q as never);
        loadLines(msg.add);
        forgetEmptied(gone);
        return { added: [], removed: [] };
      }
      const removed: string[] = [];
      const added: string[] = [];
      const del = parse(msg.del);
      del.forEach((q, i) => {
        if (store.has(q as never)) {
          store.delete(q as never);
          removed.push(msg.del[i] as string);
        }
      });
      const add = parse(msg.add);
      add.forEach((q, i) => {
        if (!store.has(q as never)) {
          store.add(q as never);
          added.push(msg.add[i] as string);
        }
      });
      forgetEmptied(del, add);
      return { added, removed };
    }
    case 'graph':
      return store.dump({ format: 'application/n-quads', from_graph_name: graphTerm(msg.graph) } as never);
    case 'match': {
      const t = (v: string | null) => (v === null ? null : objTerm(v));
      const quads = store.match(t(msg.s), t(msg.p), t(msg.o), msg.g === null ? null : graphTerm(msg.g));
      return quads.map((q) => q.toString());
    }
    case 'size':
      return store.size;
  }
}

function objTerm(nt: string) {
  return new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(`<x:s> <x:p> ${nt} .`)[0]?.object as never;
}

const utf8 = new TextEncoder();

/**
 * Large results kept for the caller to read piece by piece, so the HTTP thread never holds one whole.
 * A result nobody reads for KEPT_IDLE_MS is dropped (its reader is gone).
 */
const kept = new Map<number, { bytes: Uint8Array; timer: NodeJS.Timeout }>();
const KEPT_IDLE_MS = 120_000;
function keep(id: number, bytes: Uint8Array): void {
  kept.set(id, { bytes, timer: setTimeout(() => kept.delete(id), KEPT_IDLE_MS) });
}
function readKept(id: number, offset: number, max: number): Uint8Array {
  const k = kept.get(id);
  if (!k) throw new Error(`result ${id} is no longer kept (read too late or already released)`);
  k.timer.refresh();
  return k.bytes.slice(offset, offset + max);
}
function release(id: number): void {
  clearTimeout(kept.get(id)?.timer);
  kept.delete(id);
}

port.on('message', (msg: EngineRequest) => {
  try {
    if (msg.op === 'read') {
      const piece = readKept(msg.kept, msg.offset, msg.max);
      port.postMessage({ type: 'result', id: msg.id, result: piece } satisfies EngineReply, [piece.buffer as ArrayBuffer]);
      return;
    }
    if (msg.op === 'release') {
      release(msg.kept);
      port.postMessage({ type: 'result', id: msg.id, result: null } satisfies EngineReply);
      return;
    }
    const result = handle(msg);
    if (msg.op === 'query' && msg.bytes && typeof result === 'string') {
      // The HTTP thread gets the bytes without a copy and never holds the result as one string.
      const bytes = utf8.encode(result);
      if (msg.keepAbove !== undefined && bytes.byteLength > msg.keepAbove) {
        keep(msg.id, bytes);
        port.postMessage({ type: 'result', id: msg.id, result: { kept: msg.id, total: bytes.byteLength } } satisfies EngineReply);
        return;
      }
      port.postMessage({ type: 'result', id: msg.id, result: bytes } satisfies EngineReply, [bytes.buffer]);
      return;
    }
    port.postMessage({ type: 'result', id: msg.id, result } satisfies EngineReply);
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    port.postMessage({ type: 'error', id: msg.id, message, ...(broken(e) ? { broken: true } : {}) } satisfies EngineReply);
  }
});

// Node has it; the project's TypeScript lib (no DOM) does not declare it.
const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly;

/**
 * Whether an error left this engine unusable. A WASM trap ("memory access out
 * of bounds", "unreachable": a Rust panic) or an exhausted stack (RangeError)
 * can stop Oxigraph half-way through with its memory inconsistent: every later
 * call may fail. Other errors (syntax, evaluation) are the query's; a quick
 * probe tells whether the store still answers after them too.
 */

function broken(e: unknown): boolean {
  if (e instanceof RuntimeError || (e instanceof RangeError && /call stack/i.test(e.message))) return true;
  try {
    store.query('ASK {}');
    return false;
  } catch {
    return true;
  }
}
