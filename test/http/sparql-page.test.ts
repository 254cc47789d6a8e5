import N3 from 'n3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../src/http/sparql/examples.js';
import { launchChromium } from '../helpers/browser.js';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/b1> dct:title "Weaving the Web" ; dct:creator <http://example.org/tbl> .
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

describe.skipIf(lacks('chromium'))('/sparql query page (YASGUI) in a browser', () => {
  it('shows the example tabs, runs the first example and renders its rows, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) outside.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}sparql`);
    const tabs = (await page.locator('.tabsList').first().textContent()) ?? '';
    for (const ex of EXAMPLE_QUERIES) expect(tabs).toContain(ex.name);
    await page.locator('.yasqe_queryButton').first().click();
    await page.locator('.yasr', { hasText: 'Tim Berners-Lee' }).first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.yasr').first().textContent()).toContain('Weaving the Web');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 30_000);
});
