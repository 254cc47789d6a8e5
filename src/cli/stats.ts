import { openStore } from './open-store.js';
import { configFrom, parse, STORE_HELP, STORE_OPTIONS } from './options.js';

const USAGE = `Usage: libkg stats [options]

Prints the store's size, budget, graph count and change-log position as JSON.

Options:
${STORE_HELP}`;

export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parse(args, STORE_OPTIONS, false, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const store = await openStore(configFrom(values));
  try {
    const { engines: _engines, ...stats } = store.stats();
    console.log(JSON.stringify(stats, null, 2));
    return 0;
  } finally {
    await store.close();
  }
}
