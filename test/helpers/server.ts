import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { type Config, resolveConfig } from '../../src/config.js';
import type { QueryBackend } from '../../src/store/backend.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestServer {
  app: FastifyInstance;
  store: EmbeddedStore;
  config: Config;
  /** http://127.0.0.1:PORT/ once `listen` was asked for. */
  url: string;
  auth: { authorization: string };
  close(): Promise<void>;
}

/** A real app over a real store in a temporary data dir; `listen: true` serves on a loopback port for real clients. */
export async function startTestServer(
  options: { listen?: boolean; engines?: number; config?: Record<string, unknown>; queryBackend?: (dbPath: string) => QueryBackend } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-test-'));
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false, ...options.config } as never);
  const store = await EmbeddedStore.open({
    dataDir: dir,
    quadBudget: config.quadBudget,
    engines: options.engines ?? 1,
    queryTimeoutMs: config.queryTimeoutMs,
    maxResultBytes: config.maxResultBytes,
    queryBackend: options.queryBackend,
  });
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
  let url = '';
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (addr && typeof addr === 'object') url = `http://127.0.0.1:${addr.port}/`;
  } else await app.ready();
  return {
    app,
    store,
    config,
    url,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
