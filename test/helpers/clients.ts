/**
 * External tools some integration tests drive (Debian packages in .ci/apt-packages.txt).
 * On a machine without one, the tests that need it skip with one line naming the package;
 * in CI (CI=true, or LIBKG_REQUIRE_CLIENTS=1 as .ci/run sets) a missing tool fails the file,
 * so nothing is skipped silently there. LIBKG_TEST_HIDE_CLIENTS=xmllint,chromium (or `all`)
 * makes present tools count as missing, to test exactly that.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const SETUP_COMMAND = 'npm run setup:clients';

// Debian's interpreter, where the python3-* packages live (not a pyenv shim).
export const DEBIAN_PYTHON = '/usr/bin/python3';

interface Client {
  /** The Debian package that provides it. */
  pkg: string;
  present: () => boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (bin: string) => () => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, bin)));
const pythonModule = (mod: string) => () => spawnSync(DEBIAN_PYTHON, ['-c', `import ${mod}`], { stdio: 'ignore' }).status === 0;

const CLIENTS = {
  xmllint: { pkg: 'libxml2-utils', present: onPath('xmllint') },
  rapper: { pkg: 'raptor2-utils', present: onPath('rapper') },
  roqet: { pkg: 'rasqal-utils', present: onPath('roqet') },
  // test/helpers/browser.ts launches this exact binary.
  chromium: { pkg: 'chromium', present: () => executable('/usr/bin/chromium') },
  virtuoso: { pkg: 'virtuoso-opensource', present: () => onPath('virtuoso-t')() && onPath('isql-vt')() },
  rdflib: { pkg: 'python3-rdflib', present: pythonModule('rdflib') },
  sparqlwrapper: { pkg: 'python3-sparqlwrapper', present: pythonModule('SPARQLWrapper') },
  // HTTP::OAI's command-line harvester.
  'oai-harvester': { pkg: 'libhttp-oai-perl', present: onPath('oai_pmh') },
} satisfies Record<string, Client>;

export type ClientName = keyof typeof CLIENTS;

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v);

/** CI runs every test: a missing client is a failure there, not a skip. */
export function clientsRequired(env = process.env): boolean {
  if (env.LIBKG_REQUIRE_CLIENTS !== undefined) return truthy(env.LIBKG_REQUIRE_CLIENTS);
  return truthy(env.CI);
}

function hidden(name: string, env = process.env): boolean {
  const list = (env.LIBKG_TEST_HIDE_CLIENTS ?? '').split(',').map((s) => s.trim());
  return list.includes('all') || list.includes(name);
}

const checked = new Map<ClientName, boolean>();
const reported = new Set<string>();

/** The named clients this machine lacks (each probed once per test file). */
export function missingClients(...names: ClientName[]): ClientName[] {
  return names.filter((name) => {
    if (hidden(name)) return true;
    if (!checked.has(name)) checked.set(name, CLIENTS[name].present());
    return !checked.get(name);
  });
}

/**
 * True when a test needing these clients must skip: `describe.skipIf(lacks('chromium'))(…)`.
 * Prints one line naming what is missing; throws instead when clients are required (CI).
 */
export function lacks(...names: ClientName[]): boolean {
  const missing = missingClients(...names);
  if (!missing.length) return false;
  const what = missing.map((n) => `${n} (Debian ${CLIENTS[n].pkg})`).join(', ');
  if (clientsRequired()) {
    throw new Error(`missing test client ${what}; CI runs every test: install them with ${SETUP_COMMAND} (or unset LIBKG_REQUIRE_CLIENTS/CI to skip)`);
  }
  if (!reported.has(what)) {
    reported.add(what);
    process.stderr.write(`libkg tests: skipping tests that need ${what}; install every test client with: ${SETUP_COMMAND}\n`);
  }
  return true;
}
