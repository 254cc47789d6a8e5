import { accessSync, constants, mkdirSync } from 'node:fs';
import { LibkgError } from './errors.js';

// Every setting is declared once in src/settings/table.ts; resolution lives beside it.
export { type Config, configFromEnv, DEFAULTS, type RawSettings, resolveConfig } from './settings/resolve.js';

/** Makes sure the data dir exists and is writable; a clear message otherwise. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new LibkgError('CONFIG_INVALID', `data dir ${dir} is not writable: ${(e as Error).message}`);
  }
}
