import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { TEST_TOKEN } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'libkg-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open() {
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false } as never);
  const store = await EmbeddedStore.open({
    dataDir: dir,
    quadBudget: config.quadBudget,
    engines: 1,
    queryTimeoutMs: 10_000,
    maxResultBytes: config.maxResultBytes,
  });
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
  await app.ready();
  return { app, store };
}

const ASK = 'ASK { GRAPH <http://example.org/durable> { <http://example.org/s> <http://example.org/p> "kept" } }';
const PUT_GSP = '<http://example.org/s> <http://example.org/p> "via graph store" .';

describe('durability through HTTP', () => {
  it('an acknowledged update and graph store PUT survive a restart of the store', async () => {
    const first = await open();
    const update = await first.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TEST_TOKEN}` },
      payload: `INSERT DATA { GRAPH <http://example.org/durable> { <http://example.org/s> <http://example.org/p> "kept" } }`,
    });
    expect(update.statusCode).toBe(200);
    const put = await first.app.inject({
      method: 'PUT',
      url: `/store?graph=${encodeURIComponent('http://example.org/gsp')}`,
      headers: { 'content-type': 'application/n-triples', authorization: `Bearer ${TEST_TOKEN}` },
      payload: PUT_GSP,
    });
    expect(put.statusCode).toBe(201);
    await first.app.close();
    await first.store.close();

    const second = await open();
    try {
      const ask = await second.app.inject({ url: `/sparql?query=${encodeURIComponent(ASK)}` });
      expect(ask.json().boolean).toBe(true);
      const get = await second.app.inject({
        url: `/store?graph=${encodeURIComponent('http://example.org/gsp')}`,
        headers: { accept: 'application/n-triples' },
      });
      expect(get.body.trim()).toBe(PUT_GSP);
    } finally {
      await second.app.close();
      await second.store.close();
    }
  });
});
