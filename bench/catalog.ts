/**
 * Every script in bench/: what it measures, what it needs besides this
 * checkout, and the command behind the README's figures. `npm run bench`
 * lists them and runs the ones that need nothing else (bench/run.ts).
 */
export interface Bench {
  name: string;
  what: string;
  /** Something outside this checkout the bench needs; unset: runs on its own. */
  needs?: string;
  /** Arguments for the README's figures (the script's defaults when empty). */
  args: string[];
}

export const BENCHES: Bench[] = [
  { name: 'store-load', what: '`libkg import` quads/s and peak RSS, then engine rebuild at `libkg serve`', args: ['1000000'] },
  { name: 'engine-ceiling', what: 'quads one Oxigraph WASM store holds before a load traps (needs ~5 GiB RAM)', args: [] },
  { name: 'marc-e2e', what: 'MARC ISO 2709 → RDF → store through `libkg import`, records/s', args: ['--records', '100000'] },
  { name: 'marc-read', what: 'MARC reader throughput (ISO 2709, MARC-8, MARCXML)', args: ['--records', '100000'] },
  { name: 'marc-stages', what: 'CPU time of each stage of the MARC import', args: [] },
  { name: 'marc-stream', what: 'peak RSS while streaming 1 GiB of MARC through the import path', args: [] },
  { name: 'usage-events', what: 'usage event log reading, events/s and peak RSS', args: ['--events', '1000000'] },
  { name: 'search', what: 'search index build and /search-shaped queries/s, p50, p99', args: ['--quads', '500000', '--seconds', '3'] },
  { name: 'oai-harvest', what: 'a full OAI-PMH ListRecords harvest, records/s', args: [] },
  { name: 'deref', what: 'entity dereferencing (/doc/…) throughput and latency against a bare Fastify route', args: [] },
  { name: 'query-limits', what: 'pre-scan, parse and shape-walk times of queries at the default limits', args: [] },
  {
    name: 'request-cost',
    what: 'CPU and wall time per SPARQL request of one build, through HTTP and through the store alone',
    needs: 'a built checkout and an imported data dir (--root, --data-dir, --meta)',
    args: ['--root', '<built checkout>', '--data-dir', '<imported data dir>', '--meta', '<generate() figures as JSON>'],
  },
  { name: 'link-job-health', what: '/health latency (client in its own process) while a link job compares pairs', args: [] },
  { name: 'link-persons', what: 'link discovery at scale: 100k × 100k synthetic persons, blocking and comparisons', args: ['--n', '100000'] },
  {
    name: 'query-path',
    what: 'the query path of two builds, rewrites on and off',
    needs: 'an earlier checkout (--old DIR)',
    args: ['--old', '<checkout of the earlier build>'],
  },
  {
    name: 'rewrite-audit',
    what: 'each query rewrite alone against rewrites off, on the broad-set queries it changes',
    needs: 'a data dir with bench/sp2b data (--data-dir, --meta)',
    args: ['--data-dir', '<data dir>', '--meta', '<generate() figures as JSON>'],
  },
  {
    name: 'analytical',
    what: 'the analytical (DuckDB) path against Oxigraph in process: load, RSS per million quads, every broad-set query, equal answers',
    args: ['--triples', '200000,1000000', '--runs', '3'],
  },
  { name: 'sparql-vs-virtuoso', what: 'SP2Bench queries, libkg against Virtuoso', needs: 'Virtuoso (virtuoso-t)', args: ['--triples', '1000000'] },
  { name: 'remote-mirror', what: 'write mirroring of the remote store adapter', needs: 'Virtuoso (virtuoso-t)', args: [] },
  {
    name: 'unauth-uploads',
    what: 'server RSS under unauthenticated uploads',
    needs: 'a running `libkg serve` (--port, --pid)',
    args: ['--port', '8080', '--pid', '<server pid>'],
  },
];

/** Scripts in bench/ that are not benches themselves: generators and shared parts. */
export const HELPERS = ['gen-biblio', 'gen-persons', 'gen-usage-events', 'marc-sample', 'catalog', 'run'];
