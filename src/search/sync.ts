/**
 * Keeps the search index in step with the store: it follows the change log
 * (`store.changes` after the index's last sequence), re-reads each changed
 * record graph and replaces what the index holds from it. A deleted graph
 * leaves nothing behind. Runs after every commit (`store.onChange`), and on
 * start, so it also catches up with imports made while the server was down.
 */
import type { QuadStore } from '../store/port.js';
import { type DocumentOptions, documentsOf, documentsOfInSlices } from './documents.js';
import type { SearchIndex } from './port.js';

export interface SyncOptions {
  /**
   * Change-log entries per index transaction. Each transaction holds the event loop (~0.5 ms a
   * graph), so a server keeps it small; the CLI, alone, takes large ones.
   */
  batch?: number;
  /** Graphs per transaction of a rebuild: larger ones merge entities named in many records fewer times. */
  rebuildBatch?: number;
  /**
   * A server sets this: batches then grow or shrink so one transaction holds the event loop about this
   * long (records differ a lot in size, so a fixed count either starves requests or indexes slowly).
   * `batch` and `rebuildBatch` are then the upper bounds.
   */
  sliceMs?: number;
  /**
   * A server passes whether it has requests in flight: between two slices the index then steps aside
   * (up to STEP_ASIDE_MS) so that a request's later steps (an engine's reply, the answer) do not queue
   * behind index work.
   */
  busy?: () => boolean;
}

/** The longest the index waits for requests in flight before its next slice: indexing never stops. */
const STEP_ASIDE_MS = 50;

/** Batch sizes that follow how long the last transaction took, towards a target time per transaction. */
class Slicer {
  private size: number;
  constructor(
    private readonly max: number,
    private readonly targetMs: number | undefined,
  ) {
    this.size = targetMs === undefined ? max : Math.min(max, 8);
  }
  next(): number {
    return this.size;
  }
  took(ms: number): void {
    if (this.targetMs === undefined) return;
    if (ms > this.targetMs * 1.5) this.size = Math.max(1, Math.floor(this.size / 2));
    else if (ms < this.targetMs / 2) this.size = Math.min(this.max, this.size * 2);
  }
}

/**
 * On a server (`sliceMs`), a graph of at least this many quads is indexed on its own, in slices: its
 * stored lines parsed `PARSE_SLICE` at a time, its documents built and written a few milliseconds at a time.
 */
const LARGE_GRAPH = 2000;
const PARSE_SLICE = 1000;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

export interface SyncLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class SearchSync {
  private running: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly store: QuadStore,
    readonly index: SearchIndex,
    private readonly baseIri: string,
    private readonly log?: SyncLog,
    private readonly options: SyncOptions = {},
  ) {}

  private get batchSize() {
    return this.options.batch ?? 100;
  }

  private get rebuildBatchSize() {
    return this.options.rebuildBatch ?? 500;
  }

  /** Catches up now and after every later commit. */
  start(): void {
    this.unsubscribe = this.store.onChange(() => void this.kick());
    void this.kick();
  }

  /** Starts a catch-up (or asks the running one to go round again); resolves when the index has seen every change. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      do {
        this.again = false;
        await this.catchUp();
      } while (this.again && !this.closed);
    };
    this.running = run()
      .catch((err) => this.log?.error({ err }, 'search index: catch-up failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Whether the index reflects every change of the store. */
  isCurrent(): boolean {
    return this.store.changes(this.index.lastSeq(), 1).length === 0;
  }

  /** Waits (at most `timeoutMs`) until the index has seen every change; false when it is still behind. */
  async current(timeoutMs: number): Promise<boolean> {
    if (this.isCurrent()) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([this.kick(), timeout]);
    clearTimeout(timer);
    return this.isCurrent();
  }

  /** Indexes the changes after the index's last sequence; returns how many graphs it re-read. */
  async catchUp(onProgress?: (seq: number) => void): Promise<number> {
    if (this.index.lastSeq() === 0 && this.index.count() === 0) return this.rebuild(onProgress);
    let graphs = 0;
    const slices = new Slicer(this.batchSize, this.options.sliceMs);
    while (!this.closed) {
      const changes = this.store.changes(this.index.lastSeq(), slices.next());
      const last = changes.at(-1);
      if (!last) break;
      const names = [...new Set(changes.map((c) => c.graph))];
      const t0 = performance.now();
      graphs += await this.indexGraphs(names, last.seq);
      slices.took(performance.now() - t0);
      onProgress?.(last.seq);
      await this.yieldToRequests();
    }
    return graphs;
  }

  /** Drops the index and indexes every live graph again (the change log may be much longer than the graphs). */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    const seq = this.store.stats().lastSeq;
    const graphs = this.store
      .listGraphs()
      .filter((g) => !g.deletedAt)
      .map((g) => g.iri);
    this.index.clear();
    let done = 0;
    const slices = new Slicer(this.rebuildBatchSize, this.options.sliceMs);
    for (let i = 0; i < graphs.length && !this.closed; ) {
      const chunk = graphs.slice(i, i + slices.next());
      i += chunk.length;
      const t0 = performance.now();
      done += await this.indexGraphs(chunk, 0);
      slices.took(performance.now() - t0);
      onProgress?.(done, graphs.length);
      await this.yieldToRequests();
    }
    if (!this.closed) this.index.setLastSeq(seq);
    return done;
  }

  /** Lets HTTP requests in between two index transactions, and waits while some are in flight (see `busy`). */
  private async yieldToRequests(): Promise<void> {
    await nextTurn();
    const busy = this.options.busy;
    if (!busy) return;
    const until = performance.now() + STEP_ASIDE_MS;
    while (busy() && !this.closed && performance.now() < until) await pause();
  }

  private get documentOptions(): DocumentOptions {
    return { baseIri: this.baseIri, knownLabels: (iris) => this.index.labelsOf(iris) };
  }

  /**
   * Re-reads graphs and replaces their part of the index in one transaction; `seq` > 0 is recorded as indexed with them.
   * On a server, a large graph is read and written in slices first (the sequence is recorded only after all of them).
   */
  private async indexGraphs(names: string[], seq: number): Promise<number> {
    const sliceMs = this.options.sliceMs;
    const contents: [string, Awaited<ReturnType<QuadStore['getGraph']>>][] = [];
    for (const g of names) {
      try {
        contents.push([g, await this.store.getGraph(g, sliceMs === undefined ? {} : { sliceLines: PARSE_SLICE })]);
      } catch (err) {
        // A graph whose stored lines do not parse (an old data dir; `libkg check`) must not stop the index following the store.
        this.log?.error({ err: (err as Error).message, graph: g }, 'search index: graph unreadable, skipped');
      }
      if (this.closed) return 0;
    }
    const small: typeof contents = [];
    for (const [g, quads] of contents) {
      if (sliceMs === undefined || quads.length < LARGE_GRAPH) {
        small.push([g, quads]);
        continue;
      }
      try {
        await this.indexLargeGraph(g, quads, sliceMs);
      } catch (err) {
        this.log?.error({ err, graph: g }, 'search index: graph skipped');
      }
      if (this.closed) return 0;
    }
    this.index.batch(() => {
      for (const [g, quads] of small) {
        try {
          this.index.applyGraph(g, documentsOf(quads, this.documentOptions));
        } catch (err) {
          // One graph the index cannot take must not stop the rest: it is logged and skipped.
          this.log?.error({ err, graph: g }, 'search index: graph skipped');
        }
      }
      if (seq > 0) this.index.setLastSeq(seq);
    });
    return contents.length;
  }

  /** Replaces one large graph's part of the index in transactions of about `sliceMs`, yielding to requests between them. */
  private async indexLargeGraph(graph: string, quads: Awaited<ReturnType<QuadStore['getGraph']>>, sliceMs: number): Promise<void> {
    const docs = await documentsOfInSlices(quads, this.documentOptions, sliceMs, () => this.yieldToRequests());
    const slices = new Slicer(LARGE_GRAPH, sliceMs);
    for (let i = 0; i < docs.length; ) {
      if (this.closed) return;
      const chunk = docs.slice(i, i + slices.next());
      i += chunk.length;
      const t0 = performance.now();
      this.index.putGraphParts(graph, chunk);
      slices.took(performance.now() - t0);
      await this.yieldToRequests();
    }
    const keep = new Set(docs.map((d) => d.iri));
    const drops = new Slicer(LARGE_GRAPH, sliceMs);
    for (;;) {
      if (this.closed) return;
      const t0 = performance.now();
      const done = this.index.endGraphParts(graph, keep, drops.next());
      drops.took(performance.now() - t0);
      await this.yieldToRequests();
      if (done) return;
    }
  }

  /** Stops following the store; a catch-up in progress ends after its current batch. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.running;
  }
}
