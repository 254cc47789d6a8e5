/** The README's settings tables, made from the settings table (`npm run docs:settings` writes them). */
import { shownDefault } from './cli.js';
import { entries } from './resolve.js';
import { COMMANDS, GROUPS, type Group, type Setting } from './table.js';

export const START = '<!-- SETTINGS:START (generated from src/settings/table.ts by `npm run docs:settings`; do not edit) -->';
export const END = '<!-- SETTINGS:END -->';

const cell = (markdown: string) => markdown.replaceAll('|', '\\|');
const code = (text: string) => `\`${cell(text)}\``;

function flagCell(s: Setting<unknown>): string {
  if (!s.flag) return '';
  const { name, negates, commands } = s.flag;
  const flag = negates ? `${code(`--${name}`)} (sets false)` : code(`--${name} ${s.kind.arg}`);
  // Flags of one command only say so (the others are serve's, or every command's).
  const only = commands && commands.length < COMMANDS.length && !(commands.length === 1 && commands[0] === 'serve');
  return only ? `${flag} (${commands.map((c) => `\`libkg ${c}\``).join(', ')})` : flag;
}

function row(s: Setting<unknown>): string {
  const def = shownDefault(s);
  const shown = s.defaultText !== undefined ? cell(s.defaultText) : def ? code(def) : '';
  const meaning = `${s.help}${s.more ? `${/^[;,.]/.test(s.more) ? '' : ' '}${s.more}` : ''}`;
  return `| ${flagCell(s)} | ${code(s.env)} | ${shown} | ${cell(meaning)} |`;
}

/** One table per group, in the order of GROUPS. */
export function settingsMarkdown(): string {
  const all = entries().map(([, s]) => s);
  const parts: string[] = [];
  for (const [group, title] of Object.entries(GROUPS) as [Group, string][]) {
    const rows = all.filter((s) => s.group === group).map(row);
    parts.push(`**${title}**\n\n| flag | environment | default | meaning |\n|---|---|---|---|\n${rows.join('\n')}`);
  }
  return parts.join('\n\n');
}

/** The README with the text between the markers replaced; throws when a marker is missing. */
export function withSettingsTable(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, from + START.length)}\n${settingsMarkdown()}\n${readme.slice(to)}`;
}
