/**
 * The remote adapter: the same journal as the embedded store (durability, change log, versions,
 * originals, budget), with a remote SPARQL 1.1 engine answering queries instead of Oxigraph engines.
 * See docs/decisions/0005-remote-store.md.
 */
import { type EmbeddedOptions, EmbeddedStore } from '../embedded.js';
import type { QuadStore } from '../port.js';
import { type RemoteOptions, RemotePool } from './pool.js';

export type { RemoteOptions } from './pool.js';

export interface RemoteStoreOptions extends Omit<EmbeddedOptions, 'engines' | 'queryBackend'> {
  remote: RemoteOptions;
}

/** Opens the data dir's journal and mirrors it to the remote endpoint (catching the remote up first when it answers). */
export function openRemoteStore(opts: RemoteStoreOptions): Promise<QuadStore> {
  return EmbeddedStore.open({ ...opts, engines: 0, queryBackend: (dbPath) => new RemotePool(dbPath, { log: opts.log, ...opts.remote }) });
}
