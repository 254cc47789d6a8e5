/** `npm run docs:settings`: rewrites the README's settings tables from src/settings/table.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from '../src/settings/readme.js';

const file = new URL('../README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = withSettingsTable(before);
if (after === before) console.log('README.md: settings tables already up to date');
else {
  writeFileSync(file, after);
  console.log('README.md: settings tables rewritten');
}
