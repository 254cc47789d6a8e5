import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { LibkgError } from '../errors.js';
import { DEFAULTS } from '../settings/resolve.js';
import type { BackendMemberStatus, QueryBackend } from './backend.js';
import type { EngineReply, BackendRequest as Request } from './engine-protocol.js';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

/** One worker thread holding one Oxigraph store. */
class Engine {
  state: 'loading' | 'ready' | 'stopping' | 'dead' = 'loading';
  quads = 0;
  /** Graphs the rebuild left out because they do not load (see engine-worker.ts). */
  quarantined: { graph: string; reason: string }[] = [];
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  private nextId = 1;

  constructor(
    readonly id: number,
    readonly worker: Worker,
    private readonly onDeath: (e: Engine, reason: string) => void,
    /** Called when a reply says this engine broke (a WASM trap): the pool retires it. */
    private readonly onBroken: (e: Engine, reason: string) => void,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: EngineReply) => {
        if (m.type === 'ready') {
          this.state = 'ready';
          this.quads = m.quads;
          this.quarantined = m.quarantined ?? [];
          resolve();
          return;
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (p.timer) clearTimeout(p.timer);
        if (m.type === 'result') p.resolve(m.result);
        else if (m.broken && this.state !== 'ready') {
          // Queued behind the request that broke it: not this request's doing; reads are retried on another engine.
          p.reject(new LibkgError('ENGINE_UNAVAILABLE', `query engine ${this.id} was retired (it broke on an earlier request)`));
        } else if (m.broken) {
          // Not the client's fault, and not worth retrying elsewhere: the same request would break that engine too.
          p.reject(
            new LibkgError(
              'ENGINE_FAILED',
              `query engine ${this.id} broke while evaluating this request (${m.message}); it was retired and is being replaced. A query this large or deeply nested may break any engine: simplify it`,
              { engine: this.id },
            ),
          );
          this.onBroken(this, m.message);
        } else p.reject(new LibkgError('QUERY_FAILED', m.message));
      });
      worker.on('error', (e) => {
        reject(e);
        this.die(`crashed: ${e.message}`);
      });
      worker.on('exit', (code) => {
        reject(new Error(`engine exited with code ${code}`));
        this.die(`exited with code ${code}`);
      });
    });
    // Keep an unhandled rejection from a dying loader out of the process log.
    this.ready.catch(() => {});
  }

  private die(reason: string): void {
    if (this.state === 'dead') return;
    this.state = 'dead';
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(new LibkgError('ENGINE_UNAVAILABLE', `query engine ${this.id} stopped (${reason})`));
    }
    this.pending.clear();
    this.onDeath(this, reason);
  }

  /** `limitMs` is the configured limit the error names; `timeoutMs` what is left of it. */
  send(req: Request, timeoutMs?: number, onTimeout?: () => void, limitMs = timeoutMs): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject };
      if (timeoutMs) {
        p.timer = setTimeout(() => {
          this.pending.delete(id);
          const seconds = (limitMs ?? timeoutMs) / 1000;
          reject(new LibkgError('QUERY_TIMEOUT', `the query ran longer than ${seconds} s and was stopped`, { timeoutSeconds: seconds }));
          onTimeout?.();
        }, timeoutMs);
      }
      this.pending.set(id, p);
      this.worker.postMessage({ ...req, id });
    });
  }

  async terminate(): Promise<void> {
    this.state = 'dead';
    await this.worker.terminate();
  }
}

function workerEntry(): { url: URL; entry?: string } {
  // Under the TypeScript sources (tests, tsx) the worker starts through a loader that registers tsx.
  const ext = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./engine-worker${ext === '.ts' ? '.ts' : '.js'}`, import.meta.url);
  return ext === '.ts' ? { url: new URL('./dev-worker-loader.mjs', import.meta.url), entry: url.href } : { url };
}

/**
 * A pool of Oxigraph engines, each a full in-memory copy rebuilt from the
 * journal. Queries go to the least busy ready engine; writes go to every
 * engine, in commit order. An engine whose query times out is terminated and
 * replaced while the others keep answering.
 */
export class EnginePool implements QueryBackend<Engine> {
  private engines: Engine[] = [];
  private nextEngineId = 1;
  private waiters: (() => void)[] = [];
  private closing = false;
  /** Replacements started (any reason), engines retired after a trap, and after a timeout. */
  restarts = 0;
  traps = 0;
  timeouts = 0;

  constructor(
    private readonly dbPath: string,
    private readonly size: number,
    private readonly log?: Logger,
    /** How much lower the engine threads run than the HTTP thread (0: the same). */
    private readonly nice = DEFAULTS.engineNice,
  ) {}

  async start(): Promise<void> {
    for (let i = 0; i < this.size; i++) this.spawn();
    await Promise.all(this.engines.map((e) => e.ready));
  }

  private spawn(): Engine {
    const { url, entry } = workerEntry();
    const worker = new Worker(url, { workerData: { dbPath: this.dbPath, entry, nice: this.nice } });
    const engine = new Engine(
      this.nextEngineId++,
      worker,
      (e, reason) => this.replace(e, reason),
      (e, reason) => this.retire(e, reason),
    );
    this.engines.push(engine);
    const t0 = Date.now();
    engine.ready.then(
      () => {
        this.log?.info({ engine: engine.id, quads: engine.quads, ms: Date.now() - t0 }, 'engine ready');
        if (engine.quarantined.length)
          this.log?.warn(
            { engine: engine.id, quarantined: engine.quarantined },
            `${engine.quarantined.length} graph(s) of the journal do not load and were left out; run \`libkg check\` and \`libkg repair\``,
          );
        this.wake();
      },
      () => {},
    );
    return engine;
  }

  private replace(engine: Engine, reason: string): void {
    this.engines = this.engines.filter((e) => e !== engine);
    if (this.closing) return;
    this.restarts++;
    this.log?.warn({ engine: engine.id, reason }, 'engine stopped; starting a replacement');
    this.spawn();
  }

  /** An engine that trapped is never asked again: stopped at once, its exit starts the replacement (as after a timeout). */
  private retire(e: Engine, reason: string): void {
    // Requests queued behind the one that broke it fail too: one trap, one retirement.
    if (e.state === 'stopping' || e.state === 'dead') return;
    this.traps++;
    this.log?.error({ engine: e.id, reason }, 'engine broke (WASM trap); retiring it and starting a replacement');
    this.stop(e);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Takes an engine out of service at once; its exit event starts the replacement. */
  private stop(e: Engine): void {
    if (e.state === 'dead' || e.state === 'stopping') return;
    e.state = 'stopping';
    void e.worker.terminate();
  }

  private leastBusy(): Engine | undefined {
    let best: Engine | undefined;
    for (const e of this.engines) if (e.state === 'ready' && (!best || e.pending.size < best.pending.size)) best = e;
    return best;
  }

  /** The least busy ready engine, waiting for one if all are rebuilding. */
  async pick(timeoutMs: number): Promise<Engine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = this.leastBusy();
      if (e) return e;
      if (this.closing) throw new LibkgError('ENGINE_UNAVAILABLE', 'the store is shutting down');
      const left = deadline - Date.now();
      if (left <= 0) throw new LibkgError('ENGINE_UNAVAILABLE', 'no query engine became ready in time (engines are rebuilding)');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /**
   * Runs a request on one engine (chosen now, so concurrent callers spread out).
   * On timeout that engine is terminated and replaced. A read that was only
   * queued behind another query's runaway is retried once elsewhere.
   */
  async run(req: Request, timeoutMs: number, engine?: Engine, answeredBy?: (e: Engine) => void): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    const attempt = async (e: Engine) => {
      const result = await this.sendTimed(e, req, deadline, timeoutMs);
      answeredBy?.(e);
      return result;
    };
    const first = engine ?? this.leastBusy() ?? (await this.pick(timeoutMs));
    try {
      return await attempt(first);
    } catch (err) {
      const retriable = !engine && req.op !== 'apply' && err instanceof LibkgError && err.code === 'ENGINE_UNAVAILABLE' && Date.now() < deadline;
      if (!retriable) throw err;
      return attempt(await this.pick(deadline - Date.now()));
    }
  }

  private sendTimed(e: Engine, req: Request, deadline: number, timeoutMs: number): Promise<unknown> {
    return e.send(
      req,
      Math.max(1, deadline - Date.now()),
      () => {
        this.timeouts++;
        this.log?.warn({ engine: e.id }, 'query timed out; terminating its engine');
        // Ending the thread is the only way to stop Oxigraph; its exit event starts the replacement.
        this.stop(e);
      },
      timeoutMs,
    );
  }

  /** Sends a write to every live engine (also those still loading; they skip what their snapshot has). */
  broadcast(req: Request, except?: Engine): void {
    const cleared = req.op === 'apply' && req.clear?.length ? new Set(req.clear) : undefined;
    for (const e of this.engines) {
      // A quarantined graph that is replaced or deleted is no longer left out.
      if (cleared && e.quarantined.length) e.quarantined = e.quarantined.filter((q) => !cleared.has(q.graph));
      if (e === except || e.state === 'dead') continue;
      e.send(req).catch((err: Error) => {
        // An engine that cannot apply a write no longer mirrors the journal: rebuild it.
        if (err instanceof LibkgError && err.code === 'ENGINE_UNAVAILABLE') return;
        this.log?.error({ engine: e.id, err: err.message }, 'engine failed to apply a write; rebuilding it');
        this.stop(e);
      });
    }
  }

  /**
   * `state`: ready, rebuilding (loading from the journal) or retired (stopped after a trap, a timeout or a
   * failed write; its replacement is listed once started). `rebuiltFrom`: quads the engine loaded from the
   * journal when it started (later writes are applied on top). `quarantined`: graphs it could not load.
   */
  describe(): BackendMemberStatus[] {
    const state = { loading: 'rebuilding', ready: 'ready', stopping: 'retired', dead: 'retired' } as const;
    return this.engines.map((e) => ({
      id: e.id,
      state: state[e.state],
      rebuiltFrom: e.quads,
      pending: e.pending.size,
      ...(e.quarantined.length ? { quarantined: e.quarantined } : {}),
    }));
  }

  /** How many engines the pool keeps, and what happened to them since the start. */
  events(): { size: number; restarts: number; traps: number; timeouts: number } {
    return { size: this.size, restarts: this.restarts, traps: this.traps, timeouts: this.timeouts };
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake();
    await Promise.all(this.engines.map((e) => e.terminate()));
    this.engines = [];
  }
}
