import { type Config, ensureDataDir } from '../config.js';
import { queryBackendFor } from '../store/analytical/index.js';
import { EmbeddedStore } from '../store/embedded.js';
import type { QuadStore } from '../store/port.js';
import { openRemoteStore } from '../store/remote/index.js';

/**
 * Opens the data dir's store; `engines: 0` for commands that only read or write the journal.
 * With a remote SPARQL endpoint configured, a serving store mirrors the journal to it instead of
 * starting engines (journal-only commands leave the remote to catch up at the next start).
 */
export async function openStore(config: Config, engines = 0, log?: import('pino').Logger): Promise<QuadStore> {
  ensureDataDir(config.dataDir);
  const common = { dataDir: config.dataDir, quadBudget: config.quadBudget, queryTimeoutMs: config.queryTimeoutMs, maxResultBytes: config.maxResultBytes, log };
  if (config.remoteSparql && engines > 0) {
    return openRemoteStore({
      ...common,
      remote: {
        endpoint: config.remoteSparql,
        updateEndpoint: config.remoteUpdate || undefined,
        graphStoreEndpoint: config.remoteGraphStore || undefined,
        user: config.remoteUser || undefined,
        password: config.remotePassword || undefined,
      },
    });
  }
  // LIBKG_ANALYTICAL: the DuckDB path in front of the engines (docs/decisions/0007-analytical-engine.md).
  return EmbeddedStore.open({ ...common, engines, engineNice: config.engineNice, queryBackend: queryBackendFor(config, engines, log) });
}
