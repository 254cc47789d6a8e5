/** Gauges read at scrape time from the store, the journal file, the job queue and the search index. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Gauge, type Registry } from 'prom-client';
import type { JobQueue } from '../../jobs/jobs.js';
import type { Search } from '../../search/service.js';
import type { QuadStore } from '../../store/port.js';

/** Jobs read per scrape for their states (the queue keeps history; older jobs are all finished). */
const JOBS_SCANNED = 1000;
const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'];

const fileBytes = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/** `rebuiltFrom` → `rebuilt_from`: engine fields become metric names. */
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]/g, '_');

export function storeGauges(registry: Registry, { store, jobs, search, dataDir }: { store: QuadStore; jobs: JobQueue; search: Search; dataDir: string }): void {
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('libkg_store_quads', 'Quads in the store', () => store.stats().quads);
  gauge('libkg_store_quad_budget', 'Quads the engines may hold (LIBKG_QUAD_BUDGET)', () => store.stats().budget);
  gauge('libkg_store_graphs', 'Named graphs in the store', () => store.stats().graphs);
  gauge('libkg_store_last_seq', 'Change-log sequence of the last write', () => store.stats().lastSeq);
  gauge('libkg_journal_bytes', 'Size of the SQLite journal on disk, write-ahead log included', () => {
    const db = join(dataDir, 'libkg.sqlite');
    return fileBytes(db) + fileBytes(`${db}-wal`);
  });
  gauge('libkg_search_index_lag', 'Changes the search index has not applied yet (store sequence minus index sequence)', () =>
    Math.max(0, store.stats().lastSeq - search.index.lastSeq()),
  );

  new Gauge({
    name: 'libkg_engines',
    help: 'Query engines by state, as /health reports them',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      for (const e of store.stats().engines) this.inc({ state: e.state });
    },
  });
  // Every numeric field /health reports per engine (requests pending, quads at its rebuild, and counts such as
  // rebuilds or traps where the pool reports them) becomes libkg_engine_<field>{engine}, made on first sight.
  const perEngine = new Map<string, Gauge>();
  const engineFields = () => {
    for (const e of store.stats().engines)
      for (const [k, v] of Object.entries(e))
        if (k !== 'id' && typeof v === 'number' && !perEngine.has(k))
          perEngine.set(
            k,
            new Gauge({
              name: `libkg_engine_${snake(k)}`,
              help: `Engine field "${k}" as /health reports it`,
              labelNames: ['engine'],
              registers,
              collect() {
                this.reset();
                for (const x of store.stats().engines) {
                  const n = (x as Record<string, unknown>)[k];
                  if (typeof n === 'number') this.set({ engine: String(x.id) }, n);
                }
              },
            }),
          );
  };
  engineFields();
  new Gauge({
    name: 'libkg_engine_state',
    help: 'Each engine with its current state (value 1)',
    labelNames: ['engine', 'state'],
    registers,
    collect() {
      engineFields();
      this.reset();
      for (const e of store.stats().engines) this.set({ engine: String(e.id), state: e.state }, 1);
    },
  });

  new Gauge({
    name: 'libkg_jobs',
    help: `Import jobs by state (the last ${JOBS_SCANNED})`,
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      for (const s of JOB_STATES) this.set({ state: s }, 0);
      for (const j of jobs.list(JOBS_SCANNED)) this.inc({ state: j.state });
    },
  });
}
