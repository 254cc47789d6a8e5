/** Runs SPARQL queries over HTTP and times them (time to the last byte of the answer). */
import type { BenchQuery } from './queries.js';
import type { System } from './servers.js';

export interface Outcome {
  ms: number;
  bytes: number;
  /** Rows (SELECT) or 1/0 (ASK), counted on the warm-up run only. */
  rows?: number;
  error?: string;
  timedOut?: boolean;
}

const ROW_COUNT_LIMIT = 300 * 1024 * 1024;

/** Virtuoso flags answers cut short by its anytime limit in X-SQL-State / X-SQL-Message. */
const partialAnswer = (res: Response): boolean =>
  /S1TAT|timeout|incomplete/i.test(`${res.headers.get('x-sql-state') ?? ''} ${res.headers.get('x-sql-message') ?? ''}`);

export async function runQuery(system: System, q: BenchQuery, timeoutMs: number, countRows: boolean): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const t0 = performance.now();
  try {
    const res = await fetch(system.endpoint, {
      method: 'POST',
      // SELECT/ASK as SPARQL JSON, CONSTRUCT/DESCRIBE as N-Triples (a JSON-only Accept got them 406).
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json, application/n-triples;q=0.9' },
      body: new URLSearchParams({ query: q.text, ...system.params }),
      signal: abort.signal,
    });
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const reader = res.body?.getReader();
    for (;;) {
      const part = reader ? await reader.read() : { done: true as const, value: undefined };
      if (part.done) break;
      bytes += part.value.byteLength;
      if (countRows && bytes <= ROW_COUNT_LIMIT) chunks.push(part.value);
    }
    const ms = performance.now() - t0;
    if (!res.ok) {
      const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
      const timedOut = res.status === 503 && /TIMEOUT/i.test(text);
      return { ms, bytes, timedOut, error: `HTTP ${res.status}: ${text.replace(/\s+/g, ' ')}` };
    }
    if (partialAnswer(res)) return { ms, bytes, timedOut: true, error: 'partial answer (anytime limit)' };
    let rows: number | undefined;
    if (countRows && bytes <= ROW_COUNT_LIMIT) {
      const body = Buffer.concat(chunks).toString('utf8');
      if (/n-triples/.test(res.headers.get('content-type') ?? '')) rows = body.split('\n').filter((l) => l.trim()).length;
      else {
        const json = JSON.parse(body);
        rows = typeof json.boolean === 'boolean' ? Number(json.boolean) : json.results.bindings.length;
      }
    }
    return { ms, bytes, rows };
  } catch (e) {
    const ms = performance.now() - t0;
    if (abort.signal.aborted) return { ms, bytes: 0, timedOut: true, error: `timeout after ${timeoutMs / 1000} s` };
    return { ms, bytes: 0, error: String((e as Error).cause ?? e) };
  } finally {
    clearTimeout(timer);
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export interface QueryFigures {
  id: string;
  medianMs?: number;
  runs: number;
  rows?: number;
  bytes?: number;
  error?: string;
  timedOut?: boolean;
  /** The warm-up run (untimed in the median): what the first run after a write costs, statistics included. */
  firstMs?: number;
  /** Seconds the server needed to be back at full strength after the failure. */
  recoverySeconds?: number;
}

/**
 * Warms the HTTP client (connection pool, undici and JIT of this process) with trivial queries, so the
 * first system's first query is not timed through a cold client while the second system's is warm
 * (seen as 2-17 ms for libkg's q1, run first, against 1.3-1.9 ms once warm).
 */
export async function warmClient(system: System, requests = 30): Promise<void> {
  const ask: BenchQuery = { id: 'warm-up', interactive: false, text: 'ASK { }' };
  for (let i = 0; i < requests; i++) await runQuery(system, ask, 10_000, false);
}

/** One warm-up run (counts rows), then `runs` timed runs; a failed or timed-out warm-up ends the query. */
export async function timeQuery(system: System, q: BenchQuery, runs: number, timeoutMs: number): Promise<QueryFigures> {
  const warm = await runQuery(system, q, timeoutMs, true);
  if (warm.error) return { id: q.id, runs: 0, error: warm.error, timedOut: warm.timedOut, recoverySeconds: await system.recover() };
  // Long queries get fewer repetitions so one size finishes in reasonable time.
  const n = warm.ms > 10_000 ? Math.min(runs, 2) : warm.ms > 2_000 ? Math.min(runs, 3) : runs;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await runQuery(system, q, timeoutMs, false);
    if (r.error) return { id: q.id, runs: i, error: r.error, timedOut: r.timedOut, rows: warm.rows, recoverySeconds: await system.recover() };
    times.push(r.ms);
  }
  return { id: q.id, medianMs: median(times), runs: n, rows: warm.rows, bytes: warm.bytes, firstMs: warm.ms };
}

export interface Throughput {
  clients: number;
  seconds: number;
  completed: number;
  errors: number;
  qps: number;
}

/** `clients` concurrent loops over the interactive mix (each starting at a different query) for `seconds`. */
export async function throughput(system: System, mix: BenchQuery[], clients: number, seconds: number, timeoutMs: number): Promise<Throughput> {
  const until = performance.now() + seconds * 1000;
  let completed = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; performance.now() < until; i++) {
        const r = await runQuery(system, mix[i % mix.length] as BenchQuery, timeoutMs, false);
        if (r.error) errors++;
        else completed++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { clients, seconds: elapsed, completed, errors, qps: completed / elapsed };
}
