/**
 * Command line for the usage event log generator (src/ingest/usage/generate.ts).
 *   npx tsx bench/gen-usage-events.ts --help
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { csvHeader, type GenerateOptions, generateEvents, newTotals, toCsvLine, toNdjsonLine } from '../src/ingest/usage/generate.js';

const HELP = `Generate a synthetic usage event log (CSV or NDJSON) for libkg's usage-events reader.

Usage: npx tsx bench/gen-usage-events.ts [options]

  --events N          approximate number of events (default 10000)
  --seed N            PRNG seed; the same options give the same log (default 1)
  --format csv|ndjson output format (default csv)
  --out FILE          output file (default: standard output)
  --items FILE        item identifiers, one per line (DOIs, ISBNs, local ids); '#' lines ignored
  --synthetic-items N number of synthetic DOIs 10.5555/libkg-usage.N when --items is not given (default 1000)
  --start YYYY-MM-DD  first day (default 2024-01-01)
  --months N          months covered (default 3)
  --zipf S            Zipf exponent of item popularity (default 1.1)
  --bot-share X       share of robot sessions (default 0.1)
  --double-click X    share of human clicks repeated within 20 s (default 0.05)
  --users N           number of distinct synthetic users (default 300)
  --platform NAME     platform column value (default: none, the reader assumes 'local')
  --help              this text

Prints to standard error the numbers of events, robot events and double clicks,
and the COUNTER totals the log must aggregate to.`;

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    items: { type: 'string' },
    'synthetic-items': { type: 'string' },
    start: { type: 'string' },
    months: { type: 'string' },
    zipf: { type: 'string' },
    'bot-share': { type: 'string' },
    'double-click': { type: 'string' },
    users: { type: 'string' },
    platform: { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const format = values.format ?? 'csv';
if (format !== 'csv' && format !== 'ndjson') {
  console.error(`--format must be csv or ndjson, not ${format}`);
  process.exit(2);
}
const opts: GenerateOptions = {
  events: num(values.events),
  seed: num(values.seed),
  items: values.items
    ? readFileSync(values.items, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : undefined,
  syntheticItems: num(values['synthetic-items']),
  start: values.start,
  months: num(values.months),
  zipf: num(values.zipf),
  botShare: num(values['bot-share']),
  doubleClickShare: num(values['double-click']),
  users: num(values.users),
  platform: values.platform,
};
for (const [k, v] of Object.entries(opts)) {
  if (typeof v === 'number' && Number.isNaN(v)) {
    console.error(`--${k}: not a number`);
    process.exit(2);
  }
}

const out = values.out ? createWriteStream(values.out) : process.stdout;
const totals = newTotals();
const line = format === 'csv' ? toCsvLine : toNdjsonLine;
let buf = format === 'csv' ? csvHeader() : '';
for (const e of generateEvents(opts, totals)) {
  buf += line(e);
  if (buf.length < 1 << 16) continue;
  const drained = out.write(buf);
  buf = '';
  if (!drained) await once(out, 'drain');
}
out.end(buf);
console.error(JSON.stringify(totals));
