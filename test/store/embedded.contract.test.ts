import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { QuadStore } from '../../src/store/port.js';
import { describeStoreContract } from '../contract/store-contract.js';

let dir = '';
let budget = 0;
const open = (b: number) => EmbeddedStore.open({ dataDir: dir, quadBudget: b, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });

describeStoreContract('embedded (SQLite journal + Oxigraph engines)', {
  async open(b) {
    dir = mkdtempSync(join(tmpdir(), 'libkg-contract-'));
    budget = b;
    return open(b);
  },
  async reopen(store: QuadStore) {
    await store.close();
    return open(budget);
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});
