/**
 * The query side of the store backed by a remote SPARQL 1.1 engine instead of Oxigraph engines.
 * The local journal stays the truth: every committed write is mirrored to the remote in commit
 * order, and the change-log sequence the remote holds is kept in the remote itself (a marker graph),
 * so a remote that was restarted empty or from an older state is caught up from the journal before
 * it answers again. Queries and the WHERE parts of updates are forwarded over the SPARQL 1.1 Protocol.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { Logger } from 'pino';
import { LibkgError } from '../../errors.js';
import { linesToQuads, tripleKey } from '../../rdf/nquads.js';
import type { BackendMemberStatus, QueryBackend } from '../backend.js';
import type { ApplyRequest as Apply, BackendRequest as Request } from '../engine-protocol.js';
import { Journal } from '../journal.js';
import { byGraph } from '../quads-by-graph.js';
import { remoteMatch, remoteQuery } from './reads.js';
import type { RemoteDialect } from './rewrite.js';
import { type RemoteEndpoint, SparqlClient } from './sparql-client.js';
import { APPLIED_SEQ_IRI, META_GRAPH_IRI } from './translate.js';
import { RemoteWriter } from './writer.js';

export interface RemoteOptions extends RemoteEndpoint {
  /** Longest time one mirroring request may take. */
  pushTimeoutMs?: number;
  /** Pause between attempts to catch up a remote that failed. */
  retryMs?: number;
  /** Triples per SPARQL Update request when mirroring (Virtuoso refuses ~1,500). */
  batchQuads?: number;
  /** How often to check that the remote still holds what was pushed (its marker). */
  verifyMs?: number;
  log?: Logger;
}

/** One update request being evaluated: the graphs it touched, as the journal has them plus its own changes so far. */
interface Session {
  overlay: Map<string, Set<string>>;
  touched: Set<string>;
}

const JSON_RESULTS = 'application/sparql-results+json';
const { DataFactory: F } = N3;

export class RemotePool implements QueryBackend<Session> {
  private readonly client: SparqlClient;
  /** A read-only connection to the journal: catch-up reads graph contents from it. */
  private readonly journal: Journal;
  private dialect: RemoteDialect = { virtuoso: false, excludeDefault: [], excludeNamed: [], hideDefault: true };
  /** Graphs on the remote that are not libkg's (Virtuoso's own, another application's): hidden from queries. */
  private foreign = new Set<string>();
  /** The change-log sequence the remote holds (-1 before the first contact). */
  private applied = -1;
  /** The remote may be behind the journal: catch up before it answers. */
  private dirty = true;
  /** Graphs whose remote copy may be wrong (an update's live changes that failed half-way). */
  private readonly resync = new Set<string>();
  private queue: Apply[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private lastError: LibkgError | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private closing = false;
  /** Mirroring counters (stats, tests, bench). */
  readonly pushed = { requests: 0, quads: 0, catchUps: 0 };
  private verifyTimer: NodeJS.Timeout | undefined;

  constructor(
    dbPath: string,
    private readonly opts: RemoteOptions,
  ) {
    this.client = new SparqlClient(opts);
    this.journal = new Journal(dbPath, 0, { readonly: true });
  }

  private get log(): Logger | undefined {
    return this.opts.log;
  }

  /** Runs remote writes one after another, in the order they were asked for. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => {});
    return next;
  }

  /** Catches the remote up; a remote that is down does not stop the store from opening (writes go to the journal). */
  async start(): Promise<void> {
    this.verifyTimer = setInterval(() => void this.verify(), this.opts.verifyMs ?? 10_000);
    this.verifyTimer.unref();
    try {
      await this.ready();
    } catch (e) {
      if (!(e instanceof LibkgError && e.code === 'REMOTE_UNAVAILABLE')) {
        await this.close();
        throw e;
      }
      this.log?.warn({ err: e.message }, 'remote SPARQL endpoint unavailable at start; writes are kept in the journal and pushed when it answers');
    }
  }

  /** Waits until every committed write is on the remote (catching up when needed); throws REMOTE_UNAVAILABLE otherwise. */
  private ready(): Promise<void> {
    return this.serial(() => this.syncNow());
  }

  /** `ready`, but a query does not wait longer than its own timeout for a long push (a large import). */
  private async readyWithin(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = timeoutMs / 1000;
        reject(
          new LibkgError('QUERY_TIMEOUT', `earlier writes were still being pushed to the remote after ${seconds} s; try again later`, {
            timeoutSeconds: seconds,
          }),
        );
      }, timeoutMs);
    });
    const ready = this.ready();
    // Its failure after the timeout has answered is nobody's to handle.
    ready.catch(() => {});
    try {
      await Promise.race([ready, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async syncNow(): Promise<void> {
    try {
      if (this.dirty) await this.catchUp();
      while (this.queue.length) await this.push(this.queue.splice(0));
    } catch (e) {
      this.failed(e);
      const err = e as LibkgError;
      if (err.code !== 'REMOTE_UNAVAILABLE') throw e;
      const behind = this.journal.lastSeq - Math.max(this.applied, 0);
      throw new LibkgError('REMOTE_UNAVAILABLE', `${err.message}; ${behind} change(s) wait in the journal and are pushed when it answers`, err.extra);
    }
  }

  /** A failed push: nothing is lost (the journal has it); the remote is caught up later, retried in the background. */
  private failed(e: unknown): void {
    this.dirty = true;
    this.queue = [];
    this.lastError = e instanceof LibkgError ? e : new LibkgError('REMOTE_FAILED', (e as Error).message);
    if (this.closing || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closing) void this.ready().catch(() => {});
    }, this.opts.retryMs ?? 5000);
    this.retryTimer.unref();
  }

  /** Notices a remote that was restarted empty or from an older state while nothing was written: its marker moved. */
  private async verify(): Promise<void> {
    await this.serial(async () => {
      if (this.dirty || this.closing) return;
      try {
        const seq = await this.readMarker();
        if (seq === this.applied) return;
        this.log?.warn({ remote: seq, expected: this.applied }, 'the remote lost writes (restarted empty or from an older state); catching it up');
        this.dirty = true;
      } catch (e) {
        this.failed(e);
      }
    });
    await this.ready().catch(() => {});
  }

  /** Learns what the remote is (Virtuoso or not) and which of its graphs are not libkg's, to hide them. */
  private async connect(): Promise<void> {
    const body = await this.client.query({ text: 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', accept: JSON_RESULTS, timeoutMs: this.pushTimeout });
    const virtuoso = /virtuoso/i.test(this.client.server);
    const known = this.journal.db.prepare<[string], number>('SELECT 1 FROM graphs WHERE iri = ?').pluck();
    const foreign: string[] = [];
    for (const b of (JSON.parse(body) as { results: { bindings: { g: { value: string } }[] } }).results.bindings) {
      const g = b.g.value;
      if (!g.startsWith('urn:libkg:') && known.get(g) === undefined) foreign.push(g);
    }
    this.foreign = new Set(foreign);
    this.dialect = { virtuoso, excludeDefault: [...foreign, META_GRAPH_IRI], excludeNamed: [...foreign, META_GRAPH_IRI], hideDefault: true };
  }

  private get pushTimeout(): number {
    return this.opts.pushTimeoutMs ?? 120_000;
  }

  private async readMarker(): Promise<number> {
    const body = await this.client.query({
      text: `SELECT ?n WHERE { GRAPH <${META_GRAPH_IRI}> { <${META_GRAPH_IRI}> <${APPLIED_SEQ_IRI}> ?n } }`,
      accept: JSON_RESULTS,
      timeoutMs: this.pushTimeout,
    });
    const n = (JSON.parse(body) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]?.n.value;
    return n === undefined ? -1 : Number(n);
  }

  private markerOps(seq: number): string[] {
    return [`DROP SILENT GRAPH <${META_GRAPH_IRI}>`, `INSERT DATA { GRAPH <${META_GRAPH_IRI}> { <${META_GRAPH_IRI}> <${APPLIED_SEQ_IRI}> ${seq} } }`];
  }

  /**
   * Pushes the current content of every graph changed since the remote's marker (all graphs when it
   * has none: restarted empty), deletions as drops; again while writes arrive meanwhile.
   */
  private async catchUp(): Promise<void> {
    await this.connect();
    let from = await this.readMarker();
    if (from > this.journal.lastSeq) {
      this.log?.warn({ remote: from, journal: this.journal.lastSeq }, 'the remote is ahead of the journal; pushing every graph again');
      from = -1;
    }
    this.pushed.catchUps++;
    for (;;) {
      const last = this.journal.lastSeq;
      const graphs = new Set<string>(
        from < 0
          ? (this.journal.db.prepare('SELECT iri FROM graphs').pluck().all() as string[])
          : (this.journal.db.prepare('SELECT DISTINCT graph FROM changes WHERE seq > ?').pluck().all(from) as string[]),
      );
      for (const g of this.resync) graphs.add(g);
      this.resync.clear();
      const w = this.writer();
      for (const g of graphs) {
        const lines = this.journal.graphLines(g);
        if (!lines.length) await w.drop(g);
        else {
          const target = g ? F.namedNode(g) : F.defaultGraph();
          const quads = linesToQuads(lines.map((l) => `${l} .`).join('\n')).map((q) => F.quad(q.subject, q.predicate, q.object, target));
          await w.put(g, quads, true);
        }
      }
      await w.finish(this.markerOps(last));
      from = last;
      // Writes committed meanwhile were not queued (the remote was behind): go round again for them.
      if (this.journal.lastSeq === last) break;
    }
    this.applied = from;
    this.dirty = false;
    this.lastError = undefined;
    this.log?.info({ seq: from }, 'remote SPARQL endpoint caught up with the journal');
  }

  /** Mirrors queued writes in commit order; their SPARQL operations share requests. */
  private async push(msgs: Apply[]): Promise<void> {
    const w = this.writer();
    let seq = this.applied;
    for (const m of msgs) {
      if (m.seq !== undefined && m.seq <= this.applied) continue;
      const adds = byGraph(m.add.length ? linesToQuads(m.add.join('\n')) : []);
      const cleared = new Set(m.clear ?? []);
      for (const g of cleared) if (!adds.has(g)) await w.drop(g);
      if (m.del.length) await w.remove(linesToQuads(m.del.join('\n')));
      for (const [g, quads] of adds) await w.put(g, quads, cleared.has(g));
      if (m.seq !== undefined) seq = Math.max(seq, m.seq);
    }
    // Moves the marker only from the sequence this adapter believes the remote holds: a remote that
    // was emptied meanwhile keeps no marker, and the next check pushes everything again.
    await w.finish(
      seq > this.applied
        ? [
            `DELETE { GRAPH <${META_GRAPH_IRI}> { <${META_GRAPH_IRI}> <${APPLIED_SEQ_IRI}> ?n } } INSERT { GRAPH <${META_GRAPH_IRI}> { <${META_GRAPH_IRI}> <${APPLIED_SEQ_IRI}> ${seq} } } WHERE { GRAPH <${META_GRAPH_IRI}> { <${META_GRAPH_IRI}> <${APPLIED_SEQ_IRI}> ?n } FILTER(?n = ${this.applied}) }`,
          ]
        : [],
    );
    this.applied = seq;
  }

  private writer(): RemoteWriter {
    const virtuosoStore = this.dialect.virtuoso ? this.opts.endpoint.replace(/\/sparql\/?$/, '/sparql-graph-crud') : undefined;
    return new RemoteWriter({
      client: this.client,
      graphStore: this.opts.graphStoreEndpoint ?? virtuosoStore,
      timeoutMs: this.pushTimeout,
      sparqlQuads: this.opts.batchQuads ?? 500,
      adopt: (g) => this.adopt(g),
      counters: this.pushed,
    });
  }

  /** A graph libkg writes is libkg's, even if it was on the remote before (hidden as foreign until now). */
  adopt(graph: string): void {
    if (this.foreign.size === 0 || !this.foreign.delete(graph)) return;
    const keep = (g: string) => g !== graph;
    this.dialect = { ...this.dialect, excludeDefault: this.dialect.excludeDefault.filter(keep), excludeNamed: this.dialect.excludeNamed.filter(keep) };
  }

  /** A new session: the store hands it back to run(), so an update's steps share it. */
  async pick(_timeoutMs: number): Promise<Session> {
    await this.ready();
    return { overlay: new Map(), touched: new Set() };
  }

  /** Never keeps a result on the remote, so where a query ran does not matter (no `answeredBy`). */
  async run(req: Request, timeoutMs: number, session?: Session): Promise<unknown> {
    this.inFlight++;
    try {
      switch (req.op) {
        case 'query': {
          if (!session) await this.readyWithin(timeoutMs);
          return await remoteQuery(this.client, this.dialect, req, timeoutMs);
        }
        case 'match':
          await this.readyWithin(timeoutMs);
          return await remoteMatch(this.client, this.dialect, req, timeoutMs);
        case 'graph':
          return [...this.lines(session ?? { overlay: new Map(), touched: new Set() }, req.graph)].map((l) => `${l} .`).join('\n');
        case 'apply':
          if (!session) throw new LibkgError('INTERNAL', 'a remote write outside an update session');
          return await this.serial(() => this.applyLive(session, req));
        case 'size':
          return this.journal.size;
        default:
          throw new LibkgError('INTERNAL', `the remote store has no ${req.op} operation`);
      }
    } catch (e) {
      // A remote that went away may come back empty: check it (and catch it up) before it answers again.
      if (e instanceof LibkgError && e.code === 'REMOTE_UNAVAILABLE' && !this.dirty) this.failed(e);
      throw e;
    } finally {
      this.inFlight--;
    }
  }

  private lines(s: Session, g: string): Set<string> {
    let set = s.overlay.get(g);
    if (!set) s.overlay.set(g, (set = new Set(this.journal.graphLines(g))));
    return set;
  }

  /**
   * An update's step, applied to the remote at once so its next step sees it. Which lines really
   * change is decided against the journal (plus the request's earlier steps): the remote may write
   * literals in another lexical form, the journal's lines are the ones it will store.
   */
  private async applyLive(s: Session, req: Apply): Promise<{ added: string[]; removed: string[] }> {
    if (this.dirty) throw this.lastError ?? new LibkgError('REMOTE_UNAVAILABLE', 'the remote SPARQL endpoint is behind the journal');
    const removed: string[] = [];
    const added: string[] = [];
    const delQ: RDF.Quad[] = [];
    const addQ: RDF.Quad[] = [];
    const step = (lines: string[], out: string[], outQ: RDF.Quad[], adding: boolean) => {
      linesToQuads(lines.join('\n')).forEach((q, i) => {
        const g = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value;
        const set = this.lines(s, g);
        const key = tripleKey(q);
        if (set.has(key) === adding) return;
        if (adding) set.add(key);
        else set.delete(key);
        s.touched.add(g);
        this.adopt(g);
        out.push(lines[i] as string);
        outQ.push(q);
      });
    };
    step(req.del, removed, delQ, false);
    step(req.add, added, addQ, true);
    try {
      const w = this.writer();
      if (delQ.length) await w.remove(delQ);
      for (const [g, quads] of byGraph(addQ)) await w.put(g, quads, false);
      await w.finish([]);
    } catch (e) {
      for (const g of s.touched) this.resync.add(g);
      this.failed(e);
      throw e;
    }
    return { added, removed };
  }

  /** A committed write: queued for the remote (an update's own session already put it there: only its sequence moves). */
  broadcast(req: Request, except?: Session): void {
    if (req.op !== 'apply' || this.closing) return;
    // A remote that is behind is caught up from the journal, which has this write.
    if (this.dirty) return;
    this.queue.push(except ? { op: 'apply', seq: req.seq, del: [], add: [] } : req);
    void this.ready().catch(() => {});
  }

  describe(): BackendMemberStatus[] {
    const state = !this.dirty ? 'ready' : this.lastError ? 'unavailable' : 'catching-up';
    return [{ id: 1, state, pending: this.inFlight + this.queue.length }];
  }

  async close(): Promise<void> {
    // Pending pushes are tried once more; what fails stays in the journal for the next start.
    await this.tail;
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    clearInterval(this.verifyTimer);
    this.journal.close();
  }
}
