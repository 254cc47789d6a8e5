/**
 * libkg over the remote store adapter and a fresh real Virtuoso, listening on loopback:
 * the remote engine path of the W3C evaluation and differential tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { openRemoteStore } from '../../src/store/remote/index.js';
import { TEST_TOKEN } from './server.js';
import { launchVirtuoso } from './virtuoso.js';

export interface LoopbackServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  baseIri: string;
  auth: { authorization: string };
  close(): Promise<void>;
}

export async function startRemoteServer(settings: Record<string, unknown> = {}): Promise<LoopbackServer> {
  const virtuoso = await launchVirtuoso({ anonymousUpdate: true });
  const dir = mkdtempSync(join(tmpdir(), 'libkg-w3c-remote-'));
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false, ...settings } as never);
  const store = await openRemoteStore({
    dataDir: dir,
    quadBudget: config.quadBudget,
    queryTimeoutMs: 20_000,
    maxResultBytes: config.maxResultBytes,
    remote: { endpoint: virtuoso.endpoint },
  });
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    baseIri: config.baseIri,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    async close() {
      await app.close();
      await store.close();
      await virtuoso.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
