import { type Config, ensureDataDir } from '../config.js';
import { EmbeddedStore } from '../store/embedded.js';

/** Opens the data dir's store; `engines: 0` for commands that only read or write the journal. */
export async function openStore(config: Config, engines = 0, log?: import('pino').Logger): Promise<EmbeddedStore> {
  ensureDataDir(config.dataDir);
  return EmbeddedStore.open({
    dataDir: config.dataDir,
    quadBudget: config.quadBudget,
    engines,
    queryTimeoutMs: config.queryTimeoutMs,
    maxResultBytes: config.maxResultBytes,
    log,
  });
}
