import type { BackendRequest } from './engine-protocol.js';

/** One query engine (or the remote endpoint) as `/health` reports it. */
export interface BackendMemberStatus {
  id: number;
  /** ready, rebuilding, retired (engines); ready, catching-up, unavailable (remote). */
  state: string;
  /** Quads the engine loaded from the journal when it started. */
  rebuiltFrom?: number;
  /** Requests in flight (and, for the remote, writes waiting to be pushed). */
  pending: number;
  /** Graphs of the journal it left out because they do not load. */
  quarantined?: { graph: string; reason: string }[];
}

/**
 * The query side of a journal store: it answers the engine messages (`engine-protocol.ts`) over a
 * copy of the journal and receives every committed write in commit order. Two implementations:
 * the Oxigraph worker pool (`engines.ts`) and a remote SPARQL 1.1 endpoint (`remote/pool.ts`).
 * `S` is the backend's own handle on where one update runs (an engine, a remote session); the
 * store only hands it back.
 */
export interface QueryBackend<S = unknown> {
  /** Loads the journal (engines) or catches the remote up; resolves when queries can be answered. */
  start(): Promise<void>;
  /** A handle every step of one update runs on, so each step sees the ones before. */
  pick(timeoutMs: number): Promise<S>;
  /** Runs one request, on `on` when given; `answeredBy` learns where it ran (to read a kept result from there). */
  run(req: BackendRequest, timeoutMs: number, on?: S, answeredBy?: (s: S) => void): Promise<unknown>;
  /** A committed write for every copy; `except` already holds it (the update that evaluated it). */
  broadcast(req: BackendRequest, except?: S): void;
  /** Health of each engine (or of the remote). */
  describe(): BackendMemberStatus[];
  /** How many engines the pool keeps, and its replacements, traps and timeouts since the start (engine pools only). */
  events?(): { size: number; restarts: number; traps: number; timeouts: number };
  close(): Promise<void>;
}
