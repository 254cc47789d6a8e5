import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, START, settingsMarkdown, withSettingsTable } from '../../src/settings/readme.js';
import { SETTINGS } from '../../src/settings/table.js';

const README = new URL('../../README.md', import.meta.url);

describe("The README's settings table", () => {
  it('is the one the settings table generates', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme.includes(START) && readme.includes(END), `README.md lacks the markers ${START} … ${END}`).toBe(true);
    const inReadme = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(inReadme, 'README.md settings tables differ from src/settings/table.ts: run `npm run docs:settings`').toBe(settingsMarkdown());
  });

  it('has one row per setting, naming its environment variable, and keeps the text outside the markers', () => {
    const table = settingsMarkdown();
    for (const s of Object.values(SETTINGS)) expect(table).toContain(`| \`${s.env}\` |`);
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| flag'));
    expect(rows).toHaveLength(Object.keys(SETTINGS).length);
    const page = `before\n${START}\nold table\n${END}\nafter\n`;
    expect(withSettingsTable(page)).toBe(`before\n${START}\n${table}\n${END}\nafter\n`);
    expect(() => withSettingsTable('no markers')).toThrow(/needs the markers/);
  });
});
