/**
 * Full OAI-PMH harvest: generates N catalog records into a temporary store,
 * serves the real app on loopback and harvests ListRecords (oai_dc by
 * default) page by page with resumption tokens, as a harvester would.
 * Prints records/s and the total time (target: 100k records in < 60 s).
 *   npx tsx bench/oai-harvest.ts [--records 100000] [--prefix oai_dc] [--page-size 100] [--set type:work]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { resolveConfig } from '../src/config.js';
import { oaiPlugin } from '../src/http/oai/index.js';
import { EmbeddedStore } from '../src/store/embedded.js';
import { generatedPuts } from '../test/fixtures/oai/sample-records.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    prefix: { type: 'string', default: 'oai_dc' },
    'page-size': { type: 'string', default: '100' },
    set: { type: 'string' },
  },
});
const RECORDS = Number(args.records);
const dir = mkdtempSync(join(tmpdir(), 'libkg-oai-bench-'));
const config = resolveConfig({ dataDir: dir, logLevel: 'warn', loadDemo: false, quadBudget: RECORDS * 10 + 1_000_000 } as never);
const store = await EmbeddedStore.open({
  dataDir: dir,
  quadBudget: config.quadBudget,
  engines: 1,
  queryTimeoutMs: 600_000,
  maxResultBytes: config.maxResultBytes,
});

try {
  let t = performance.now();
  for (let i = 0; i < RECORDS; i += 5000) await store.putGraphs(generatedPuts(config.baseIri, Math.min(5000, RECORDS - i), i));
  console.log(`loaded ${RECORDS} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The OAI plugin alone: the figure is the protocol's cost, not the other surfaces' start-up.
  const app = Fastify({ logger: false });
  await app.register(oaiPlugin, { store, baseIri: config.baseIri, pageSize: Number(args['page-size']) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/oai`;

  t = performance.now();
  let query = `verb=ListRecords&metadataPrefix=${args.prefix}${args.set ? `&set=${args.set}` : ''}`;
  let records = 0;
  let requests = 0;
  let bytes = 0;
  for (;;) {
    const body = await (await fetch(`${url}?${query}`)).text();
    requests++;
    bytes += body.length;
    records += body.split('<record>').length - 1;
    const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(body)?.[1];
    if (!token) break;
    query = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `harvested ${records} records (${args.prefix}) in ${requests} requests, ${(bytes / 1e6).toFixed(1)} MB: ${seconds.toFixed(1)} s, ${Math.round(records / seconds)} records/s`,
  );
  if (records !== RECORDS) console.log(`WARNING: expected ${RECORDS} records`);
  console.log(`target < 60 s for 100000 records: ${seconds < (60 * RECORDS) / 100_000 ? 'met' : 'MISSED'}`);
  await app.close();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
