import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { Logger } from 'pino';
import { LibkgError } from '../errors.js';
import { assertIri, escapeIri } from '../rdf/iri.js';
import { linesToQuads, relabelBlankNodes, termToNt, tripleKey } from '../rdf/nquads.js';
import type { QueryBackend } from './backend.js';
import { findBadGraphs } from './check-graphs.js';
import { dumpJournal, nq } from './embedded-dump.js';
import { engineUpdateContext, netToDeltas } from './embedded-update.js';
import { EnginePool } from './engines.js';
import { assertGraphFits, type GraphDelta, type GraphWrite, Journal, type WriteOutcome } from './journal.js';
import { JournalLinkDecisions } from './link-decisions.js';
import { lockDataDir } from './lock.js';
import { parsedFor } from './parsed-query.js';
import type {
  BadGraph,
  BulkWriter,
  ChangeEntry,
  GetGraphOptions,
  GraphInfo,
  GraphPut,
  LinkDecisionRegistry,
  QuadStore,
  QueryOptions,
  QueryResult,
  StoreStats,
  TokenRegistry,
  UpdateOptions,
  WriteResult,
} from './port.js';
import { GRAPH_FORMATS, isSolutionForm, queryShape, SOLUTION_FORMATS } from './query-form.js';
import { JournalTokens } from './tokens.js';
import { evaluateUpdate, parseUpdate } from './update.js';

const { DataFactory: F } = N3;

export interface EmbeddedOptions {
  dataDir: string;
  quadBudget: number;
  /** 0 opens the journal only (CLI import, dump, restore): no queries. */
  engines: number;
  queryTimeoutMs: number;
  maxResultBytes: number;
  /** Largest graph content in characters (tests lower it; the default is what one string can hold). */
  maxGraphChars?: number;
  log?: Logger;
  /** Nice of the engine threads (default: the settings table's, LIBKG_ENGINE_NICE). */
  engineNice?: number;
  /** Answers queries instead of Oxigraph engines (the remote adapter, src/store/remote/); `engines` is then ignored. */
  queryBackend?: (dbPath: string) => QueryBackend;
}

type ChangeListener = (e: { firstSeq: number; lastSeq: number; graphs: string[] }) => void;

/** Serializes writes: the journal and every engine see them in one order. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => {});
    return next;
  }
}

/** Piece size when reading a kept result from an engine. */
const READ_PIECE_BYTES = 1024 * 1024;

/** Sorts in place and drops repeats: cheaper than a Set first (the sort compares the strings anyway). */
function sortedUnique(lines: string[]): string[] {
  lines.sort();
  let n = 0;
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i] !== lines[n - 1]) lines[n++] = lines[i] as string;
  lines.length = n;
  return lines;
}

/**
 * The journal store: SQLite journal (durable truth) + a query backend (the Oxigraph engine pool,
 * or a remote SPARQL endpoint). A write is acknowledged after its journal transaction commits; the
 * backend receives it in commit order. Opened with no backend (`engines: 0`), it answers no queries.
 */
export class EmbeddedStore implements QuadStore {
  private readonly writes = new Mutex();
  private readonly listeners = new Set<ChangeListener>();
  /** Inside `bulk`: publications waiting for the transaction to commit. */
  private deferred: (() => void)[] | undefined;

  readonly tokens: TokenRegistry;
  readonly linkDecisions: LinkDecisionRegistry;

  private constructor(
    private readonly journal: Journal,
    private readonly pool: QueryBackend | undefined,
    private readonly opts: EmbeddedOptions,
    private readonly unlock: () => void,
  ) {
    this.tokens = new JournalTokens(journal);
    this.linkDecisions = new JournalLinkDecisions(journal);
  }

  static async open(opts: EmbeddedOptions): Promise<EmbeddedStore> {
    mkdirSync(opts.dataDir, { recursive: true });
    const unlock = lockDataDir(opts.dataDir);
    try {
      const dbPath = join(opts.dataDir, 'libkg.sqlite');
      const journal = new Journal(dbPath, opts.quadBudget, { maxGraphChars: opts.maxGraphChars });
      const pool = opts.queryBackend?.(dbPath) ?? (opts.engines > 0 ? new EnginePool(dbPath, opts.engines, opts.log, opts.engineNice) : undefined);
      await pool?.start();
      return new EmbeddedStore(journal, pool, opts, unlock);
    } catch (e) {
      unlock();
      throw e;
    }
  }

  private engines(): QueryBackend {
    if (!this.pool) throw new LibkgError('ENGINE_UNAVAILABLE', 'the store was opened without query engines');
    return this.pool;
  }

  /** Tells engines and listeners about a committed write; inside `bulk` it waits for the commit. */
  private committed(out: WriteOutcome, apply: { clear?: string[]; del: string[]; add: string[] }, except?: unknown): WriteResult {
    // Nobody to tell (the CLI opens the store without engines): keep nothing for later.
    if (out.lastSeq && (this.pool || this.listeners.size)) {
      const publish = () => {
        this.pool?.broadcast({ op: 'apply', seq: out.lastSeq, ...apply }, except);
        for (const l of this.listeners) l({ firstSeq: out.firstSeq, lastSeq: out.lastSeq, graphs: out.written });
      };
      if (this.deferred) this.deferred.push(publish);
      else publish();
    }
    return { written: out.written, unchanged: out.unchanged, seq: out.lastSeq };
  }

  private putNow(puts: GraphPut[]): WriteResult {
    const writes: GraphWrite[] = puts.map((p) => {
      // Sorted lines make the body independent of input order (unchanged re-imports compare it);
      // a mapping's output is distinct and in a fixed order already.
      const keys = relabelBlankNodes(p.quads, p.graph).map(tripleKey);
      const lines = p.distinct ? keys : sortedUnique(keys);
      assertGraphFits(p.graph, lines, this.journal.maxGraphChars);
      const body = lines.join('\n');
      return { iri: p.graph, lines, body, source: p.source, original: p.original };
    });
    const out = this.journal.replaceGraphs(writes);
    const written = new Set(out.written);
    const add: string[] = [];
    if (this.pool) for (const w of writes) if (written.has(w.iri)) for (const l of w.lines) add.push(nq(w.iri, l));
    return this.committed(out, { clear: out.written, del: [], add });
  }

  private addNow(graph: string, quads: RDF.Quad[], bnodeScope?: string): WriteResult {
    // A fresh scope keeps blank nodes of two POSTs apart; putGraphs scopes by graph IRI.
    const scope = bnodeScope ?? `${graph}\0${Date.now()}\0${Math.random()}`;
    const add = [...new Set(relabelBlankNodes(quads, scope).map(tripleKey))];
    // The journal ignores quads it already has; engines add idempotently.
    const out = this.journal.applyDeltas(new Map<string, GraphDelta>([[graph, { add, del: [] }]]), 'put');
    return { ...this.committed(out, { del: [], add: this.pool ? add.map((k) => nq(graph, k)) : [] }), added: out.added ?? 0, removed: 0 };
  }

  putGraphs(puts: GraphPut[]): Promise<WriteResult> {
    return this.writes.run(async () => this.putNow(puts));
  }

  addToGraph(graph: string, quads: RDF.Quad[], bnodeScope?: string): Promise<WriteResult> {
    return this.writes.run(async () => this.addNow(graph, quads, bnodeScope));
  }

  async bulk<T>(fn: (w: BulkWriter) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      const db = this.journal.db;
      db.exec('BEGIN IMMEDIATE');
      this.deferred = [];
      this.journal.beginBulk();
      try {
        const result = await fn({ putGraphs: (p) => this.putNow(p), addToGraph: (g, q, s) => this.addNow(g, q, s) });
        this.journal.endBulk(true);
        db.exec('COMMIT');
        for (const publish of this.deferred) publish();
        return result;
      } catch (e) {
        this.journal.endBulk(false);
        if (db.inTransaction) db.exec('ROLLBACK');
        this.journal.recount();
        throw e;
      } finally {
        this.deferred = undefined;
      }
    });
  }

  deleteGraphs(graphs: string[]): Promise<WriteResult> {
    return this.writes.run(async () => {
      const out = this.journal.deleteGraphs(graphs);
      return this.committed(out, { clear: out.written, del: [], add: [] });
    });
  }

  async getGraph(graph: string, options: GetGraphOptions = {}): Promise<RDF.Quad[]> {
    const g = graph === '' ? F.defaultGraph() : F.namedNode(graph);
    const lines = options.sliceLines === undefined ? this.journal.graphLines(graph) : await this.graphLinesInParts(graph);
    const slice = options.sliceLines ?? lines.length;
    const out: RDF.Quad[] = [];
    for (let i = 0; i < lines.length; i += slice) {
      // A large graph is parsed a slice at a time, letting requests in between (blank node labels are kept as stored).
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      let quads: RDF.Quad[];
      try {
        quads = linesToQuads(
          lines
            .slice(i, i + slice)
            .map((l) => `${l} .`)
            .join('\n'),
        );
      } catch (e) {
        // Only a graph written before IRIs were checked gets here (the engines quarantine it too).
        throw new LibkgError(
          'INTERNAL',
          `graph <${escapeIri(graph)}> holds lines that do not parse (${(e as Error).message}); run \`libkg check\` and \`libkg repair\``,
        );
      }
      for (const q of quads) out.push(F.quad(q.subject, q.predicate, q.object, g));
    }
    return out;
  }

  /** A graph's stored lines read a megabyte at a time, yielding in between; read again when the graph changes meanwhile. */
  private async graphLinesInParts(graph: string, chars = 1 << 20): Promise<string[]> {
    for (;;) {
      const lines: string[] = [];
      let rest = '';
      let seq: number | undefined;
      let changed = false;
      for (let from = 1; ; from += chars) {
        if (from > 1) await new Promise((resolve) => setImmediate(resolve));
        const got = this.journal.graphBodyPart(graph, from, chars);
        if (from > 1 && got?.seq !== seq) {
          changed = true;
          break;
        }
        seq = got?.seq;
        if (!got?.part) break;
        const split = (rest + got.part).split('\n');
        rest = split.pop() as string;
        for (const l of split) lines.push(l);
        // SQLite counts characters, JavaScript UTF-16 units (never fewer): a short part is the last.
        if (got.part.length < chars) break;
      }
      if (!changed) {
        if (rest) lines.push(rest);
        return lines;
      }
    }
  }

  version(seq: number): RDF.Quad[] | undefined {
    const lines = this.journal.versionLines(seq);
    return lines && linesToQuads(lines.map((l) => `${l} .`).join('\n'));
  }

  original(graph: string): { format: string; body: string } | undefined {
    return this.journal.original(graph);
  }

  graphInfo(graph: string): GraphInfo | undefined {
    return this.journal.graphInfo(graph);
  }

  listGraphs(): GraphInfo[] {
    return this.journal.listGraphs();
  }

  deletedGraphsWith(subject: string): GraphInfo[] {
    return this.journal.deletedGraphsWith(subject);
  }

  async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const { form, ownDataset } = parsedFor(sparql, options.parsed) ?? queryShape(sparql, options.baseIri);
    const allowed = isSolutionForm(form) ? SOLUTION_FORMATS : GRAPH_FORMATS;
    const format = options.format ?? allowed[0];
    if (!format || !allowed.includes(format)) {
      throw new LibkgError('NOT_ACCEPTABLE', `${form} results cannot be serialized as ${options.format}; use one of ${allowed.join(', ')}`);
    }
    // The protocol's dataset wins over the query's FROM; the union default graph only when neither names one.
    const dataset = options.defaultGraphs?.length || options.namedGraphs?.length;
    const timeout = options.timeoutMs ?? this.opts.queryTimeoutMs;
    const pool = this.engines();
    let engine: unknown;
    const body = (await pool.run(
      {
        op: 'query',
        text: sparql,
        format,
        baseIri: options.baseIri,
        union: !dataset && !ownDataset,
        ownDataset,
        defaultGraphs: dataset ? (options.defaultGraphs ?? []) : undefined,
        namedGraphs: dataset ? (options.namedGraphs ?? []) : undefined,
        bytes: options.asBytes,
        keepAbove: options.asBytes ? options.streamAbove : undefined,
      },
      timeout,
      undefined,
      (e) => {
        engine = e;
      },
    )) as string | Uint8Array | { kept: number; total: number };
    if (typeof body === 'object' && 'kept' in body) {
      const release = () => void pool.run({ op: 'release', kept: body.kept }, timeout, engine).catch(() => {});
      if (body.total > this.opts.maxResultBytes) release();
      this.checkResultSize(body.total);
      return { form, mediaType: format, body: '', size: body.total, chunks: this.readKept(body.kept, body.total, engine, timeout), release };
    }
    this.checkResultSize(body.length);
    return typeof body === 'string' ? { form, mediaType: format, body } : { form, mediaType: format, body: '', bytes: body };
  }

  private checkResultSize(bytes: number): void {
    if (bytes <= this.opts.maxResultBytes) return;
    throw new LibkgError('RESULT_TOO_LARGE', `the result has ${bytes} bytes, above the limit of ${this.opts.maxResultBytes}; add LIMIT or narrow the query`, {
      limit: this.opts.maxResultBytes,
    });
  }

  /** Reads a result the engine kept, a piece at a time; frees it when done or abandoned. */
  private async *readKept(kept: number, total: number, engine: unknown, timeoutMs: number): AsyncGenerator<Uint8Array> {
    const pool = this.engines();
    try {
      for (let offset = 0; offset < total; offset += READ_PIECE_BYTES) {
        yield (await pool.run({ op: 'read', kept, offset, max: READ_PIECE_BYTES }, timeoutMs, engine)) as Uint8Array;
      }
    } finally {
      await pool.run({ op: 'release', kept }, timeoutMs, engine).catch(() => {});
    }
  }

  async update(sparql: string, options: UpdateOptions = {}): Promise<WriteResult> {
    const parsed = parseUpdate(sparql, options.baseIri);
    for (const g of [...(options.usingGraphs ?? []), ...(options.usingNamedGraphs ?? [])]) assertIri(g, 'using-graph-uri');
    const pool = this.engines();
    const timeout = options.timeoutMs ?? this.opts.queryTimeoutMs;
    return this.writes.run(async () => {
      // All steps run on one engine, which applies each operation so the next sees it.
      const engine = await pool.pick(timeout);
      const applied: { del: string[]; add: string[] }[] = [];
      const ctx = engineUpdateContext(pool, engine, timeout, applied);
      const revert = async () => {
        for (const a of applied.reverse()) await pool.run({ op: 'apply', del: a.add, add: a.del }, timeout, engine).catch(() => {});
      };
      let net: Awaited<ReturnType<typeof evaluateUpdate>>;
      try {
        net = await evaluateUpdate(parsed, ctx, { usingGraphs: options.usingGraphs, usingNamedGraphs: options.usingNamedGraphs });
      } catch (e) {
        await revert();
        throw e;
      }
      const { deltas, del, add } = netToDeltas(net);
      let out: WriteOutcome;
      try {
        out = this.journal.applyDeltas(deltas);
      } catch (e) {
        await revert();
        throw e;
      }
      // The evaluating engine already holds the change.
      const result = this.committed(out, { del, add }, engine);
      return { ...result, added: add.length, removed: del.length };
    });
  }

  async match(s?: RDF.Term | null, p?: RDF.Term | null, o?: RDF.Term | null, g?: RDF.Term | null): Promise<RDF.Quad[]> {
    const nt = (t?: RDF.Term | null) => (t ? termToNt(t) : null);
    const graph = g ? (g.termType === 'DefaultGraph' ? '' : g.value) : null;
    const lines = (await this.engines().run({ op: 'match', s: nt(s), p: nt(p), o: nt(o), g: graph }, this.opts.queryTimeoutMs)) as string[];
    return linesToQuads(lines.map((l) => `${l} .`).join('\n'));
  }

  recordedBaseIri(): string | undefined {
    return this.journal.getMeta('base-iri') || undefined;
  }

  recordBaseIri(iri: string): void {
    this.journal.setMeta('base-iri', iri);
  }

  metadata(key: string): string | undefined {
    return this.journal.getMeta(key);
  }

  setMetadata(key: string, value: string): void {
    this.journal.setMeta(key, value);
  }

  findBadGraphs(onProgress?: (graphs: number) => void): { checked: number; bad: BadGraph[] } {
    return findBadGraphs(this.journal, onProgress);
  }

  size(): number {
    return this.journal.size;
  }

  stats(): StoreStats {
    const engines = this.pool?.describe() ?? [];
    // Every engine loads the same journal: the union of what they left out, once per graph.
    const quarantined = new Map<string, { graph: string; reason: string }>();
    for (const e of engines) for (const q of e.quarantined ?? []) quarantined.set(q.graph, q);
    return {
      quads: this.journal.size,
      budget: this.journal.budget,
      graphs: this.journal.graphCount(),
      lastSeq: this.journal.lastSeq,
      engines: engines.map(({ quarantined: _, ...e }) => e),
      enginePool: this.pool?.events?.(),
      quarantined: [...quarantined.values()],
    };
  }

  dump(out: Writable, format: 'application/n-quads' | 'application/trig', onProgress?: (n: number) => void): Promise<number> {
    return dumpJournal(this.journal, out, format, onProgress);
  }

  changes(afterSeq: number, limit: number): ChangeEntry[] {
    return this.journal.changes(afterSeq, limit);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.writes.run(async () => {});
    await this.pool?.close();
    this.journal.close();
    this.unlock();
  }
}
