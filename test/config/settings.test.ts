import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configFrom } from '../../src/cli/options.js';
import { type DEFAULTS, resolveConfig } from '../../src/config.js';
import { settingOptions } from '../../src/settings/cli.js';
import { SETTINGS } from '../../src/settings/table.js';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMIT_SETTINGS } from '../../src/store/query-limits.js';
import { BIN } from '../helpers/child-server.js';

const run = promisify(execFile);
const libkg = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LIBKG_LOG_LEVEL: 'warn', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

// The names as they were before the table (flags of `libkg serve`, and every variable): none may change.
const FLAGS: Record<string, [string, string, unknown]> = {
  'data-dir': ['dataDir', '/tmp/x', '/tmp/x'],
  'base-iri': ['baseIri', 'http://ex.org/kg', 'http://ex.org/kg/'],
  port: ['port', '9001', 9001],
  host: ['host', '127.0.0.1', '127.0.0.1'],
  'quad-budget': ['quadBudget', '1000', 1000],
  engines: ['engines', '3', 3],
  'query-timeout': ['queryTimeoutMs', '5', 5000],
  'max-result-bytes': ['maxResultBytes', '4096', 4096],
  'body-limit': ['bodyLimit', '2048', 2048],
  'log-level': ['logLevel', 'debug', 'debug'],
  'request-log': ['requestLog', 'off', false],
  'remote-sparql': ['remoteSparql', 'http://ex.org/sparql', 'http://ex.org/sparql'],
  'remote-update': ['remoteUpdate', 'http://ex.org/update', 'http://ex.org/update'],
  'remote-graph-store': ['remoteGraphStore', 'http://ex.org/gsp', 'http://ex.org/gsp'],
};
const ENV: Record<string, [string, string, unknown]> = {
  LIBKG_WRITE_TOKENS: ['writeTokens', 'a, b', ['a', 'b']],
  LIBKG_IMPORT_MAX_INFLATED: ['importMaxInflatedBytes', '65536', 65536],
  LIBKG_IMPORT_MAX_TOKEN: ['importMaxTokenBytes', '4096', 4096],
  LIBKG_PUBLIC_READS: ['publicReads', 'false', false],
  LIBKG_LOAD_DEMO: ['loadDemo', 'no', false],
  LIBKG_SEARCH_INDEX: ['searchIndex', '/tmp/s.sqlite', '/tmp/s.sqlite'],
  LIBKG_SEARCH_MAX_PAGE_SIZE: ['searchMaxPageSize', '20', 20],
  LIBKG_REMOTE_USER: ['remoteUser', 'u', 'u'],
  LIBKG_REMOTE_PASSWORD: ['remotePassword', 'p', 'p'],
  LIBKG_OAI_ADMIN_EMAIL: ['oaiAdminEmail', ' a@ex.org ', 'a@ex.org'],
  LIBKG_ENGINE_NICE: ['engineNice', '0', 0],
  LIBKG_QUERY_REWRITES: ['queryRewrites', 'off', []],
  LIBKG_RESULT_CACHE: ['resultCache', 'off', false],
  LIBKG_MAX_QUERY_CHARS: ['maxQueryChars', '99', 99],
};

describe('Settings resolution', () => {
  it('keeps every flag and environment variable name, flags winning over the environment', () => {
    for (const [flag, [key, raw, value]] of Object.entries(FLAGS)) {
      expect(configFrom({ [flag]: raw }, {})[key as keyof typeof DEFAULTS], flag).toEqual(value);
      const env = SETTINGS[key as keyof typeof SETTINGS].env;
      expect(configFrom({}, { [env]: raw })[key as keyof typeof DEFAULTS], env).toEqual(value);
    }
    for (const [env, [key, raw, value]] of Object.entries(ENV)) expect(configFrom({}, { [env]: raw })[key as keyof typeof DEFAULTS], env).toEqual(value);
    expect(configFrom({ 'no-demo': true }, { LIBKG_LOAD_DEMO: 'true' }).loadDemo).toBe(false);
    expect(configFrom({ port: '9000' }, { LIBKG_PORT: '7000' }).port).toBe(9000);
    expect(configFrom({}, { LIBKG_PORT: '7000' }).baseIri).toBe('http://localhost:7000/');
  });

  it('refuses a bad value naming the setting, where it came from and the value', () => {
    expect(() => configFrom({ port: 'eighty' }, {})).toThrow('port must be a whole number, got "eighty" (--port)');
    expect(() => configFrom({}, { LIBKG_PORT: '70000' })).toThrow('port must be between 0 and 65535, got 70000 (LIBKG_PORT)');
    expect(() => configFrom({}, { LIBKG_ENGINE_NICE: '25' })).toThrow('engine nice must be between 0 and 19, got 25 (LIBKG_ENGINE_NICE)');
    expect(() => configFrom({}, { LIBKG_RESULT_CACHE: 'maybe' })).toThrow('result cache must be true or false, got "maybe" (LIBKG_RESULT_CACHE)');
    expect(() => configFrom({ 'log-level': 'loud' }, {})).toThrow(
      /log level must be one of fatal, error, warn, info, debug, trace, silent, got "loud" \(--log-level\)/,
    );
    expect(() => configFrom({}, { LIBKG_REMOTE_SPARQL: 'ftp://x' })).toThrow(/must be an http\(s\) URL, got "ftp:\/\/x" \(LIBKG_REMOTE_SPARQL\)/);
    // Code that passes values gets the same checks, without an origin.
    expect(() => resolveConfig({ engines: 0 })).toThrow(/^engines must be between 1 and 8, got 0$/);
  });

  it('gives the query-shape limits their defaults and variable names from the table', () => {
    expect(DEFAULT_QUERY_LIMITS).toEqual({
      maxQueryChars: 131072,
      maxQueryDepth: 200,
      maxTriplePatterns: 500,
      maxUnionBranches: 1000,
      maxValuesRows: 10_000,
      maxExpressionNodes: 2000,
      maxGraphqlFields: 500,
      maxGraphqlDepth: 15,
    });
    expect(QUERY_LIMIT_SETTINGS.maxValuesRows).toBe('LIBKG_MAX_VALUES_ROWS');
    expect(resolveConfig({})).toMatchObject(DEFAULT_QUERY_LIMITS);
  });

  it('is the only code that reads the environment', () => {
    const src = new URL('../../src/', import.meta.url).pathname;
    const readers = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.startsWith('settings/'))
      .filter((f) => /process\.env|env\.LIBKG_|env\[['"]LIBKG_/.test(readFileSync(join(src, f), 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('Settings on the command line', () => {
  it('serve --help lists every flag serve accepts and every variable it reads', async () => {
    const r = await libkg(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const s of Object.values(SETTINGS).filter((s) => (s.commands as readonly string[]).includes('serve'))) expect(r.stdout).toContain(s.env);
    for (const flag of Object.keys(settingOptions('serve'))) expect(r.stdout).toContain(`--${flag}`);
    expect(Object.keys(settingOptions('serve'))).toEqual(expect.arrayContaining([...Object.keys(FLAGS), 'no-demo', 'help']));
    expect((await libkg(['reindex', '--help'])).stdout).toContain('--search-index FILE');
  });

  it('exits 2 naming the variable when a former direct read gets a bad value', async () => {
    const r = await libkg(['stats', '--data-dir', '/tmp/libkg-settings-never-made'], { LIBKG_QUERY_REWRITES: 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CONFIG_INVALID: query rewrites names no rewrite "sometimes"; known: optional-minus,');
    expect(r.stderr).toContain('(LIBKG_QUERY_REWRITES)');
  });
});
