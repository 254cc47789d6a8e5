/**
 * A libkg server on loopback over the store `libkg serve` would open for the given settings
 * (src/cli/open-store.ts), and the same over a fresh real Virtuoso (the remote store adapter):
 * the engine paths of the W3C evaluation and differential tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { openStore } from '../../src/cli/open-store.js';
import { resolveConfig } from '../../src/config.js';
import { TEST_TOKEN } from './server.js';
import { launchVirtuoso } from './virtuoso.js';

export interface LoopbackServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  baseIri: string;
  auth: { authorization: string };
  close(): Promise<void>;
}

/** A server with one engine, configured as `libkg serve` with these settings (keys of src/settings/table.ts) would be. */
export async function startConfiguredServer(settings: Record<string, unknown> = {}): Promise<LoopbackServer> {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-engine-path-'));
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false, ...settings } as never);
  const store = await openStore(config, 1);
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The remote store adapter (LIBKG_REMOTE_SPARQL) over a Virtuoso of its own, stopped on close. */
export async function startRemoteServer(settings: Record<string, unknown> = {}): Promise<LoopbackServer> {
  const virtuoso = await launchVirtuoso({ anonymousUpdate: true });
  try {
    const server = await startConfiguredServer({ ...settings, remoteSparql: virtuoso.endpoint });
    return {
      ...server,
      async close() {
        await server.close();
        await virtuoso.stop();
      },
    };
  } catch (e) {
    await virtuoso.stop();
    throw e;
  }
}
