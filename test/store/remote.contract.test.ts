import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { QuadStore } from '../../src/store/port.js';
import { openRemoteStore } from '../../src/store/remote/index.js';
import { describeStoreContract } from '../contract/store-contract.js';
import { lacks } from '../helpers/clients.js';
import { launchVirtuoso, type Virtuoso } from '../helpers/virtuoso.js';

// One real Virtuoso for the whole file; every test starts from a new journal and a remote without data.
let virtuoso: Virtuoso;
let dir = '';
let budget = 0;

beforeAll(async () => {
  virtuoso = await launchVirtuoso({ anonymousUpdate: true });
}, 120_000);
afterAll(async () => {
  await virtuoso?.stop();
});

const open = (b: number) =>
  openRemoteStore({ dataDir: dir, quadBudget: b, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000, remote: { endpoint: virtuoso.endpoint } });

describeStoreContract('remote (SQLite journal + Virtuoso over SPARQL 1.1)', {
  skip: lacks('virtuoso'),
  async open(b) {
    dir = mkdtempSync(join(tmpdir(), 'libkg-remote-contract-'));
    budget = b;
    return open(b);
  },
  async reopen(store: QuadStore) {
    await store.close();
    return open(budget);
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
    await virtuoso.dropData();
  },
});
