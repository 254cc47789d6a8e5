import { type ParseArgsConfig, parseArgs } from 'node:util';
import { LibkgError } from '../errors.js';
import { settingOptions, settingsHelp } from '../settings/cli.js';

export { configFrom, settingOptions, settingsHelp } from '../settings/cli.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command that opens a store understands (from the settings table). */
export const STORE_OPTIONS: Options = settingOptions();

export const STORE_HELP = settingsHelp();

/** Strict parsing: unknown options are errors, with the command's usage in the message. */
export function parse(args: string[], options: Options, allowPositionals: boolean, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new LibkgError('USAGE', `${(e as Error).message}\n\n${usage}`);
  }
}
