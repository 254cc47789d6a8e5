import N3 from 'n3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/b1> a bibo:Book ; dct:title "Weaving the Web" ; dct:creator <http://example.org/tbl> .
<http://example.org/tbl> foaf:name "Tim Berners-Lee" .
`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  await server.store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(lacks('chromium'))('/graphql page in a browser', () => {
  it('runs the example query and shows the nested JSON result, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) outside.push(r.url());
    });
    await page.goto(`${server.url}graphql`);
    await page.click('#run');
    await page.locator('#result', { hasText: '"data"' }).waitFor();
    const result = JSON.parse((await page.textContent('#result')) ?? '');
    expect(result.data).toEqual([
      { id: 'http://example.org/b1', title: 'Weaving the Web', creator: [{ id: 'http://example.org/tbl', name: 'Tim Berners-Lee' }] },
    ]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows a query error from the server in the result box', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}graphql`);
    await page.fill('#query', '{ title @single');
    await page.click('#run');
    await page.locator('#result.error', { hasText: 'BAD_REQUEST' }).waitFor();
    expect(await page.textContent('#result')).toContain('BAD_REQUEST');
    await page.close();
  });
});
