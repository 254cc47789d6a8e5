import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { main } from '../../src/cli/main.js';
import { resolveConfig } from '../../src/config.js';
import { SqliteSearchIndex } from '../../src/search/sqlite.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fixture, importFixtures } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'libkg-search-restart-'));
const BASE = 'http://localhost:8080/';
const config = resolveConfig({ dataDir: dir, logLevel: 'warn', loadDemo: false });
const INDEX = join(dir, 'search.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server on the data dir, as `libkg serve` starts it. */
async function serve() {
  const store = await EmbeddedStore.open({
    dataDir: dir,
    quadBudget: config.quadBudget,
    engines: 1,
    queryTimeoutMs: 30_000,
    maxResultBytes: config.maxResultBytes,
  });
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
  await app.ready();
  const ids = async (q: string) => {
    const r = await app.inject({ url: `/search?q=${encodeURIComponent(q)}&size=100`, headers: { accept: 'application/json' } });
    expect(r.statusCode).toBe(200);
    return (r.json() as { 'hydra:member': { id: string }[] })['hydra:member'].map((m) => m.id);
  };
  return {
    store,
    ids,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** The CLI, in this process, quiet. */
async function cli(...args: string[]): Promise<number> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return await main(args);
  } finally {
    log.mockRestore();
  }
}

const lastSeqOfIndex = () => {
  const index = new SqliteSearchIndex(INDEX, BASE);
  try {
    return index.lastSeq();
  } finally {
    index.close();
  }
};

describe('the search index across restarts', () => {
  it('catches up with a CLI import and a delete made while the server was down, from its kept file', async () => {
    let server = await serve();
    await importFixtures(server.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml']);
    expect(await server.ids('author:dvorak')).toContain(`${BASE}id/work/local-7704450`);
    await server.close();
    const indexedBefore = lastSeqOfIndex();
    expect(indexedBefore).toBeGreaterThan(0);

    // Another process changes the store: the CLI imports, and a writer deletes a record.
    expect(await cli('import', '--data-dir', dir, fixture('catalog/marc-perl-cjk1.marc'))).toBe(0);
    const writer = await EmbeddedStore.open({
      dataDir: dir,
      quadBudget: config.quadBudget,
      engines: 0,
      queryTimeoutMs: 30_000,
      maxResultBytes: config.maxResultBytes,
    });
    await writer.deleteGraphs([`${BASE}graph/catalog/local-7704450`]);
    const storeSeq = writer.stats().lastSeq;
    await writer.close();
    expect(existsSync(INDEX)).toBe(true);

    server = await serve();
    expect(await server.ids('アイヌ語')).toEqual([`${BASE}id/work/cstrlin-MIUO02-B3220`]);
    expect(await server.ids('author:dvorak')).not.toContain(`${BASE}id/work/local-7704450`);
    expect(await server.ids('外交')).toEqual([`${BASE}id/work/local-11863566`]);
    await server.close();
    // It caught up from where it was (the change log after its last sequence), not from scratch.
    expect(lastSeqOfIndex()).toBe(storeSeq);
  });

  it('is rebuilt by `libkg reindex`, and from scratch when its file is gone or damaged, with the same answers', async () => {
    let server = await serve();
    const before = await server.ids('foreign OR アイヌ語 OR sonata');
    await server.close();
    expect(before.length).toBeGreaterThan(1);

    expect(await cli('reindex', '--data-dir', dir)).toBe(0);
    server = await serve();
    expect(await server.ids('foreign OR アイヌ語 OR sonata')).toEqual(before);
    await server.close();

    for (const f of [INDEX, `${INDEX}-wal`, `${INDEX}-shm`]) rmSync(f, { force: true });
    server = await serve();
    expect(await server.ids('foreign OR アイヌ語 OR sonata')).toEqual(before);
    await server.close();

    // A damaged index file does not keep the server from starting: it is rebuilt.
    for (const f of [`${INDEX}-wal`, `${INDEX}-shm`]) rmSync(f, { force: true });
    writeFileSync(INDEX, 'this is not a SQLite database, it is a damaged index file '.repeat(100));
    server = await serve();
    expect(await server.ids('foreign OR アイヌ語 OR sonata')).toEqual(before);
    await server.close();
  });
});
