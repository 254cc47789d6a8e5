/**
 * A real OAI-PMH harvester (Perl HTTP::OAI's `oai_pmh`, Debian
 * libhttp-oai-perl) harvests over loopback HTTP: every record across
 * resumption tokens, deleted records, then a selective `from` harvest.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
let server: TestServer;

/** Runs oai_pmh and returns the records it printed (form-feed separated). */
async function harvest(args: string[]): Promise<{ identifier: string; status: string; body: string }[]> {
  const { stdout } = await run('oai_pmh', [...args, `${server.url}oai`], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\f')
    .filter((chunk) => chunk.includes('identifier: '))
    .map((chunk) => ({
      identifier: /identifier: (\S+)/.exec(chunk)?.[1] as string,
      status: /status: (\S*)/.exec(chunk)?.[1] ?? '',
      body: chunk,
    }));
}

beforeAll(async () => {
  server = await startTestServer({ listen: true, config: { baseIri: 'http://127.0.0.1/' } });
  const base = server.config.baseIri;
  await server.store.putGraphs([...samplePuts(base), ...generatedPuts(base, 243)]);
  await server.store.deleteGraphs([`${base}graph/skos/stw-1`]);
});
afterAll(() => server.close());

describe.skipIf(lacks('oai-harvester'))('oai_pmh (HTTP::OAI) harvesting libkg', () => {
  it('harvests every record across resumption tokens, deleted ones included', async () => {
    const records = await harvest(['--metadataPrefix', 'oai_dc']);
    // 7 samples + 243 generated = 250 records: three pages of at most 100.
    expect(records).toHaveLength(250);
    expect(new Set(records.map((r) => r.identifier)).size).toBe(250);
    const deleted = records.filter((r) => r.status === 'deleted').map((r) => r.identifier);
    expect(deleted).toEqual([`${server.config.baseIri}graph/skos/stw-1`]);
    const work = records.find((r) => r.identifier.endsWith('/graph/catalog/gen42'));
    expect(work?.body).toContain('<dc:title xml:lang="en">Generated work 42</dc:title>');
  }, 60_000);

  it('harvests selectively from a datestamp', async () => {
    const all = await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc']);
    expect(all).toHaveLength(250);
    await new Promise((r) => setTimeout(r, 1100));
    const from = new Date().toISOString().slice(0, 19) + 'Z';
    const base = server.config.baseIri;
    await server.store.putGraphs(generatedPuts(base, 3, 1000));
    const fresh = await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc', '--from', from]);
    expect(fresh.map((r) => r.identifier)).toEqual([0, 1, 2].map((i) => `${base}graph/catalog/gen${1000 + i}`));
  }, 60_000);
});
