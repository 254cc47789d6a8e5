/**
 * The engine paths a query can take, one entry each: a name and the settings that select
 * it, served as `libkg serve` would (test/helpers/remote-server.ts). The W3C SPARQL 1.1
 * suite (test/w3c-sparql11/) and the differential tests (test/differential/) run against
 * every entry; a new path is one more entry (and its list in test/w3c-sparql11/expected-failures.ts).
 */
import { SETTINGS } from '../../src/settings/table.js';
import { lacks } from './clients.js';
import { type LoopbackServer, startConfiguredServer, startRemoteServer } from './remote-server.js';

export interface EnginePath {
  /** Also the key of its expected-failure list. */
  name: string;
  /** Setting overrides (keys of src/settings/table.ts) that select this path. */
  settings: Record<string, unknown>;
  /** Implements SPARQL exactly, so the differential tests hold it to the plain engine's answers. */
  exact: boolean;
  /** True when a needed tool is missing here (the check prints the one-line hint). */
  unavailable: () => boolean;
  start(): Promise<LoopbackServer>;
}

const embedded = (name: string, settings: Record<string, unknown>): EnginePath => ({
  name,
  settings,
  exact: true,
  unavailable: () => false,
  start: () => startConfiguredServer(settings),
});

export const ENGINE_PATHS: EnginePath[] = [
  embedded('oxigraph, rewrites on', { queryRewrites: true }),
  embedded('oxigraph, rewrites off', { queryRewrites: false }),
  {
    name: 'remote (Virtuoso)',
    settings: {},
    // Virtuoso refuses or answers otherwise about half of the generated queries (arithmetic on
    // non-numbers is an error there, cost-model overflows, typed-literal forms): not compared.
    exact: false,
    unavailable: () => lacks('virtuoso'),
    start: () => startRemoteServer(),
  },
  // The analytical path (LIBKG_ANALYTICAL, src/store/analytical/) joins as soon as its setting exists; on branch
  // h6/duckdb at 75409aa it passed the W3C suite with Oxigraph's list and all 300 differential cases.
  ...('analytical' in SETTINGS ? [embedded('analytical (DuckDB), forced', { analytical: 'force' })] : []),
];
