import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { LibkgError } from '../errors.js';
import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg dump [options]

Writes every quad of the store (all record graphs and the default graph).

Options:
  --format nquads|trig  serialization (default nquads)
  --gzip                gzip the output
  -o, --output FILE     write to FILE instead of standard output
${STORE_HELP}`;

export async function dumpCommand(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { ...STORE_OPTIONS, format: { type: 'string' }, gzip: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
    false,
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const fmt = (values.format as string | undefined) ?? 'nquads';
  if (fmt !== 'nquads' && fmt !== 'trig') throw new LibkgError('USAGE', `--format must be nquads or trig, got ${fmt}`);
  const config = configFrom(values);
  const store = await openStore(config);
  const file = values.output ? createWriteStream(values.output as string) : process.stdout;
  const gzip = values.gzip ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const out = gzip ?? file;
  const bar = progressBar('quads');
  try {
    const total = store.size();
    const n = await store.dump(out, fmt === 'trig' ? 'application/trig' : 'application/n-quads', (q) => bar.update(q, total));
    bar.stop();
    if (out !== process.stdout) {
      out.end();
      await finished(file);
    }
    console.error(`dumped ${n} quads`);
    return 0;
  } finally {
    bar.stop();
    await store.close();
  }
}
