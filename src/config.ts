import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LibkgError } from './errors.js';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMIT_SETTINGS, type QueryLimits } from './store/query-limits.js';

/** Every setting libkg reads, with its default. Flags > environment > defaults. Query-shape limits: src/store/query-limits.ts. */
export interface Config extends QueryLimits {
  dataDir: string;
  /** Base of minted IRIs; default http://localhost:{port}/. A data dir keeps the first one it was served or imported under (src/cli/base-iri.ts). */
  baseIri: string;
  port: number;
  host: string;
  /** Tokens from LIBKG_WRITE_TOKENS (plain), in addition to hashed tokens in the data dir. */
  writeTokens: string[];
  /** Largest number of quads the store accepts; writes beyond it are refused (HTTP 507). */
  quadBudget: number;
  /** Oxigraph engines (worker threads), each a full in-memory copy. */
  engines: number;
  queryTimeoutMs: number;
  /** Largest serialized query result, in bytes. */
  maxResultBytes: number;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Largest decompressed size of one imported .gz file, in bytes (gzip bombs). */
  importMaxInflatedBytes: number;
  /** Longest token (IRI, literal, name) in an imported Turtle-family file, in bytes. */
  importMaxTokenBytes: number;
  /** Whether reads (queries, GET) need no token. */
  publicReads: boolean;
  logLevel: string;
  /** One info log line per request (method, URL, status, ms); off for benchmarks. */
  requestLog: boolean;
  /** Load fixtures/ into an empty store on first start. */
  loadDemo: boolean;
  /** The search index file ('' = search.sqlite in the data dir); derived data, rebuilt when missing. */
  searchIndex: string;
  /** Largest page of search results a client may ask for. */
  searchMaxPageSize: number;
  /** A remote SPARQL 1.1 query endpoint answering queries instead of the engines ('' = embedded engines); docs/decisions/0005-remote-store.md. */
  remoteSparql: string;
  /** Its update endpoint ('' = the query endpoint). */
  remoteUpdate: string;
  /** Its Graph Store Protocol endpoint ('' = Virtuoso's /sparql-graph-crud next to /sparql, else none). */
  remoteGraphStore: string;
  /** HTTP Basic credentials for the remote ('' = none). */
  remoteUser: string;
  remotePassword: string;
  /** The OAI-PMH Identify adminEmail ('' = admin@ the base IRI's host). */
  oaiAdminEmail: string;
}

export const DEFAULTS: Config = {
  dataDir: './data',
  baseIri: 'http://localhost:8080/',
  port: 8080,
  host: '0.0.0.0',
  writeTokens: [],
  // The WASM engine fills near 12.9 M short quads (docs/decisions/0002-quad-budget.md); keep well below.
  quadBudget: 8_000_000,
  engines: 2,
  queryTimeoutMs: 30_000,
  maxResultBytes: 256 * 1024 * 1024,
  bodyLimit: 64 * 1024 * 1024,
  importMaxInflatedBytes: 2 * 1024 * 1024 * 1024,
  // The N3 lexer is quadratic on one token: 1 MiB parses in 0.3 s, 4 MiB in 2.8 s, 16 MiB in 47 s.
  importMaxTokenBytes: 1024 * 1024,
  publicReads: true,
  logLevel: 'info',
  requestLog: true,
  loadDemo: true,
  searchIndex: '',
  searchMaxPageSize: 100,
  remoteSparql: '',
  remoteUpdate: '',
  remoteGraphStore: '',
  remoteUser: '',
  remotePassword: '',
  oaiAdminEmail: '',
  ...DEFAULT_QUERY_LIMITS,
};

type Env = Record<string, string | undefined>;

/** Reads LIBKG_* variables into a partial config (strings still unparsed). */
export function configFromEnv(env: Env): Partial<Record<keyof Config, string>> {
  const pick: [keyof Config, string][] = [
    ['dataDir', 'LIBKG_DATA_DIR'],
    ['baseIri', 'LIBKG_BASE_IRI'],
    ['port', 'LIBKG_PORT'],
    ['host', 'LIBKG_HOST'],
    ['writeTokens', 'LIBKG_WRITE_TOKENS'],
    ['quadBudget', 'LIBKG_QUAD_BUDGET'],
    ['engines', 'LIBKG_ENGINES'],
    ['queryTimeoutMs', 'LIBKG_QUERY_TIMEOUT'],
    ['maxResultBytes', 'LIBKG_MAX_RESULT_BYTES'],
    ['bodyLimit', 'LIBKG_BODY_LIMIT'],
    ['importMaxInflatedBytes', 'LIBKG_IMPORT_MAX_INFLATED'],
    ['importMaxTokenBytes', 'LIBKG_IMPORT_MAX_TOKEN'],
    ['publicReads', 'LIBKG_PUBLIC_READS'],
    ['logLevel', 'LIBKG_LOG_LEVEL'],
    ['requestLog', 'LIBKG_REQUEST_LOG'],
    ['loadDemo', 'LIBKG_LOAD_DEMO'],
    ['searchIndex', 'LIBKG_SEARCH_INDEX'],
    ['searchMaxPageSize', 'LIBKG_SEARCH_MAX_PAGE_SIZE'],
    ['remoteSparql', 'LIBKG_REMOTE_SPARQL'],
    ['remoteUpdate', 'LIBKG_REMOTE_UPDATE'],
    ['remoteGraphStore', 'LIBKG_REMOTE_GRAPH_STORE'],
    ['remoteUser', 'LIBKG_REMOTE_USER'],
    ['remotePassword', 'LIBKG_REMOTE_PASSWORD'],
    ['oaiAdminEmail', 'LIBKG_OAI_ADMIN_EMAIL'],
    ...(Object.entries(QUERY_LIMIT_SETTINGS) as [keyof QueryLimits, string][]),
  ];
  const out: Partial<Record<keyof Config, string>> = {};
  for (const [key, name] of pick) {
    const v = env[name];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

function int(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new LibkgError('CONFIG_INVALID', `${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new LibkgError('CONFIG_INVALID', `${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(name: string, raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new LibkgError('CONFIG_INVALID', `${name} must be true or false, got "${raw}"`);
}

/**
 * Merges raw settings (flags over environment) onto the defaults and validates
 * them once; every later module trusts the result.
 */
export function resolveConfig(raw: Partial<Record<keyof Config, string | number | boolean | string[]>>): Config {
  const c: Config = { ...DEFAULTS };
  const s = (v: unknown) => String(v);
  if (raw.dataDir !== undefined) c.dataDir = s(raw.dataDir);
  if (raw.baseIri !== undefined) c.baseIri = s(raw.baseIri);
  if (raw.host !== undefined) c.host = s(raw.host);
  if (raw.logLevel !== undefined) c.logLevel = s(raw.logLevel);
  if (raw.port !== undefined) c.port = int('port', s(raw.port), 0, 65535);
  // A new dataset's default base is where the server answers: --port 9000 mints http://localhost:9000/…
  // (port 0 lets the OS pick, so there is nothing to follow).
  if (raw.baseIri === undefined && c.port !== 0) c.baseIri = `http://localhost:${c.port}/`;
  if (raw.quadBudget !== undefined) c.quadBudget = int('quad budget', s(raw.quadBudget), 1, 12_000_000);
  if (raw.engines !== undefined) c.engines = int('engines', s(raw.engines), 1, 8);
  // The query timeout is given in seconds (as --query-timeout / LIBKG_QUERY_TIMEOUT).
  if (raw.queryTimeoutMs !== undefined) c.queryTimeoutMs = int('query timeout (seconds)', s(raw.queryTimeoutMs), 1, 86_400) * 1000;
  if (raw.maxResultBytes !== undefined) c.maxResultBytes = int('max result bytes', s(raw.maxResultBytes), 1024, 2 ** 31);
  if (raw.bodyLimit !== undefined) c.bodyLimit = int('body limit', s(raw.bodyLimit), 1024, 2 ** 31);
  if (raw.importMaxInflatedBytes !== undefined) c.importMaxInflatedBytes = int('import max inflated bytes', s(raw.importMaxInflatedBytes), 1024, 2 ** 45);
  if (raw.importMaxTokenBytes !== undefined) c.importMaxTokenBytes = int('import max token bytes', s(raw.importMaxTokenBytes), 1024, 2 ** 31);
  if (raw.publicReads !== undefined) c.publicReads = typeof raw.publicReads === 'boolean' ? raw.publicReads : bool('public reads', s(raw.publicReads));
  if (raw.requestLog !== undefined) c.requestLog = typeof raw.requestLog === 'boolean' ? raw.requestLog : bool('request log', s(raw.requestLog));
  if (raw.loadDemo !== undefined) c.loadDemo = typeof raw.loadDemo === 'boolean' ? raw.loadDemo : bool('load demo', s(raw.loadDemo));
  if (raw.searchIndex !== undefined) c.searchIndex = s(raw.searchIndex);
  if (raw.searchMaxPageSize !== undefined) c.searchMaxPageSize = int('search max page size', s(raw.searchMaxPageSize), 1, 10_000);
  for (const key of ['remoteSparql', 'remoteUpdate', 'remoteGraphStore'] as const) {
    if (raw[key] === undefined || raw[key] === '') continue;
    c[key] = s(raw[key]);
    if (!/^https?:\/\/[^/]/.test(c[key])) throw new LibkgError('CONFIG_INVALID', `${key} must be an http(s) URL, got "${c[key]}"`);
  }
  for (const key of Object.keys(QUERY_LIMIT_SETTINGS) as (keyof QueryLimits)[]) {
    if (raw[key] !== undefined) c[key] = int(QUERY_LIMIT_SETTINGS[key], s(raw[key]), 1, 2 ** 31);
  }
  if (raw.remoteUser !== undefined) c.remoteUser = s(raw.remoteUser);
  if (raw.remotePassword !== undefined) c.remotePassword = s(raw.remotePassword);
  if (raw.oaiAdminEmail !== undefined && raw.oaiAdminEmail !== '') {
    c.oaiAdminEmail = s(raw.oaiAdminEmail).trim();
    // OAI-PMH requires an e-mail address here (Identify, §4.2).
    if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(c.oaiAdminEmail))
      throw new LibkgError('CONFIG_INVALID', `OAI admin e-mail must be an e-mail address, got "${c.oaiAdminEmail}"`);
  }
  if (raw.writeTokens !== undefined) {
    c.writeTokens = (Array.isArray(raw.writeTokens) ? raw.writeTokens : s(raw.writeTokens).split(',')).map((t) => t.trim()).filter(Boolean);
  }
  let base: URL;
  try {
    base = new URL(c.baseIri);
  } catch {
    throw new LibkgError('CONFIG_INVALID', `base IRI must be an absolute IRI such as http://example.org/, got "${c.baseIri}"`);
  }
  if (!/^https?:$/.test(base.protocol)) throw new LibkgError('CONFIG_INVALID', `base IRI must use http or https, got "${c.baseIri}"`);
  if (!c.baseIri.endsWith('/')) c.baseIri += '/';
  c.dataDir = resolve(c.dataDir);
  if (c.searchIndex) c.searchIndex = resolve(c.searchIndex);
  return c;
}

/** Makes sure the data dir exists and is writable; a clear message otherwise. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new LibkgError('CONFIG_INVALID', `data dir ${dir} is not writable: ${(e as Error).message}`);
  }
}
