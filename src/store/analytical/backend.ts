/**
 * The analytical path behind the QueryBackend seam: wraps the Oxigraph pool (or any backend), keeps a
 * DuckDB copy of the journal in step through `broadcast`, and answers a SELECT/ASK query there when the
 * translator supports it and the planner says it pays (`LIBKG_ANALYTICAL=auto`), or whenever it can
 * (`force`, for tests). Everything else, and every query while the copy lags a write, goes to Oxigraph.
 */
import type { Logger } from 'pino';
import { LibkgError } from '../../errors.js';
import { iriProblem } from '../../rdf/iri.js';
import type { BackendMemberStatus, QueryBackend } from '../backend.js';
import type { BackendRequest } from '../engine-protocol.js';
import { runSql, translateFor } from './answer.js';
import { AnalyticalCopy } from './copy.js';
import { plan } from './planner.js';
import { RESULT_FORMATS } from './results.js';
import type { SqlQuery } from './translate.js';
import { Unsupported } from './unsupported.js';

export type AnalyticalMode = 'off' | 'auto' | 'force';

export interface AnalyticalOptions {
  mode: Exclude<AnalyticalMode, 'off'>;
  /** LIBKG_ANALYTICAL_MIN_ROWS: the planner's threshold. */
  minRows: number;
  log?: Logger;
}

type QueryRequest = Extract<BackendRequest, { op: 'query' }>;

/** Which path answered how many queries since the start (tests and /health read it). */
export interface AnalyticalCounts {
  analytical: number;
  oxigraph: number;
  /** Queries the translator took but a row sent back to Oxigraph (a raised case). */
  fellBack: number;
}

export class AnalyticalBackend<S> implements QueryBackend<S> {
  private copy: AnalyticalCopy | undefined;
  /** Writes wait here in commit order; a query meets a lagging copy when `lag` > 0 and goes to Oxigraph. */
  private applying: Promise<void> = Promise.resolve();
  private lag = 0;
  /** Set when a write could not be applied: the copy is wrong from then on, and only Oxigraph answers. */
  private broken: string | undefined;
  readonly counts: AnalyticalCounts = { analytical: 0, oxigraph: 0, fellBack: 0 };
  readonly events?: QueryBackend['events'];

  constructor(
    private readonly inner: QueryBackend<S>,
    private readonly dbPath: string,
    private readonly opts: AnalyticalOptions,
  ) {
    this.events = inner.events?.bind(inner);
  }

  async start(): Promise<void> {
    await Promise.all([this.inner.start(), this.load()]);
  }

  /** Loads the copy; a failure leaves the server answering with Oxigraph alone, never stops it. */
  private async load(): Promise<void> {
    try {
      await this.loadCopy();
    } catch (e) {
      this.broken = (e as Error).message;
      this.opts.log?.error({ err: e }, 'analytical copy did not load; Oxigraph answers every query');
    }
  }

  private async loadCopy(): Promise<void> {
    const copy = await AnalyticalCopy.create();
    // Graph names that are not IRIs are quarantined by the engines; the copy leaves them out too.
    await copy.loadJournal(
      this.dbPath,
      (iri) => iri !== '' && !!iriProblem(iri),
      (p) => this.opts.log?.debug({ quads: p.quads, ms: Math.round(p.ms) }, 'analytical copy loading'),
    );
    this.opts.log?.info({ quads: copy.quads, terms: copy.terms.length - 1, seq: copy.seq }, 'analytical copy loaded');
    this.copy = copy;
  }

  pick(timeoutMs: number): Promise<S> {
    return this.inner.pick(timeoutMs);
  }

  async run(req: BackendRequest, timeoutMs: number, on?: S, answeredBy?: (s: S) => void): Promise<unknown> {
    const q = req.op === 'query' && on === undefined ? this.route(req) : undefined;
    if (!q) {
      if (req.op === 'query') this.counts.oxigraph++;
      return this.inner.run(req, timeoutMs, on, answeredBy);
    }
    let body: string;
    try {
      body = await this.timed(q.copy, q.sql, timeoutMs);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.counts.fellBack++;
      this.opts.log?.debug({ reason: e.message }, 'analytical path fell back to Oxigraph');
      return this.inner.run(req, timeoutMs, on, answeredBy);
    }
    this.counts.analytical++;
    return (req as QueryRequest).bytes ? new TextEncoder().encode(body) : body;
  }

  /** The translation when the analytical path should answer, else undefined. */
  private route(req: QueryRequest): { copy: AnalyticalCopy; sql: SqlQuery } | undefined {
    const copy = this.copy;
    if (!copy || this.lag > 0 || this.broken || !(RESULT_FORMATS as readonly string[]).includes(req.format)) return undefined;
    let sql: SqlQuery;
    try {
      // The protocol's dataset wins over FROM; with neither, the union default graph (as the engines do).
      const dataset = req.defaultGraphs || req.namedGraphs ? { defaultGraphs: req.defaultGraphs ?? [], namedGraphs: req.namedGraphs ?? [] } : {};
      sql = translateFor(copy, req.text, { baseIri: req.baseIri, ...dataset });
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      return undefined;
    }
    if (this.opts.mode === 'auto') {
      if (!plan(sql.algebra, copy.statistics(), this.opts.minRows).analytical) return undefined;
    }
    return { copy, sql };
  }

  /** Runs on DuckDB within the query timeout; a query over it is interrupted (DuckDB stops it, unlike a WASM engine). */
  private async timed(copy: AnalyticalCopy, q: SqlQuery, timeoutMs: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const connection = await copy.connect();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        connection.interrupt();
        const seconds = timeoutMs / 1000;
        reject(new LibkgError('QUERY_TIMEOUT', `the query ran longer than ${seconds} s and was stopped`, { timeoutSeconds: seconds }));
      }, timeoutMs);
    });
    const answer = runSql(copy, q, connection);
    answer.catch(() => {});
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
      connection.closeSync();
    }
  }

  broadcast(req: BackendRequest, except?: S): void {
    this.inner.broadcast(req, except);
    if (req.op !== 'apply' || this.broken) return;
    this.lag++;
    this.applying = this.applying
      .then(async () => {
        if (!this.broken) await this.copy?.apply(req);
      })
      .catch((e: Error) => {
        this.broken = e.message;
        this.opts.log?.error({ err: e }, 'analytical copy could not apply a write; Oxigraph answers every query from now on');
      })
      .finally(() => {
        this.lag--;
      });
  }

  /** Resolves when every write broadcast so far is in the copy (tests; a bench before timing). */
  settled(): Promise<void> {
    return this.applying;
  }

  describe(): BackendMemberStatus[] {
    return this.inner.describe();
  }

  async close(): Promise<void> {
    await this.applying;
    await this.inner.close();
    this.copy?.close();
  }
}
