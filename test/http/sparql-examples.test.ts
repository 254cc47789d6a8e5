/**
 * The query page's example queries, run through /sparql on demo data from
 * fixtures/ (the files `npm start` loads), each must return rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../src/http/sparql/examples.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const FILES = [
  'catalog/marc4j-chabon.mrc',
  'patents/ep-grant-v1-4-B2.xml',
  'patents/US06337117.xml',
  'datasets/datacite-xml/kernel-4.4-datacite-example-fundingReference-v4.xml',
  'datasets/datacite-xml/kernel-4.7-datacite-example-full-v4.xml',
  'usage/counter-r5.0/Sample-TR.json',
];

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  const summary = await importFixtures(s.store, s.config.baseIri, FILES);
  expect(summary.rejected).toBe(0);
}, 30_000);
afterAll(() => s.close());

type Row = Record<string, { value: string }>;

async function run(name: string): Promise<Row[]> {
  const ex = EXAMPLE_QUERIES.find((e) => e.name === name);
  if (!ex) throw new Error(`no example named ${name}`);
  const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: ex.query });
  expect(r.statusCode).toBe(200);
  return r.json().results.bindings;
}

describe('example queries on the demo data', () => {
  it('Authors of a work names the creators of Chabon records', async () => {
    const rows = await run('Authors of a work');
    expect(rows.some((r) => /Chabon/.test(r.name?.value ?? ''))).toBe(true);
  });

  it('Patents citing a work lists what each patent cites', async () => {
    const rows = await run('Patents citing a work');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.patent && r.cited)).toBe(true);
    expect(rows.some((r) => r.citedTitle)).toBe(true);
  });

  it('Datasets by funder counts datasets per funder with its name', async () => {
    const rows = await run('Datasets by funder');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.funderName && Number(r.datasets?.value) >= 1)).toBe(true);
  });

  it('Most used works this year sums usage in the latest year', async () => {
    const rows = await run('Most used works this year');
    expect(rows.length).toBeGreaterThan(0);
    const uses = rows.map((r) => Number(r.uses?.value));
    expect(uses).toEqual([...uses].sort((a, b) => b - a));
  });
});
