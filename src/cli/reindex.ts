import { openIndexFile, searchIndexPath } from '../search/service.js';
import { SearchSync } from '../search/sync.js';
import { baseIriGiven, settledBaseIri } from './base-iri.js';
import { openStore } from './open-store.js';
import { configFrom, parse, settingOptions, settingsHelp } from './options.js';
import { progressBar } from './progress.js';

const USAGE = `Usage: libkg reindex [options]

Rebuilds the search index (search.sqlite in the data dir, or LIBKG_SEARCH_INDEX)
from every record graph of the store. The server keeps the index current by
itself; use this after deleting or damaging the index file, or to compact it.
The data dir must not be in use by a running server.

Options:
${settingsHelp('reindex')}`;

export async function reindexCommand(args: string[]): Promise<number> {
  const { values } = parse(args, settingOptions('reindex'), false, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // The search index is keyed by the base IRI: take the data dir's, as the server does.
  const config = await settledBaseIri(configFrom(values), baseIriGiven(values));
  const store = await openStore(config);
  const index = openIndexFile(searchIndexPath(config.dataDir, config.searchIndex), config.baseIri);
  const bar = progressBar('graphs');
  const started = performance.now();
  try {
    const log = { info: () => {}, error: (obj: object, msg: string) => console.error(`${msg}: ${JSON.stringify(obj)}`) };
    // Alone on the data dir: large transactions, nobody waits on the event loop.
    const sync = new SearchSync(store, index, config.baseIri, log, { batch: 1000, rebuildBatch: 5000 });
    const graphs = await sync.rebuild((done, total) => bar.update(done, total));
    // Changes made while rebuilding (none: the data dir is locked) would be caught up here.
    await sync.catchUp();
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(`indexed ${index.count()} entities from ${graphs} graphs in ${seconds.toFixed(1)} s (up to change ${index.lastSeq()})`);
    return 0;
  } finally {
    bar.stop();
    index.close();
    await store.close();
  }
}
