import type { Config } from '../config.js';
import { LibkgError } from '../errors.js';
import { settingGiven } from '../settings/resolve.js';
import type { QuadStore } from '../store/port.js';
import { openStore } from './open-store.js';

/** Whether the operator named the base IRI (flag or LIBKG_BASE_IRI) rather than taking the default. */
export function baseIriGiven(values: Record<string, unknown>, env?: Record<string, string | undefined>): boolean {
  return settingGiven('baseIri', values, env);
}

/** The base a data dir written before bases were recorded shows in its graph names ({base}graph/…). */
function inferredBase(store: QuadStore): string | undefined {
  for (const c of store.changes(0, 100)) {
    const m = /^(https?:\/\/.*?\/)graph\//.exec(c.graph);
    if (m) return m[1];
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;
const WILDCARD = new Set(['', '0.0.0.0', '::']);

const portOf = (base: string) => {
  const u = new URL(base);
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
};

/** Why links under `base` would not reach a server listening at host:port ('' when they would). */
function unreachable(base: string, listen: { host: string; port: number }): string {
  if (listen.port === 0) return ''; // a port the OS picks: nothing to compare (tests)
  const u = new URL(base);
  // A public host name (data.example.org) is reached through DNS and a proxy: only a loopback base says where to listen.
  if (!LOOPBACK.test(u.hostname)) return '';
  const port = portOf(base);
  if (port !== listen.port) return `its port is ${port}, this server listens on port ${listen.port}`;
  if (!WILDCARD.has(listen.host) && !LOOPBACK.test(listen.host)) {
    return `its host is ${u.hostname}, this server listens on ${listen.host} only`;
  }
  return '';
}

/**
 * The data dir's IRIs were minted under one base; serving or importing under another would
 * make every /id/… a 404 or mint IRIs nobody answers. The first serve or import records the
 * base in the data dir; later runs take the recorded one, and refuse (exit 2) an explicit other
 * one, or a listening port the recorded links do not lead to unless the base is named explicitly
 * (the operator's word that a proxy maps it).
 */
export function settleBaseIri(config: Config, store: QuadStore, given: boolean, listen?: { host: string; port: number }): Config {
  let recorded = store.recordedBaseIri();
  if (recorded === undefined) {
    recorded = inferredBase(store);
    if (recorded === undefined) {
      store.recordBaseIri(config.baseIri);
      return config;
    }
    store.recordBaseIri(recorded);
  }
  const dir = config.dataDir;
  if (given) {
    if (config.baseIri === recorded) return config;
    throw new LibkgError(
      'BASE_IRI_MISMATCH',
      `data dir ${dir} holds IRIs minted under ${recorded}, not under the base IRI given (${config.baseIri}). ` +
        `Use --base-iri ${recorded} (or leave it out), or a new --data-dir for a dataset under ${config.baseIri}; ` +
        'moving a dataset to another base IRI (a migration) is not supported yet.',
      { recorded, given: config.baseIri },
    );
  }
  const why = listen ? unreachable(recorded, listen) : '';
  if (why) {
    throw new LibkgError(
      'BASE_IRI_MISMATCH',
      `data dir ${dir} holds IRIs minted under ${recorded}, and ${why}: every link it serves would lead elsewhere. ` +
        `Start it where its IRIs point (--port ${portOf(recorded)}), or pass --base-iri ${recorded} ` +
        `if a proxy maps ${recorded} to this server, or use a new --data-dir for a dataset under http://localhost:${listen?.port}/.`,
      { recorded },
    );
  }
  return { ...config, baseIri: recorded };
}

/** Settles the base IRI on the data dir's journal alone, before a server loads its engines: a refusal comes at once. */
export async function settledBaseIri(config: Config, given: boolean, listen?: { host: string; port: number }): Promise<Config> {
  const store = await openStore(config);
  try {
    return settleBaseIri(config, store, given, listen);
  } finally {
    await store.close();
  }
}
