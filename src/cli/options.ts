import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, configFromEnv, resolveConfig } from '../config.js';
import { LibkgError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command that opens a store understands. */
export const STORE_OPTIONS: Options = {
  'data-dir': { type: 'string' },
  'base-iri': { type: 'string' },
  'quad-budget': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const STORE_HELP = `  --data-dir DIR       data directory (env LIBKG_DATA_DIR, default ./data)
  --base-iri IRI       base IRI of minted IRIs (env LIBKG_BASE_IRI); a data dir records the first one
                       and keeps it; default: the recorded one, else http://localhost:<port>/ (8080)
  --quad-budget N      largest number of quads the store accepts (env LIBKG_QUAD_BUDGET)
  -h, --help           show this help`;

/** Strict parsing: unknown options are errors, with the command's usage in the message. */
export function parse(args: string[], options: Options, allowPositionals: boolean, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new LibkgError('USAGE', `${(e as Error).message}\n\n${usage}`);
  }
}

const FLAG_TO_KEY: Record<string, keyof Config> = {
  'data-dir': 'dataDir',
  'base-iri': 'baseIri',
  port: 'port',
  host: 'host',
  'quad-budget': 'quadBudget',
  engines: 'engines',
  'query-timeout': 'queryTimeoutMs',
  'max-result-bytes': 'maxResultBytes',
  'body-limit': 'bodyLimit',
  'log-level': 'logLevel',
  'request-log': 'requestLog',
  'remote-sparql': 'remoteSparql',
  'remote-update': 'remoteUpdate',
  'remote-graph-store': 'remoteGraphStore',
};

/** Flags > environment > defaults, validated once. */
export function configFrom(values: Record<string, unknown>, env = process.env): Config {
  const raw: Record<string, unknown> = { ...configFromEnv(env) };
  for (const [flag, key] of Object.entries(FLAG_TO_KEY)) if (values[flag] !== undefined) raw[key] = values[flag];
  if (values['no-demo']) raw.loadDemo = false;
  return resolveConfig(raw as Parameters<typeof resolveConfig>[0]);
}
