import { LibkgError } from '../errors.js';
import { importPaths } from '../ingest/pipeline.js';
import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg restore [options] <dump file>

Loads a dump made by \`libkg dump\` (N-Quads or TriG, optionally .gz) into an empty data dir:
named graphs become record graphs again, default-graph quads go to the default graph.

Options:
${STORE_HELP}`;

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, STORE_OPTIONS, true, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new LibkgError('USAGE', `name exactly one dump file\n\n${USAGE}`);
  const config = configFrom(values);
  const store = await openStore(config);
  const bar = progressBar('bytes');
  try {
    if (store.size() > 0) throw new LibkgError('USAGE', `data dir ${config.dataDir} is not empty (${store.size()} quads); restore needs an empty one`);
    const summary = await importPaths(store, positionals, {
      baseIri: config.baseIri,
      format: 'rdf',
      restore: true,
      onProgress: (p) => bar.update(p.bytes, p.totalBytes),
    });
    bar.stop();
    if (summary.rejected) {
      console.error(summary.rejections.map((r) => `${r.file}: ${r.reason}`).join('\n'));
      return 3;
    }
    console.log(`restored ${store.size()} quads in ${store.listGraphs().length} graphs`);
    return 0;
  } finally {
    bar.stop();
    await store.close();
  }
}
