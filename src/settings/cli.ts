/** Each command's setting flags (for parseArgs) and their --help text, made from the settings table. */
import type { ParseArgsConfig } from 'node:util';
import { type Config, entries, rawFromCommandLine, resolveConfig } from './resolve.js';
import { COMMANDS, type Command, GROUPS, type Group, type Setting } from './table.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type AnySetting = Setting<unknown>;

const flagCommands = (s: AnySetting) => s.flag?.commands ?? s.commands;
/** No command named: the settings every command takes. */
const takesFlag = (s: AnySetting, command?: Command) =>
  s.flag !== undefined && (command ? flagCommands(s).includes(command) : COMMANDS.every((c) => flagCommands(s).includes(c)));

/** The parseArgs options of the setting flags `command` accepts, and -h/--help. */
export function settingOptions(command?: Command): Options {
  const options: Options = {};
  for (const [, s] of entries()) if (s.flag && takesFlag(s, command)) options[s.flag.name] = { type: s.flag.negates ? 'boolean' : 'string' };
  options.help = { type: 'boolean', short: 'h' };
  return options;
}

/** The default as --help and the README show it ('' when there is none to show). */
export const shownDefault = (s: AnySetting) => s.defaultText ?? s.kind.show(s.default);

const FLAG_COLUMN = 23;
const WIDTH = 100;

/** `left` padded to the help column, then `words` wrapped under it. */
function helpLine(left: string, words: string, column = FLAG_COLUMN): string {
  const lines: string[] = [];
  let line = left.length < column - 1 ? left.padEnd(column) : `${left}\n${' '.repeat(column)}`;
  let width = line.length - line.lastIndexOf('\n') - 1;
  for (const word of words.split(' ')) {
    if (width > column && width + 1 + word.length > WIDTH) {
      lines.push(line.trimEnd());
      line = ' '.repeat(column);
      width = column;
    }
    line += width > column ? ` ${word}` : word;
    width += (width > column ? 1 : 0) + word.length;
  }
  lines.push(line);
  return lines.join('\n');
}

const plain = (markdown: string) => markdown.replaceAll('`', '');

function flagHelp(s: AnySetting): string {
  const flag = s.flag as NonNullable<AnySetting['flag']>;
  const def = shownDefault(s);
  if (flag.negates) return helpLine(`  --${flag.name}`, `do not ${plain(s.help)} (env ${s.env}=false)`);
  return helpLine(`  --${flag.name} ${s.kind.arg}`, `${plain(s.help)} (env ${s.env}${def ? `, default ${plain(def)}` : ''})`);
}

function envHelp(s: AnySetting, column: number): string {
  const def = shownDefault(s);
  return helpLine(`  ${s.env}`, `${plain(s.help)}${def ? ` (default ${plain(def)})` : ''}`, column);
}

/**
 * The settings part of a command's --help: its setting flags by group, then
 * the settings it reads from the environment only.
 */
export function settingsHelp(command?: Command): string {
  const all = entries().map(([, s]) => s);
  const flags: string[] = [];
  for (const group of Object.keys(GROUPS) as Group[]) for (const s of all) if (s.group === group && takesFlag(s, command)) flags.push(flagHelp(s));
  flags.push(helpLine('  -h, --help', 'show this help'));
  const envOnly = command ? all.filter((s) => s.commands.includes(command) && !takesFlag(s, command)) : [];
  if (!envOnly.length) return flags.join('\n');
  const column = Math.max(...envOnly.map((s) => s.env.length)) + 4;
  return `${flags.join('\n')}\n\nEnvironment (no flag; all settings: README, Configuration):\n${envOnly.map((s) => envHelp(s, column)).join('\n')}`;
}

/** Flags > environment > defaults, validated once; a bad value names its flag or variable. */
export function configFrom(values: Record<string, unknown>, env: Record<string, string | undefined> = process.env): Config {
  const { raw, origins } = rawFromCommandLine(values, env);
  return resolveConfig(raw, origins);
}
