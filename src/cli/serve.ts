import { existsSync } from 'node:fs';
import { buildApp, tokenHashesOf } from '../app.js';
import type { ImportSummary } from '../ingest/types.js';
import { baseIriGiven, settledBaseIri } from './base-iri.js';
import { FIXTURES_DIR, loadDemo } from './demo-load.js';
import { openStore } from './open-store.js';
import { configFrom, parse, settingOptions, settingsHelp } from './options.js';
import { browsableUrl, humanLogStream, startMessage } from './terminal.js';

const USAGE = `Usage: libkg serve [options]

Serves SPARQL, linked data and harvesting endpoints. On first start with an empty
data dir it loads the demo data from fixtures/.

Options:
${settingsHelp('serve')}

Write tokens: \`libkg token create\`, or LIBKG_WRITE_TOKENS=tok1,tok2.`;

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parse(args, settingOptions('serve'), false, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const given = configFrom(values);
  const config = await settledBaseIri(given, baseIriGiven(values), given);
  const store = await openStore(config, config.engines);
  // A person at a terminal reads short lines and a start message; anything else gets pino's JSON lines.
  const human = process.stdout.isTTY === true;
  const logStream = human ? humanLogStream(process.stdout) : undefined;
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store), logStream });
  let demo: ImportSummary | undefined;
  const quarantined = store.stats().quarantined ?? [];
  if (quarantined.length)
    app.log.warn({ quarantined }, `${quarantined.length} graph(s) of the journal do not load and are left out; run \`libkg check\` and \`libkg repair\``);

  if (config.loadDemo && store.metadata('demo-loaded') === undefined && store.size() === 0 && existsSync(FIXTURES_DIR)) {
    // On a terminal the start message sums it up; the record-by-record list is for debugging there.
    demo = await loadDemo(store, { baseIri: config.baseIri, timeoutMs: config.queryTimeoutMs }, app.log, (text) => app.log[human ? 'debug' : 'info'](text));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    // buildApp's close drains requests in flight (with a grace period) before the store closes.
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const url = browsableUrl(app.server.address(), config.port);
  if (human) process.stdout.write(startMessage({ url, quads: store.size(), dataDir: config.dataDir, requestLog: config.requestLog, demo }));
  else app.log.info({ url: `${url}/`, quads: store.size() }, 'libkg ready');
  return -1; // keep running
}
